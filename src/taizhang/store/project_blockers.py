"""受阻问题 in the store: numbered per year, answered, solved, 销号, escalated when late.

The trail of a blocker is the project's (entity ``project``, its number in every line), so a
project's history reads as one story: raised, escalated, answered, solved, closed. Levels and
states follow the tables of :mod:`taizhang.projects.blockers`.
"""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from taizhang.errors import IllegalTransition, InputError, NotFound, StaleEdit
from taizhang.ledger.workflow import OFFICE, UNIT
from taizhang.projects.blockers import (
    Escalation,
    blocker_number,
    blocker_step,
    default_reply_due,
    due_escalations,
    escalate_once,
    may_escalate,
)
from taizhang.projects.model import (
    UNSOLVED,
    Blocker,
    BlockerLevel,
    BlockerReply,
    BlockerState,
    Project,
)
from taizhang.store import audit, schema as s, units
from taizhang.store.engine import Ctx
from taizhang.store.project_rows import get_project
from taizhang.store.project_schema import (
    project_blocker_replies as rp,
    project_blockers as pb,
    project_zones as z,
    projects as p,
)

MAX_TITLE = 500


def _select() -> Any:
    return (select(pb, s.units.c.name.label("unit_name"), p.c.name.label("project_name"))
            .join(s.units, s.units.c.id == pb.c.unit_id).join(p, p.c.id == pb.c.project_id))


def _load(ctx: Ctx, rows: list[Any]) -> list[Blocker]:
    ids = [r.id for r in rows]
    replies: dict[int, list[BlockerReply]] = {}
    if ids:
        q = (select(rp, s.units.c.name.label("unit_name"))
             .join(s.units, s.units.c.id == rp.c.unit_id)
             .where(rp.c.blocker_id.in_(ids)).order_by(rp.c.id))
        for r in ctx.conn.execute(q):
            replies.setdefault(r.blocker_id, []).append(
                BlockerReply(unit=r.unit_name, actor=r.actor, at=r.at, text=r.text))
    return [Blocker(id=r.id, number=r.number, year=r.year, serial=r.serial,
                    project_id=r.project_id, title=r.title, level=BlockerLevel(r.level),
                    state=BlockerState(r.state), unit=r.unit_name, reply_due=r.reply_due,
                    raised_on=r.raised_on, raised_by=r.raised_by, detail=r.detail,
                    solved_on=r.solved_on, solution=r.solution, closed_on=r.closed_on,
                    closed_by=r.closed_by, version=r.version, project_name=r.project_name,
                    replies=tuple(replies.get(r.id, ()))) for r in rows]


def get(ctx: Ctx, ref: int | str) -> Blocker:
    text = str(ref).strip()
    q = _select()
    q = q.where(pb.c.id == int(text)) if text.isdigit() else q.where(
        pb.c.number == text.replace("[", "〔").replace("]", "〕"))
    rows = ctx.conn.execute(q).all()
    if not rows:
        raise NotFound(f"没有受阻问题“{ref}”", hint="可用编号或文号（如 问题〔2026〕12号）；"
                                                 "用 taizhang projects blocker list 查看")
    return _load(ctx, rows)[0]


def list_blockers(ctx: Ctx, *, project_id: int | None = None,
                  states: frozenset[BlockerState] | None = None, year: int | None = None,
                  overdue_on: dt.date | None = None, zone_id: int | None = None,
                  unit_id: int | None = None) -> list[Blocker]:
    q = _select()
    if project_id is not None:
        q = q.where(pb.c.project_id == project_id)
    if states is not None:
        q = q.where(pb.c.state.in_([st.value for st in states]))
    if year is not None:
        q = q.where(pb.c.year == year)
    if overdue_on is not None:
        q = q.where(pb.c.state.in_([st.value for st in UNSOLVED]) & (pb.c.reply_due < overdue_on))
    if zone_id is not None:
        q = q.where(p.c.zone_id == zone_id)
    if unit_id is not None:
        q = q.where((pb.c.unit_id == unit_id) | (p.c.unit_id == unit_id))
    return _load(ctx, ctx.conn.execute(q.order_by(pb.c.year, pb.c.serial)).all())


def _by(ctx: Ctx, x: Project, b: Blocker | None, unit: str | None, what: str) -> tuple[str, int]:
    """(UNIT or OFFICE, the acting unit's id): a unit acts on a blocker of its own project or
    one it was asked to solve; anyone else is refused."""
    from taizhang.errors import PermissionDenied

    if unit is None:
        return OFFICE, x.unit_id or 0
    found = units.resolve(ctx, x.jurisdiction, unit)
    allowed = {x.unit} | ({b.unit} if b is not None else set())
    if found.name not in allowed:
        raise PermissionDenied(f"“{found.name}”不能{what}：它既不是项目“{x.name}”的责任单位，"
                               "也不是负责解决该问题的单位",
                               hint=f"可办理的单位：{'、'.join(sorted(allowed))}")
    return UNIT, found.id


def raise_blocker(ctx: Ctx, project_id: int, *, title: str, detail: str, unit: str | None,
                  by_unit: str | None, level: BlockerLevel, reply_due: dt.date | None,
                  actor: str, today: dt.date) -> Blocker:
    x = get_project(ctx, project_id)
    _by(ctx, x, None, by_unit, "为该项目提出受阻问题")
    title = " ".join(title.split())
    if not title:
        raise InputError("受阻问题的内容是空的", hint="请写明问题，如“用地指标尚未落实”")
    if len(title) > MAX_TITLE:
        raise InputError(f"受阻问题的标题有 {len(title)} 个字，超过 {MAX_TITLE} 字",
                         hint="标题请简要概括，详细情况写在说明里")
    if unit:
        asked = units.resolve(ctx, x.jurisdiction, unit)
        asked_id = asked.id
    elif level is BlockerLevel.ZONE:
        asked_id = ctx.conn.execute(select(z.c.unit_id).where(z.c.id == x.zone_id)).scalar()
        if asked_id is None:
            raise InputError(f"园区“{x.zone}”没有登记管理单位", hint="请用 --unit 指定负责解决的单位")
    else:
        raise InputError(f"{level.label}层级的问题须指定负责协调解决的单位",
                         hint="如 --unit 市自然资源局")
    due = reply_due or default_reply_due(level, today)
    if due < today:
        raise InputError(f"解决时限 {due.isoformat()} 早于今天 {today.isoformat()}",
                         hint="请给出今天或以后的日期")
    year = today.year
    for _ in range(5):  # two offices numbering at once: the unique (year, serial) decides
        serial = (ctx.conn.execute(select(func.max(pb.c.serial)).where(pb.c.year == year))
                  .scalar() or 0) + 1
        try:
            with ctx.conn.begin_nested():
                blocker_id = ctx.conn.execute(insert(pb).values(
                    year=year, serial=serial, number=blocker_number(year, serial),
                    project_id=x.id, title=title, detail=detail.strip(), level=level.value,
                    state=BlockerState.OPEN.value, unit_id=asked_id, reply_due=due,
                    raised_on=today, raised_by=actor, solution="", version=1)
                    .returning(pb.c.id)).scalar_one()
            break
        except IntegrityError:
            continue
    else:
        raise IllegalTransition("问题编号冲突，请稍后重试")
    b = get(ctx, blocker_id)
    audit.record(ctx.conn, ctx.now, actor=actor, action="project.blocker.raise",
                 entity="project", entity_id=x.id, item_id=x.task_id,
                 after={"number": b.number, "title": title, "level": level.value,
                        "unit": b.unit, "reply_due": due})
    return b


def _set(ctx: Ctx, b: Blocker, values: dict[str, Any]) -> None:
    done = ctx.conn.execute(update(pb).where((pb.c.id == b.id) & (pb.c.version == b.version))
                            .values(**values, version=b.version + 1)).rowcount
    if done != 1:
        raise StaleEdit(f"{b.number} 刚被他人处理，本次操作没有保存", hint="请刷新后再试")


def _trail(ctx: Ctx, b: Blocker, action: str, actor: str, before: dict[str, Any],
           after: dict[str, Any]) -> None:
    audit.record(ctx.conn, ctx.now, actor=actor, action=f"project.blocker.{action}",
                 entity="project", entity_id=b.project_id, before=before,
                 after={"number": b.number, **after})


def reply(ctx: Ctx, ref: int | str, *, unit: str | None, text: str, actor: str) -> Blocker:
    b = get(ctx, ref)
    x = get_project(ctx, b.project_id)
    by, unit_id = _by(ctx, x, b, unit, f"回复{b.number}")
    blocker_step(b.state, BlockerState.ANSWERED, by=by)
    if not text.strip():
        raise InputError("回复内容是空的", hint="请写明已采取的措施和进展")
    ctx.conn.execute(insert(rp).values(blocker_id=b.id, unit_id=unit_id, actor=actor,
                                       at=ctx.now, text=text.strip()))
    _set(ctx, b, {"state": BlockerState.ANSWERED.value})
    _trail(ctx, b, "reply", actor, {"state": b.state.value},
           {"state": BlockerState.ANSWERED.value, "text": text.strip()})
    return get(ctx, b.id)


def solve(ctx: Ctx, ref: int | str, *, unit: str | None, solution: str, actor: str,
          today: dt.date) -> Blocker:
    b = get(ctx, ref)
    x = get_project(ctx, b.project_id)
    by, _ = _by(ctx, x, b, unit, f"办结{b.number}")
    blocker_step(b.state, BlockerState.SOLVED, by=by)
    if not solution.strip():
        raise InputError("没有写明解决情况", hint="请说明问题是如何解决的，销号时要核对")
    _set(ctx, b, {"state": BlockerState.SOLVED.value, "solved_on": today,
                  "solution": solution.strip()})
    _trail(ctx, b, "solve", actor, {"state": b.state.value},
           {"state": BlockerState.SOLVED.value, "solution": solution.strip(), "on": today})
    return get(ctx, b.id)


def close(ctx: Ctx, ref: int | str, *, actor: str, today: dt.date, note: str = "") -> Blocker:
    """销号: the office confirms the solution; the blocker leaves every open list."""
    b = get(ctx, ref)
    blocker_step(b.state, BlockerState.CLOSED, by=OFFICE)
    _set(ctx, b, {"state": BlockerState.CLOSED.value, "closed_on": today, "closed_by": actor})
    _trail(ctx, b, "close", actor, {"state": b.state.value},
           {"state": BlockerState.CLOSED.value, "on": today, "note": note})
    return get(ctx, b.id)


def reopen(ctx: Ctx, ref: int | str, *, actor: str, reason: str, today: dt.date) -> Blocker:
    """退回: the office finds it not solved after all; a new reply deadline at its level."""
    b = get(ctx, ref)
    blocker_step(b.state, BlockerState.OPEN, by=OFFICE)
    due = default_reply_due(b.level, today)
    _set(ctx, b, {"state": BlockerState.OPEN.value, "solved_on": None, "reply_due": due})
    _trail(ctx, b, "reopen", actor, {"state": b.state.value, "solution": b.solution},
           {"state": BlockerState.OPEN.value, "reason": reason, "reply_due": due})
    return get(ctx, b.id)


def escalate(ctx: Ctx, ref: int | str, *, actor: str, today: dt.date, unit: str | None,
             reason: str, reply_due: dt.date | None) -> Blocker:
    """The office lifts a blocker one level by hand (before its deadline, if it must)."""
    b = get(ctx, ref)
    if not may_escalate(b.state):
        raise IllegalTransition(f"{b.number} 已“{b.state.label}”，无需升级")
    level = escalate_once(b.level)
    x = get_project(ctx, b.project_id)
    values: dict[str, Any] = {"level": level.value,
                              "reply_due": reply_due or default_reply_due(level, today)}
    if values["reply_due"] < today:
        raise InputError(f"解决时限 {values['reply_due'].isoformat()} 早于今天", hint="请给出今天或以后的日期")
    if unit:
        values["unit_id"] = units.resolve(ctx, x.jurisdiction, unit).id
    _set(ctx, b, values)
    _trail(ctx, b, "escalate", actor, {"level": b.level.value, "reply_due": b.reply_due,
                                       "unit": b.unit},
           {"level": level.value, "reply_due": values["reply_due"], "reason": reason,
            "unit": unit or b.unit, "on": today})
    return get(ctx, b.id)


def escalate_due(ctx: Ctx, *, actor: str, today: dt.date) -> list[tuple[Blocker, list[Escalation]]]:
    """Every unsolved blocker past its deadline climbs the rungs it has earned by ``today``."""
    out = []
    for b in list_blockers(ctx, overdue_on=today):
        steps = due_escalations(b.level, b.reply_due, today)
        if not steps:
            continue  # at the top already: it stays there, red
        _set(ctx, b, {"level": steps[-1].target.value, "reply_due": steps[-1].reply_due})
        due = b.reply_due
        for st in steps:  # one trail line per rung, each from the deadline it missed
            _trail(ctx, b, "escalate", actor, {"level": st.source.value, "reply_due": due},
                   {"level": st.target.value, "reply_due": st.reply_due, "on": st.on,
                    "reason": "逾期未解决，自动升级"})
            due = st.reply_due
        out.append((get(ctx, b.id), steps))
    return out
