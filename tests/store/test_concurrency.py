"""50 concurrent writers on the same items on PostgreSQL, for a few seconds: the short version
of ``benchmarks/bench_concurrency.py`` (60 s there, figures in docs/robustness.md).

Every accepted report is stored once with its text, every stale one was refused and left no
trace, the accepted versions of each item chain without a gap or a repeat (no lost update),
and there is one audit line per change.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from taizhang.store import Ledger

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_concurrency as bench  # noqa: E402


@pytest.mark.postgres
def test_50_writers_on_the_same_items_lose_nothing_and_accept_nothing_stale() -> None:
    name = bench.make_database()
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    try:
        ids = bench.seed(url, 5)
        with Ledger(url) as ledger:
            before = {i: ledger.get_item(i).version for i in ids}
        outcome = bench.run(url, ids, writers_total=50, seconds=4.0, processes=5)
        assert outcome.errors == []
        assert len(outcome.accepted) >= 20 and outcome.stale >= 20  # contention happened
        checked = bench.verify(url, ids, outcome, before)
        assert checked["stored"] == checked["audit"] == len(outcome.accepted)
    finally:
        bench.drop_database(name)
