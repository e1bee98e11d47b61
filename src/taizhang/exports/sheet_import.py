"""A spreadsheet an office made itself (任务分解表, 重点工作台账) → a parsed Document.

The result is the same :class:`~taizhang.parse.model.Document` the text parser gives, so the
ledger ingests it the same way. Columns are found by their Chinese headers (a table of aliases,
so a new way of naming a column is one line); the title rows above the header give the title,
the 发文字号 and the year for dates like ``6月底``. Layout habits of real sheets are understood:
a vertically merged 工作任务 or 牵头单位 cell covers the rows beside it, and a row merged across
the table (``一、深化改革``) is a section heading. Anything else that cannot be read — a cell merged
across two columns, a date that says nothing we can trust — is reported by row and column, and
nothing is imported until the sheet is fixed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from taizhang.errors import SheetError
from taizhang.exports.progress_import import Problem, _open, raise_problems
from taizhang.exports.sheet_dates import DateUnreadable, period_of, read_deadline_cell, year_of
from taizhang.parse.model import Assignment, Deadline, Document, Period, Task

# field → accepted headers, most usual first; a header may carry a note: 完成时限（年月）
HEADERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("seq", ("序号", "编号")),
    ("task", ("工作任务", "重点任务", "主要任务", "任务名称", "任务", "工作事项", "事项", "项目名称")),
    ("text", ("具体内容", "工作措施", "具体措施", "主要内容", "工作内容", "任务内容", "具体工作",
              "目标任务", "工作目标")),
    ("lead", ("牵头单位", "牵头部门", "主责单位", "责任主体")),
    ("support", ("责任单位", "配合单位", "配合部门", "参与单位", "协办单位", "责任部门")),
    ("leaders", ("责任领导", "分管领导", "牵头领导", "责任人")),
    ("deadline", ("完成时限", "完成时间", "时间节点", "时限要求", "完成期限", "时限")),
    ("note", ("备注",)),
)
HEADER_SEARCH_ROWS = 15
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［(（]\d{4}[〕\]］)）]\d+号")
_UNIT_SEP = re.compile(r"[，,；;\n\r/|]+|\s{2,}")


@dataclass(frozen=True, slots=True)
class SheetLayout:
    sheet: str
    header_row: int
    columns: dict[str, int]  # field → 1-based column
    title: str


def read_office_sheet(file: str | Path | IO[bytes], *, year: int | None = None,
                      sheet: str | None = None, name: str | None = None) -> Document:
    """Read the office's sheet into a Document (one task per data row)."""
    source = name or (Path(file).name if isinstance(file, (str, Path)) else "上传的表格")
    book = _open(file, source)
    try:
        ws = _pick_sheet(book, sheet)
        layout = _layout(ws)
        year = year or year_of(layout.title)
        problems: list[Problem] = []
        rows = _rows(ws, layout, problems)
        tasks, text = _tasks(rows, layout, year, problems)
        raise_problems(problems, source)
        if not tasks:
            raise SheetError(f"工作表“{ws.title}”表头下没有任务行", row=layout.header_row + 1,
                             hint="请确认任务写在表头下方的行中")
    finally:
        book.close()
    period = period_of(layout.title)
    number = _DOC_NUMBER.search(unicodedata.normalize("NFKC", layout.title))
    return Document(source=source, text=text, title=layout.title or None,
                    doc_number=number.group(0) if number else None,
                    period=Period(period[0].isoformat(), period[1].isoformat()) if period else None,
                    tasks=tuple(tasks))


def match_header(cell: object) -> str | None:
    """``"牵头 单位"`` → ``lead``; ``"完成时限（年月）"`` → ``deadline``; anything else → None."""
    if not isinstance(cell, str):
        return None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell))
    text = re.sub(r"\(.*?\)$", "", text)
    for field, aliases in HEADERS:
        if text in aliases:
            return field
    for field, aliases in HEADERS:
        if any(text.startswith(a) for a in aliases if len(a) >= 3):
            return field
    return None


def _pick_sheet(book: Any, sheet: str | None) -> Any:
    visible = [ws for ws in book.worksheets if ws.sheet_state == "visible"]
    if sheet is None:
        return visible[0] if visible else book.worksheets[0]
    if sheet not in book.sheetnames:
        raise SheetError(f"文件中没有名为“{sheet}”的工作表",
                         hint=f"现有工作表：{'、'.join(ws.title for ws in visible)}")
    return book[sheet]


def _layout(ws: Any) -> SheetLayout:
    title_parts: list[str] = []
    for cells in ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS):
        columns: dict[str, int] = {}
        for c in cells:
            field = match_header(c.value)
            if field and field not in columns:
                columns[field] = c.column
        if len(columns) >= 3 and ("task" in columns or "text" in columns):
            return SheetLayout(ws.title, cells[0].row, columns, "".join(title_parts))
        texts = [str(c.value).strip() for c in cells if c.value not in (None, "")]
        if texts and not columns:
            title_parts.append(" ".join(texts))
    expected = "、".join(aliases[0] for _, aliases in HEADERS[:7])
    raise SheetError(f"工作表“{ws.title}”前{HEADER_SEARCH_ROWS}行中找不到表头",
                     hint=f"表头应包含“工作任务”或“具体内容”，以及{expected}等列中的至少三列")


def _rows(ws: Any, layout: SheetLayout, problems: list[Problem]) -> list[tuple[int, dict[str, Any], str | None]]:
    """(row number, field → value, section heading of a merged full-width row or None)."""
    field_of = {col: f for f, col in layout.columns.items()}
    first, last = min(field_of), max(field_of)
    fill: dict[tuple[int, int], Any] = {}  # cells covered by a vertical merge → the merge's value
    headings: dict[int, str] = {}
    for merged in ws.merged_cells.ranges:
        if merged.max_row <= layout.header_row:
            continue
        fields = {field_of[c] for c in range(merged.min_col, merged.max_col + 1) if c in field_of}
        value = ws.cell(merged.min_row, merged.min_col).value
        if merged.min_col <= first and merged.max_col >= last and merged.min_row == merged.max_row:
            headings[merged.min_row] = str(value or "").strip()
        elif len(fields) > 1:
            names = "”和“".join(_header_label(f) for f in sorted(fields, key=lambda f: layout.columns.get(f, 0)))
            problems.append(Problem(ws.title, merged.min_row, _header_label(field_of.get(merged.min_col, "")) or None,
                                    f"合并单元格{merged.coord}跨越了“{names}”几列，无法分清各列内容；请取消合并"))
        else:
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    fill[(r, c)] = value
    out: list[tuple[int, dict[str, Any], str | None]] = []
    for cells in ws.iter_rows(min_row=layout.header_row + 1):
        row = cells[0].row
        if row in headings:
            out.append((row, {}, headings[row]))
            continue
        values: dict[str, Any] = {}
        for field, col in layout.columns.items():
            cell_value = cells[col - 1].value if len(cells) >= col else None
            values[field] = fill.get((row, col), cell_value)
        if all(v in (None, "") for f, v in values.items() if f != "seq"):
            continue
        out.append((row, values, None))
    return out


def _tasks(rows: list[tuple[int, dict[str, Any], str | None]], layout: SheetLayout,
           year: int | None, problems: list[Problem]) -> tuple[list[Task], str]:
    parts: list[str] = []
    pos = 0
    tasks: list[Task] = []
    section: tuple[str, ...] = ()
    keys: dict[str, int] = {}
    for row, values, heading in rows:
        if heading is not None:
            section = (heading,) if heading else ()
            parts.append(heading + "\n")
            pos += len(heading) + 1
            continue
        title = _text(values.get("task"))
        body = _text(values.get("text")) or title
        title = title or body[:30]
        try:
            deadlines = read_deadline_cell(values.get("deadline"), year=year)
        except DateUnreadable as err:
            problems.append(Problem(layout.sheet, row, _header_label("deadline"),
                                    f"“{err.text}”{err.reason}"))
            deadlines = ()
        lead = _units(values.get("lead"))
        support = tuple(u for u in _units(values.get("support")) if u not in lead)
        if not lead and support and "lead" not in layout.columns:
            lead, support = support[:1], support[1:]  # an unmarked list: the first one leads
        leaders = tuple(re.sub(r"同志$", "", n) for n in _units(values.get("leaders"), plain=True))
        line = _line(values, title, body, lead, support, leaders)
        span = (pos, pos + len(line))
        parts.append(line + "\n")
        pos += len(line) + 1
        seq = _text(values.get("seq")) or str(len(tasks) + 1)
        seq = re.sub(r"\.0$", "", seq)
        keys[seq] = keys.get(seq, 0) + 1
        key = seq if keys[seq] == 1 else f"{seq}/{keys[seq]}"
        shifted = tuple(_shift(d, span[0] + len(line) - len(_text(values.get("deadline"))))
                        for d in deadlines)
        # the clause is the 具体内容 itself (the ledger shows it as the item's text)
        body_at = span[0] + (len(title) + 1 if body != title else 0)
        assignment = Assignment(text=body, span=(body_at, body_at + len(body)), lead=lead,
                                support=support,
                                leaders=leaders, deadlines=shifted)
        section_path = section + ((title,) if values.get("text") and title != body else ())
        tasks.append(Task(key=key, section=section_path, title=title, text=body, span=span,
                          assignments=(assignment,)))
    # a seq repeated by a vertical merge: the first of the run becomes /1 as well, keys stay unique
    fixed = [t if keys.get(t.key, 1) == 1 else _rekey(t, f"{t.key}/1") for t in tasks]
    return fixed, "".join(parts)


def _rekey(task: Task, key: str) -> Task:
    return Task(key=key, section=task.section, title=task.title, text=task.text, span=task.span,
                assignments=task.assignments, targets=task.targets)


def _line(values: dict[str, Any], title: str, body: str, lead: tuple[str, ...],
          support: tuple[str, ...], leaders: tuple[str, ...]) -> str:
    """The row as one line of text, so every task has a span to show on the review page."""
    head = f"{title}：{body}" if body != title else body
    marks = [f"牵头单位：{'、'.join(lead)}" if lead else "",
             f"责任单位：{'、'.join(support)}" if support else "",
             f"责任领导：{'、'.join(leaders)}" if leaders else ""]
    tail = "；".join(m for m in marks if m)
    deadline = _text(values.get("deadline"))
    return f"{head}（{tail}）{deadline}" if tail else f"{head}{deadline}"


def _shift(deadline: Deadline, offset: int) -> Deadline:
    start, end = deadline.span
    return Deadline(text=deadline.text, due=deadline.due, rrule=deadline.rrule, kind=deadline.kind,
                    span=(offset + start, offset + end), rule=deadline.rule)


def _units(value: Any, *, plain: bool = False) -> tuple[str, ...]:
    text = _text(value)
    if not text:
        return ()
    text = _UNIT_SEP.sub("、", text).strip("、")
    if not plain:
        from taizhang.parse.units import split_units

        try:
            names = tuple(dict.fromkeys(u.name for u in split_units(text)))
        except Exception:  # the parser's helper is young; a plain split is still right
            names = ()
        if names:
            return names
    return tuple(dict.fromkeys(n.strip() for n in text.split("、") if n.strip()))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    text = unicodedata.normalize("NFKC", str(value)) if not isinstance(value, str) else value
    return text.strip()


def _header_label(field: str) -> str:
    return next((aliases[0] for f, aliases in HEADERS if f == field), field)
