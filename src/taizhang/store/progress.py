"""Progress: reports by the units on an item (all-or-nothing batches), status changes, occurrences.

Report burden matters (最多报一次): a report states only what changed; the rest is carried over
from the unit's previous report. Only the lead unit moves the item's status and percent; a
supporting unit's report records its own part.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import bindparam, func, insert, literal_column, select, union_all, update

from taizhang.errors import InputError, NotFound, PermissionDenied, StaleEdit
from taizhang.ledger.model import FINISHED, Occurrence, ProgressUpdate, Report, Status, WorkItem
from taizhang.ledger.schedule import occurrence_for, occurrences as expand, window
from taizhang.ledger.workflow import OFFICE, UNIT, transition
from taizhang.store import audit, bulk, items, schema as s, units
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


@dataclass(frozen=True, slots=True)
class Applied:
    """What a batch wrote: the reports (in the order of the updates) and each item as it now
    is (new status, percent, version and last report; no light)."""

    reports: list[Report]
    items: list[WorkItem]
    # recurring items' reports of dated occurrences, the new ones included: what their
    # lights count (see ledger.lights.missing_reports)
    occurrence_reports: dict[int, list[Report]]


def apply(ctx: Ctx, updates: Sequence[ProgressUpdate], *, actor: str,
          today: dt.date) -> list[Report]:
    """Every update or none: an error raised here rolls back the caller's transaction."""
    return apply_all(ctx, updates, actor=actor, today=today).reports


def apply_all(ctx: Ctx, updates: Sequence[ProgressUpdate], *, actor: str,
              today: dt.date, loaded: "Loaded | None" = None) -> Applied:
    """As :func:`apply`, with the items as they are after it.

    A batch is checked whole, then written with one statement per table (a 2,000-row sheet
    took 4 ms a report one at a time). When an item comes twice, each of its updates must see
    the one before (its version, its carried-over text), so the updates then go one by one.
    ``loaded`` holds items the caller already read in this transaction (:func:`load_one`):
    they are not read again.
    """
    if not updates:
        raise InputError("没有要保存的进展", hint="请至少填写一条")
    if len({u.item_id for u in updates}) == len(updates):
        return _apply_batch(ctx, updates, actor=actor, today=today, loaded=loaded)
    reports: list[Report] = []
    latest: dict[int, WorkItem] = {}
    dated: dict[int, list[Report]] = {}
    for u in updates:  # each one reads its item afresh: the one before changed it
        done = _apply_batch(ctx, [u], actor=actor, today=today, loaded=None)
        reports += done.reports
        latest[u.item_id] = done.items[0]
        dated.update(done.occurrence_reports)
    return Applied(reports, [latest[u.item_id] for u in updates], dated)


@dataclass(slots=True)
class Loaded:
    """Items read for a write, with what its checks need."""

    items: dict[int, WorkItem]  # no light, no last report
    unit_ids: dict[int, dict[str, int]]  # item id → {unit name: unit id}, lead and support
    previous: dict[tuple[int, int], Any]  # (item id, unit id) → that unit's latest report
    rows: dict[int, Any]  # item id → its row, with any extra columns the caller asked for

    def merge(self, other: "Loaded") -> "Loaded":
        return Loaded(self.items | other.items, self.unit_ids | other.unit_ids,
                      self.previous | other.previous, self.rows | other.rows)


def _one_units_q() -> Any:
    """One item's units (lead, then support in order), each with its latest report on the
    item: one statement where a report read the support units and the previous reports in
    two."""
    mine = union_all(
        select(s.items.c.lead_unit_id.label("unit_id"), literal_column("-1").label("pos"))
        .where((s.items.c.id == _ONE) & s.items.c.lead_unit_id.is_not(None)),
        select(s.item_support.c.unit_id, s.item_support.c.position)
        .where(s.item_support.c.item_id == _ONE)).subquery("mine")
    mine_r = s.reports.alias("mine_r")
    latest = (select(func.max(mine_r.c.id))
              .where((mine_r.c.item_id == _ONE) & (mine_r.c.unit_id == mine.c.unit_id))
              .correlate(mine).scalar_subquery())
    return (select(mine.c.pos, s.units.c.name.label("unit_name"), s.units.c.id.label("uid"),
                   *s.reports.c)
            .join_from(mine, s.units, s.units.c.id == mine.c.unit_id)
            .outerjoin(s.reports, s.reports.c.id == latest).order_by(mine.c.pos))


def load_one(ctx: Ctx, item_id: int, item_q: Any = None) -> Loaded:
    """One item for a report, in two statements: the item (``item_q``, built once by
    ``items.one_item_q``, may add columns), then its units with their latest reports.
    NotFound when there is no such item."""
    row = ctx.conn.execute(_ONE_ITEM if item_q is None else item_q, {"one_id": item_id}).first()
    if row is None:
        raise items.not_found(item_id)
    support, names, previous = [], {}, {}
    for u in ctx.conn.execute(_ONE_UNITS, {"one_id": item_id}):
        names[u.unit_name] = u.uid
        if u.pos >= 0:
            support.append(u.unit_name)
        if u.id is not None:
            previous[(item_id, u.uid)] = u
    item = WorkItem(**items.item_fields(row, support, None))
    return Loaded({item_id: item}, {item_id: names}, previous, {item_id: row})


def _load(ctx: Ctx, ids: Sequence[int]) -> Loaded:
    """Items for a batch (those that exist), their units and previous reports."""
    if len(ids) == 1:
        try:
            return load_one(ctx, ids[0])
        except NotFound:  # the batch names the missing item, in its order
            return Loaded({}, {}, {}, {})
    unit_ids: dict[int, dict[str, int]] = {}
    found = {i.id: i for i in items.load_ids(ctx, ids, unit_ids=unit_ids)}
    return Loaded(found, unit_ids, _previous(ctx, ids), {})


@dataclass(slots=True)
class _Plan:
    """One update, checked, with everything to write for it."""

    item: WorkItem
    unit: str
    unit_id: int
    is_lead: bool
    target: Status
    step: str | None
    values: dict[str, Any]  # the report's columns
    change: dict[str, Any]  # the item's new status, percent, completion day


def _apply_batch(ctx: Ctx, updates: Sequence[ProgressUpdate], *, actor: str,
                 today: dt.date, loaded: Loaded | None) -> Applied:
    ids = [u.item_id for u in updates]
    have = loaded or Loaded({}, {}, {}, {})
    if need := [i for i in ids if i not in have.items]:
        have = have.merge(_load(ctx, need))
    unit_ids, previous = have.unit_ids, have.previous
    loaded_items = {i: have.items[i] for i in ids if i in have.items}
    recurring = [i.id for i in loaded_items.values() if i.rrule]
    answered = _answered(ctx, recurring) if recurring else {}
    plans = []
    for u in updates:  # every check first, in order: the first refusal is the one raised
        item = loaded_items.get(u.item_id)
        if item is None:
            raise items.not_found(u.item_id)
        plans.append(_check(ctx, u, item, unit_ids[item.id], previous, answered, today))
    _bump_all(ctx, plans)
    report_ids = _insert_reports(ctx, [p.values | {"actor": actor, "at": ctx.now}
                                       for p in plans])
    out_reports, out_items, audit_rows = [], [], []
    for p, report_id in zip(plans, report_ids):
        item, v = p.item, p.values
        status = Status(v["status"])
        audit_rows.append(audit.row(
            ctx.now, actor=actor, action="item.report", entity="item", entity_id=item.id,
            item_id=item.id, document_id=item.document_id,
            before={"status": item.status.value, "percent": item.percent,
                    "version": item.version},
            after={"status": status.value, "percent": v["percent"] if p.is_lead else item.percent,
                   "version": item.version + 1, "report_id": report_id, "unit": p.unit,
                   "occurrence": v["occurrence"], "step": p.step, "text": v["text"]}))
        report = Report(id=report_id, item_id=item.id, unit=p.unit, actor=actor, at=ctx.now,
                        status=status, percent=v["percent"], text=v["text"],
                        problems=v["problems"], next_steps=v["next_steps"],
                        evidence=tuple(json.loads(v["evidence"])), occurrence=v["occurrence"])
        out_reports.append(report)
        out_items.append(replace(item, version=item.version + 1, last_report=report,
                                 **p.change))
        if report.occurrence is not None:
            answered.setdefault(item.id, []).append(report)
    bulk.insert_many(ctx, s.audit, audit_rows)
    return Applied(out_reports, out_items, answered)


def _check(ctx: Ctx, u: ProgressUpdate, item: WorkItem, unit_ids: dict[str, int],
           previous: dict[tuple[int, int], Any], answered: dict[int, list[Report]],
           today: dt.date) -> _Plan:
    items.check_version(item, u.expected_version)
    if u.unit in unit_ids:  # the item's own name for the unit: nothing to look up
        unit, unit_id = u.unit, unit_ids[u.unit]
    else:  # an alias, an old name, or a unit of another item: the registry decides
        unit = _may_report(ctx, item, u.unit)
        unit_id = unit_ids[unit]
    is_lead = unit == item.lead
    prev = previous.get((item.id, unit_id))
    if u.status is not None and not is_lead and u.status is not item.status:
        raise PermissionDenied(f"配合单位“{unit}”不能改变任务 {item.id} 的状态",
                               hint=f"状态由牵头单位“{item.lead}”报送")
    target = u.status or item.status
    if is_lead and target is Status.PENDING:
        target = Status.IN_PROGRESS  # reporting progress is 签收 as well: one step, not two
    step = transition(item.status, target, by=UNIT).name if target is not item.status else None
    percent = u.percent
    if percent is None:
        percent = 100 if target is Status.DONE else (prev.percent if prev is not None
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
        done = {r.occurrence for r in answered.get(item.id, ()) if r.occurrence is not None}
        occurrence = occurrence_for(dates, done, today)

    def keep(new: str | None, column: str) -> str:
        return new if new is not None else (getattr(prev, column) if prev else "")

    values = {"item_id": item.id, "unit_id": unit_id,
              "status": target.value if is_lead else item.status.value, "percent": percent,
              "text": keep(u.text, "text"), "problems": keep(u.problems, "problems"),
              "next_steps": keep(u.next_steps, "next_steps"),
              "evidence": json.dumps(list(u.evidence) or
                                     (json.loads(prev.evidence) if prev else []),
                                     ensure_ascii=False),
              "occurrence": occurrence}
    if is_lead:
        done = target is Status.DONE and item.status is not Status.DONE
        change = {"status": target, "percent": percent,
                  "completed_on": today if done else item.completed_on}
    else:  # a supporting unit's report leaves the item's status and percent alone
        change = {"status": item.status, "percent": item.percent,
                  "completed_on": item.completed_on}
    return _Plan(item, unit, unit_id, is_lead, target, step, values, change)


def _previous_q(cond: Any) -> Any:
    latest = (select(func.max(s.reports.c.id)).where(cond)
              .group_by(s.reports.c.item_id, s.reports.c.unit_id).scalar_subquery())
    return select(s.reports).where(s.reports.c.id.in_(latest))


def _answered_q(cond: Any) -> Any:
    return (select(s.reports, s.units.c.name.label("unit_name"))
            .join(s.units, s.units.c.id == s.reports.c.unit_id)
            .where(cond & s.reports.c.occurrence.is_not(None)).order_by(s.reports.c.id))


# a single report (the web's case) runs statements built once (see items._ONE_ITEM)
_ONE = bindparam("one_id")
_ONE_ITEM = items.one_item_q()
_ONE_UNITS = _one_units_q()
_ONE_ANSWERED = _answered_q(s.reports.c.item_id == _ONE)
_INSERT_REPORTS = insert(s.reports).returning(s.reports.c.id, sort_by_parameter_order=True)


def _for(ctx: Ctx, ids: Sequence[int], build: Any, prebuilt: Any) -> Any:
    if len(ids) == 1:
        return ctx.conn.execute(prebuilt, {"one_id": ids[0]})
    return ctx.conn.execute(build(s.reports.c.item_id.in_(list(ids))))


def _previous(ctx: Ctx, ids: Sequence[int]) -> dict[tuple[int, int], Any]:
    """Each unit's latest report on each of the items: what a new report carries over."""
    q = _previous_q(s.reports.c.item_id.in_(list(ids)))
    return {(r.item_id, r.unit_id): r for r in ctx.conn.execute(q)}


def _answered(ctx: Ctx, ids: Sequence[int]) -> dict[int, list[Report]]:
    """The reports of occurrences already made on recurring items (their lights count them)."""
    out: dict[int, list[Report]] = {}
    for r in _for(ctx, ids, _answered_q, _ONE_ANSWERED):
        out.setdefault(r.item_id, []).append(items.report_from_row(r, r.unit_name))
    return out


def _insert_reports(ctx: Ctx, rows: list[dict[str, Any]]) -> list[int]:
    """The reports' new ids, in the order of ``rows``."""
    if ctx.dialect == "sqlite":
        # the items were updated first, so this transaction holds SQLite's write lock and
        # the next ids are ours (see bulk.next_ids)
        ids = bulk.next_ids(ctx, s.reports, len(rows))
        bulk.insert_many(ctx, s.reports, [r | {"id": i} for r, i in zip(rows, ids)])
        return ids
    return list(ctx.conn.execute(_INSERT_REPORTS, rows).scalars())


_BUMP = (update(s.items).where((s.items.c.id == bindparam("b_id"))
                               & (s.items.c.version == bindparam("b_version")))
         .values(status=bindparam("b_status"), percent=bindparam("b_percent"),
                 completed_on=bindparam("b_completed"), version=bindparam("b_next"),
                 updated_at=bindparam("b_now")))


def _bump_all(ctx: Ctx, plans: Sequence[_Plan]) -> None:
    """Every item to its next version in one statement, if nobody changed it since it was
    read; otherwise StaleEdit naming the first one that moved."""
    rows = [{"b_id": p.item.id, "b_version": p.item.version,
             "b_status": p.change["status"].value, "b_percent": p.change["percent"],
             "b_completed": p.change["completed_on"], "b_next": p.item.version + 1,
             "b_now": ctx.now} for p in plans]
    done = ctx.conn.execute(_BUMP, rows).rowcount
    if done == len(rows):
        return
    now = dict(ctx.conn.execute(select(s.items.c.id, s.items.c.version)
                                .where(s.items.c.id.in_([p.item.id for p in plans]))).all())
    moved = next((p.item.id for p in plans if now.get(p.item.id) != p.item.version),
                 plans[0].item.id)
    raise StaleEdit(f"任务 {moved} 刚被他人修改，本次修改没有保存",
                    hint="请重新查看最新内容后再提交")


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


def latest_reports(ctx: Ctx) -> dict[tuple[int, str], Report]:
    """(item id, unit name) → that unit's latest report on the item, over the whole ledger:
    what an imported sheet's row is compared with (see exports.progress_import.plan_progress)."""
    latest = (select(func.max(s.reports.c.id))
              .group_by(s.reports.c.item_id, s.reports.c.unit_id).scalar_subquery())
    q = (select(s.reports, s.units.c.name.label("unit_name"))
         .join(s.units, s.units.c.id == s.reports.c.unit_id).where(s.reports.c.id.in_(latest)))
    return {(r.item_id, r.unit_name): items.report_from_row(r, r.unit_name)
            for r in ctx.conn.execute(q)}
