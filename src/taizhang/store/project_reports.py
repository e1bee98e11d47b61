"""Monthly reports on projects: one per project and month, by its responsible unit only.

A report states what changed (最多报一次): text fields left out are carried over from the last
report, and of the month's investment and the running total either is enough. A month may be
reported again (a correction: the row is replaced, the trail keeps both); a month before the
last one reported may not, since every later running total rests on it. A batch (a fill-in
sheet) is applied in the caller's transaction: the first refusal rolls all of it back.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select, update

from taizhang.errors import InputError
from taizhang.projects.amounts import format_amount
from taizhang.projects.lights import month_start
from taizhang.projects.model import ProjectReport, ReportUpdate
from taizhang.store import audit, schema as s
from taizhang.store.engine import Ctx
from taizhang.store.project_rows import get_project
from taizhang.store.project_schema import project_reports as pr
from taizhang.store.project_write import acting_unit, bump, check_version, move_stage


def _report(r: Any) -> ProjectReport:
    return ProjectReport(id=r.id, project_id=r.project_id, month=r.month, unit=r.unit_name,
                         actor=r.actor, at=r.at, invest=r.invest, total=r.total, image=r.image,
                         text=r.text, problems=r.problems,
                         evidence=tuple(json.loads(r.evidence)))


def _select() -> Any:
    return (select(pr, s.units.c.name.label("unit_name"))
            .join(s.units, s.units.c.id == pr.c.unit_id))


def reports(ctx: Ctx, project_id: int) -> list[ProjectReport]:
    get_project(ctx, project_id)  # NotFound for an unknown project
    q = _select().where(pr.c.project_id == project_id).order_by(pr.c.month)
    return [_report(r) for r in ctx.conn.execute(q)]


def latest(ctx: Ctx, project_ids: Sequence[int]) -> dict[int, ProjectReport]:
    """Each project's latest report (what a form or a fill-in sheet is pre-filled with)."""
    if not project_ids:
        return {}
    from sqlalchemy import func

    last = (select(pr.c.project_id, func.max(pr.c.month).label("month"))
            .where(pr.c.project_id.in_(list(project_ids))).group_by(pr.c.project_id)
            .subquery())
    q = _select().join(last, (last.c.project_id == pr.c.project_id)
                       & (last.c.month == pr.c.month))
    return {r.project_id: _report(r) for r in ctx.conn.execute(q)}


def apply(ctx: Ctx, updates: Sequence[ReportUpdate], *, actor: str, today: dt.date,
          source: str | None = None) -> list[ProjectReport]:
    """Every update in order; the first refusal is raised. With ``source`` (a sheet) every
    row is tried and all refusals are raised together, by row, as one SheetError."""
    if not updates:
        raise InputError("没有要保存的月报", hint="请至少填写一个项目")
    if source is None:
        return [_apply_one(ctx, u, actor=actor, today=today) for u in updates]
    from taizhang.errors import TaizhangError
    from taizhang.projects.model import RowProblem
    from taizhang.projects.problems import refusal

    done, problems = [], []
    for u in updates:
        try:
            with ctx.conn.begin_nested():  # a refused row leaves no trace, even on PostgreSQL
                done.append(_apply_one(ctx, u, actor=actor, today=today))
        except TaizhangError as err:
            problems.append(RowProblem(u.row, None, str(err)))
    if problems:
        raise refusal(problems, source, partial_hint=False)
    return done


def _apply_one(ctx: Ctx, u: ReportUpdate, *, actor: str, today: dt.date) -> ProjectReport:
    x = get_project(ctx, u.project_id)
    check_version(x, u.expected_version)
    acting_unit(ctx, x, u.unit, "报送该项目的月报")
    month = month_start(u.month)
    label = f"{month.year}年{month.month}月"
    if month > month_start(today):
        raise InputError(f"不能报送{label}的月报：该月还没有到（今天是 {today.isoformat()}）",
                         hint="月报报送当月或以前月份的进展")
    if x.last_month is not None and month < x.last_month:
        raise InputError(f"项目“{x.name}”已报送至{x.last_month.year}年{x.last_month.month}月，"
                         f"不能再报{label}", hint="之后各月的累计数都以它为基础；如需更正，请联系督查室")
    rows = ctx.conn.execute(_select().where(pr.c.project_id == x.id)
                            .order_by(pr.c.month.desc()).limit(2)).all()
    same = next((r for r in rows if r.month == month), None)
    before = next((r for r in rows if r.month < month), None)
    # the running total before this month: a revised month starts from where it started
    base = same.total - same.invest if same is not None else x.completed
    invest, total = _amounts(u, base, label)
    prev = same or before
    values = {"project_id": x.id, "month": month, "unit_id": x.unit_id, "actor": actor,
              "at": ctx.now, "invest": invest, "total": total,
              "image": _keep(u.image, prev, "image"), "text": _keep(u.text, prev, "text"),
              "problems": _keep(u.problems, prev, "problems"),
              "evidence": json.dumps(list(u.evidence), ensure_ascii=False)}
    if same is not None:
        ctx.conn.execute(update(pr).where(pr.c.id == same.id).values(**values))
        report_id = same.id
    else:
        report_id = ctx.conn.execute(insert(pr).values(**values).returning(pr.c.id)).scalar_one()
    last = max(month, x.last_month) if x.last_month else month
    bump(ctx, x, {"completed": total, "last_month": last})
    audit.record(ctx.conn, ctx.now, actor=actor, action="project.report", entity="project",
                 entity_id=x.id, item_id=x.task_id,
                 before={"completed": x.completed, "last_month": x.last_month,
                         "version": x.version,
                         **({"revised": {"invest": same.invest, "total": same.total,
                                         "text": same.text}} if same is not None else {})},
                 after={"month": month.isoformat()[:7], "invest": invest, "total": total,
                        "image": values["image"], "text": values["text"],
                        "problems": values["problems"], "unit": x.unit,
                        "version": x.version + 1})
    if u.stage is not None and u.stage is not x.stage:
        move_stage(ctx, x.id, u.stage, on=u.stage_on, today=today, actor=actor, unit=u.unit,
                   expected_version=None, note=f"随{label}月报登记")
    row = ctx.conn.execute(_select().where(pr.c.id == report_id)).one()
    return _report(row)


def _keep(new: str | None, prev: Any, column: str) -> str:
    return new if new is not None else (getattr(prev, column) if prev is not None else "")


def _amounts(u: ReportUpdate, base: int, label: str) -> tuple[int, int]:
    """(本月, 累计) from what the unit gave: either is enough; both must agree."""
    if u.invest is None and u.total is None:
        return 0, base
    if u.total is None:
        assert u.invest is not None
        return u.invest, base + u.invest
    if u.total < base:
        raise InputError(f"{label}累计完成投资 {format_amount(u.total)} 少于此前的累计 "
                         f"{format_amount(base)}", hint="累计数只增不减；请核对后再报")
    if u.invest is not None and base + u.invest != u.total:
        raise InputError(
            f"{label}本月完成投资 {format_amount(u.invest)} 与累计完成投资 {format_amount(u.total)} "
            f"对不上（此前累计 {format_amount(base)}）", hint="只填其中一项即可，另一项自动算出")
    return u.total - base, u.total
