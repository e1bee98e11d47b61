"""Progress: reports by the units on an item (all-or-nothing batches), status changes, occurrences.

Report burden matters (最多报一次): a report states only what changed; the rest is carried over
from the unit's previous report. Only the lead unit moves the item's status and percent; a
supporting unit's report records its own part.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from sqlalchemy import insert, select

from taizhang.errors import InputError, PermissionDenied
from taizhang.ledger.model import FINISHED, Occurrence, ProgressUpdate, Report, Status, WorkItem
from taizhang.ledger.schedule import occurrence_for, occurrences as expand, window
from taizhang.ledger.workflow import OFFICE, UNIT, transition
from taizhang.store import audit, items, schema as s, units
from taizhang.store.engine import Ctx


def reports(ctx: Ctx, item_id: int) -> list[Report]:
    items.get_item(ctx, item_id)
    q = (select(s.reports, s.units.c.name.label("unit_name"))
         .join(s.units, s.units.c.id == s.reports.c.unit_id)
         .where(s.reports.c.item_id == item_id).order_by(s.reports.c.id))
    return [items.report_from_row(r, r.unit_name) for r in ctx.conn.execute(q)]


def _dates(item: WorkItem) -> list[dt.date]:
    span = window(item.start, item.due)
    return expand(item.rrule, *span) if item.rrule and span else []


def occurrences(ctx: Ctx, item_id: int) -> list[Occurrence]:
    item = items.get_item(ctx, item_id)
    answered: dict[dt.date, int] = {}
    for r in reports(ctx, item_id):
        if r.occurrence is not None:
            answered.setdefault(r.occurrence, r.id)
    return [Occurrence(item_id=item_id, due=d, report_id=answered.get(d)) for d in _dates(item)]


def _may_report(ctx: Ctx, item: WorkItem, unit_name: str) -> str:
    unit = units.resolve(ctx, item.jurisdiction, unit_name)
    if unit.name not in item.units:
        who = "、".join(item.units) or "（未明确责任单位）"
        raise PermissionDenied(
            f"“{unit.name}”不是任务 {item.id}（{item.title[:30]}）的牵头或配合单位，不能填报",
            hint=f"可填报的单位：{who}")
    return unit.name


def _apply_one(ctx: Ctx, u: ProgressUpdate, *, actor: str, today: dt.date) -> Report:
    item = items.get_item(ctx, u.item_id)
    items.check_version(item, u.expected_version)
    unit = _may_report(ctx, item, u.unit)
    unit_id = units.resolve(ctx, item.jurisdiction, unit).id
    is_lead = unit == item.lead
    previous = ctx.conn.execute(select(s.reports).where(
        (s.reports.c.item_id == item.id) & (s.reports.c.unit_id == unit_id))
        .order_by(s.reports.c.id.desc()).limit(1)).first()
    if u.status is not None and not is_lead and u.status is not item.status:
        raise PermissionDenied(f"配合单位“{unit}”不能改变任务 {item.id} 的状态",
                               hint=f"状态由牵头单位“{item.lead}”报送")
    target = u.status or item.status
    if is_lead and target is Status.PENDING:
        target = Status.IN_PROGRESS  # reporting progress is 签收 as well: one step, not two
    step = transition(item.status, target, by=UNIT).name if target is not item.status else None
    percent = u.percent
    if percent is None:
        percent = 100 if target is Status.DONE else (previous.percent if previous is not None
                                                     else (item.percent if is_lead else 0))
    if not 0 <= percent <= 100:
        raise InputError(f"进度“{percent}”超出范围", hint="进度应为 0 到 100 之间的整数")
    occurrence = u.occurrence
    dates = _dates(item)
    if occurrence is not None and occurrence not in dates:
        shown = "、".join(d.isoformat() for d in dates[:6]) or "无（该任务不是周期性任务）"
        raise InputError(f"{occurrence.isoformat()} 不是任务 {item.id} 的报送期",
                         hint=f"报送期有：{shown}")
    if occurrence is None and dates:
        done = set(ctx.conn.execute(select(s.reports.c.occurrence).where(
            (s.reports.c.item_id == item.id) & s.reports.c.occurrence.is_not(None))).scalars())
        occurrence = occurrence_for(dates, done, today)

    def keep(new: str | None, column: str) -> str:
        return new if new is not None else (getattr(previous, column) if previous else "")

    values = {"item_id": item.id, "unit_id": unit_id, "actor": actor, "at": ctx.now,
              "status": target.value if is_lead else item.status.value, "percent": percent,
              "text": keep(u.text, "text"), "problems": keep(u.problems, "problems"),
              "next_steps": keep(u.next_steps, "next_steps"),
              "evidence": json.dumps(list(u.evidence) or
                                     (json.loads(previous.evidence) if previous else []),
                                     ensure_ascii=False),
              "occurrence": occurrence}
    report_id = ctx.conn.execute(insert(s.reports).values(**values)
                                 .returning(s.reports.c.id)).scalar_one()
    change: dict[str, object] = {}
    if is_lead:
        change = {"status": target.value, "percent": percent}
        if target is Status.DONE and item.status is not Status.DONE:
            change["completed_on"] = today
    items.bump(ctx, item, change)
    audit.record(ctx.conn, ctx.now, actor=actor, action="item.report", entity="item",
                 entity_id=item.id, item_id=item.id, document_id=item.document_id,
                 before={"status": item.status.value, "percent": item.percent,
                         "version": item.version},
                 after={"status": target.value if is_lead else item.status.value,
                        "percent": percent if is_lead else item.percent,
                        "version": item.version + 1, "report_id": report_id, "unit": unit,
                        "occurrence": occurrence, "step": step, "text": values["text"]})
    return Report(id=report_id, item_id=item.id, unit=unit, actor=actor, at=ctx.now,
                  status=Status(values["status"]), percent=percent, text=values["text"],
                  problems=values["problems"], next_steps=values["next_steps"],
                  evidence=tuple(json.loads(values["evidence"])), occurrence=occurrence)


def apply(ctx: Ctx, updates: Sequence[ProgressUpdate], *, actor: str,
          today: dt.date) -> list[Report]:
    """Every update or none: an error raised here rolls back the caller's transaction."""
    if not updates:
        raise InputError("没有要保存的进展", hint="请至少填写一条")
    return [_apply_one(ctx, u, actor=actor, today=today) for u in updates]


def set_status(ctx: Ctx, item_id: int, status: Status, *, actor: str, unit: str | None,
               expected_version: int | None, note: str, today: dt.date | None) -> WorkItem:
    item = items.get_item(ctx, item_id)
    items.check_version(item, expected_version)
    by = OFFICE
    if unit is not None:
        name = _may_report(ctx, item, unit)
        if name != item.lead:
            raise PermissionDenied(f"配合单位“{name}”不能改变任务 {item.id} 的状态",
                                   hint=f"状态由牵头单位“{item.lead}”报送")
        by = UNIT
    if status is item.status:
        raise InputError(f"任务 {item.id} 已经是“{status.label}”", hint="无需修改")
    step = transition(item.status, status, by=by)
    change: dict[str, object] = {"status": status.value}
    if status is Status.DONE:
        change["completed_on"] = today or ctx.now.date()
    elif status not in FINISHED:
        change["completed_on"] = None
    items.bump(ctx, item, change)
    audit.record(ctx.conn, ctx.now, actor=actor, action="item.status", entity="item",
                 entity_id=item.id, item_id=item.id, document_id=item.document_id,
                 before={"status": item.status.value, "version": item.version},
                 after={"status": status.value, "version": item.version + 1, "step": step.name,
                        "note": note})
    return items.get_item(ctx, item_id)
