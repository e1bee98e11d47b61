"""催办 storage: contacts, per-unit settings, the record of every notice, and the run lease.

``NoticeBook(ledger)`` works on the ledger's engine (migration 0008 made its tables). Contacts are
checked before they are written and audited without their address or secret; a removed contact
keeps its row (records point to it) but loses both. The lease is one row per name: whoever
updates or inserts it holds it until it expires, which is how several web workers, or cron and
a worker, agree that only one of them sends.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    Boolean, Column, Date, DateTime, ForeignKey, Integer, String, Table, Text, delete, func,
    insert, or_, select, update,
)
from sqlalchemy.exc import IntegrityError

from taizhang.errors import InputError, NotFound
from taizhang.ledger.model import Report
from taizhang.ledger.reminders import UnitRule
from taizhang.notify.contacts import Contact, check_address, check_channel, check_secret
from taizhang.notify.records import NoticeRecord
from taizhang.store import audit, items, schema as s, units
from taizhang.store.engine import Ctx

contacts_t = Table(
    "notify_contacts", s.metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id")),
    Column("audience", String(16), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("address", Text, nullable=False),
    Column("secret", Text),
    Column("attach", Boolean, nullable=False),
    Column("enabled", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(200), nullable=False),
)
units_t = Table(
    "notify_units", s.metadata,
    Column("unit_id", Integer, ForeignKey("units.id"), primary_key=True),
    Column("days_before", Integer, nullable=False),
    Column("repeat_days", Integer, nullable=False),
    Column("quiet_start", String(5)),
    Column("quiet_end", String(5)),
    Column("weekends", Boolean, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("updated_by", String(200), nullable=False),
)
log_t = Table(
    "notify_log", s.metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id")),
    Column("contact_id", Integer, ForeignKey("notify_contacts.id")),
    Column("kind", String(16), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("target", String(300), nullable=False),
    Column("day", Date, nullable=False),
    Column("subject", Text, nullable=False),
    Column("counts", Text, nullable=False),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("error", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("actor", String(200), nullable=False),
)
entries_t = Table(
    "notify_entries", s.metadata,
    Column("log_id", Integer, ForeignKey("notify_log.id"), primary_key=True),
    Column("key", String(120), primary_key=True),
    Column("item_id", Integer),
)
leases_t = Table(
    "notify_leases", s.metadata,
    Column("name", String(64), primary_key=True),
    Column("holder", String(200), nullable=False),
    Column("until", DateTime, nullable=False),
)

_CONTACT_COLS = [*contacts_t.c, s.units.c.name.label("unit_name"),
                 s.units.c.jurisdiction.label("unit_place")]


def _contact(r: Any) -> Contact:
    return Contact(id=r.id, unit_id=r.unit_id, audience=r.audience, channel=r.channel,
                   address=r.address, secret=r.secret, attach=bool(r.attach),
                   enabled=bool(r.enabled), unit=r.unit_name, jurisdiction=r.unit_place)


def _clock(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


class NoticeBook:
    """The 催办 tables of one ledger."""

    def __init__(self, ledger: Any) -> None:
        self.ledger = ledger
        self.engine = ledger.engine

    def _ctx(self, conn: Any) -> Ctx:
        return Ctx(conn, self.ledger.clock(), self.engine.dialect.name)

    # contacts ----------------------------------------------------------------------------------

    def add_contact(self, *, channel: str, address: str, actor: str, unit: str | None = None,
                    jurisdiction: str | None = None, leaders: bool = False,
                    secret: str | None = None, attach: bool = False,
                    extra_hosts: Iterable[str] = ()) -> Contact:
        """Check and store a contact; InputError (nothing written) for a malformed one."""
        code = check_channel(channel)
        value = check_address(code, address, extra_hosts=extra_hosts)
        key = check_secret(code, secret)
        if leaders == bool(unit):
            raise InputError("联系方式要么属于一个单位，要么属于领导通报名单",
                             hint="请给出 --unit 单位名，或只用 --leaders")
        if attach and code != "email":
            raise InputError("只有邮件可以带附件", hint="群机器人消息里有下载填报表的链接")
        with self.engine.begin() as conn:
            ctx = self._ctx(conn)
            unit_id = units.resolve(ctx, jurisdiction, unit).id if unit else None
            same = conn.execute(select(contacts_t.c.id).where(
                (contacts_t.c.unit_id == unit_id) if unit_id is not None
                else contacts_t.c.unit_id.is_(None),
                contacts_t.c.channel == code, contacts_t.c.address == value,
                contacts_t.c.enabled.is_(True))).first()
            if same is not None:
                raise InputError(f"已有相同的联系方式（编号 {same.id}）", hint="无需重复添加")
            new_id = conn.execute(insert(contacts_t).values(
                unit_id=unit_id, audience="leaders" if leaders else "unit", channel=code,
                address=value, secret=key, attach=attach, enabled=True, created_at=ctx.now,
                created_by=actor).returning(contacts_t.c.id)).scalar_one()
            made = self._get(conn, new_id)
            audit.record(conn, ctx.now, actor=actor, action="notify.contact.add",
                         entity="contact", entity_id=new_id, before=None,
                         after={k: v for k, v in made.to_dict().items() if k != "id"})
        return made

    def _get(self, conn: Any, contact_id: int) -> Contact:
        row = conn.execute(select(*_CONTACT_COLS).outerjoin(
            s.units, s.units.c.id == contacts_t.c.unit_id).where(
            contacts_t.c.id == contact_id, contacts_t.c.address != "")).first()
        if row is None:
            raise NotFound(f"没有编号为 {contact_id} 的联系方式",
                           hint="用 taizhang contacts list 查看")
        return _contact(row)

    def get_contact(self, contact_id: int) -> Contact:
        with self.engine.connect() as conn:
            return self._get(conn, contact_id)

    def contacts(self, *, unit_id: int | None = None, audience: str | None = None,
                 enabled: bool | None = True) -> list[Contact]:
        q = (select(*_CONTACT_COLS).outerjoin(s.units, s.units.c.id == contacts_t.c.unit_id)
             .where(contacts_t.c.address != ""))
        if unit_id is not None:
            q = q.where(contacts_t.c.unit_id == unit_id)
        if audience is not None:
            q = q.where(contacts_t.c.audience == audience)
        if enabled is not None:
            q = q.where(contacts_t.c.enabled.is_(enabled))
        with self.engine.connect() as conn:
            return [_contact(r) for r in conn.execute(q.order_by(contacts_t.c.id))]

    def remove_contact(self, contact_id: int, *, actor: str) -> Contact:
        """Stop using a contact and forget its address and secret (its records stay)."""
        with self.engine.begin() as conn:
            ctx = self._ctx(conn)
            old = self._get(conn, contact_id)
            conn.execute(update(contacts_t).where(contacts_t.c.id == contact_id).values(
                enabled=False, address="", secret=None))
            audit.record(conn, ctx.now, actor=actor, action="notify.contact.remove",
                         entity="contact", entity_id=contact_id,
                         before={"unit": old.unit, "channel": old.channel, "target": old.target},
                         after={"removed": True})
        return old

    # per-unit settings -------------------------------------------------------------------------

    def rules(self) -> dict[int, UnitRule]:
        with self.engine.connect() as conn:
            return {r.unit_id: UnitRule(days_before=r.days_before, repeat_days=r.repeat_days,
                                        quiet_start=_clock(r.quiet_start),
                                        quiet_end=_clock(r.quiet_end), weekends=bool(r.weekends))
                    for r in conn.execute(select(units_t))}

    def rule(self, unit_id: int) -> UnitRule:
        return self.rules().get(unit_id, UnitRule())

    def set_rule(self, unit_id: int, rule: UnitRule, *, actor: str) -> UnitRule:
        if not 0 <= rule.days_before <= 90 or not 0 <= rule.repeat_days <= 90:
            raise InputError("提前天数和重复间隔应在 0 到 90 天之间",
                             hint=f"收到：提前 {rule.days_before} 天，间隔 {rule.repeat_days} 天")
        if (rule.quiet_start is None) != (rule.quiet_end is None):
            raise InputError("免打扰时段要同时给出开始和结束", hint="例如 20:00-08:00，或 none 表示不设")
        with self.engine.begin() as conn:
            ctx = self._ctx(conn)
            unit = units.get_unit(ctx, unit_id)
            before = conn.execute(select(units_t).where(units_t.c.unit_id == unit_id)).first()
            conn.execute(delete(units_t).where(units_t.c.unit_id == unit_id))
            values = {"days_before": rule.days_before, "repeat_days": rule.repeat_days,
                      "quiet_start": rule.quiet_start.strftime("%H:%M") if rule.quiet_start else None,
                      "quiet_end": rule.quiet_end.strftime("%H:%M") if rule.quiet_end else None,
                      "weekends": rule.weekends}
            conn.execute(insert(units_t).values(unit_id=unit_id, updated_at=ctx.now,
                                                updated_by=actor, **values))
            audit.record(conn, ctx.now, actor=actor, action="notify.unit", entity="unit",
                         entity_id=unit.id,
                         before={k: getattr(before, k) for k in values} if before else None,
                         after=values)
        return rule

    # records -----------------------------------------------------------------------------------

    def sent_keys(self, contact_ids: Sequence[int]) -> dict[int, dict[str, dt.date]]:
        """Per contact, every entry key it was sent and the last day it was."""
        out: dict[int, dict[str, dt.date]] = {c: {} for c in contact_ids}
        if not contact_ids:
            return out
        q = (select(log_t.c.contact_id, entries_t.c.key, func.max(log_t.c.day))
             .join(log_t, log_t.c.id == entries_t.c.log_id)
             .where(log_t.c.state == "sent", log_t.c.contact_id.in_(list(contact_ids)))
             .group_by(log_t.c.contact_id, entries_t.c.key))
        with self.engine.connect() as conn:
            for contact_id, key, day in conn.execute(q):
                out[contact_id][key] = day if isinstance(day, dt.date) else dt.date.fromisoformat(day)
        return out

    def record(self, *, contact: Contact, kind: str, day: dt.date, subject: str,
               counts: dict[str, int], state: str, attempts: int, error: str, actor: str,
               keys: Sequence[tuple[str, int | None]] = ()) -> int:
        """One notice and the entries it carried, in one transaction."""
        with self.engine.begin() as conn:
            now = self.ledger.clock()
            log_id = conn.execute(insert(log_t).values(
                unit_id=contact.unit_id, contact_id=contact.id, kind=kind,
                channel=contact.channel, target=contact.target, day=day, subject=subject,
                counts=json.dumps(counts, ensure_ascii=False), state=state, attempts=attempts,
                error=error, created_at=now, actor=actor).returning(log_t.c.id)).scalar_one()
            rows = [{"log_id": log_id, "key": k, "item_id": i} for k, i in dict(keys).items()]
            if rows:
                conn.execute(insert(entries_t), rows)
        return int(log_id)

    def records(self, *, unit_id: int | None = None, state: str | None = None,
                kind: str | None = None, channel: str | None = None,
                day_from: dt.date | None = None, day_to: dt.date | None = None,
                limit: int = 500, with_keys: bool = False) -> list[NoticeRecord]:
        """Notices, failures first, then newest first."""
        q = select(log_t, s.units.c.name.label("unit_name")).outerjoin(
            s.units, s.units.c.id == log_t.c.unit_id)
        for column, value in ((log_t.c.unit_id, unit_id), (log_t.c.state, state),
                              (log_t.c.kind, kind), (log_t.c.channel, channel)):
            if value is not None:
                q = q.where(column == value)
        if day_from is not None:
            q = q.where(log_t.c.day >= day_from)
        if day_to is not None:
            q = q.where(log_t.c.day <= day_to)
        failed_first = (log_t.c.state == "failed").desc()
        q = q.order_by(failed_first, log_t.c.id.desc()).limit(limit)
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
            keys: dict[int, list[str]] = {}
            if with_keys and rows:
                for log_id, key in conn.execute(select(entries_t.c.log_id, entries_t.c.key)
                                                .where(entries_t.c.log_id.in_([r.id for r in rows]))
                                                .order_by(entries_t.c.key)):
                    keys.setdefault(log_id, []).append(key)
        return [NoticeRecord(id=r.id, unit_id=r.unit_id, contact_id=r.contact_id, kind=r.kind,
                             channel=r.channel, target=r.target, day=r.day, subject=r.subject,
                             counts=json.loads(r.counts), state=r.state, attempts=r.attempts,
                             error=r.error, created_at=r.created_at, actor=r.actor,
                             unit=r.unit_name, keys=tuple(keys.get(r.id, ())))
                for r in rows]

    # what the reminders read besides the items -------------------------------------------------

    def occurrence_reports(self, item_ids: Iterable[int]) -> dict[int, list[Report]]:
        """The reports that answered an occurrence, per item (one statement, filtered here:
        an IN list of thousands of recurring items costs more than it saves)."""
        wanted = set(item_ids)
        out: dict[int, list[Report]] = {}
        if not wanted:
            return out
        q = (select(s.reports, s.units.c.name.label("unit_name"))
             .join(s.units, s.units.c.id == s.reports.c.unit_id)
             .where(s.reports.c.occurrence.is_not(None)))
        with self.engine.connect() as conn:
            for r in conn.execute(q):
                if r.item_id in wanted:
                    out.setdefault(r.item_id, []).append(items.report_from_row(r, r.unit_name))
        return out

    # the lease ---------------------------------------------------------------------------------

    def acquire(self, name: str, holder: str, ttl: dt.timedelta) -> bool:
        """Hold ``name`` until now + ``ttl`` unless someone else holds it unexpired."""
        with self.engine.begin() as conn:
            now = self.ledger.clock()
            got = conn.execute(update(leases_t).where(
                leases_t.c.name == name,
                or_(leases_t.c.until < now, leases_t.c.holder == holder)).values(
                holder=holder, until=now + ttl)).rowcount
            if got:
                return True
            try:
                with conn.begin_nested():
                    conn.execute(insert(leases_t).values(name=name, holder=holder,
                                                         until=now + ttl))
                return True
            except IntegrityError:
                return False

    def holder(self, name: str) -> tuple[str, dt.datetime] | None:
        """Who holds ``name`` and until when, if anyone does now."""
        with self.engine.connect() as conn:
            row = conn.execute(select(leases_t).where(leases_t.c.name == name)).first()
        if row is None or row.until < self.ledger.clock():
            return None
        return row.holder, row.until

    def release(self, name: str, holder: str) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(leases_t).where(leases_t.c.name == name,
                                                leases_t.c.holder == holder))
