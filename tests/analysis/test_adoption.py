from pathlib import Path

import pytest
from openpyxl import load_workbook

from taizhang.analysis.adoption import ABSENT, CHANGED, PICKED, adoption, to_xlsx
from taizhang.analysis.rows import Corpus
from taizhang.analysis.similarity import NgramIndex


def test_matrix_of_the_2015_points_against_jilin(corpus: Corpus, index: NgramIndex) -> None:
    a = adoption(corpus, "000", against=["002"], index=index)
    assert not a.from_chain and [c.id for c in a.columns] == [corpus.doc("002").id]
    cells = {m.key: row[0] for m, row in zip(a.measures, a.cells)}
    assert cells["二"].state == PICKED and cells["二"].match.key == "一/(三)/12"
    assert cells["二十八"].state == PICKED and cells["二十八"].match.key == "二/(四)/21"
    assert cells["一"].state in (ABSENT, CHANGED)
    assert len(a.measures) == len(corpus.tasks_of(corpus.doc("000").id))


def test_without_descendants_every_other_document_is_a_column(corpus: Corpus,
                                                              index: NgramIndex) -> None:
    a = adoption(corpus, "000", index=index)
    assert {c.id for c in a.columns} == {d.id for d in corpus.docs} - {corpus.doc("000").id}
    # national before province before city, then by place; a document of no known place
    # (004 has no issuer: ingest asks for --jurisdiction, file mode leaves it unplaced) last
    levels = [c.place.level for c in a.columns]
    assert levels == sorted(levels, key=["national", "province", "city", "county", ""].index)
    shenfu = a.rows()[[m.key for m in a.measures].index("二十七")]
    by_col = {c["column"].split("·")[1]: c for c in shenfu["cells"]}  # type: ignore[union-attr]
    assert by_col[corpus.doc("004").label]["state"] in (PICKED, CHANGED)
    summary = a.summary()
    assert all(sum(v.values()) == len(a.measures) for v in summary.values())


def test_thresholds_move_cells(corpus: Corpus, index: NgramIndex) -> None:
    strict = adoption(corpus, "000", against=["002"], index=index, strong=0.99, weak=0.98)
    assert all(c.state == ABSENT for row in strict.cells for c in row)


def test_xlsx_export(corpus: Corpus, index: NgramIndex, tmp_path: Path) -> None:
    a = adoption(corpus, "000", against=["002", "004"], index=index)
    wb = load_workbook(to_xlsx(a, tmp_path / "m.xlsx"))
    ws = wb["采纳矩阵"]
    assert [c.value for c in ws[1]][:2] == ["序号", "措施"]
    assert ws.max_row == len(a.measures) + 1 and ws.max_column == 2 + len(a.columns)
    row_of_bank = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "二")
    assert row_of_bank[2].value.startswith("采纳：一/(三)/12")
    assert "说明" in wb.sheetnames


def test_unknown_parent_is_a_clear_error(corpus: Corpus) -> None:
    from taizhang.errors import NotFound

    with pytest.raises(NotFound, match="找不到"):
        adoption(corpus, "999")
