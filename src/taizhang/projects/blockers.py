"""受阻问题: 分级解决、编号管理、全程督办 (seed 001 item 11), as tables.

Numbered per year like 督办 notices (``问题〔2026〕12号``, through
:func:`taizhang.ledger.duban.notice_number`), solved at a level that climbs the ladder

    园区 (15 天) → 区县 (10 天) → 市级 (7 天) → 市领导 (5 天)

one rung each time its reply deadline passes unsolved (:func:`taizhang.ledger.duban.step_up`),
and closed through the states

    待解决 ─回复─▶ 已回复 ─解决─▶ 已解决 ─销号─▶ 已销号
       └──────────解决──────────▲      └─退回─▶ 待解决 (督查室)
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from taizhang.errors import IllegalTransition
from taizhang.ledger.duban import notice_number, step_up
from taizhang.ledger.workflow import OFFICE, UNIT
from taizhang.projects.model import UNSOLVED, BlockerLevel, BlockerState

LADDER: tuple[BlockerLevel, ...] = tuple(BlockerLevel)
REPLY_DAYS: dict[BlockerLevel, int] = {BlockerLevel.ZONE: 15, BlockerLevel.COUNTY: 10,
                                       BlockerLevel.CITY: 7, BlockerLevel.LEADER: 5}
NUMBER_PREFIX = "问题"


def blocker_number(year: int, serial: int) -> str:
    """``blocker_number(2026, 12) == "问题〔2026〕12号"``."""
    return notice_number(year, serial, NUMBER_PREFIX)


def default_reply_due(level: BlockerLevel, today: dt.date) -> dt.date:
    """Higher levels answer faster: a city leader's desk gets five days, a zone's fifteen."""
    return today + dt.timedelta(days=REPLY_DAYS[level])


@dataclass(frozen=True, slots=True)
class Escalation:
    """One rung climbed: from ``source`` to ``target`` on ``on``, to be solved by ``reply_due``."""

    source: BlockerLevel
    target: BlockerLevel
    on: dt.date
    reply_due: dt.date


def due_escalations(level: BlockerLevel, reply_due: dt.date,
                    today: dt.date) -> list[Escalation]:
    """Every rung a still-unsolved blocker has climbed by ``today``.

    Each deadline that passed lifts it one level the next day, with the new level's time to
    answer; a blocker left alone for months climbs to the top and stays there, red.
    ``due_escalations(ZONE, 2026-03-15, 2026-04-10)`` → 园区→区县 on 03-16 (due 03-26),
    区县→市级 on 03-27 (due 04-03), 市级→市领导 on 04-04 (due 04-09).
    """
    steps: list[Escalation] = []
    while reply_due < today:
        higher = step_up(LADDER, level)
        if higher is None:
            break
        on = reply_due + dt.timedelta(days=1)
        due = default_reply_due(higher, on)
        steps.append(Escalation(level, higher, on, due))
        level, reply_due = higher, due
    return steps


def escalate_once(level: BlockerLevel) -> BlockerLevel:
    """The next level for a manual escalation; at the top, IllegalTransition."""
    higher = step_up(LADDER, level)
    if higher is None:
        raise IllegalTransition(f"问题已由“{level.label}”协调解决，已是最高层级，不能再升级",
                                hint="请继续跟踪，解决后销号")
    return higher


@dataclass(frozen=True, slots=True)
class BlockerStep:
    source: BlockerState
    target: BlockerState
    name: str
    by: frozenset[str]


def _s(source: BlockerState, target: BlockerState, name: str, *by: str) -> BlockerStep:
    return BlockerStep(source, target, name, frozenset(by))


B = BlockerState
STEPS: tuple[BlockerStep, ...] = (
    _s(B.OPEN, B.ANSWERED, "回复", UNIT, OFFICE),
    _s(B.ANSWERED, B.ANSWERED, "回复", UNIT, OFFICE),  # a follow-up reply
    _s(B.OPEN, B.SOLVED, "解决", UNIT, OFFICE),
    _s(B.ANSWERED, B.SOLVED, "解决", UNIT, OFFICE),
    _s(B.SOLVED, B.CLOSED, "销号", OFFICE),
    _s(B.SOLVED, B.OPEN, "退回", OFFICE),  # not solved after all: back on the list
)
_TABLE = {(s.source, s.target): s for s in STEPS}


def blocker_step(source: BlockerState, target: BlockerState, *, by: str) -> BlockerStep:
    """The row for ``source → target``; IllegalTransition naming what is possible."""
    row = _TABLE.get((source, target))
    if row is not None and by in row.by:
        return row
    who = "责任单位" if by == UNIT else "督查室"
    options = "、".join(f"{s.name}（→{s.target.label}）" for s in STEPS
                        if s.source is source and by in s.by) or "无（已是终态）"
    if row is not None:
        raise IllegalTransition(f"“{row.name}”只能由督查室办理", hint=f"{who}可办理：{options}")
    verb = {B.ANSWERED: "回复", B.SOLVED: "解决", B.CLOSED: "销号", B.OPEN: "退回"}[target]
    raise IllegalTransition(f"问题处于“{source.label}”状态，不能{verb}", hint=f"{who}可办理：{options}")


def may_escalate(state: BlockerState) -> bool:
    return state in UNSOLVED
