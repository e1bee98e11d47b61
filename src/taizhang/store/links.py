"""Stored report-once links: confirm, list, remove, and report once for every linked item.

A link says: items A and B are the same work for one unit, confirmed by a person. Reporting
on A through :func:`report_once` records the same report on every item linked to A for that
unit (transitively), in one transaction, through the store's own progress code — so the
workflow, permissions and audit trail are the ordinary ones — plus a ``link.report`` audit
line on each linked item saying where the report came from.

The table comes with its own migration (``0002_links``, down_revision ``0001``); opening a
Ledger migrates to it like any other revision. :func:`ensure_table` is a cheap guard for a
ledger opened with ``migrate=False``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Column, DateTime, Float, Integer, MetaData, String, Table, Text, \
    exists, insert, inspect, or_, select, update

from taizhang.errors import InputError, NotFound
from taizhang.ledger.lights import assess
from taizhang.ledger.model import ProgressUpdate, Report, Status, WorkItem
from taizhang.store import audit, engine, items, progress, units
from taizhang.store import schema as s

REVISION = "0002_links"
_meta = MetaData()
task_links = Table(
    "task_links", _meta,
    Column("id", Integer, primary_key=True),
    Column("item_a", Integer, nullable=False),
    Column("item_b", Integer, nullable=False),
    Column("unit_id", Integer, nullable=False),
    Column("score", Float),
    Column("state", String(16), nullable=False),
    Column("note", Text, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("removed_by", String(200)),
    Column("removed_at", DateTime),
)


@dataclass(frozen=True, slots=True)
class TaskLink:
    id: int
    item_a: int
    item_b: int
    unit: str
    score: float | None
    state: str  # confirmed | removed
    created_by: str
    created_at: dt.datetime
    note: str = ""

    def other(self, item_id: int) -> int:
        return self.item_b if item_id == self.item_a else self.item_a

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "item_a": self.item_a, "item_b": self.item_b, "unit": self.unit,
                "score": self.score, "state": self.state, "created_by": self.created_by,
                "created_at": self.created_at.isoformat(), "note": self.note}


def ensure_table(ledger: Any) -> None:
    """Bring a ledger migrated only to 0001 up to the links revision (idempotent)."""
    if "task_links" in inspect(ledger.engine).get_table_names():
        return
    engine._upgrade(ledger.engine)  # the store's Alembic runner; upgrades to the newest head


def _ready(ledger: Any) -> None:
    """ensure_table once per Ledger object: asking the catalogue on every report cost more
    than the report itself on PostgreSQL."""
    if not getattr(ledger, "_links_ready", False):
        ensure_table(ledger)
        ledger._links_ready = True


def _ctx(ledger: Any, conn: Any) -> engine.Ctx:
    return engine.Ctx(conn, ledger.clock(), ledger.dialect)


def _link(ctx: engine.Ctx, row: Any) -> TaskLink:
    return TaskLink(row.id, row.item_a, row.item_b, units.get_unit(ctx, row.unit_id).name,
                    row.score, row.state, row.created_by, row.created_at, row.note)


def _shared_unit(a: WorkItem, b: WorkItem, unit: str | None, ctx: engine.Ctx) -> str:
    if a.jurisdiction != b.jurisdiction:
        raise InputError(f"任务 {a.id}（{a.jurisdiction}）和任务 {b.id}（{b.jurisdiction}）不在同一地方",
                         hint="只有同一地方、同一单位承担的同一项工作才能关联")
    if unit is not None:
        name = units.resolve(ctx, a.jurisdiction, unit).name
        missing = [i.id for i in (a, b) if name not in i.units]
        if missing:
            raise InputError(f"“{name}”不是任务 {'、'.join(map(str, missing))} 的责任单位",
                             hint="关联的单位须同时承担两项任务")
        return name
    both_lead = [u for u in (a.lead,) if u and u == b.lead]
    if both_lead:
        return both_lead[0]
    shared = [u for u in a.units if u in b.units]
    if len(shared) == 1:
        return shared[0]
    raise InputError(
        f"任务 {a.id} 和 {b.id} " + ("没有共同的责任单位" if not shared else
                                   f"有多个共同单位（{'、'.join(shared)}）"),
        hint="请用 --unit 指明由哪个单位只报一次" if shared else "只有同一单位的同一项工作才能关联")


def confirm(ledger: Any, a: int, b: int, *, actor: str, unit: str | None = None,
            score: float | None = None, note: str = "") -> TaskLink:
    """A person confirms that items a and b are one piece of work for ``unit``; audited."""
    if a == b:
        raise InputError(f"不能把任务 {a} 和自己关联", hint="请给出两个不同的任务编号")
    _ready(ledger)
    lo, hi = sorted((a, b))
    with ledger.engine.begin() as conn:
        ctx = _ctx(ledger, conn)
        ia, ib = items.get_item(ctx, lo), items.get_item(ctx, hi)
        name = _shared_unit(ia, ib, unit, ctx)
        unit_id = units.resolve(ctx, ia.jurisdiction, name).id
        old = conn.execute(select(task_links).where(
            (task_links.c.item_a == lo) & (task_links.c.item_b == hi)
            & (task_links.c.unit_id == unit_id))).first()
        if old is not None and old.state == "confirmed":
            return _link(ctx, old)
        values = {"score": score, "state": "confirmed", "note": note, "created_by": actor,
                  "created_at": ctx.now, "removed_by": None, "removed_at": None}
        if old is None:
            link_id = conn.execute(insert(task_links).values(
                item_a=lo, item_b=hi, unit_id=unit_id, **values)
                .returning(task_links.c.id)).scalar_one()
        else:
            link_id = old.id
            conn.execute(update(task_links).where(task_links.c.id == link_id).values(**values))
        for item in (ia, ib):
            audit.record(conn, ctx.now, actor=actor, action="link.confirm", entity="link",
                         entity_id=link_id, item_id=item.id, document_id=item.document_id,
                         after={"items": [lo, hi], "unit": name, "score": score, "note": note})
        return _link(ctx, conn.execute(select(task_links).where(task_links.c.id == link_id)).one())


def remove(ledger: Any, a: int, b: int, *, actor: str) -> list[TaskLink]:
    """Undo a confirmation (the row stays, marked removed, for the trail)."""
    _ready(ledger)
    lo, hi = sorted((a, b))
    with ledger.engine.begin() as conn:
        ctx = _ctx(ledger, conn)
        rows = conn.execute(select(task_links).where(
            (task_links.c.item_a == lo) & (task_links.c.item_b == hi)
            & (task_links.c.state == "confirmed"))).all()
        if not rows:
            raise NotFound(f"任务 {a} 和 {b} 之间没有已确认的关联", hint="用 taizhang links list 查看")
        conn.execute(update(task_links).where(task_links.c.id.in_([r.id for r in rows]))
                     .values(state="removed", removed_by=actor, removed_at=ctx.now))
        for r in rows:
            for item_id in (lo, hi):
                audit.record(conn, ctx.now, actor=actor, action="link.remove", entity="link",
                             entity_id=r.id, item_id=item_id, before={"items": [lo, hi]})
        return [_link(ctx, conn.execute(select(task_links).where(task_links.c.id == r.id)).one())
                for r in rows]


def list_links(ledger: Any, *, item_id: int | None = None,
               include_removed: bool = False) -> list[TaskLink]:
    _ready(ledger)
    with ledger.engine.connect() as conn:
        q = select(task_links)
        if item_id is not None:
            q = q.where(or_(task_links.c.item_a == item_id, task_links.c.item_b == item_id))
        if not include_removed:
            q = q.where(task_links.c.state == "confirmed")
        ctx = _ctx(ledger, conn)
        return [_link(ctx, r) for r in conn.execute(q.order_by(task_links.c.id))]


def _group(conn: Any, item_id: int, unit_id: int) -> list[int]:
    """Every item reachable from ``item_id`` through confirmed links of this unit."""
    seen, todo = {item_id}, [item_id]
    while todo:
        cur = todo.pop()
        for r in conn.execute(select(task_links.c.item_a, task_links.c.item_b).where(
                (task_links.c.state == "confirmed") & (task_links.c.unit_id == unit_id)
                & or_(task_links.c.item_a == cur, task_links.c.item_b == cur))):
            for nxt in (r.item_a, r.item_b):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
    return sorted(seen - {item_id})


@dataclass(frozen=True, slots=True)
class LinkedReport:
    """A report as recorded: on the item first, then on the items linked to it, and the item
    as it now is (with its light for the day of the report)."""

    reports: list[Report]
    item: WorkItem

    @property
    def linked(self) -> list[Report]:
        return self.reports[1:]


def report(ledger: Any, item_id: int, *, unit: str | Callable[[WorkItem], str], actor: str,
           today: dt.date, status: Status | None = None, percent: int | None = None,
           text: str | None = None, problems: str | None = None,
           next_steps: str | None = None, evidence: Iterable[str] = (),
           occurrence: dt.date | None = None,
           expected_version: int | None = None) -> LinkedReport:
    """One report by ``unit`` on ``item_id``, recorded on each item linked to it for that unit.

    All or nothing, in one transaction. On a linked item where the unit only supports, the
    status is left to that item's lead (a supporting unit may not move it) but the text and
    percent are recorded. A report for a dated ``occurrence`` of a recurring item stays on
    that item: occurrences are each item's own calendar.

    ``unit`` may be a function of the item as read in the transaction (the web's permission
    check, which may raise): the item is then read once, not once to check and again to
    write.
    """
    _ready(ledger)
    with ledger.engine.begin() as conn:
        ctx = _ctx(ledger, conn)
        # the item, its units, their last reports and whether it has links: two statements
        loaded = progress.load_one(ctx, item_id, _ONE_ITEM_LINKED)
        main = loaded.items[item_id]
        name = unit(main) if callable(unit) else unit
        ev = tuple(evidence)
        updates = [ProgressUpdate(item_id=item_id, unit=name, expected_version=expected_version,
                                  status=status, percent=percent, text=text, problems=problems,
                                  next_steps=next_steps, evidence=ev, occurrence=occurrence)]
        who = None
        if occurrence is None and loaded.rows[item_id].linked:  # most items have none
            who = units.resolve(ctx, main.jurisdiction, name)
            others = _group(conn, item_id, who.id)
            leads = {i.id: i.lead for i in items.load_ids(ctx, others)}
            updates += [ProgressUpdate(item_id=other, unit=who.name,
                                       status=status if leads.get(other) == who.name else None,
                                       percent=percent, text=text, problems=problems,
                                       next_steps=next_steps, evidence=ev) for other in others]
        done = progress.apply_all(ctx, updates, actor=actor, today=today, loaded=loaded)
        for rep in done.reports[1:]:
            audit.record(conn, ctx.now, actor=actor, action="link.report", entity="item",
                         entity_id=rep.item_id, item_id=rep.item_id,
                         after={"from_item": item_id, "report_id": rep.id,
                                "unit": who.name if who else name})
        item = done.items[0]
        value, reasons = assess(item, today, ledger.thresholds,
                                done.occurrence_reports.get(item_id, ()))
        return LinkedReport(done.reports, replace(item, light=value, light_reasons=reasons))


def report_once(ledger: Any, item_id: int, *, unit: str, actor: str, today: dt.date,
                status: Status | None = None, percent: int | None = None,
                text: str | None = None, problems: str | None = None,
                next_steps: str | None = None, evidence: Iterable[str] = (),
                expected_version: int | None = None) -> list[Report]:
    """One report by ``unit`` on ``item_id``, recorded on each item linked to it for that unit
    (see :func:`report`). Returns the reports, the one on ``item_id`` first."""
    return report(ledger, item_id, unit=unit, actor=actor, today=today, status=status,
                  percent=percent, text=text, problems=problems, next_steps=next_steps,
                  evidence=evidence, expected_version=expected_version).reports


# the item a report is on, with whether any confirmed link names it: built once (a column
# of the item's own statement, where a query of its own cost a round trip per report)
_ONE_ITEM_LINKED = items.one_item_q(exists().where(
    (task_links.c.state == "confirmed")
    & or_(task_links.c.item_a == s.items.c.id, task_links.c.item_b == s.items.c.id))
    .label("linked"))
