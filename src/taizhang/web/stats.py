"""The dashboard's figures, computed from listed items (pure: items, audit entries, today in).

One pass over the items gives counts by light and status, the overdue and due-soon lists and
the per-unit table, so the filters (document, jurisdiction) apply to all of them alike.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from taizhang.ledger.lights import is_overdue
from taizhang.ledger.model import FINISHED, Light, Status

SOON_DAYS = 30


@dataclass
class UnitRow:
    jurisdiction: str
    unit: str
    lead: int = 0
    support: int = 0
    done: int = 0
    overdue: int = 0
    on_time: int = 0
    red: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.done if self.done else None


@dataclass
class Summary:
    total: int = 0
    by_light: dict[Light, int] = field(default_factory=dict)
    by_status: dict[Status, int] = field(default_factory=dict)
    overdue: list[Any] = field(default_factory=list)
    due_soon: list[Any] = field(default_factory=list)
    units: list[UnitRow] = field(default_factory=list)
    months: list[str] = field(default_factory=list)  # bar labels: months, quarters or years
    due_by_month: dict[str, list[int]] = field(default_factory=dict)  # light label → counts
    due_period: str = "月"  # what one bar covers: 月, 季度 or 年


def summarize(items: Sequence[Any], today: dt.date, *, max_months: int = 36,
              list_limit: int = 20) -> Summary:
    s = Summary(total=len(items))
    lights: Counter[Light] = Counter()
    statuses: Counter[Status] = Counter()
    units: dict[tuple[str, str], UnitRow] = {}
    overdue, soon = [], []
    horizon = today + dt.timedelta(days=SOON_DAYS)
    period, labels, bucket = due_buckets([i.due for i in items if i.due is not None], today,
                                         max_months)
    index = {label: i for i, label in enumerate(labels)}
    due_by: dict[Light, list[int]] = {lt: [0] * len(labels) for lt in (Light.RED, Light.YELLOW,
                                                                        Light.GREEN)}
    for it in items:
        if it.light is not None:
            lights[it.light] += 1
        statuses[it.status] += 1
        open_ = it.status not in FINISHED
        late = is_overdue(it, today)  # as /units, a unit's page and `taizhang tasks --overdue`
        if late:
            overdue.append(it)
        elif open_ and it.due is not None and today <= it.due <= horizon:
            soon.append(it)
        if it.due is not None and it.light is not None:  # every dated task has its bar
            due_by[it.light][index[bucket(it.due)]] += 1
        if it.lead:
            row = units.setdefault((it.jurisdiction, it.lead), UnitRow(it.jurisdiction, it.lead))
            row.lead += 1
            if not open_:
                row.done += 1
                if it.due is None or (it.completed_on and it.completed_on <= it.due):
                    row.on_time += 1
            row.overdue += late
            row.red += it.light is Light.RED
        for name in it.support:
            units.setdefault((it.jurisdiction, name), UnitRow(it.jurisdiction, name)).support += 1
    s.by_light = {lt: lights.get(lt, 0) for lt in (Light.RED, Light.YELLOW, Light.GREEN)}
    s.by_status = {st: statuses.get(st, 0) for st in Status}
    s.overdue = sorted(overdue, key=lambda i: (i.due, i.id))[:list_limit]
    s.due_soon = sorted(soon, key=lambda i: (i.due, i.id))[:list_limit]
    s.units = sorted(units.values(), key=lambda r: (-r.lead, -r.support, r.unit))
    s.months = labels
    s.due_by_month = {lt.label[0]: v for lt, v in due_by.items()}
    s.due_period = period
    return s


def due_buckets(dues: Sequence[dt.date], today: dt.date, limit: int = 36
                ) -> tuple[str, list[str], Any]:
    """Bars for the 到期分布 chart that cover every due date: months when the dates span at
    most ``limit`` of them, else quarters, else years (a 2016–2035 plan gets 20 bars rather
    than losing the tasks outside a window). Returns (what a bar covers, labels, date → label).

    ``due_buckets([date(2018, 6, 30), date(2019, 1, 31)], today)[1]`` → ``["2018-06", …, "2019-01"]``.
    """
    first = min(dues, default=today)
    last = max(dues, default=today)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= limit:
        start = first.replace(day=1)
        return "月", [f"{m.year}-{m.month:02d}" for m in
                     (_add_months(start, k) for k in range(months))], \
            lambda d: f"{d.year}-{d.month:02d}"
    quarters = (last.year - first.year) * 4 + (last.month - 1) // 3 - (first.month - 1) // 3 + 1
    if quarters <= limit:
        def quarter(d: dt.date) -> str:
            return f"{d.year}Q{(d.month - 1) // 3 + 1}"
        start = dt.date(first.year, (first.month - 1) // 3 * 3 + 1, 1)
        return "季度", [quarter(_add_months(start, 3 * k)) for k in range(quarters)], quarter
    return "年", [f"{y}" for y in range(first.year, last.year + 1)], lambda d: f"{d.year}"


def overdue_count(items: Iterable[Any], today: dt.date) -> int:
    return sum(1 for i in items if is_overdue(i, today))


def _add_months(d: dt.date, k: int) -> dt.date:
    y, m = divmod(d.month - 1 + k, 12)
    return dt.date(d.year + y, m + 1, 1)


def status_over_time(items: Sequence[Any], entries: Iterable[Any], ingested: dict[int, dt.date],
                     today: dt.date, *, months: int = 12) -> tuple[list[str], dict[str, list[int]]]:
    """Items per status at the end of each of the last ``months`` months.

    Replayed backwards from today's counts: each audited status change in a month is undone
    (after → before), and items whose document arrived that month leave the count (they arrived
    as 待签收). ``ingested`` maps document id → the day its items entered the ledger.
    """
    ids = {i.id for i in items}
    counts: Counter[str] = Counter(i.status.value for i in items)
    by_month_changes: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for e in entries:
        if e.item_id not in ids or not e.before or not e.after:
            continue
        before, after = e.before.get("status"), e.after.get("status")
        if before and after and before != after:
            by_month_changes.setdefault((e.at.year, e.at.month), []).append((before, after))
    arrivals: Counter[tuple[int, int]] = Counter()
    for i in items:
        day = ingested.get(i.document_id)
        if day is not None:
            arrivals[(day.year, day.month)] += 1
    first = today.replace(day=1)
    keys = [_add_months(first, -k) for k in range(months)]  # this month, then back
    shown = [Status.PENDING, Status.IN_PROGRESS, Status.LAGGING, Status.DONE, Status.CLOSED]
    series: dict[str, list[int]] = {st.label: [] for st in shown}
    for m in keys:
        for st in shown:
            series[st.label].append(max(0, counts.get(st.value, 0)))
        for before, after in by_month_changes.get((m.year, m.month), []):
            counts[after] -= 1
            counts[before] += 1
        counts[Status.PENDING.value] -= arrivals.get((m.year, m.month), 0)
    labels = [f"{m.year}-{m.month:02d}" for m in reversed(keys)]
    return labels, {name: list(reversed(v)) for name, v in series.items()}
