"""Whole runs on SQLite and PostgreSQL: sent once per day, only what is new later, a dry run that
sends and writes nothing, quiet hours, the monthly 通报, 督办 replies, and the lease that lets
several workers (or cron and a worker) send once."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from taizhang.errors import LedgerError
from taizhang.ledger.reminders import UnitRule
from taizhang.notify.runner import run
from taizhang.notify.scheduler import Scheduler
from taizhang.store import Ledger
from taizhang.store.notify import NoticeBook

from tests.notify.conftest import MORNING, TODAY, Robots, document


def _run(ledger: Ledger, robots: Robots, *, today: dt.date = TODAY,
         now: dt.datetime = MORNING, **kw: Any) -> Any:
    return run(ledger, robots.settings(**kw.pop("settings", {})), today=today, now=now,
               actor="test", holder=kw.pop("holder", "t"), sleep=lambda s: None, **kw)


def _keys(hit: Any) -> str:
    return hit.json["markdown"]["content"]


def test_twice_the_same_day_sends_once_then_only_new(ledger: Ledger, robots: Robots) -> None:
    book = NoticeBook(ledger)
    book.add_contact(channel="wecom", address=robots.wecom(), unit="市发展改革委", actor="t",
                     extra_hosts=("127.0.0.1",))
    book.add_contact(channel="wecom", address=robots.wecom("caizhengKey01"), unit="市财政局",
                     actor="t", extra_hosts=("127.0.0.1",))
    first = _run(ledger, robots)
    assert sorted(o.notice.contact.unit for o in first.outcomes) == ["市发展改革委", "市财政局"]
    assert len(robots.hits) == 2
    fin = next(h for h in robots.hits if h.query["key"] == ["caizhengKey01"])
    assert "缺报进展（1项）" in _keys(fin) and "2026-01-31一期进展未报送" in _keys(fin)
    assert "推行管委会模式（配合）" in _keys(fin)  # a supporting unit hears of the due date
    second = _run(ledger, robots)
    assert second.outcomes == [] and len(robots.hits) == 2
    # a new version of the document brings two more overdue items of 市发展改革委
    ledger.ingest(document(extra=2), actor="test")
    third = _run(ledger, robots, today=TODAY + dt.timedelta(days=1),
                 now=MORNING + dt.timedelta(days=1))
    [outcome] = third.outcomes
    assert outcome.notice.contact.unit == "市发展改革委"
    said = [k for k, _ in outcome.shown.keys()]
    assert len(said) == 2 and all(k.startswith("overdue:") for k in said)
    text = _keys(robots.hits[-1])
    assert "新增超期任务0" in text and "新增超期任务1" in text
    assert "开展产业优势调查" not in text  # said yesterday; said again only after repeat_days


def test_late_things_come_back_after_repeat_days(sqlite_ledger: Ledger, robots: Robots) -> None:
    book = NoticeBook(sqlite_ledger)
    book.add_contact(channel="wecom", address=robots.wecom(), unit="市发展改革委", actor="t",
                     extra_hosts=("127.0.0.1",))
    unit = sqlite_ledger.resolve_unit("沈阳市", "市发展改革委")
    book.set_rule(unit.id, UnitRule(days_before=7, repeat_days=3), actor="t")
    _run(sqlite_ledger, robots)
    later = TODAY + dt.timedelta(days=3)  # Thursday
    again = _run(sqlite_ledger, robots, today=later, now=dt.datetime.combine(later, MORNING.time()))
    [outcome] = again.outcomes
    kinds = {k.split(":")[0] for k, _ in outcome.shown.keys()}
    assert kinds == {"overdue"}  # late, so said again; "due soon" was news once
    assert "开展产业优势调查" in _keys(robots.hits[-1])


def test_dry_run_sends_and_writes_nothing(ledger: Ledger, robots: Robots) -> None:
    book = NoticeBook(ledger)
    book.add_contact(channel="wecom", address=robots.wecom(), unit="市发展改革委", actor="t",
                     extra_hosts=("127.0.0.1",))
    result = _run(ledger, robots, dry_run=True)
    assert [o.state for o in result.outcomes] == ["dry"]
    assert robots.hits == [] and book.records() == []
    assert [d.unit for d in result.plan.unreachable] == ["市财政局"]  # has things, no contact


def test_quiet_hours_and_weekends_defer(sqlite_ledger: Ledger, robots: Robots) -> None:
    book = NoticeBook(sqlite_ledger)
    book.add_contact(channel="wecom", address=robots.wecom(), unit="市发展改革委", actor="t",
                     extra_hosts=("127.0.0.1",))
    night = _run(sqlite_ledger, robots, now=dt.datetime(2026, 3, 2, 22, 30))
    assert [(o.state, o.error) for o in night.outcomes] == [("deferred", "免打扰时段 20:00–08:00")]
    saturday = dt.date(2026, 3, 7)
    weekend = _run(sqlite_ledger, robots, today=saturday,
                   now=dt.datetime.combine(saturday, MORNING.time()))
    assert [o.error for o in weekend.outcomes] == ["周末不发送"]
    assert robots.hits == [] and book.records() == []
    sent = _run(sqlite_ledger, robots)  # Monday morning: everything, once
    assert [o.state for o in sent.outcomes] == ["sent"]


def test_monthly_bulletin_once_a_month(ledger: Ledger, robots: Robots) -> None:
    book = NoticeBook(ledger)
    book.add_contact(channel="feishu", address=robots.feishu(), leaders=True, actor="t",
                     extra_hosts=("127.0.0.1",))
    first = _run(ledger, robots)
    [outcome] = first.outcomes
    assert outcome.notice.kind == "monthly"
    card = robots.hits[0].json["card"]
    assert card["header"]["title"]["content"] == "【通报】2026年3月任务落实情况"
    text = card["elements"][0]["content"]
    assert "红灯1项" in text and "有超期任务的单位（1个）" in text
    assert "沈阳市市发展改革委：牵头2项，完成0项（0%），超期1项" in text
    assert _run(ledger, robots).outcomes == []
    assert _run(ledger, robots, today=dt.date(2026, 3, 20),
                now=dt.datetime(2026, 3, 20, 9)).outcomes == []
    april = dt.date(2026, 4, 1)
    assert [o.notice.kind for o in _run(ledger, robots, today=april,
                                        now=dt.datetime(2026, 4, 1, 9)).outcomes] == ["monthly"]
    assert [r.counts for r in book.records(kind="monthly")] == [{"monthly": 1}] * 2


def test_duban_reply_due_then_late_then_escalated(sqlite_ledger: Ledger, robots: Robots) -> None:
    book = NoticeBook(sqlite_ledger)
    book.add_contact(channel="wecom", address=robots.wecom(), unit="市发展改革委", actor="t",
                     extra_hosts=("127.0.0.1",))
    late = next(i for i in sqlite_ledger.list_items() if i.title == "开展产业优势调查")
    notice = sqlite_ledger.issue_duban(late.id, actor="t", today=dt.date(2026, 2, 27),
                                       reason="超期未完成")
    _run(sqlite_ledger, robots)
    assert f"{notice.number}（提醒）请于2026-03-06前回复，事由：超期未完成" in _keys(robots.hits[-1])
    day = dt.date(2026, 3, 9)
    _run(sqlite_ledger, robots, today=day, now=dt.datetime.combine(day, MORNING.time()))
    assert "督办回复已超期（1项）" in _keys(robots.hits[-1])
    sqlite_ledger.escalate_duban(notice.id, actor="t", today=day)
    result = _run(sqlite_ledger, robots, today=day, now=dt.datetime.combine(day, MORNING.time()))
    assert [k for k, _ in result.outcomes[0].shown.keys()] == [
        f"duban:{notice.id}:duban:2026-03-14"]  # the escalation is news the same day
    sqlite_ledger.answer_duban(notice.id, unit="市发展改革委", text="已部署", actor="t")
    assert _run(sqlite_ledger, robots, today=day,
                now=dt.datetime.combine(day, MORNING.time())).outcomes == []


def test_a_held_lease_refuses_a_second_run(ledger: Ledger, robots: Robots) -> None:
    book = NoticeBook(ledger)
    book.add_contact(channel="wecom", address=robots.wecom(), unit="市发展改革委", actor="t",
                     extra_hosts=("127.0.0.1",))
    assert book.acquire("remind", "worker-1", dt.timedelta(minutes=30))
    with pytest.raises(LedgerError, match="另一个催办任务正在发送"):
        _run(ledger, robots, holder="worker-2")
    assert robots.hits == [] and book.records() == []
    book.release("remind", "worker-1")
    assert [o.state for o in _run(ledger, robots, holder="worker-2").outcomes] == ["sent"]


def test_two_web_workers_send_the_day_once(ledger: Ledger, robots: Robots) -> None:
    book = NoticeBook(ledger)
    book.add_contact(channel="wecom", address=robots.wecom(), unit="市发展改革委", actor="t",
                     extra_hosts=("127.0.0.1",))
    settings = robots.settings(remind_at=dt.time(8, 30))
    clock = {"now": dt.datetime(2026, 3, 2, 8, 0)}
    workers = [Scheduler(ledger, settings, today=lambda: TODAY, now=lambda: clock["now"],
                         sleep=lambda s: None) for _ in range(2)]
    assert [w.tick() for w in workers] == [None, None]  # before 08:30
    clock["now"] = dt.datetime(2026, 3, 2, 8, 31)
    results = [w.tick() for w in workers]
    assert results[0] is not None and results[1] is None
    assert len(robots.hits) == 1
    assert [w.tick() for w in workers] == [None, None]  # later ticks the same day: nothing
    assert len(book.records()) == 1
