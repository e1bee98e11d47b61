"""督办 rules: numbering per year, the escalation ladder and the default reply time.

The project register's blockers (问题〔2026〕12号, 园区 → 区县 → 市级 → 市领导) are numbered and
climbed with the same two functions, ``notice_number`` and ``step_up``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from taizhang.errors import IllegalTransition
from taizhang.ledger.model import FINISHED, DubanLevel, Light, WorkItem

LADDER: tuple[DubanLevel, ...] = (DubanLevel.REMINDER, DubanLevel.DUBAN, DubanLevel.LISTED)
REPLY_DAYS = {DubanLevel.REMINDER: 7, DubanLevel.DUBAN: 5, DubanLevel.LISTED: 3}


L = TypeVar("L")


def notice_number(year: int, serial: int, prefix: str = "督办") -> str:
    """``notice_number(2026, 7) == "督办〔2026〕7号"`` (六角括号, no leading zeros);
    ``notice_number(2026, 12, "问题") == "问题〔2026〕12号"``."""
    return f"{prefix}〔{year}〕{serial}号"


def step_up(ladder: Sequence[L], level: L) -> L | None:
    """The next rung of ``ladder`` above ``level``; None at the top."""
    i = list(ladder).index(level)
    return ladder[i + 1] if i + 1 < len(ladder) else None


def next_level(level: DubanLevel) -> DubanLevel:
    """提醒 → 督办 → 挂牌督办; past the top, IllegalTransition."""
    higher = step_up(LADDER, level)
    if higher is None:
        raise IllegalTransition(f"已是最高级别“{level.label}”，不能再升级",
                                hint="可继续跟踪回复，或办结后销号")
    return higher


def default_reply_due(level: DubanLevel, today: dt.date) -> dt.date:
    """Stronger levels get shorter reply times."""
    return today + dt.timedelta(days=REPLY_DAYS[level])


def check_needs_duban(item: WorkItem, *, force: bool = False) -> None:
    """督办 is for work that lags: finished work never gets one, and work on a green light (on
    track, nothing near its deadline) only when the office insists (``force``), giving its
    reason. ``item`` carries its light for the day of issue.

    IllegalTransition otherwise, saying why and what to do.
    """
    if item.status in FINISHED:
        raise IllegalTransition(f"任务 {item.id} 的状态是“{item.status.label}”，无需督办",
                                hint="督办用于滞后或超期的任务")
    if item.light is Light.GREEN and not force:
        raise IllegalTransition(f"任务 {item.id} 为绿灯（进度正常，未临近时限），一般无需督办",
                                hint="督办用于黄灯、红灯的任务；确需督办请加 --force 并用 --reason 写明事由")
