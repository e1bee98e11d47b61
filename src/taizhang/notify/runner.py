"""A 催办 run: gather what is due, plan one notice per unit and contact, send, record.

    gather   items (with lights), 督办 notices, occurrence reports → entries → one digest per unit
    plan     per contact: only entries it has not been sent (or late ones due again); quiet
             hours and weekends defer a unit's notices to the next run; the monthly 通报 once
             a month to the leaders' list
    send     every notice tried ``attempts`` times with doubling waits, then recorded as sent or
             failed — never dropped: entries of a failed notice stay unsent for the next run

Other sources of entries (the project register's blockers, once it lands) plug in through
:data:`SOURCES`: a function ``(ledger, today, units) → entries``.
"""
from __future__ import annotations

import datetime as dt
import io
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from taizhang.errors import DeliveryFailed, LedgerError
from taizhang.ledger.model import FINISHED, DubanState, Status, WorkItem
from taizhang.ledger.reminders import (
    Digest, Entry, UnitRule, Units, digests, duban_entries, item_entries, still_to_say,
)
from taizhang.notify.contacts import Contact
from taizhang.notify.mail import Attachment
from taizhang.notify.message import Message, bulletin_message, digest_message, test_message
from taizhang.notify.settings import NotifySettings

Source = Callable[[Any, dt.date, Units], Iterable[Entry]]
SOURCES: list[Source] = []  # more entries for the digests, e.g. blockers past their deadline

LEASE = "remind"
LEASE_TTL = dt.timedelta(minutes=30)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True, slots=True)
class Gathered:
    today: dt.date
    items: list[WorkItem]
    units: Units
    rules: dict[int, UnitRule]
    digests: dict[int, Digest]


def gather(ledger: Any, book: Any, today: dt.date, *,
           only_unit: int | None = None) -> Gathered:
    """Every unit's digest for ``today`` (the units without a contact too: a run names them)."""
    import gc

    # 20,000 items and their entries are tens of thousands of acyclic objects: the cyclic
    # collector's passes over them cost a fifth of the time and find nothing (as in `tasks`)
    paused = gc.isenabled()
    gc.disable()
    try:
        return _gather(ledger, book, today, only_unit)
    finally:
        if paused:
            gc.enable()


def _gather(ledger: Any, book: Any, today: dt.date, only_unit: int | None) -> Gathered:
    found = ledger.list_items(today=today)
    units = Units.of({u.id: (u.jurisdiction, u.name) for u in ledger.list_units()})
    rules = book.rules()
    open_recurring = [i.id for i in found if i.rrule and i.status not in FINISHED
                      and i.status is not Status.SUSPENDED]
    reports = book.occurrence_reports(open_recurring)
    entries = item_entries(found, today, unit_ids=units.ids, rules=rules, default=UnitRule(),
                           grace_days=ledger.thresholds.report_grace_days, reports=reports)
    by_id = {i.id: i for i in found}
    entries += duban_entries(ledger.list_duban(state=DubanState.OPEN), by_id, today,
                             unit_ids=units.ids)
    for source in SOURCES:
        entries += list(source(ledger, today, units))
    if only_unit is not None:
        entries = [e for e in entries if e.unit_id == only_unit]
    return Gathered(today, found, units, rules, digests(entries, units, today))


@dataclass(frozen=True, slots=True)
class Notice:
    """One message planned for one contact."""

    contact: Contact
    kind: str  # digest | monthly | test
    message: Message
    unit_id: int | None
    deferred: str | None = None  # why it waits for a later run (quiet hours, weekend)
    keys: tuple[tuple[str, int | None], ...] = ()  # recorded besides the message's own lines
    attachment: Callable[[], Attachment] | None = None


@dataclass
class Plan:
    today: dt.date
    notices: list[Notice]
    unreachable: list[Digest]  # units with things to hear but no contact
    digests: int


def _fillin(items: Sequence[WorkItem], unit: tuple[str, str], today: dt.date
            ) -> Callable[[], Attachment]:
    place, name = unit

    def make() -> Attachment:
        from taizhang.exports.xlsx import write_fillin

        mine = [i for i in items if i.jurisdiction == place and name in i.units]
        buf = io.BytesIO()
        write_fillin(mine, buf, unit=name, today=today)
        return Attachment(f"{name}-填报表-{today.isoformat()}.xlsx", buf.getvalue(), XLSX)

    return make


def _monthly_report(items: Sequence[WorkItem], today: dt.date) -> Callable[[], Attachment]:
    def make() -> Attachment:
        from taizhang.exports.word import write_monthly_report

        buf = io.BytesIO()
        write_monthly_report(list(items), buf, today=today)
        return Attachment(f"{today.year}年{today.month}月调度报告.docx", buf.getvalue(), DOCX)

    return make


def plan(ledger: Any, book: Any, settings: NotifySettings, *, today: dt.date,
         now: dt.datetime, only_unit: int | None = None, monthly: bool = True) -> Plan:
    got = gather(ledger, book, today, only_unit=only_unit)
    contacts = book.contacts(enabled=True)
    sent = book.sent_keys([c.id for c in contacts])
    per_unit: dict[int, list[Contact]] = {}
    for c in contacts:
        if c.audience == "unit" and c.unit_id is not None:
            per_unit.setdefault(c.unit_id, []).append(c)
    notices: list[Notice] = []
    unreachable: list[Digest] = []
    for uid, digest in sorted(got.digests.items(), key=lambda kv: got.units.names[kv[0]]):
        reach = per_unit.get(uid)
        if not reach:
            unreachable.append(digest)
            continue
        rule = got.rules.get(uid, UnitRule())
        quiet = rule.quiet_reason(now)
        for c in reach:
            fresh = still_to_say(digest.entries, sent[c.id], today, rule)
            if not fresh:
                continue
            message = digest_message(replace(digest, entries=tuple(fresh)), settings)
            sheet = (_fillin(got.items, got.units.names[uid], today)
                     if c.attach and c.channel == "email" else None)
            notices.append(Notice(c, "digest", message, uid, quiet, attachment=sheet))
    if monthly and only_unit is None and today.day >= settings.monthly_day:
        key = f"monthly:{today:%Y-%m}"
        leaders = [c for c in contacts if c.audience == "leaders" and key not in sent[c.id]]
        if leaders:
            from taizhang.store.unit_stats import unit_stats

            lights = Counter(i.light.value for i in got.items if i.light is not None
                             and i.status not in FINISHED)
            message = bulletin_message(unit_stats(got.items, today), dict(lights), today,
                                       settings)
            quiet = UnitRule().quiet_reason(now)
            for c in leaders:
                report = _monthly_report(got.items, today) if c.attach and \
                    c.channel == "email" else None
                notices.append(Notice(c, "monthly", message, None, quiet, ((key, None),),
                                      report))
    return Plan(today, notices, unreachable, len(got.digests))


@dataclass
class Outcome:
    notice: Notice
    state: str  # sent | failed | deferred | dry
    attempts: int = 0
    error: str = ""
    shown: Message | None = None  # what went out after fitting the channel's size limit
    log_id: int | None = None


@dataclass
class RunResult:
    plan: Plan
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for o in self.outcomes if o.state == state)


def attempt(send: Callable[[], Message], attempts: int, backoff: float,
            sleep: Callable[[float], None]) -> tuple[int, Message | None, DeliveryFailed | None]:
    """Try ``send`` up to ``attempts`` times, waiting backoff, 2×backoff, … between tries."""
    for n in range(1, attempts + 1):
        try:
            return n, send(), None
        except DeliveryFailed as err:
            if not err.retry or n == attempts:
                return n, None, err
            sleep(backoff * 2 ** (n - 1))
    raise AssertionError("unreachable")  # attempts >= 1


class Sender:
    """Delivers notices over one SMTP session and one HTTP client per run."""

    def __init__(self, settings: NotifySettings, *, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], dt.datetime] | None = None) -> None:
        from taizhang.notify.mail import Mailer

        self.settings = settings
        self.sleep = sleep
        self.clock = clock or (lambda: dt.datetime.now(dt.timezone.utc))
        self.mailer = Mailer(settings)
        self._poster: Any = None

    def __enter__(self) -> "Sender":
        return self

    def __exit__(self, *exc: object) -> None:
        self.mailer.close()
        if self._poster is not None:
            self._poster.client.close()

    def _once(self, notice: Notice, attachment: list[Attachment]) -> Message:
        c = notice.contact
        if c.channel == "email":
            from taizhang.notify.mail import build, sender_of

            mail = build(notice.message, c.address, sender_of(self.settings), now=self.clock(),
                         attachments=attachment)
            self.mailer.send(mail)
            return notice.message
        from taizhang.notify.robots import Poster, request

        if self._poster is None:
            self._poster = Poster(self.settings.timeout)
        req = request(c, notice.message, now_s=time.time())
        self._poster.post(c, req)
        return req.message

    def deliver(self, notice: Notice) -> tuple[int, Message | None, DeliveryFailed | None]:
        try:
            files = [notice.attachment()] if notice.attachment else []
        except Exception as err:  # noqa: BLE001 - a sheet that cannot be made fails this notice
            return 1, None, DeliveryFailed(f"附件生成失败（{type(err).__name__}）")
        return attempt(lambda: self._once(notice, files), self.settings.attempts,
                       self.settings.backoff, self.sleep)


def send(result: RunResult, book: Any, sender: Sender, *, actor: str, dry_run: bool) -> None:
    """Deliver and record every planned notice (dry run: neither)."""
    for n in result.plan.notices:
        if n.deferred:
            result.outcomes.append(Outcome(n, "deferred", error=n.deferred))
            continue
        if dry_run:
            result.outcomes.append(Outcome(n, "dry", shown=n.message))
            continue
        tries, shown, err = sender.deliver(n)
        said = shown or n.message
        keys = list(n.keys) + said.keys()
        state = "sent" if err is None else "failed"
        counts = Counter(k.split(":", 1)[0] for k, _ in keys)
        log_id = book.record(contact=n.contact, kind=n.kind, day=result.plan.today,
                             subject=n.message.subject, counts=dict(counts), state=state,
                             attempts=tries, error=str(err) if err else "", actor=actor,
                             keys=keys)
        result.outcomes.append(Outcome(n, state, tries, str(err) if err else "", said, log_id))


def run(ledger: Any, settings: NotifySettings, *, today: dt.date, now: dt.datetime,
        actor: str, holder: str, dry_run: bool = False, only_unit: int | None = None,
        monthly: bool = True, sleep: Callable[[float], None] = time.sleep) -> RunResult:
    """One whole run under the lease (a dry run takes no lease and writes nothing)."""
    from taizhang.store.notify import NoticeBook

    book = NoticeBook(ledger)
    if not dry_run and not book.acquire(LEASE, holder, LEASE_TTL):
        who = book.holder(LEASE)
        held = f"（{who[0]}，至 {who[1]:%H:%M} UTC）" if who else ""
        raise LedgerError(f"另一个催办任务正在发送{held}，本次没有发送",
                          hint="稍后再运行；已发送的不会重复发送")
    try:
        result = RunResult(plan(ledger, book, settings, today=today, now=now,
                                only_unit=only_unit, monthly=monthly))
        with Sender(settings, sleep=sleep) as sender:
            send(result, book, sender, actor=actor, dry_run=dry_run)
        return result
    finally:
        if not dry_run:
            book.release(LEASE, holder)


def send_test(ledger: Any, settings: NotifySettings, contact: Contact, *, today: dt.date,
              actor: str, sleep: Callable[[float], None] = time.sleep) -> Outcome:
    """The "发送测试" button: one short message to one contact, recorded like any other; tried
    once, so whoever pressed the button learns at once whether the channel works."""
    from dataclasses import replace as with_

    from taizhang.store.notify import NoticeBook

    settings = with_(settings, attempts=1)
    label = f"{contact.unit or '领导通报名单'} · {contact.channel_label} {contact.target}"
    notice = Notice(contact, "test", test_message(label, today, settings), contact.unit_id)
    result = RunResult(Plan(today, [notice], [], 0))
    with Sender(settings, sleep=sleep) as sender:
        send(result, NoticeBook(ledger), sender, actor=actor, dry_run=False)
    return result.outcomes[0]
