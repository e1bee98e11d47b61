"""Report once (最多报一次): suggest links between tasks that are the same work for the same unit.

Two tasks in different documents of one jurisdiction, led by the same unit and worded alike
(n-gram cosine ≥ ``min_score``), are probably one piece of work asked for twice — 000's
沈抚同城化 and 004's 沈抚同城化的政策支持, both 市发展改革委's. A person confirms the link
(``taizhang links confirm``); from then on one report by that unit serves both items
(``taizhang.store.links.report_once``). Nothing is linked without that confirmation.
"""
from __future__ import annotations

from dataclasses import dataclass

from taizhang.analysis.rows import Corpus, TaskRow, is_collective
from taizhang.analysis.similarity import NgramIndex

MIN_SCORE = 0.15  # below this the seeds' pairs are different work that shares a few words


@dataclass(frozen=True, slots=True)
class Suggestion:
    a: TaskRow
    b: TaskRow
    score: float
    units: tuple[str, ...]  # the lead units both tasks share

    def item_ids(self, unit: str) -> tuple[int | None, int | None]:
        """The ledger items of ``a`` and ``b`` whose lead is ``unit`` (None when not stored)."""
        return _item_for(self.a, unit), _item_for(self.b, unit)

    def to_dict(self) -> dict[str, object]:
        unit = self.units[0]
        ia, ib = self.item_ids(unit)
        return {"a": self.a.ref, "a_title": self.a.title, "a_item": ia,
                "b": self.b.ref, "b_title": self.b.title, "b_item": ib,
                "units": list(self.units), "score": round(self.score, 4)}


def _item_for(row: TaskRow, unit: str) -> int | None:
    ids = row.extra.get("item_ids")
    if isinstance(ids, tuple):
        for (lead, _), item_id in zip(row.pairs, ids):
            if unit in lead:
                return int(item_id)
    return row.item_id


def suggest(corpus: Corpus, *, index: NgramIndex | None = None, min_score: float = MIN_SCORE,
            per_task: int = 5) -> list[Suggestion]:
    """Candidate links, best first; each pair once. Collective leads (各区县政府) never link:
    a collective is many offices, and each reports for itself."""
    index = index or NgramIndex(corpus.tasks)
    seen: set[tuple[str, str]] = set()
    out: list[Suggestion] = []
    for row in corpus.tasks:
        leads = {u for u in row.lead if not is_collective(u)}
        if not leads:
            continue
        for m in index.similar(row, k=per_task, min_score=min_score):
            other = m.row
            if other.place != row.place:
                continue
            shared = tuple(sorted(leads & set(other.lead)))
            pair = tuple(sorted((row.ref, other.ref)))
            if not shared or pair in seen:
                continue
            seen.add(pair)  # type: ignore[arg-type]
            a, b = (row, other) if row.ref == pair[0] else (other, row)
            out.append(Suggestion(a, b, m.score, shared))
    out.sort(key=lambda s: (-s.score, s.a.ref, s.b.ref))
    return out
