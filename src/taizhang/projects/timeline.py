"""挂图作战: the geometry of a timeline of projects, planned against actual, for any renderer.

One row per project: hollow marks at the planned date of each stage, filled marks at the
actual ones, a thin bar over the planned span and a thick one over the actual span (to today
while the project has not reached 达产), and a red mark where a planned stage has passed
unreached. The matplotlib picture (PNG/SVG files) and the web page's SVG both draw this, so
they show the same thing.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from taizhang.projects.model import STAGES, Project, Stage

# one colour per stage, light to dark along the lifecycle (colour-blind safe: viridis steps)
STAGE_COLORS: dict[Stage, str] = {
    Stage.PLANNING: "#bcbddc", Stage.NEGOTIATING: "#9e9ac8", Stage.SIGNED: "#41b6c4",
    Stage.REGISTERED: "#1d91c0", Stage.STARTED: "#225ea8", Stage.PRODUCING: "#238443",
    Stage.AT_CAPACITY: "#004529",
}
LATE_COLOR = "#c62828"
MAX_ROWS = 300  # a wall chart of more projects than this is read by filtering, not scrolling


@dataclass(frozen=True, slots=True)
class Mark:
    stage: Stage
    day: dt.date
    kind: str  # planned | actual | late


@dataclass(frozen=True, slots=True)
class Row:
    project_id: int
    name: str
    note: str  # zone · unit · stage
    stage: Stage
    light: str | None  # green | yellow | red
    planned: tuple[Mark, ...]
    actual: tuple[Mark, ...]
    planned_span: tuple[dt.date, dt.date] | None
    actual_span: tuple[dt.date, dt.date] | None


@dataclass(frozen=True, slots=True)
class Timeline:
    rows: tuple[Row, ...]
    start: dt.date
    end: dt.date
    today: dt.date
    omitted: int = 0  # rows left out beyond MAX_ROWS

    def x(self, day: dt.date) -> float:
        """Where ``day`` falls, 0 at ``start`` and 1 at ``end``."""
        span = max((self.end - self.start).days, 1)
        return (day - self.start).days / span

    def months(self) -> list[dt.date]:
        """Month starts within the range, thinned to at most 24 ticks."""
        out, day = [], dt.date(self.start.year, self.start.month, 1)
        while day <= self.end:
            if day >= self.start:
                out.append(day)
            day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
        step = max(1, -(-len(out) // 24))
        return out[::step]


def _row(p: Project, today: dt.date) -> Row:
    planned = tuple(Mark(s, d.planned, "planned") for s, d in zip(STAGES, p.dates)
                    if d.planned is not None)
    actual = tuple(Mark(s, d.actual, "actual") for s, d in zip(STAGES, p.dates)
                   if d.actual is not None)
    late = tuple(Mark(s, d.planned, "late") for s, d in zip(STAGES, p.dates)
                 if s.order > p.stage.order and d.planned is not None and d.planned < today)
    plan_days = [m.day for m in planned]
    planned_span = (min(plan_days), max(plan_days)) if plan_days else None
    actual_span = None
    if actual:
        first = min(m.day for m in actual)
        last = max(m.day for m in actual)
        actual_span = (first, last if p.stage is Stage.AT_CAPACITY else max(last, today))
    light = p.light.value if p.light is not None else None
    return Row(p.id, p.name, f"{p.zone} · {p.unit} · {p.stage.label}", p.stage, light,
               planned + late, actual, planned_span, actual_span)


def build(projects: Iterable[Project], today: dt.date, *, max_rows: int = MAX_ROWS) -> Timeline:
    """The chart for ``projects`` in the order given, as of ``today``."""
    listed = list(projects)
    rows = [_row(p, today) for p in listed[:max_rows]]
    days = [today]
    for r in rows:
        days += [m.day for m in r.planned + r.actual]
    start, end = min(days), max(days)
    # a margin of a month on each side, so the first and last marks are not on the frame
    start = dt.date(start.year, start.month, 1) - dt.timedelta(days=1)
    start = dt.date(start.year, start.month, 1)
    end = end + dt.timedelta(days=31)
    return Timeline(tuple(rows), start, end, today, max(0, len(listed) - max_rows))
