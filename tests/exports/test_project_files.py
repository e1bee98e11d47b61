"""Files of the register out and back: the 台账 reads back through the office-sheet reader,
the fill-in sheet through its importer (only edited rows), the docx and the chart."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from taizhang.exports.project_chart import draw, svg
from taizhang.exports.project_fillin import plan_fillin, read_fillin, sheet_kind
from taizhang.exports.project_sheet import read_project_sheet
from taizhang.exports.project_word import write_blocker_notice, write_half_year_report
from taizhang.exports.project_xlsx import write_project_fillin, write_projects
from taizhang.ledger.model import Light
from taizhang.projects.indicators import group_stats
from taizhang.projects.model import (
    STAGES,
    Blocker,
    BlockerLevel,
    BlockerState,
    Project,
    ProjectReport,
    Stage,
    StageDate,
    Zone,
    ZoneLevel,
)
from taizhang.projects.timeline import build

D = dt.date
TODAY = D(2026, 5, 28)


def projects() -> list[Project]:
    def one(pid: int, stage: Stage, **actual: dt.date) -> Project:
        planned = {Stage.STARTED: D(2026, 6, 30), Stage.PRODUCING: D(2027, 6, 30)}
        dates = tuple(StageDate(planned.get(s), actual.get(s.value)) for s in STAGES)
        return Project(id=pid, jurisdiction="沈阳市", name=f"测试项目（{pid}期）", zone="沈阳经济技术开发区",
                       unit="沈阳经济技术开发区管委会", stage=stage, dates=dates, investor="某公司",
                       total=52 * 10**8, total_text="52亿元", annual=3 * 10**8, annual_text="3亿元",
                       annual_year=2026, completed=12_345_600, version=pid + 1, year_done=10**7,
                       light=Light.YELLOW, light_reasons=("缺2026年4月月报",), leader="王副市长")
    return [one(1, Stage.SIGNED, signed=D(2026, 2, 3)),
            one(2, Stage.STARTED, signed=D(2025, 11, 1), started=D(2026, 3, 1))]


def test_ledger_xlsx_reads_back_as_an_office_sheet(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    write_projects(projects(), path, today=TODAY)
    assert sheet_kind(path) == "projects"
    r = read_project_sheet(path, today=TODAY, jurisdiction="沈阳市")
    assert r.problems == []
    back = {d.project_id: d for d in r.drafts}
    for p in projects():
        d = back[p.id]
        assert (d.name, d.zone, d.unit, d.total, d.total_text, d.version) == (
            p.name, p.zone, p.unit, p.total, p.total_text, p.version)
        assert d.annual == p.annual and d.annual_year == 2026
        for st in (Stage.SIGNED, Stage.STARTED, Stage.PRODUCING):
            assert d.dates[st.order] == p.dates[st.order], st
        assert d.stage is p.stage


def _fillin(tmp_path: Path) -> Path:
    path = tmp_path / "填报表.xlsx"
    last = {2: ProjectReport(id=9, project_id=2, month=D(2026, 4, 1), unit="u", actor="a",
                             at=dt.datetime(2026, 5, 2), invest=10**6, total=12_345_600,
                             image="桩基施工", text="按计划推进", problems="")}
    write_project_fillin(projects(), path, unit="沈阳经济技术开发区管委会", month=D(2026, 5, 1),
                         today=TODAY, last=last)
    return path


def test_fillin_untouched_asks_nothing(tmp_path: Path) -> None:
    path = _fillin(tmp_path)
    assert sheet_kind(path) == "project-fillin"
    sheet = read_fillin(path)
    assert (sheet.unit, sheet.month) == ("沈阳经济技术开发区管委会", D(2026, 5, 1))
    assert plan_fillin(sheet, {p.id: p for p in projects()}, unit=None, month=None) == []


def test_fillin_edited_rows_become_reports(tmp_path: Path) -> None:
    path = _fillin(tmp_path)
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    header = {c.value: c.column for c in ws[3]}
    ws.cell(4, header["本月完成投资（万元）"]).value = 800
    ws.cell(5, header["当前阶段"]).value = "投产"
    ws.cell(5, header["阶段日期"]).value = "2026-05-20"
    ws.cell(5, header["形象进度"]).value = "设备安装完成"
    book.save(path)
    first, second = plan_fillin(read_fillin(path), {p.id: p for p in projects()}, unit=None,
                                month=None)
    assert (first.project_id, first.invest, first.total, first.image) == (1, 8_000_000, None, None)
    assert first.expected_version == 2 and first.month == D(2026, 5, 1)
    assert (second.stage, second.stage_on, second.image) == (Stage.PRODUCING, D(2026, 5, 20),
                                                             "设备安装完成")
    assert second.text is None  # an untouched cell: carried over, not re-sent


def test_half_year_report_and_blocker_notice(tmp_path: Path) -> None:
    from docx import Document as Docx

    zone = Zone(1, "沈阳市", "沈阳经济技术开发区", ZoneLevel.NATIONAL, unit="沈阳经济技术开发区管委会")
    ps = projects()
    b = Blocker(id=1, number="问题〔2026〕3号", year=2026, serial=3, project_id=1,
                title="用地指标尚未落实", level=BlockerLevel.CITY, state=BlockerState.OPEN,
                unit="市自然资源局", reply_due=D(2026, 6, 5), raised_on=D(2026, 5, 1),
                raised_by="admin", project_name=ps[0].name)
    (figures,) = group_stats(ps, [], by="zone", year=2026, today=TODAY)
    report = tmp_path / "r.docx"
    write_half_year_report(zone, ps, [b], figures, report, year=2026, half=1, today=TODAY, last={})
    text = "\n".join(p.text for p in Docx(str(report)).paragraphs)
    assert "沈阳经济技术开发区关于2026年上半年重点项目建设情况的报告" in text
    assert "当年签约当年开工率" in text and "未解决" in text or "尚待解决1个" in text
    cells = [c.text for t in Docx(str(report)).tables for row in t.rows for c in row.cells]
    assert "问题〔2026〕3号" in cells and ps[0].name in cells
    notice = tmp_path / "n.docx"
    write_blocker_notice(b, ps[0], notice)
    doc = Docx(str(notice))
    assert any("问题〔2026〕3号" in p.text for p in doc.paragraphs)
    assert "市自然资源局：" in [p.text for p in doc.paragraphs]


@pytest.mark.parametrize("suffix", [pytest.param(".png", id="png"), pytest.param(".svg", id="svg")])
def test_chart_files(tmp_path: Path, suffix: str) -> None:
    out = draw(build(projects(), TODAY), tmp_path / f"c{suffix}", title="挂图作战")
    data = out.read_bytes()
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000
    else:
        assert b"<svg" in data[:400] and "测试项目（1期）".encode() in data


def test_web_svg_links_each_project() -> None:
    text = svg(build(projects(), TODAY), title="挂图作战")
    assert 'href="/projects/1"' in text and 'href="/projects/2"' in text
    assert "计划开工 2026-06-30" in text and "今天 2026-05-28" in text
