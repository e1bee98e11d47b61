"""Writing projects: add and import (checked row by row), stage moves, plans, links to tasks.

Every change bumps the project's version if nobody changed it since it was read (optimistic
locking, as for work items) and writes an audit line (entity ``project``). An import is planned
first — every row checked against the register, its problems collected — and written after;
:func:`plan_drafts` does not write.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, update

from taizhang.errors import InputError, PermissionDenied, StaleEdit
from taizhang.ledger.units import normalize
from taizhang.ledger.workflow import OFFICE, UNIT
from taizhang.projects import lifecycle
from taizhang.projects.model import (
    STAGES,
    Project,
    ProjectDraft,
    RowProblem,
    Stage,
    StageDate,
)
from taizhang.store import audit, items, units
from taizhang.store.engine import Ctx
from taizhang.store import project_zones as zones
from taizhang.store.project_rows import get_project
from taizhang.store.project_schema import done_column, plan_column, projects as p

# the descriptive fields a draft may change, with how the trail names them
FIELDS: tuple[str, ...] = ("investor", "industry", "leader", "contact", "content", "notes",
                           "total", "total_text", "annual", "annual_text", "annual_year",
                           "task_id")


def name_key(name: str) -> str:
    """Identity of a project's name in its jurisdiction: width and spacing do not count."""
    return normalize(name)


def check_version(x: Project, expected: int | None) -> None:
    if expected is not None and expected != x.version:
        raise StaleEdit(f"项目 {x.id}（{x.name}）已被他人修改（您依据的是第 {expected} 版，"
                        f"当前是第 {x.version} 版），本次修改没有保存",
                        hint="请重新查看最新内容后再提交")


def bump(ctx: Ctx, x: Project, values: dict[str, Any]) -> int:
    """Write ``values`` if the project is still at the version read; the new version."""
    done = ctx.conn.execute(update(p).where((p.c.id == x.id) & (p.c.version == x.version))
                            .values(**values, version=x.version + 1,
                                    updated_at=ctx.now)).rowcount
    if done != 1:
        raise StaleEdit(f"项目 {x.id}（{x.name}）刚被他人修改，本次修改没有保存",
                        hint="请重新查看最新内容后再提交")
    return x.version + 1


def acting_unit(ctx: Ctx, x: Project, unit: str | None, what: str) -> str:
    """``UNIT`` or ``OFFICE`` for an action on ``x``; a unit other than the project's own is
    refused (a unit works only on its own projects)."""
    if unit is None:
        return OFFICE
    name = units.resolve(ctx, x.jurisdiction, unit).name
    if name != x.unit:
        raise PermissionDenied(f"“{name}”不是项目“{x.name}”的责任单位，不能{what}",
                               hint=f"该项目的责任单位是“{x.unit}”")
    return UNIT


def date_values(dates: Sequence[StageDate]) -> dict[str, dt.date | None]:
    out: dict[str, dt.date | None] = {}
    for st, d in zip(STAGES, dates):
        out[plan_column(st.value)] = d.planned
        out[done_column(st.value)] = d.actual
    return out


def move_stage(ctx: Ctx, project_id: int, target: Stage, *, on: dt.date | None,
               today: dt.date, actor: str, unit: str | None, expected_version: int | None,
               note: str) -> Project:
    x = get_project(ctx, project_id)
    check_version(x, expected_version)
    by = acting_unit(ctx, x, unit, "登记阶段")
    step = lifecycle.step(x.stage, target, by=by)
    day = on or today
    lifecycle.check_date(x, target, day, today)
    bump(ctx, x, {"stage": target.value, done_column(target.value): day})
    audit.record(ctx.conn, ctx.now, actor=actor, action="project.stage", entity="project",
                 entity_id=x.id, before={"stage": x.stage.value, "version": x.version},
                 after={"stage": target.value, "date": day, "step": step.name, "note": note,
                        "version": x.version + 1})
    return get_project(ctx, project_id)


def set_plan(ctx: Ctx, project_id: int, stage: Stage, planned: dt.date | None, *, actor: str,
             unit: str | None, expected_version: int | None) -> Project:
    x = get_project(ctx, project_id)
    check_version(x, expected_version)
    acting_unit(ctx, x, unit, "修改进度安排")
    old = x.planned(stage)
    if old == planned:
        raise InputError(f"“{stage.label}”的计划日期已是 {planned}", hint="无需修改")
    bump(ctx, x, {plan_column(stage.value): planned})
    audit.record(ctx.conn, ctx.now, actor=actor, action="project.plan", entity="project",
                 entity_id=x.id, before={"stage": stage.value, "planned": old},
                 after={"stage": stage.value, "planned": planned, "version": x.version + 1})
    return get_project(ctx, project_id)


def link_task(ctx: Ctx, project_id: int, task_id: int | None, *, actor: str) -> Project:
    x = get_project(ctx, project_id)
    if task_id is not None:
        items.get_item(ctx, task_id)  # NotFound for an unknown task
    if x.task_id == task_id:
        raise InputError(f"项目 {x.id} 已关联任务 {task_id}" if task_id else f"项目 {x.id} 没有关联任务",
                         hint="无需修改")
    bump(ctx, x, {"task_id": task_id})
    audit.record(ctx.conn, ctx.now, actor=actor, action="project.link", entity="project",
                 entity_id=x.id, item_id=task_id, before={"task_id": x.task_id},
                 after={"task_id": task_id, "version": x.version + 1})
    return get_project(ctx, project_id)


# add and import -------------------------------------------------------------------------------

@dataclass
class ImportPlan:
    """What an import would do; ``problems`` lists every refused row."""

    new: list[tuple[ProjectDraft, dict[str, Any]]] = field(default_factory=list)
    changed: list[tuple[Project, ProjectDraft, dict[str, Any]]] = field(default_factory=list)
    unchanged: list[Project] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[RowProblem] = field(default_factory=list)  # written, but worth saying


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: tuple[int, ...]
    updated: tuple[int, ...]
    unchanged: int
    refused: tuple[RowProblem, ...]
    notes: tuple[RowProblem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        def rows(found: tuple[RowProblem, ...]) -> list[dict[str, Any]]:
            return [{"row": r.row, "column": r.column, "message": r.message} for r in found]

        return {"added": list(self.added), "updated": list(self.updated),
                "unchanged": self.unchanged, "refused": rows(self.refused),
                "notes": rows(self.notes)}


def _existing(ctx: Ctx) -> tuple[dict[tuple[str, str], Project], dict[int, Project]]:
    from taizhang.store.project_rows import base, from_row

    rows = [from_row(r) for r in ctx.conn.execute(base())]
    return {(x.jurisdiction, name_key(x.name)): x for x in rows}, {x.id: x for x in rows}


def plan_drafts(ctx: Ctx, drafts: Sequence[ProjectDraft], *, jurisdiction: str | None,
                today: dt.date) -> ImportPlan:
    """Check every draft against the register (zones, units, the lifecycle, versions)."""
    plan = ImportPlan()
    by_name, by_id = _existing(ctx)
    zone_table = zones.known(ctx)
    zone_units = {r.id: r.unit_id for r in zones.list_zones(ctx)}
    seen: dict[tuple[str, str], int | None] = {}
    resolved: dict[tuple[str, str], Any] = {}  # a sheet names the same few units again and again

    def unit_of(where: str, name: str) -> Any:
        key = (where, name)
        if key not in resolved:
            try:
                resolved[key] = units.resolve(ctx, where, name).id
            except Exception as err:  # NotFound or an ambiguous name, with its own hint
                resolved[key] = err
        return resolved[key]

    for d in drafts:
        where = jurisdiction or d.jurisdiction
        errors: list[RowProblem] = []

        def refuse(column: str | None, message: str, hint: str | None = None) -> None:
            errors.append(RowProblem(d.row, column, message + (f"；{hint}" if hint else "")))

        if not where:
            refuse(None, "不知道项目所属地区", "请用 --jurisdiction 指定（如 沈阳市）")
            plan.problems += errors
            continue
        key = (where, name_key(d.name))
        if key in seen:
            refuse("项目名称", f"项目“{d.name}”在表中重复（第{seen[key]}行已有）")
        seen[key] = d.row
        zone_id = zones.find(zone_table, where, d.zone)
        if zone_id is None:
            err = zones.unknown_zone(ctx, where, d.zone)
            refuse("所在园区", err.message, err.hint)
        unit_id = None
        if d.unit:
            found = unit_of(where, d.unit)
            if isinstance(found, Exception):
                refuse("责任单位", getattr(found, "message", str(found)),
                       getattr(found, "hint", None))
            else:
                unit_id = found
        elif zone_id is not None:
            unit_id = zone_units.get(zone_id)
        old = by_id.get(d.project_id) if d.project_id else by_name.get(key)
        dates = _merged(old.dates if old else None, d.dates)
        for text in lifecycle.check_order(dates):
            refuse("时间", text)
        for st, sd in zip(STAGES, dates):
            if sd.actual is not None and sd.actual > today and \
                    (old is None or old.actual(st) != sd.actual):
                refuse(f"{st.label}时间", f"{st.label}的实际日期 {sd.actual.isoformat()} 晚于今天",
                       "尚未发生的请填在计划时间列")
        stage = _stage(d, dates, old, refuse)
        if old is not None and d.version is not None and d.version != old.version:
            refuse("编号（勿改）", f"项目“{old.name}”在导出后已被修改（表中版本{d.version}，"
                               f"当前版本{old.version}）", "请重新导出后再填写")
        if errors or zone_id is None or unit_id is None or stage is None:
            plan.problems += errors
            continue
        values = {"zone_id": zone_id, "unit_id": unit_id, "stage": stage.value,
                  **date_values(dates)}
        for name in FIELDS:
            given = getattr(d, name)
            if given not in (None, ""):
                values[name] = given
        if old is None:
            plan.new.append((d, values | {"jurisdiction": where, "completed": d.completed or 0}))
            continue
        if d.completed is not None and d.completed != old.completed:
            from taizhang.projects.amounts import format_amount

            plan.notes.append(RowProblem(d.row, "累计完成投资", (
                f"项目“{old.name}”的累计完成投资以月报为准（表中{format_amount(d.completed)}，"
                f"台账{format_amount(old.completed)}），未按表更新")))
        changes = {k: v for k, v in values.items() if _current(old, k) != v}
        if changes:
            plan.changed.append((old, d, changes))
        else:
            plan.unchanged.append(old)
    return plan


def _merged(old: Sequence[StageDate] | None, new: Sequence[StageDate]) -> tuple[StageDate, ...]:
    """The sheet's dates over the register's: an empty cell keeps what is known."""
    if old is None:
        return tuple(new)
    return tuple(StageDate(n.planned or o.planned, n.actual or o.actual) for o, n in zip(old, new))


def _stage(d: ProjectDraft, dates: Sequence[StageDate], old: Project | None,
           refuse: Any) -> Stage | None:
    reached = lifecycle.reached_stage(dates)
    stage = d.stage or (max(reached, old.stage, key=lambda s: s.order) if old else reached)
    if stage.order < reached.order:
        refuse("项目阶段", f"表中阶段为“{stage.label}”，但已填了{reached.label}的实际日期")
        return None
    if old is None or stage is old.stage:
        return stage
    if stage.order < old.stage.order:
        refuse("项目阶段", f"项目已处于“{old.stage.label}”阶段，表中为“{stage.label}”，不能退回",
               "阶段只能逐级向前")
        return None
    skipped = [st.label for st in lifecycle.path(old.stage, stage) if dates[st.order].actual is None]
    if skipped:
        refuse("项目阶段", f"从“{old.stage.label}”到“{stage.label}”跳过了：{'、'.join(skipped)}"
                       "（表中没有这些阶段的实际日期）", "请补填各阶段的实际日期")
        return None
    return stage


# a stage's two date columns → (stage, planned?), looked up for every column of every row
_DATE_COLUMNS: dict[str, tuple[Stage, bool]] = {
    **{plan_column(st.value): (st, True) for st in STAGES},
    **{done_column(st.value): (st, False) for st in STAGES}}


def _current(x: Project, column: str) -> Any:
    if column == "zone_id":
        return x.zone_id
    if column == "unit_id":
        return x.unit_id
    if column == "stage":
        return x.stage.value
    found = _DATE_COLUMNS.get(column)
    if found is not None:
        d = x.dates[found[0].order]
        return d.planned if found[1] else d.actual
    return getattr(x, column)


def write_plan(ctx: Ctx, plan: ImportPlan, *, actor: str) -> ImportResult:
    """Write the planned rows (the refused ones are left out) in the caller's transaction.

    New projects go in as one multi-row INSERT … RETURNING and their trail lines as one
    batch: a 5,000-row sheet is a handful of statements, not ten thousand."""
    from taizhang.store import bulk

    rows = []
    for d, values in plan.new:
        rows.append({"name": d.name.strip(), "name_key": name_key(d.name), "investor": "",
                     "industry": "", "leader": "", "contact": "", "content": "", "notes": "",
                     "total": None, "total_text": "", "annual": None, "annual_text": "",
                     "annual_year": None, "task_id": None, "last_month": None, "version": 1,
                     "created_at": ctx.now, "created_by": actor, "updated_at": ctx.now,
                     **values})
    added: list[int] = []
    if rows:
        added = list(ctx.conn.execute(
            insert(p).returning(p.c.id, sort_by_parameter_order=True), rows).scalars())
        bulk.insert_many(ctx, audit_table(), [audit.row(
            ctx.now, actor=actor, action="project.create", entity="project", entity_id=pid,
            item_id=row["task_id"],
            after={k: v for k, v in row.items()
                   if v not in (None, "") and k not in ("created_at", "updated_at")})
            for pid, row in zip(added, rows)])
    updated = []
    for old, _d, changes in plan.changed:
        bump(ctx, old, changes)
        updated.append(old.id)
        audit.record(ctx.conn, ctx.now, actor=actor, action="project.update", entity="project",
                     entity_id=old.id,
                     before={k: _current(old, k) for k in changes} | {"version": old.version},
                     after=changes | {"version": old.version + 1})
    return ImportResult(tuple(added), tuple(updated), len(plan.unchanged), tuple(plan.problems),
                        tuple(plan.notes))


def audit_table() -> Any:
    from taizhang.store import schema

    return schema.audit
