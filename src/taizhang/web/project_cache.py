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
from dataclasses import dataclass, field
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
    # what the pages derive from the listing (the ranking, the filter choices), made once
    memo: dict[Any, Any] = field(default_factory=dict)

    def derived(self, key: Any, make: Any) -> Any:
        """``make()`` once per listing (a race makes it twice, harmlessly: same result)."""
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = make()
        return found


# changes after which only a full listing is right: unit names moved or merged
FULL_RELOAD = frozenset({"unit.merge"})
PATCH_LIMIT = 500  # more projects touched than this: listing them all is as cheap


class ProjectCache:
    def __init__(self, ledger: Any, register: Any = None) -> None:
        """``register`` lights the projects (the app's, see create_app; default the ledger's)."""
        self.ledger = ledger
        self.register = register if register is not None else ledger.projects
        self._entries: dict[tuple[dt.date, int], Listing] = {}
        self._lock = threading.Lock()
        self.hits = self.misses = self.patches = 0

    def listing(self, today: dt.date, year: int | None = None) -> Listing:
        """Every project lit for ``today`` (``year_done`` for ``year``), open blockers, weights.

        After a few changes (a report, a stage, a blocker) only the projects they touched are
        read again; the rest of the listing stays."""
        key = (today, year or today.year)
        stamp = int(self.ledger.latest_audit_id())
        with self._lock:  # one listing at a time: the others wait and take its result
            found = self._entries.get(key)
            if found is not None and found.stamp == stamp:
                self.hits += 1
                return found
            fresh = self._patched(found, today, key[1]) if found is not None else None
            if fresh is None:
                fresh = self._full(today, key[1])
                self.misses += 1
            else:
                self.patches += 1
            # the stamp read before listing: a change made meanwhile is seen next time
            fresh = Listing(stamp, fresh.projects, fresh.blockers, fresh.weights,
                            fresh.weights_saved)
            self._entries[key] = fresh
            if len(self._entries) > MAX_ENTRIES:
                self._entries.pop(next(iter(self._entries)))
            return fresh

    def _extras(self, today: dt.date) -> tuple[tuple[OpenBlocker, ...], dict[str, float], bool]:
        from taizhang.store import project_stats

        reg = self.register
        with reg.engine.connect() as conn:
            ctx = reg._ctx(conn)  # noqa: SLF001 - one connection for both small reads
            blockers = project_stats.blocker_facts(ctx, today)
            weights, saved = project_stats.weights(ctx)
        return tuple(blockers), weights, saved

    def _full(self, today: dt.date, year: int) -> Listing:
        projects = self.register.list_projects(today=today, year=year)
        return Listing(0, tuple(projects), *self._extras(today))

    def _patched(self, old: Listing, today: dt.date, year: int) -> Listing | None:
        """``old`` with the projects touched since its stamp read again; None when only a
        full listing is right."""
        _, actions, touched = self.register.changes_since(old.stamp)
        if actions & FULL_RELOAD or len(touched) > PATCH_LIMIT:
            return None
        projects = old.projects
        if touched:
            fresh = {p.id: p for p in self.register.list_projects(
                today=today, year=year, ids=sorted(touched))}
            kept = [p for p in old.projects if p.id not in touched]
            projects = tuple(sorted(kept + list(fresh.values()), key=lambda p: p.id))
        return Listing(0, projects, *self._extras(today))


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
