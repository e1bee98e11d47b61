"""A read cache of listed items, kept true by the ledger's audit trail.

Listing every item with its light costs the store about 0.35 ms per item (20,000 items: seconds),
and the dashboard, the task list and /api/items all list them. Every change to the ledger writes
an audit entry, so the id of the newest one is a version stamp of the whole ledger: one indexed
query tells whether a cached list is still true. Works across worker processes (each keeps its
own cache, all read the same stamp). Items are frozen dataclasses, safe to share between threads.

When the stamp moved, the entries since the cached one say what changed. Reports, status
changes, corrections and 督办 touch single items: a list filtered only by day, document or
jurisdiction (which no such change alters) is patched by reloading just those items, so a burst
of reports costs the next page a few hundred items, not the whole ledger. Anything else — a
document ingested or published, units merged or renamed, a list filtered by unit, status or
light (which a report can move an item into or out of) — reloads the list.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

MAX_ENTRIES = 16
# audit actions that change nothing but the items they name (and their own rows)
ITEM_ACTIONS = frozenset({
    "item.report", "item.status", "item.correct", "link.report", "link.confirm", "link.remove",
    "duban.issue", "duban.escalate", "duban.answer", "duban.close", "user.create",
    "user.password", "unit.create"})  # a unit a correction registers is named by no other item
# filters no item-level change can move an item across
PATCHABLE = frozenset({"today", "document", "jurisdiction", "include_drafts"})
PATCH_LIMIT = 2000  # more changed items than this: a full reload is as cheap
LOAD_WAIT = 30.0  # seconds a request waits for another's listing of the same items


class ItemCache:
    def __init__(self, ledger: Any) -> None:
        self.ledger = ledger
        # filters → (stamp, items)
        self._entries: OrderedDict[tuple[Any, ...], tuple[int, list[Any]]] = OrderedDict()
        self._lock = threading.Lock()
        self._loading: dict[tuple[Any, ...], threading.Event] = {}  # lists being made now
        self.hits = self.misses = self.patches = 0

    def stamp(self) -> int:
        return int(self.ledger.latest_audit_id())

    def list_items(self, **kw: Any) -> list[Any]:
        """``Ledger.list_items(**kw)``, served from memory while nothing has changed.

        Requests that miss the same list at once wait for one listing rather than each
        making its own (a full list of 20,000 items is most of a second of CPU, and on a
        cold start the first pages arrive together with the warm-up, see app.py)."""
        found = self._get(kw, full=True)
        assert found is not None
        return found

    def cheap(self, **kw: Any) -> list[Any] | None:
        """The list if it is in memory or a patch away; None when only a full listing (or
        waiting for another's) would give it: the caller then reads just the page it needs."""
        return self._get(kw, full=False)

    def _get(self, kw: dict[str, Any], *, full: bool) -> list[Any] | None:
        # None is every filter's default: left out, /tasks and the dashboard share entries
        # and a blank due_before does not make a list unpatchable
        kw = {k: v for k, v in kw.items() if v is not None}
        key = tuple(sorted((k, _hashable(v)) for k, v in kw.items()))
        for _ in range(3):  # bounded: a listing that keeps failing is not waited for forever
            stamp = self.stamp()
            with self._lock:
                hit = self._entries.get(key)
                if hit is not None:
                    self._entries.move_to_end(key)
                    if hit[0] == stamp:
                        self.hits += 1
                        return hit[1]
                busy = self._loading.get(key)
                if busy is None:
                    mine: threading.Event | None = threading.Event()
                    self._loading[key] = mine
                    break
            if not full:
                return None
            busy.wait(LOAD_WAIT)  # another thread is listing these items: take its result
        else:
            mine = None  # still busy after three waits: list without taking the turn
        try:
            items = self._patched(hit, kw) if hit is not None else None
            if items is None:
                if not full:
                    return None
                items = list(self.ledger.list_items(**kw))
                self.misses += 1
            else:
                self.patches += 1
            with self._lock:
                # the stamp read before listing: a change made meanwhile is seen next time
                self._entries[key] = (stamp, items)
                self._entries.move_to_end(key)
                while len(self._entries) > MAX_ENTRIES:
                    self._entries.popitem(last=False)
        finally:
            if mine is not None:
                with self._lock:
                    del self._loading[key]
                mine.set()
        return items

    def _patched(self, hit: tuple[int, list[Any]], kw: dict[str, Any]) -> list[Any] | None:
        """The cached list with the items changed since its stamp reloaded, or None when
        only a full listing is right."""
        if set(kw) - PATCHABLE:
            return None
        _, actions, changed = self.ledger.changes_since(hit[0])
        # the project register's changes (project.*) touch no work item: nothing to reload
        actions = {a for a in actions if not a.startswith("project.")}
        if actions - ITEM_ACTIONS or len(changed) > PATCH_LIMIT:
            return None
        if not changed:
            return hit[1]
        fresh = {i.id: i for i in self.ledger.list_items(**kw, ids=sorted(changed))}
        # an item of the list is replaced or, if it no longer qualifies, dropped; the order
        # (document, id) does not change, and an item-level change adds no item to the list
        out = []
        for item in hit[1]:
            if item.id not in changed:
                out.append(item)
            elif item.id in fresh:
                out.append(fresh[item.id])
        return out


def _hashable(value: Any) -> Any:
    if isinstance(value, (list, set, frozenset)):
        return tuple(sorted(str(v) for v in value))
    return value
