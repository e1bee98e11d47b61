"""Policy areas and policy-instrument types of each task, from keyword tables.

Areas (国资国企, 金融, 科技创新 …) come from ``data/topics.tsv``: a task gets every area one
of whose words it contains. The instrument type follows Rothwell & Zegveld — 供给 (the state
supplies money, people, technology), 需求 (it creates demand: procurement, pilots, markets),
环境 (it shapes the rules: plans, finance, tax, institutions) — from
``data/instruments.tsv``: the type with most hits wins, and the words that decided it are
kept, so a researcher can check every label instead of trusting it.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from taizhang.analysis.rows import TaskRow
from taizhang.analysis.tables import table
from taizhang.analysis.text import work_text

INSTRUMENT_TYPES = ("供给", "环境", "需求")  # also the tie-break order: 供给 is the common case


@dataclass(frozen=True, slots=True)
class Tags:
    ref: str
    areas: tuple[tuple[str, tuple[str, ...]], ...]  # (area, words found), table order
    instrument: str | None  # 供给 | 需求 | 环境 | None when no word matched
    instrument_words: tuple[tuple[str, str, str], ...]  # (type, subtype, word) that counted
    counts: dict[str, int]

    @property
    def area_names(self) -> tuple[str, ...]:
        return tuple(a for a, _ in self.areas)

    def decided_by(self) -> tuple[str, ...]:
        """The words of the winning type: why this task is 供给/需求/环境."""
        return tuple(w for t, _, w in self.instrument_words if t == self.instrument)

    def to_dict(self) -> dict[str, object]:
        return {"task": self.ref, "areas": {a: list(ws) for a, ws in self.areas},
                "instrument": self.instrument, "decided_by": list(self.decided_by()),
                "instrument_counts": self.counts}


def tag(row: TaskRow) -> Tags:
    """``推广政府和社会资本合作(PPP)模式…`` → areas 金融 (PPP, 社会资本), type by its words."""
    text = work_text(row)
    upper = text.upper()  # PPP, ppp
    found: dict[str, list[str]] = defaultdict(list)
    for area, word in table("topics.tsv", 2):
        if word.upper() in upper and word not in found[area]:
            found[area].append(word)
    hits: list[tuple[str, str, str]] = []
    for kind, subtype, word in table("instruments.tsv", 3):
        if word in text:
            hits.append((kind, subtype, word))
    counts = Counter(k for k, _, _ in hits)
    instrument = None
    if counts:
        best = max(counts.values())
        instrument = next(t for t in INSTRUMENT_TYPES if counts.get(t) == best)
    return Tags(row.ref, tuple((a, tuple(ws)) for a, ws in found.items() if ws), instrument,
                tuple(hits), {t: counts.get(t, 0) for t in INSTRUMENT_TYPES})


def area_names() -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for area, _ in table("topics.tsv", 2):
        seen.setdefault(area, None)
    return tuple(seen)


def profile(rows: Iterable[TaskRow]) -> dict[str, dict[str, int]]:
    """doc_id → {area or instrument type → task count}: a document's policy mix at a glance."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        t = tag(row)
        for area in t.area_names:
            out[row.doc_id][area] += 1
        out[row.doc_id][t.instrument or "未判定"] += 1
    return {d: dict(c) for d, c in out.items()}
