"""SQLite's full-text index is filled in batches (migration 0003): searches still see every item,
corrections of indexed and not yet indexed items both land, and FTS5's own integrity check
(which compares the index with the items table) passes after each step."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from .ledger_samples import jilin, shenyang
from taizhang.cli import main
from taizhang.store import Ledger, engine as store_engine

SAMPLES = sorted((Path(__file__).parents[2] / "samples").glob("*.txt"))


def _state(ledger: Ledger) -> tuple[int, int]:
    with ledger.engine.connect() as conn:
        upto = conn.execute(text("SELECT upto FROM items_fts_state")).scalar_one()
        top = conn.execute(text("SELECT max(id) FROM items")).scalar_one()
    return upto, top


def _check(ledger: Ledger) -> None:
    with ledger.engine.begin() as conn:  # raises SQLITE_CORRUPT_VTAB when index ≠ content
        conn.execute(text("INSERT INTO items_fts(items_fts, rank) VALUES ('integrity-check', 1)"))


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    with Ledger(f"sqlite:///{tmp_path / 'l.db'}", clock=lambda: dt.datetime(2026, 3, 1)) as led:
        yield led


def test_search_sees_items_stored_since_the_last_search(ledger: Ledger) -> None:
    ledger.ingest(shenyang(), actor="t")
    upto, top = _state(ledger)
    assert upto < top  # stored, not yet indexed
    assert [i.title for i in ledger.search("营商环境")] == ["优化营商环境"]
    assert _state(ledger) == (top, top)
    _check(ledger)
    ledger.ingest(jilin(), actor="t")
    assert [i.title for i in ledger.search("转变政府职能")] == ["加快转变政府职能"]
    _check(ledger)
    assert ledger.refresh_search_index() is False  # nothing left to do


def test_corrections_of_indexed_and_pending_items(ledger: Ledger) -> None:
    ledger.ingest(shenyang(), actor="t")
    ledger.search("营商")  # the Shenyang items are indexed now
    ledger.ingest(jilin(), actor="t")  # the Jilin item is not yet
    sy = next(i for i in ledger.list_items() if i.title == "优化营商环境")
    jl = next(i for i in ledger.list_items() if i.title == "加快转变政府职能")
    ledger.correct(sy.id, "text", "开展专项督查。", actor="t")  # indexed: the trigger
    ledger.correct(jl.id, "title", "全面推行权责清单", actor="t")  # pending: the catch-up
    assert [i.id for i in ledger.search("专项督查")] == [sy.id]
    assert ledger.search("持续优化") == [] and ledger.search("专项整治") == []
    assert [i.id for i in ledger.search("权责清单")] == [jl.id]
    assert [i.id for i in ledger.search("转变政府职能")] == [jl.id]  # still in its text
    assert ledger.search("全面推行权责清单") == ledger.search("权责清单")
    _check(ledger)


def test_new_version_items_are_searchable(ledger: Ledger) -> None:
    ledger.ingest(shenyang(), actor="t")
    ledger.search("营商")
    ledger.ingest(shenyang(" 修订", extra_task=True), actor="t")
    assert [i.title for i in ledger.search("工作报告制度")] == ["新增任务"]
    _check(ledger)


def test_cli_ingest_indexes_its_batch(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    main(["ingest", *map(str, SAMPLES[:2]), "--db", url])
    with Ledger(url) as ledger:
        upto, top = _state(ledger)
        assert upto == top > 0
        _check(ledger)


def test_upgrade_from_the_per_row_trigger(tmp_path: Path) -> None:
    """A ledger made before 0003 keeps its index; items added after the upgrade join it."""
    from alembic import command
    from alembic.config import Config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    with Ledger(url) as ledger:
        ledger.ingest(shenyang(), actor="t")
    # back to before 0003, data kept: the index as the per-row trigger keeps it (today's code writes
    # columns of later revisions, so the old ledger is made by going down, not by ingesting at 0002)
    old = create_engine(url)
    cfg = Config()
    cfg.set_main_option("script_location", str(store_engine.MIGRATIONS))
    with old.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002_links")
    with old.connect() as conn:
        found = conn.execute(text("SELECT i.title FROM items_fts f JOIN items i ON i.id = f.rowid "
                                  "WHERE items_fts MATCH '营商环境'")).scalars().all()
        assert found == ["优化营商环境"]
    old.dispose()
    with Ledger(url) as ledger:  # migrates to 0003
        upto, top = _state(ledger)
        assert upto == top > 0
        _check(ledger)
        ledger.ingest(jilin()._replace(source="j2.txt"), actor="t")
        assert len(ledger.search("营商环境")) == 1
        assert [i.title for i in ledger.search("转变政府职能")] == ["加快转变政府职能"]
        _check(ledger)


def test_the_integrity_check_would_notice_a_gap(ledger: Ledger) -> None:
    """Marking items as indexed without indexing them is caught: the checks above can fail."""
    ledger.ingest(shenyang(), actor="t")
    with ledger.engine.begin() as conn:
        conn.execute(text("UPDATE items_fts_state SET upto = (SELECT max(id) FROM items)"))
    with pytest.raises(Exception, match="malformed|corrupt"):
        _check(ledger)
