"""Word's automatic list numbers, rebuilt as text.

A paragraph numbered by Word (``<w:numPr>``) shows "一、" or "（一）" on screen but holds no such
characters; without them the parser would see no outline. The label comes from numbering.xml:
the level's ``numFmt`` (chineseCounting → 一, decimal → 1 …) put into its ``lvlText``
(``%1、`` → ``一、``), with a counter per list that restarts deeper levels.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"


def chinese(n: int) -> str:
    """12 → 十二, 20 → 二十, 105 → 一百零五 (list numbers, not amounts)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + chinese(rest) if rest < 10 else chinese(rest))
    return _DIGITS[n // 100] + "百" + tail


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def render(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital",
               "chineseLegalSimplified", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _STEMS[n - 1]
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt in ("decimalEnclosedParen", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _PAREN[n - 1] if fmt == "decimalEnclosedParen" else _CIRCLED[n - 1]
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (n - 1) % 26)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)  # decimal, decimalZero and anything unknown


@dataclass(slots=True)
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."


@dataclass(slots=True)
class Numbering:
    """Levels per numId, and the running counters while the body is walked in order."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)

    @classmethod
    def from_document(cls, document: Any) -> "Numbering":
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering  # no numbering part: nothing is auto-numbered
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.findall(f"{_W}abstractNum"):
            abstract[node.get(f"{_W}abstractNumId", "")] = {
                int(lvl.get(f"{_W}ilvl", "0")): _level(lvl) for lvl in node.findall(f"{_W}lvl")}
        for num in root.findall(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val", "") if ref is not None else "", {}))
            for override in num.findall(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                if start is not None and ilvl in levels:
                    base = levels[ilvl]
                    levels[ilvl] = _Level(int(start.get(f"{_W}val", "1")), base.fmt, base.text)
            numbering.levels[num.get(f"{_W}numId", "")] = levels
        for style in document.styles.element.findall(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                numbering.styles[style.get(f"{_W}styleId", "")] = _num_pr(num_pr)
        return numbering

    def label(self, p: Any) -> str:
        """The number Word would show before paragraph ``p`` (a ``w:p`` element), or ``""``."""
        if not self.levels:
            return ""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        if num_pr is not None:
            num_id, ilvl = _num_pr(num_pr)
        else:
            style = p.find(f"{_W}pPr/{_W}pStyle")
            found = self.styles.get(style.get(f"{_W}val", "")) if style is not None else None
            if found is None:
                return ""
            num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or not "".join(p.itertext()).strip():
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, len(counts)):
            counts[deeper] = 0
        text = levels[ilvl].text
        for lvl in range(ilvl + 1):
            level = levels.get(lvl, _Level())
            value = counts[lvl] + level.start - 1 if counts[lvl] else level.start
            text = text.replace(f"%{lvl + 1}", render(value, level.fmt))
        return text if levels[ilvl].fmt not in ("bullet", "none") else ""


def _level(node: Any) -> _Level:
    def val(tag: str, default: str) -> str:
        child = node.find(f"{_W}{tag}")
        return child.get(f"{_W}val", default) if child is not None else default

    return _Level(int(val("start", "1")), val("numFmt", "decimal"), val("lvlText", "%1."))


def _num_pr(num_pr: Any) -> tuple[str, int]:
    num_id = num_pr.find(f"{_W}numId")
    ilvl = num_pr.find(f"{_W}ilvl")
    return (num_id.get(f"{_W}val", "") if num_id is not None else "",
            int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0)
