"""A report through /api is one transaction: the item read once (with its units, their last
reports and whether it has links), the permission check on that read, then the writes.

On SQLite and PostgreSQL alike: what a unit leaves out carries over from that unit's own last
report, a stale version or a missing item writes nothing, and on PostgreSQL the whole report
takes one connection and five statements (it took two connections and nine).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from taizhang.store import Ledger

from .conftest import OWN_UNIT, TODAY, login, make_client


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_ledger(request: pytest.FixtureRequest) -> Iterator[Ledger]:
    yield request.getfixturevalue("ledger" if request.param == "sqlite" else "pg_ledger")


def _shared_item(ledger: Ledger) -> Any:
    """A one-off item (a recurring one reads its dated reports too) the reporter's unit
    leads, with a supporting unit."""
    return next(i for i in ledger.list_items(unit=OWN_UNIT, jurisdiction="沈阳市", role="lead",
                                             today=TODAY) if i.support and not i.rrule)


def _post(client: TestClient, token: str, item_id: int, **body: Any) -> Any:
    return client.post(f"/api/items/{item_id}/reports", json=body,
                       headers={"X-CSRF-Token": token})


def test_each_unit_carries_over_its_own_last_report(any_ledger: Ledger, tmp_path: Path) -> None:
    item = _shared_item(any_ledger)
    helper = item.support[0]
    reporter, admin = make_client(any_ledger, tmp_path), make_client(any_ledger, tmp_path)
    rtoken, atoken = login(reporter, "fgw"), login(admin, "admin")
    r = _post(reporter, rtoken, item.id, percent=30, text="牵头单位进展", problems="资金缺口")
    assert r.status_code == 200, r.text
    assert r.json()["item"]["version"] == item.version + 1
    assert r.json()["item"]["light"] is not None  # the item comes back with its light
    r = _post(admin, atoken, item.id, unit=helper, percent=80, text="配合单位进展")
    assert r.status_code == 200, r.text
    # the lead leaves text and problems out: its own, not the supporting unit's, carry over
    r = _post(reporter, rtoken, item.id, percent=50)
    assert r.status_code == 200, r.text
    got = [(x.unit, x.percent, x.text, x.problems) for x in any_ledger.reports(item.id)]
    assert got == [(OWN_UNIT, 30, "牵头单位进展", "资金缺口"), (helper, 80, "配合单位进展", ""),
                   (OWN_UNIT, 50, "牵头单位进展", "资金缺口")]
    now = any_ledger.get_item(item.id)
    assert (now.percent, now.version) == (50, item.version + 3)  # a supporting unit: no percent
    trail = [e for e in any_ledger.history(item.id) if e.action == "item.report"]
    assert [e.after["report_id"] for e in trail] == [x.id for x in any_ledger.reports(item.id)]


def test_stale_version_and_missing_item_write_nothing(any_ledger: Ledger,
                                                      tmp_path: Path) -> None:
    item = _shared_item(any_ledger)
    client = make_client(any_ledger, tmp_path)
    token = login(client, "fgw")
    before = len(any_ledger.audit_log())
    r = _post(client, token, item.id, percent=10, expected_version=item.version + 5)
    assert r.status_code == 409 and r.json()["error"]["code"] == "StaleEdit"
    r = _post(client, token, 999_999, percent=10)
    assert r.status_code == 404 and r.json()["error"]["code"] == "NotFound"
    assert any_ledger.reports(item.id) == [] and len(any_ledger.audit_log()) == before
    assert any_ledger.get_item(item.id).version == item.version


@pytest.mark.postgres
def test_a_report_is_one_session_read_and_five_statements(pg_ledger: Ledger,
                                                        tmp_path: Path) -> None:
    item = _shared_item(pg_ledger)
    client = make_client(pg_ledger, tmp_path)
    token = login(client, "fgw")
    # the first report of a Ledger checks once that the links table is there: not counted
    assert _post(client, token, item.id, percent=10).status_code == 200
    statements: list[str] = []
    checkouts: list[int] = []

    def on_sql(conn: Any, cursor: Any, sql: str, *_: Any) -> None:
        statements.append(sql.split(None, 1)[0])

    def on_checkout(*_: Any) -> None:
        checkouts.append(1)

    event.listen(pg_ledger.engine, "before_cursor_execute", on_sql)
    event.listen(pg_ledger.engine.pool, "checkout", on_checkout)
    try:
        r = _post(client, token, item.id, percent=20, text="一次事务")
    finally:
        event.remove(pg_ledger.engine, "before_cursor_execute", on_sql)
        event.remove(pg_ledger.engine.pool, "checkout", on_checkout)
    assert r.status_code == 200, r.text
    # who is asking: the server-side session, looked up by its token's digest (its last-seen
    # time is written at most once a minute, not now); then the report in one transaction:
    # the item (with its links flag), its units with their last reports, then the writes
    assert statements == ["SELECT", "SELECT", "SELECT", "UPDATE", "INSERT", "INSERT"]
    assert len(checkouts) == 2
