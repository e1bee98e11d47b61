"""Writes shared by the pages and /api: the permission check comes first, then the ledger call.

A reporter acting on another unit's item is refused (PermissionDenied → 403) before any file
is saved or row written: a report's check runs on the item its transaction reads, before the
writes; with uploaded proof it runs once more before the files are saved. The ledger checks
the unit again inside its transaction.
"""
from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from taizhang.errors import InputError
from taizhang.ledger.model import Report, Status, WorkItem
from taizhang.web.auth import CurrentUser, reporting_unit, require_writer

MAX_EVIDENCE_FILES = 10
_UNSAFE = re.compile(r"[^\w.\-（）()\u4e00-\u9fff]+")


@dataclass(frozen=True, slots=True)
class ReportForm:
    """What a unit submits; None fields are taken from its last report (最多报一次)."""

    status: str | None = None
    percent: int | None = None
    text: str | None = None
    problems: str | None = None
    next_steps: str | None = None
    occurrence: str | None = None
    unit: str | None = None  # admins may report for a chosen unit of the item
    expected_version: int | None = None


def parse_status(value: str | None) -> Status | None:
    if value is None or not value.strip():
        return None
    try:
        return Status.parse(value)
    except ValueError:
        raise InputError(f"状态“{value}”无法识别",
                         hint="可选：" + "、".join(s.label for s in Status)) from None


def parse_date(value: str | None, what: str) -> dt.date | None:
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{what}“{value}”不是有效日期", hint="请按 2026-03-31 的格式填写") from None


def parse_percent(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        pct = int(str(value).strip().rstrip("%"))
    except ValueError:
        raise InputError(f"完成百分比“{value}”不是整数", hint="请填写 0 到 100 之间的整数") from None
    if not 0 <= pct <= 100:
        raise InputError(f"完成百分比 {pct} 超出范围", hint="请填写 0 到 100 之间的整数")
    return pct


def safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name or "附件"
    cleaned = _UNSAFE.sub("_", base).strip("._") or "附件"
    return cleaned[-80:]


def save_evidence(evidence_dir: Path, item_id: int,
                  files: list[tuple[str, bytes]], *, max_bytes: int) -> list[str]:
    """Store uploaded proof under ``evidence_dir/<item>/``; the relative names for the report."""
    if len(files) > MAX_EVIDENCE_FILES:
        raise InputError(f"一次上传了 {len(files)} 个佐证材料，最多 {MAX_EVIDENCE_FILES} 个",
                         hint="请合并或分次上传")
    for name, data in files:
        if len(data) > max_bytes:
            raise InputError(f"佐证材料“{name}”大小 {len(data)} 字节，超过上限 {max_bytes} 字节",
                             hint="请压缩后再上传")
    folder = evidence_dir / str(item_id)
    folder.mkdir(parents=True, exist_ok=True)
    saved = []
    for name, data in files:
        # a random prefix keeps two units' 进展.pdf apart and makes names unguessable
        stored = f"{secrets.token_hex(4)}-{safe_name(name)}"
        (folder / stored).write_bytes(data)
        saved.append(f"{item_id}/{stored}")
    return saved


def submit_report(lg: Any, user: CurrentUser, item_id: int, form: ReportForm, *,
                  today: dt.date, evidence_dir: Path, files: list[tuple[str, bytes]] = (),
                  max_bytes: int) -> tuple[WorkItem, Report]:
    """Check the user may report on the item, save proof, record the report."""
    item, reports = submit_report_all(lg, user, item_id, form, today=today,
                                      evidence_dir=evidence_dir, files=files,
                                      max_bytes=max_bytes)
    return item, reports[0]


def submit_report_all(lg: Any, user: CurrentUser, item_id: int, form: ReportForm, *,
                      today: dt.date, evidence_dir: Path, files: list[tuple[str, bytes]] = (),
                      max_bytes: int) -> tuple[WorkItem, list[Report]]:
    """As submit_report; the reports are this item's first, then those recorded on items
    linked to it for the same unit (只报一次, web/task_analysis.py)."""
    from taizhang.web.task_analysis import record_report

    require_writer(user)  # a read-only role is refused before anything is read
    status = parse_status(form.status)
    occurrence = parse_date(form.occurrence, "报送期次")

    def unit_for(item: WorkItem) -> str:
        """Who reports: checked on the item as the report's transaction reads it (a refusal
        rolls it back), so a report reads its item once."""
        unit = reporting_unit(user, item, form.unit)
        if user.is_admin and unit not in item.units:
            raise InputError(f"“{unit}”不是事项 #{item_id} 的责任单位",
                             hint="可选：" + "、".join(item.units))
        return unit

    evidence: list[str] = []
    if files:  # proof is saved only for an item the user may report on: check before
        unit_for(lg.get_item(item_id, last_report=False))
        evidence = save_evidence(evidence_dir, item_id, list(files), max_bytes=max_bytes)
    try:
        done = record_report(lg, item_id, unit=unit_for, actor=user.username, today=today,
                             status=status, percent=form.percent, text=form.text,
                             problems=form.problems, next_steps=form.next_steps,
                             evidence=evidence, occurrence=occurrence,
                             expected_version=form.expected_version)
    except Exception:
        for rel in evidence:  # a refused report leaves no orphaned proof behind
            (evidence_dir / rel).unlink(missing_ok=True)
        raise
    return done.item, done.reports


def last_report_of(reports: list[Report], unit: str | None) -> Report | None:
    """The unit's most recent report, to pre-fill its next one."""
    mine = [r for r in reports if unit is None or r.unit == unit]
    return mine[-1] if mine else None
