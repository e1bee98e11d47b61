"""The 台账 and fill-in workbooks, read back with openpyxl as an office's Excel would."""
from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from taizhang.exports import labels as L
from taizhang.exports.xlsx import META_SHEET, write_fillin, write_ledger
from taizhang.ledger.model import WorkItem

from .conftest import TODAY

HEADER = ["序号", "工作任务", "具体内容", "牵头单位", "责任单位", "责任领导", "完成时限", "进展情况",
          "状态", "亮灯", "备注", L.ID_HEADER]


def _rows(ws) -> list[dict[str, object]]:
    header = [c.value for c in ws[3]]
    return [dict(zip(header, r)) for r in ws.iter_rows(min_row=4, values_only=True)]


def test_ledger_layout(items: list[WorkItem], tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    write_ledger(items, path, today=TODAY)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["沈政办发〔2018〕78号", "吉林省推进东北振兴若干措施", META_SHEET]
    assert book[META_SHEET].sheet_state == "hidden"
    ws = book.worksheets[0]
    assert ws["A1"].value == "《沈阳市开发区满园扩园行动计划(2018-2020年)》任务落实台账"
    assert "沈政办发〔2018〕78号" in ws["A2"].value and "2026-05-15" in ws["A2"].value
    assert [c.value for c in ws[3]] == HEADER
    assert ws.freeze_panes == "A4"
    assert ws.print_title_rows == "$3:$3"
    assert ws.page_setup.orientation == "landscape"
    assert ws["C4"].alignment.wrap_text
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width
    (validation,) = [v for v in ws.data_validations.dataValidation if v.type == "list"]
    assert validation.formula1 == '"待签收,推进中,已完成,已销号,滞后,暂缓"'
    assert "I4" in validation.sqref
    rows = _rows(ws)
    assert [r["序号"] for r in rows] == [1, 2, 3, 4]
    by_id = {L.parse_id_token(r[L.ID_HEADER])[0]: r for r in rows}
    assert by_id[1]["进展情况"] == "已完成方案起草，正在征求意见。"
    assert by_id[1]["责任单位"] == "市财政局、各区县(市)政府"
    assert by_id[2]["完成时限"] == "2020-12-31（默认：规划期末）"
    assert by_id[3]["完成时限"] == "每季度"
    assert by_id[4]["亮灯"] == "红灯" and by_id[4]["备注"] == "已逾期45天"
    assert by_id[4]["状态"] == "滞后"
    assert L.parse_id_token(by_id[4][L.ID_HEADER]) == (4, 2)


def test_light_cells_are_coloured(items: list[WorkItem], tmp_path: Path) -> None:
    write_ledger(items, tmp_path / "a.xlsx", today=TODAY)
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx").worksheets[0]
    fills = {ws.cell(r, 10).value: ws.cell(r, 10).fill.fgColor.rgb for r in range(4, 8)}
    assert fills["红灯"].endswith("FFC7CE")
    assert fills["黄灯"].endswith("FFEB9C")
    assert fills["绿灯"].endswith("C6EFCE")


def test_by_unit_one_sheet_per_lead(items: list[WorkItem]) -> None:
    buffer = io.BytesIO()
    write_ledger(items, buffer, by="unit", today=TODAY)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    assert book.sheetnames[:-1] == ["市发展改革委", "市财政局", "市商务局", "省财政厅"]
    ws = book["市财政局"]
    assert ws["A1"].value == "市财政局工作任务落实台账"
    assert [r["工作任务"] for r in _rows(ws)] == ["推进第2项重点工作", "按季度调度项目进展"]
    assert "来源文件" in [c.value for c in ws[3]]


def test_fillin_locks_all_but_progress(items: list[WorkItem], tmp_path: Path) -> None:
    mine = [i for i in items if "市财政局" in i.units]
    write_fillin(mine, tmp_path / "f.xlsx", unit="市财政局", today=TODAY)
    book = openpyxl.load_workbook(tmp_path / "f.xlsx")
    ws = book.worksheets[0]
    assert ws.protection.sheet is True
    header = {c.value: c.column for c in ws[3]}
    open_cols = {h for h, col in header.items() if ws.cell(4, col).protection.locked is False}
    assert open_cols == {"状态", "完成百分比", "进展情况", "存在问题", "下步计划"}
    assert len(_rows(ws)) == 4
    percent = [v for v in ws.data_validations.dataValidation if v.type == "whole"]
    assert percent and percent[0].formula1 == "0" and percent[0].formula2 == "100"
    meta = dict((r[0], r[1]) for r in book[META_SHEET].iter_rows(max_row=4, values_only=True))
    assert meta["kind"] == "fillin" and meta["unit"] == "市财政局"


def test_empty_ledger_still_opens(tmp_path: Path) -> None:
    write_ledger([], tmp_path / "e.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "e.xlsx").worksheets[0]
    assert [c.value for c in ws[3]] == HEADER


@pytest.mark.parametrize("raw,expected", [
    pytest.param("沈政办发〔2018〕78号", "沈政办发〔2018〕78号", id="keeps_brackets"),
    pytest.param("a/b:c*d?[e]", "abcde", id="drops_illegal"),
    pytest.param("长" * 40, "长" * 28, id="truncated"),
])
def test_sheet_name(raw: str, expected: str) -> None:
    assert L.sheet_name(raw, set()) == expected


def test_rows_follow_the_outline() -> None:
    from taizhang.exports.xlsx import ledger_order

    from .conftest import item

    keys = ["四/(一)", "一", "二/(十)/1", "二/(九)/10", "二/(九)/9", "附件", "三"]
    rows = sorted((item(n, task_key=k) for n, k in enumerate(keys, start=1)), key=ledger_order)
    assert [r.task_key for r in rows] == ["一", "二/(九)/9", "二/(九)/10", "二/(十)/1", "三",
                                          "四/(一)", "附件"]
