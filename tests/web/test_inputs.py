"""Finding 5 of issue 13: odd paths and long names answer 4xx in Chinese (never 500), evidence
is served only to those who may see the item, and junk unit names are refused, not created."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from taizhang.store import Ledger

from .conftest import OTHER_UNIT, OWN_UNIT, item_of, login, make_client, seed_ledger

LONG = "长" * 300


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_ledger(request: pytest.FixtureRequest) -> Ledger:
    # String(100) and String(200) columns refuse long values only on PostgreSQL
    return request.getfixturevalue("ledger" if request.param == "sqlite" else "pg_ledger")


@pytest.fixture(scope="module", params=["sqlite",
                                        pytest.param("postgresql", marks=pytest.mark.postgres)])
def refusing(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
             ) -> Iterator[tuple[Ledger, TestClient, str]]:
    """One ledger per database for the module's refusals (a refused write changes nothing,
    so they can share it) and an administrator logged in to it."""
    tmp = tmp_path_factory.mktemp("inputs")
    name = None
    if request.param == "sqlite":
        lg = Ledger(f"sqlite:///{tmp / 'web.db'}")
    else:
        import uuid

        import psycopg

        name = f"taizhang_inputs_{uuid.uuid4().hex[:8]}"
        with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
            c.execute(f'CREATE DATABASE "{name}"')
        lg = Ledger(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
    try:
        seed_ledger(lg)
        client = make_client(lg, tmp)
        yield lg, client, login(client, "admin")
    finally:
        lg.close()
        if name:
            import psycopg

            with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres",
                                 autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _report_with_proof(client: TestClient, token: str, item_id: int) -> str:
    r = client.post(f"/tasks/{item_id}/report", data={"csrf_token": token, "percent": "30",
                                                      "text": "已上传佐证"},
                    files={"evidence": ("进展.pdf", b"%PDF-1.4 proof", "application/pdf")},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    page = client.get(f"/tasks/{item_id}").text
    return re.search(r'href="/evidence/(\d+/[0-9a-f]{8}-[^"]+)"', page).group(1)


def test_evidence_goes_only_to_the_units_on_the_item_the_office_and_leaders(
        client: TestClient, ledger: Ledger, tmp_path: Path) -> None:
    item = item_of(ledger, OWN_UNIT)
    token = login(client, "fgw")
    rel = _report_with_proof(client, token, item.id)
    assert client.get(f"/evidence/{rel}").content == b"%PDF-1.4 proof"
    for user, allowed in (("admin", True), ("leader", True)):
        other = make_client(ledger, tmp_path)
        login(other, user)
        r = other.get(f"/evidence/{rel}")
        assert (r.status_code == 200) is allowed
        assert r.headers["content-disposition"].startswith("attachment")
    # a reporter of a unit not on the item: refused, whatever the name
    outsider_unit = ledger.resolve_unit("沈阳市", OTHER_UNIT)
    assert outsider_unit.name not in item.units
    from taizhang.web.auth import hash_password

    ledger.create_user("wjm", hash_password("outsider-pass-1"), "reporter", unit_id=outsider_unit.id)
    outsider = make_client(ledger, tmp_path)
    login(outsider, "wjm", "outsider-pass-1")
    r = outsider.get(f"/evidence/{rel}")
    assert r.status_code == 403 and "佐证材料只对其责任单位" in r.text


@pytest.mark.parametrize("path", [
    pytest.param("/evidence/3/%00", id="nul"),
    pytest.param("/evidence/3/" + "a" * 300, id="300_characters"),
    pytest.param("/evidence/3/" + "长" * 300, id="300_chinese"),
    pytest.param("/evidence/3/..%2F..%2Fweb.db", id="dotdot"),
    pytest.param("/evidence/3/0a1b2c3d-%E8%BF%9B%E5%B1%95.pdf", id="not_in_any_report"),
    pytest.param("/evidence/99999/0a1b2c3d-x.pdf", id="no_such_item"),
    pytest.param("/tasks/%00", id="task_nul"),
    pytest.param("/units/by-name?name=" + "长" * 300, id="unit_300"),
    pytest.param("/documents/" + "9" * 30, id="huge_id"),
    pytest.param("/tasks?q=" + "长" * 300, id="search_300"),
    pytest.param("/calendar?month=" + "9" * 300, id="month_300"),
])
def test_odd_paths_answer_in_chinese_without_a_500(refusing: tuple[Ledger, TestClient, str],
                                                   path: str) -> None:
    r = refusing[1].get(path)
    assert r.status_code < 500, (r.status_code, r.text[:300])
    if r.status_code >= 400:
        assert re.search(r"[\u4e00-\u9fff]", r.text) and "Traceback" not in r.text


@pytest.mark.parametrize("name", [
    pytest.param("<img src=x onerror=alert(1)>局", id="markup"),
    pytest.param("=1+2局", id="formula"),
    pytest.param("@SUM(A1)局", id="at_formula"),
    pytest.param(LONG, id="300_characters"),
    pytest.param("x", id="no_chinese"),
])
def test_a_correction_naming_a_junk_unit_is_refused_and_writes_nothing(
        name: str, refusing: tuple[Ledger, TestClient, str]) -> None:
    any_ledger, client, token = refusing
    item = item_of(any_ledger, OWN_UNIT)
    units_before = [(u.jurisdiction, u.name) for u in any_ledger.list_units()]
    audit_before = any_ledger.latest_audit_id()
    r = client.post(f"/documents/{item.document_id}/items/{item.id}",
                    data={"csrf_token": token, "version": str(item.version),
                          "title": "改了标题", "support": f"市财政局、{name}"})
    assert r.status_code == 400 and "单位名称" in r.text, r.text[:300]
    assert [(u.jurisdiction, u.name) for u in any_ledger.list_units()] == units_before
    assert any_ledger.latest_audit_id() == audit_before  # not even the title: all or nothing
    assert any_ledger.get_item(item.id).title == item.title
    api = client.post(f"/api/items/{item.id}/corrections", json={"field": "lead", "value": name},
                      headers={"X-CSRF-Token": token})
    assert api.status_code == 400 and "单位名称" in api.json()["error"]["message"]


def test_long_values_in_forms_are_refused_or_shortened_on_both_databases(
        any_ledger: Ledger, tmp_path: Path) -> None:
    client = make_client(any_ledger, tmp_path)
    token = login(client, "admin")
    item = item_of(any_ledger, OWN_UNIT)
    posts: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = [
        ("/users", {"username": LONG, "password": "long-enough-9", "role": "leader"}, None),
        ("/users", {"username": "ok-name", "password": "p" * 300, "role": "leader"}, None),
        ("/documents", {"jurisdiction": LONG}, {"file": ("a.txt", "一、任务\n".encode(), "text/plain")}),
        (f"/documents/{item.document_id}/items/{item.id}",
         {"version": str(item.version), "rrule": "FREQ=" + "Y" * 300}, None),
        (f"/documents/{item.document_id}/items/{item.id}",
         {"version": str(item.version), "leaders": LONG}, None),
        ("/duban", {"item_id": str(item.id), "reason": LONG, "reply_due": "2019-07-01"}, None),
        (f"/tasks/{item.id}/report", {"text": LONG * 10, "percent": "10",
                                      "version": str(item.version)}, None),
    ]
    for path, data, files in posts:
        r = client.post(path, data={"csrf_token": token, **data}, files=files,
                        follow_redirects=False)
        assert r.status_code < 500, (path, r.status_code, r.text[:300])
        if r.status_code >= 400:
            assert re.search(r"[\u4e00-\u9fff]", r.text), path
    # an upload whose name is 300 characters is stored under a shortened name
    r = client.post("/documents", data={"csrf_token": token, "jurisdiction": "沈阳市"},
                    files={"file": ("长" * 300 + ".txt",
                                    "关于测试的通知\n一、做好测试工作（牵头单位：市财政局）。\n".encode(),
                                    "text/plain")}, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    doc = any_ledger.list_documents()[-1]
    assert len(doc.source) <= 120 and doc.source.endswith(".txt")
    assert any_ledger.get_user(LONG) is None


def test_the_oversize_message_gives_the_real_size(client: TestClient) -> None:
    token = login(client, "admin")
    data = "通知".encode() * 50_000  # 300,000 bytes; the test app allows 200,000
    r = client.post("/documents", data={"csrf_token": token},
                    files={"file": ("big.txt", data, "text/plain")})
    assert r.status_code == 400
    assert "300000 字节" in r.text and "200000 字节" in r.text
    assert "200001" not in r.text  # the old message counted what it had read, not the file
