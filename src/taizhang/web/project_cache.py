"""The register as the pages read it: every project with its light, kept while nothing changed.

The list, the ranking, the chart and the dashboard tiles all need every project of the
register with its light (a light filter, a per-zone rate, the counts), so the listing is made
once per state of the ledger and day and shared. The stamp is the newest audit entry's id —
every change to the ledger writes one, from any worker process — so one indexed query says
whether the listing is still true (as :mod:`taizhang.web.cache` does for tasks). Filters are
applied in memory; a page of 50 projects out of 5,000 costs a list comprehension.
"""
from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from taizhang.ledger.model import Light
from taizhang.projects.indicators import OpenBlocker
from taizhang.projects.model import Project, Stage

MAX_ENTRIES = 8  # (day, year) pairs kept: today and a few years looked back at


@dataclass(frozen=True, slots=True)
class Listing:
    stamp: int
    projects: tuple[Project, ...]
    blockers: tuple[OpenBlocker, ...]
    weights: dict[str, float]
    weights_saved: bool


class ProjectCache:
    def __init__(self, ledger: Any) -> None:
        self.ledger = ledger
        self._entries: dict[tuple[dt.date, int], Listing] = {}
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def listing(self, today: dt.date, year: int | None = None) -> Listing:
        """Every project lit for ``today`` (``year_done`` for ``year``), open blockers, weights."""
        from taizhang.store import project_stats

        key = (today, year or today.year)
        stamp = int(self.ledger.latest_audit_id())
        with self._lock:  # one listing at a time: the others wait and take its result
            found = self._entries.get(key)
            if found is not None and found.stamp == stamp:
                self.hits += 1
                return found
            reg = self.ledger.projects
            projects = reg.list_projects(today=today, year=key[1])
            with reg.engine.connect() as conn:
                ctx = reg._ctx(conn)  # noqa: SLF001 - same transaction for both reads
                blockers = project_stats.blocker_facts(ctx, today)
                weights, saved = project_stats.weights(ctx)
            found = Listing(stamp, tuple(projects), tuple(blockers), weights, saved)
            self._entries[key] = found
            if len(self._entries) > MAX_ENTRIES:
                self._entries.pop(next(iter(self._entries)))
            self.misses += 1
            return found


def matching(projects: Sequence[Project], *, zone: str | None = None, unit: str | None = None,
             stage: Stage | None = None, light: Light | None = None,
             industry: str | None = None, query: str | None = None,
             zone_names: frozenset[str] | None = None) -> list[Project]:
    """The projects that pass every given filter (``zone_names``: a zone's name and aliases)."""
    q = (query or "").strip()
    out = []
    for p in projects:
        if zone_names is not None and p.zone not in zone_names:
            continue
        if zone and zone_names is None and p.zone != zone:
            continue
        if unit and p.unit != unit:
            continue
        if stage is not None and p.stage is not stage:
            continue
        if light is not None and p.light is not light:
            continue
        if industry and p.industry != industry:
            continue
        if q and q not in p.name and q not in p.investor and q not in p.content:
            continue
        out.append(p)
    return out
