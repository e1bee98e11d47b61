"""Due dates and recurring occurrences, without a database."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from taizhang.ledger.schedule import occurrence_for, occurrences, resolve_due, window

D = dt.date


@pytest.mark.parametrize(("rule", "start", "end", "expected"), [
    pytest.param("FREQ=MONTHLY", D(2018, 1, 1), D(2018, 3, 31),
                 [D(2018, 1, 31), D(2018, 2, 28), D(2018, 3, 31)], id="monthly_month_end"),
    pytest.param("FREQ=MONTHLY;INTERVAL=3", D(2018, 1, 1), D(2018, 12, 31),
                 [D(2018, 1, 31), D(2018, 4, 30), D(2018, 7, 31), D(2018, 10, 31)],
                 id="quarterly"),
    pytest.param("FREQ=MONTHLY;INTERVAL=6", D(2018, 5, 31), D(2019, 12, 31),
                 [D(2018, 5, 31), D(2018, 11, 30), D(2019, 5, 31), D(2019, 11, 30)],
                 id="half_yearly_from_issue"),
    pytest.param("FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=-1", D(2018, 5, 31), D(2020, 12, 31),
                 [D(2018, 5, 31), D(2019, 5, 31), D(2020, 5, 31)], id="yearly_by_may_end"),
    pytest.param("FREQ=YEARLY;BYMONTH=4,10", D(2018, 1, 1), D(2018, 12, 31),
                 [D(2018, 4, 30), D(2018, 10, 31)], id="april_and_october"),
    pytest.param("FREQ=MONTHLY;BYMONTHDAY=28", D(2026, 1, 1), D(2026, 2, 28),
                 [D(2026, 1, 28), D(2026, 2, 28)], id="monthly_by_28th"),
    pytest.param("FREQ=MONTHLY", D(2018, 3, 1), D(2018, 1, 1), [], id="empty_window"),
    pytest.param("NOT A RULE", D(2018, 1, 1), D(2018, 12, 31), [], id="garbage_rule"),
])
def test_occurrences(rule: str, start: dt.date, end: dt.date, expected: list[dt.date]) -> None:
    assert occurrences(rule, start, end) == expected


def test_due_from_text_wins_over_period() -> None:
    due = resolve_due(["2018-06-30"], [None], D(2020, 12, 31))
    assert (due.due, due.implied) == (D(2018, 6, 30), False)


def test_due_implied_from_period_end() -> None:
    due = resolve_due([None], ["FREQ=MONTHLY"], D(2020, 12, 31))
    assert (due.due, due.implied, due.rrule) == (D(2020, 12, 31), True, "FREQ=MONTHLY")


def test_no_due_without_period() -> None:
    due = resolve_due([], [], None)
    assert (due.due, due.implied) == (None, False)


def test_window_defaults_to_due_year() -> None:
    assert window(None, D(2015, 12, 31)) == (D(2015, 1, 1), D(2015, 12, 31))
    assert window(D(2015, 2, 11), None) is None


def test_occurrence_for_picks_oldest_unreported_due() -> None:
    dates = [D(2018, 1, 31), D(2018, 2, 28), D(2018, 3, 31)]
    assert occurrence_for(dates, {D(2018, 1, 31)}, D(2018, 3, 5)) == D(2018, 2, 28)
    assert occurrence_for(dates, set(), D(2018, 1, 5)) == D(2018, 1, 31)
    assert occurrence_for(dates, set(dates), D(2018, 3, 5)) is None


@settings(suppress_health_check=[HealthCheck.too_slow])  # drawing three plain values is slow only on a busy machine
@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 1, 1)),
       st.integers(min_value=0, max_value=2000),
       st.sampled_from(["FREQ=MONTHLY", "FREQ=MONTHLY;INTERVAL=3", "FREQ=YEARLY;BYMONTH=4,10",
                        "FREQ=WEEKLY", "FREQ=YEARLY"]))
def test_occurrences_stay_in_window_and_sorted(start: dt.date, days: int, rule: str) -> None:
    end = start + dt.timedelta(days=days)
    got = occurrences(rule, start, end)
    assert all(start <= d <= end for d in got)
    assert got == sorted(set(got))
