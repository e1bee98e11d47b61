"""催办: what each unit should hear about on a given day, worked out from the ledger's own rules.

Pure: items, the reports that answered their periodic occurrences, and 督办 notices go in with
``today`` and each unit's settings; entries (one per thing to say) come out, and one digest per
unit is made of them — never one message per item. Overdue and missing reports are decided by
:func:`taizhang.ledger.lights.is_overdue` and :func:`~taizhang.ledger.lights.missing_reports`,
the same functions the lights use, so a notice never disagrees with the page it links to.

    kind            what                                        key (what "sent once" means)
    overdue         an open item past its due date              overdue:<item>:<due>
    due_soon        due within the unit's ``days_before``       due_soon:<item>:<due>
    missing_report  an occurrence unreported past the grace     missing_report:<item>:<occurrence>
    duban           a 督办 notice awaiting the unit's reply      duban:<notice>:<level>:<reply due>
    duban_late      that reply is past its date                 duban_late:<notice>:<level>:<reply due>

Any other source (the project register's blockers, when it lands) adds entries of its own kind
through :class:`Entry` and a row in :data:`KINDS`; digests, channels and records take it as is.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from taizhang.ledger.lights import is_overdue, missing_reports
from taizhang.ledger.model import FINISHED, DubanNotice, DubanState, Report, Status, WorkItem


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of entry: its stable code, the heading of its section, and whether it is late
    (late things are said again every ``repeat_days``; the others once)."""

    code: str
    heading: str
    late: bool
    order: int


KINDS: dict[str, Kind] = {k.code: k for k in (
    Kind("overdue", "已超期", True, 10),
    Kind("duban_late", "督办回复已超期", True, 20),
    Kind("duban", "督办待回复", False, 30),
    Kind("missing_report", "缺报进展", True, 40),
    Kind("due_soon", "临近时限", False, 50),
    # the project register (issue 14) plugs in here: Kind("blocker", "堵点已过期限", True, 60)
)}


def kind_of(code: str) -> Kind:
    """The kind for ``code``; a source's kind not in the table still gets a section."""
    return KINDS.get(code) or Kind(code, code, False, 90)


@dataclass(frozen=True, slots=True)
class UnitRule:
    """How one unit wants to be reminded (``notify_units``; defaults for the others)."""

    days_before: int = 7  # say "临近时限" this many days before the due date
    repeat_days: int = 7  # say late things again after this many days; 0: once only
    quiet_start: dt.time | None = dt.time(20, 0)  # no messages from here …
    quiet_end: dt.time | None = dt.time(8, 0)  # … to here (may wrap past midnight)
    weekends: bool = False  # True: messages on Saturdays and Sundays too

    def quiet_reason(self, now: dt.datetime) -> str | None:
        """Why nothing may be sent at ``now`` (Chinese), or None when it may."""
        if not self.weekends and now.weekday() >= 5:
            return "周末不发送"
        start, end = self.quiet_start, self.quiet_end
        if start is None or end is None or start == end:
            return None
        t = now.time()
        inside = start <= t < end if start < end else (t >= start or t < end)
        if inside:
            return f"免打扰时段 {start:%H:%M}–{end:%H:%M}"
        return None


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing to tell one unit: an item due soon, an overdue item, a missing report …"""

    unit_id: int
    kind: str
    key: str  # stable: the same fact on another day has the same key
    title: str
    detail: str  # Chinese, e.g. 时限2018-06-30，已超期12天
    item_id: int | None = None
    role: str = "lead"  # lead | support
    when: dt.date | None = None  # the date that orders the section (due, occurrence, reply)
    link: str | None = None  # a path under the web app, e.g. /tasks/32


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything one unit hears on one day, in one message."""

    unit_id: int
    jurisdiction: str
    unit: str
    today: dt.date
    entries: tuple[Entry, ...]

    def sections(self) -> list[tuple[Kind, list[Entry]]]:
        """Entries by kind, most urgent kind first, earliest date first within each."""
        groups: dict[str, list[Entry]] = {}
        for e in self.entries:
            groups.setdefault(e.kind, []).append(e)
        kinds = sorted((kind_of(k) for k in groups), key=lambda k: (k.order, k.code))
        far = dt.date.max
        return [(k, sorted(groups[k.code], key=lambda e: (e.when or far, e.item_id or 0, e.key)))
                for k in kinds]

    def counts(self) -> dict[str, int]:
        return {k.code: len(es) for k, es in self.sections()}

    @property
    def subject(self) -> str:
        """``【催办】市财政局 2026-03-02：已超期2项、临近时限1项``"""
        parts = "、".join(f"{k.heading}{len(es)}项" for k, es in self.sections())
        return f"【催办】{self.unit} {self.today.isoformat()}：{parts}"


def _days(n: int) -> str:
    return f"{n}天"


def item_entries(items: Iterable[WorkItem], today: dt.date, *,
                 unit_ids: Mapping[tuple[str, str], int], rules: Mapping[int, UnitRule],
                 default: UnitRule, grace_days: int,
                 reports: Mapping[int, Sequence[Report]]) -> list[Entry]:
    """Overdue, due-soon and missing-report entries for every unit the items name.

    ``unit_ids`` maps (jurisdiction, unit name) to the unit's id; units not in it (no contact,
    or filtered out) get nothing. The lead owes the periodic reports; supporting units hear of
    due dates too, marked 配合. ``reports`` holds, per recurring item, the reports that answered
    an occurrence.
    """
    out: list[Entry] = []
    for item in items:
        if item.status in FINISHED or item.status is Status.SUSPENDED:
            continue
        names = [(n, "lead" if n == item.lead else "support") for n in item.units]
        targets = [(unit_ids[(item.jurisdiction, n)], role) for n, role in names
                   if (item.jurisdiction, n) in unit_ids]
        if not targets:
            continue
        link = f"/tasks/{item.id}"
        title = item.title
        if item.due is not None and is_overdue(item, today):
            late = (today - item.due).days
            detail = f"时限{item.due.isoformat()}，已超期{_days(late)}"
            for uid, role in targets:
                out.append(Entry(uid, "overdue", f"overdue:{item.id}:{item.due.isoformat()}",
                                 title, detail, item.id, role, item.due, link))
        elif item.due is not None and item.due >= today:
            left = (item.due - today).days
            for uid, role in targets:
                if left <= rules.get(uid, default).days_before:
                    detail = (f"时限{item.due.isoformat()}，" +
                              ("今天到期" if left == 0 else f"还有{_days(left)}") +
                              f"，当前进度{item.percent}%")
                    out.append(Entry(uid, "due_soon",
                                     f"due_soon:{item.id}:{item.due.isoformat()}", title,
                                     detail, item.id, role, item.due, link))
        if item.rrule:
            lead = next((uid for uid, role in targets if role == "lead"), None)
            if lead is None:
                continue
            for day in missing_reports(item, today, grace_days, reports.get(item.id, ())):
                detail = f"{day.isoformat()}一期进展未报送（已过{grace_days}天宽限）"
                out.append(Entry(lead, "missing_report", f"missing_report:{item.id}:{day.isoformat()}",
                                 title, detail, item.id, "lead", day, link))
    return out


def duban_entries(notices: Iterable[DubanNotice], items: Mapping[int, WorkItem],
                  today: dt.date, *, unit_ids: Mapping[tuple[str, str], int]) -> list[Entry]:
    """督办 notices awaiting a reply, to the item's lead unit: a new or escalated notice is said
    once (its key carries the level and reply date, so an escalation is news); a reply past
    its date is late, and said again as late things are."""
    out: list[Entry] = []
    for n in notices:
        if n.state is not DubanState.OPEN:
            continue
        item = items.get(n.item_id)
        if item is None or item.lead is None:
            continue
        uid = unit_ids.get((item.jurisdiction, item.lead))
        if uid is None:
            continue
        due = n.reply_due.isoformat() if n.reply_due else "—"
        stamp = f"{n.id}:{n.level.value}:{due}"
        reason = f"，事由：{n.reason}" if n.reason else ""
        if n.reply_due is not None and n.reply_due < today:
            detail = (f"{n.number}（{n.level.label}）回复期限{due}，已超过"
                      f"{_days((today - n.reply_due).days)}{reason}")
            out.append(Entry(uid, "duban_late", f"duban_late:{stamp}", item.title, detail,
                             item.id, "lead", n.reply_due, f"/duban/{n.id}"))
        else:
            detail = f"{n.number}（{n.level.label}）请于{due}前回复{reason}"
            out.append(Entry(uid, "duban", f"duban:{stamp}", item.title, detail, item.id,
                             "lead", n.reply_due, f"/duban/{n.id}"))
    return out


def still_to_say(entries: Iterable[Entry], sent: Mapping[str, dt.date], today: dt.date,
                 rule: UnitRule) -> list[Entry]:
    """The entries not yet said to a contact: never sent, or late and last sent at least
    ``repeat_days`` ago. ``sent`` maps an entry key to the last day it was sent."""
    out = []
    for e in entries:
        last = sent.get(e.key)
        if last is None:
            out.append(e)
        elif (kind_of(e.kind).late and rule.repeat_days > 0
              and (today - last).days >= rule.repeat_days):
            out.append(e)
    return out


@dataclass(frozen=True, slots=True)
class Units:
    """The units a run speaks to: id → (jurisdiction, name), and back."""

    names: Mapping[int, tuple[str, str]]
    ids: Mapping[tuple[str, str], int] = field(default_factory=dict)

    @classmethod
    def of(cls, names: Mapping[int, tuple[str, str]]) -> "Units":
        return cls(dict(names), {v: k for k, v in names.items()})


def digests(entries: Iterable[Entry], units: Units, today: dt.date) -> dict[int, Digest]:
    """One digest per unit that has anything to hear, keyed by unit id."""
    by_unit: dict[int, list[Entry]] = {}
    for e in entries:
        by_unit.setdefault(e.unit_id, []).append(e)
    out = {}
    for uid, found in by_unit.items():
        place, name = units.names[uid]
        out[uid] = Digest(uid, place, name, today, tuple(found))
    return out
