"""排座次: the figures of a zone computed from its projects, the plan's targets, the weights."""
from __future__ import annotations

import datetime as dt

import pytest

from taizhang.errors import InputError
from taizhang.ledger.model import Light
from taizhang.projects.indicators import (
    DEFAULT_WEIGHTS,
    OpenBlocker,
    check_weights,
    group_stats,
    rank,
)
from taizhang.projects.model import STAGES, Project, Stage, StageDate, ZoneLevel

D = dt.date
YI = 10**8


def p(pid: int, zone: str, *, total: float, signed: dt.date | None = None,
      started: dt.date | None = None, done: float = 0, annual: float = 0,
      level: ZoneLevel = ZoneLevel.NATIONAL, light: Light = Light.GREEN) -> Project:
    actual = {Stage.SIGNED: signed, Stage.STARTED: started}
    stage = Stage.STARTED if started else (Stage.SIGNED if signed else Stage.NEGOTIATING)
    return Project(id=pid, jurisdiction="沈阳市", name=f"项目{pid}", zone=zone, unit=f"{zone}管委会",
                   stage=stage, dates=tuple(StageDate(None, actual.get(s)) for s in STAGES),
                   total=int(total * YI), annual=int(annual * YI) or None, annual_year=2026,
                   year_done=int(done * YI), zone_level=level, light=light)


PROJECTS = [
    # 经开区 (national): 4 signed this year, 2 of them started this year; one of 60亿
    p(1, "经开区", total=60, signed=D(2026, 1, 10), started=D(2026, 3, 1), done=3, annual=10),
    p(2, "经开区", total=0.5, signed=D(2026, 2, 1), started=D(2026, 4, 1), done=1, annual=2),
    p(3, "经开区", total=25, signed=D(2026, 3, 1), annual=5),
    p(4, "经开区", total=8, signed=D(2026, 3, 20), light=Light.RED),
    p(5, "经开区", total=30, signed=D(2025, 5, 1), started=D(2026, 1, 5), done=4, annual=8),
    # 辉山 (provincial): nothing signed this year, no 20亿 project
    p(6, "辉山", total=3, signed=D(2025, 7, 1), started=D(2025, 9, 1), done=1, annual=1,
      level=ZoneLevel.PROVINCIAL),
]
BLOCKERS = [OpenBlocker(3, 40, True), OpenBlocker(4, 10, False), OpenBlocker(6, 5, False)]


def zones() -> dict[str, object]:
    return {g.key: g for g in group_stats(PROJECTS, BLOCKERS, by="zone", year=2026,
                                          today=D(2026, 4, 20))}


def test_zone_figures() -> None:
    g = zones()["经开区"]
    assert (g.projects, g.signed, g.signed_started) == (5, 4, 2)  # type: ignore[attr-defined]
    assert g.signed_started_rate == 50.0  # type: ignore[attr-defined]
    # 亿元以上 projects did 3 + 4 of the 8亿 done this year (the 0.5亿 one did 1)
    assert g.big_share == 87.5  # type: ignore[attr-defined]
    assert g.invest_rate == 32.0  # type: ignore[attr-defined]  # 8 of 25
    assert (g.big50, g.big50_new, g.big20, g.big20_new) == (1, 1, 3, 2)  # type: ignore[attr-defined]
    assert (g.open_blockers, g.overdue_blockers, g.blocker_age) == (2, 1, 25.0)  # type: ignore[attr-defined]
    assert g.red == 1 and g.shortfalls == []  # type: ignore[attr-defined]


def test_targets_of_the_plan() -> None:
    g = zones()["辉山"]
    assert g.signed_started_rate is None  # type: ignore[attr-defined]  # nothing signed: no rate to judge
    assert g.shortfalls == ["未达标：省级开发区每年至少引进1个投资额20亿元及以上产业项目（现为0个）"]  # type: ignore[attr-defined]


def test_ranking_follows_the_weights() -> None:
    groups = list(zones().values())
    ordered = rank(groups, DEFAULT_WEIGHTS)  # type: ignore[arg-type]
    assert [g.key for g in ordered] == ["经开区", "辉山"]
    ordered = rank(groups, {"red": -1000.0, "overdue_blockers": -1000.0})  # type: ignore[arg-type]
    assert [g.key for g in ordered] == ["辉山", "经开区"] and ordered[0].rank == 1


def test_units_have_no_targets() -> None:
    units = group_stats(PROJECTS, BLOCKERS, by="unit", year=2026, today=D(2026, 4, 20))
    assert {g.key for g in units} == {"经开区管委会", "辉山管委会"}
    assert all(g.shortfalls == [] for g in units)


@pytest.mark.parametrize(("values", "words"), [
    pytest.param({"人气": "3"}, "没有名为“人气”的考核指标", id="unknown_metric"),
    pytest.param({"red": "很多"}, "不是数字", id="not_a_number"),
    pytest.param({"red": "1e9"}, "超出范围", id="too_big"),
])
def test_weights_refused(values: dict[str, object], words: str) -> None:
    with pytest.raises(InputError) as err:
        check_weights(values)
    assert words in str(err.value)


def test_weights_by_chinese_name() -> None:
    assert check_weights({"红灯项目": "-4"}) == {"red": -4.0}
