"""The 项目库 in Chromium, as an office and a zone use it: the list with its lights and filters, a
project's lifecycle, a zone reporting its month and raising a blocker, the office lifting late
blockers, the ranking and the 挂图作战 chart, the files downloaded — screenshots for the docs.
Every page is watched for anything the Content-Security-Policy refused (issue 13): none."""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from .conftest import PASSWORD, ROOT, Server, shot
from projects.sample_register import ZONES, make_register
from taizhang.parse import parse
from taizhang.projects.model import ReportUpdate, Stage
from taizhang.readers import read_path
from taizhang.store import Ledger
from taizhang.web.auth import hash_password

pytestmark = pytest.mark.browser
TODAY = dt.date(2026, 4, 28)
ZONE_UNIT = "沈阳高新技术产业开发区管委会"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    from taizhang.exports.project_sheet import read_project_sheet
    from taizhang.projects.model import ZoneLevel

    tmp = tmp_path_factory.mktemp("projects-browser")
    ledger = Ledger(f"sqlite:///{tmp / 'browser.db'}")
    read = read_path(ROOT / "samples" / "001_78cdeab974107ec5.txt")
    ledger.ingest(parse(read.text, source=read.source), actor="test")
    reg = ledger.projects
    for name, level, aliases, _ in ZONES:
        reg.add_zone("沈阳市", name, level=ZoneLevel.parse(level), aliases=aliases, actor="test")
    sheet = make_register(tmp / "reg.xlsx", 30, bad=False)
    reading = read_project_sheet(sheet, today=TODAY, jurisdiction="沈阳市")
    reg.import_drafts(reading.drafts, actor="test", today=TODAY, jurisdiction="沈阳市")
    listed = reg.list_projects()
    started = [p for p in listed if p.stage is Stage.STARTED]
    for n, p in enumerate(started):
        for month, invest in ((3, 2000 + 300 * n), (4, 2600 + 200 * n)):
            reg.report(ReportUpdate(p.id, dt.date(2026, month, 1), invest=invest * 10**4,
                                    image="主体结构施工" if month == 4 else "桩基施工",
                                    text="按计划推进"), actor="test", today=TODAY)
    late = reg.raise_blocker(started[0].id, "用地指标尚未落实", actor="test",
                             today=dt.date(2026, 3, 20))
    assert late.reply_due < TODAY
    digest = hash_password(PASSWORD)
    ledger.create_user("admin", digest, "admin")
    ledger.create_user("leader", digest, "leader")
    unit = ledger.resolve_unit("沈阳市", ZONE_UNIT)
    ledger.create_user("gxq", digest, "reporter", unit_id=unit.id)
    with Server(ledger, tmp, today=TODAY) as srv:
        yield srv
    ledger.close()


def watched(page: Any) -> Any:
    """The page, noting every console line where Chromium refused something under the CSP
    (an inline style or script, an on… attribute, a foreign source)."""
    page.refused = []
    page.on("console", lambda m: page.refused.append(m.text)
            if "Content Security Policy" in m.text else None)
    return page


def logged_in(browser: Any, server: Server, user: str) -> Any:
    # the listener before the first page, so the login page and home page count too
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN",
                                  accept_downloads=True)
    page = watched(context.new_page())
    page.set_default_timeout(15_000)
    page.goto(f"{server.url}/")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/")
    return page


@pytest.fixture(scope="module")
def admin(browser: Any, server: Server) -> Iterator[Any]:
    page = logged_in(browser, server, "admin")
    yield page
    page.context.close()


@pytest.fixture(autouse=True)
def nothing_refused(admin: Any) -> Iterator[None]:
    admin.refused.clear()
    yield
    assert admin.refused == []


def test_1_list_lights_and_filters(admin: Any, server: Server) -> None:
    admin.click("header nav >> text=项目")
    admin.wait_for_selector("#project-table")
    assert "共 30 个项目" in admin.inner_text("h1")
    counts = {c: int(admin.inner_text(f"#count-{c} b")) for c in ("red", "yellow", "green")}
    assert sum(counts.values()) == 30 and counts["red"] > 0
    shot(admin, "projects")
    admin.select_option("#project-filters select[name=zone]", "沈阳高新技术产业开发区")
    admin.click("#project-filters button[type=submit]")
    admin.wait_for_url("**zone=**")
    rows = admin.locator("#project-table tbody tr")
    assert rows.count() == 10
    assert all("沈阳高新技术产业开发区" in rows.nth(i).inner_text() for i in range(rows.count()))
    with admin.expect_download() as info:
        admin.click("#export-projects")
    book = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    names = [c.value for c in book["项目台账"]["B"]]
    assert sum(1 for n in names if n and "项目（" in str(n)) == 10


def test_2_a_zone_reports_its_month_and_raises_a_blocker(browser: Any, server: Server) -> None:
    page = logged_in(browser, server, "gxq")
    mine = next(p for p in server.ledger.projects.list_projects()
                if p.unit == ZONE_UNIT and p.stage is Stage.STARTED)
    page.goto(f"{server.url}/projects/{mine.id}")
    assert page.locator("#lifecycle svg circle.actual").count() >= 2  # 签约 and 开工 reached
    assert page.input_value("#report-form input[name=image]") == "主体结构施工"  # pre-filled
    page.fill("#report-form input[name=invest]", "1800")
    page.fill("#report-form input[name=image]", "主体结构封顶")
    page.click("#report-form button[type=submit]")
    page.wait_for_selector(".flash")
    assert "已报送 2026年4月月报" in page.inner_text(".flash")
    assert "主体结构封顶" in page.inner_text("#report-table")
    page.fill("#blocker-form input[name=title]", "施工用电增容未批复")
    page.select_option("#blocker-form select[name=level]", "county")
    page.fill("#blocker-form input[name=unit]", ZONE_UNIT)
    page.click("#blocker-form button[type=submit]")
    page.wait_for_selector(".flash")
    assert "问题〔2026〕2号" in page.inner_text(".flash")
    shot(page, "project", full=True)
    # another zone's project: no forms, and a forged report is refused
    other = next(p for p in server.ledger.projects.list_projects() if p.unit != ZONE_UNIT)
    page.goto(f"{server.url}/projects/{other.id}")
    assert page.locator("#report-form").count() == 0
    status = page.evaluate("""async (id) => {
        const me = await (await fetch('/api/me')).json();
        const r = await fetch('/api/projects/' + id + '/reports', {method: 'POST',
            headers: {'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token},
            body: JSON.stringify({invest: '99'})});
        return r.status; }""", other.id)
    assert status == 403 and server.ledger.projects.reports(other.id) == []
    assert page.refused == []
    page.context.close()


def test_3_office_lifts_late_blockers(admin: Any, server: Server) -> None:
    admin.goto(f"{server.url}/projects/blockers?state=open")
    admin.click("#escalate-due button")
    admin.wait_for_selector(".flash")
    assert "问题〔2026〕1号→" in admin.inner_text(".flash")
    b = server.ledger.projects.blocker("问题〔2026〕1号")
    assert b.level.value != "zone"
    assert "问题〔2026〕1号" in admin.inner_text("#blockers")
    shot(admin, "project-blockers")


def test_4_ranking_and_chart(admin: Any, server: Server) -> None:
    admin.goto(f"{server.url}/projects/ranking")
    zones = admin.locator("#ranking-zone tbody tr:not(.shortfall)")
    assert zones.count() == 3
    assert "签约开工率" in admin.inner_text("#ranking-zone thead")
    assert "当年签约当年开工率" in admin.inner_text("main")
    shot(admin, "projects-ranking", full=True)
    admin.goto(f"{server.url}/projects/chart?zone=沈阳高新技术产业开发区")
    assert admin.locator("#gantt svg a").count() == 10
    assert admin.locator("#gantt svg path.planned").count() > 10
    shot(admin, "projects-chart", full=True)
    with admin.expect_download() as info:
        admin.click("text=下载 PNG")
    assert Path(info.value.path()).read_bytes()[:4] == b"\x89PNG"
    admin.locator("#gantt svg a").first.click()
    admin.wait_for_selector("#lifecycle")


def test_5_leader_reads_only(browser: Any, server: Server) -> None:
    page = logged_in(browser, server, "leader")
    p = server.ledger.projects.list_projects()[0]
    page.goto(f"{server.url}/projects/{p.id}")
    assert page.locator("#lifecycle svg").count() == 1
    assert page.locator("#report-form, #stage-form, #blocker-form").count() == 0
    page.goto(f"{server.url}/projects/ranking")
    assert page.locator("#weights-form").count() == 0
    assert page.refused == []
    page.context.close()
