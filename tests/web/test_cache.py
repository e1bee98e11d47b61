"""The item cache stays true: patched after item-level changes, reloaded after others; search
through the index ids onto it; the PostgreSQL trigram indexes exist and serve the search."""
from __future__ import annotations

import datetime as dt
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from taizhang.ledger.model import Status
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


class _SlowLedger(Ledger):
    """The real ledger, its full listing made slow enough for a second request to arrive
    while the first one is still listing."""

    calls = 0

    def list_items(self, **kw):  # type: ignore[no-untyped-def]
        type(self).calls += 1
        time.sleep(0.3)
        return super().list_items(**kw)


def test_requests_missing_the_same_list_at_once_share_one_listing(ledger: Ledger) -> None:
    slow = _SlowLedger(ledger.url)
    try:
        cache = ItemCache(slow)
        got: list[list] = []
        threads = [threading.Thread(target=lambda: got.append(cache.list_items(today=TODAY)))
                   for _ in range(3)]
        for t in threads:
            t.start()
            time.sleep(0.05)  # the first is listing when the others ask
        for t in threads:
            t.join(10)
        assert _SlowLedger.calls == 1 and (cache.misses, cache.hits) == (1, 2)
        assert len(got) == 3 and got[0] is got[1] is got[2]
        _same(got[0], ledger.list_items(today=TODAY))
        # a report moves the stamp: the next request patches, it does not wait for anyone
        item = item_of(ledger, OWN_UNIT)
        ledger.report(item.id, unit=OWN_UNIT, actor="u", today=TODAY, percent=5, text="进展")
        _same(cache.list_items(today=TODAY), ledger.list_items(today=TODAY))
        assert (_SlowLedger.calls, cache.patches) == (2, 1)  # the patch lists the one item
    finally:
        slow.close()


@pytest.mark.parametrize("warm", ["1", "0"])
def test_the_app_lists_items_at_start_so_the_first_page_is_a_hit(
        ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm: str) -> None:
    monkeypatch.setenv("TAIZHANG_WEB_WARM", warm)
    client = make_client(ledger, tmp_path)
    with client:  # runs the app's start-up (lifespan), where the warm-up thread starts
        for t in threading.enumerate():
            if t.name == "taizhang-warm-up":
                t.join(30)
        cache = client.app.state.items
        assert cache.misses == (1 if warm == "1" else 0)
        login(client, "admin")
        assert client.get("/").status_code == 200 and client.get("/tasks").status_code == 200
        assert cache.misses == 1  # warmed: the pages hit it; not warmed: the first page lists
        assert cache.hits >= (2 if warm == "1" else 1)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgresql",
                                                            marks=pytest.mark.postgres)])
def test_a_page_read_alone_is_that_page_of_the_whole_list(backend: str, tmp_path: Path,
                                                          request: pytest.FixtureRequest) -> None:
    ledger: Ledger = request.getfixturevalue("ledger" if backend == "sqlite" else "pg_ledger")
    item = item_of(ledger, OWN_UNIT)
    ledger.report(item.id, unit=OWN_UNIT, actor="u", today=TODAY, percent=35, text="推进")
    client = make_client(ledger, tmp_path)
    login(client, "admin")  # (the log-in lands on the dashboard, which lists everything)
    cache = client.app.state.items = ItemCache(ledger)  # as after a restart: nothing listed
    cases = [({}, 0, 7), ({}, 14, 7), ({}, 60, 50),
             ({"unit": OWN_UNIT, "jurisdiction": "沈阳市", "role": "lead"}, 1, 3),
             ({"status": "in_progress"}, 0, 5), ({"overdue": "1"}, 2, 4),
             ({"due_after": "2019-01-01", "due_before": "2019-12-31"}, 3, 5)]
    filters = {"unit": "unit", "jurisdiction": "jurisdiction", "role": "role"}
    cold = {}
    for params, offset, limit in cases:
        r = client.get("/api/items", params={**params, "offset": offset, "limit": limit})
        assert r.status_code == 200, r.text
        kw = {filters.get(k, k): v for k, v in params.items() if k in filters}
        if "status" in params:
            kw["status"] = Status.parse(params["status"])
        if "overdue" in params:
            kw["overdue"] = True
        for k in ("due_after", "due_before"):
            if k in params:
                kw[k] = dt.date.fromisoformat(params[k])
        whole = ledger.list_items(today=TODAY, **kw)
        assert r.json()["total"] == len(whole)
        assert [x["id"] for x in r.json()["items"]] == [i.id for i in whole[offset:offset + limit]]
        cold[(tuple(params.items()), offset)] = r.json()
    assert cache.misses == 0  # every page above was read alone
    assert any(x["id"] == item.id and x["percent"] == 35 for x in cold[((), 0)]["items"])
    # once the dashboard has listed everything, the same pages come from the list, unchanged
    assert client.get("/").status_code == 200 and cache.misses == 1
    for params, offset, limit in cases[:3]:
        r = client.get("/api/items", params={"offset": offset, "limit": limit})
        assert r.json() == cold[((), offset)]
    assert cache.misses == 1
    # a report: the list is a patch away, so the page comes from the patched list
    ledger.report(item.id, unit=OWN_UNIT, actor="u", today=TODAY, percent=45, text="再推进")
    at = [i.id for i in ledger.list_items(today=TODAY)].index(item.id)
    r = client.get("/api/items", params={"offset": at, "limit": 1})
    assert (cache.misses, cache.patches) == (1, 1)
    assert [(x["id"], x["percent"]) for x in r.json()["items"]] == [(item.id, 45)]
    _same(cache.list_items(today=TODAY), ledger.list_items(today=TODAY))
    # the task page: same rows either way
    page2 = client.get("/tasks?page=2").text
    client.app.state.items = ItemCache(ledger)  # an empty cache: the page is read alone
    assert client.get("/tasks?page=2").text == page2
