"""The project 台账 and a unit's monthly fill-in sheet, written with XlsxWriter.

Same look as the task 台账 (:mod:`taizhang.exports.xlsx`): merged title, a line saying what
the sheet is, a frozen header repeated on every printed page, A4 landscape, coloured 亮灯 cells,
and a last column ``编号（勿改）`` holding ``P<id>:v<version>`` so the sheet can come back. The
台账's dates stand under two merged headers, 计划时间 and 实际时间 — the layout offices use, and
one the office-sheet reader (:mod:`taizhang.exports.project_sheet`) reads back.

The fill-in sheet is one unit's projects for one month: 当前阶段 (a dropdown), 阶段日期,
本月完成投资, 累计完成投资, 形象进度, 进展情况, 存在问题 are open, the rest locked, and each row
is pre-filled from the project's last report (最多报一次: change only what changed). The
hidden ``_taizhang`` sheet says what the file is and what each row held when it left.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import xlsxwriter  # type: ignore[import-untyped]

from taizhang.exports import labels as L
from taizhang.exports.progress_import import field_digests, pack_digests
from taizhang.projects.amounts import in_wan
from taizhang.projects.model import STAGES, Project, ProjectReport, Stage

META_SHEET = "_taizhang"
SCHEMA = "taizhang.projects/1"
FONT, TITLE_FONT = "宋体", "方正小标宋简体"
DATED = (Stage.SIGNED, Stage.REGISTERED, Stage.STARTED, Stage.PRODUCING, Stage.AT_CAPACITY)
# fill-in headers → ReportUpdate fields (the reader and the writer share this table)
FILLIN_EDITABLE: dict[str, str] = {
    "当前阶段": "stage", "阶段日期": "stage_on", "本月完成投资（万元）": "invest",
    "累计完成投资（万元）": "total", "形象进度": "image", "进展情况": "text", "存在问题": "problems",
}


def project_token(p: Project) -> str:
    """``P12:v3``: the project and the version it left at (P keeps it apart from task rows)."""
    return f"P{p.id}:v{p.version}"


@dataclass(frozen=True, slots=True)
class Col:
    header: str
    width: float
    value: Callable[[Project, ProjectReport | None], Any]
    kind: str = "text"  # text | center | money | light | id | date
    editable: bool = False
    parent: str | None = None  # a merged header over several columns


def _date(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def _ledger_columns(today: dt.date | None) -> tuple[Col, ...]:
    year = today.year if today else None
    return (
        Col("序号", 6, lambda p, r: None, "center"),
        Col("项目名称", 24, lambda p, r: p.name),
        Col("投资主体", 18, lambda p, r: p.investor),
        Col("所属行业", 10, lambda p, r: p.industry, "center"),
        Col("所在园区", 16, lambda p, r: p.zone),
        Col("责任单位", 16, lambda p, r: p.unit),
        Col("包保领导", 9, lambda p, r: p.leader, "center"),
        Col("专人", 9, lambda p, r: p.contact, "center"),
        Col("总投资", 11, lambda p, r: p.total_text or _money_text(p.total), "center"),
        Col(f"{year}年计划投资（万元）" if year else "年度计划投资（万元）", 12,
            lambda p, r: in_wan(p.annual) if p.annual_year == year or year is None else None,
            "money"),
        Col("本年完成投资（万元）", 12, lambda p, r: in_wan(p.year_done), "money"),
        Col("累计完成投资（万元）", 12, lambda p, r: in_wan(p.completed), "money"),
        Col("建设内容", 30, lambda p, r: p.content),
        Col("项目阶段", 9, lambda p, r: p.stage.label, "center"),
        *(Col(st.label, 11, (lambda s: lambda p, r: _date(p.planned(s)))(st), "date",
              parent="计划时间") for st in DATED),
        *(Col(st.label, 11, (lambda s: lambda p, r: _date(p.actual(s)))(st), "date",
              parent="实际时间") for st in DATED),
        Col("亮灯", 7, lambda p, r: p.light.label if p.light else "", "light"),
        Col("受阻问题", 8, lambda p, r: p.open_blockers or "", "center"),
        Col("亮灯原因", 24, lambda p, r: "；".join(p.light_reasons)),
        Col("备注", 20, lambda p, r: p.notes),
        Col(L.ID_HEADER, 10, lambda p, r: project_token(p), "id"),
    )


def _money_text(yuan: int | None) -> str:
    from taizhang.projects.amounts import format_amount

    return format_amount(yuan)


FILLIN_COLUMNS: tuple[Col, ...] = (
    Col("序号", 6, lambda p, r: None, "center"),
    Col("项目名称", 24, lambda p, r: p.name),
    Col("所在园区", 14, lambda p, r: p.zone),
    Col("总投资", 10, lambda p, r: p.total_text or _money_text(p.total), "center"),
    Col("亮灯", 7, lambda p, r: p.light.label if p.light else "", "light"),
    Col("当前阶段", 9, lambda p, r: p.stage.label, "center", editable=True),
    Col("阶段日期", 11, lambda p, r: "", "center", editable=True),
    Col("本月完成投资（万元）", 12, lambda p, r: None, "money", editable=True),
    Col("累计完成投资（万元）", 12, lambda p, r: in_wan(p.completed), "money", editable=True),
    Col("形象进度", 20, lambda p, r: r.image if r else "", editable=True),
    Col("进展情况", 30, lambda p, r: r.text if r else "", editable=True),
    Col("存在问题", 20, lambda p, r: r.problems if r else "", editable=True),
    Col("上次报送", 9, lambda p, r: f"{r.month.year}年{r.month.month}月" if r else "未报", "center"),
    Col(L.ID_HEADER, 10, lambda p, r: project_token(p), "id"),
)


def fillin_digests(p: Project, r: ProjectReport | None) -> dict[str, str]:
    """What a fill-in row holds as it leaves, per editable field (the import compares)."""
    values = {FILLIN_EDITABLE[c.header]: _plain(c.value(p, r)) for c in FILLIN_COLUMNS
              if c.header in FILLIN_EDITABLE}
    return field_digests(values)


def _plain(value: Any) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def write_projects(projects: Iterable[Project], file: str | Path | IO[bytes], *,
                   today: dt.date | None = None, title: str | None = None) -> None:
    """The project 台账: every project, one row each, in the order given."""
    rows = list(projects)
    line = f"共{len(rows)}个项目" + (f"　　亮灯按{today.isoformat()}计算" if today else "")
    with _Book(file) as book:
        book.sheet("项目台账", title or "重点项目推进台账", line, _ledger_columns(today), rows, {},
                   locked=False)
        book.meta(kind="projects", unit="", month=None, today=today)


def write_project_fillin(projects: Iterable[Project], file: str | Path | IO[bytes], *,
                         unit: str, month: dt.date, today: dt.date,
                         last: Mapping[int, ProjectReport]) -> None:
    """One unit's projects for ``month``, pre-filled from each project's ``last`` report."""
    rows = list(projects)
    label = f"{month.year}年{month.month}月"
    line = (f"填报单位：{unit}　　{label}　　共{len(rows)}个项目　　请只填写白底列；本月完成投资与"
            "累计完成投资填一项即可；阶段推进时改“当前阶段”并填“阶段日期”；勿改编号列")
    with _Book(file) as book:
        book.sheet(L.sheet_name(unit, set()), f"{unit}重点项目{label}进展填报表", line,
                   FILLIN_COLUMNS, rows, last, locked=True)
        book.meta(kind="project-fillin", unit=unit, month=month, today=today)


class _Book:
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
        self.cells: dict[tuple[str, bool], Any] = {}
        for locked in (True, False):
            look = {"bg_color": "#F2F2F2"} if locked else {}
            self.cells[("text", locked)] = fmt({**base, **look})
            self.cells[("center", locked)] = fmt({**base, **look, "align": "center"})
            self.cells[("money", locked)] = fmt({**base, **look, "num_format": "#,##0.00"})
        self.open = {k: fmt({**base, "locked": False, **extra}) for k, extra in (
            ("text", {}), ("center", {"align": "center"}), ("money", {"num_format": "#,##0.00"}))}
        self.lights = {light.label: fmt({**base, "align": "center", "bg_color": fill,
                                         "font_color": L.LIGHT_FONT[light], "bold": True})
                       for light, fill in L.LIGHT_FILL.items()}
        self.ident = fmt({**base, "font_color": "#808080", "font_size": 8, "align": "center",
                          "bg_color": "#F2F2F2"})
        self.digests: list[tuple[str, str]] = []

    def __enter__(self) -> "_Book":
        return self

    def __exit__(self, *exc: object) -> None:
        self.book.close()

    def sheet(self, name: str, heading: str, line: str, columns: Sequence[Col],
              rows: Sequence[Project], last: Mapping[int, ProjectReport], *,
              locked: bool) -> None:
        ws = self.book.add_worksheet(name)
        end = len(columns) - 1
        two = any(c.parent for c in columns)
        header_row = 2
        first_data = header_row + (2 if two else 1)
        ws.merge_range(0, 0, 0, end, heading, self.title)
        ws.set_row(0, 36)
        ws.merge_range(1, 0, 1, end, line, self.line)
        self._header(ws, columns, header_row, two)
        for n, p in enumerate(rows, start=1):
            report = last.get(p.id)
            if locked:
                self.digests.append((project_token(p), pack_digests(fillin_digests(p, report))))
            r = first_data + n - 1
            lines = 1
            for c, col in enumerate(columns):
                value = n if col.header == "序号" else col.value(p, report)
                self._cell(ws, r, c, col, value, locked)
                if isinstance(value, str) and value:
                    lines = max(lines, math.ceil(len(value) * 2.1 / max(col.width - 1, 1)))
            ws.set_row(r, min(15 * lines + 4, 409))
        last_row = first_data + max(len(rows), 1) - 1
        for c, col in enumerate(columns):
            if col.header == "当前阶段":
                ws.data_validation(first_data, c, last_row, c, {
                    "validate": "list", "source": [st.label for st in STAGES],
                    "error_title": "当前阶段", "error_message": "请从下拉列表选择阶段"})
        ws.freeze_panes(first_data, 2)
        ws.autofilter(first_data - 1, 0, last_row, end)
        ws.set_landscape()
        ws.set_paper(9)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.repeat_rows(header_row, first_data - 1)
        ws.fit_to_pages(1, 0)
        ws.set_footer("&C第 &P 页，共 &N 页")
        if locked:  # against slips, not people: no password
            ws.protect("", {"autofilter": True, "format_rows": True, "format_columns": True})

    def _header(self, ws: Any, columns: Sequence[Col], row: int, two: bool) -> None:
        c = 0
        while c < len(columns):
            col = columns[c]
            ws.set_column(c, c, col.width)
            if not two:
                ws.write_string(row, c, col.header, self.header)
                c += 1
                continue
            if col.parent is None:
                ws.merge_range(row, c, row + 1, c, col.header, self.header)
                c += 1
                continue
            span = c
            while span + 1 < len(columns) and columns[span + 1].parent == col.parent:
                span += 1
            ws.merge_range(row, c, row, span, col.parent, self.header)
            for k in range(c, span + 1):
                ws.set_column(k, k, columns[k].width)
                ws.write_string(row + 1, k, columns[k].header, self.header)
            c = span + 1
        ws.set_row(row, 30)

    def _cell(self, ws: Any, r: int, c: int, col: Col, value: Any, locked: bool) -> None:
        kind = {"money": "money", "text": "text"}.get(col.kind, "center")
        if col.kind == "light" and value in self.lights:
            fmt = self.lights[value]
        elif col.kind == "id":
            fmt = self.ident
        elif locked and col.editable:
            fmt = self.open[kind]
        else:
            fmt = self.cells[(kind, locked)]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(r, c, value, fmt)
        elif value in (None, ""):
            ws.write_blank(r, c, None, fmt)
        else:
            ws.write_string(r, c, str(value), fmt)

    def meta(self, *, kind: str, unit: str, month: dt.date | None, today: dt.date | None) -> None:
        ws = self.book.add_worksheet(META_SHEET)
        rows = (("schema", SCHEMA), ("kind", kind), ("unit", unit),
                ("month", month.isoformat()[:7] if month else ""),
                ("today", today.isoformat() if today else ""))
        for r, (key, value) in enumerate(rows):
            ws.write_string(r, 0, key)
            ws.write_string(r, 1, value)
        for r, (token, digest) in enumerate(self.digests, start=len(rows)):
            ws.write_string(r, 0, token)
            ws.write_string(r, 1, digest)
        ws.hide()
        ws.protect("")
