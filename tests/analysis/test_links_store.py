"""Report-once links on a real ledger: SQLite in a temp dir, and PostgreSQL on 127.0.0.1."""
from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from taizhang.analysis.links import suggest
from taizhang.analysis.sources import corpus_from_ledger
from taizhang.errors import InputError, NotFound, PermissionDenied
from taizhang.store import Ledger
from taizhang.store import links as store_links

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ledger(request: pytest.FixtureRequest, tmp_path: Path, seed_docs: list) -> Iterator[Ledger]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'links.db'}"
        drop = None
    else:
        from sqlalchemy import create_engine, text

        name = f"taizhang_links_{uuid.uuid4().hex[:8]}"
        admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"

        def drop() -> None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    led = Ledger(url)
    for doc in seed_docs:
        if doc.source.startswith(("000", "004")):
            led.ingest(doc, actor="test", jurisdiction="沈阳市")
    try:
        yield led
    finally:
        led.close()
        if drop:
            drop()


def _shenfu_pair(led: Ledger) -> tuple[int, int]:
    found = [s for s in suggest(corpus_from_ledger(led)) if "沈抚" in s.a.title + s.b.title]
    assert found, "the 沈抚 tasks of 000 and 004 should be suggested"
    ia, ib = found[0].item_ids("市发展改革委")
    assert ia and ib
    return ia, ib


def test_confirmed_link_makes_one_report_serve_both(ledger: Ledger) -> None:
    a, b = _shenfu_pair(ledger)
    link = store_links.confirm(ledger, b, a, actor="督查室王五", score=0.18)
    assert (link.item_a, link.item_b, link.unit) == (min(a, b), max(a, b), "市发展改革委")
    assert store_links.confirm(ledger, a, b, actor="督查室王五").id == link.id  # idempotent
    reports = store_links.report_once(ledger, a, unit="市发展改革委", actor="发改委张三",
                                      today=dt.date(2016, 6, 1), percent=40, text="规划已报批")
    assert [r.item_id for r in reports] == [a, b]
    for item_id in (a, b):
        last = ledger.reports(item_id)[-1]
        assert (last.text, last.percent, last.unit) == ("规划已报批", 40, "市发展改革委")
    actions = [e.action for e in ledger.history(b)]
    assert "link.confirm" in actions and "item.report" in actions and "link.report" in actions
    assert ledger.get_item(b).percent == 40


def test_unlinked_items_are_not_touched_and_removal_stops_sync(ledger: Ledger) -> None:
    a, b = _shenfu_pair(ledger)
    store_links.confirm(ledger, a, b, actor="督查室")
    store_links.remove(ledger, a, b, actor="督查室")
    assert store_links.list_links(ledger) == []
    assert store_links.list_links(ledger, include_removed=True)[0].state == "removed"
    reports = store_links.report_once(ledger, a, unit="市发展改革委", actor="x",
                                      today=dt.date(2016, 6, 1), text="只报本项")
    assert [r.item_id for r in reports] == [a]
    assert ledger.reports(b) == []
    with pytest.raises(NotFound):
        store_links.remove(ledger, a, b, actor="督查室")


def test_links_refuse_what_is_not_the_same_work(ledger: Ledger) -> None:
    a, b = _shenfu_pair(ledger)
    with pytest.raises(InputError, match="自己"):
        store_links.confirm(ledger, a, a, actor="x")
    with pytest.raises(InputError, match="不是任务"):
        store_links.confirm(ledger, a, b, actor="x", unit="市金融办")
    store_links.confirm(ledger, a, b, actor="x")
    # a unit that is on neither item may not report, and nothing is written
    with pytest.raises(PermissionDenied):
        store_links.report_once(ledger, a, unit="市金融办", actor="x", today=dt.date(2016, 6, 1),
                                text="不该记下")
    assert ledger.reports(a) == [] and ledger.reports(b) == []
