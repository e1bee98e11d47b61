"""A unit's filled-in project sheet comes back: every row checked, then one ReportUpdate per
edited row (:func:`plan_fillin`), applied all-or-nothing by the register.

A row counts as edited when one of its open cells differs from what left (the digests in the
hidden ``_taizhang`` sheet); untouched rows report nothing, so a unit that changed three
projects reports three. An edited row whose project changed since the export is refused as
stale, a row of another unit's project as not the unit's, and nothing is applied until every
row is right.
"""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from taizhang.errors import SheetError
from taizhang.exports import labels as L
from taizhang.exports.progress_import import _open, field_digests, unpack_digests
from taizhang.exports.project_xlsx import FILLIN_EDITABLE, META_SHEET
from taizhang.projects.amounts import AmountError, format_amount, parse_amount
from taizhang.projects.model import STAGES, Project, ProjectReport, ReportUpdate, RowProblem, Stage

_TOKEN = re.compile(r"^\s*[Pp]\s*(\d+)\s*[:：]\s*[vV]?(\d+)\s*$")
HEADER_SEARCH = 10
MAX_ROWS = 50_000
LABEL = {v: k for k, v in FILLIN_EDITABLE.items()}


@dataclass(frozen=True, slots=True)
class FillinRow:
    row: int
    project_id: int
    version: int
    values: dict[str, Any]  # field → normalised cell
    digests: dict[str, str]


@dataclass
class Fillin:
    source: str
    unit: str | None
    month: dt.date | None
    rows: list[FillinRow] = field(default_factory=list)
    exported: dict[int, dict[str, str]] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)


def sheet_kind(file: str | Path | IO[bytes]) -> str:
    """``project-fillin``, ``projects``, ``fillin``/``ledger`` (tasks) or ``unknown``."""
    if isinstance(file, (str, Path)) and not Path(file).is_file():
        return "unknown"
    try:
        if not zipfile.is_zipfile(file):
            return "unknown"
    finally:
        if not isinstance(file, (str, Path)):
            file.seek(0)
    book = _open(file, "表格", read_only=True)
    try:
        if META_SHEET not in book.sheetnames:
            return "unknown"
        for key, value in book[META_SHEET].iter_rows(min_col=1, max_col=2, values_only=True):
            if key == "kind":
                return str(value or "unknown")
        return "unknown"
    finally:
        book.close()
        if not isinstance(file, (str, Path)):
            file.seek(0)


def normalise(name: str, value: Any) -> Any:
    """A comparable cell: a Stage, whole 元, a date, stripped text; ValueError when unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if name == "stage":
        return Stage.parse(str(value))
    if name in ("invest", "total"):
        return parse_amount(value, default_unit="万元")
    if name == "stage_on":
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        return dt.date.fromisoformat(str(value).strip().replace("/", "-").replace(".", "-"))
    return str(value).strip()


def _digest_form(name: str, value: Any) -> Any:
    """What the writer's digest saw for this field (万元 numbers, stage labels)."""
    if value is None:
        return None
    if name == "stage":
        return value.label
    if name in ("invest", "total"):
        wan = value / 10**4
        return int(wan) if float(wan).is_integer() else wan
    return value


def read_fillin(file: str | Path | IO[bytes], *, name: str | None = None) -> Fillin:
    source = name or (Path(file).name if isinstance(file, (str, Path)) else "上传的文件")
    book = _open(file, source, read_only=True)
    try:
        meta: dict[str, str] = {}
        exported: dict[int, dict[str, str]] = {}
        if META_SHEET in book.sheetnames:
            for key, value in book[META_SHEET].iter_rows(min_col=1, max_col=2, values_only=True):
                token = _TOKEN.match(str(key or ""))
                if token and value:
                    exported[int(token.group(1))] = unpack_digests(str(value))
                elif key:
                    meta[str(key)] = "" if value is None else str(value)
        month = None
        if meta.get("month"):
            month = dt.date.fromisoformat(meta["month"] + "-01")
        out = Fillin(source, meta.get("unit") or None, month, exported=exported)
        ws = next(w for w in book.worksheets if w.title != META_SHEET)
        header_row, columns = _header(ws)
        if header_row is None:
            raise SheetError(f"工作表“{ws.title}”中找不到“{L.ID_HEADER}”列", column=L.ID_HEADER,
                             hint="请使用 taizhang projects export --fillin 导出的填报表，不要删除编号列")
        id_col = columns[L.ID_HEADER]
        editable = {FILLIN_EDITABLE[h]: c for h, c in columns.items() if h in FILLIN_EDITABLE}
        seen: dict[int, int] = {}
        for r, cells in enumerate(ws.iter_rows(min_row=header_row + 1), start=header_row + 1):
            if r > MAX_ROWS:  # a unit has tens of projects, not tens of thousands
                raise SheetError(f"工作表“{ws.title}”超过 {MAX_ROWS} 行", row=r,
                                 hint="请使用导出的填报表，不要粘贴大量内容")
            raw = cells[id_col - 1].value if len(cells) >= id_col else None
            if raw is None and all(c.value in (None, "") for c in cells):
                continue
            token = _TOKEN.match(str(raw or ""))
            if token is None:
                out.problems.append(RowProblem(r, L.ID_HEADER, f"编号“{raw or '（空）'}”无法识别，"
                                                               "应为导出时的“P项目号:v版本”"))
                continue
            pid, version = int(token.group(1)), int(token.group(2))
            if pid in seen:
                out.problems.append(RowProblem(r, L.ID_HEADER, f"项目{pid}与第{seen[pid]}行重复"))
                continue
            seen[pid] = r
            values: dict[str, Any] = {}
            for fname, col in editable.items():
                cell = cells[col - 1].value if len(cells) >= col else None
                try:
                    values[fname] = normalise(fname, cell)
                except (ValueError, AmountError) as err:
                    expected = {"stage": "、".join(st.label for st in STAGES),
                                "stage_on": "日期，如 2026-03-15", "invest": "万元数",
                                "total": "万元数"}.get(fname, "文字")
                    shown = str(err) if isinstance(err, AmountError) else f"“{cell}”无法识别"
                    out.problems.append(RowProblem(r, LABEL[fname], f"{shown}，应为{expected}"))
            digests = field_digests({k: _digest_form(k, v) for k, v in values.items()})
            out.rows.append(FillinRow(r, pid, version, values, digests))
        return out
    finally:
        book.close()


def _header(ws: Any) -> tuple[int | None, dict[str, int]]:
    for r, cells in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_SEARCH), start=1):
        names = {str(c.value).strip(): i for i, c in enumerate(cells, start=1)
                 if isinstance(c.value, str)}
        if L.ID_HEADER in names:
            return r, names
    return None, {}


def held(x: Project, last: ProjectReport | None, month: dt.date | None, field_: str,
         value: Any) -> bool:
    """Whether the register already holds ``value`` for this field (the file came twice)."""
    if field_ == "stage_on":
        return value is None or value in {d.actual for d in x.dates}
    same_month = last is not None and month is not None and last.month == month
    now = {"stage": x.stage, "total": x.completed,
           "invest": last.invest if same_month and last is not None else None,
           "image": last.image if last else None, "text": last.text if last else None,
           "problems": last.problems if last else None}.get(field_)
    return (now or None) == (value or None)


def plan_fillin(sheet: Fillin, current: Mapping[int, Project], *, unit: str | None,
                month: dt.date | None,
                last: Mapping[int, ProjectReport] | None = None) -> list[ReportUpdate]:
    """The reports the sheet asks for; SheetError listing every refused row.

    ``current`` holds the unit's projects and ``last`` their latest reports (a row the
    register already holds — the same file imported twice — asks for nothing); ``unit`` and
    ``month`` default to the sheet's own.
    """
    who = unit or sheet.unit
    when = month or sheet.month
    problems = list(sheet.problems)
    if when is None:
        problems.append(RowProblem(None, None, "表中没有注明填报月份"))
    updates: list[ReportUpdate] = []
    for r in sheet.rows:
        x = current.get(r.project_id)
        if x is None:
            problems.append(RowProblem(r.row, L.ID_HEADER, f"项目{r.project_id}不是{who or '本单位'}"
                                                           "的项目（或已不在项目库中），不能填报"))
            continue
        left = sheet.exported.get(r.project_id)
        edited = [f for f in r.values if (r.digests.get(f) != left.get(f) if left
                                          else r.values[f] is not None)]
        if not edited:
            continue
        if all(held(x, (last or {}).get(x.id), when, f, r.values[f]) for f in edited):
            continue  # already in the register: this file (or its twin) came before
        if r.version != x.version:
            problems.append(RowProblem(r.row, L.ID_HEADER, (
                f"项目“{x.name}”在导出后已被修改（表中版本{r.version}，当前版本{x.version}），"
                "本行的修改可能覆盖他人的更新；请重新导出后再填写")))
            continue
        v = r.values
        stage = v.get("stage") if "stage" in edited else None
        if stage is x.stage:
            stage = None
        if stage is None and "stage_on" in edited and v.get("stage_on") is not None:
            problems.append(RowProblem(r.row, "阶段日期", "填了阶段日期，但“当前阶段”没有改变"))
            continue
        invest = v.get("invest") if "invest" in edited else None
        total = v.get("total") if "total" in edited else None
        if total is not None and invest is None and total < x.completed:
            problems.append(RowProblem(r.row, LABEL["total"], (
                f"累计完成投资 {format_amount(total)} 少于上次的 {format_amount(x.completed)}")))
            continue

        def text(name: str) -> str | None:
            return (v.get(name) or "") if name in edited else None

        assert when is not None
        updates.append(ReportUpdate(
            project_id=x.id, month=when, unit=who, invest=invest, total=total,
            image=text("image"), text=text("text"), problems=text("problems"),
            expected_version=r.version, stage=stage,
            stage_on=v.get("stage_on") if stage is not None else None, row=r.row))
    if problems:
        from taizhang.projects.problems import refusal

        raise refusal(problems, sheet.source, partial_hint=False)
    return updates
