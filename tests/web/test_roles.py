"""Roles: a reporter reports only on its unit's items (form and API); a leader only reads."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from taizhang.store import Ledger

from .conftest import OTHER_UNIT, OWN_UNIT, item_of, login, make_client


def _report(client: TestClient, token: str, item_id: int, **fields: str) -> object:
    data = {"csrf_token": token, "percent": "40", "text": "已完成前期调研", **fields}
    return client.post(f"/tasks/{item_id}/report", data=data, follow_redirects=False)


def test_reporter_reports_on_own_unit_item(client: TestClient, ledger: Ledger) -> None:
    token = login(client, "fgw")
    item = item_of(ledger, OWN_UNIT)
    r = _report(client, token, item.id, status="in_progress")
    assert r.status_code == 303
    reports = ledger.reports(item.id)
    assert [(x.unit, x.percent, x.text) for x in reports] == [(OWN_UNIT, 40, "已完成前期调研")]
    assert ledger.get_item(item.id).status.value == "in_progress"
    assert any(e.action == "item.report" and e.actor == "fgw" for e in ledger.history(item.id))


@pytest.mark.parametrize("via", ["form", "api"])
def test_reporter_gets_403_on_other_unit_item_and_nothing_changes(
        client: TestClient, ledger: Ledger, via: str) -> None:
    token = login(client, "fgw")
    item = item_of(ledger, OTHER_UNIT)
    before = (ledger.get_item(item.id).version, len(ledger.history(item.id)))
    if via == "form":
        r = _report(client, token, item.id, status="in_progress")
        assert r.status_code == 403
        assert "不属于您的单位" in r.text
    else:
        r = client.post(f"/api/items/{item.id}/reports", json={"percent": 50, "text": "越权"},
                        headers={"X-CSRF-Token": token})
        assert r.status_code == 403
        assert r.json()["error"]["code"] == "PermissionDenied"
    assert ledger.reports(item.id) == []
    assert (ledger.get_item(item.id).version, len(ledger.history(item.id))) == before


def test_reporter_cannot_upload_publish_or_issue_duban(client: TestClient, ledger: Ledger) -> None:
    token = login(client, "fgw")
    item = item_of(ledger, OWN_UNIT)
    files = {"file": ("x.txt", "关于做好某项工作的通知\n一、加强领导。".encode(), "text/plain")}
    assert client.post("/documents", data={"csrf_token": token}, files=files).status_code == 403
    assert client.post("/duban", data={"csrf_token": token, "item_id": item.id}).status_code == 403
    assert client.post(f"/tasks/{item.id}/status",
                       data={"csrf_token": token, "status": "suspended"}).status_code == 403
    assert ledger.list_duban() == []
    assert len(ledger.list_documents()) == 1


def test_leader_reads_everything_but_writes_nothing(client: TestClient, ledger: Ledger) -> None:
    token = login(client, "leader")
    item = item_of(ledger, OWN_UNIT)
    for path in ("/", "/tasks", f"/tasks/{item.id}", "/units", "/duban", "/calendar",
                 "/documents", "/documents/1"):
        assert client.get(path).status_code == 200, path
    assert 'id="report-form"' not in client.get(f"/tasks/{item.id}").text
    assert _report(client, token, item.id).status_code == 403
    r = client.post(f"/api/items/{item.id}/reports", json={"percent": 10},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 403 and "只能查看" in r.json()["error"]["message"]
    assert ledger.reports(item.id) == []


def test_reporter_form_is_prefilled_from_its_last_report(client: TestClient,
                                                         ledger: Ledger) -> None:
    token = login(client, "fgw")
    item = item_of(ledger, OWN_UNIT)
    _report(client, token, item.id, problems="用地指标紧张", next_steps="六月底前完成选址")
    page = client.get(f"/tasks/{item.id}").text
    assert "用地指标紧张" in page and "六月底前完成选址" in page and 'value="40"' in page
    # the quick form on the unit page sends only percent and text: the rest carries over
    r = _report(client, token, item.id, percent="60")
    assert r.status_code == 303
    last = ledger.reports(item.id)[-1]
    assert (last.percent, last.problems) == (60, "用地指标紧张")


def test_admin_reports_for_a_chosen_unit_of_the_item(client: TestClient, ledger: Ledger) -> None:
    token = login(client, "admin")
    item = item_of(ledger, OWN_UNIT)
    assert _report(client, token, item.id, unit=OWN_UNIT).status_code == 303
    r = _report(client, token, item.id, unit="市不存在局")
    assert r.status_code == 400 and "不是事项" in r.text


@pytest.mark.postgres
def test_roles_hold_on_postgresql(pg_ledger: Ledger, tmp_path: Path) -> None:
    client = make_client(pg_ledger, tmp_path)
    token = login(client, "fgw")
    own, other = item_of(pg_ledger, OWN_UNIT), item_of(pg_ledger, OTHER_UNIT)
    assert _report(client, token, own.id).status_code == 303
    assert _report(client, token, other.id).status_code == 403
    assert len(pg_ledger.reports(own.id)) == 1 and pg_ledger.reports(other.id) == []
    assert client.get("/tasks?q=平台公司").status_code == 200
