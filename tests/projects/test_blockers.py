"""受阻问题: numbered per year, one rung up per deadline missed, states as a table."""
from __future__ import annotations

import datetime as dt

import pytest

from taizhang.errors import IllegalTransition
from taizhang.ledger.workflow import OFFICE, UNIT
from taizhang.projects.blockers import (
    blocker_number,
    blocker_step,
    default_reply_due,
    due_escalations,
    escalate_once,
)
from taizhang.projects.model import BlockerLevel as L, BlockerState as B

D = dt.date


def test_number_reuses_the_duban_format() -> None:
    assert blocker_number(2026, 12) == "问题〔2026〕12号"


@pytest.mark.parametrize(("level", "due", "today", "ladder"), [
    pytest.param(L.ZONE, D(2026, 3, 15), D(2026, 3, 15), [], id="due_today_not_late"),
    pytest.param(L.ZONE, D(2026, 3, 15), D(2026, 3, 16), [(L.COUNTY, D(2026, 3, 16), D(2026, 3, 26))],
                 id="one_day_late"),
    pytest.param(L.ZONE, D(2026, 3, 15), D(2026, 4, 10),
                 [(L.COUNTY, D(2026, 3, 16), D(2026, 3, 26)), (L.CITY, D(2026, 3, 27), D(2026, 4, 3)),
                  (L.LEADER, D(2026, 4, 4), D(2026, 4, 9))], id="climbs_to_the_top"),
    pytest.param(L.LEADER, D(2026, 3, 15), D(2026, 9, 1), [], id="top_stays"),
])
def test_escalation_ladder(level: L, due: dt.date, today: dt.date,
                           ladder: list[tuple[L, dt.date, dt.date]]) -> None:
    steps = due_escalations(level, due, today)
    assert [(s.target, s.on, s.reply_due) for s in steps] == ladder


def test_reply_days_shrink_up_the_ladder() -> None:
    days = [(default_reply_due(lv, D(2026, 1, 1)) - D(2026, 1, 1)).days for lv in L]
    assert days == sorted(days, reverse=True) and days[0] == 15


def test_manual_escalation_stops_at_the_top() -> None:
    assert escalate_once(L.CITY) is L.LEADER
    with pytest.raises(IllegalTransition, match="最高层级"):
        escalate_once(L.LEADER)


@pytest.mark.parametrize(("source", "target", "by", "name"), [
    pytest.param(B.OPEN, B.ANSWERED, UNIT, "回复", id="unit_replies"),
    pytest.param(B.ANSWERED, B.SOLVED, UNIT, "解决", id="unit_solves"),
    pytest.param(B.SOLVED, B.CLOSED, OFFICE, "销号", id="office_closes"),
    pytest.param(B.SOLVED, B.OPEN, OFFICE, "退回", id="office_sends_back"),
])
def test_allowed(source: B, target: B, by: str, name: str) -> None:
    assert blocker_step(source, target, by=by).name == name


@pytest.mark.parametrize(("source", "target", "by", "words"), [
    pytest.param(B.SOLVED, B.CLOSED, UNIT, "只能由督查室", id="unit_cannot_close"),
    pytest.param(B.OPEN, B.CLOSED, OFFICE, "不能销号", id="close_before_solved"),
    pytest.param(B.CLOSED, B.ANSWERED, UNIT, "已销号", id="closed_is_final"),
])
def test_refused(source: B, target: B, by: str, words: str) -> None:
    with pytest.raises(IllegalTransition) as err:
        blocker_step(source, target, by=by)
    assert words in str(err.value)
