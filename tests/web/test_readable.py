"""Finding 6 of issue 13, the parts a reader sees besides the layout: 留痕 and 修改记录 in Chinese
with readable values, no warning codes or server paths in pages, a 到期分布 chart that counts
every dated task, and one 逾期 count wherever it is shown."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from taizhang.ledger.model import Light, Status
from taizhang.parse.model import WarningCode
from taizhang.store import Ledger
from taizhang.web.stats import due_buckets, summarize

from .conftest import OWN_UNIT, TODAY, item_of, login, make_client, seed_ledger

RAW = [
    pytest.param(r'"status"', id="json_key"), pytest.param("in_progress", id="status_code"),
    pytest.param("['", id="python_list"), pytest.param('["', id="json_list"),
    pytest.param("{", id="brace"), pytest.param("lead", id="english_field"),
    pytest.param("support", id="english_support"), pytest.param("FREQ=", id="rrule"),
]


@pytest.fixture(scope="module")
def worked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, object]]:
    """An item with a report, a correction of its units, a status change and a 督办 (one
    ledger for the module: the checks only read)."""
    tmp = tmp_path_factory.mktemp("readable")
    ledger = Ledger(f"sqlite:///{tmp / 'web.db'}")
    seed_ledger(ledger)
    client = make_client(ledger, tmp)
    item = item_of(ledger, OWN_UNIT)
    ledger.report(item.id, unit=OWN_UNIT, actor="fgw", today=TODAY, status=Status.IN_PROGRESS,
                  percent=40, text="已完成选址")
    ledger.correct(item.id, "support", ["市财政局", "市政务服务办"], actor="admin",
                   note="按原文更正")
    ledger.correct(item.id, "rrule", "FREQ=MONTHLY;INTERVAL=3", actor="admin")
    ledger.set_status(item.id, Status.LAGGING, actor="admin", note="进度滞后", today=TODAY)
    ledger.issue_duban(item.id, actor="admin", today=TODAY, reason="请加快进度")
    login(client, "admin")
    yield client, item
    ledger.close()


@pytest.mark.parametrize("raw", RAW)
def test_the_trail_reads_in_chinese(worked: tuple[TestClient, object], raw: str) -> None:
    client, item = worked
    page = BeautifulSoup(client.get(f"/tasks/{item.id}").text, "html.parser")
    trail = "\n".join(d.get_text("") for d in page.select("#trail td"))
    assert raw not in trail
    for words in ("状态：待签收 → 推进中", "完成百分比：0% → 40%", "进展情况：已完成选址",
                  "配合单位：", "市财政局、市政务服务办", "状态：推进中 → 滞后", "说明：进度滞后",
                  "督办级别：提醒", "周期：— → 每季度"):
        assert words in trail, (words, trail)


@pytest.mark.parametrize("raw", RAW)
def test_the_correction_history_reads_in_chinese(worked: tuple[TestClient, object],
                                                 raw: str) -> None:
    client, item = worked
    page = BeautifulSoup(client.get(f"/documents/{item.document_id}").text, "html.parser")
    history = page.find("h2", string=re.compile("修改记录")).find_parent("section").get_text(" ")
    assert raw not in history
    assert "配合单位" in history and "市财政局、市政务服务办" in history and "每季度" in history


def test_no_warning_codes_or_server_paths_in_pages(client: TestClient, ledger: Ledger,
                                                   tmp_path: Path) -> None:
    token = login(client, "admin")
    text = "關於推進改革工作的通知\n一、加強組織領導（牵头单位：市財政局）。\n".encode()
    r = client.post("/documents", data={"csrf_token": token, "jurisdiction": "沈阳市"},
                    files={"file": ("traditional.txt", text, "text/plain")},
                    follow_redirects=False)
    assert r.status_code == 303
    review = client.get(r.headers["location"]).text
    assert "解析提示" in review  # the warning is there, in words
    for code in WarningCode:
        assert code.value not in review, code.value
    for path in ("/analysis/load", "/", "/units", "/calendar", r.headers["location"]):
        html = client.get(path).text
        assert str(tmp_path) not in html and "/tmp/" not in html, path


@pytest.mark.parametrize(("dues", "period", "bars"), [
    pytest.param([dt.date(2018, 6, 30), dt.date(2019, 1, 31)], "月", 8, id="months"),
    pytest.param([dt.date(2016, 1, 1), dt.date(2020, 12, 31)], "季度", 20, id="quarters"),
    pytest.param([dt.date(2015, 3, 1), dt.date(2035, 12, 31)], "年", 21, id="years"),
    pytest.param([], "月", 1, id="none"),
])
def test_due_buckets_cover_every_date(dues: list[dt.date], period: str, bars: int) -> None:
    got_period, labels, bucket = due_buckets(dues, TODAY)
    assert got_period == period and len(labels) == bars
    assert all(bucket(d) in labels for d in dues)


def test_the_due_chart_counts_every_dated_task(client: TestClient, ledger: Ledger) -> None:
    items = ledger.list_items(today=TODAY)
    # tasks far outside the old 2017–2019 window: 2012 and 2035
    ledger.correct(items[0].id, "due", dt.date(2012, 3, 31), actor="admin")
    ledger.correct(items[1].id, "due", dt.date(2035, 12, 31), actor="admin")
    dated = [i for i in ledger.list_items(today=TODAY) if i.due is not None]
    assert summarize(dated, TODAY).due_period == "年"
    login(client, "leader")
    page = BeautifulSoup(client.get("/").text, "html.parser")
    chart = page.find("h2", string="到期分布").find_parent("section").select_one("svg")
    counted = sum(int(t.get_text().rsplit("：", 1)[1]) for t in chart.select("rect > title"))
    assert counted == len(dated) and "2012" in chart.get_text() and "2035" in chart.get_text()


def test_overdue_is_counted_the_same_everywhere(client: TestClient, ledger: Ledger) -> None:
    late = [i for i in ledger.list_items(today=TODAY) if i.light is Light.RED and i.lead]
    assert late
    # a suspended item past its date is not overdue anywhere (it is green)
    ledger.set_status(late[0].id, Status.SUSPENDED, actor="admin", note="暂缓", today=TODAY)
    login(client, "leader")
    units_page = BeautifulSoup(client.get("/units").text, "html.parser")
    dash = BeautifulSoup(client.get("/").text, "html.parser")
    column = [th.get_text() for th in units_page.select("table.grid thead th")].index("牵头逾期")
    dash_column = [th.get_text() for th in dash.select("section.card table.grid thead th")
                   if th.find_parent("section").h2.get_text() == "各单位"].index("牵头逾期")
    dash_rows = {}
    for row in dash.find("h2", string="各单位").find_parent("section").select("tbody tr"):
        cells = row.find_all("td")
        dash_rows[(cells[0].get_text(), cells[1].get_text())] = int(cells[dash_column].get_text())
    checked = 0
    for row in units_page.select("table.grid tbody tr"):
        cells = row.find_all("td")
        link = cells[1].find("a")
        if link is None:
            continue
        place, name, shown = cells[0].get_text(), cells[1].get_text(), int(cells[column].get_text())
        expected = len(ledger.list_items(unit=name, jurisdiction=place, role="lead",
                                         today=TODAY, overdue=True))
        unit = BeautifulSoup(client.get(link["href"]).text, "html.parser")
        tile = int(unit.select_one("#overdue-lead b").get_text())
        assert shown == tile == expected, (name, shown, tile, expected)
        if (place, name) in dash_rows:
            assert dash_rows[(place, name)] == expected, name
        checked += 1
    assert checked > 10
