"""The status workflow as a table: which change is allowed, and who may make it.

    待签收 ──签收──▶ 推进中 ──办结──▶ 已完成 ──销号──▶ 已销号
       │              │  ▲               │
       │            滞后 │ 恢复            └──退回──▶ 推进中
       └──暂缓──▶  暂缓 ◀─┘ (office)

A unit moves its own work forward (签收, 办结, 恢复); the supervising office (督查室) marks work
as lagging, suspends or resumes it, sends finished work back, and closes it (销号). A new rule is
one row here, not a new branch in code.
"""
from __future__ import annotations

from dataclasses import dataclass

from taizhang.errors import IllegalTransition
from taizhang.ledger.model import Status

UNIT = "unit"
OFFICE = "office"


@dataclass(frozen=True, slots=True)
class Transition:
    source: Status
    target: Status
    by: frozenset[str]  # UNIT, OFFICE
    name: str  # the Chinese name of the step, for the audit trail and messages


def _t(source: Status, target: Status, name: str, *by: str) -> Transition:
    return Transition(source, target, frozenset(by), name)


S = Status
TRANSITIONS: tuple[Transition, ...] = (
    _t(S.PENDING, S.IN_PROGRESS, "签收", UNIT, OFFICE),
    _t(S.PENDING, S.DONE, "办结", UNIT, OFFICE),  # finished before anyone asked: no forced 签收
    _t(S.PENDING, S.SUSPENDED, "暂缓", OFFICE),
    _t(S.IN_PROGRESS, S.DONE, "办结", UNIT, OFFICE),
    _t(S.IN_PROGRESS, S.LAGGING, "标记滞后", UNIT, OFFICE),
    _t(S.IN_PROGRESS, S.SUSPENDED, "暂缓", OFFICE),
    _t(S.LAGGING, S.IN_PROGRESS, "恢复推进", UNIT, OFFICE),
    _t(S.LAGGING, S.DONE, "办结", UNIT, OFFICE),
    _t(S.LAGGING, S.SUSPENDED, "暂缓", OFFICE),
    _t(S.SUSPENDED, S.IN_PROGRESS, "恢复推进", OFFICE),
    _t(S.SUSPENDED, S.PENDING, "重新交办", OFFICE),
    _t(S.DONE, S.CLOSED, "销号", OFFICE),
    _t(S.DONE, S.IN_PROGRESS, "退回", OFFICE),
)

_TABLE: dict[tuple[Status, Status], Transition] = {(t.source, t.target): t for t in TRANSITIONS}


def allowed_targets(source: Status, *, by: str = OFFICE) -> tuple[Status, ...]:
    """The statuses reachable from ``source`` for this actor kind, in table order."""
    return tuple(t.target for t in TRANSITIONS if t.source is source and by in t.by)


def transition(source: Status, target: Status, *, by: str = OFFICE) -> Transition:
    """The table row for ``source → target``; raises IllegalTransition with the allowed ones.

    >>> transition(Status.PENDING, Status.IN_PROGRESS, by=UNIT).name
    '签收'
    """
    row = _TABLE.get((source, target))
    if row is not None and by in row.by:
        return row
    options = "、".join(s.label for s in allowed_targets(source, by=by)) or "无（已是终态）"
    who = "责任单位" if by == UNIT else "督查室"
    if row is not None:
        raise IllegalTransition(
            f"{who}不能把状态从“{source.label}”改为“{target.label}”（“{row.name}”只能由"
            f"{'督查室' if OFFICE in row.by else '责任单位'}办理）",
            hint=f"{who}可改为：{options}")
    raise IllegalTransition(
        f"不允许把状态从“{source.label}”改为“{target.label}”",
        hint=f"从“{source.label}”可改为：{options}")


def is_allowed(source: Status, target: Status, *, by: str = OFFICE) -> bool:
    row = _TABLE.get((source, target))
    return row is not None and by in row.by


# a step's name → the status it leads to (each name leads to one status: 退回 and 恢复推进 both
# to 推进中); what `taizhang status 14 签收` means
STEP_TARGETS: dict[str, Status] = {}
for _row in TRANSITIONS:
    STEP_TARGETS.setdefault(_row.name, _row.target)


def target_status(word: str) -> Status:
    """A status by its label or code, or by the name of the step that leads to it.

    >>> target_status("签收") is Status.IN_PROGRESS and target_status("已完成") is Status.DONE
    True

    ValueError for anything else.
    """
    text = word.strip()
    if text in STEP_TARGETS:
        return STEP_TARGETS[text]
    return Status.parse(text)
