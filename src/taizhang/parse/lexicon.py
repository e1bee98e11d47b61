"""The parser's word lists, read once from data/*.tsv (rules are data: a new marker is one line)."""

from __future__ import annotations

import os
from functools import cache
from typing import NamedTuple

# package data beside this module
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
def surnames() -> tuple[str, ...]:
    """Common surnames, compound ones first (欧阳 before 欧)."""
    return tuple(sorted((r[0] for r in _rows("surnames.tsv")), key=len, reverse=True))


def looks_like_person(text: str) -> bool:
    """周海燕 · 欧阳明: two to four characters that open with a common surname."""
    return 2 <= len(text) <= 4 and text.startswith(surnames()) and "\u4e00" <= text[-1] <= "\u9fff"


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
def festivals() -> dict[tuple[str, str], str]:
    """(holiday, year or *) → MM-DD: 春节 moves with the lunar calendar, 国庆 does not."""
    return {(r[0], r[1]): r[2] for r in _rows("festivals.tsv")}


@cache
def _t2s_pairs() -> tuple[str, str]:
    """The traditional characters and their simplified forms, position for position."""
    pairs = [row for row in _rows("t2s.tsv") if len(row) == 2 and len(row[0]) == len(row[1]) == 1]
    return "".join(t for t, _ in pairs), "".join(s for _, s in pairs)


@cache
def t2s_table() -> dict[int, int]:
    return str.maketrans(*_t2s_pairs())


@cache
def traditional_chars() -> frozenset[str]:
    """The characters t2s_table converts; every document is checked against them."""
    return frozenset(_t2s_pairs()[0])
