"""Terminal tables for the ledger commands: columns measured in display width (CJK = 2).

A listing of 20,000 rows is 160,000 cells and about a million characters, so the common
cases stay cheap: ASCII is measured by length, each character's width is looked up once, and
only cells that do not fit are cut (with “…”), by bisecting their running widths.
"""
from __future__ import annotations

import sys
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate


class _CharWidths(dict[str, int]):
    """Terminal columns per character, looked up once each: 2 for East Asian wide and
    full-width, else 1."""

    def __missing__(self, char: str) -> int:
        width = self[char] = 2 if unicodedata.east_asian_width(char) in "WF" else 1
        return width


_WIDTHS = _CharWidths()


def cell(s: str, width: int) -> str:
    """``s`` padded to ``width`` columns, or cut with “…” when it does not fit."""
    return column([s], width)[0]


def column(values: Iterable[str], width: int) -> list[str]:
    """Every cell of a column: the per-cell work inline, as 20,000 rows make 160,000 cells."""
    measure = _WIDTHS.__getitem__
    out = []
    for s in values:
        used = len(s) if s.isascii() else sum(map(measure, s))
        out.append(s + " " * (width - used) if used <= width else _cut(s, width))
    return out


def _cut(s: str, width: int) -> str:
    ends = list(accumulate(map(_WIDTHS.__getitem__, s)))  # columns used after each character
    # the first character that would end past width - 1 is cut (with room for “…”), unless
    # it is the last character's twin and ends exactly at width
    cut = bisect_right(ends, width - 1)
    if ends[cut] == width and s[cut] == s[-1]:
        cut += 1
    used = (ends[cut - 1] if cut else 0) + 1
    return s[:cut] + "…" + " " * max(0, width - used)


def table(cols: Sequence[tuple[str, int]], cells: Sequence[Sequence[str]], footer: str, *,
          by_column: bool = False) -> None:
    """Print a header, ``cells`` (rows, or columns when ``by_column``) and a footer line."""
    values = cells if by_column else list(zip(*cells))
    columns = [column(v, w) for v, (_, w) in zip(values, cols)]
    lines = [" ".join(cell(n, w) for n, w in cols).rstrip()]
    lines += [" ".join(cells).rstrip() for cells in zip(*columns)]
    lines.append(footer)
    sys.stdout.write("\n".join(lines) + "\n")
