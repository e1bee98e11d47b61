"""Reading projects: rows → :class:`~taizhang.projects.model.Project`, with lights for a day.

A listing is three statements whatever its size: the projects (with zone and unit names
joined), the year's investment summed per project, and the unsolved blockers. Lights are then
computed in Python (:mod:`taizhang.projects.lights`), never stored.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, or_, select

from taizhang.errors import NotFound
from taizhang.ledger.model import Light
from taizhang.projects.lights import ProjectThresholds, with_light
from taizhang.projects.model import STAGES, UNSOLVED, Project, Stage, StageDate, ZoneLevel
from taizhang.store import schema as s
from taizhang.store.engine import Ctx
from taizhang.store.project_schema import (
    done_column,
    plan_column,
    project_blockers as pb,
    project_reports as pr,
    project_zones as z,
    projects as p,
)

_SKIP = ("name_key", "created_at", "created_by", "updated_at")
_COLUMNS = [*(c for c in p.c if c.name not in _SKIP), z.c.name.label("zone_name"),
            z.c.level.label("zone_level"), s.units.c.name.label("unit_name")]
_STAGE_KEYS = [(plan_column(st.value), done_column(st.value)) for st in STAGES]
_STAGE_OF = {st.value: st for st in STAGES}
_UNSOLVED = [st.value for st in UNSOLVED]


def base() -> Select[Any]:
    return (select(*_COLUMNS).join(z, z.c.id == p.c.zone_id)
            .join(s.units, s.units.c.id == p.c.unit_id))


def from_row(r: Any) -> Project:
    m = r._mapping
    dates = tuple(StageDate(m[a], m[b]) for a, b in _STAGE_KEYS)
    return Project(
        id=r.id, jurisdiction=r.jurisdiction, name=r.name, zone=r.zone_name, unit=r.unit_name,
        stage=_STAGE_OF[r.stage], dates=dates, investor=r.investor, industry=r.industry,
        leader=r.leader, contact=r.contact, content=r.content, notes=r.notes, total=r.total,
        total_text=r.total_text, annual=r.annual, annual_text=r.annual_text,
        annual_year=r.annual_year, completed=r.completed, last_month=r.last_month,
        task_id=r.task_id, version=r.version, zone_id=r.zone_id, unit_id=r.unit_id,
        zone_level=ZoneLevel(r.zone_level))


def not_found(project_id: int | str) -> NotFound:
    return NotFound(f"没有编号为 {project_id} 的项目", hint="用 taizhang projects list 查看项目编号")


def filtered(q: Select[Any], *, jurisdiction: str | None = None, zone_id: int | None = None,
             unit_id: int | None = None, stages: Iterable[Stage] | None = None,
             industry: str | None = None, query: str | None = None,
             task_id: int | None = None, ids: Sequence[int] | None = None) -> Select[Any]:
    conds = []
    if jurisdiction:
        conds.append(p.c.jurisdiction == jurisdiction)
    if zone_id is not None:
        conds.append(p.c.zone_id == zone_id)
    if unit_id is not None:
        conds.append(p.c.unit_id == unit_id)
    if stages is not None:
        conds.append(p.c.stage.in_([st.value for st in stages]))
    if industry:
        conds.append(p.c.industry == industry)
    if query:
        like = f"%{query.strip()}%"
        conds.append(or_(p.c.name.like(like), p.c.investor.like(like), p.c.content.like(like)))
    if task_id is not None:
        conds.append(p.c.task_id == task_id)
    if ids is not None:
        conds.append(p.c.id.in_(list(ids)))
    return q.where(and_(*conds)) if conds else q


def year_done(ctx: Ctx, year: int, ids: Sequence[int] | None) -> dict[int, int]:
    """Investment completed in ``year`` per project (sum of its monthly reports)."""
    q = (select(pr.c.project_id, func.sum(pr.c.invest))
         .where((pr.c.month >= dt.date(year, 1, 1)) & (pr.c.month < dt.date(year + 1, 1, 1)))
         .group_by(pr.c.project_id))
    if ids is not None:
        q = q.where(pr.c.project_id.in_(list(ids)))
    return {pid: int(total or 0) for pid, total in ctx.conn.execute(q)}


def open_blockers(ctx: Ctx, ids: Sequence[int] | None) -> dict[int, list[Any]]:
    """Unsolved blockers per project: (number, reply_due, raised_on), oldest first."""
    q = (select(pb.c.project_id, pb.c.number, pb.c.reply_due, pb.c.raised_on)
         .where(pb.c.state.in_(_UNSOLVED)).order_by(pb.c.reply_due, pb.c.id))
    if ids is not None:
        q = q.where(pb.c.project_id.in_(list(ids)))
    out: dict[int, list[Any]] = {}
    for r in ctx.conn.execute(q):
        out.setdefault(r.project_id, []).append(r)
    return out


def lit(ctx: Ctx, projects: list[Project], *, today: dt.date, year: int | None,
        th: ProjectThresholds, light: Light | None = None) -> list[Project]:
    """The projects with the year's investment, blocker counts and lights for ``today``."""
    if not projects:
        return []
    ids = [x.id for x in projects] if len(projects) < 500 else None
    done = year_done(ctx, year or today.year, ids)
    blocked = open_blockers(ctx, ids)
    out = []
    for x in projects:
        open_ = blocked.get(x.id, ())
        late = [b for b in open_ if b.reply_due < today]
        first = (late[0].number, (today - late[0].reply_due).days) if late else None
        x = replace(x, year_done=done.get(x.id, 0), open_blockers=len(open_),
                    overdue_blockers=len(late))
        x = with_light(x, today, th, first_overdue=first)
        if light is None or x.light is light:
            out.append(x)
    return out


def list_projects(ctx: Ctx, *, today: dt.date | None, th: ProjectThresholds,
                  year: int | None = None, light: Light | None = None,
                  limit: int | None = None, offset: int | None = None,
                  **filters: Any) -> list[Project]:
    q = filtered(base(), **filters).order_by(p.c.id)
    if light is None and limit is not None:
        q = q.limit(limit).offset(offset or 0)
    found = [from_row(r) for r in ctx.conn.execute(q)]
    if today is None:
        return found
    out = lit(ctx, found, today=today, year=year, th=th, light=light)
    if light is not None and limit is not None:
        out = out[offset or 0:(offset or 0) + limit]
    return out


def count_projects(ctx: Ctx, **filters: Any) -> int:
    q = filtered(select(func.count()).select_from(p), **filters)
    return int(ctx.conn.execute(q).scalar() or 0)


_ONE = base().where(p.c.id == bindparam("one_id"))


def get_project(ctx: Ctx, project_id: int, *, today: dt.date | None = None,
                th: ProjectThresholds | None = None) -> Project:
    row = ctx.conn.execute(_ONE, {"one_id": project_id}).first()
    if row is None:
        raise not_found(project_id)
    found = from_row(row)
    if today is None:
        return found
    return lit(ctx, [found], today=today, year=None, th=th or ProjectThresholds())[0]


def changes_since(ctx: Ctx, after: int) -> tuple[int, set[str], set[int]]:
    """What the trail says happened after entry ``after``: the newest id, the actions, and
    the projects they touched (a cached listing reloads just those)."""
    q = (select(s.audit.c.id, s.audit.c.action, s.audit.c.entity, s.audit.c.entity_id)
         .where(s.audit.c.id > after))
    newest, actions, touched = after, set(), set()
    for entry_id, action, entity, entity_id in ctx.conn.execute(q):
        newest = max(newest, entry_id)
        actions.add(action)
        if entity == "project" and entity_id is not None:
            touched.add(entity_id)
    return newest, actions, touched
