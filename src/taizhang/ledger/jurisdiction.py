"""Which place a document's units belong to, and why: issuer, 发文字号, else the text itself.

Pure: a document's fields in, a :class:`PlaceFinding` out (the place, or None, and the evidence in
Chinese, one line per fact). The tables are ``data/jurisdiction_codes.tsv`` (机关代字 → place) and
``data/jurisdiction_places.tsv`` (places and the short names the text uses).

    >>> infer_jurisdiction(issuer=None, doc_number="沈政办发〔2018〕78号", text="").evidence
    ('发文字号 沈政办发〔2018〕78号 的机关代字“沈政办发” → 沈阳市',)

A unit name such as 市发展改革委 names no place; a text naming 沈阳 again and again does.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from taizhang.ledger.units import jurisdiction_of, normalize

UNDECIDED = "未确定"  # stored for a document whose place nobody could tell; flagged for review

_DATA = os.path.join(os.path.dirname(os.path.dirname(__file__)), "data")
# the 机关代字: what stands before the year's bracket (吉政发〔2016〕41号 → 吉政发)
_CODE = re.compile(r"^\s*(?P<code>[\u4e00-\u9fff]{1,10}?)\s*[〔\[【(（]?(?:19|20)\d{2}")
# the text of a cited document names its own issuer's place, not this document's: 《…》 aside
_CITED = re.compile(r"《[^《》]{0,200}》")
MIN_MENTIONS = 3  # a place named fewer times than this is not enough to decide
LEAD_FACTOR = 2  # ... nor one named less than twice as often as the next place


@dataclass(frozen=True, slots=True)
class PlaceFinding:
    """The place (None when undecided) and the facts that led there, in Chinese."""

    place: str | None
    rule: str  # issuer | doc_number | text | none
    evidence: tuple[str, ...] = ()


@lru_cache(maxsize=None)
def _rows(name: str) -> tuple[tuple[str, ...], ...]:
    with open(os.path.join(_DATA, name), encoding="utf-8") as f:
        return tuple(tuple(c.strip() for c in line.rstrip("\n").split("\t"))
                     for line in f if line.strip() and not line.startswith("#"))


def doc_code(doc_number: str) -> str:
    """``吉政发〔2016〕41号`` → ``吉政发``; "" when the number has no 机关代字 before a year."""
    m = _CODE.match(normalize(doc_number).replace("(", "〔"))
    return m.group("code") if m else ""


def place_from_code(doc_number: str | None) -> tuple[str, str] | None:
    """(机关代字, place) by the longest prefix in jurisdiction_codes.tsv: ``辽政办发`` → 辽宁省."""
    code = doc_code(doc_number) if doc_number else ""
    best = max(((p, place) for p, place in _rows("jurisdiction_codes.tsv") if code.startswith(p)),
               key=lambda row: len(row[0]), default=None)
    return (code, best[1]) if best else None


def place_mentions(text: str) -> list[tuple[str, int]]:
    """Known places by how often the text names them (short names count: 沈阳), most first.

    A place inside a longer one is not counted twice: 吉林市 is not also 吉林(省); words the
    table lists for a name do not count (朝阳产业 is no 朝阳市).
    """
    bare = _CITED.sub("", text)
    counts: dict[str, int] = {}
    shorts = sorted(_rows("jurisdiction_places.tsv"), key=lambda r: -len(r[1]))
    for place, short, *rest in shorts:
        seen = bare
        for word in filter(None, (rest[1] if len(rest) > 1 else "").split("、")):
            seen = seen.replace(word, "\0")
        n = seen.count(short)
        if n:
            counts[place] = n
            bare = bare.replace(short, "\0")  # 吉林市 counted: its 吉林 is not 吉林省's
    return sorted(counts.items(), key=lambda kv: -kv[1])


def infer_jurisdiction(*, issuer: str | None, doc_number: str | None, text: str,
                       title: str | None = None) -> PlaceFinding:
    """The document's own place: its issuer, else its 发文字号's 机关代字, else the place its
    title and text name most (at least three times and twice as often as any other)."""
    by_issuer = jurisdiction_of(issuer)
    if by_issuer:
        return PlaceFinding(by_issuer, "issuer", (f"发文机关 {issuer} → {by_issuer}",))
    coded = place_from_code(doc_number)
    if coded:
        return PlaceFinding(coded[1], "doc_number",
                            (f"发文字号 {doc_number} 的机关代字“{coded[0]}” → {coded[1]}",))
    mentions = place_mentions(f"{title or ''}\n{text}")
    said = [f"正文提到 {_short(p)} {n} 次" for p, n in mentions[:1]]
    if len(mentions) > 1:
        said.append("其次 " + "、".join(f"{_short(p)} {n} 次" for p, n in mentions[1:3]))
    if mentions:
        top, n = mentions[0]
        second = mentions[1][1] if len(mentions) > 1 else 0
        if n >= MIN_MENTIONS and n >= LEAD_FACTOR * second:
            return PlaceFinding(top, "text", tuple(said))
        said.append(f"不足以判断（至少 {MIN_MENTIONS} 次且是其次的 {LEAD_FACTOR} 倍以上）")
    why = tuple(said) or ("发文机关、发文字号和正文都没有可认的地名",)
    return PlaceFinding(None, "none", why)


def _short(place: str) -> str:
    return next((row[1] for row in _rows("jurisdiction_places.tsv") if row[0] == place), place)


def known_places() -> tuple[str, ...]:
    """Every place of the tables (for the docs and a check of --jurisdiction)."""
    return tuple(row[0] for row in _rows("jurisdiction_places.tsv"))


@dataclass(frozen=True, slots=True)
class Placement:
    """Where ingest stores a document: the place, its evidence, review flags, and warnings."""

    place: str
    evidence: tuple[str, ...]
    flags: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def document_place(doc: Any) -> PlaceFinding:
    """:func:`infer_jurisdiction` of a parsed document's own fields."""
    return infer_jurisdiction(issuer=doc.issuer, doc_number=doc.doc_number, text=doc.text,
                              title=doc.title)


def decide_jurisdiction(found: PlaceFinding, *, given: str | None = None,
                        prior: str | None = None) -> Placement:
    """The document's own place first (``found``, :func:`document_place`: issuer, 发文字号,
    text); then the place its previous version was stored under; then ``given``
    (``--jurisdiction``: for texts that name none); else :data:`UNDECIDED`, flagged. A
    ``given`` place the document contradicts is not used, and a warning says so."""
    if found.place:
        warnings: tuple[str, ...] = ()
        if given and given != found.place:
            warnings = (f"按{_RULES[found.rule]}属于{found.place}"
                        f"（{found.evidence[0]}），与指定的地区 {given} 不同；"
                        f"已按文件自身记为{found.place}",)
        flags = ("jurisdiction_inferred",) if found.rule == "text" else ()
        return Placement(found.place, found.evidence, flags, warnings)
    if prior and prior != UNDECIDED:
        return Placement(prior, (f"上一版本记为 {prior}",))
    if given:
        return Placement(given, (f"文中看不出地区，按 --jurisdiction 指定为 {given}",)
                         + found.evidence)
    return Placement(UNDECIDED, found.evidence, ("jurisdiction_undecided",),
                     (f"看不出所属地区，已记为“{UNDECIDED}”并标记待核对；"
                      f"可用 taizhang jurisdictions --document 编号 --set 地区 --apply 指定"
                      f"（导入新文件时也可加 --jurisdiction）",))


_RULES = {"issuer": "发文机关", "doc_number": "发文字号", "text": "正文"}
