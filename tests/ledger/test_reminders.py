"""催办 rules, pure: which entries an item or a 督办 notice gives, for whom, and when again."""
from __future__ import annotations

import datetime as dt

import pytest

from taizhang.ledger.model import DubanLevel, DubanNotice, DubanState, Report, Status, WorkItem
from taizhang.ledger.reminders import (
    Digest, Entry, UnitRule, Units, digests, duban_entries, item_entries, still_to_say,
)

TODAY = dt.date(2026, 3, 2)
UNITS = Units.of({1: ("沈阳市", "市发展改革委"), 2: ("沈阳市", "市财政局")})


def item(**kw: object) -> WorkItem:
    base: dict[str, object] = dict(id=7, document_id=1, task_key="一", seq=1, title="开展调查",
                                   text="开展调查。", jurisdiction="沈阳市", lead="市发展改革委",
                                   support=("市财政局",), start=dt.date(2026, 1, 1))
    return WorkItem(**(base | kw))  # type: ignore[arg-type]


def kinds(entries: list[Entry]) -> list[tuple[int, str, str]]:
    return [(e.unit_id, e.kind, e.role) for e in entries]


@pytest.mark.parametrize("fields, rules, expected", [
    pytest.param({"due": dt.date(2026, 2, 20)}, {},
                 [(1, "overdue", "lead"), (2, "overdue", "support")], id="overdue_to_both"),
    pytest.param({"due": dt.date(2026, 3, 5)}, {},
                 [(1, "due_soon", "lead"), (2, "due_soon", "support")], id="due_soon_default_7"),
    pytest.param({"due": dt.date(2026, 3, 5)}, {2: UnitRule(days_before=2)},
                 [(1, "due_soon", "lead")], id="days_before_per_unit"),
    pytest.param({"due": TODAY}, {}, [(1, "due_soon", "lead"), (2, "due_soon", "support")],
                 id="due_today_is_not_overdue"),
    pytest.param({"due": dt.date(2026, 6, 30)}, {}, [], id="far_off"),
    pytest.param({"due": dt.date(2026, 2, 20), "status": Status.DONE}, {}, [], id="done"),
    pytest.param({"due": dt.date(2026, 2, 20), "status": Status.SUSPENDED}, {}, [],
                 id="suspended"),
    pytest.param({"due": dt.date(2026, 2, 20), "lead": "市教育局", "support": ()}, {}, [],
                 id="unit_not_known"),
    pytest.param({"due": dt.date(2026, 12, 31), "rrule": "FREQ=MONTHLY"}, {},
                 [(1, "missing_report", "lead")], id="monthly_report_missing_lead_only"),
])
def test_item_entries(fields: dict[str, object], rules: dict[int, UnitRule],
                      expected: list[tuple[int, str, str]]) -> None:
    found = item_entries([item(**fields)], TODAY, unit_ids=UNITS.ids, rules=rules,
                         default=UnitRule(), grace_days=5, reports={})
    assert kinds(found) == expected


def test_missing_report_uses_the_lights_rule_and_the_answered_occurrences() -> None:
    it = item(due=dt.date(2026, 12, 31), rrule="FREQ=MONTHLY")
    answered = Report(id=1, item_id=7, unit="市发展改革委", actor="x",
                      at=dt.datetime(2026, 2, 1), status=Status.IN_PROGRESS, percent=10,
                      occurrence=dt.date(2026, 1, 31))
    args = dict(unit_ids=UNITS.ids, rules={}, default=UnitRule(), grace_days=5)
    def keys(day: dt.date, reports: dict[int, list[Report]]) -> list[str]:
        return [e.key for e in item_entries([it], day, reports=reports, **args)  # type: ignore[arg-type]
                if e.kind == "missing_report"]

    assert keys(dt.date(2026, 3, 4), {}) == ["missing_report:7:2026-01-31"]  # 02-28: in grace
    assert keys(dt.date(2026, 3, 4), {7: [answered]}) == []
    assert keys(dt.date(2026, 3, 10), {7: [answered]}) == ["missing_report:7:2026-02-28"]


def notice(state: DubanState = DubanState.OPEN, due: dt.date = dt.date(2026, 3, 6),
           level: DubanLevel = DubanLevel.REMINDER) -> DubanNotice:
    return DubanNotice(id=3, number="督办〔2026〕3号", year=2026, serial=3, item_id=7, level=level,
                       state=state, reason="超期", reply_due=due, issued_on=dt.date(2026, 2, 27),
                       issued_by="督查室")


@pytest.mark.parametrize("n, expected", [
    pytest.param(notice(), ["duban:3:reminder:2026-03-06"], id="awaiting_reply"),
    pytest.param(notice(due=dt.date(2026, 3, 1)), ["duban_late:3:reminder:2026-03-01"],
                 id="reply_late"),
    pytest.param(notice(level=DubanLevel.DUBAN), ["duban:3:duban:2026-03-06"], id="escalated"),
    pytest.param(notice(state=DubanState.ANSWERED), [], id="answered"),
])
def test_duban_entries(n: DubanNotice, expected: list[str]) -> None:
    found = duban_entries([n], {7: item(due=dt.date(2026, 2, 20))}, TODAY, unit_ids=UNITS.ids)
    assert [e.key for e in found] == expected and all(e.unit_id == 1 for e in found)


@pytest.mark.parametrize("kind, last, rule, again", [
    pytest.param("overdue", None, UnitRule(), True, id="never_sent"),
    pytest.param("overdue", TODAY, UnitRule(), False, id="sent_today"),
    pytest.param("overdue", TODAY - dt.timedelta(days=7), UnitRule(), True, id="late_again"),
    pytest.param("overdue", TODAY - dt.timedelta(days=6), UnitRule(), False, id="not_yet"),
    pytest.param("overdue", TODAY - dt.timedelta(days=30), UnitRule(repeat_days=0), False,
                 id="once_only"),
    pytest.param("due_soon", TODAY - dt.timedelta(days=30), UnitRule(), False,
                 id="news_said_once"),
    pytest.param("overdue", TODAY + dt.timedelta(days=1), UnitRule(), False,
                 id="sent_for_a_later_day"),
])
def test_still_to_say(kind: str, last: dt.date | None, rule: UnitRule, again: bool) -> None:
    e = Entry(1, kind, f"{kind}:7:x", "t", "d")
    sent = {e.key: last} if last else {}
    assert (still_to_say([e], sent, TODAY, rule) == [e]) is again


@pytest.mark.parametrize("now, rule, reason", [
    pytest.param(dt.datetime(2026, 3, 2, 9), UnitRule(), None, id="monday_morning"),
    pytest.param(dt.datetime(2026, 3, 2, 7, 59), UnitRule(), "免打扰时段 20:00–08:00",
                 id="before_eight"),
    pytest.param(dt.datetime(2026, 3, 2, 20), UnitRule(), "免打扰时段 20:00–08:00",
                 id="from_twenty"),
    pytest.param(dt.datetime(2026, 3, 7, 10), UnitRule(), "周末不发送", id="saturday"),
    pytest.param(dt.datetime(2026, 3, 7, 10), UnitRule(weekends=True), None, id="weekend_ok"),
    pytest.param(dt.datetime(2026, 3, 2, 13), UnitRule(quiet_start=dt.time(12),
                                                       quiet_end=dt.time(14)),
                 "免打扰时段 12:00–14:00", id="lunch"),
    pytest.param(dt.datetime(2026, 3, 2, 23), UnitRule(quiet_start=None, quiet_end=None), None,
                 id="no_quiet_hours"),
])
def test_quiet_reason(now: dt.datetime, rule: UnitRule, reason: str | None) -> None:
    assert rule.quiet_reason(now) == reason


def test_one_digest_per_unit_most_urgent_first() -> None:
    entries = [Entry(1, "due_soon", "a", "甲", "d", when=dt.date(2026, 3, 5)),
               Entry(1, "overdue", "b", "乙", "d", when=dt.date(2026, 2, 1)),
               Entry(1, "overdue", "c", "丙", "d", when=dt.date(2026, 1, 1)),
               Entry(2, "blocker", "d", "丁", "d")]  # a source's own kind still gets a section
    found = digests(entries, UNITS, TODAY)
    assert set(found) == {1, 2}
    one: Digest = found[1]
    assert [(k.code, [e.title for e in es]) for k, es in one.sections()] == [
        ("overdue", ["丙", "乙"]), ("due_soon", ["甲"])]
    assert one.subject == "【催办】市发展改革委 2026-03-02：已超期2项、临近时限1项"
    assert found[2].sections()[0][0].heading == "blocker"
