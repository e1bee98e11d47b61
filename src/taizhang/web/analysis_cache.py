"""The cross-document analyses of the ledger, built once per process and kept while it holds.

Building the rows and the n-gram index reads every published document and item (and the index
costs seconds at 20,000 tasks), so the pages share one ``Analysis`` per process. It is keyed
on the published documents — their ids, versions and item counts — so publishing, a new
version or a new document rebuilds it on the next request; progress reports (which change no
task text) keep it. Corrections made after publishing show after the next document change or
restart: the key does not watch them, because reading the audit trail on every page would
invalidate the index on every report.

Parts that not every page needs (chain graph, suggestions, tags, networks, adoption
matrices, SVG pictures) are computed lazily and memoised on the same object. Analyses are
immutable once built, so threads may share them.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from taizhang.analysis.rows import Corpus, TaskRow

Key = tuple[tuple[int, int, int], ...]


def ledger_key(lg: Any) -> Key:
    """What the analyses depend on: the current published documents (id, version, items)."""
    from taizhang.ledger.model import DocState

    return tuple(sorted((d.id, d.version, d.item_count)
                        for d in lg.list_documents(state=DocState.PUBLISHED)))


@dataclass
class Analysis:
    """One consistent view of the published ledger: rows, index and derived results."""

    key: Key
    corpus: Corpus
    _memo: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def memo(self, key: tuple[Any, ...], make: Any) -> Any:
        """``make()`` once per key (computed outside the lock: pure, so a race costs time only)."""
        with self._lock:
            if key in self._memo:
                return self._memo[key]
        value = make()
        with self._lock:
            return self._memo.setdefault(key, value)

    @cached_property
    def index(self) -> Any:
        from taizhang.analysis.similarity import NgramIndex

        return NgramIndex(self.corpus.tasks)

    @cached_property
    def by_item(self) -> dict[int, TaskRow]:
        """Every stored item id → its task row (one task may have several items)."""
        out: dict[int, TaskRow] = {}
        for row in self.corpus.tasks:
            ids: Any = row.extra.get("item_ids") or ((row.item_id,) if row.item_id else ())
            for item_id in ids:
                out[int(item_id)] = row
        return out

    @cached_property
    def docs(self) -> dict[str, Any]:
        return {d.id: d for d in self.corpus.docs}

    def chains(self) -> Any:
        from taizhang.analysis.chains import build_chains

        return self.memo(("chains",), lambda: build_chains(self.corpus.docs))

    def suggestions(self) -> list[Any]:
        from taizhang.analysis.links import suggest

        return self.memo(("suggest",), lambda: suggest(self.corpus, index=self.index))  # type: ignore[no-any-return]

    def tags(self) -> dict[str, Any]:
        """Task ref → topics.Tags for every task (a keyword scan, done once)."""
        from taizhang.analysis.topics import tag

        return self.memo(("tags",), lambda: {r.ref: tag(r) for r in self.corpus.tasks})  # type: ignore[no-any-return]

    def item_tags(self) -> dict[int, Any]:
        """Item id → its task's Tags, for filtering the task list."""
        return self.memo(("item_tags",), lambda: {  # type: ignore[no-any-return]
            item_id: self.tags()[row.ref] for item_id, row in self.by_item.items()})

    def adoption(self, parent: str) -> Any:
        from taizhang.analysis.adoption import adoption

        return self.memo(("adoption", parent),
                         lambda: adoption(self.corpus, parent, index=self.index))

    def jurisdictions(self) -> list[str]:
        from taizhang.analysis.network import jurisdictions

        return jurisdictions(self.corpus.tasks)

    def network(self, place: str) -> Any:
        from taizhang.analysis.network import build_network

        return self.memo(("network", place),
                         lambda: build_network(self.corpus.tasks, jurisdiction=place))

    def network_svg(self, place: str) -> str:
        from taizhang.analysis.drawing import svg

        return self.memo(("svg", place),  # type: ignore[no-any-return]
                         lambda: svg(self.network(place), title=f"{place} 协同网络"))


class AnalysisCache:
    """Holds the newest ``Analysis``; ``get(lg)`` rebuilds it when the ledger key changed."""

    def __init__(self) -> None:
        self._current: Analysis | None = None
        self._lock = threading.Lock()  # one build at a time: two would only waste the CPU
        self.builds = 0

    def get(self, lg: Any) -> Analysis:
        from taizhang.analysis.sources import corpus_from_ledger

        key = ledger_key(lg)
        current = self._current
        if current is not None and current.key == key:
            return current
        with self._lock:
            current = self._current
            if current is not None and current.key == key:
                return current
            built = Analysis(key, corpus_from_ledger(lg))
            self.builds += 1
            self._current = built
            return built
