"""A filled-in 台账 comes back: read it, check every row, and turn the edits into ProgressUpdates.

Reading (:func:`read_progress_sheet`) only looks at the file; planning (:func:`plan_progress`)
compares it with the ledger's current items, pure. Both collect every problem before raising one
:class:`~taizhang.errors.SheetError` that names the first row and column and counts the rest, so
a department fixes its sheet once and nothing is applied until the whole file is right.

A row counts as edited when its editable cells differ from what was exported (a digest of them
per row is kept in the hidden ``_taizhang`` sheet; without it, from the item as it is now). Only
edited rows become updates, and an edited row whose version is older than the item's is refused
as stale: someone changed the item after the sheet was sent out.
"""
from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from taizhang.errors import SheetError
from taizhang.exports import labels as L
from taizhang.ledger.model import ProgressUpdate, Report, Status, WorkItem
from taizhang.ledger.workflow import OFFICE, UNIT, is_allowed, allowed_targets

# header → field of ProgressUpdate; a sheet may carry any subset of them
EDITABLE: dict[str, str] = {"状态": "status", "完成百分比": "percent", "进展情况": "text",
                            "存在问题": "problems", "下步计划": "next_steps"}
FIELD_LABEL = {v: k for k, v in EDITABLE.items()}
MAX_HEADER_SEARCH = 10
_MERGE = re.compile(r'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"')  # the header is within the first rows (title and 发文字号 lines above it)


@dataclass(frozen=True, slots=True)
class SheetRow:
    sheet: str
    row: int  # as Excel numbers it, so messages match what the user sees
    item_id: int
    version: int
    values: dict[str, Any]  # field → normalised value, for the editable columns present
    digests: dict[str, str]  # field → fingerprint of the value as it is now


@dataclass(frozen=True, slots=True)
class ProgressSheet:
    source: str
    kind: str  # fillin | ledger | unknown (no hidden _taizhang sheet)
    unit: str | None
    rows: tuple[SheetRow, ...]
    # item id → field → fingerprint at export, from the hidden sheet; empty when it was lost
    exported: Mapping[int, Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Problem:
    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = "".join([f"第{self.row}行" if self.row else "",
                         f"“{self.column}”列" if self.column else ""])
        return f"[{self.sheet}] {where}：{self.message}" if where else f"[{self.sheet}] {self.message}"


@dataclass(frozen=True, slots=True)
class Change:
    """One edited row: the update to apply and, for the printout, each field before → after."""

    sheet: str
    row: int
    item: WorkItem
    update: ProgressUpdate
    fields: tuple[tuple[str, Any, Any], ...]

    def describe(self) -> str:
        parts = "；".join(f"{label}：{_show(a)} → {_show(b)}" for label, a, b in self.fields)
        return f"第{self.row}行 [{self.item.id}] {self.item.title[:24]}（{self.update.unit}）：{parts}"


def field_digests(values: Mapping[str, Any]) -> dict[str, str]:
    """Short fingerprints of each editable cell (normalised), written at export, compared on import.

    Per field, so an import sends only what the department actually changed: the ledger may
    have moved other fields on by itself (a report signs a 待签收 item, for instance).
    """
    out = {}
    for name, value in values.items():
        plain = value.value if isinstance(value, Status) else ("" if value is None else value)
        out[name] = hashlib.blake2b(str(plain).encode("utf-8"), digest_size=4).hexdigest()
    return out


def pack_digests(digests: Mapping[str, str]) -> str:
    """``{"status": "ab12cd34"}`` → ``"status=ab12cd34"``: one cell of the hidden sheet."""
    return ";".join(f"{k}={v}" for k, v in sorted(digests.items()))


def unpack_digests(cell: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in cell.split(";") if "=" in part)


def normalise(field_name: str, value: Any) -> Any:
    """The comparable form of a cell: stripped text, a Status, an int percent; raises ValueError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field_name == "status":
        return Status.parse(str(value))
    if field_name == "percent":
        if isinstance(value, bool):
            raise ValueError(value)
        number = float(str(value).strip().rstrip("%％")) if isinstance(value, str) else float(value)
        if isinstance(value, float) and 0 < value <= 1 and not value.is_integer():
            number = value * 100  # a cell formatted as percentage holds 0.4 for 40%
        if not 0 <= number <= 100:
            raise ValueError(value)
        return int(round(number))
    return str(value).strip()


def read_progress_sheet(file: str | Path | IO[bytes], *, sheet: str | None = None,
                        name: str | None = None) -> ProgressSheet:
    """Read a 台账 or fill-in sheet we wrote (or a copy an office re-saved)."""
    source = name or (str(file) if isinstance(file, (str, Path)) else "上传的文件")
    book = _open(file, source, read_only=True)
    try:
        kind, unit, exported = _meta(book)
        names = [ws.title for ws in book.worksheets
                 if ws.sheet_state == "visible" and ws.title != "_taizhang"]
        if sheet is not None and sheet not in book.sheetnames:
            raise SheetError(f"文件中没有名为“{sheet}”的工作表",
                             hint=f"现有工作表：{'、'.join(names)}")
        problems: list[Problem] = []
        rows: list[SheetRow] = []
        found = False
        for ws_name in [sheet] if sheet else names:
            got = _read_sheet(book[ws_name], _merges(file, book[ws_name]), problems)
            if got is not None:
                found = True
                rows.extend(got)
        if not found:
            target = f"工作表“{sheet}”" if sheet else "任何工作表"
            raise SheetError(f"{target}中找不到“{L.ID_HEADER}”列，无法对应到台账中的任务",
                             column=L.ID_HEADER,
                             hint="请使用 taizhang export 导出的台账或填报表填写后再导入，不要删除编号列")
        seen: dict[int, SheetRow] = {}
        for r in rows:
            if r.item_id in seen:
                problems.append(Problem(r.sheet, r.row, L.ID_HEADER,
                                        f"编号{r.item_id}与第{seen[r.item_id].row}行重复"))
            seen[r.item_id] = r
        raise_problems(problems, source)
        return ProgressSheet(source, kind, unit, tuple(rows), exported)
    finally:
        book.close()


def plan_progress(sheet: ProgressSheet, current: Mapping[int, WorkItem], *,
                  unit: str | None = None,
                  reports: Mapping[tuple[int, str], Report] | None = None) -> list[Change]:
    """The updates the sheet asks for; raises SheetError listing every refused row.

    ``unit`` (else the sheet's own) is who reports; without one the office imports on behalf
    of each item's lead unit, and the workflow is checked as the office's. ``reports`` holds
    each unit's latest report per item ((item id, unit) → Report): a row is compared with what
    *its* unit last reported, so a supporting unit's sheet imported twice changes nothing the
    second time instead of being refused as someone else's newer edit.
    """
    unit = unit or sheet.unit
    by = UNIT if unit else OFFICE
    problems: list[Problem] = []
    changes: list[Change] = []
    for r in sheet.rows:
        item = current.get(r.item_id)
        if item is None:
            problems.append(Problem(r.sheet, r.row, L.ID_HEADER,
                                    f"编号{r.item_id}在台账中不存在（可能已删除或属于其他台账）"))
            continue
        shown = _item_values(item, r.values.keys(), item.last_report)
        exported = sheet.exported.get(r.item_id)
        # edited: what differs from the sheet as it left; without that record, from what the
        # sheet showed of the ledger (the item's status and percent, its latest report)
        edited = [f for f in r.values if (r.digests[f] != exported.get(f) if exported
                                          else r.values[f] != shown[f])]
        if not edited:
            continue
        if unit and unit not in item.units:
            problems.append(Problem(r.sheet, r.row, L.ID_HEADER,
                                    f"任务{r.item_id}不是{unit}的任务（牵头：{item.lead or '无'}），不能填报"))
            continue
        # changed: what the reporting unit has not said yet — compared with its own latest
        # report, so a sheet imported twice asks for nothing the second time
        who = unit or item.lead or ""
        own = reports.get((item.id, who)) if reports is not None else item.last_report
        before = _item_values(item, r.values.keys(), own, lead=who == item.lead)
        changed = [f for f in edited if r.values[f] != before[f]]
        diffs = tuple((FIELD_LABEL[f], before[f], r.values[f]) for f in changed)
        if not diffs:
            continue  # the ledger already holds it (the same file imported twice)
        if r.version != item.version:
            problems.append(Problem(r.sheet, r.row, L.ID_HEADER,
                                    f"任务{r.item_id}在导出后已被修改（表中版本{r.version}，"
                                    f"当前版本{item.version}），本行的修改可能覆盖他人的更新；"
                                    "请重新导出后再填写"))
            continue
        target = r.values.get("status") if "status" in changed else None
        if target is not None and target is not item.status and not is_allowed(item.status, target, by=by):
            options = "、".join(s.label for s in allowed_targets(item.status, by=by)) or "无"
            problems.append(Problem(r.sheet, r.row, "状态",
                                    f"不能把状态从“{item.status.label}”改为“{target.label}”"
                                    f"（可改为：{options}）"))
            continue
        kwargs = {f: r.values[f] for f in changed}
        for name in ("text", "problems", "next_steps"):
            if name in kwargs and kwargs[name] is None:
                kwargs[name] = ""  # a cleared cell clears the text rather than keeping the old one
        update = ProgressUpdate(item_id=item.id, unit=unit or item.lead or "",
                                expected_version=r.version, **kwargs)
        changes.append(Change(r.sheet, r.row, item, update, diffs))
    raise_problems(problems, sheet.source)
    return changes


def raise_problems(problems: Sequence[Problem], source: str) -> None:
    """One SheetError for all of them: the first named by row and column, the rest listed."""
    if not problems:
        return
    first = problems[0]
    message = f"[{first.sheet}] {first.message}"
    if len(problems) > 1:
        rest = "\n".join(f"  {p}" for p in problems[1:21])
        more = f"\n  ……另有{len(problems) - 21}处" if len(problems) > 21 else ""
        message += f"\n另有{len(problems) - 1}处问题：\n{rest}{more}"
    err = SheetError(message, row=first.row, column=first.column,
                     hint=f"{source} 未导入任何内容；改正后请重新导入")
    err.problems = list(problems)  # type: ignore[attr-defined]
    raise err


def _item_values(item: WorkItem, fields: Any, report: Report | None, *,
                 lead: bool = True) -> dict[str, Any]:
    """The values a row is compared with: the item's status, the unit's own percent (the
    item's for its lead) and the texts of the unit's last report."""
    percent = item.percent if lead else (report.percent if report else 0)
    now = {"status": item.status, "percent": percent,
           "text": (report.text or None) if report else None,
           "problems": (report.problems or None) if report else None,
           "next_steps": (report.next_steps or None) if report else None}
    return {f: now[f] for f in fields}


def _open(file: str | Path | IO[bytes], source: str, *, read_only: bool = False) -> Any:
    from openpyxl import load_workbook

    if isinstance(file, (str, Path)) and not Path(file).is_file():
        raise SheetError(f"找不到文件 {source}", hint="请检查路径")
    try:
        if not zipfile.is_zipfile(file):
            raise SheetError(f"{source} 不是 xlsx 文件（Excel 2007 及以后的格式）",
                             hint="旧的 .xls 或 WPS 格式请先在 Excel/WPS 中“另存为 .xlsx”")
        refuse_bomb(file, source)
        if not isinstance(file, (str, Path)):
            file.seek(0)
        # read-only streams the rows (twice as fast on 20,000); merges are read by _merges
        return load_workbook(file, data_only=True, read_only=read_only)
    except SheetError:
        raise
    except Exception as err:  # openpyxl raises many kinds for a broken package
        raise SheetError(f"{source} 无法作为 xlsx 打开（{type(err).__name__}）",
                         hint="文件可能已损坏或不是 Excel 表格；请在 Excel/WPS 中打开后另存为 .xlsx") from err


def refuse_bomb(file: str | Path | IO[bytes], source: str) -> None:
    """SheetError when the package would inflate past the readers' limits (readers/archive.py):
    checked on its directory before openpyxl inflates anything."""
    from taizhang.errors import FileUnreadable
    from taizhang.readers.archive import check_zip

    if not isinstance(file, (str, Path)):
        file.seek(0)
    try:
        check_zip(file, source)
    except FileUnreadable as err:
        raise SheetError(f"{source}：{err.reason}", hint=err.hint) from None


def _meta(book: Any) -> tuple[str, str | None, dict[int, dict[str, str]]]:
    if "_taizhang" not in book.sheetnames:
        return "unknown", None, {}
    ws = book["_taizhang"]
    values: dict[str, str] = {}
    exported: dict[int, dict[str, str]] = {}
    for key, value in ws.iter_rows(min_col=1, max_col=2, values_only=True):
        token = L.parse_id_token(key)
        if token and value:  # an item's row: its token and the fingerprints of its cells
            exported[token[0]] = unpack_digests(str(value))
        elif key:
            values[str(key)] = "" if value is None else str(value)
    return values.get("kind", "unknown"), values.get("unit") or None, exported


def _merges(file: str | Path | IO[bytes], ws: Any) -> list[Any]:
    """The merged ranges of a sheet, read from its XML (read-only workbooks do not keep them)."""
    from openpyxl.worksheet.cell_range import CellRange

    with zipfile.ZipFile(file) as package:
        xml = package.read(ws._worksheet_path).decode("utf-8", "replace")
    return [CellRange(ref) for ref in _MERGE.findall(xml)]


def _read_sheet(ws: Any, merges: list[Any], problems: list[Problem]) -> list[SheetRow] | None:
    header_row, columns = _find_header(ws)
    if header_row is None or L.ID_HEADER not in columns:
        return None
    for merged in merges:
        if merged.max_row > header_row:
            problems.append(Problem(ws.title, merged.min_row, _header_at(columns, merged.min_col),
                                    f"有合并单元格（{merged.coord}），无法逐行对应任务；请取消合并"))
    id_col = columns[L.ID_HEADER]
    editable = {EDITABLE[h]: c for h, c in columns.items() if h in EDITABLE}
    rows: list[SheetRow] = []
    for row, cells in enumerate(ws.iter_rows(min_row=header_row + 1), start=header_row + 1):
        raw = cells[id_col - 1].value if len(cells) >= id_col else None
        if raw is None and all(c.value in (None, "") for c in cells):
            continue
        token = L.parse_id_token(raw)
        if token is None:
            problems.append(Problem(ws.title, row, L.ID_HEADER,
                                    f"编号“{raw if raw is not None else '（空）'}”无法识别，应为导出时的“任务号:v版本”"))
            continue
        values: dict[str, Any] = {}
        for name, col in editable.items():
            value = cells[col - 1].value if len(cells) >= col else None
            try:
                values[name] = normalise(name, value)
            except ValueError:
                expected = ("、".join(L.STATUS_LABELS) if name == "status"
                            else "0到100的整数" if name == "percent" else "文字")
                problems.append(Problem(ws.title, row, FIELD_LABEL[name],
                                        f"“{value}”无法识别，应为{expected}"))
        if "status" in values and values["status"] is None:
            problems.append(Problem(ws.title, row, "状态", "状态为空，请从下拉列表选择"))
        rows.append(SheetRow(ws.title, row, token[0], token[1], values, field_digests(values)))
    return rows


def _find_header(ws: Any) -> tuple[int | None, dict[str, int]]:
    for row, cells in enumerate(ws.iter_rows(min_row=1, max_row=MAX_HEADER_SEARCH), start=1):
        names = {str(c.value).strip(): col for col, c in enumerate(cells, start=1)
                 if isinstance(c.value, str)}
        if L.ID_HEADER in names or sum(h in names for h in ("序号", "工作任务", "状态", "进展情况")) >= 3:
            return row, names
    return None, {}


def _header_at(columns: Mapping[str, int], col: int) -> str | None:
    return next((h for h, c in columns.items() if c == col), None)


def _show(value: Any) -> str:
    if isinstance(value, Status):
        return value.label
    if value is None or value == "":
        return "（空）"
    text = str(value)
    return text if len(text) <= 30 else text[:29] + "…"
