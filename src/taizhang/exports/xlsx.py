"""The 台账 workbook offices exchange: one sheet per document or per unit, and a unit's fill-in sheet.

Written with XlsxWriter (fast: 20,000 rows in a couple of seconds) and read back with openpyxl,
as a receiver would. Layout: a title row, a line with the 发文字号, the header (frozen, repeated
on every printed page), wrapped text, A4 landscape, a 状态 dropdown, a coloured 亮灯 cell, and a
last column ``编号（勿改）`` holding ``id:vVersion`` so the sheet can come back
(:mod:`taizhang.exports.progress_import`). A hidden sheet ``_taizhang`` says what the file is.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import xlsxwriter  # type: ignore[import-untyped]

from taizhang.exports import labels as L
from taizhang.exports.progress_import import EDITABLE, field_digests, normalise, pack_digests
from taizhang.ledger.model import WorkItem
from taizhang.wording import display_title

META_SHEET = "_taizhang"
SCHEMA = "taizhang.sheet/1"
HEADER_ROW = 2  # 0-based: title, 发文字号 line, header
FONT = "宋体"
TITLE_FONT = "方正小标宋简体"


@dataclass(frozen=True, slots=True)
class Column:
    header: str
    width: float  # Excel character units; a Chinese character is about 2
    value: Callable[[WorkItem], Any]
    kind: str = "text"  # text | center | light | status | percent | id
    editable: bool = False  # unlocked in the fill-in sheet


def _c(header: str, width: float, value: Callable[[WorkItem], Any], kind: str = "text",
       editable: bool = False) -> Column:
    return Column(header, width, value, kind, editable)


_SEQ = _c("序号", 6, lambda i: None, "center")  # filled with the running number
_TASK = _c("工作任务", 22, lambda i: i.title)
_TEXT = _c("具体内容", 48, lambda i: i.text)
_LEAD = _c("牵头单位", 14, lambda i: i.lead or "")
_SUPPORT = _c("责任单位", 18, lambda i: L.units_label(i.support))
_LEADERS = _c("责任领导", 10, lambda i: L.units_label(i.leaders), "center")
_DUE = _c("完成时限", 16, L.due_label, "center")
_PROGRESS = _c("进展情况", 30, L.progress_text, editable=True)
_STATUS = _c("状态", 9, lambda i: i.status.label, "status", editable=True)
_LIGHT = _c("亮灯", 7, L.light_label, "light")
_NOTE = _c("备注", 16, L.notes_label)
_ID = _c(L.ID_HEADER, 10, L.id_token, "id")
_DOC = _c("来源文件", 24, L.document_label)

LEDGER_COLUMNS: tuple[Column, ...] = (_SEQ, _TASK, _TEXT, _LEAD, _SUPPORT, _LEADERS, _DUE,
                                      _PROGRESS, _STATUS, _LIGHT, _NOTE, _ID)
UNIT_COLUMNS: tuple[Column, ...] = (_SEQ, _DOC) + LEDGER_COLUMNS[1:]
FILLIN_COLUMNS: tuple[Column, ...] = (
    _SEQ, _DOC, _TASK, _TEXT, _LEAD, _c("配合单位", 16, lambda i: L.units_label(i.support)),
    _DUE, _LIGHT, _STATUS,
    _c("完成百分比", 8, lambda i: i.percent, "percent", editable=True),
    _PROGRESS,
    _c("存在问题", 18, lambda i: i.last_report.problems if i.last_report else "", editable=True),
    _c("下步计划", 18, lambda i: i.last_report.next_steps if i.last_report else "", editable=True),
    _ID,
)


def write_ledger(items: Iterable[WorkItem], file: str | Path | IO[bytes], *, by: str = "document",
                 today: dt.date | None = None, title: str | None = None) -> None:
    """Write the 台账: one sheet per document (``by="document"``) or per lead unit (``by="unit"``)."""
    groups = _group(items, by)
    with _workbook(file) as book:
        taken: set[str] = set()
        for key, group in groups:
            if not group:  # an empty ledger is still a sheet with its header
                book.sheet("台账", title or "工作任务落实台账", "共0项", LEDGER_COLUMNS, [],
                           locked=False)
                continue
            first = group[0]
            if by == "unit":
                heading = f"{key}工作任务落实台账"
                line = f"牵头单位：{key}　　共{len(group)}项"
                columns = UNIT_COLUMNS
            else:
                heading = title or (f"《{first.document_title}》任务落实台账" if first.document_title
                                    else "工作任务落实台账")
                line = (f"发文字号：{first.doc_number}　　" if first.doc_number else "") + f"共{len(group)}项"
                columns = LEDGER_COLUMNS
            if today:
                line += f"　　亮灯按{today.isoformat()}计算"
            # named for its document as people name it (发文字号 is the short name), never
            # by the ledger's internal number
            name = L.sheet_name(key if by == "unit" else first.doc_number
                                or display_title(first.document_title), taken)
            book.sheet(name, heading, line, columns, group, locked=False)
        book.meta(kind="ledger", unit="", today=today)


def write_fillin(items: Iterable[WorkItem], file: str | Path | IO[bytes], *, unit: str,
                 today: dt.date | None = None) -> None:
    """The sheet a unit fills in: its own items, 状态/完成百分比/进展情况… open, the rest locked."""
    rows = sorted(items, key=ledger_order)
    line = f"填报单位：{unit}　　共{len(rows)}项　　请只填写白底列（状态、完成百分比、进展情况、存在问题、下步计划），勿改编号列"
    if today:
        line += f"　　亮灯按{today.isoformat()}计算"
    with _workbook(file) as book:
        book.sheet(L.sheet_name(unit, set()), f"{unit}工作任务进展填报表", line, FILLIN_COLUMNS,
                   rows, locked=True)
        book.meta(kind="fillin", unit=unit, today=today)


def ledger_order(item: WorkItem) -> tuple[Any, ...]:
    """The order of the 台账: by document, then outline (二/(一)/10 after 二/(一)/9), then clause."""
    return (item.document_id, _key_order(item.task_key), item.seq, item.id)


def _key_order(key: str) -> tuple[tuple[int, str], ...]:
    """Outline keys in reading order: 二 after 一, (十) after (九), 10 after 9."""
    from taizhang.parse.numerals import cn_to_int

    parts = []
    for part in key.split("/"):
        core = part.strip("()（）〔〕[]【】.、 ")
        if core.isdigit():
            number = int(core)
        elif core and all(ch in "零〇一二三四五六七八九十百两" for ch in core):
            number = cn_to_int(core)
        else:
            number = 10**6  # not an ordinal: after the numbered ones, by text
        parts.append((number, part))
    return tuple(parts)


def _group(items: Iterable[WorkItem], by: str) -> list[tuple[str, list[WorkItem]]]:
    if by not in ("document", "unit"):
        raise ValueError(by)
    groups: dict[str, list[WorkItem]] = {}
    for item in items:
        key = (item.lead or "（未明确牵头单位）") if by == "unit" else str(item.document_id)
        groups.setdefault(key, []).append(item)
    if not groups:
        groups["台账"] = []
    return [(k, sorted(v, key=ledger_order)) for k, v in groups.items()]


class _workbook:
    """One XlsxWriter workbook with the formats every sheet shares."""

    def __init__(self, file: str | Path | IO[bytes]) -> None:
        target = str(file) if isinstance(file, (str, Path)) else file
        self.book = xlsxwriter.Workbook(target, {"in_memory": not isinstance(file, (str, Path)),
                                                 "strings_to_numbers": False,
                                                 "strings_to_formulas": False,
                                                 "strings_to_urls": False})
        base = {"font_name": FONT, "font_size": 10, "text_wrap": True, "valign": "vcenter",
                "border": 1}
        fmt = self.book.add_format
        self.title = fmt({"font_name": TITLE_FONT, "font_size": 18, "align": "center",
                          "valign": "vcenter", "bold": True})
        self.line = fmt({"font_name": FONT, "font_size": 10, "valign": "vcenter"})
        self.header = fmt({**base, "font_name": "黑体", "font_size": 11, "align": "center",
                           "bg_color": "#D9E1F2"})
        self.cell = {}
        for locked in (True, False):
            editable = {} if locked else {"locked": False, "bg_color": "#FFFFFF"}
            grey = {"bg_color": "#F2F2F2"} if locked else {}
            self.cell[("text", locked)] = fmt({**base, **grey, **editable})
            self.cell[("center", locked)] = fmt({**base, **grey, **editable, "align": "center"})
        self.edit = {k: fmt({**base, "locked": False, **({"align": "center"} if k != "text" else {})})
                     for k in ("text", "center")}
        self.light = {light: fmt({**base, "align": "center", "bg_color": fill,
                                  "font_color": L.LIGHT_FONT[light], "bold": True})
                      for light, fill in L.LIGHT_FILL.items()}
        self.digests: list[tuple[str, str]] = []  # id token → digest of the editable cells
        self.ident = fmt({**base, "font_color": "#808080", "font_size": 8, "align": "center",
                          "bg_color": "#F2F2F2"})

    def __enter__(self) -> "_workbook":
        return self

    def __exit__(self, *exc: object) -> None:
        self.book.close()

    def sheet(self, name: str, heading: str, line: str, columns: Sequence[Column],
              items: Sequence[WorkItem], *, locked: bool) -> None:
        ws = self.book.add_worksheet(name)
        last = len(columns) - 1
        ws.merge_range(0, 0, 0, last, heading, self.title)
        ws.set_row(0, 36)
        ws.merge_range(1, 0, 1, last, line, self.line)
        ws.set_row(1, 20)
        for col, column in enumerate(columns):
            ws.write_string(HEADER_ROW, col, column.header, self.header)
            ws.set_column(col, col, column.width)
        ws.set_row(HEADER_ROW, 30)
        widths = [c.width for c in columns]
        editable = [(EDITABLE[c.header], c) for c in columns if c.header in EDITABLE]
        for n, item in enumerate(items, start=1):
            self.digests.append((L.id_token(item), pack_digests(field_digests(
                {name: normalise(name, c.value(item)) for name, c in editable}))))
            row = HEADER_ROW + n
            lines = 1
            for col, column in enumerate(columns):
                value = n if column is _SEQ else column.value(item)
                self._write(ws, row, col, column, value, item, locked)
                if isinstance(value, str) and value:
                    # a CJK character is ~2 width units; the row height must fit the longest cell
                    lines = max(lines, math.ceil(len(value) * 2.1 / max(widths[col] - 1, 1)))
            ws.set_row(row, min(15 * lines + 4, 409))
        end = HEADER_ROW + max(len(items), 1)
        for col, column in enumerate(columns):
            if column.kind == "status":
                ws.data_validation(HEADER_ROW + 1, col, end, col, {
                    "validate": "list", "source": list(L.STATUS_LABELS),
                    "error_title": "状态", "error_message": "请从下拉列表选择状态"})
            if column.kind == "percent":
                ws.data_validation(HEADER_ROW + 1, col, end, col, {
                    "validate": "integer", "criteria": "between", "minimum": 0, "maximum": 100,
                    "error_title": "完成百分比", "error_message": "请填写0到100的整数"})
        ws.freeze_panes(HEADER_ROW + 1, 0)
        ws.autofilter(HEADER_ROW, 0, end, last)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.repeat_rows(HEADER_ROW)
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_footer("&C第 &P 页，共 &N 页")
        if locked:
            # against slips, not against people: no password, so an office can still lift it
            ws.protect("", {"autofilter": True, "format_rows": True, "format_columns": True})

    def _write(self, ws: Any, row: int, col: int, column: Column, value: Any, item: WorkItem,
               locked: bool) -> None:
        kind = "center" if column.kind in ("center", "status", "percent") else "text"
        if column.kind == "light" and item.light is not None:
            fmt = self.light[item.light]
        elif column.kind == "id":
            fmt = self.ident
        elif locked and column.editable:
            fmt = self.edit[kind]
        else:
            fmt = self.cell[(kind, locked)]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(row, col, value, fmt)
        elif value in (None, ""):
            ws.write_blank(row, col, None, fmt)
        else:
            ws.write_string(row, col, str(value), fmt)

    def meta(self, *, kind: str, unit: str, today: dt.date | None) -> None:
        ws = self.book.add_worksheet(META_SHEET)
        rows = (("schema", SCHEMA), ("kind", kind), ("unit", unit),
                ("today", today.isoformat() if today else ""))
        for r, (key, value) in enumerate(rows):
            ws.write_string(r, 0, key)
            ws.write_string(r, 1, value)
        # what each row held when it left, so the import sees which rows someone edited
        for r, (token, digest) in enumerate(self.digests, start=len(rows)):
            ws.write_string(r, 0, token)
            ws.write_string(r, 1, digest)
        ws.hide()
        ws.protect("")
