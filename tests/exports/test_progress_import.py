"""Reading a filled-in sheet and planning its updates: every refusal names row and column."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest

from taizhang.errors import SheetError
from taizhang.exports import labels as L
from taizhang.exports.progress_import import plan_progress, read_progress_sheet
from taizhang.exports.xlsx import write_fillin, write_ledger
from taizhang.ledger.model import Status, WorkItem

from .conftest import TODAY


@pytest.fixture
def fillin(items: list[WorkItem], tmp_path: Path) -> Path:
    path = tmp_path / "市财政局.xlsx"
    write_fillin([i for i in items if "市财政局" in i.units], path, unit="市财政局", today=TODAY)
    return path


def edit(path: Path, changes: dict[tuple[int, str], object], out: Path | None = None) -> Path:
    """Change cells by (item id, header), as a person would in Excel."""
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    header = {c.value: c.column for c in ws[3]}
    rows = {L.parse_id_token(ws.cell(r, header[L.ID_HEADER]).value)[0]: r
            for r in range(4, ws.max_row + 1)}
    for (item_id, column), value in changes.items():
        ws.cell(rows[item_id], header[column]).value = value
    out = out or path.with_name("edited.xlsx")
    book.save(out)
    return out


def test_untouched_sheet_changes_nothing(fillin: Path, items: list[WorkItem]) -> None:
    sheet = read_progress_sheet(fillin)
    assert (sheet.kind, sheet.unit, len(sheet.rows)) == ("fillin", "市财政局", 4)
    assert plan_progress(sheet, {i.id: i for i in items}) == []


def test_edited_rows_become_updates(fillin: Path, items: list[WorkItem]) -> None:
    path = edit(fillin, {(2, "状态"): "推进中", (2, "完成百分比"): "30%",
                         (3, "进展情况"): "一季度调度已完成"})
    changes = plan_progress(read_progress_sheet(path), {i.id: i for i in items})
    assert [(c.item.id, c.row) for c in changes] == [(2, 5), (3, 6)]
    first, second = changes
    assert (first.update.status, first.update.percent, first.update.text) == (Status.IN_PROGRESS, 30, None)
    assert first.update.unit == "市财政局" and first.update.expected_version == 2
    assert second.update.text == "一季度调度已完成" and second.update.status is None
    assert "待签收 → 推进中" in first.describe()


def _problems(err: pytest.ExceptionInfo[SheetError]) -> list[str]:
    return [str(p) for p in err.value.problems]  # type: ignore[attr-defined]


def test_read_errors_name_row_and_column(fillin: Path) -> None:
    path = edit(fillin, {(3, "完成百分比"): "一百", (4, "状态"): "差不多了"})
    with pytest.raises(SheetError) as err:
        read_progress_sheet(path)
    assert err.value.row == 6 and err.value.column == "完成百分比"
    assert "“一百”无法识别，应为0到100的整数" in str(err.value)
    assert any("第7行“状态”列" in p for p in _problems(err))
    assert "未导入任何内容" in str(err.value)


def test_plan_refuses_stale_illegal_foreign_and_unknown(fillin: Path, items: list[WorkItem]) -> None:
    path = edit(fillin, {(1, "进展情况"): "补充进展", (2, "状态"): "已销号", (3, "进展情况"): "x"})
    current = {i.id: i for i in items if i.id != 3}  # item 3 no longer in the ledger
    current[1] = dataclasses.replace(current[1], version=3)
    with pytest.raises(SheetError) as err:
        plan_progress(read_progress_sheet(path), current)
    problems = _problems(err)
    assert len(problems) == 3
    assert "第4行“编号（勿改）”列" in problems[0] and "导出后已被修改" in problems[0]
    assert "第5行“状态”列" in problems[1] and "“待签收”改为“已销号”" in problems[1]
    assert "第6行" in problems[2] and "不存在" in problems[2]


def test_item_of_another_unit_is_refused(fillin: Path, items: list[WorkItem]) -> None:
    path = edit(fillin, {(2, "进展情况"): "代填"})
    with pytest.raises(SheetError, match="不是市商务局的任务"):
        plan_progress(read_progress_sheet(path), {i.id: i for i in items}, unit="市商务局")


def test_ledger_sheets_come_back_too(items: list[WorkItem], tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    write_ledger(items, path, today=TODAY)
    book = openpyxl.load_workbook(path)
    ws = book["吉林省推进东北振兴若干措施"]
    ws["I4"] = "已完成"
    book.save(path)
    sheet = read_progress_sheet(path)
    assert sheet.kind == "ledger" and sheet.unit is None and len(sheet.rows) == 5
    (change,) = plan_progress(sheet, {i.id: i for i in items})
    assert change.update.unit == "省财政厅" and change.update.status is Status.DONE


def test_without_meta_sheet_edits_are_found_by_comparison(fillin: Path, items: list[WorkItem]) -> None:
    book = openpyxl.load_workbook(fillin)
    del book["_taizhang"]
    book.worksheets[0]["K5"] = "新进展"  # 进展情况 of item 2
    book.save(fillin)
    (change,) = plan_progress(read_progress_sheet(fillin), {i.id: i for i in items}, unit="市财政局")
    assert change.item.id == 2 and change.update.text == "新进展"


def test_not_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "台账.xlsx"
    path.write_text("序号,工作任务\n1,x\n", encoding="utf-8")
    with pytest.raises(SheetError, match="不是 xlsx 文件"):
        read_progress_sheet(path)


def test_corrupt_zip(tmp_path: Path, fillin: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(fillin.read_bytes()[:2000])
    with pytest.raises(SheetError, match="不是 xlsx 文件|无法作为 xlsx 打开"):
        read_progress_sheet(path)


def test_wrong_sheet_name(fillin: Path) -> None:
    with pytest.raises(SheetError, match="没有名为“Sheet1”的工作表") as err:
        read_progress_sheet(fillin, sheet="Sheet1")
    assert "市财政局" in str(err.value)


def test_missing_id_column(fillin: Path) -> None:
    book = openpyxl.load_workbook(fillin)
    ws = book.worksheets[0]
    ws.delete_cols(ws.max_column)
    book.save(fillin)
    with pytest.raises(SheetError, match="找不到“编号（勿改）”列") as err:
        read_progress_sheet(fillin)
    assert err.value.column == L.ID_HEADER


def test_merged_cells_in_rows(fillin: Path) -> None:
    book = openpyxl.load_workbook(fillin)
    book.worksheets[0].merge_cells("K5:K6")
    book.save(fillin)
    with pytest.raises(SheetError, match="合并单元格（K5:K6）") as err:
        read_progress_sheet(fillin)
    assert (err.value.row, err.value.column) == (5, "进展情况")


def test_duplicate_rows(fillin: Path) -> None:
    book = openpyxl.load_workbook(fillin)
    ws = book.worksheets[0]
    ws.append([c.value for c in ws[4]])
    book.save(fillin)
    with pytest.raises(SheetError, match="与第4行重复"):
        read_progress_sheet(fillin)
