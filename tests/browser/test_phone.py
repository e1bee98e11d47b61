"""Every page on a phone (finding 6 of issue 13): Chromium at 390×844 and 360×740.

No page is wider than the screen (tables scroll inside their card), the header's labels stay
whole and the user's name on screen, the review page's text is as wide as the screen, and no
page breaks the Content-Security-Policy (nothing inline is refused). The 360-px screenshots
are docs/img/web-phone-*.png (``TAIZHANG_SCREENSHOTS=docs/img``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest

from taizhang.ledger.model import Status
from taizhang.parse import parse
from taizhang.readers import read_path
from taizhang.web.auth import hash_password

from .conftest import OWN_UNIT, PASSWORD, ROOT, TODAY, Server, shot

pytestmark = pytest.mark.browser
PHONES = [pytest.param((390, 844), id="390"), pytest.param((360, 740), id="360")]


@pytest.fixture(scope="module")
def office(server: Server) -> Server:
    """The five seeds, a reporter, a report with proof, a correction, a 督办."""
    lg = server.ledger
    for path in sorted((ROOT / "samples").glob("*.txt")):
        read = read_path(path)
        place = "沈阳市" if path.name.startswith("004") else None
        result = lg.ingest(parse(read.text, source=read.source), actor="test", jurisdiction=place)
        if result.document.state.value == "draft":
            lg.publish(result.document.id, actor="test")
    unit = lg.resolve_unit("沈阳市", OWN_UNIT)
    lg.create_user("fgw", hash_password(PASSWORD), "reporter", unit_id=unit.id)
    item = lg.list_items(unit=OWN_UNIT, jurisdiction="沈阳市", role="lead", today=TODAY)[0]
    lg.report(item.id, unit=OWN_UNIT, actor="fgw", today=TODAY, status=Status.IN_PROGRESS,
              percent=40, text="已完成项目选址，正在办理用地手续", problems="资金缺口较大",
              next_steps="6月底前完成用地审批")
    lg.correct(item.id, "support", ["市财政局", "市规划和自然资源局"], actor="admin", note="按原文更正")
    lg.issue_duban(item.id, actor="admin", today=TODAY, reason="进度滞后于序时进度，请说明原因")
    server.item = item  # type: ignore[attr-defined]
    server.unit = unit  # type: ignore[attr-defined]
    server.project = _projects(lg)  # type: ignore[attr-defined]
    return server


def _projects(lg: Any) -> int:
    """A zone with three projects of the 项目库 (one reporting, one with a late blocker), for
    its pages; the first project's id."""
    from taizhang.projects.model import STAGES, ProjectDraft, ReportUpdate, Stage, StageDate, ZoneLevel

    reg = lg.projects
    reg.add_zone("沈阳市", "沈阳经济技术开发区", level=ZoneLevel.NATIONAL, aliases=["经开区"],
                 actor="test")
    made = []
    for n, (stage, signed, started) in enumerate([
            (Stage.STARTED, dt.date(2019, 1, 10), dt.date(2019, 3, 15)),
            (Stage.SIGNED, dt.date(2019, 2, 20), None), (Stage.NEGOTIATING, None, None)]):
        dates = tuple(StageDate(dt.date(2019, 9, 30) if s is Stage.PRODUCING else None,
                                signed if s is Stage.SIGNED else started if s is Stage.STARTED
                                else None) for s in STAGES)
        made.append(reg.add(ProjectDraft(
            name=f"华晨宝马新能源汽车零部件产业园项目（{n + 1}期）", zone="经开区", jurisdiction="沈阳市",
            unit=OWN_UNIT, stage=stage, dates=dates, investor="华晨宝马汽车有限公司",
            industry="汽车及零部件", total=52 * 10**8, total_text="52亿元"),
            actor="test", today=TODAY).id)
    reg.report(ReportUpdate(made[0], dt.date(2019, 5, 1), invest=3 * 10**7, image="主体结构施工",
                            text="按计划推进"), actor="test", today=TODAY)
    reg.raise_blocker(made[1], "用地指标尚未落实", actor="test", today=dt.date(2019, 5, 1))
    return made[0]


def pages(office: Server) -> list[tuple[str, str, str]]:
    """(screenshot name, path, who) for every page of the app."""
    item, unit = office.item, office.unit  # type: ignore[attr-defined]
    notice = office.ledger.list_duban()[0]
    return [
        ("login", "/login", ""), ("dashboard", "/", "admin"), ("documents", "/documents", "admin"),
        ("review", f"/documents/{item.document_id}", "admin"), ("tasks", "/tasks", "admin"),
        ("task", f"/tasks/{item.id}", "admin"), ("units", "/units", "admin"),
        ("unit", f"/units/{unit.id}", "fgw"), ("duban-list", "/duban", "admin"),
        ("duban", f"/duban/{notice.id}", "fgw"), ("calendar", "/calendar?month=2018-06", "admin"),
        ("users", "/users", "admin"), ("chains", "/analysis/chains", "leader"),
        ("adoption", "/analysis/adoption", "leader"), ("network", "/analysis/network", "leader"),
        ("load", "/analysis/load", "admin"), ("error", "/tasks/999999", "leader"),
        ("projects", "/projects", "admin"), ("project", f"/projects/{office.project}", "fgw"),  # type: ignore[attr-defined]
        ("projects-ranking", "/projects/ranking", "leader"),
        ("projects-chart", "/projects/chart", "admin"),
        ("project-blockers", "/projects/blockers", "admin"),
    ]


@pytest.fixture(scope="module")
def phones(browser: Any, office: Server) -> Iterator[dict[tuple[int, int, str], Any]]:
    """A logged-in page per phone size and user, reused across the pages."""
    made: dict[tuple[int, int, str], Any] = {}

    def get(width: int, height: int, user: str) -> Any:
        key = (width, height, user)
        if key not in made:
            context = browser.new_context(viewport={"width": width, "height": height},
                                          locale="zh-CN", is_mobile=True, has_touch=True,
                                          device_scale_factor=1)
            page = context.new_page()
            page.set_default_timeout(15_000)
            page.refused = []  # type: ignore[attr-defined]
            page.on("console", lambda m, p=page: p.refused.append(m.text)
                    if "Content Security Policy" in m.text else None)
            if user:
                page.goto(f"{office.url}/login")
                page.fill("input[name=username]", user)
                page.fill("input[name=password]", PASSWORD)
                page.click("button[type=submit]")
                page.wait_for_url(f"{office.url}/")
            made[key] = page
        return made[key]

    yield get  # type: ignore[misc]
    for page in made.values():
        page.context.close()


LAYOUT = """() => {
  const vw = window.innerWidth;
  const nav = [...document.querySelectorAll('nav a')].map(a => {
    const r = a.getBoundingClientRect(); return {text: a.textContent, h: r.height, w: r.width}; });
  const who = document.querySelector('.me .who');
  const w = who ? who.getBoundingClientRect() : null;
  const text = document.querySelector('#doctext');
  return {vw, page: document.documentElement.scrollWidth, nav,
          who: w && {left: w.left, right: w.right, width: w.width},
          doctext: text ? text.getBoundingClientRect().width : null};
}"""


@pytest.mark.parametrize("size", PHONES)
def test_every_page_fits_a_phone(phones: Any, office: Server, size: tuple[int, int]) -> None:
    width, height = size
    for name, path, user in pages(office):
        page = phones(width, height, user)
        page.goto(f"{office.url}{path}")
        page.wait_for_load_state("load")
        got = page.evaluate(LAYOUT)
        assert got["page"] <= got["vw"], (name, got["page"], got["vw"])  # no sideways page
        for link in got["nav"]:  # labels whole: one line, not a character per line
            assert link["h"] <= 40 and link["w"] >= 14 * len(link["text"]), (name, link)
        if user:
            who = got["who"]
            assert who and who["left"] >= 0 and who["right"] <= got["vw"] and who["width"] >= 60, \
                (name, who)
        if got["doctext"] is not None:
            assert got["doctext"] >= 0.85 * (width - 24), (name, got["doctext"])
        assert page.refused == [], (name, page.refused)  # type: ignore[attr-defined]
        if width == 360:
            shot(page, f"phone-{name}")


def test_the_review_form_sits_under_the_text_on_a_phone(phones: Any, office: Server) -> None:
    page = phones(360, 740, "admin")
    page.goto(f"{office.url}/documents/{office.item.document_id}")  # type: ignore[attr-defined]
    text = page.locator("#doctext").bounding_box()
    form = page.locator("section.side").bounding_box()
    assert form["y"] >= text["y"] + text["height"] - 1  # stacked, not side by side
    assert form["width"] >= 300
