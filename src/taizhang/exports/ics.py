"""Deadlines as an iCalendar file (RFC 5545, written with the ``icalendar`` library).

One VTODO per work item: DUE the deadline, RRULE for recurring work (按月调度 → FREQ=MONTHLY),
the task text, units and document in DESCRIPTION, a UID that stays the same across exports so a
subscribed calendar updates the entry instead of adding a copy. Some calendar programs (Google
Calendar among them) show no VTODO; ``kind="event"`` writes all-day VEVENTs instead.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from icalendar import Alarm, Calendar, Event, Todo, vRecur

from taizhang.exports import labels as L
from taizhang.ledger.model import FINISHED, Status, WorkItem

PRODID = "-//taizhang//台账 任务时限//ZH"
UID_DOMAIN = "taizhang"

_TODO_STATUS = {Status.PENDING: "NEEDS-ACTION", Status.IN_PROGRESS: "IN-PROCESS",
                Status.LAGGING: "IN-PROCESS", Status.SUSPENDED: "CANCELLED",
                Status.DONE: "COMPLETED", Status.CLOSED: "COMPLETED"}


def item_uid(item: WorkItem) -> str:
    """Stable per item (not per version): re-exports replace the calendar entry."""
    return f"item-{item.id}@{UID_DOMAIN}"


def build_calendar(items: Iterable[WorkItem], *, name: str, stamp: dt.datetime,
                   kind: str = "todo", alarm_days: int = 7) -> Calendar:
    """The calendar object; ``stamp`` (DTSTAMP) is handed in so output is reproducible."""
    if kind not in ("todo", "event"):
        raise ValueError(kind)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    for item in items:
        component = _component(item, stamp=stamp, kind=kind, alarm_days=alarm_days)
        if component is not None:
            cal.add_component(component)
    return cal


def write_ics(items: Iterable[WorkItem], file: str | Path | IO[bytes], *, name: str,
              stamp: dt.datetime, kind: str = "todo", alarm_days: int = 7) -> None:
    """Write the calendar; items with neither a due date nor a rule are left out (nothing to show)."""
    data = build_calendar(items, name=name, stamp=stamp, kind=kind,
                          alarm_days=alarm_days).to_ical()
    if isinstance(file, (str, Path)):
        Path(file).write_bytes(data)
    else:
        file.write(data)


def _component(item: WorkItem, *, stamp: dt.datetime, kind: str,
               alarm_days: int) -> Todo | Event | None:
    first = _first_date(item)
    if first is None:
        return None
    comp: Todo | Event = Todo() if kind == "todo" else Event()
    comp.add("uid", item_uid(item))
    comp.add("dtstamp", stamp)
    comp.add("summary", f"【{item.lead or '未明确'}】{item.title}")
    comp.add("description", _description(item))
    comp.add("categories", [u for u in item.units] or ["未明确单位"])
    if item.rrule:
        # a recurring deadline needs its first occurrence as DTSTART; the rule repeats it
        comp.add("dtstart", first)
        rule = vRecur.from_ical(item.rrule)
        if item.due and "UNTIL" not in rule and "COUNT" not in rule:
            rule["UNTIL"] = item.due  # the end of the period bounds the repetitions
        comp.add("rrule", rule)
    elif kind == "todo" and item.start and item.start < first:
        comp.add("dtstart", item.start)
    if kind == "todo":
        if item.rrule:
            # RFC 5545 wants DUE later than DTSTART; for repeating work DURATION says the
            # same thing — each occurrence is due by the end of its day
            comp.add("duration", dt.timedelta(days=1))
        else:
            comp.add("due", first)
        comp.add("status", _TODO_STATUS[item.status])
        comp.add("percent-complete", max(0, min(100, item.percent)))
        comp.add("priority", 1 if item.light is not None and item.light.value == "red" else 5)
    else:
        if not item.rrule:
            comp.add("dtstart", first)
        comp.add("dtend", first + dt.timedelta(days=1))
        comp.add("transp", "TRANSPARENT")
    if alarm_days and item.status not in FINISHED:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{alarm_days}天后到期：{item.title}")
        # a to-do's alarm counts back from its DUE (RELATED=END); an event's from its day
        alarm.add("trigger", dt.timedelta(days=-alarm_days),
                  parameters={"RELATED": "END"} if kind == "todo" else {})
        comp.add_component(alarm)
    return comp


def _first_date(item: WorkItem) -> dt.date | None:
    """The due date; for a rule, its first occurrence on or after the start of the work."""
    if not item.rrule:
        return item.due
    from dateutil.rrule import rrulestr

    start = item.start or item.due
    if start is None:
        return None
    base = dt.datetime.combine(start, dt.time())
    rule = rrulestr(item.rrule, dtstart=base)
    nxt = rule.after(base, inc=True)
    return nxt.date() if nxt else start


def _description(item: WorkItem) -> str:
    lines = [
        f"工作任务：{item.title}",
        f"具体内容：{item.text}",
        f"牵头单位：{item.lead or '未明确'}",
    ]
    if item.support:
        lines.append(f"责任单位：{L.units_label(item.support)}")
    if item.leaders:
        lines.append(f"责任领导：{L.units_label(item.leaders)}")
    lines.append(f"完成时限：{L.due_label(item)}")
    lines.append(f"状态：{item.status.label}（完成{item.percent}%）")
    lines.append(f"来源：{L.document_label(item)} {item.task_key}")
    lines.append(f"台账编号：{item.id}")
    return "\n".join(lines)
