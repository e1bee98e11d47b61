"""The web app in Chromium, in the order an office uses it: upload and review a seed, correct and
publish, a unit reports and its light changes, a 督办 with its docx, the xlsx 台账, each role."""
from __future__ import annotations

import io
from typing import Any

import pytest

from .conftest import OWN_UNIT, PASSWORD, ROOT, TODAY, Server, new_page, shot

pytestmark = pytest.mark.browser
SEED = ROOT / "samples" / "001_78cdeab974107ec5.txt"


@pytest.fixture(scope="module")
def admin(browser: Any, server: Server) -> Any:
    return new_page(browser, server, "admin")


def test_1_upload_review_correct_publish(admin: Any, server: Server) -> None:
    admin.click("text=文件")
    admin.set_input_files("input[type=file]", str(SEED))
    admin.click("text=上传并解析")
    admin.wait_for_selector("#doctext")
    assert "草稿" in admin.inner_text("h1")
    assert admin.locator("#doctext mark.hl-lead").count() > 10
    assert admin.locator("#doctext mark.hl-deadline").count() > 0
    assert (admin.locator("#doctext mark.hl-lead").first.get_attribute("title") or "").startswith("牵头单位：")
    shot(admin, "review")
    form = admin.locator("form.taskform").first
    form.locator("input[name=lead]").fill("市财政局")
    form.locator("input[name=note]").fill("按原文核对更正")
    form.locator("button[type=submit]").click()
    admin.wait_for_selector(".flash")
    assert "牵头单位" in admin.inner_text(".flash")
    assert "按原文核对更正" in admin.inner_text("body")
    admin.click("#publish")
    admin.wait_for_selector(".flash")
    assert "已发布" in admin.inner_text(".flash")
    doc = server.ledger.list_documents()[0]
    assert doc.state.value == "published"
    first = server.ledger.list_items(document=doc.id)[0]
    assert first.lead == "市财政局"


def test_2_create_reporter_in_the_users_page(admin: Any, server: Server) -> None:
    unit = server.ledger.resolve_unit("沈阳市", OWN_UNIT)
    admin.goto(f"{server.url}/users")
    admin.fill("input[name=username]", "fgw")
    admin.fill("input[name=password]", PASSWORD)
    admin.select_option("select[name=role]", "reporter")
    admin.select_option("select[name=unit_id]", str(unit.id))
    admin.click("form[action='/users'] button[type=submit]")
    admin.wait_for_selector(".flash")
    assert server.ledger.get_user("fgw").unit_id == unit.id


def _lagging_item(server: Server) -> Any:
    items = server.ledger.list_items(unit=OWN_UNIT, jurisdiction="沈阳市", role="lead",
                                     today=TODAY)
    return next(i for i in items if i.light and i.light.value == "yellow"
                and len(i.light_reasons) == 1 and "序时进度" in i.light_reasons[0])


def test_3_unit_reports_and_the_light_changes(browser: Any, server: Server) -> None:
    page = new_page(browser, server, "fgw")
    unit = server.ledger.resolve_unit("沈阳市", OWN_UNIT)
    page.goto(f"{server.url}/units/{unit.id}")
    shot(page, "unit")
    item = _lagging_item(server)
    page.goto(f"{server.url}/tasks/{item.id}")
    assert page.inner_text("h1 .light") == "黄灯"
    page.select_option("#report-form select[name=status]", "in_progress")
    page.fill("#report-form input[name=percent]", "60")
    page.fill("#report-form textarea[name=text]", "已完成项目选址，正在办理用地手续")
    page.click("#report-form button[type=submit]")
    page.wait_for_selector(".flash")
    assert "绿灯" in page.inner_text(".flash")
    assert page.inner_text("h1 .light") == "绿灯"
    assert "已完成项目选址" in page.inner_text("body")
    shot(page, "task", full=True)
    # another unit's item: no form, and a forged post is refused
    other = next(i for i in server.ledger.list_items(today=TODAY)
                 if i.lead and i.lead != OWN_UNIT and OWN_UNIT not in i.support)
    page.goto(f"{server.url}/tasks/{other.id}")
    assert page.locator("#report-form").count() == 0
    status = page.evaluate("""async (id) => {
        const token = document.querySelector('input[name=csrf_token]').value;
        const r = await fetch('/api/items/' + id + '/reports', {method: 'POST',
            headers: {'Content-Type': 'application/json', 'X-CSRF-Token': token},
            body: JSON.stringify({percent: 99})});
        return r.status; }""", other.id)
    assert status == 403
    assert server.ledger.reports(other.id) == []
    page.context.close()


def test_4_duban_and_docx(admin: Any, server: Server) -> None:
    item = next(i for i in server.ledger.list_items(today=TODAY) if i.light
                and i.light.value == "red")
    admin.goto(f"{server.url}/tasks/{item.id}")
    admin.fill("#duban-form input[name=reason]", "已超过完成时限，请说明原因")
    admin.click("#duban-form button[type=submit]")
    admin.wait_for_selector("#notice-docx")
    assert "督办〔2019〕1号" in admin.inner_text("h1")
    shot(admin, "duban")
    with admin.expect_download() as info:
        admin.click("#notice-docx")
    from docx import Document as Docx

    path = info.value.path()
    text = "\n".join(p.text for p in Docx(str(path)).paragraphs)
    assert "督办〔2019〕1号" in text and info.value.suggested_filename.endswith(".docx")


def test_5_export_xlsx_and_main_pages(admin: Any, server: Server) -> None:
    import openpyxl

    admin.goto(f"{server.url}/tasks")
    shot(admin, "tasks")
    with admin.expect_download() as info:
        admin.click("text=导出台账 xlsx")
    book = openpyxl.load_workbook(io.BytesIO(open(info.value.path(), "rb").read()))
    cells = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert "牵头单位" in cells and "市财政局" in cells
    admin.goto(f"{server.url}/")
    assert admin.locator("svg.chart").count() == 2
    shot(admin, "dashboard", full=True)
    admin.goto(f"{server.url}/calendar?month=2018-06")
    shot(admin, "calendar")


def test_6_leader_reads_only(browser: Any, server: Server) -> None:
    page = new_page(browser, server, "leader")
    assert "领导" in page.inner_text("header")
    item = server.ledger.list_items(today=TODAY)[0]
    page.goto(f"{server.url}/tasks/{item.id}")
    assert page.locator("#report-form").count() == 0
    assert page.locator("#duban-form").count() == 0
    page.goto(f"{server.url}/documents")
    assert page.locator("input[type=file]").count() == 0
    page.context.close()
