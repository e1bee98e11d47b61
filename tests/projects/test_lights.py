"""亮灯 for projects: red behind plan or a late blocker, yellow for what needs a look."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from taizhang.ledger.model import Light
from taizhang.projects.lights import ProjectThresholds, assess
from taizhang.projects.model import STAGES, Project, Stage, StageDate

D = dt.date
TH = ProjectThresholds()


def make(stage: Stage, *, planned: dict[Stage, dt.date] | None = None,
         actual: dict[Stage, dt.date] | None = None, **kw: object) -> Project:
    planned, actual = planned or {}, actual or {}
    dates = tuple(StageDate(planned.get(s), actual.get(s)) for s in STAGES)
    base = Project(id=1, jurisdiction="沈阳市", name="p", zone="z", unit="u", stage=stage,
                   dates=dates, last_month=D(2026, 3, 1), year_done=0)
    return replace(base, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(("p", "light", "words"), [
    pytest.param(make(Stage.SIGNED, planned={Stage.STARTED: D(2026, 3, 31)},
                      actual={Stage.SIGNED: D(2026, 1, 5)}),
                 Light.RED, "计划2026-03-31开工，已逾期20天", id="planned_stage_passed"),
    pytest.param(make(Stage.STARTED, actual={Stage.STARTED: D(2026, 1, 5)}, open_blockers=1,
                      overdue_blockers=1), Light.RED, "受阻问题逾期未解决1个", id="late_blocker"),
    pytest.param(make(Stage.SIGNED, planned={Stage.REGISTERED: D(2026, 4, 30)},
                      actual={Stage.SIGNED: D(2026, 1, 5)}),
                 Light.YELLOW, "距计划注册还有10天", id="planned_soon"),
    pytest.param(make(Stage.NEGOTIATING, actual={Stage.NEGOTIATING: D(2025, 6, 1)}),
                 Light.YELLOW, "已停留323天", id="stalled"),
    pytest.param(make(Stage.STARTED, actual={Stage.STARTED: D(2026, 1, 5)}, annual=10**9,
                      annual_year=2026, year_done=10**7),
                 Light.YELLOW, "落后序时进度", id="investment_behind"),
    pytest.param(make(Stage.STARTED, actual={Stage.STARTED: D(2026, 1, 5)}, last_month=D(2026, 2, 1)),
                 Light.YELLOW, "缺2026年3月月报", id="report_missing"),
    pytest.param(make(Stage.STARTED, actual={Stage.STARTED: D(2026, 1, 5)}, open_blockers=2),
                 Light.YELLOW, "有2个受阻问题待解决", id="open_blocker"),
    pytest.param(make(Stage.STARTED, actual={Stage.STARTED: D(2026, 1, 5)}), Light.GREEN, None,
                 id="on_track"),
    pytest.param(make(Stage.AT_CAPACITY, actual={Stage.AT_CAPACITY: D(2025, 1, 5)}),
                 Light.GREEN, "已达产", id="at_capacity"),
])
def test_lights(p: Project, light: Light, words: str | None) -> None:
    value, reasons = assess(p, D(2026, 4, 20), TH)
    assert value is light, reasons
    if words:
        assert any(words in r for r in reasons), reasons


def test_no_report_owed_for_the_month_a_project_signed() -> None:
    p = make(Stage.SIGNED, actual={Stage.SIGNED: D(2026, 4, 2)}, last_month=None)
    assert assess(p, D(2026, 4, 20), TH)[0] is Light.GREEN
