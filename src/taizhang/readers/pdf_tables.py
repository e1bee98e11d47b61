"""Tables on PDF pages: each row as one `` | `` line, in reading order with the page's text.

An attachment's 任务分工表 in a PDF is a grid of ruled cells, and the text layer alone mixes its
columns: a cell's wrapped lines come out beside the next cell's (市住房城乡 / 市发展改革 / 建设局 …).
pdfplumber finds the grid from the ruling lines; each cell's lines are read inside its box, and a
line that reaches the cell's right edge is wrapped (joined to the next), one that stops short ends
its paragraph (a unit listed on a line of its own). The rows then read as the docx and web readers
write theirs (:mod:`taizhang.readers.rows`). A table without rules, its columns set apart by space
only, is read from its header line (序号 任务 责任单位 时限): each word of it opens a column, each
number under 序号 a row. A page with neither is left to pdfminer's text, as before.
"""
from __future__ import annotations

import re
from typing import Any

from taizhang.readers.pdf import PAGE_NUMBER
from taizhang.readers.rows import CELL_SEPARATOR, join_cell_lines, row_lines

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
        return _spaced_table(page)
    outside = page
    for table in tables:
        outside = outside.outside_bbox(table.bbox)
    placed: list[tuple[float, list[str]]] = [(ln["top"], [ln["text"]]) for ln in outside.extract_text_lines()]
    for table in tables:
        placed.append((table.bbox[1], _rows(page, table)))
    placed.sort(key=lambda p: p[0])  # top to bottom
    return [line for _, lines in placed for line in lines]


def _rows(page: Any, table: Any) -> list[str]:
    """The table's rows as lines; a cell merged down over several rows (one 牵头单位 for three tasks)
    stands in each of them, as the docx reader writes it."""
    out: list[str] = []
    above: dict[int, tuple[float, str]] = {}  # column → (bottom of the last cell read there, its text)
    for row in table.rows:
        top = min(box[1] for box in row.cells if box is not None)
        cells = []
        for col, box in enumerate(row.cells):
            if box is not None:
                text = _cell_text(page, box)
                above[col] = (box[3], text)
            else:  # covered: by the cell above reaching down past this row's top, or by one to the left
                bottom, text = above.get(col, (top, ""))
                text = text if bottom > top + 1 else ""
            cells.append(text)
        out += row_lines(cells)
    return out


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


_ROW_KEY = re.compile(r"\d{1,3}")


def _spaced_table(page: Any) -> list[str] | None:
    """A table without rules under a 序号 header line of three columns or more, else None."""
    lines = page.extract_text_lines(return_chars=True)
    head = next((k for k, ln in enumerate(lines) if ln["text"].startswith(("序号 ", "序 号 "))), None)
    if head is None:
        return None
    size = lines[head]["bottom"] - lines[head]["top"]
    starts = _word_starts(lines[head]["chars"], size)
    if len(starts) < 3:
        return None
    names = _split_by(lines[head]["chars"], starts, size)
    right = max(ln["x1"] for ln in lines)
    rows: list[list[list[dict[str, Any]]]] = []  # row → column → its lines (as the char runs of each)
    end = head + 1
    for ln in lines[head + 1:]:
        if PAGE_NUMBER.match(ln["text"].strip()):
            end += 1  # the page's number at its foot (— 3 —) is no part of the last row
            continue
        cells = _chars_by_column(ln["chars"], starts, size)
        key = "".join(c["text"] for c in cells[0]).strip()
        if _ROW_KEY.fullmatch(key):
            rows.append([[col] if col else [] for col in cells])
        elif not key and rows:
            for k, col in enumerate(cells):
                if col:
                    rows[-1][k].append(col)
        else:
            break  # 抄送：…: a line across the columns ends the table
        end += 1
    if not rows:
        return None
    bounds = [*(s - 0.5 * size for s in starts[1:]), right]
    out = [ln["text"] for ln in lines[:head]] + [CELL_SEPARATOR.join(names)]
    for row in rows:
        out += row_lines([_joined_runs(col, bounds[k], size) for k, col in enumerate(row)])
    return out + [ln["text"] for ln in lines[end:]]


def _word_starts(chars: list[dict[str, Any]], size: float) -> list[float]:
    """Where each word of a header line begins (words set apart by a gap of half a character)."""
    starts = [chars[0]["x0"]]
    for prev, cur in zip(chars, chars[1:]):
        if cur["x0"] - prev["x1"] > 0.5 * size and cur["text"].strip():
            starts.append(cur["x0"])
    return starts


def _chars_by_column(chars: list[dict[str, Any]], starts: list[float], size: float) -> list[list[dict[str, Any]]]:
    cols: list[list[dict[str, Any]]] = [[] for _ in starts]
    for ch in chars:
        if not ch["text"].strip():
            continue
        k = max((i for i, s in enumerate(starts) if ch["x0"] >= s - 0.5 * size), default=0)
        cols[k].append(ch)
    return cols


def _split_by(chars: list[dict[str, Any]], starts: list[float], size: float) -> list[str]:
    return ["".join(c["text"] for c in col) for col in _chars_by_column(chars, starts, size)]


def _joined_runs(runs: list[list[dict[str, Any]]], right: float, size: float) -> str:
    """A cell's lines, each a run of characters: wrapped lines joined, the others kept apart."""
    if not runs:
        return ""
    paragraphs = ["".join(c["text"] for c in runs[0])]
    for prev, cur in zip(runs, runs[1:]):
        text, nxt = "".join(c["text"] for c in prev), "".join(c["text"] for c in cur)
        if prev[-1]["x1"] >= right - _WRAP_SLACK * size and not text.endswith(_SENTENCE_END) \
                and not (text.endswith(_NAME_ENDS) and nxt.startswith(_NAME_STARTS)):
            paragraphs[-1] += nxt
        else:
            paragraphs.append(nxt)
    return join_cell_lines(paragraphs)
