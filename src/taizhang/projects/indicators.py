"""以项目论英雄、排座次: per-zone and per-unit figures, the plan's targets, a weighted ranking.

Seed 001 sets the figures (item 1, 11, 27): 当年签约、当年开工项目比率 ≥ 30 %; 亿元以上项目完成投资
比重 ≥ 70 %; each 国家级开发区 at least one 50亿元 project a year, each 省级 one of 20亿元. The
office sets the weights of the ranking (score = Σ weight × metric, rates in percent); the
targets and the weights are tables, so a new rule or a new metric is a row.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from taizhang.errors import InputError
from taizhang.ledger.model import Light
from taizhang.projects.model import STAGES, Project, Stage, ZoneLevel

YI = 10**8  # 1亿元 in 元
BIG20, BIG50 = 20 * YI, 50 * YI

METRICS: tuple[str, ...] = ("projects", "signed_started_rate", "big_share", "invest_rate",
                            "big50_new", "big20_new", "open_blockers", "overdue_blockers",
                            "blocker_age", "red")
METRIC_NAMES: dict[str, str] = {
    "projects": "项目数", "signed_started_rate": "当年签约当年开工率(%)",
    "big_share": "亿元以上项目完成投资比重(%)", "invest_rate": "年度投资完成率(%)",
    "big50_new": "当年引进50亿元以上项目", "big20_new": "当年引进20亿元以上项目",
    "open_blockers": "未解决受阻问题", "overdue_blockers": "逾期受阻问题",
    "blocker_age": "受阻问题平均天数", "red": "红灯项目",
}
DEFAULT_WEIGHTS: dict[str, float] = {
    "projects": 1.0, "signed_started_rate": 0.5, "big_share": 0.3, "invest_rate": 0.5,
    "big50_new": 10.0, "big20_new": 5.0, "open_blockers": -1.0, "overdue_blockers": -3.0,
    "blocker_age": -0.05, "red": -2.0,
}


@dataclass(frozen=True, slots=True)
class Target:
    metric: str
    minimum: float
    text: str  # how the plan says it
    levels: frozenset[ZoneLevel] | None = None  # None: every zone


TARGETS: tuple[Target, ...] = (
    Target("signed_started_rate", 30, "开发区当年签约、当年开工项目比率要达到30%以上"),
    Target("big_share", 70, "开发区亿元以上项目完成投资比重不低于70%"),
    Target("big50_new", 1, "国家级开发区每年至少引进1个投资额50亿元及以上产业项目",
           frozenset({ZoneLevel.NATIONAL})),
    Target("big20_new", 1, "省级开发区每年至少引进1个投资额20亿元及以上产业项目",
           frozenset({ZoneLevel.PROVINCIAL})),
)


@dataclass(frozen=True, slots=True)
class OpenBlocker:
    """What the figures need of an unsolved blocker."""

    project_id: int
    age: int  # days since raised
    overdue: bool


@dataclass
class GroupStats:
    """One zone's or one unit's figures for a year, as of a day."""

    key: str
    kind: str  # zone | unit
    level: ZoneLevel | None = None
    projects: int = 0
    by_stage: dict[Stage, int] = field(default_factory=lambda: {s: 0 for s in STAGES})
    signed: int = 0  # signed in the year
    signed_started: int = 0  # of those, started in the same year
    big: int = 0  # total investment ≥ 1亿元
    big20: int = 0
    big50: int = 0
    big20_new: int = 0  # signed in the year
    big50_new: int = 0
    planned: int = 0  # Σ the year's planned investment, 元
    done: int = 0  # Σ investment completed in the year, 元
    big_done: int = 0  # of which by projects of 1亿元 or more
    open_blockers: int = 0
    overdue_blockers: int = 0
    blocker_age_max: int = 0
    blocker_age_sum: int = 0
    red: int = 0
    yellow: int = 0
    score: float = 0.0
    rank: int = 0
    shortfalls: list[str] = field(default_factory=list)

    @property
    def signed_started_rate(self) -> float | None:
        return _pct(self.signed_started, self.signed)

    @property
    def big_share(self) -> float | None:
        return _pct(self.big_done, self.done)

    @property
    def invest_rate(self) -> float | None:
        return _pct(self.done, self.planned)

    @property
    def blocker_age(self) -> float | None:
        return round(self.blocker_age_sum / self.open_blockers, 1) if self.open_blockers else None

    def metric(self, name: str) -> float:
        value = getattr(self, name)
        return float(value) if value is not None else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "key": self.key, "kind": self.kind,
                "level": self.level.value if self.level else None,
                "projects": self.projects,
                "by_stage": {s.value: n for s, n in self.by_stage.items()},
                "signed": self.signed, "signed_started": self.signed_started,
                "signed_started_rate": self.signed_started_rate, "big": self.big,
                "big20": self.big20, "big50": self.big50, "big20_new": self.big20_new,
                "big50_new": self.big50_new, "planned": self.planned, "done": self.done,
                "big_done": self.big_done, "big_share": self.big_share,
                "invest_rate": self.invest_rate, "open_blockers": self.open_blockers,
                "overdue_blockers": self.overdue_blockers,
                "blocker_age": self.blocker_age, "blocker_age_max": self.blocker_age_max,
                "red": self.red, "yellow": self.yellow, "score": round(self.score, 2),
                "shortfalls": list(self.shortfalls)}


def _pct(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _in(day: dt.date | None, year: int, today: dt.date) -> bool:
    return day is not None and day.year == year and day <= today


def group_stats(projects: Iterable[Project], blockers: Iterable[OpenBlocker], *, by: str,
                year: int, today: dt.date,
                levels: Mapping[str, ZoneLevel] | None = None) -> list[GroupStats]:
    """Figures per zone (``by="zone"``) or per responsible unit (``by="unit"``).

    ``projects`` carry ``year_done`` for ``year`` and their lights for ``today``.
    """
    if by not in ("zone", "unit"):
        raise ValueError(by)
    groups: dict[str, GroupStats] = {}
    key_of: dict[int, str] = {}
    for p in projects:
        key = p.zone if by == "zone" else p.unit
        key_of[p.id] = key
        g = groups.get(key)
        if g is None:
            level = (levels or {}).get(key, p.zone_level) if by == "zone" else None
            g = groups[key] = GroupStats(key, by, level)
        g.projects += 1
        g.by_stage[p.stage] += 1
        total = p.total or 0
        signed = _in(p.actual(Stage.SIGNED), year, today)
        if signed:
            g.signed += 1
            g.signed_started += _in(p.actual(Stage.STARTED), year, today)
        g.big += total >= YI
        g.big20 += total >= BIG20
        g.big50 += total >= BIG50
        g.big20_new += signed and total >= BIG20
        g.big50_new += signed and total >= BIG50
        if p.annual and p.annual_year == year:
            g.planned += p.annual
        done = p.year_done or 0
        g.done += done
        g.big_done += done if total >= YI else 0
        g.red += p.light is Light.RED
        g.yellow += p.light is Light.YELLOW
    for b in blockers:
        g = groups.get(key_of.get(b.project_id, ""))
        if g is None:
            continue
        g.open_blockers += 1
        g.overdue_blockers += b.overdue
        g.blocker_age_sum += b.age
        g.blocker_age_max = max(g.blocker_age_max, b.age)
    for g in groups.values():
        g.shortfalls = shortfalls(g)
    return list(groups.values())


def shortfalls(g: GroupStats) -> list[str]:
    """The plan's targets a zone misses (units have none of their own)."""
    if g.kind != "zone":
        return []
    out = []
    for t in TARGETS:
        if t.levels is not None and g.level not in t.levels:
            continue
        value = getattr(g, t.metric)
        if value is None:
            continue  # nothing to measure yet (no project signed this year, nothing invested)
        if value < t.minimum:
            shown = f"{value:g}%" if t.metric.endswith(("rate", "share")) else f"{value:g}个"
            out.append(f"未达标：{t.text}（现为{shown}）")
    return out


def rank(groups: Sequence[GroupStats], weights: Mapping[str, float]) -> list[GroupStats]:
    """Score and order: the highest score first, ties by name."""
    for g in groups:
        g.score = sum(weights.get(m, 0.0) * g.metric(m) for m in METRICS)
    ordered = sorted(groups, key=lambda g: (-g.score, g.key))
    for i, g in enumerate(ordered, start=1):
        g.rank = i
    return ordered


def check_weights(values: Mapping[str, object]) -> dict[str, float]:
    """Weights as the office typed them → floats; InputError for an unknown metric or a non-number."""
    out: dict[str, float] = {}
    for name, value in values.items():
        metric = next((m for m in METRICS if name in (m, METRIC_NAMES[m])), None)
        if metric is None:
            known = "、".join(f"{m}（{METRIC_NAMES[m]}）" for m in METRICS)
            raise InputError(f"没有名为“{name}”的考核指标", hint=f"可用：{known}")
        try:
            weight = float(str(value).strip())
        except ValueError:
            raise InputError(f"“{METRIC_NAMES[metric]}”的权重“{value}”不是数字",
                             hint="请填写数字，扣分项写负数，如 -3") from None
        if weight != weight or abs(weight) > 1000:
            raise InputError(f"“{METRIC_NAMES[metric]}”的权重 {value} 超出范围",
                             hint="权重应在 -1000 到 1000 之间")
        out[metric] = weight
    return out
