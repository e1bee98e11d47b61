"""The fast ingest writes: what it returns is what is stored, values are stored exactly as
SQLAlchemy would store them, and a failure part-way leaves nothing (one transaction)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import Boolean, Date, DateTime
from sqlalchemy.dialects import sqlite

from .conftest import snapshot
from .ledger_samples import jilin, shenyang
from taizhang.store import Ledger, audit, documents
from taizhang.store.bulk import sqlite_value

CLOCK = dt.datetime(2026, 3, 1, 9, 0, 5, 123456)  # microseconds survive the round trip


@pytest.mark.parametrize(("kind", "value"), [
    pytest.param(DateTime(), CLOCK, id="datetime"),
    pytest.param(DateTime(), dt.datetime(2018, 1, 2, 3, 4, 5), id="datetime_whole_second"),
    pytest.param(Date(), dt.date(2018, 6, 30), id="date"),
    pytest.param(Date(), dt.date(9, 1, 1), id="date_small_year"),
    pytest.param(Boolean(), True, id="true"),
    pytest.param(Boolean(), False, id="false"),
    pytest.param(Date(), None, id="null"),
])
def test_sqlite_values_match_sqlalchemy(kind: Any, value: Any) -> None:
    dialect = sqlite.dialect()
    process = kind.dialect_impl(dialect).bind_processor(dialect)
    assert sqlite_value(value) == (process(value) if process else value)


def test_plain_values_pass_through() -> None:
    assert [sqlite_value(v) for v in ("市发展改革委", 7, 1.5, None)] == ["市发展改革委", 7, 1.5, None]


def test_ingest_returns_what_is_stored(db_url: str) -> None:
    with Ledger(db_url, clock=lambda: CLOCK) as ledger:
        results = []
        for doc, draft in ((shenyang(), False), (jilin(), True),
                           (shenyang(" 修订", extra_task=True), False)):
            results.append(ledger.ingest(doc, actor="t", draft=draft))
            assert results[-1].document == ledger.get_document(results[-1].document.id)
        assert [r.outcome for r in results] == ["new", "new", "new_version"]
        assert results[2].document.item_count == 4 and results[2].matched == 3
        stored = ledger.list_items(include_drafts=True)
        assert {i.document_id for i in stored} == {results[1].document.id, results[2].document.id}
        first = next(i for i in stored if i.title == "推行管委会模式")
        assert (first.lead, first.support, first.leaders, first.due) == (
            "市发展改革委", ("市财政局", "各区县(市)政府"), ("王玲",), dt.date(2018, 6, 30))
        created = [e for e in ledger.audit_log(entity="item") if e.action == "item.create"]
        assert created[0].at == CLOCK and created[0].after == {
            "task_key": "一/(一)", "lead": "市发展改革委", "support": ["市财政局", "各区县(市)政府"],
            "due": "2018-06-30"}


def test_a_failure_part_way_leaves_nothing(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Ledger(db_url, clock=lambda: CLOCK) as ledger:
        ledger.ingest(jilin(), actor="t")
        before = snapshot(db_url)
        real = audit.row

        def failing(*args: Any, **kwargs: Any) -> dict[str, Any]:
            if kwargs.get("action") == "document.ingest":  # after items, units and support
                raise RuntimeError("disk full")
            return real(*args, **kwargs)

        monkeypatch.setattr(documents.audit, "row", failing)
        with pytest.raises(RuntimeError):
            ledger.ingest(shenyang()._replace(source="other.txt"), actor="t")
        assert snapshot(db_url) == before
        monkeypatch.setattr(documents.audit, "row", real)
        assert ledger.ingest(shenyang(), actor="t").document.item_count == 3


def test_unit_names_kept_across_ingests_follow_changes_by_others(db_url: str) -> None:
    """The registry a Ledger keeps between ingests sees another process's alias and merge."""
    with Ledger(db_url, clock=lambda: CLOCK) as mine, Ledger(db_url) as other:
        mine.ingest(shenyang(), actor="t")
        other.add_alias("沈阳市", "市营商办", "市营商局", actor="t")
        other.merge_units("沈阳市", "市财政局", "市发展改革委", actor="t")
        doc = jilin()._replace(source="j.txt", issuer="沈阳市人民政府", doc_number="沈政发〔2019〕1号")
        task = doc.tasks[0]
        assignment = task.assignments[0]._replace(lead=("市营商办",), support=("市财政局",))
        doc = doc._replace(tasks=(task._replace(assignments=(assignment,)),))
        result = mine.ingest(doc, actor="t")
        (item,) = mine.list_items(document=result.document.id)
        assert (item.lead, item.support) == ("市营商局", ("市发展改革委",))
        units = {u.name for u in mine.list_units(jurisdiction="沈阳市")}
        assert "市营商办" not in units and "市财政局" not in units


def test_units_of_a_rolled_back_ingest_are_not_remembered(
        db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Ledger(db_url, clock=lambda: CLOCK) as ledger:
        ledger.ingest(jilin(), actor="t")
        real = audit.row

        def failing(*args: Any, **kwargs: Any) -> dict[str, Any]:
            if kwargs.get("action") == "document.ingest":
                raise RuntimeError("disk full")
            return real(*args, **kwargs)

        monkeypatch.setattr(documents.audit, "row", failing)
        with pytest.raises(RuntimeError):  # registered 市营商局 etc., then rolled back
            ledger.ingest(shenyang(), actor="t")
        monkeypatch.setattr(documents.audit, "row", real)
        ledger.ingest(shenyang(), actor="t")
        (item,) = [i for i in ledger.list_items() if i.title == "优化营商环境"]
        assert ledger.resolve_unit("沈阳市", item.lead or "").name == "市营商局"


def test_a_new_version_revises_its_items_in_place(db_url: str) -> None:
    """Matched items keep id, reports and history; what changed is written and audited."""
    with Ledger(db_url, clock=lambda: CLOCK) as ledger:
        first = ledger.ingest(shenyang(), actor="t")
        old = {i.title: i for i in ledger.list_items()}
        ledger.report(old["推行管委会模式"].id, unit="市发展改革委", actor="t",
                      today=dt.date(2018, 6, 1), percent=30)
        doc = shenyang(" 修订")
        task = doc.tasks[0]
        moved = task.assignments[0]._replace(
            support=("市财政局", "市营商局"),
            deadlines=(task.assignments[0].deadlines[0]._replace(due="2018-09-30"),))
        doc = doc._replace(tasks=(task._replace(assignments=(moved,)),
                                              *doc.tasks[1:]))
        result = ledger.ingest(doc, actor="t")
        assert (result.outcome, result.matched, result.added, result.dropped) == (
            "new_version", 3, 0, 0)
        new = {i.title: i for i in ledger.list_items()}
        item = new["推行管委会模式"]
        assert item.id == old["推行管委会模式"].id and item.version == old["推行管委会模式"].version + 2
        assert (item.due, item.support, item.document_id) == (
            dt.date(2018, 9, 30), ("市财政局", "市营商局"), result.document.id)
        assert item.last_report is not None and item.last_report.percent == 30
        revise = ledger.history(item.id)[-1]
        assert (revise.action, revise.before, revise.after) == (
            "item.revise", {"due": "2018-06-30", "document_id": first.document.id},
            {"due": "2018-09-30", "document_id": result.document.id})
        unchanged = new["强化项目调度"]
        assert ledger.history(unchanged.id)[-1].after == {"document_id": result.document.id}
