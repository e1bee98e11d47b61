"""The 项目库 pages and /api with real logins: each role sees and may do what it should, bad input
gets a Chinese 4xx, and a refused request writes nothing."""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient

from .conftest import OTHER_UNIT, OWN_UNIT, TODAY, login, make_client, seed_ledger
from taizhang.projects.model import STAGES, ProjectDraft, Stage, StageDate, ZoneLevel
from taizhang.store import Ledger

ZONE = "沈阳经济技术开发区"


def _draft(name: str, unit: str | None, stage: Stage, signed: dt.date | None = None,
           planned_start: dt.date | None = None) -> ProjectDraft:
    dates = tuple(StageDate(planned_start if s is Stage.STARTED else None,
                            signed if s is Stage.SIGNED else None) for s in STAGES)
    return ProjectDraft(name=name, zone="经开区", jurisdiction="沈阳市", unit=unit, stage=stage,
                        dates=dates, total=30 * 10**8, total_text="30亿元", annual=5 * 10**8,
                        annual_text="5亿元", annual_year=2019)


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    """One register for the module (logging in costs an argon2 hash, half a second): the
    tests write to different projects, or only read."""
    lg = Ledger(f"sqlite:///{tmp_path_factory.mktemp('projects-web') / 'web.db'}")
    seed_ledger(lg)
    yield lg
    lg.close()


@pytest.fixture(scope="module")
def projects(ledger: Ledger) -> dict[str, int]:
    reg = ledger.projects
    reg.add_zone("沈阳市", ZONE, level=ZoneLevel.NATIONAL, aliases=["经开区"], actor="test")
    mine = reg.add(_draft("发改委牵头的项目", OWN_UNIT, Stage.SIGNED, dt.date(2019, 2, 1),
                          dt.date(2019, 8, 31)), actor="test", today=TODAY)
    other = reg.add(_draft("外经贸局的项目", OTHER_UNIT, Stage.NEGOTIATING), actor="test", today=TODAY)
    zone = reg.add(_draft("管委会的项目", None, Stage.SIGNED, dt.date(2019, 3, 1),
                          dt.date(2019, 5, 1)), actor="test", today=TODAY)
    spare = reg.add(_draft("另一个发改委项目", OWN_UNIT, Stage.SIGNED, dt.date(2019, 2, 1)),
                    actor="test", today=TODAY)
    return {"mine": mine.id, "other": other.id, "zone": zone.id, "spare": spare.id}


class Clients:
    """A logged-in client per role, each with its CSRF token."""

    def __init__(self, ledger: Ledger, folder: Path) -> None:
        self.web: dict[str, TestClient] = {}
        self.token: dict[str, str] = {}
        for user in ("admin", "fgw", "leader"):
            client = make_client(ledger, folder)
            self.token[user] = login(client, user)
            self.web[user] = client

    def api(self, user: str) -> tuple[TestClient, dict[str, str]]:
        return self.web[user], {"X-CSRF-Token": self.token[user]}


@pytest.fixture(scope="module")
def clients(ledger: Ledger, projects: dict[str, int],
            tmp_path_factory: pytest.TempPathFactory) -> Clients:
    return Clients(ledger, tmp_path_factory.mktemp("projects-web-clients"))


@pytest.mark.parametrize("user", ["admin", "fgw", "leader"])
def test_every_page_reads_for_every_role(clients: Clients, projects: dict[str, int],
                                         user: str) -> None:
    web = clients.web[user]
    for path, words in [("/projects", "项目库"), (f"/projects/{projects['mine']}", "全生命周期"),
                        ("/projects/ranking", "当年签约当年开工率"), ("/projects/chart", "挂图作战"),
                        ("/projects/blockers", "受阻问题"), ("/projects?light=red", "管委会的项目")]:
        r = web.get(path)
        assert r.status_code == 200 and words in r.text, path
    assert "<svg" in web.get("/projects/chart").text


def test_reporter_reports_on_its_own_project_only(clients: Clients, ledger: Ledger,
                                                 projects: dict[str, int]) -> None:
    web, token = clients.web["fgw"], clients.token["fgw"]
    page = web.get(f"/projects/{projects['mine']}")
    assert 'id="report-form"' in page.text
    r = web.post(f"/projects/{projects['mine']}/report",
                 data={"csrf_token": token, "month": "2019-05", "invest": "1200",
                       "image": "场地平整", "text": "已进场"}, follow_redirects=False)
    assert r.status_code == 303
    (report,) = ledger.projects.reports(projects["mine"])
    assert (report.invest, report.unit, report.image) == (12_000_000, OWN_UNIT, "场地平整")
    # another unit's project: no form, and a forged post is refused with nothing written
    assert 'id="report-form"' not in web.get(f"/projects/{projects['other']}").text
    r = web.post(f"/projects/{projects['other']}/report",
                 data={"csrf_token": token, "invest": "99"})
    assert r.status_code == 403 and "不能报送" in r.text
    assert ledger.projects.reports(projects["other"]) == []


def test_leader_reads_only(clients: Clients, ledger: Ledger, projects: dict[str, int]) -> None:
    web, token = clients.web["leader"], clients.token["leader"]
    assert 'id="report-form"' not in web.get(f"/projects/{projects['mine']}").text
    r = web.post(f"/projects/{projects['mine']}/stage", data={"csrf_token": token, "stage": "注册"})
    assert r.status_code == 403
    assert ledger.projects.get(projects["mine"]).stage is Stage.SIGNED


@pytest.mark.parametrize(("path", "body", "status", "words"), [
    pytest.param("reports", {"invest": "一千二百"}, 400, "不是数字", id="bad_amount"),
    pytest.param("reports", {"invest": "100", "total": "999999"}, 400, "对不上",
                 id="amounts_disagree"),
    pytest.param("reports", {"month": "2030-01", "invest": "1"}, 400, "该月还没有到", id="future_month"),
    pytest.param("stage", {"stage": "达产"}, 409, "直接跳到“达产”", id="skip"),
    pytest.param("stage", {"stage": "洽谈"}, 409, "不能退回", id="back"),
    pytest.param("stage", {"stage": "竣工"}, 400, "阶段“竣工”无法识别", id="unknown_stage"),
    pytest.param("stage", {"stage": "注册", "expected_version": 7}, 409, "已被他人修改", id="stale"),
    pytest.param("blockers", {"title": "  "}, 400, "内容是空的", id="empty_blocker"),
])
def test_api_refusals(clients: Clients, ledger: Ledger, projects: dict[str, int], path: str,
                      body: dict[str, Any], status: int, words: str) -> None:
    web, headers = clients.api("fgw")
    before = ledger.latest_audit_id()
    r = web.post(f"/api/projects/{projects['mine']}/{path}", json=body, headers=headers)
    assert r.status_code == status, r.text
    assert words in r.json()["error"]["message"]
    assert ledger.latest_audit_id() == before


def test_api_roles_and_csrf(clients: Clients, ledger: Ledger, projects: dict[str, int]) -> None:
    web, headers = clients.api("fgw")
    r = web.post(f"/api/projects/{projects['other']}/stage", json={"stage": "签约"}, headers=headers)
    assert r.status_code == 403
    r = web.post(f"/api/projects/{projects['spare']}/stage", json={"stage": "注册"})
    assert r.status_code == 403 and "CSRF" in r.json()["error"]["message"]
    r = web.post(f"/api/projects/{projects['spare']}/stage", json={"stage": "注册"}, headers=headers)
    assert r.status_code == 200 and r.json()["stage"] == "registered"
    listed = web.get("/api/projects", params={"zone": "经开区", "stage": "registered"}).json()
    assert [p["id"] for p in listed["projects"]] == [projects["spare"]]
    assert web.get("/api/projects", params={"zone": "不存在园区"}).status_code == 404
    ranking = web.get("/api/projects/ranking").json()
    assert ranking[0]["key"] == ZONE and ranking[0]["projects"] == 4
    schema = web.get("/api/openapi.json").json()
    assert "/api/projects/{project_id}/reports" in schema["paths"]
    assert "项目库接口" in {t for op in schema["paths"]["/api/projects"].values()
                          for t in op.get("tags", [])}


def test_blocker_through_the_api(clients: Clients, ledger: Ledger,
                                 projects: dict[str, int]) -> None:
    web, headers = clients.api("fgw")
    b = web.post(f"/api/projects/{projects['spare']}/blockers",
                 json={"title": "环评批复未下达", "level": "市级", "unit": "市发展改革委"},
                 headers=headers).json()
    assert b["number"] == "问题〔2019〕1号" and b["level"] == "city"
    page = clients.web["leader"].get("/duban").text  # an open blocker is 督办 too: it stands on the 督办 page
    assert "项目受阻问题（未解决）" in page and "问题〔2019〕1号" in page and "环评批复未下达" in page
    assert web.post(f"/api/project-blockers/{b['id']}/close", json={}, headers=headers).status_code == 403
    r = web.post(f"/api/project-blockers/{b['id']}/solve", json={"text": "已批复"}, headers=headers)
    assert r.status_code == 200 and r.json()["state"] == "solved"
    office, admin = clients.api("admin")
    r = office.post(f"/api/project-blockers/{b['id']}/close", json={"text": "核实无误"},
                    headers=admin)
    assert r.json()["state"] == "closed"
    assert "问题〔2019〕1号" not in clients.web["leader"].get("/duban").text  # 销号: off the list


def test_task_page_shows_the_projects_serving_it(clients: Clients, ledger: Ledger,
                                                 projects: dict[str, int]) -> None:
    item = ledger.list_items(jurisdiction="沈阳市", today=TODAY)[0]
    ledger.projects.link_task(projects["mine"], item.id, actor="test")
    page = clients.web["leader"].get(f"/tasks/{item.id}").text
    assert 'id="task-projects"' in page and "发改委牵头的项目" in page


def test_fillin_round_trip_in_the_browserless_web(clients: Clients, ledger: Ledger,
                                                  projects: dict[str, int]) -> None:
    web, token = clients.web["fgw"], clients.token["fgw"]
    unit = ledger.resolve_unit("沈阳市", OWN_UNIT)
    data = web.get(f"/projects/fillin/{unit.id}.xlsx").content
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book.worksheets[0]
    header = {c.value: c.column for c in ws[3]}
    row = next(r for r in range(4, ws.max_row + 1)
               if ws.cell(r, header["编号（勿改）"]).value.startswith(f"P{projects['mine']}:"))
    ws.cell(row, header["形象进度"]).value = "设备进场"
    buf = io.BytesIO()
    book.save(buf)
    r = web.post(f"/projects/fillin/{unit.id}", data={"csrf_token": token},
                 files={"file": ("填报表.xlsx", buf.getvalue())}, follow_redirects=False)
    assert r.status_code == 303
    report = ledger.projects.reports(projects["mine"])[-1]
    assert report.image == "设备进场" and report.month == TODAY.replace(day=1)
    other = ledger.resolve_unit("沈阳市", OTHER_UNIT)
    assert web.get(f"/projects/fillin/{other.id}.xlsx").status_code == 200  # reading is open
    r = web.post(f"/projects/fillin/{other.id}", data={"csrf_token": token},
                 files={"file": ("x.xlsx", buf.getvalue())})
    assert r.status_code == 403


def test_office_sheet_upload_refused_whole(clients: Clients, ledger: Ledger,
                                           projects: dict[str, int], tmp_path: Path) -> None:
    from projects.sample_register import make_register

    web, token = clients.web["admin"], clients.token["admin"]
    sheet = make_register(tmp_path / "s.xlsx", 6)
    book = openpyxl.load_workbook(sheet)
    book["重点项目"]["I6"] = "三亿"  # the first project's 总投资, in words
    book.save(sheet)
    before = ledger.latest_audit_id()
    r = web.post("/projects/import", data={"csrf_token": token},
                 files={"file": ("s.xlsx", sheet.read_bytes())})
    assert r.status_code == 400 and "第6行" in r.text and "三亿" in r.text
    assert ledger.latest_audit_id() == before


def test_the_cached_listing_follows_changes(ledger: Ledger, projects: dict[str, int]) -> None:
    from taizhang.projects.model import ReportUpdate
    from taizhang.web.project_cache import ProjectCache

    cache = ProjectCache(ledger)
    first = cache.listing(TODAY)
    assert cache.listing(TODAY) is first and (cache.hits, cache.misses) == (1, 1)
    before = next(p for p in first.projects if p.id == projects["zone"])
    ledger.projects.report(ReportUpdate(projects["zone"], TODAY.replace(day=1), invest=10**6),
                           actor="test", today=TODAY)
    after = cache.listing(TODAY)
    assert (cache.misses, cache.patches) == (1, 1)  # only the touched project was read again
    now = next(p for p in after.projects if p.id == projects["zone"])
    assert now.completed == before.completed + 10**6 and now.version == before.version + 1
    assert [p.id for p in after.projects] == [p.id for p in first.projects]
    fresh = ProjectCache(ledger).listing(TODAY)
    assert [p.to_dict() for p in fresh.projects] == [p.to_dict() for p in after.projects]


def test_the_trail_reads_in_chinese(clients: Clients, projects: dict[str, int]) -> None:
    """Finding 6 of issue 13 for the project page: the 留痕 in words, no JSON or codes."""
    from bs4 import BeautifulSoup

    html = clients.web["leader"].get(f"/projects/{projects['spare']}").text
    trail = BeautifulSoup(html, "html.parser").select_one("#trail").get_text("")
    assert "登记项目" in trail and "项目名称：另一个发改委项目" in trail and "总投资：30亿元" in trail
    for raw in ('"', "{", "signed", "zone_id", "total_text", "version", "name_key"):
        assert raw not in trail, raw


def test_the_lights_follow_the_apps_settings(tmp_path: Path) -> None:
    """TAIZHANG_YELLOW_DAYS reaches the project pages, also on a ledger handed to create_app,
    whose own register (and other apps on it) keep their thresholds."""
    from taizhang.config import LightThresholds, Settings
    from taizhang.web import create_app

    from .conftest import login

    lg = Ledger(f"sqlite:///{tmp_path / 'lights.db'}")
    try:
        seed_ledger(lg)
        lg.projects.add_zone("沈阳市", ZONE, aliases=["经开区"], actor="test")
        dates = tuple(StageDate(TODAY + dt.timedelta(days=60) if s is Stage.SIGNED else None)
                      for s in STAGES)
        p = lg.projects.add(ProjectDraft(name="洽谈中的项目", zone="经开区", jurisdiction="沈阳市",
                                         stage=Stage.NEGOTIATING, dates=dates),
                            actor="test", today=TODAY)

        def light(yellow_days: int) -> str:
            settings = Settings(db_url=lg.url, secret_key="test-secret-" + "x" * 32,
                                evidence_dir=tmp_path / "evidence", max_file_bytes=200_000,
                                lights=LightThresholds(yellow_days=yellow_days))
            client = TestClient(create_app(settings, ledger=lg, today=lambda: TODAY))
            login(client, "leader")
            got = client.get(f"/api/projects/{p.id}").json()["project"]
            listed = client.get("/api/projects").json()["projects"]
            assert [q["light"] for q in listed if q["id"] == p.id] == [got["light"]]
            return str(got["light"])

        assert light(15) == "green"  # signing planned in 60 days: not yet near
        assert light(90) == "yellow"
        assert lg.projects.get(p.id, today=TODAY).light.value == "green"  # the ledger's own
    finally:
        lg.close()
