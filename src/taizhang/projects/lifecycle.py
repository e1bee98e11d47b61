"""The lifecycle as a table: which stage follows which, who may record it, and what it needs.

    策划储备 ─洽谈─▶ 洽谈 ─签约─▶ 签约 ─注册─▶ 注册 ─开工─▶ 开工 ─投产─▶ 投产 ─达产─▶ 达产

A project moves one stage at a time, forward only: moving back or skipping is refused with a
message that names the stages in between. Each step records the stage's actual date, which may
not be before the date of the stage the project is leaving, nor after the day it is recorded.
The responsible unit and the office (督查室) may both record a step; a new rule is a row here.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from taizhang.errors import IllegalTransition, InputError
from taizhang.ledger.workflow import OFFICE, UNIT
from taizhang.projects.model import STAGES, Project, Stage, StageDate


@dataclass(frozen=True, slots=True)
class StageStep:
    source: Stage
    target: Stage
    name: str  # the Chinese name of the step, for the trail: 签约, 开工 …
    by: frozenset[str]


STEPS: tuple[StageStep, ...] = tuple(
    StageStep(a, b, b.label, frozenset({UNIT, OFFICE})) for a, b in zip(STAGES, STAGES[1:]))
_TABLE = {(s.source, s.target): s for s in STEPS}


def stage_named(value: str, what: str = "阶段") -> Stage:
    """A stage as people write it (开工, 已开工, 在建, started); InputError with the closest
    words and the seven stages for anything else.

    >>> stage_named("在建") is Stage.STARTED
    True
    """
    try:
        return Stage.parse(value)
    except ValueError:
        from taizhang.ledger.names import closest
        from taizhang.projects.model import STAGE_WORDS

        words = [w for st in STAGES for w in STAGE_WORDS[st]] + [st.value for st in STAGES]
        near = list(dict.fromkeys(Stage.parse(w).label for w in closest(value, words)))
        guess = f"是不是：{'、'.join(near)}？" if near else ""
        raise InputError(f"{what}“{value}”无法识别",
                         hint=f"{guess}可用：" + "、".join(st.label for st in STAGES)) from None


def step(source: Stage, target: Stage, *, by: str = OFFICE) -> StageStep:
    """The row for ``source → target``; IllegalTransition saying why not and what is possible.

    >>> step(Stage.SIGNED, Stage.REGISTERED).name
    '注册'
    """
    row = _TABLE.get((source, target))
    if row is not None and by in row.by:
        return row
    if target is source:
        raise IllegalTransition(f"项目已处于“{source.label}”阶段", hint="无需重复登记")
    if target.order < source.order:
        raise IllegalTransition(
            f"项目已处于“{source.label}”阶段，不能退回“{target.label}”",
            hint="阶段只能逐级向前；如登记有误，请由督查室在留痕中说明后更正")
    if row is None:
        between = "、".join(s.label for s in STAGES[source.order + 1:target.order])
        nxt = STAGES[source.order + 1]
        raise IllegalTransition(
            f"不能从“{source.label}”直接跳到“{target.label}”，中间还有：{between}",
            hint=f"请先登记“{nxt.label}”（各阶段的实际日期都要登记）")
    raise IllegalTransition(f"“{row.name}”不能由{'责任单位' if by == UNIT else '督查室'}登记")


def path(source: Stage, target: Stage) -> tuple[Stage, ...]:
    """The stages passed on the way from ``source`` to ``target`` (target included)."""
    if target.order <= source.order:
        return ()
    return STAGES[source.order + 1:target.order + 1]


def check_date(project: Project, target: Stage, on: dt.date, today: dt.date) -> None:
    """An actual date for ``target``: not in the future, not before the current stage's."""
    if on > today:
        raise InputError(f"“{target.label}”的实际日期 {on.isoformat()} 晚于今天 {today.isoformat()}",
                         hint="实际日期只能登记已经发生的；计划日期请用 taizhang projects plan")
    since = project.actual(project.stage)
    if since is not None and on < since:
        raise InputError(
            f"“{target.label}”的日期 {on.isoformat()} 早于“{project.stage.label}”的日期 "
            f"{since.isoformat()}", hint="后一阶段不能早于前一阶段")


def advanced(dates: Sequence[StageDate], target: Stage, on: dt.date) -> tuple[StageDate, ...]:
    """The stage dates with ``target`` reached on ``on``."""
    out = list(dates)
    out[target.order] = StageDate(out[target.order].planned, on)
    return tuple(out)


def with_plan(dates: Sequence[StageDate], stage: Stage,
              planned: dt.date | None) -> tuple[StageDate, ...]:
    out = list(dates)
    out[stage.order] = StageDate(planned, out[stage.order].actual)
    return tuple(out)


def reached_stage(dates: Sequence[StageDate]) -> Stage:
    """The furthest stage with an actual date (策划储备 when none has one)."""
    reached = [s for s, d in zip(STAGES, dates) if d.actual is not None]
    return reached[-1] if reached else Stage.PLANNING


def check_order(dates: Sequence[StageDate]) -> list[str]:
    """Actual dates out of order (开工 before 签约), as Chinese sentences; empty when right."""
    problems = []
    last: tuple[Stage, dt.date] | None = None
    for stage, d in zip(STAGES, dates):
        if d.actual is None:
            continue
        if last is not None and d.actual < last[1]:
            problems.append(f"{stage.label}日期{d.actual.isoformat()}早于"
                            f"{last[0].label}日期{last[1].isoformat()}")
        last = (stage, d.actual)
    return problems
