"""The figures of a monthly 调度 report, computed from items that carry their light for ``today``.

Pure: the report docx, the web dashboard or a script can all use the same numbers.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from taizhang.exports.labels import overdue_days
from taizhang.ledger.model import FINISHED, Light, Status, WorkItem


@dataclass(frozen=True, slots=True)
class UnitLine:
    unit: str
    lead: int
    done: int
    in_progress: int
    overdue: int
    red: int
    yellow: int

    @property
    def done_rate(self) -> float | None:
        return self.done / self.lead if self.lead else None


@dataclass(frozen=True, slots=True)
class MonthlySummary:
    year: int
    month: int
    today: dt.date
    total: int
    by_status: tuple[tuple[Status, int], ...]
    by_light: tuple[tuple[Light, int], ...]
    overdue: tuple[tuple[WorkItem, int], ...]  # (item, days overdue), most overdue first
    units: tuple[UnitLine, ...]
    due_next_month: tuple[WorkItem, ...]
    next_year: int
    next_month: int

    @property
    def finished(self) -> int:
        return sum(n for s, n in self.by_status if s in FINISHED)


def monthly_summary(items: Iterable[WorkItem], *, today: dt.date,
                    month: tuple[int, int] | None = None) -> MonthlySummary:
    """Counts for the month of ``today`` (or ``month``); 'next month' is the one after it."""
    rows = list(items)
    year, mon = month or (today.year, today.month)
    ny, nm = (year + 1, 1) if mon == 12 else (year, mon + 1)
    statuses = Counter(i.status for i in rows)
    lights = Counter(i.light for i in rows if i.light is not None)
    overdue = sorted(((i, overdue_days(i, today)) for i in rows if overdue_days(i, today) > 0),
                     key=lambda pair: (-pair[1], pair[0].id))
    due_next = sorted((i for i in rows if i.due and i.status not in FINISHED
                       and (i.due.year, i.due.month) == (ny, nm)),
                      key=lambda i: (i.due or today, i.id))
    return MonthlySummary(
        year=year, month=mon, today=today, total=len(rows),
        by_status=tuple((s, statuses.get(s, 0)) for s in Status),
        by_light=tuple((light, lights.get(light, 0)) for light in Light),
        overdue=tuple(overdue), units=_unit_lines(rows, today), due_next_month=tuple(due_next),
        next_year=ny, next_month=nm)


def _unit_lines(rows: list[WorkItem], today: dt.date) -> tuple[UnitLine, ...]:
    by_unit: dict[str, list[WorkItem]] = {}
    for item in rows:
        by_unit.setdefault(item.lead or "（未明确牵头单位）", []).append(item)
    lines = [
        UnitLine(unit=unit, lead=len(group),
                 done=sum(i.status in FINISHED for i in group),
                 in_progress=sum(i.status in (Status.IN_PROGRESS, Status.PENDING) for i in group),
                 overdue=sum(overdue_days(i, today) > 0 for i in group),
                 red=sum(i.light is Light.RED for i in group),
                 yellow=sum(i.light is Light.YELLOW for i in group))
        for unit, group in by_unit.items()
    ]
    # the units with most red and overdue work first: that is what a 调度 meeting discusses
    return tuple(sorted(lines, key=lambda u: (-u.red, -u.overdue, -u.lead, u.unit)))
