"""Office project sheets in: headers in their common variants, merged cells, amounts and dates
as written, and every problem named by row and column."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from taizhang.errors import SheetError
from taizhang.exports.project_sheet import match_header, read_project_sheet
from taizhang.projects.model import Stage
from projects.sample_register import BAD_ROW_AMOUNT, ZONES, make_register

TODAY = dt.date(2026, 4, 20)


@pytest.mark.parametrize(("header", "field", "extra"), [
    pytest.param("项目名称", "name", {}, id="name"),
    pytest.param("总投资（亿元）", "total", {"unit": "亿元"}, id="total_with_unit"),
    pytest.param("计划总投资(万元)", "total", {"unit": "万元"}, id="planned_total_is_total"),
    pytest.param("2026年计划投资", "annual", {"year": 2026}, id="year_plan"),
    pytest.param("包保市领导", "leader", {}, id="leader_variant"),
    pytest.param("项目管家", "contact", {}, id="contact_variant"),
    pytest.param("计划开工时间", "date", {"stage": Stage.STARTED, "planned": True}, id="planned_start"),
    pytest.param("实际开工时间", "date", {"stage": Stage.STARTED, "planned": False}, id="actual_start"),
    pytest.param("签约时间", "date", {"stage": Stage.SIGNED, "planned": False}, id="signed"),
    pytest.param("预计竣工投产时间", "date", {"stage": Stage.PRODUCING, "planned": True}, id="producing"),
    pytest.param("所 在 园 区", "zone", {}, id="spaced"),
    pytest.param("本年完成投资（万元）", "computed", {}, id="computed_is_read_past"),
])
def test_headers(header: str, field: str, extra: dict[str, object]) -> None:
    col = match_header(header, 1)
    assert col is not None and col.field == field
    for key, value in extra.items():
        assert getattr(col, key) == value


def test_header_that_is_not_ours() -> None:
    assert match_header("联系电话", 1) is None


@pytest.fixture(scope="module")
def reading(tmp_path_factory: pytest.TempPathFactory) -> object:
    path = make_register(tmp_path_factory.mktemp("sheet") / "reg.xlsx", 30)
    return read_project_sheet(path, today=TODAY, jurisdiction="沈阳市")


def test_two_row_header_and_sections(reading: object) -> None:
    r = reading
    fields = {c.field for c in r.columns}  # type: ignore[attr-defined]
    assert {"name", "total", "annual", "completed", "zone", "unit", "leader", "contact",
            "stage", "date"} <= fields
    total = next(c for c in r.columns if c.field == "total")  # type: ignore[attr-defined]
    assert total.unit == "亿元" and total.header == "投资情况（亿元）/总投资"
    dates = {(c.stage, c.planned) for c in r.columns if c.field == "date"}  # type: ignore[attr-defined]
    assert (Stage.SIGNED, True) in dates and (Stage.STARTED, False) in dates
    assert r.title.startswith("沈阳市2026年重点产业项目推进台账")  # type: ignore[attr-defined]
    assert len(r.drafts) == 29 and r.skipped == 1  # type: ignore[attr-defined]  # the 合计 row
    assert {d.zone for d in r.drafts} == {z[0] for z in ZONES}  # type: ignore[attr-defined]


def test_the_bad_row_is_named(reading: object) -> None:
    (problem,) = reading.problems  # type: ignore[attr-defined]
    assert problem.column == "投资情况（亿元）/总投资" and BAD_ROW_AMOUNT in problem.message
    assert problem.row is not None and problem.row > 4


def test_values_as_written(reading: object) -> None:
    first = reading.drafts[0]  # type: ignore[attr-defined]
    assert first.name.endswith("（1期）")  # full-width brackets kept
    assert first.total_text.endswith("亿元") and first.total % 10**6 == 0
    assert first.annual_year == 2026
    # 2025年10月 written for an actual date: the month is known, the day is not
    assert first.dates[Stage.SIGNED.order].actual == dt.date(2025, 10, 1)
    assert first.dates[Stage.SIGNED.order].planned == dt.date(2025, 10, 31)
    started = next(d for d in reading.drafts if d.stage is Stage.STARTED)  # type: ignore[attr-defined]
    assert "进展情况：完成场地平整" in started.notes  # a column with no field is kept in notes


def test_horizontal_merge_across_fields_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "项目名称", "所在园区", "责任单位", "总投资（亿元）"])
    ws.append([1, "甲项目", "经开区", "经开区管委会", 3])
    ws.append([2, "乙项目", "经开区", None, 4])
    ws.merge_cells("C3:D3")
    book.save(tmp_path / "m.xlsx")
    r = read_project_sheet(tmp_path / "m.xlsx", today=TODAY)
    assert any("合并单元格C3:D3" in p.message for p in r.problems)


def test_heading_typed_without_merge_names_the_zone(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "项目名称", "总投资（万元）", "责任单位"])
    ws.append(["二、沈阳辉山经济技术开发区（1个）"])
    ws.append([1, "丙项目", 3500, "市发展改革委"])
    book.save(tmp_path / "h.xlsx")
    r = read_project_sheet(tmp_path / "h.xlsx", today=TODAY)
    (d,) = r.drafts
    assert (d.zone, d.total, d.total_text) == ("沈阳辉山经济技术开发区", 35_000_000, "3500万元")


def test_no_header(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["甲", "乙"])
    book.save(tmp_path / "n.xlsx")
    with pytest.raises(SheetError, match="找不到表头"):
        read_project_sheet(tmp_path / "n.xlsx", today=TODAY)


def test_a_sheet_too_long_is_refused_before_it_fills_memory(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from taizhang.exports import project_sheet

    monkeypatch.setattr(project_sheet, "MAX_ROWS", 40)  # the real limit is 50,000 rows
    path = make_register(tmp_path / "long.xlsx", 60, bad=False)
    with pytest.raises(SheetError, match="超过 40 行"):
        read_project_sheet(path, today=TODAY)
