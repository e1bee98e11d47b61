"""亮灯: green / yellow / red for a given day, from due dates, 序时进度 and missing reports.

Computed, never stored: ``assess(item, today, thresholds, reports)`` is a pure function.

- red: past due and not finished;
- yellow: due within ``yellow_days``; progress behind elapsed time by ``lag_percent`` points;
  marked 滞后; or a recurring report missing ``report_grace_days`` after its date;
- green otherwise, and always for finished (已完成/已销号) or suspended (暂缓) work.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from taizhang.config import LightThresholds
from taizhang.ledger.model import FINISHED, Light, Report, Status, WorkItem
from taizhang.ledger.schedule import occurrences, window


def is_overdue(item: WorkItem, today: dt.date) -> bool:
    return (item.due is not None and item.due < today and item.status not in FINISHED
            and item.status is not Status.SUSPENDED)


def expected_percent(item: WorkItem, today: dt.date) -> int | None:
    """序时进度: the share of the time from start to due that has passed, in percent."""
    if item.start is None or item.due is None or item.due <= item.start:
        return None
    span = (item.due - item.start).days
    elapsed = min(max((today - item.start).days, 0), span)
    return round(100 * elapsed / span)


def missing_reports(item: WorkItem, today: dt.date, grace_days: int,
                    reports: Sequence[Report]) -> list[dt.date]:
    """Occurrences whose date plus the grace period has passed without a report."""
    span = window(item.start, item.due) if item.rrule else None
    if item.rrule is None or span is None:
        return []
    answered = {r.occurrence for r in reports if r.occurrence is not None}
    last = today - dt.timedelta(days=grace_days)
    return [d for d in occurrences(item.rrule, span[0], min(span[1], last)) if d not in answered]


def assess(item: WorkItem, today: dt.date, thresholds: LightThresholds,
           reports: Sequence[Report] = ()) -> tuple[Light, tuple[str, ...]]:
    """The light and the reasons for it (Chinese, for tooltips and ``--format json``)."""
    if item.status in FINISHED:
        return Light.GREEN, (f"{item.status.label}",)
    if item.status is Status.SUSPENDED:
        return Light.GREEN, ("暂缓",)
    if is_overdue(item, today):
        assert item.due is not None
        return Light.RED, (f"已超期{(today - item.due).days}天（时限{item.due.isoformat()}）",)
    reasons: list[str] = []
    if item.status is Status.LAGGING:
        reasons.append("已标记滞后")
    if item.due is not None and (item.due - today).days <= thresholds.yellow_days:
        reasons.append(f"距时限{(item.due - today).days}天")
    expected = expected_percent(item, today)
    if expected is not None and item.percent + thresholds.lag_percent < expected:
        reasons.append(f"进度{item.percent}%落后序时进度{expected}%")
    missing = missing_reports(item, today, thresholds.report_grace_days, reports)
    if missing:
        reasons.append(f"缺{len(missing)}期进展报告（最早{missing[0].isoformat()}）")
    return (Light.YELLOW if reasons else Light.GREEN), tuple(reasons)


def light(item: WorkItem, today: dt.date, thresholds: LightThresholds,
          reports: Sequence[Report] = ()) -> Light:
    return assess(item, today, thresholds, reports)[0]


def with_light(item: WorkItem, today: dt.date, thresholds: LightThresholds,
               reports: Sequence[Report] = ()) -> WorkItem:
    """The item with ``light`` and ``light_reasons`` filled in for ``today``."""
    value, reasons = assess(item, today, thresholds, reports)
    return replace(item, light=value, light_reasons=reasons)
