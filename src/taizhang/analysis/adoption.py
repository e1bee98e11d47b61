"""The adoption matrix: a parent document's measures × the places that should carry them out.

For each measure of the parent and each descendant document, the most similar task there
decides the cell: picked up (采纳, close wording), changed (调整, same subject, reworded or
narrowed), or absent (未见). Thresholds are cosine scores of the n-gram index, set on the
seeds (docs/analysis.md shows the spread) and adjustable per call.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from taizhang.analysis.chains import build_chains
from taizhang.analysis.places import LEVELS
from taizhang.analysis.rows import Corpus, DocInfo, TaskRow
from taizhang.analysis.similarity import NgramIndex

PICKED, CHANGED, ABSENT = "picked", "changed", "absent"
STATE_NAMES = {PICKED: "采纳", CHANGED: "调整", ABSENT: "未见"}
STRONG = 0.22  # at or above: the same measure (seed true pairs score 0.25–0.39)
WEAK = 0.12  # at or above: the same subject, reworded; below: nothing comparable


@dataclass(frozen=True, slots=True)
class Cell:
    state: str
    match: TaskRow | None
    score: float

    def to_dict(self) -> dict[str, object]:
        return {"state": self.state, "state_name": STATE_NAMES[self.state],
                "match": self.match.ref if self.match and self.state != ABSENT else None,
                "match_title": self.match.title if self.match and self.state != ABSENT else None,
                "score": round(self.score, 3)}


@dataclass(frozen=True, slots=True)
class Adoption:
    parent: DocInfo
    columns: tuple[DocInfo, ...]
    measures: tuple[TaskRow, ...]
    cells: tuple[tuple[Cell, ...], ...]  # [measure][column]
    from_chain: bool  # False: no descendants stored, compared with every other document
    strong: float = STRONG
    weak: float = WEAK

    def column_name(self, d: DocInfo) -> str:
        return f"{d.place.name or '未知'}·{d.label}"

    def rows(self) -> list[dict[str, object]]:
        """One dict per measure, for a web page: the measure and a cell per place."""
        return [{"key": m.key, "title": m.title, "ref": m.ref,
                 "cells": [{"column": self.column_name(c), **cell.to_dict()}
                           for c, cell in zip(self.columns, cells)]}
                for m, cells in zip(self.measures, self.cells)]

    def summary(self) -> dict[str, dict[str, int]]:
        """column → state → count: how much of the parent each place took up."""
        out: dict[str, dict[str, int]] = {}
        for j, c in enumerate(self.columns):
            counts = {s: 0 for s in STATE_NAMES}
            for cells in self.cells:
                counts[cells[j].state] += 1
            out[self.column_name(c)] = counts
        return out


def _rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def descendants(corpus: Corpus, parent_id: str) -> list[DocInfo]:
    g = build_chains(corpus.docs)
    ids = g.descendants(parent_id)
    return [d for d in corpus.docs if d.id in ids]


def adoption(corpus: Corpus, parent: str, *, against: Sequence[str] = (),
             index: NgramIndex | None = None, strong: float = STRONG,
             weak: float = WEAK) -> Adoption:
    """The matrix for ``parent`` against ``against`` (handles), else its stored descendants,
    else every other document (``from_chain`` tells which)."""
    p = corpus.doc(parent)
    if against:
        cols = [corpus.doc(h) for h in against]
        from_chain = False
    else:
        cols = descendants(corpus, p.id)
        from_chain = bool(cols)
        if not cols:
            cols = [d for d in corpus.docs if d.id != p.id]
    cols.sort(key=lambda d: (_rank(d.place.level), d.place.name, d.issued_on or "", d.id))
    index = index or NgramIndex(corpus.tasks)
    measures = corpus.tasks_of(p.id)
    cells = []
    for m in measures:
        row = []
        for c in cols:
            best = index.similar(m, k=1, doc_ids={c.id})
            if not best:
                row.append(Cell(ABSENT, None, 0.0))
                continue
            s = best[0].score
            state = PICKED if s >= strong else CHANGED if s >= weak else ABSENT
            row.append(Cell(state, best[0].row, s))
        cells.append(tuple(row))
    return Adoption(p, tuple(cols), tuple(measures), tuple(cells), from_chain, strong, weak)


def to_xlsx(a: Adoption, path: str | Path) -> Path:
    """Write the matrix: one sheet of cells coloured by state, one of how to read it."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    fills = {PICKED: "C6EFCE", CHANGED: "FFEB9C", ABSENT: "EDEDED"}
    wb = Workbook()
    ws = wb.active
    ws.title = "采纳矩阵"
    head = ["序号", "措施"] + [a.column_name(c) for c in a.columns]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for m, cells in zip(a.measures, a.cells):
        values = [m.key, m.title]
        for c in cells:
            if c.state == ABSENT or c.match is None:
                values.append(STATE_NAMES[ABSENT])
            else:
                values.append(f"{STATE_NAMES[c.state]}：{c.match.key} {c.match.title}"
                              f"（{c.score:.2f}）")
        ws.append(values)
        for j, c in enumerate(cells):
            cell = ws.cell(row=ws.max_row, column=3 + j)
            cell.fill = PatternFill("solid", fgColor=fills[c.state])
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 36
    for j in range(len(a.columns)):
        ws.column_dimensions[ws.cell(row=1, column=3 + j).column_letter].width = 34
    ws.freeze_panes = "C2"
    note = wb.create_sheet("说明")
    note.append(["上级文件", f"{a.parent.label}《{a.parent.title or ''}》"])
    note.append(["比较范围", "文件链中的下级文件" if a.from_chain else "库中其他全部文件（未找到下级文件）"])
    note.append(["采纳", f"最相似任务的相似度 ≥ {a.strong}"])
    note.append(["调整", f"{a.weak} ≤ 相似度 < {a.strong}：同一事项，表述或范围有变化"])
    note.append(["未见", f"相似度 < {a.weak}"])
    note.append(["相似度", "字符 2–3 元组 TF-IDF 余弦相似度（0–1），见 docs/analysis.md"])
    note.column_dimensions["A"].width = 12
    note.column_dimensions["B"].width = 80
    out = Path(path)
    wb.save(out)
    return out
