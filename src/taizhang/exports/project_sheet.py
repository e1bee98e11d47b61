"""An office's own project sheet (重点项目台账) → drafts for the register, every cell checked.

Offices keep their projects in Excel with their own headers; the columns are found by a table
of the names in common use (项目名称 · 投资主体 · 总投资 · 年度计划投资 · 累计完成投资 · 建设内容 ·
所在园区 · 责任单位 · 包保领导 · 专人 · 签约/开工/投产时间 · 项目阶段 …), one line per name. Layout
habits of real sheets are understood:

- a two-row header, where a merged cell (``时间节点``, ``开工时间``, ``投资情况（亿元）``) stands
  over its sub-columns (``签约`` ``开工`` ``投产``, ``计划`` ``实际``, ``总投资`` ``年度计划``);
- ``计划开工时间`` is a planned date, ``开工时间``/``实际开工时间`` an actual one;
- amounts with their unit in the cell (``5.2亿元``) or in the header (``总投资（万元）``);
- dates as ``2018.6``, ``2018年6月``, ``2018-06-15`` or date cells (a month alone is a planned
  date at the month's end, an actual one at its first day);
- a row merged across the table (``一、沈阳经济技术开发区（12个）``) heads the zone's projects;
  a vertically merged 所在园区 or 责任单位 covers the rows beside it; 合计 rows are skipped.

Columns the register has no field for (进展情况, 存在问题, 备注 …) are kept in the project's
notes, so nothing the office wrote is dropped. Every problem is collected with its row and
column; the register decides whether any row is written (:mod:`taizhang.store.projects`).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from taizhang.errors import SheetError
from taizhang.exports.sheet_dates import DateUnreadable, read_deadline_cell, year_of
from taizhang.projects.amounts import AmountError, parse_amount, unit_of_header
from taizhang.projects.model import (
    NO_DATES,
    STAGES,
    ProjectDraft,
    RowProblem,
    Stage,
    StageDate,
)

# field → accepted headers, the usual one first (a header may carry a unit: 总投资（亿元）)
HEADERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("seq", ("序号", "编号")),
    ("name", ("项目名称", "项目", "名称", "项目全称")),
    ("investor", ("投资主体", "投资方", "建设单位", "项目单位", "企业名称", "投资企业", "签约企业",
                  "项目业主", "投资单位")),
    ("industry", ("所属行业", "行业", "产业类别", "产业类型", "行业类别", "产业领域", "所属产业",
                  "行业分类")),
    ("zone", ("所在园区", "所属园区", "园区", "开发区", "所在开发区", "所属开发区", "开发区(园区)",
              "所在开发区(园区)", "园区名称")),
    ("unit", ("责任单位", "牵头单位", "责任部门", "主责单位", "服务单位", "牵头部门")),
    ("leader", ("包保领导", "包保市领导", "联系领导", "包保责任领导", "分包领导")),
    ("contact", ("专人", "项目专员", "服务专员", "项目管家", "责任人", "专职人员", "联系人",
                 "项目专人", "专班负责人")),
    ("total", ("总投资", "计划总投资", "总投资额", "项目总投资", "投资总额", "投资额")),
    ("annual", ("年度计划投资", "本年计划投资", "年度投资计划", "当年计划投资", "年度计划")),
    ("completed", ("累计完成投资", "累计完成", "累计投资", "累计完成投资额")),
    ("content", ("建设内容", "建设内容及规模", "建设规模及内容", "主要建设内容", "项目内容",
                 "项目概况", "建设规模")),
    ("stage", ("项目阶段", "所处阶段", "当前阶段", "项目状态", "进展阶段", "阶段", "建设状态")),
    ("id", ("编号(勿改)",)),
    ("notes", ("备注", "备注说明", "其他说明")),
    # figures the register computes itself (from the monthly reports, the lights): read past
    ("computed", ("本年完成投资", "本年完成投资(万元)", "亮灯", "亮灯原因", "受阻问题",
                  "未解决受阻问题")),
)
LABELS = {f: names[0] for f, names in HEADERS} | {"id": "编号（勿改）"}
HEADER_SEARCH_ROWS = 15
MAX_ROWS = 50_000  # a register ten times the largest we know of; beyond is a mistake or a bomb
# the stage a date column is about: 竣工投产 before 投产, so the longer word wins
_DATE_WORDS: tuple[tuple[str, Stage], ...] = (
    ("竣工投产", Stage.PRODUCING), ("洽谈", Stage.NEGOTIATING), ("签约", Stage.SIGNED),
    ("注册", Stage.REGISTERED), ("开工", Stage.STARTED), ("投产", Stage.PRODUCING),
    ("达产", Stage.AT_CAPACITY),
)
_PLANNED = ("计划", "预计", "拟", "进度安排", "时间安排")
_YEAR_PLAN = re.compile(r"^((?:19|20)\d{2})年(?:度)?(?:计划)?(?:完成)?投资(?:计划)?$")
_TOTALS = ("合计", "小计", "总计")
_MONTH_ONLY = re.compile(r"^\s*(?:19|20)\d{2}\s*[./\-年]\s*\d{1,2}\s*月?\s*(?:底|末)?\s*(?:前)?\s*$")
_ID_TOKEN = re.compile(r"^\s*[Pp]\s*(\d+)\s*[:：]\s*[vV]?(\d+)\s*$")
_SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[(（][一二三四五六七八九十\d]+[)）])\s*")


@dataclass(frozen=True, slots=True)
class SheetColumn:
    field: str  # a HEADERS field, "date", or "note"
    col: int  # 1-based
    header: str  # as it reads in the sheet (parent and child joined)
    unit: str | None = None  # for amounts: the unit the header names
    stage: Stage | None = None  # for dates
    planned: bool = False
    year: int | None = None  # 2026年计划投资 → 2026


@dataclass
class SheetReading:
    """What was read: drafts of the good rows, every problem of the others, and notes."""

    source: str
    sheet: str
    title: str
    columns: list[SheetColumn]
    drafts: list[ProjectDraft] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    skipped: int = 0  # 合计 rows


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def match_header(text: str, col: int = 0) -> SheetColumn | None:
    """``"计划开工时间"`` → a planned 开工 date; ``"总投资（亿元）"`` → total in 亿元; else None."""
    clean = _clean(text)
    if not clean:
        return None
    bare = re.sub(r"\([^()]*\)$", "", clean) or clean
    for form in (clean, bare):  # 编号(勿改) is ours before it is a 编号
        for name, aliases in HEADERS:
            if form in aliases:
                return SheetColumn(name, col, text, unit_of_header(clean))
    year = _YEAR_PLAN.match(bare)
    if year:
        return SheetColumn("annual", col, text, unit_of_header(clean), year=int(year.group(1)))
    stage = next((st for word, st in _DATE_WORDS if word in bare), None)
    if stage is not None and re.search(r"时间|日期|时限|节点|安排|年月", bare):
        return SheetColumn("date", col, text, stage=stage, planned=any(w in bare for w in _PLANNED))
    for name, aliases in HEADERS:
        if any(bare.startswith(a) for a in aliases if len(a) >= 3):
            return SheetColumn(name, col, text, unit_of_header(clean))
    return None


def read_project_sheet(file: str | Path | IO[bytes], *, name: str | None = None,
                       sheet: str | None = None, year: int | None = None,
                       zone: str | None = None, jurisdiction: str | None = None,
                       today: dt.date) -> SheetReading:
    """Read every row; SheetError only when the sheet as a whole is unusable (no header)."""
    source = name or (Path(file).name if isinstance(file, (str, Path)) else "上传的表格")
    ws = _Grid.read(file, source, sheet)
    merges = ws.merges
    header_row, last_header_row, columns, title = _layout(ws, merges)
    reading = SheetReading(source, ws.title, title, columns)
    fields = {c.field for c in columns}
    if "zone" not in fields and zone is None and not _has_sections(ws, merges, columns,
                                                                     last_header_row):
        raise SheetError(f"工作表“{ws.title}”缺少“所在园区”列",
                         column="所在园区",
                         hint="请加上所在园区列，或用 --zone 指定全表项目所属的园区")
    plan_year = year or year_of(title)
    if plan_year is None and "annual" in fields and not any(c.year for c in columns):
        plan_year = today.year
        reading.notes.append(f"表头和标题都没有写年度计划投资是哪一年的，按 {today.year} 年计")
    _rows(ws, merges, reading, last_header_row, plan_year=plan_year, zone=zone,
          jurisdiction=jurisdiction)
    if not reading.drafts and not reading.problems:
        raise SheetError(f"工作表“{ws.title}”表头下没有项目", row=header_row + 1,
                         hint="请确认项目写在表头下方的行中")
    return reading


@dataclass(frozen=True, slots=True)
class Merge:
    """A merged range, 1-based and inclusive like Excel's ``C3:D3``."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @property
    def coord(self) -> str:
        from openpyxl.utils import get_column_letter

        return (f"{get_column_letter(self.min_col)}{self.min_row}:"
                f"{get_column_letter(self.max_col)}{self.max_row}")


class _Grid:
    """A sheet's values and merged ranges, 1-based like Excel.

    Read with calamine (Rust): a 5,000-row register in a third of a second where openpyxl
    took several, most of it building an object per shared string and per cell."""

    def __init__(self, title: str, rows: list[tuple[Any, ...]], merges: list[Merge]) -> None:
        self.title = title
        self.rows = rows
        self.merges = merges
        self.max_row = len(rows)
        self.max_column = max((len(r) for r in rows), default=0)

    @classmethod
    def read(cls, file: str | Path | IO[bytes], source: str, sheet: str | None) -> "_Grid":
        import zipfile

        from python_calamine import CalamineWorkbook, SheetVisibleEnum

        from taizhang.exports.progress_import import refuse_bomb

        if isinstance(file, (str, Path)) and not Path(file).is_file():
            raise SheetError(f"找不到文件 {source}", hint="请检查路径")
        if not zipfile.is_zipfile(file):
            raise SheetError(f"{source} 不是 xlsx 文件（Excel 2007 及以后的格式）",
                             hint="旧的 .xls 或 WPS 格式请先在 Excel/WPS 中“另存为 .xlsx”")
        # the package's directory checked before calamine inflates a byte (a zip bomb)
        refuse_bomb(file, source)
        try:
            if isinstance(file, (str, Path)):
                book = CalamineWorkbook.from_path(str(file))
            else:
                file.seek(0)
                book = CalamineWorkbook.from_filelike(file)
            visible = [m.name for m in book.sheets_metadata
                       if m.visible == SheetVisibleEnum.Visible] or book.sheet_names
            if sheet is not None and sheet not in book.sheet_names:
                raise SheetError(f"文件中没有名为“{sheet}”的工作表",
                                 hint=f"现有工作表：{'、'.join(visible)}")
            ws = book.get_sheet_by_name(sheet or visible[0])
            if ws.total_height > MAX_ROWS:
                raise SheetError(f"工作表“{ws.name}”超过 {MAX_ROWS} 行", row=MAX_ROWS + 1,
                                 hint="请检查表格是否带了大量空行或格式，或分成几个文件导入")
            rows = [tuple(None if v == "" else v for v in row)
                    for row in ws.to_python(skip_empty_area=False)]
            merges = [Merge(a[0] + 1, a[1] + 1, b[0] + 1, b[1] + 1)
                      for a, b in (ws.merged_cell_ranges or ())]
        except SheetError:
            raise
        except Exception as err:  # calamine raises its own kinds for a broken package
            raise SheetError(f"{source} 无法作为 xlsx 打开（{type(err).__name__}）",
                             hint="文件可能已损坏或不是 Excel 表格；请在 Excel/WPS 中打开后另存为 .xlsx") from err
        return cls(ws.name, rows, merges)

    def value(self, r: int, c: int) -> Any:
        if r < 1 or r > len(self.rows):
            return None
        row = self.rows[r - 1]
        return row[c - 1] if 0 < c <= len(row) else None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()  # as written: full-width brackets in a name stay full-width


def _layout(ws: Any, merges: list[Any]) -> tuple[int, int, list[SheetColumn], str]:
    """(header row, last header row, columns, the title above) — the header may be two rows:
    a merged parent (``投资情况（亿元）``, ``计划时间``) over its sub-columns."""
    title_parts: list[str] = []
    for r in range(1, HEADER_SEARCH_ROWS + 1):
        # a parent stands over a few columns; a row merged across the table is a title line
        parents = [m for m in merges if m.min_row == r == m.max_row and m.max_col > m.min_col
                   and m.max_col - m.min_col + 1 <= ws.max_column // 2]
        two = bool(parents) and r + 1 <= ws.max_row
        unit = _sheet_unit(title_parts)
        columns: list[SheetColumn] = []
        heads: dict[int, str] = {}
        for c in range(1, ws.max_column + 1):
            cover = next((m for m in parents if m.min_col <= c <= m.max_col), None)
            top = _text(ws.value(r, cover.min_col if cover else c))
            below = _text(ws.value(r + 1, c)) if two and cover else ""
            heads[c] = top + below
            col = _column(top, below, c)
            if col is not None:
                if col.field in ("total", "annual", "completed") and col.unit is None:
                    col = replace(col, unit=unit)
                columns.append(col)
        if any(c.field == "name" for c in columns) and len(columns) >= 3:
            taken: set[str] = set()
            unique = []
            for col in columns:  # a field named twice: the first column wins
                key = col.field if col.field != "date" else f"date-{col.stage}-{col.planned}"
                if key not in taken or col.field == "computed":
                    taken.add(key)
                    unique.append(col)
            mapped = {col.col for col in unique}
            notes = [SheetColumn("note", c, h) for c, h in heads.items()
                     if h and c not in mapped and _clean(h) not in ("序号",)]
            return r, r + 1 if two else r, unique + notes, "".join(title_parts)
        texts = [_text(ws.value(r, c)) for c in range(1, ws.max_column + 1)]
        texts = [t for t in texts if t]
        if texts:
            title_parts.append(" ".join(texts))
    expected = "、".join(names[0] for f, names in HEADERS[1:9])
    raise SheetError(f"工作表“{ws.title}”前{HEADER_SEARCH_ROWS}行中找不到表头",
                     column="项目名称",
                     hint=f"表头须有“项目名称”列，以及{expected}等列中的至少两列")


def _column(top: str, below: str, col: int) -> SheetColumn | None:
    """A column under a merged parent reads as parent + child (计划时间 + 签约), else as the
    child with the parent's unit (投资情况（亿元） + 总投资)."""
    if not below:
        return match_header(top, col)
    found = match_header(top + below, col) or match_header(below, col)
    if found is None:
        return None
    return replace(found, unit=found.unit or unit_of_header(top), header=f"{top}/{below}")


def _sheet_unit(lines: list[str]) -> str | None:
    """``金额单位：亿元`` written above the table applies to every amount column without one."""
    for line in lines:
        found = re.search(r"单位\s*[:：]\s*(万元|亿元|元)", unicodedata.normalize("NFKC", line))
        if found:
            return found.group(1)
    return None


def _has_sections(ws: Any, merges: list[Any], columns: list[SheetColumn], last: int) -> bool:
    """Whether zone headings stand between the rows: merged across the table, or typed into
    the first cell alone (一、沈阳经济技术开发区)."""
    first, end = min(c.col for c in columns), max(c.col for c in columns)
    if any(m.min_row > last and m.min_row == m.max_row and m.min_col <= first
           and m.max_col >= end for m in merges):
        return True
    for cells in ws.rows[last:]:
        texts = [_text(v) for v in cells if _text(v)]
        if len(texts) == 1 and _SECTION.match(texts[0]):
            return True
    return False


def _rows(ws: Any, merges: list[Any], reading: SheetReading, last_header: int, *,
          plan_year: int | None, zone: str | None, jurisdiction: str | None) -> None:
    columns = reading.columns
    by_col = {c.col: c for c in columns}
    first, end = min(by_col), max(by_col)
    fill: dict[tuple[int, int], Any] = {}
    headings: dict[int, str] = {}
    for m in merges:
        if m.max_row <= last_header:
            continue
        value = ws.value(m.min_row, m.min_col)
        if m.min_row == m.max_row and m.min_col <= first and m.max_col >= end:
            headings[m.min_row] = _text(value)
            continue
        spanned = [by_col[c] for c in range(m.min_col, m.max_col + 1) if c in by_col]
        if len(spanned) > 1:
            names = "”和“".join(c.header for c in spanned)
            reading.problems.append(RowProblem(m.min_row, spanned[0].header,
                                               f"合并单元格{m.coord}跨越了“{names}”几列，无法分清各列内容；请取消合并"))
        for r in range(m.min_row, m.max_row + 1):
            for c in range(m.min_col, m.max_col + 1):
                fill[(r, c)] = value
    section = zone
    for r in range(last_header + 1, ws.max_row + 1):
        if r in headings:
            text = _SECTION.sub("", headings[r])
            section = re.sub(r"[(（][^()（）]*[)）]\s*$", "", text).strip() or section
            continue
        row = ws.rows[r - 1] if r <= len(ws.rows) else ()
        values = {c.col: fill.get((r, c.col), row[c.col - 1] if c.col <= len(row) else None)
                  for c in columns}
        texts = {col: _text(v) for col, v in values.items()}
        filled = [(col, text) for col, text in sorted(texts.items()) if text]
        if any(text in _TOTALS for _, text in filled[:2]):
            reading.skipped += 1  # 合计 / 小计 rows sum the others up
            continue
        if len(filled) == 1 and _SECTION.match(filled[0][1]) and \
                by_col[filled[0][0]].field in ("seq", "name"):
            # a heading typed into the first cell without merging: 一、沈阳经济技术开发区
            text = _SECTION.sub("", filled[0][1])
            section = re.sub(r"[(（][^()（）]*[)）]\s*$", "", text).strip() or section
            continue
        if all(not text for col, text in texts.items() if by_col[col].field != "seq"):
            continue
        row = _one(r, values, by_col, reading, plan_year=plan_year, section=section,
                   jurisdiction=jurisdiction)
        if row is not None:
            reading.drafts.append(row)


def _one(r: int, values: dict[int, Any], by_col: dict[int, SheetColumn], reading: SheetReading,
         *, plan_year: int | None, section: str | None, jurisdiction: str | None
         ) -> ProjectDraft | None:
    got: dict[str, Any] = {}
    problems: list[RowProblem] = []
    dates = list(NO_DATES)
    notes: list[str] = []
    for col, value in values.items():
        c = by_col[col]
        text = _text(value)
        if c.field == "note":
            if text:
                notes.append(f"{_clean(c.header)}：{text}")
        elif c.field == "notes":
            if text:
                notes.insert(0, text)
        elif c.field == "date" and c.stage is not None:
            day = _date(value, planned=c.planned, year=plan_year, problems=problems, row=r,
                        header=c.header)
            if day is not None:
                old = dates[c.stage.order]
                dates[c.stage.order] = (StageDate(day, old.actual) if c.planned
                                        else StageDate(old.planned, day))
        elif c.field == "computed":
            continue
        elif c.field in ("total", "annual", "completed"):
            try:
                got[c.field] = parse_amount(value, default_unit=c.unit)
            except AmountError as err:
                problems.append(RowProblem(r, c.header, str(err)))
                continue
            if got[c.field] is not None:
                got[c.field + "_text"] = text + (c.unit or "") if not _has_unit(text) else text
                if c.field == "annual":
                    got["annual_year"] = c.year or plan_year
        else:
            got[c.field] = text
    name = got.get("name", "")
    if name in _TOTALS or _text(got.get("seq")) in _TOTALS or name.startswith("合计"):
        reading.skipped += 1
        return None
    if not name:
        problems.append(RowProblem(r, LABELS["name"], "项目名称为空"))
    stage = None
    if got.get("stage"):
        try:
            stage = Stage.parse(got["stage"])
        except ValueError:
            options = "、".join(st.label for st in STAGES)
            problems.append(RowProblem(r, LABELS["stage"],
                                       f"阶段“{got['stage']}”无法识别；可用：{options}"))
    zone = got.get("zone") or section
    if not zone:
        problems.append(RowProblem(r, LABELS["zone"], "没有所在园区"))
    project_id = version = None
    if got.get("id"):
        token = _ID_TOKEN.match(got["id"])
        if token is None:
            problems.append(RowProblem(r, LABELS["id"], f"编号“{got['id']}”不是导出时的“P项目号:v版本”"))
        else:
            project_id, version = int(token.group(1)), int(token.group(2))
    if problems:
        reading.problems += problems
        return None
    return ProjectDraft(
        name=name, zone=zone or "", jurisdiction=jurisdiction, unit=got.get("unit") or None,
        stage=stage, dates=tuple(dates), investor=got.get("investor", ""),
        industry=got.get("industry", ""), leader=got.get("leader", ""),
        contact=got.get("contact", ""), content=got.get("content", ""),
        notes="；".join(notes), total=got.get("total"), total_text=got.get("total_text", ""),
        annual=got.get("annual"), annual_text=got.get("annual_text", ""),
        annual_year=got.get("annual_year"), completed=got.get("completed"),
        project_id=project_id, version=version, row=r)


def _has_unit(text: str) -> bool:
    return bool(re.search(r"[元万亿]", text))


def _date(value: Any, *, planned: bool, year: int | None, problems: list[RowProblem], row: int,
          header: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text or text in ("-", "—", "/", "无"):
        return None
    try:
        found = read_deadline_cell(text, year=year)
    except DateUnreadable as err:
        problems.append(RowProblem(row, header, f"“{err.text}”{err.reason}"))
        return None
    dated = [d for d in found if d.due and not d.rrule]
    if not dated or dated[0].due is None:
        problems.append(RowProblem(row, header, f"“{text}”不是一个日期（如 2026.6、2026年6月15日）"))
        return None
    day = dt.date.fromisoformat(dated[0].due)
    if not planned and _MONTH_ONLY.match(text):
        day = day.replace(day=1)  # 2018年6月开工: the day is unknown, the month is not
    return day
