"""The lifecycle table: one stage forward at a time, back and skips refused with what to do."""
from __future__ import annotations

import datetime as dt

import pytest

from taizhang.errors import IllegalTransition, InputError
from taizhang.projects import lifecycle
from taizhang.projects.model import NO_DATES, STAGES, Project, Stage, StageDate

S = Stage


def project(stage: Stage, **actual: dt.date) -> Project:
    dates = tuple(StageDate(None, actual.get(s.value)) for s in STAGES)
    return Project(id=1, jurisdiction="沈阳市", name="测试项目", zone="经开区", unit="经开区管委会",
                   stage=stage, dates=dates)


@pytest.mark.parametrize(("source", "target", "name"), [
    pytest.param(S.PLANNING, S.NEGOTIATING, "洽谈", id="planning_to_talks"),
    pytest.param(S.NEGOTIATING, S.SIGNED, "签约", id="talks_to_signed"),
    pytest.param(S.SIGNED, S.REGISTERED, "注册", id="signed_to_registered"),
    pytest.param(S.REGISTERED, S.STARTED, "开工", id="registered_to_started"),
    pytest.param(S.STARTED, S.PRODUCING, "投产", id="started_to_producing"),
    pytest.param(S.PRODUCING, S.AT_CAPACITY, "达产", id="producing_to_capacity"),
])
def test_one_step_forward(source: Stage, target: Stage, name: str) -> None:
    assert lifecycle.step(source, target).name == name


@pytest.mark.parametrize(("source", "target", "words"), [
    pytest.param(S.STARTED, S.SIGNED, ["已处于“开工”", "不能退回“签约”"], id="back"),
    pytest.param(S.NEGOTIATING, S.STARTED, ["直接跳到“开工”", "签约、注册", "请先登记“签约”"],
                 id="skip_two"),
    pytest.param(S.SIGNED, S.SIGNED, ["已处于“签约”"], id="same"),
    pytest.param(S.AT_CAPACITY, S.PLANNING, ["不能退回"], id="final_back"),
])
def test_refused_with_the_way_forward(source: Stage, target: Stage, words: list[str]) -> None:
    with pytest.raises(IllegalTransition) as err:
        lifecycle.step(source, target)
    assert all(w in str(err.value) for w in words), str(err.value)


@pytest.mark.parametrize(("text", "stage"), [
    pytest.param("已签约", S.SIGNED, id="signed_word"),
    pytest.param("在建", S.STARTED, id="under_construction"),
    pytest.param("达产达效", S.AT_CAPACITY, id="capacity"),
    pytest.param(" 招商洽谈 ", S.NEGOTIATING, id="spaces"),
    pytest.param("producing", S.PRODUCING, id="code"),
])
def test_stage_words(text: str, stage: Stage) -> None:
    assert Stage.parse(text) is stage


def test_unknown_stage_word() -> None:
    with pytest.raises(ValueError):
        Stage.parse("竣工验收后整改")


def test_dates_must_follow_the_stage_left_and_not_be_in_the_future() -> None:
    p = project(S.SIGNED, signed=dt.date(2026, 3, 10))
    today = dt.date(2026, 4, 1)
    lifecycle.check_date(p, S.REGISTERED, dt.date(2026, 3, 10), today)
    with pytest.raises(InputError, match="早于“签约”的日期"):
        lifecycle.check_date(p, S.REGISTERED, dt.date(2026, 3, 9), today)
    with pytest.raises(InputError, match="晚于今天"):
        lifecycle.check_date(p, S.REGISTERED, dt.date(2026, 4, 2), today)


def test_reached_stage_and_order_of_dates() -> None:
    dates = list(NO_DATES)
    assert lifecycle.reached_stage(dates) is S.PLANNING
    dates[S.SIGNED.order] = StageDate(None, dt.date(2026, 3, 1))
    dates[S.STARTED.order] = StageDate(None, dt.date(2026, 2, 1))
    assert lifecycle.reached_stage(dates) is S.STARTED
    assert lifecycle.check_order(dates) == ["开工日期2026-02-01早于签约日期2026-03-01"]
    assert lifecycle.path(S.SIGNED, S.STARTED) == (S.REGISTERED, S.STARTED)
