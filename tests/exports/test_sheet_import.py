"""Office-made spreadsheets → tasks: Chinese headers, dates in many hands, merged cells."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from taizhang.errors import SheetError
from taizhang.exports.sheet_dates import DateUnreadable, period_of, read_deadline_cell, year_of
from taizhang.exports.sheet_import import match_header, read_office_sheet

from .sample_sheet import HEADER, make_office_sheet


@pytest.mark.parametrize("cell,field", [
    ("序号", "seq"), ("重点任务", "task"), ("工作任务", "task"), ("任务", "task"),
    ("工作措施", "text"), ("具体内容", "text"), ("牵头部门", "lead"), ("牵头 单位", "lead"),
    ("配合单位", "support"), ("责任单位", "support"), ("分管领导", "leaders"),
    ("完成时间", "deadline"), ("完成时限（年月）", "deadline"), ("备注", "note"),
    ("进展情况", None), (None, None), (3, None),
])
def test_header_aliases(cell: object, field: str | None) -> None:
    assert match_header(cell) == field


@pytest.mark.parametrize("cell,due,rrule", [
    pytest.param("2023年6月底前", "2023-06-30", None, id="month_end_before"),
    pytest.param("2023.6.30", "2023-06-30", None, id="dots"),
    pytest.param("2023/6/30", "2023-06-30", None, id="slashes"),
    pytest.param("2023-06-30", "2023-06-30", None, id="iso"),
    pytest.param("2023.6", "2023-06-30", None, id="year_month"),
    pytest.param("6月底", "2023-06-30", None, id="month_only_year_from_sheet"),
    pytest.param("6.30", "2023-06-30", None, id="day_only"),
    pytest.param("２０２３年１２月底前", "2023-12-31", None, id="full_width"),
    pytest.param(dt.datetime(2023, 9, 1), "2023-09-01", None, id="date_cell"),
    pytest.param("每季度", None, "FREQ=MONTHLY;INTERVAL=3", id="quarterly"),
    pytest.param("按月调度", None, "FREQ=MONTHLY", id="monthly"),
])
def test_deadline_cells(cell: object, due: str | None, rrule: str | None) -> None:
    (deadline,) = read_deadline_cell(cell, year=2023)
    assert (deadline.due, deadline.rrule) == (due, rrule)


def test_ongoing_and_empty() -> None:
    assert read_deadline_cell("长期坚持", year=None)[0].kind == "ongoing"
    assert read_deadline_cell(None, year=2023) == ()
    assert read_deadline_cell("  ", year=2023) == ()


@pytest.mark.parametrize("cell,reason", [
    pytest.param("明年上半年", "无法识别为完成时限", id="vague"),
    pytest.param("6月底", "请用 --year 指定年份", id="no_year"),
    pytest.param("2023.2.30", "不是有效的日期", id="no_such_day"),
    pytest.param(45107, "是一个数字", id="number"),
])
def test_unreadable_deadlines(cell: object, reason: str) -> None:
    with pytest.raises(DateUnreadable) as err:
        read_deadline_cell(cell, year=None if cell == "6月底" else 2023)
    assert reason in err.value.reason


def test_year_and_period_from_title() -> None:
    assert year_of("2023年优化营商环境重点工作任务分解表") == 2023
    assert period_of("满园扩园行动计划(2018—2020年)任务分解") == (dt.date(2018, 1, 1), dt.date(2020, 12, 31))
    assert year_of("重点工作任务分解表") is None


def test_sample_sheet(tmp_path: Path) -> None:
    doc = read_office_sheet(make_office_sheet(tmp_path / "分解表.xlsx"))
    assert doc.title == "2023年优化营商环境重点工作任务分解表"
    assert doc.period is not None and doc.period.end == "2023-12-31"
    got = [(t.key, t.title, t.lead, t.support, t.leaders, [(d.due, d.rrule) for d in t.deadlines])
           for t in doc.tasks]
    assert got == [
        ("1/1", "推进政务服务“一网通办”", ("市政务服务办",), ("市大数据局", "市财政局"), ("张三",),
         [("2023-06-30", None)]),
        ("1/2", "推进政务服务“一网通办”", ("市政务服务办",), ("各区、县(市)政府",), (),
         [("2023-09-30", None)]),
        ("2", "开展营商环境评价", ("市发展改革委",), ("市直有关部门",), (),
         [(None, "FREQ=MONTHLY;INTERVAL=3")]),
        ("3", "压减工程建设项目审批时限", ("市住房城乡建设局",), ("市自然资源局", "市政务服务办"),
         ("李四",), [("2023-12-31", None)]),
        ("4", "清理证明事项", ("市司法局",), (), (), [("2023-06-30", None)]),
        ("5", "推进企业开办便利化", ("市市场监管局",), ("市公安局", "市税务局"), (),
         [("2023-03-31", None)]),
        ("6", "落实减税降费政策", ("市税务局",), ("市财政局",), ("王五",), [(None, None)]),
    ]
    assert doc.tasks[0].section == ("一、深化“放管服”改革", "推进政务服务“一网通办”")
    assert doc.tasks[4].section[0] == "二、优化市场环境"
    for task in doc.tasks:  # every span slices back to the row's text
        assert task.assignments[0].text == doc.text[slice(*task.assignments[0].span)]
        assert task.text in doc.text[slice(*task.span)]


def test_year_option_for_untitled_sheet(tmp_path: Path) -> None:
    rows: list[list[object] | str] = [[1, "清理证明事项", "全面清理", "市司法局", None, None, "6月底"]]
    path = make_office_sheet(tmp_path / "s.xlsx", rows=rows, title="证明事项清理任务表")
    with pytest.raises(SheetError) as err:
        read_office_sheet(path)
    assert (err.value.row, err.value.column) == (3, "完成时限")
    assert "请用 --year 指定年份" in str(err.value)
    doc = read_office_sheet(path, year=2024)
    assert doc.tasks[0].deadlines[0].due == "2024-06-30"


def test_unmarked_unit_list_first_leads(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["序号", "工作任务", "责任单位", "完成时限"])
    ws.append([1, "编制规划", "市发展改革委、市财政局", "2023年底前"])
    book.save(tmp_path / "s.xlsx")
    (task,) = read_office_sheet(tmp_path / "s.xlsx").tasks
    assert (task.lead, task.support) == (("市发展改革委",), ("市财政局",))


def test_bad_cells_all_reported(tmp_path: Path) -> None:
    rows: list[list[object] | str] = [
        [1, "a", "甲", "市司法局", None, None, "明年"],
        [2, "b", "乙", "市司法局", "市财政局", None, "2023年6月底前"],
        [3, "c", "丙", "市司法局", None, None, "2023.13.1"],
    ]
    path = make_office_sheet(tmp_path / "s.xlsx", rows=rows)
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("D4:E4")  # 牵头 and 配合 of row 4 merged into one cell
    book.save(path)
    with pytest.raises(SheetError) as err:
        read_office_sheet(path)
    problems = [str(p) for p in err.value.problems]  # type: ignore[attr-defined]
    assert len(problems) == 3
    assert "第4行“牵头单位”列" in problems[0] and "跨越了“牵头单位”和“责任单位”" in problems[0]
    assert "第3行“完成时限”列" in problems[1] and "“明年”" in problems[1]
    assert "第5行“完成时限”列" in problems[2]


def test_no_header(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["姓名", "电话"])
    book.save(tmp_path / "s.xlsx")
    with pytest.raises(SheetError, match="找不到表头"):
        read_office_sheet(tmp_path / "s.xlsx")


def test_header_only(tmp_path: Path) -> None:
    path = make_office_sheet(tmp_path / "s.xlsx", rows=[])
    with pytest.raises(SheetError, match="没有任务行"):
        read_office_sheet(path)
    assert HEADER[0] == "序号"
