"""What every writer shows the same way: deadlines, lights, units, the id token that brings a row back.

Kept in one place so the xlsx, csv, ics and docx say ``2020-12-31（默认：规划期末）`` and
``每季度`` identically, and so the importer parses exactly the token the exporter wrote.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from taizhang.ledger.model import Light, Status, WorkItem
from taizhang.wording import display_title, recurrence_text

IMPLIED_MARK = "（默认：规划期末）"
ID_HEADER = "编号（勿改）"

# cell fills for 亮灯, the soft colours offices use for conditional formatting in Excel
LIGHT_FILL = {Light.GREEN: "#C6EFCE", Light.YELLOW: "#FFEB9C", Light.RED: "#FFC7CE"}
LIGHT_FONT = {Light.GREEN: "#006100", Light.YELLOW: "#9C5700", Light.RED: "#9C0006"}

STATUS_LABELS: tuple[str, ...] = tuple(s.label for s in Status)

_ID_TOKEN = re.compile(r"^\s*(\d+)\s*[:：]\s*[vV]?(\d+)\s*$")


def id_token(item: WorkItem) -> str:
    """The last column of every sheet: item id and the version it was exported at, ``"42:v3"``."""
    return f"{item.id}:v{item.version}"


def parse_id_token(value: object) -> tuple[int, int] | None:
    """``"42:v3"`` → ``(42, 3)``; None when the cell is not a token we wrote."""
    if value is None:
        return None
    match = _ID_TOKEN.match(str(value))
    return (int(match.group(1)), int(match.group(2))) if match else None


# the one way a recurrence reads (taizhang.wording): table, md, csv, xlsx, docx, ics and web
rrule_label = recurrence_text


def due_label(item: WorkItem) -> str:
    """The 完成时限 cell: a date, a date marked as implied by the period, or the recurrence."""
    if item.rrule:
        label = rrule_label(item.rrule)
        return f"{label}（截至{item.due.isoformat()}）" if item.due else label
    if item.due is None:
        return "未明确"
    return item.due.isoformat() + (IMPLIED_MARK if item.due_implied else "")


def light_label(item: WorkItem) -> str:
    return item.light.label if item.light else ""


def units_label(units: Iterable[str]) -> str:
    return "、".join(units)


def document_label(item: WorkItem) -> str:
    """``《title》（number）`` for listings that mix documents; the 发文字号 alone, or “（无标题）”,
    for a document without a title — never its file name or the ledger's internal number."""
    if not item.document_title:
        return display_title(None, item.doc_number)
    title = f"《{item.document_title}》"
    return f"{title}（{item.doc_number}）" if item.doc_number else title


def notes_label(item: WorkItem) -> str:
    """备注: why the light is what it is (已逾期12天, 进度落后序时进度…)."""
    return "；".join(item.light_reasons)


def progress_text(item: WorkItem) -> str:
    return item.last_report.text if item.last_report else ""


def overdue_days(item: WorkItem, today: dt.date) -> int:
    """Days past the due date for unfinished work; 0 when not overdue."""
    from taizhang.ledger.model import FINISHED

    if item.due is None or item.status in FINISHED or item.due >= today:
        return 0
    return (today - item.due).days


def sheet_name(raw: str, taken: set[str]) -> str:
    """A legal, unique Excel sheet name: ≤ 31 characters, none of ``[]:*?/\\``."""
    base = re.sub(r"[\[\]:*?/\\：]", "", raw).strip("' ") or "台账"
    base = base[:28]
    name, n = base, 2
    while name.lower() in {t.lower() for t in taken}:
        name, n = f"{base[:26]}({n})", n + 1
    taken.add(name)
    return name
