import datetime as dt
from pathlib import Path

import pytest

from taizhang.analysis.load import LoadItem, default_weights, items_from_tasks, rank, \
    read_weights, unit_load
from taizhang.analysis.rows import Corpus
from taizhang.errors import InputError

D = dt.date
TODAY = D(2026, 3, 1)
ITEMS = [
    # A: three lead items — on time, late by 10 days, unfinished and 29 days overdue
    LoadItem("市发展改革委", "lead", "沈阳市", "1", D(2026, 1, 31), True, D(2026, 1, 20)),
    LoadItem("市发展改革委", "lead", "沈阳市", "2", D(2026, 1, 31), True, D(2026, 2, 10), duban=1),
    LoadItem("市发展改革委", "lead", "沈阳市", "3", D(2026, 1, 31), False, None, duban=2),
    LoadItem("市发展改革委", "lead", "沈阳市", "4", D(2026, 6, 30)),  # not yet due: not assessed
    LoadItem("市财政局", "support", "沈阳市", "1", D(2026, 1, 31), True, D(2026, 1, 20)),
    LoadItem("市财政局", "lead", "沈阳市", "5", D(2026, 2, 28), True, D(2026, 2, 1)),
    LoadItem("各区县(市)政府", "support", "沈阳市", "1", D(2026, 1, 31)),
    LoadItem("省财政厅", "lead", "吉林省", "9", D(2026, 1, 31), True, D(2026, 1, 1)),
]


def _by_unit(loads: list) -> dict:
    return {u.unit: u for u in loads}


def test_counts_rates_and_overdue() -> None:
    u = _by_unit(unit_load(ITEMS, today=TODAY))
    fgw = u["市发展改革委"]
    assert (fgw.led, fgw.supported, fgw.assessed, fgw.on_time) == (4, 0, 3, 1)
    assert fgw.on_time_rate == pytest.approx(0.333)
    assert (fgw.overdue_items, fgw.overdue_days, fgw.duban) == (2, 10 + 29, 3)
    assert fgw.by_month == {"2026-01": 3, "2026-06": 1}
    assert (u["市财政局"].led, u["市财政局"].supported, u["市财政局"].on_time_rate) == (1, 1, 1.0)
    assert "各区县(市)政府" not in u


def test_period_filter() -> None:
    u = _by_unit(unit_load(ITEMS, today=TODAY, start=D(2026, 2, 1), end=D(2026, 12, 31)))
    assert u["市发展改革委"].led == 1 and u["市财政局"].led == 1


def test_ranking_uses_weights_within_each_jurisdiction() -> None:
    loads = rank(unit_load(ITEMS, today=TODAY))
    sy = [u.unit for u in loads if u.jurisdiction == "沈阳市"]
    assert sy == ["市财政局", "市发展改革委"]  # punctuality beats load with the defaults
    assert [u.rank for u in loads if u.jurisdiction == "吉林省"] == [1]
    w = default_weights() | {"led": 100.0}
    assert [u.unit for u in rank(unit_load(ITEMS, today=TODAY), w)
            if u.jurisdiction == "沈阳市"][0] == "市发展改革委"
    fgw = _by_unit(loads)["市发展改革委"]
    d = default_weights()
    assert fgw.score == pytest.approx(d["led"] * 4 + d["on_time_rate"] * 100 / 3
                                      + d["overdue_days"] * 39 + d["duban"] * 3, abs=0.05)


def test_weights_file(tmp_path: Path) -> None:
    f = tmp_path / "w.tsv"
    f.write_text("# 督查室 2026\nduban\t-10\n", "utf-8")
    assert read_weights(str(f)) == default_weights() | {"duban": -10.0}
    f.write_text("speed\t1\n", "utf-8")
    with pytest.raises(InputError, match="speed"):
        read_weights(str(f))
    f.write_text("duban\t很多\n", "utf-8")
    with pytest.raises(InputError, match="不是数字"):
        read_weights(str(f))
    with pytest.raises(InputError, match="无法读取"):
        read_weights(str(tmp_path / "none.tsv"))


def test_parsed_tasks_count_but_are_not_assessed(corpus: Corpus) -> None:
    loads = _by_unit(unit_load(items_from_tasks(corpus.tasks), today=TODAY))
    fgw = [u for u in unit_load(items_from_tasks(corpus.tasks), today=TODAY)
           if u.unit == "市发展改革委" and u.jurisdiction == "沈阳市"][0]
    # 000 and 001 only: 004 names no issuer, so (as at ingest) it is in no place
    assert fgw.led >= 20 and fgw.assessed == 0 and fgw.on_time_rate is None
    assert "2015-12" in fgw.by_month  # the 2015 工作要点's period end stands in for no deadline
    assert loads
