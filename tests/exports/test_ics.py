"""The .ics file, read back with icalendar as a calendar program would."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar
from dateutil.rrule import rrulestr

from taizhang.exports.ics import item_uid, write_ics
from taizhang.ledger.model import WorkItem

STAMP = dt.datetime(2026, 5, 15, 8, 0, tzinfo=dt.timezone.utc)


def _read(path: Path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def test_one_todo_per_item(items: list[WorkItem], tmp_path: Path) -> None:
    write_ics(items, tmp_path / "a.ics", name="市财政局任务时限", stamp=STAMP)
    cal = _read(tmp_path / "a.ics")
    assert str(cal["X-WR-CALNAME"]) == "市财政局任务时限"
    todos = {str(t["UID"]): t for t in cal.walk("VTODO")}
    assert set(todos) == {item_uid(i) for i in items}
    first = todos["item-1@taizhang"]
    assert first.decoded("DUE") == dt.date(2018, 6, 30)
    assert str(first["STATUS"]) == "IN-PROCESS" and int(first["PERCENT-COMPLETE"]) == 40
    description = str(first["DESCRIPTION"])
    assert "牵头单位：市发展改革委" in description
    assert "责任单位：市财政局、各区县(市)政府" in description
    assert "具体内容：2018年6月底前,各开发区要成立第1个平台公司" in description
    assert str(first["SUMMARY"]) == "【市发展改革委】推进第1项重点工作"
    (alarm,) = first.walk("VALARM")
    assert alarm["TRIGGER"].params["RELATED"] == "END"


def test_recurring_item_has_rule(items: list[WorkItem], tmp_path: Path) -> None:
    write_ics(items, tmp_path / "a.ics", name="x", stamp=STAMP)
    todo = next(t for t in _read(tmp_path / "a.ics").walk("VTODO") if str(t["UID"]) == "item-3@taizhang")
    assert todo["RRULE"].to_ical() == b"FREQ=MONTHLY;INTERVAL=3"
    start = todo.decoded("DTSTART")
    assert start == dt.date(2018, 1, 1)
    assert "DUE" not in todo and todo.decoded("DURATION") == dt.timedelta(days=1)
    rule = rrulestr(todo["RRULE"].to_ical().decode(), dtstart=dt.datetime.combine(start, dt.time()))
    assert [d.month for d in rule[:4]] == [1, 4, 7, 10]


def test_uid_stable_across_versions(items: list[WorkItem], tmp_path: Path) -> None:
    import dataclasses

    write_ics(items[:1], tmp_path / "a.ics", name="x", stamp=STAMP)
    write_ics([dataclasses.replace(items[0], version=9, title="改名")], tmp_path / "b.ics", name="x",
              stamp=STAMP)
    uids = [str(next(iter(_read(tmp_path / n).walk("VTODO")))["UID"]) for n in ("a.ics", "b.ics")]
    assert uids[0] == uids[1]


def test_events_for_calendars_without_todos(items: list[WorkItem], tmp_path: Path) -> None:
    write_ics(items, tmp_path / "e.ics", name="x", stamp=STAMP, kind="event")
    cal = _read(tmp_path / "e.ics")
    assert not cal.walk("VTODO")
    event = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == "item-4@taizhang")
    assert event.decoded("DTSTART") == dt.date(2026, 3, 31)
    assert event.decoded("DTEND") == dt.date(2026, 4, 1)


def test_item_without_any_date_is_left_out(items: list[WorkItem], tmp_path: Path) -> None:
    import dataclasses

    undated = dataclasses.replace(items[0], id=99, due=None, rrule=None)
    write_ics([undated], tmp_path / "a.ics", name="x", stamp=STAMP)
    assert not _read(tmp_path / "a.ics").walk("VTODO")
