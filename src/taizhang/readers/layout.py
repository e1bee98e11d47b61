"""OCR boxes → lines in reading order (pure: boxes in, strings out).

An OCR engine finds text boxes in no useful order. A 公文 page is read top to bottom, a line
left to right; a page set in two columns is read column by column between the parts that span
the page (a title, a table). Seals (公章) lay their ring text over the 落款 at odd angles and in
red; the red 版头 (“××市人民政府文件”) can repeat on every page of a scan. Both would break
the outline if read as body text:

- a box tilted more than ``MAX_TILT`` degrees is a seal's ring text or a speck: dropped
  (scans are straightened to a few degrees at most);
- red text is kept only as the 版头: in the top ``HEADER_SHARE`` of the page, clear of black
  text, and not read on an earlier page already. The body of a 公文 is black (GB/T 9704), so
  red lower down is a seal (its ring's top characters lie flat, its ★, its centre text).

    >>> reading_order([Box(10, 0, 200, 20, "一、总体要求"), Box(10, 30, 300, 50, "（一）指导思想。")], 400)
    ['一、总体要求', '（一）指导思想。']
"""
from __future__ import annotations

import statistics
from typing import NamedTuple

MAX_TILT = 10.0  # degrees
HEADER_SHARE = 0.4  # the 版头 sits in the top part of the first page
_COLUMN_SHARE = 0.3  # each column's boxes are at least this share of the page wide (median)


class Box(NamedTuple):
    x0: int
    y0: int
    x1: int
    y1: int
    text: str
    score: float = 1.0
    red: bool = False
    tilt: float = 0.0  # degrees from horizontal of the box's top edge

    @property
    def middle(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def height(self) -> int:
        return max(1, self.y1 - self.y0)


def reading_order(boxes: list[Box], width: int, *, height: int | None = None,
                  seen_red: set[str] | None = None) -> list[str]:
    """The page's lines, top to bottom (column by column), without seal and repeated 版头 text.

    ``seen_red`` carries the red lines of earlier pages of the same file, and is updated.
    """
    seen = seen_red if seen_red is not None else set()
    kept = [b for b in boxes if b.text and b.tilt <= MAX_TILT]
    black = [b for b in kept if not b.red]
    bottom = max((b.y1 for b in kept), default=0) if height is None else height
    kept = [b for b in kept if not b.red or (
        b.middle < HEADER_SHARE * bottom and _key(b.text) not in seen
        and not any(_overlap(b, o) for o in black))]
    seen.update(_key(b.text) for b in kept if b.red)
    if not kept:
        return []
    gutter = _gutter(kept, width)
    if gutter is None:
        return _lines(kept)
    left_end, right_start = gutter
    spanning = sorted((b for b in kept if b.x0 < right_start and b.x1 > left_end), key=lambda b: b.y0)
    out: list[str] = []
    top = -1.0
    for cut in [*spanning, None]:
        bottom = cut.middle if cut is not None else float("inf")
        band = [b for b in kept if top <= b.middle < bottom and b not in spanning]
        out += _lines([b for b in band if b.x1 <= left_end])
        out += _lines([b for b in band if b.x0 >= right_start])
        if cut is not None:
            out += _lines([cut])
            top = cut.middle
    return out


def _lines(boxes: list[Box]) -> list[str]:
    """Boxes of one column → lines: a box joins the line whose middle its own height covers."""
    rows: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: b.middle):
        if rows and abs(box.middle - statistics.fmean(b.middle for b in rows[-1])) \
                < 0.5 * min(box.height, rows[-1][0].height):
            rows[-1].append(box)
        else:
            rows.append([box])
    out = []
    for row in rows:
        row.sort(key=lambda b: b.x0)
        line = row[0].text
        for left, right in zip(row, row[1:], strict=False):
            # pieces of one line join as they stand; a wide gap (a table's cells) keeps a space
            line += (" " if right.x0 - left.x1 > 1.5 * left.height else "") + right.text
        out.append(line)
    return out


def _gutter(boxes: list[Box], width: int) -> tuple[int, int] | None:
    """The white strip between two columns, as (left column's end, right column's start).

    Looked for in the middle half of the page, among boxes narrower than 60 % of it (the
    spanning ones cross it); it counts only when both sides hold several lines that stand
    beside each other and are each a good share of the page wide, so a right-aligned 落款 or
    a table's narrow cells do not make columns.
    """
    narrow = [b for b in boxes if b.x1 - b.x0 < 0.6 * width]
    if len(narrow) < 6:
        return None
    covered = bytearray(width + 1)
    for b in narrow:
        for x in range(max(b.x0, 0), min(b.x1, width) + 1):
            covered[x] = 1
    best: tuple[int, int] | None = None
    run_start = None
    for x in range(width // 4, 3 * width // 4 + 1):
        if not covered[x]:
            run_start = x if run_start is None else run_start
            if best is None or x - run_start > best[1] - best[0]:
                best = (run_start, x)
        else:
            run_start = None
    if best is None or best[1] - best[0] < 0.015 * width:
        return None
    left = [b for b in narrow if b.x1 <= best[0]]
    right = [b for b in narrow if b.x0 >= best[1]]
    if len(left) < 3 or len(right) < 3:
        return None
    if min(statistics.median(b.x1 - b.x0 for b in side) for side in (left, right)) < _COLUMN_SHARE * width:
        return None
    beside = sum(1 for a in left if any(a.y0 < b.y1 and b.y0 < a.y1 for b in right))
    return best if beside >= 3 else None


def _overlap(a: Box, b: Box) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _key(text: str) -> str:
    return "".join(text.split())
