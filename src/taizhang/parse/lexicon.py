"""The parser's word lists, read once from data/*.tsv (rules are data: a new marker is one line)."""

# annotations evaluated, not postponed: see model.py (NamedTuple compiles string annotations)
import os
from functools import cache
from typing import NamedTuple

# read beside this module (package data) with os.path: importlib.resources or pathlib would cost
# more at start-up than the whole parse of a short document
_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def _lines(name: str) -> list[str]:
    with open(os.path.join(_DATA, name), encoding="utf-8") as f:
        text = f.read()
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _lines(name)]


class RoleMarker(NamedTuple):
    marker: str
    role: str  # lead | support | leader | lead_each
    where: str  # label | suffix


@cache
def role_markers() -> tuple[RoleMarker, ...]:
    rows = [RoleMarker(r[0], r[1], r[2]) for r in _rows("roles.tsv")]
    return tuple(sorted(rows, key=lambda m: -len(m.marker)))


@cache
def unit_suffixes() -> tuple[str, ...]:
    return tuple(sorted((r[0] for r in _rows("unit_suffixes.tsv")), key=len, reverse=True))


@cache
def collectives() -> frozenset[str]:
    return frozenset(r[0] for r in _rows("collectives.tsv"))


@cache
def places() -> tuple[str, ...]:
    return tuple(sorted((r[0] for r in _rows("places.tsv")), key=len, reverse=True))


@cache
def non_task_headings() -> tuple[str, ...]:
    return tuple(r[0] for r in _rows("headings.tsv"))


@cache
def doc_types() -> tuple[str, ...]:
    return tuple(sorted((r[0] for r in _rows("doctypes.tsv")), key=len, reverse=True))


@cache
def chrome_starts() -> tuple[str, ...]:
    return tuple(r[0] for r in _rows("chrome.tsv"))


@cache
def _t2s_lines() -> list[str]:
    return _lines("t2s.tsv")  # every line is one traditional character, a tab, its simplified form


@cache
def t2s_table() -> dict[int, str]:
    return {ord(line[0]): line[2:] for line in _t2s_lines()}


@cache
def traditional_chars() -> frozenset[str]:
    """The characters t2s_table converts; every document is checked against them."""
    return frozenset([line[0] for line in _t2s_lines()])
