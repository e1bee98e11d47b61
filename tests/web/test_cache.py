"""The item cache stays true: patched after item-level changes, reloaded after others; search
through the index ids onto it; the PostgreSQL trigram indexes exist and serve the search."""
from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from taizhang.parse import parse
from taizhang.readers import read_path
from taizhang.store import Ledger
from taizhang.web.cache import ItemCache

from .conftest import OWN_UNIT, SAMPLES, TODAY, item_of, login, make_client


def _same(cached: list, fresh: list) -> None:
    assert [i.id for i in cached] == [i.id for i in fresh]
    assert cached == fresh  # every field, lights and last reports included


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql",
                                                            marks=pytest.mark.postgres)])
def test_cache_patches_item_changes_and_reloads_others(backend: str, request: pytest.FixtureRequest
                                                      ) -> None:
    ledger: Ledger = request.getfixturevalue("ledger" if backend == "sqlite" else "pg_ledger")
    cache = ItemCache(ledger)
    everything = cache.list_items(today=TODAY)
    mine = cache.list_items(today=TODAY, unit=OWN_UNIT, jurisdiction="沈阳市")
    item = item_of(ledger, OWN_UNIT)
    ledger.report(item.id, unit=OWN_UNIT, actor="u", today=TODAY, percent=55, text="推进")
    ledger.correct(item.id, "title", "改过的标题", actor="admin")
    patched = cache.list_items(today=TODAY)
    assert cache.patches == 1 and cache.misses == 2
    _same(patched, ledger.list_items(today=TODAY))
    changed = next(i for i in patched if i.id == item.id)
    assert (changed.percent, changed.title) == (55, "改过的标题")
    assert patched[0] is everything[0] or patched[0].id == item.id  # untouched items reused
    # a list filtered by unit may gain or lose items through a change: reloaded, not patched
    _same(cache.list_items(today=TODAY, unit=OWN_UNIT, jurisdiction="沈阳市"),
          ledger.list_items(today=TODAY, unit=OWN_UNIT, jurisdiction="沈阳市"))
    assert cache.misses == 3 and len(mine) > 0
    # a new document is not an item-level change: the whole list again
    read = read_path(SAMPLES / "000_e697be1312979dd4.txt")
    ledger.ingest(parse(read.text, source=read.source), actor="t", jurisdiction="沈阳市")
    _same(cache.list_items(today=TODAY), ledger.list_items(today=TODAY))
    assert cache.misses == 4 and cache.patches == 1


def test_search_page_lists_index_hits_in_listing_order(ledger: Ledger, tmp_path: Path) -> None:
    client = make_client(ledger, tmp_path)
    login(client, "admin")
    ids = set(ledger.search_ids("平台公司"))
    expected = [i.id for i in ledger.list_items(today=TODAY) if i.id in ids]
    assert expected  # the seed speaks of 平台公司
    found = client.get("/api/items", params={"q": "平台公司", "limit": 500}).json()
    assert [i["id"] for i in found["items"]] == expected == [
        i.id for i in ledger.search("平台公司", today=TODAY, limit=500)]
    led = client.get("/api/items", params={"q": "平台公司", "unit": OWN_UNIT,
                                           "jurisdiction": "沈阳市"}).json()
    assert {i["id"] for i in led["items"]} <= ids
    assert all(OWN_UNIT in (i["lead"], *i["support"]) for i in led["items"])


@pytest.mark.postgres
def test_postgresql_search_has_trigram_indexes(pg_ledger: Ledger) -> None:
    with pg_ledger.engine.connect() as conn:
        names = set(conn.execute(text(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'items'")).scalars())
        assert {"ix_items_title_trgm", "ix_items_text_trgm"} <= names
        conn.execute(text("SET enable_seqscan = off"))  # a small table: make the plan show
        plan = "\n".join(conn.execute(text(
            "EXPLAIN SELECT id FROM items WHERE title ILIKE '%平台公司%' "
            "OR text ILIKE '%平台公司%'")).scalars())
    assert "ix_items_title_trgm" in plan and "ix_items_text_trgm" in plan
    hits = pg_ledger.search("平台公司", today=TODAY)
    assert hits and all("平台公司" in i.title + i.text for i in hits)
