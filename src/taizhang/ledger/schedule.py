"""Schedules: due dates from deadlines or the document's period, recurring rules as occurrences.

Pure: every function takes the dates it needs. ``rrule`` strings are RFC 5545 rules as the parser
writes them (``FREQ=MONTHLY``, ``FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=-1``).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from dateutil.rrule import rrulestr

MAX_OCCURRENCES = 400  # a daily rule over ten years would flood the ledger; cap it


@dataclass(frozen=True, slots=True)
class DueDate:
    due: dt.date | None
    implied: bool  # no deadline of its own: the period's end stands in
    rrule: str | None


def iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def resolve_due(dues: Sequence[str | None], rrules: Sequence[str | None],
                period_end: dt.date | None) -> DueDate:
    """The item's due date: the latest dated deadline, else the period end (implied).

    ``resolve_due(["2018-06-30"], [], date(2020,12,31))`` → due 2018-06-30, not implied;
    ``resolve_due([], ["FREQ=MONTHLY"], date(2020,12,31))`` → due 2020-12-31, implied, monthly.
    """
    dated = [d for d in (iso_date(x) for x in dues) if d is not None]
    rule = next((r for r in rrules if r), None)
    if dated:
        return DueDate(max(dated), False, rule)
    return DueDate(period_end, period_end is not None, rule)


def occurrences(rule: str, start: dt.date, end: dt.date) -> list[dt.date]:
    """Dates of ``rule`` between ``start`` and ``end`` inclusive.

    A monthly rule without a day means "by the end of each month" (按月调度): the month's last
    day, counted from the month of ``start``. ``occurrences("FREQ=MONTHLY", 2018-01-01,
    2018-03-31)`` → [2018-01-31, 2018-02-28, 2018-03-31].
    """
    if end < start:
        return []
    # items of one document mostly share their rule and period, and every light of a
    # recurring item expands its rule: expanded once per (rule, start, end), then copied
    return list(_expanded(rule, start, end))


@lru_cache(maxsize=4096)
def _expanded(rule: str, start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    text = rule.upper()
    if text.startswith("RRULE:"):
        text = text[6:]
    parts = dict(p.split("=", 1) for p in text.split(";") if "=" in p)
    freq = parts.get("FREQ")
    # a rule that says "every month" but not which day means the end of the period unit
    if freq == "MONTHLY" and not any(k in parts for k in ("BYMONTHDAY", "BYDAY", "BYSETPOS")):
        text += ";BYMONTHDAY=-1"
    elif freq == "YEARLY" and "BYMONTH" not in parts and "BYYEARDAY" not in parts:
        text += ";BYMONTH=12;BYMONTHDAY=-1"
    elif freq == "YEARLY" and "BYMONTHDAY" not in parts and "BYDAY" not in parts:
        text += ";BYMONTHDAY=-1"
    anchor = dt.datetime(start.year, start.month, 1)
    try:
        rr = rrulestr(text, dtstart=anchor)
    except (ValueError, TypeError):
        return ()
    out: list[dt.date] = []
    for when in rr:
        day = when.date()
        if day > end or len(out) >= MAX_OCCURRENCES:
            break
        if day >= start:
            out.append(day)
    return tuple(out)


def occurrence_for(dates: Sequence[dt.date], reported: set[dt.date],
                   today: dt.date) -> dt.date | None:
    """Which occurrence a report made on ``today`` answers: the oldest unreported one that is
    due, else the next one coming; None when every occurrence already has its report."""
    open_dates = [d for d in dates if d not in reported]
    if not open_dates:
        return None
    due_now = [d for d in open_dates if d <= today]
    return due_now[0] if due_now else open_dates[0]


def window(start: dt.date | None, due: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The span a recurring item's occurrences fall in: its start (else the due year's first
    day) to its due date; None without a due date, since an open-ended rule never ends."""
    if due is None:
        return None
    return (start if start is not None and start <= due else dt.date(due.year, 1, 1)), due
