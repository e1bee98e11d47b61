"""Unit load and 考核: who carries how much, how much of it on time, and a weighted ranking.

Works on ``LoadItem`` rows — one per (item, unit, role) — which come from the ledger's work
items (with completion dates and 督办 counts) or, before anything is stored, from parsed
tasks (then only counts and deadlines are known). ``today`` is handed in, never read.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from taizhang.analysis.rows import TaskRow, is_collective
from taizhang.analysis.tables import read_user_table, table
from taizhang.errors import InputError

METRICS = ("led", "supported", "on_time_rate", "overdue_days", "duban")
METRIC_NAMES = {"led": "牵头", "supported": "配合", "on_time_rate": "按时完成率",
                "overdue_days": "逾期天数", "duban": "收到督办"}


@dataclass(frozen=True, slots=True)
class LoadItem:
    unit: str
    role: str  # lead | support
    jurisdiction: str
    ref: str  # item id or doc:key
    due: dt.date | None = None
    finished: bool = False
    completed_on: dt.date | None = None
    duban: int = 0  # 督办 notices on the item
    tracked: bool = True  # False: from a parse alone, completion unknown, so not assessed


@dataclass
class UnitLoad:
    unit: str
    jurisdiction: str
    led: int = 0
    supported: int = 0
    by_month: dict[str, int] = field(default_factory=dict)  # YYYY-MM → deadlines, any role
    assessed: int = 0  # lead items finished or already due
    on_time: int = 0
    overdue_items: int = 0
    overdue_days: int = 0
    duban: int = 0
    score: float = 0.0
    rank: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return round(self.on_time / self.assessed, 3) if self.assessed else None

    def metric(self, name: str) -> float:
        if name == "on_time_rate":
            return 100.0 * (self.on_time_rate or 0.0)
        return float(getattr(self, name))

    def to_dict(self) -> dict[str, object]:
        return {"rank": self.rank, "unit": self.unit, "jurisdiction": self.jurisdiction,
                "led": self.led, "supported": self.supported, "assessed": self.assessed,
                "on_time": self.on_time, "on_time_rate": self.on_time_rate,
                "overdue_items": self.overdue_items, "overdue_days": self.overdue_days,
                "duban": self.duban, "score": round(self.score, 2),
                "by_month": dict(sorted(self.by_month.items()))}


def items_from_tasks(rows: Iterable[TaskRow]) -> list[LoadItem]:
    """Load rows from parsed tasks alone: the earliest deadline (else the document's period end).

    Nothing is known about completion yet, so these rows are counted but not assessed.
    """
    out = []
    for r in rows:
        dues = r.dues or ((r.implied_due,) if r.implied_due else ())
        due = min((dt.date.fromisoformat(d) for d in dues), default=None)
        for unit in r.lead:
            out.append(LoadItem(unit, "lead", r.place, r.ref, due, tracked=False))
        for unit in r.support:
            out.append(LoadItem(unit, "support", r.place, r.ref, due, tracked=False))
    return out


def unit_load(items: Iterable[LoadItem], *, today: dt.date, start: dt.date | None = None,
              end: dt.date | None = None, include_collectives: bool = False) -> list[UnitLoad]:
    """Per unit: counts, deadlines by month, on-time rate, overdue days, 督办 received.

    With ``start``/``end`` only items due in that period count (undated ones drop out). The
    on-time rate and overdue days are the lead's: the lead answers for the item.
    """
    loads: dict[tuple[str, str], UnitLoad] = {}
    for it in items:
        if not include_collectives and is_collective(it.unit):
            continue
        if (start or end) and (it.due is None or (start and it.due < start)
                               or (end and it.due > end)):
            continue
        ul = loads.get((it.jurisdiction, it.unit))
        if ul is None:
            ul = loads[(it.jurisdiction, it.unit)] = UnitLoad(it.unit, it.jurisdiction)
        if it.due is not None:
            month = it.due.strftime("%Y-%m")
            ul.by_month[month] = ul.by_month.get(month, 0) + 1
        if it.role != "lead":
            ul.supported += 1
            continue
        ul.led += 1
        ul.duban += it.duban
        if not it.tracked:
            continue
        late_by = _late_days(it, today)
        if it.finished or (it.due is not None and it.due < today):
            ul.assessed += 1
            if it.finished and late_by == 0:
                ul.on_time += 1
        if late_by > 0:
            ul.overdue_items += 1
            ul.overdue_days += late_by
    return list(loads.values())


def _late_days(it: LoadItem, today: dt.date) -> int:
    if it.due is None:
        return 0
    if it.finished:
        return max(0, ((it.completed_on or it.due) - it.due).days)
    return max(0, (today - it.due).days)


def default_weights() -> dict[str, float]:
    return {m: float(w) for m, w in table("weights.tsv", 2)}


def read_weights(path: str) -> dict[str, float]:
    """A 督查室's weights file: the defaults, overridden line by line."""
    weights = default_weights()
    for lineno, (metric, value) in enumerate(read_user_table(path, 2), 1):
        if metric not in METRICS:
            raise InputError(f"权重文件 {path} 中的指标“{metric}”不认识",
                             hint=f"可用的指标：{'、'.join(METRICS)}")
        try:
            weights[metric] = float(value)
        except ValueError:
            raise InputError(f"权重文件 {path} 中“{metric}”的权重“{value}”不是数字",
                             hint="第二列写数字，如 0.6 或 -5") from None
    return weights


def rank(loads: Iterable[UnitLoad], weights: Mapping[str, float] | None = None) -> list[UnitLoad]:
    """Score = Σ weight × metric; highest first, equal scores share a rank (1, 2, 2, 4).

    Ranks are within a jurisdiction: 沈阳市's offices are not ranked against 吉林省's.
    """
    w = dict(weights) if weights is not None else default_weights()
    out = list(loads)
    for ul in out:
        ul.score = sum(w.get(m, 0.0) * ul.metric(m) for m in METRICS)
    out.sort(key=lambda u: (u.jurisdiction, -u.score, -u.led, u.unit))
    for i, ul in enumerate(out):
        prev = out[i - 1] if i else None
        if prev is None or prev.jurisdiction != ul.jurisdiction:
            ul.rank = 1
        elif round(prev.score, 6) == round(ul.score, 6):
            ul.rank = prev.rank
        else:
            ul.rank = sum(1 for u in out[:i] if u.jurisdiction == ul.jurisdiction) + 1
    return out


def deadlines_by_month(loads: Iterable[UnitLoad]) -> dict[str, dict[str, int]]:
    """unit → month → count, for a heat table of who is squeezed when."""
    table_: dict[str, dict[str, int]] = defaultdict(dict)
    for ul in loads:
        table_[ul.unit] = dict(sorted(ul.by_month.items()))
    return dict(table_)
