"""Ruled tables on PDF pages: each row as one `` | `` line, in reading order with the page's text.

An attachment's 任务分工表 in a PDF is a grid of ruled cells, and the text layer alone mixes its
columns: a cell's wrapped lines come out beside the next cell's (市住房城乡 / 市发展改革 / 建设局 …).
pdfplumber finds the grid from the ruling lines; each cell's lines are read inside its box, and a
line that reaches the cell's right edge is wrapped (joined to the next), one that stops short ends
its paragraph (a unit listed on a line of its own). The rows then read as the docx and web readers
write theirs (:mod:`taizhang.readers.rows`). A page without such a grid is left to pdfminer's
text, as before.
"""
from __future__ import annotations

from typing import Any

from taizhang.readers.rows import join_cell_lines, row_lines

_WRAP_SLACK = 2.5  # characters: a wrapped line may stop this short of the edge (line-breaking rules)
# the end of a body's name and the start of the next one's: 市财政局 / 市税务局 are two units, however
# full the first line is
_NAME_ENDS = ("局", "委", "厅", "办", "府", "会", "中心", "室", "处", "队", "站", "院", "所", "部", "司", "行", "公司",
              "集团", "镇", "乡", "街道")
_NAME_STARTS = tuple("省市县区州旗镇乡各")
_SENTENCE_END = tuple("。；;！？!?")


def table_page_lines(page: Any) -> list[str] | None:
    """The page's lines with each ruled table's rows as `` | `` lines where the table stands;
    None when the page holds no table of two rows and two columns or more."""
    tables = [t for t in page.find_tables() if len(t.rows) >= 2 and max(len(r.cells) for r in t.rows) >= 2]
    if not tables:
        return None
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    placed: list[tuple[float, list[str]]] = [(ln["top"], [ln["text"]]) for ln in outside.extract_text_lines()]
    for table in tables:
        rows: list[str] = []
        for row in table.rows:
            rows += row_lines([_cell_text(page, box) if box else "" for box in row.cells])
        placed.append((table.bbox[1], rows))
    placed.sort(key=lambda p: p[0])  # top to bottom
    return [line for _, lines in placed for line in lines]


def _cell_text(page: Any, box: tuple[float, float, float, float]) -> str:
    """A cell's text: its wrapped lines joined, its paragraphs (units one per line) kept apart."""
    lines = page.crop(box).extract_text_lines()
    if not lines:
        return ""
    pad = max(0.0, min(ln["x0"] for ln in lines) - box[0])  # the cell's inner margin, as on the left
    right = box[2] - pad
    paragraphs = [lines[0]["text"]]
    for prev, cur in zip(lines, lines[1:]):
        size = prev["bottom"] - prev["top"]
        wrapped = prev["x1"] >= right - _WRAP_SLACK * size and not prev["text"].endswith(_SENTENCE_END) \
            and not (prev["text"].endswith(_NAME_ENDS) and cur["text"].startswith(_NAME_STARTS))
        if wrapped:
            left, nxt = prev["text"], cur["text"]
            space = left[-1:].isascii() and left[-1:].isalpha() and nxt[:1].isascii() and nxt[:1].isalpha()
            paragraphs[-1] += (" " if space else "") + nxt
        else:
            paragraphs.append(cur["text"])
    return join_cell_lines(paragraphs)
