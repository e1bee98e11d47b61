"""亮灯 as a pure function of the item, the day, the thresholds and the reports."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from taizhang.config import LightThresholds
from taizhang.ledger.lights import assess, expected_percent, is_overdue, light
from taizhang.ledger.model import Light, Report, Status, WorkItem

D = dt.date
TH = LightThresholds(yellow_days=15, lag_percent=20, report_grace_days=5)
ITEM = WorkItem(id=1, document_id=1, task_key="一", seq=1, title="t", text="t",
                jurisdiction="沈阳市", lead="市发展改革委", start=D(2018, 1, 1),
                due=D(2018, 12, 31), status=Status.IN_PROGRESS, percent=50)


def item(**changes: object) -> WorkItem:
    return dataclasses.replace(ITEM, **changes)  # type: ignore[arg-type]


def report(occurrence: dt.date) -> Report:
    return Report(id=1, item_id=1, unit="市发展改革委", actor="x", at=dt.datetime(2018, 1, 1),
                  status=Status.IN_PROGRESS, percent=10, occurrence=occurrence)


@pytest.mark.parametrize(("it", "today", "expected"), [
    pytest.param(item(), D(2018, 6, 1), Light.GREEN, id="on_track"),
    pytest.param(item(), D(2019, 1, 1), Light.RED, id="overdue"),
    pytest.param(item(percent=100), D(2018, 12, 20), Light.YELLOW, id="near_due"),
    pytest.param(item(percent=10), D(2018, 7, 1), Light.YELLOW, id="behind_elapsed_time"),
    pytest.param(item(percent=35), D(2018, 7, 1), Light.GREEN, id="within_lag_allowance"),
    pytest.param(item(status=Status.DONE), D(2019, 6, 1), Light.GREEN, id="done_never_red"),
    pytest.param(item(status=Status.CLOSED), D(2019, 6, 1), Light.GREEN, id="closed"),
    pytest.param(item(status=Status.SUSPENDED), D(2019, 6, 1), Light.GREEN, id="suspended"),
    pytest.param(item(status=Status.LAGGING, percent=60), D(2018, 6, 1), Light.YELLOW,
                 id="marked_lagging"),
    pytest.param(item(due=None), D(2030, 1, 1), Light.GREEN, id="no_due_date"),
])
def test_light(it: WorkItem, today: dt.date, expected: Light) -> None:
    assert light(it, today, TH) is expected


def test_missing_monthly_report_is_yellow_until_reported() -> None:
    monthly = item(rrule="FREQ=MONTHLY", percent=50)
    assert light(monthly, D(2018, 2, 3), TH) is Light.GREEN  # January's report: grace to Feb 5
    value, reasons = assess(monthly, D(2018, 2, 10), TH)
    assert value is Light.YELLOW and "缺1期" in reasons[0]
    assert light(monthly, D(2018, 2, 10), TH, [report(D(2018, 1, 31))]) is Light.GREEN


def test_thresholds_are_settings() -> None:
    near = item(percent=100)
    assert light(near, D(2018, 12, 1), TH) is Light.GREEN
    assert light(near, D(2018, 12, 1), LightThresholds(yellow_days=40)) is Light.YELLOW


def test_expected_percent_and_overdue() -> None:
    assert expected_percent(item(), D(2018, 1, 1)) == 0
    assert expected_percent(item(), D(2019, 5, 1)) == 100
    assert expected_percent(item(start=None), D(2018, 5, 1)) is None
    assert is_overdue(item(), D(2019, 1, 1)) and not is_overdue(item(), D(2018, 12, 31))
