"""督办 notices: numbered per year, escalated step by step, answered by the unit, then closed."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from taizhang.errors import IllegalTransition, InputError, NotFound, PermissionDenied
from taizhang.config import LightThresholds
from taizhang.ledger.duban import check_needs_duban, default_reply_due, next_level, notice_number
from taizhang.ledger.model import DubanLevel, DubanNotice, DubanState
from taizhang.store import audit, items, schema as s, units
from taizhang.store.engine import Ctx


def _notice(r: Any) -> DubanNotice:
    return DubanNotice(id=r.id, number=r.number, year=r.year, serial=r.serial,
                       item_id=r.item_id, level=DubanLevel(r.level), state=DubanState(r.state),
                       reason=r.reason, reply_due=r.reply_due, issued_on=r.issued_on,
                       issued_by=r.issued_by, reply_text=r.reply_text, replied_by=r.replied_by,
                       replied_at=r.replied_at)


def _row(ctx: Ctx, ref: int | str) -> Any:
    text = str(ref).strip()
    q = select(s.duban)
    q = q.where(s.duban.c.id == int(text)) if text.isdigit() else q.where(
        s.duban.c.number == text.replace("[", "〔").replace("]", "〕"))
    row = ctx.conn.execute(q).first()
    if row is None:
        raise NotFound(f"没有督办通知“{ref}”", hint="可用编号或文号（如 督办〔2026〕7号）；"
                                                 "用 taizhang duban list 查看")
    return row


def get(ctx: Ctx, ref: int | str) -> DubanNotice:
    return _notice(_row(ctx, ref))


def list_notices(ctx: Ctx, *, item_id: int | None, state: DubanState | None,
                 year: int | None) -> list[DubanNotice]:
    q = select(s.duban)
    if item_id is not None:
        q = q.where(s.duban.c.item_id == item_id)
    if state is not None:
        q = q.where(s.duban.c.state == state.value)
    if year is not None:
        q = q.where(s.duban.c.year == year)
    return [_notice(r) for r in ctx.conn.execute(q.order_by(s.duban.c.year, s.duban.c.serial))]


def issue(ctx: Ctx, item_id: int, *, actor: str, today: dt.date, reason: str,
          level: DubanLevel, reply_due: dt.date | None,
          thresholds: LightThresholds | None = None, force: bool = False) -> DubanNotice:
    item = items.get_item(ctx, item_id, today=today, thresholds=thresholds)
    check_needs_duban(item, force=force)
    due = reply_due or default_reply_due(level, today)
    if due < today:
        raise InputError(f"回复时限 {due.isoformat()} 早于今天 {today.isoformat()}",
                         hint="请给出今天或以后的日期")
    year = today.year
    for _ in range(5):  # two offices numbering at once: the unique (year, serial) decides
        serial = (ctx.conn.execute(select(func.max(s.duban.c.serial))
                                   .where(s.duban.c.year == year)).scalar() or 0) + 1
        try:
            with ctx.conn.begin_nested():
                notice_id = ctx.conn.execute(insert(s.duban).values(
                    year=year, serial=serial, number=notice_number(year, serial),
                    item_id=item.id, level=level.value, state=DubanState.OPEN.value,
                    reason=reason, reply_due=due, issued_on=today, issued_by=actor,
                    reply_text="").returning(s.duban.c.id)).scalar_one()
            break
        except IntegrityError:
            continue
    else:
        raise IllegalTransition("督办文号冲突，请稍后重试")
    notice = get(ctx, notice_id)
    audit.record(ctx.conn, ctx.now, actor=actor, action="duban.issue", entity="duban",
                 entity_id=notice_id, item_id=item.id, document_id=item.document_id,
                 before=None, after={"number": notice.number, "level": level.value,
                                     "reason": reason, "reply_due": due})
    return notice


def escalate(ctx: Ctx, ref: int | str, *, actor: str, today: dt.date, reason: str,
             reply_due: dt.date | None) -> DubanNotice:
    old = get(ctx, ref)
    if old.state is DubanState.CLOSED:
        raise IllegalTransition(f"{old.number} 已办结，不能升级", hint="如仍需督办，请新发一份")
    level = next_level(old.level)
    due = reply_due or default_reply_due(level, today)
    ctx.conn.execute(update(s.duban).where(s.duban.c.id == old.id).values(
        level=level.value, reply_due=due, state=DubanState.OPEN.value,
        reason=reason or old.reason))
    new = get(ctx, old.id)
    audit.record(ctx.conn, ctx.now, actor=actor, action="duban.escalate", entity="duban",
                 entity_id=old.id, item_id=old.item_id,
                 before={"level": old.level.value, "reply_due": old.reply_due,
                         "state": old.state.value},
                 after={"level": level.value, "reply_due": due, "reason": reason})
    return new


def answer(ctx: Ctx, ref: int | str, *, unit: str, text: str, actor: str) -> DubanNotice:
    old = get(ctx, ref)
    if old.state is DubanState.CLOSED:
        raise IllegalTransition(f"{old.number} 已办结，不能再回复")
    if not text.strip():
        raise InputError("回复内容是空的", hint="请写明整改措施和进展")
    item = items.get_item(ctx, old.item_id)
    name = units.resolve(ctx, item.jurisdiction, unit).name
    if name not in item.units:
        raise PermissionDenied(f"“{name}”不是任务 {item.id} 的责任单位，不能回复 {old.number}",
                               hint=f"应由“{item.lead or '责任单位'}”回复")
    ctx.conn.execute(update(s.duban).where(s.duban.c.id == old.id).values(
        state=DubanState.ANSWERED.value, reply_text=text, replied_by=f"{name}（{actor}）",
        replied_at=ctx.now))
    audit.record(ctx.conn, ctx.now, actor=actor, action="duban.answer", entity="duban",
                 entity_id=old.id, item_id=old.item_id,
                 before={"state": old.state.value, "reply_text": old.reply_text},
                 after={"state": DubanState.ANSWERED.value, "reply_text": text, "unit": name})
    return get(ctx, old.id)


def close(ctx: Ctx, ref: int | str, *, actor: str) -> DubanNotice:
    old = get(ctx, ref)
    if old.state is DubanState.CLOSED:
        raise IllegalTransition(f"{old.number} 已经办结")
    ctx.conn.execute(update(s.duban).where(s.duban.c.id == old.id)
                     .values(state=DubanState.CLOSED.value))
    audit.record(ctx.conn, ctx.now, actor=actor, action="duban.close", entity="duban",
                 entity_id=old.id, item_id=old.item_id, before={"state": old.state.value},
                 after={"state": DubanState.CLOSED.value})
    return get(ctx, old.id)
