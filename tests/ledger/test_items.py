"""From a parsed document to work-item drafts; jurisdictions, unit names, version matching."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from taizhang.ledger.duban import next_level, notice_number
from taizhang.ledger.items import PriorItem, doc_key, drafts_from_document, match_items
from taizhang.ledger.model import DubanLevel
from taizhang.ledger.units import canonical_name, jurisdiction_of
from taizhang.errors import IllegalTransition
from taizhang.parse.model import Assignment, Deadline, Document, Period, Task


def _doc() -> Document:
    return Document(
        source="x.txt", text="……", title="行动计划", doc_number="沈政办发〔2018〕78号",
        issuer="沈阳市人民政府办公厅", issued_on="2018-05-31", period=Period("2018-01-01", "2020-12-31"),
        tasks=(
            Task(key="一/(一)", section=(), title="推行模式", text="推行模式。", span=(0, 5),
                 assignments=(
                     Assignment(text="推行模式。", span=(0, 5), lead=("市发改委",),
                                support=("市财政局", "市发展改革委"),
                                deadlines=(Deadline("2018年6月底前", "2018-06-30"),)),
                     Assignment(text="按月调度。", span=(5, 9), lead=("市工信局", "市商务局"),
                                deadlines=(Deadline("按月调度", None, "FREQ=MONTHLY"),)),
                 )),
            Task(key="一/(二)", section=(), title="无分工", text="加强领导。", span=(9, 14)),
        ))


def test_one_draft_per_assignment_and_lead() -> None:
    drafts = drafts_from_document(_doc())
    assert [(d.task_key, d.seq, d.lead) for d in drafts] == [
        ("一/(一)", 1, "市发展改革委"), ("一/(一)", 2, "市工信局"), ("一/(一)", 3, "市商务局"),
        ("一/(二)", 1, None)]
    first = drafts[0]
    assert first.support == ("市财政局",)  # the lead is not its own supporter
    assert (first.due, first.due_implied) == (dt.date(2018, 6, 30), False)
    assert (drafts[1].due, drafts[1].due_implied, drafts[1].rrule) == (
        dt.date(2020, 12, 31), True, "FREQ=MONTHLY")


@pytest.mark.parametrize(("issuer", "place"), [
    ("沈阳市人民政府办公厅", "沈阳市"), ("吉林省人民政府", "吉林省"), ("辽宁省人民政府办公厅", "辽宁省"),
    ("中共沈阳市委", "沈阳市"), ("国务院办公厅", "全国"), ("广西壮族自治区人民政府", "广西壮族自治区"),
    (None, None), ("办公室", None),
])
def test_jurisdiction_of(issuer: str | None, place: str | None) -> None:
    assert jurisdiction_of(issuer) == place


@pytest.mark.parametrize(("name", "canon"), [
    ("市发改委", "市发展改革委"), ("沈阳市发展和改革委员会", "沈阳市发展改革委"),
    ("各区、县（市）政府", "各区、县(市)政府"), ("市 财政局", "市财政局"),
])
def test_canonical_name(name: str, canon: str) -> None:
    assert canonical_name(name) == canon


def test_doc_key_prefers_number_then_title_then_source() -> None:
    doc = _doc()
    assert doc_key(doc) == "沈政办发〔2018〕78号"
    assert doc_key(Document(source="a.txt", text="x", title="标题")) == "标题"
    assert doc_key(Document(source="a.txt", text="x")) == "a.txt"


def test_match_items_by_text_then_position() -> None:
    drafts = drafts_from_document(_doc())
    prior = [PriorItem(10, "一/(二)", 1, drafts[0].fingerprint),  # renumbered, same text
             PriorItem(11, "一/(一)", 2, "other"), PriorItem(12, "九", 1, "gone")]
    assert match_items(prior, drafts) == [10, 11, None, None]


def test_duban_numbering_and_ladder() -> None:
    assert notice_number(2026, 7) == "督办〔2026〕7号"
    assert next_level(DubanLevel.REMINDER) is DubanLevel.DUBAN
    assert next_level(DubanLevel.DUBAN) is DubanLevel.LISTED
    with pytest.raises(IllegalTransition):
        next_level(DubanLevel.LISTED)


def test_ledger_domain_imports_no_storage_or_web() -> None:
    code = ("import sys, taizhang.ledger, taizhang.ledger.lights, taizhang.ledger.items, "
            "taizhang.ledger.workflow, taizhang.ledger.duban; "
            "bad = [m for m in ('sqlalchemy', 'fastapi', 'openpyxl', 'alembic') if m in sys.modules];"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_a_prepared_document_carries_what_the_ledger_stores() -> None:
    """What the parsing processes send the storing one: the parse as JSON, the item drafts, the
    text's identity and the place the document names itself — equal after the trip through pickle."""
    import json
    import pickle

    from taizhang.ledger.items import text_hash
    from taizhang.ledger.prepared import prepare

    doc = _doc()
    ready = prepare(doc)
    assert json.loads(ready.parse_json) == doc.to_dict()
    assert list(ready.drafts) == drafts_from_document(doc)
    assert (ready.key, ready.digest) == ("沈政办发〔2018〕78号", text_hash(doc.text))
    assert (ready.issued_on, ready.period_end, ready.start) == (
        dt.date(2018, 5, 31), dt.date(2020, 12, 31), dt.date(2018, 5, 31))
    assert ready.place.place == "沈阳市" and ready.place.rule == "issuer"
    assert pickle.loads(pickle.dumps(ready)) == ready
