"""督办 with its docx, the unit's fill-in sheet round trip, exports, the API schema and errors."""
from __future__ import annotations

import io

import openpyxl
from docx import Document as Docx
from fastapi.testclient import TestClient

from taizhang.store import Ledger

from .conftest import OTHER_UNIT, OWN_UNIT, item_of, login


def test_duban_issue_answer_escalate_close_and_docx(client: TestClient, ledger: Ledger) -> None:
    admin = TestClient(client.app)
    a_token = login(admin, "admin")
    item = item_of(ledger, OWN_UNIT)
    r = admin.post("/duban", data={"csrf_token": a_token, "item_id": item.id, "level": "reminder",
                                   "reason": "进度滞后于序时进度", "reply_due": "2019-06-10"},
                   follow_redirects=False)
    assert r.status_code == 303
    notice = ledger.list_duban(item_id=item.id)[0]
    assert notice.number.startswith("督办〔2019〕") and notice.state.value == "open"
    docx = admin.get(f"/duban/{notice.id}/notice.docx")
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Docx(io.BytesIO(docx.content)).paragraphs)
    assert notice.number in text and "督办通知单" in text

    r_token = login(client, "fgw")
    r = client.post(f"/duban/{notice.id}/answer", data={"csrf_token": r_token,
                                                        "text": "已召开专题会议推进"})
    assert r.status_code == 200  # followed the redirect back to the notice
    assert ledger.get_duban(notice.id).reply_text == "已召开专题会议推进"
    assert client.post(f"/duban/{notice.id}/close", data={"csrf_token": r_token}).status_code == 403

    r = admin.post(f"/duban/{notice.id}/escalate", data={"csrf_token": a_token, "reason": "仍滞后"})
    assert r.status_code == 200 and ledger.get_duban(notice.id).level.value == "duban"
    assert admin.post(f"/duban/{notice.id}/close", data={"csrf_token": a_token}).status_code == 200
    assert ledger.get_duban(notice.id).state.value == "closed"
    assert "已办结" in admin.get("/duban").text


def test_reporter_cannot_answer_another_units_notice(client: TestClient, ledger: Ledger) -> None:
    item = item_of(ledger, OTHER_UNIT)
    # on its first day the item is green: a notice then takes the office's force
    notice = ledger.issue_duban(item.id, actor="admin", today=item.start or item.due, force=True)
    token = login(client, "fgw")
    r = client.post(f"/duban/{notice.id}/answer", data={"csrf_token": token, "text": "越权回复"})
    assert r.status_code == 403
    assert ledger.get_duban(notice.id).reply_text == ""


def test_fillin_sheet_round_trip_as_a_unit(client: TestClient, ledger: Ledger) -> None:
    token = login(client, "fgw")
    unit = ledger.resolve_unit("沈阳市", OWN_UNIT)
    r = client.get(f"/units/{unit.id}/fillin.xlsx")
    assert r.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    ws = book.worksheets[0]
    header_row = next(row for row in ws.iter_rows(min_row=1, max_row=10)
                      if any(c.value == "完成百分比" for c in row))
    col = {c.value: c.column for c in header_row}
    first = header_row[0].row + 1
    ws.cell(first, col["完成百分比"], 70)
    ws.cell(first, col["进展情况"], "已完成选址和立项")
    buf = io.BytesIO()
    book.save(buf)
    r = client.post(f"/units/{unit.id}/fillin", data={"csrf_token": token},
                    files={"file": ("填报表.xlsx", buf.getvalue(), "application/octet-stream")})
    assert r.status_code == 200 and "更新 1 项" in r.text
    reported = [i for i in ledger.list_items(unit=OWN_UNIT, jurisdiction="沈阳市")
                if i.last_report and i.last_report.text == "已完成选址和立项"]
    assert len(reported) == 1 and reported[0].last_report.percent == 70
    assert reported[0].last_report.actor == "fgw"


def test_fillin_upload_for_another_unit_is_403(client: TestClient, ledger: Ledger) -> None:
    token = login(client, "fgw")
    other = ledger.resolve_unit("沈阳市", OTHER_UNIT)
    r = client.post(f"/units/{other.id}/fillin", data={"csrf_token": token},
                    files={"file": ("x.xlsx", b"PK", "application/octet-stream")})
    assert r.status_code == 403


def test_bad_fillin_file_is_a_chinese_4xx(client: TestClient, ledger: Ledger) -> None:
    token = login(client, "fgw")
    unit = ledger.resolve_unit("沈阳市", OWN_UNIT)
    r = client.post(f"/units/{unit.id}/fillin", data={"csrf_token": token},
                    files={"file": ("填报表.xlsx", "不是表格".encode(), "application/octet-stream")})
    assert 400 <= r.status_code < 500 and "填报表.xlsx" in r.text


def test_ledger_xlsx_export_follows_the_filters(client: TestClient, ledger: Ledger) -> None:
    login(client, "leader")
    r = client.get("/export/ledger.xlsx", params={"unit": OWN_UNIT, "jurisdiction": "沈阳市"})
    assert r.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(r.content))
    values = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    leads = ledger.list_items(unit=OWN_UNIT, jurisdiction="沈阳市", role="lead")
    assert sum(1 for v in values if v == OWN_UNIT) == len(leads)
    assert not any(v == OTHER_UNIT for v in values)
    assert "filename*=UTF-8''" in r.headers["content-disposition"]


def test_calendar_subscription_link_is_signed(client: TestClient, ledger: Ledger) -> None:
    login(client, "leader")
    unit = ledger.resolve_unit("沈阳市", OWN_UNIT)
    page = client.get(f"/calendar?unit={unit.id}&month=2018-06").text
    link = next(part.split('"')[0] for part in page.split('href="') if part.startswith("/ics/"))
    anonymous = TestClient(client.app)
    r = anonymous.get(link)
    assert r.status_code == 200 and b"BEGIN:VCALENDAR" in r.content and b"VTODO" in r.content
    assert anonymous.get(link.replace(".ics", "x.ics")).status_code == 404


def test_api_schema_and_json_errors(client: TestClient, ledger: Ledger) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/items/{item_id}/reports" in schema["paths"]
    login(client, "leader")
    r = client.get("/api/items/999999")
    assert r.status_code == 404 and r.json()["error"]["code"] == "NotFound"
    r = client.get("/api/items", params={"unit": OWN_UNIT, "jurisdiction": "沈阳市", "limit": 3})
    body = r.json()
    assert body["total"] == len(ledger.list_items(unit=OWN_UNIT, jurisdiction="沈阳市"))
    assert len(body["items"]) == 3
    assert client.get("/tasks?due_before=明天").status_code == 400
    assert "不是有效日期" in client.get("/tasks?due_before=明天").text


def test_search_finds_chinese_text(client: TestClient, ledger: Ledger) -> None:
    login(client, "leader")
    page = client.get("/tasks", params={"q": "平台公司"}).text
    assert "管委会+平台公司" in page
    assert "共 0 项" in client.get("/tasks", params={"q": "完全不存在的词语组合"}).text


def test_dashboard_counts_and_filters(client: TestClient, ledger: Ledger) -> None:
    login(client, "admin")
    page = client.get("/").text
    total = len(ledger.list_items())
    assert f"共 {total} 项任务" in page and "<svg" in page and "各单位" in page
    page = client.get("/", params={"jurisdiction": "吉林省"}).text
    assert "共 0 项任务" in page
