"""The store on SQLite and PostgreSQL: ingest, versions, units, progress, 督办, audit, search."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from .conftest import snapshot
from .ledger_samples import jilin, shenyang
from taizhang.errors import (
    IllegalTransition,
    InputError,
    NotFound,
    PermissionDenied,
    StaleEdit,
)
from taizhang.ledger.model import DocState, DubanLevel, DubanState, Light, ProgressUpdate, Status
from taizhang.store import Ledger
from taizhang.store.engine import MIGRATIONS, head_revision

D = dt.date
OFFICE = "cli:督查室"


@pytest.fixture
def ledger(db_url: str) -> Ledger:
    with Ledger(db_url, clock=lambda: dt.datetime(2026, 3, 1, 9, 0)) as opened:
        opened.ingest(shenyang(), actor=OFFICE)
        opened.ingest(jilin(), actor=OFFICE)
        yield opened


def _item(ledger: Ledger, title: str, jurisdiction: str = "沈阳市") -> int:
    return next(i.id for i in ledger.list_items(jurisdiction=jurisdiction) if i.title == title)


def test_head_constant_matches_migrations() -> None:
    from alembic.script import ScriptDirectory

    assert ScriptDirectory(str(MIGRATIONS)).get_current_head() == head_revision()


def test_reopen_keeps_data(db_url: str, ledger: Ledger) -> None:
    with Ledger(db_url) as again:
        assert [d.doc_number for d in again.list_documents()] == ["沈政办发〔2018〕78号",
                                                                  "吉政发〔2016〕41号"]


def test_ingest_same_document_changes_nothing(db_url: str, ledger: Ledger) -> None:
    before = snapshot(db_url)
    result = ledger.ingest(shenyang(), actor=OFFICE)
    assert result.outcome == "unchanged" and result.document.version == 1
    assert snapshot(db_url) == before


def test_units_are_keyed_by_jurisdiction(ledger: Ledger) -> None:
    sy = ledger.resolve_unit("沈阳市", "市发展改革委")
    jl = ledger.resolve_unit("吉林省", "市发展改革委")
    assert sy.id != jl.id
    sy_items = ledger.list_items(unit="市发展改革委", jurisdiction="沈阳市", role="lead")
    assert {i.title for i in sy_items} == {"推行管委会模式", "强化项目调度"}
    assert all(i.jurisdiction == "沈阳市" for i in sy_items)
    with pytest.raises(InputError, match="多个地区"):
        ledger.list_items(unit="市发展改革委")


def test_new_version_keeps_history(ledger: Ledger) -> None:
    item = _item(ledger, "推行管委会模式")
    ledger.report(item, unit="市发展改革委", actor="cli:市发展改革委", today=D(2018, 6, 1), percent=30)
    result = ledger.ingest(shenyang(" 修订", extra_task=True), actor=OFFICE)
    assert (result.outcome, result.document.version) == ("new_version", 2)
    assert (result.matched, result.added, result.dropped) == (3, 1, 0)
    kept = ledger.get_item(item)
    assert kept.document_id == result.document.id and kept.percent == 30
    assert [e.action for e in ledger.history(item)] == ["item.create", "item.report", "item.revise"]
    assert len(ledger.list_documents()) == 2 and len(ledger.list_documents(all_versions=True)) == 3


def test_draft_hidden_until_published(ledger: Ledger) -> None:
    doc = jilin()._replace(doc_number="吉政发〔2016〕42号", text="另一份")
    result = ledger.ingest(doc, actor=OFFICE, draft=True)
    assert result.document.state is DocState.DRAFT
    assert len(ledger.list_items(jurisdiction="吉林省")) == 1
    assert len(ledger.list_items(jurisdiction="吉林省", include_drafts=True)) == 2
    ledger.publish("吉政发〔2016〕42号", actor=OFFICE)
    assert len(ledger.list_items(jurisdiction="吉林省")) == 2
    with pytest.raises(IllegalTransition):
        ledger.publish(result.document.id, actor=OFFICE)
    assert ledger.document_parse(result.document.id)["doc_number"] == "吉政发〔2016〕42号"
    assert ledger.document_text(result.document.id) == "另一份"


def test_a_document_of_no_known_place_is_stored_undecided_and_flagged(ledger: Ledger) -> None:
    # no issuer, a 发文字号 of no known 机关代字, a text naming no place: stored, not refused
    result = ledger.ingest(jilin()._replace(issuer=None, doc_number="X", text="新"), actor=OFFICE)
    record = ledger.get_document(result.document.id)
    assert record.jurisdiction == "未确定" and "jurisdiction_undecided" in record.review_flags
    assert any("--jurisdiction" in w for w in result.warnings)


def test_report_prefills_and_checks_units(db_url: str, ledger: Ledger) -> None:
    item = _item(ledger, "推行管委会模式")
    first = ledger.report(item, unit="市发改委", actor="u", today=D(2018, 6, 1), percent=40,
                          text="完成设计", problems="资金不足")
    assert first.unit == "市发展改革委" and first.status is Status.IN_PROGRESS
    second = ledger.report(item, unit="市发展改革委", actor="u", today=D(2018, 6, 15), percent=60)
    assert (second.text, second.problems) == ("完成设计", "资金不足")  # 最多报一次
    support = ledger.report(item, unit="市财政局", actor="f", today=D(2018, 6, 15), text="已拨付")
    assert support.percent == 0 and ledger.get_item(item).percent == 60
    before = snapshot(db_url)
    with pytest.raises(PermissionDenied, match="市营商局"):
        ledger.report(item, unit="市营商局", actor="x", today=D(2018, 6, 15), percent=90)
    with pytest.raises(NotFound, match="市教育局"):
        ledger.report(item, unit="市教育局", actor="x", today=D(2018, 6, 15), percent=90)
    with pytest.raises(PermissionDenied, match="配合单位"):
        ledger.report(item, unit="市财政局", actor="f", today=D(2018, 6, 15), status=Status.DONE)
    assert snapshot(db_url) == before


def test_stale_edit_refused_and_batch_all_or_nothing(db_url: str, ledger: Ledger) -> None:
    a, b = _item(ledger, "推行管委会模式"), _item(ledger, "优化营商环境")
    seen = ledger.get_item(a).version
    ledger.report(a, unit="市发展改革委", actor="one", today=D(2018, 6, 1), percent=20)
    before = snapshot(db_url)
    with pytest.raises(StaleEdit, match="已被他人修改"):
        ledger.apply_progress([
            ProgressUpdate(item_id=b, unit="市营商局", percent=50),
            ProgressUpdate(item_id=a, unit="市发展改革委", percent=90, expected_version=seen),
        ], actor="two", today=D(2018, 6, 2))
    assert snapshot(db_url) == before  # b's update was rolled back too
    done = ledger.apply_progress([
        ProgressUpdate(item_id=b, unit="市营商局", percent=50),
        ProgressUpdate(item_id=a, unit="市发展改革委", percent=90, expected_version=seen + 1),
    ], actor="two", today=D(2018, 6, 2))
    assert [r.percent for r in done] == [50, 90]


def test_recurring_item_needs_a_report_per_occurrence(ledger: Ledger) -> None:
    item = _item(ledger, "强化项目调度")
    occ = ledger.occurrences(item)
    assert [o.due for o in occ[:3]] == [D(2018, 5, 31), D(2018, 6, 30), D(2018, 7, 31)]
    assert occ[-1].due == D(2020, 12, 31)
    assert ledger.get_item(item, today=D(2018, 7, 10)).light is Light.YELLOW
    r1 = ledger.report(item, unit="市发展改革委", actor="u", today=D(2018, 7, 10), percent=10)
    r2 = ledger.report(item, unit="市发展改革委", actor="u", today=D(2018, 7, 10), percent=12)
    assert (r1.occurrence, r2.occurrence) == (D(2018, 5, 31), D(2018, 6, 30))
    assert ledger.get_item(item, today=D(2018, 7, 10)).light is Light.GREEN
    with pytest.raises(InputError, match="报送期"):
        ledger.report(item, unit="市发展改革委", actor="u", today=D(2018, 7, 10),
                      occurrence=D(2018, 7, 15))


def test_status_workflow_and_lights(ledger: Ledger) -> None:
    item = _item(ledger, "推行管委会模式")
    assert ledger.get_item(item, today=D(2018, 6, 1)).light is Light.GREEN  # 29 days left
    assert ledger.get_item(item, today=D(2018, 6, 20)).light is Light.YELLOW  # 10 days left
    assert ledger.get_item(item, today=D(2018, 7, 1)).light is Light.RED
    assert [i.id for i in ledger.list_items(today=D(2018, 7, 1), overdue=True,
                                            jurisdiction="沈阳市")] == [item]
    with pytest.raises(IllegalTransition, match="已销号"):
        ledger.set_status(item, Status.CLOSED, actor=OFFICE)
    ledger.report(item, unit="市发展改革委", actor="u", today=D(2018, 6, 28), status=Status.DONE)
    done = ledger.get_item(item, today=D(2018, 7, 1))
    assert (done.status, done.percent, done.completed_on, done.light) == (
        Status.DONE, 100, D(2018, 6, 28), Light.GREEN)
    with pytest.raises(IllegalTransition, match="督查室"):
        ledger.set_status(item, Status.CLOSED, actor="u", unit="市发展改革委")
    closed = ledger.set_status(item, Status.CLOSED, actor=OFFICE, note="核实无误")
    assert closed.status is Status.CLOSED
    stats = {s.unit: s for s in ledger.stats(today=D(2018, 7, 1), jurisdiction="沈阳市")}
    assert (stats["市发展改革委"].lead, stats["市发展改革委"].done,
            stats["市发展改革委"].on_time_rate) == (2, 1, 1.0)
    assert stats["市发展改革委"].support == 1


def test_duban_numbered_per_year(ledger: Ledger) -> None:
    a, b = _item(ledger, "推行管委会模式"), _item(ledger, "优化营商环境")
    n1 = ledger.issue_duban(a, actor=OFFICE, today=D(2026, 3, 1), reason="滞后")
    n2 = ledger.issue_duban(b, actor=OFFICE, today=D(2026, 3, 2))
    n3 = ledger.issue_duban(b, actor=OFFICE, today=D(2027, 1, 5))
    assert [n.number for n in (n1, n2, n3)] == ["督办〔2026〕1号", "督办〔2026〕2号",
                                                "督办〔2027〕1号"]
    assert n1.reply_due == D(2026, 3, 8)
    up = ledger.escalate_duban("督办〔2026〕1号", actor=OFFICE, today=D(2026, 3, 9))
    assert (up.level, up.reply_due) == (DubanLevel.DUBAN, D(2026, 3, 14))
    with pytest.raises(PermissionDenied):
        ledger.answer_duban(n1.id, unit="市营商局", text="x", actor="y")
    ans = ledger.answer_duban(n1.id, unit="市发展改革委", text="已整改", actor="z")
    assert ans.state is DubanState.ANSWERED
    assert ledger.close_duban(n1.id, actor=OFFICE).state is DubanState.CLOSED
    with pytest.raises(IllegalTransition):
        ledger.escalate_duban(n1.id, actor=OFFICE, today=D(2026, 3, 20))
    actions = [e.action for e in ledger.history(a)]
    assert actions[-4:] == ["duban.issue", "duban.escalate", "duban.answer", "duban.close"]
    assert len(ledger.list_duban(year=2026)) == 2


def test_audit_is_append_only(db_url: str, ledger: Ledger) -> None:
    with pytest.raises(DBAPIError):
        with ledger.engine.begin() as conn:
            conn.execute(text("UPDATE audit SET actor = 'nobody'"))
    with pytest.raises(DBAPIError):
        with ledger.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit"))
    assert all(e.actor == OFFICE for e in ledger.audit_log())


def test_alias_and_merge(ledger: Ledger) -> None:
    ledger.add_alias("沈阳市", "市营商环境建设局", "市营商局", actor=OFFICE)
    assert ledger.resolve_unit("沈阳市", "市营商环境建设局").name == "市营商局"
    with pytest.raises(InputError):
        ledger.add_alias("沈阳市", "市营商局", "市财政局", actor=OFFICE)
    merged = ledger.merge_units("沈阳市", "市营商局", "市发展改革委", actor=OFFICE)
    assert merged.name == "市发展改革委" and "市营商环境建设局" in merged.aliases
    item = ledger.get_item(_item(ledger, "优化营商环境"))
    assert item.lead == "市发展改革委" and item.support == ()
    assert ledger.resolve_unit("沈阳市", "市营商局").id == merged.id
    with pytest.raises(NotFound, match="是不是"):
        ledger.resolve_unit("沈阳市", "市发展改革")


def test_search_and_corrections(ledger: Ledger) -> None:
    assert [i.title for i in ledger.search("营商环境")] == ["优化营商环境"]
    assert [i.title for i in ledger.search("调度")] == ["强化项目调度"]  # short: LIKE path
    assert ledger.search("不存在的词语") == []
    item = _item(ledger, "推行管委会模式")
    fixed = ledger.correct(item, "due", "2018-09-30", actor="reviewer", note="原文为9月底")
    assert fixed.due == D(2018, 9, 30)
    fixed = ledger.correct(item, "support", ["市财政局"], actor="reviewer")
    assert fixed.support == ("市财政局",)
    got = ledger.corrections("沈政办发〔2018〕78号")
    assert [(c.field, c.before, c.after) for c in got] == [
        ("due", "2018-06-30", "2018-09-30"), ("support", ["市财政局", "各区县(市)政府"], ["市财政局"])]
    with pytest.raises(InputError):
        ledger.correct(item, "status", "done", actor="reviewer")
    with pytest.raises(StaleEdit):
        ledger.correct(item, "title", "新标题", actor="reviewer", expected_version=1)


def test_users(ledger: Ledger) -> None:
    unit = ledger.resolve_unit("沈阳市", "市发展改革委")
    user = ledger.create_user("fgw", "$argon2id$hash", "reporter", unit_id=unit.id)
    assert (user.role.value, user.unit) == ("reporter", "市发展改革委")
    assert ledger.get_user("fgw") == user and ledger.get_user("nobody") is None
    with pytest.raises(InputError):
        ledger.create_user("fgw", "h", "admin")
    with pytest.raises(InputError):
        ledger.create_user("r2", "h", "reporter")
    ledger.set_password_hash("fgw", "$argon2id$new", actor="admin")
    assert ledger.get_user("fgw").password_hash == "$argon2id$new"  # type: ignore[union-attr]
    assert [u.username for u in ledger.list_users()] == ["fgw"]
