from pathlib import Path

import numpy as np
import pytest

from taizhang.analysis.rows import Corpus, TaskRow
from taizhang.analysis.similarity import NgramIndex, clean

PAIRS = [line.split("\t") for line in (Path(__file__).parent / "seed_pairs.tsv")
         .read_text("utf-8").splitlines() if line and not line.startswith("#")]


def _best_in(index: NgramIndex, corpus: Corpus, query: str, doc: str) -> TaskRow:
    row = corpus.task(query)
    return index.similar(row, k=1, doc_ids={corpus.doc(doc).id})[0].row


def test_private_bank_items_meet(corpus: Corpus, index: NgramIndex) -> None:
    top = index.similar(corpus.task("000:二"), k=1)[0]
    assert top.row.ref == corpus.task("002:一/(三)/12").ref
    assert "民营银行" in top.row.text


def test_revitalization_fund_items_meet(corpus: Corpus, index: NgramIndex) -> None:
    top = index.similar(corpus.task("000:二十八"), k=1)[0]
    assert top.row.ref == corpus.task("002:二/(四)/21").ref
    assert "东北振兴产业投资基金" in top.row.text


def test_shenfu_items_meet(corpus: Corpus, index: NgramIndex) -> None:
    matches = index.similar(corpus.task("000:二十七"), k=2)
    assert all(m.row.doc_id == corpus.doc("004").id for m in matches)
    assert {m.row.key for m in matches} <= {"三/(七)", "三/(八)", "三/(九)", "三/(十)"}
    assert all("沈抚" in m.row.text for m in matches)


@pytest.mark.parametrize("query, expected, subject", PAIRS, ids=[p[2] for p in PAIRS])
def test_labelled_pair_is_best_in_its_document(corpus: Corpus, index: NgramIndex, query: str,
                                               expected: str, subject: str) -> None:
    wanted = {corpus.task(e).ref for e in expected.split("|")}
    doc = expected.split(":")[0]
    assert _best_in(index, corpus, query, doc).ref in wanted


def test_scores_are_cosines_and_exclude_own_document(corpus: Corpus, index: NgramIndex) -> None:
    row = corpus.task("000:二")
    scores = index.scores_for(row)
    assert np.all(scores >= -1e-9) and np.all(scores <= 1 + 1e-9)
    assert scores[index._by_ref[row.ref]] == pytest.approx(1.0)
    assert all(m.row.doc_id != row.doc_id for m in index.similar(row, k=10))
    same = index.similar(row, k=len(index.rows), other_docs=False)
    assert any(m.row.doc_id == row.doc_id for m in same)
    assert row.ref not in {m.row.ref for m in same}  # never itself


def test_role_clauses_do_not_count() -> None:
    row = TaskRow("d", "一", "开展民营银行设立工作",
                  "开展民营银行设立工作。\n由祁鸣同志负责,市金融办牵头,相关区、县(市)政府配合。",
                  "沈阳市", ((("市金融办",), ("相关区、县(市)政府",)),))
    text = clean(row)
    assert "民营银行" in text and "祁鸣" not in text and "金融办" not in text and "配合" not in text


def test_query_text_outside_the_index() -> None:
    rows = [TaskRow("a", "1", "推进机器人产业", "推进机器人产业发展", "x"),
            TaskRow("b", "1", "加快养老保险", "加快养老保险制度改革", "x")]
    index = NgramIndex(rows)
    probe = TaskRow("c", "1", "机器人", "支持机器人研发", "x")
    assert index.similar(probe, k=1)[0].row.doc_id == "a"
    assert index.similar(TaskRow("c", "2", "", "", "x"), k=2)[0].score == 0.0
