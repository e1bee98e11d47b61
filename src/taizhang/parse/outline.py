"""Outline: lines of the view → a tree of numbered items (GB/T 9704 levels and common variants).

Levels are not fixed by ordinal form: the first form met is the top, a new form opens a deeper
level and a form already open closes the levels below it. So 一、(一)1.(1) works, and so does a
plan that starts at (一) or uses ①/⑴/1、 or 第一条.
"""
from __future__ import annotations

import re

from taizhang.parse.labels import is_label
from taizhang.parse.numerals import cn_to_int
from taizhang.parse.units import is_unit, split_units

CN = "一二三四五六七八九十百零〇两"
# each ordinal form: (style, regex at line start, how the key writes it); the regexes see the view
# (half-width punctuation, no spaces)
_FORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(rf"第([{CN}]+)(?:章|部分|篇)")),          # 第一章
    ("article", re.compile(rf"第([{CN}\d]+)条")),                      # 第三条
    ("cn", re.compile(rf"([{CN}]+)[、.]")),                             # 一、
    ("pcn", re.compile(rf"\(([{CN}]+)\)")),                            # (一)
    ("dec", re.compile(r"(\d{1,2})\.(\d{1,2})(?![\d.%])(?=\s*[\u4e00-\u9fff])")),  # 1.1 (项目 lists)
    ("num", re.compile(r"(\d{1,6})[.、](?!\d)")),                     # 1.  1、 (1000. only in a run: see build)
    ("pnum", re.compile(r"\((\d{1,3})\)|([\u2474-\u2487])")),          # (1) ⑴
    ("rnum", re.compile(r"(\d{1,2})\)(?![\d)])")),                     # 1)
    ("circ", re.compile(r"([\u2460-\u2473])")),                        # ①
    ("dash", re.compile(r"(——|—|--)(?=[^—\-])")),                      # ——实现……
    ("named", re.compile(rf"(?:事项|任务)([{CN}\d]+)[:、]")),           # 事项一：… (督办通知, 任务清单)
)
# every form in one pattern: one match finds the first form that fits (most positions fit none)
_ANY_FORM = re.compile("|".join(f"(?P<{style}>{form.pattern})" for style, form in _FORMS))
_FORM_AT = {style: i for i, (style, _) in enumerate(_FORMS)}
# the characters an ordinal can begin with (a cheap test before the patterns)
_ORDINAL_FIRST = frozenset("0123456789(第—-事任" + CN + "".join(chr(c) for c in range(0x2460, 0x2488)))
# an inline next item: after the end of a sentence, the same form with the next number
_SENTENCE_END = re.compile(r"[。;!?)〕\]】]")  # a clause in brackets ends an item too: …。(A负责)(二)……


class Item:
    """One numbered item of the outline, linked to its parent and children while the tree is built
    (a plain class: see model.py on dataclasses)."""

    __slots__ = ("style", "label", "value", "start", "body", "end", "level", "parent", "children",
                 "own_end")

    def __init__(self, style: str, label: str, value: int, start: int, body: int, *, end: int = 0,
                 level: int = 0, parent: Item | None = None, own_end: int = 0) -> None:
        self.style = style
        self.label = label  # as the key writes it: 二, (一), 1, (1), ①
        self.value = value
        self.start = start  # view offset of the ordinal
        self.body = body  # view offset just after the ordinal
        self.end = end  # view offset of the item's end (exclusive), children included
        self.level = level
        self.parent = parent
        self.children: list[Item] = []
        self.own_end = own_end  # end of the item's own text (before its first child)

    def __repr__(self) -> str:
        return f"Item({self.style}, {self.label!r}, [{self.start}, {self.end}), level={self.level})"

    @property
    def key(self) -> str:
        parts = []
        node: Item | None = self
        while node is not None:
            parts.append(node.label)
            node = node.parent
        return "/".join(reversed(parts))

    def ancestors(self) -> list["Item"]:
        out = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out


def match_ordinal(view: str, pos: int) -> tuple[str, str, int, int] | None:
    """The ordinal at ``pos``: (style, key label, value, end offset), or None."""
    if pos >= len(view) or view[pos] not in _ORDINAL_FIRST:
        return None
    fits = _ANY_FORM.match(view, pos)
    if fits is None or fits.lastgroup is None:
        return None
    for style, form in _FORMS[_FORM_AT[fits.lastgroup]:]:
        m = form.match(view, pos)
        if not m:
            continue
        if style == "dash":
            return style, "", 0, m.end()
        raw = next(g for g in m.groups() if g)
        if style == "pnum" and m.group(2):
            value = ord(raw) - 0x2473
        elif style == "dec":
            value = int(m.group(2))
        elif style == "circ":
            value = ord(raw) - 0x245F
        elif raw.isdigit():
            value = int(raw)
        else:
            value = cn_to_int(raw)
        if value <= 0:
            continue
        label = {"pcn": f"({raw})", "pnum": f"({value})", "chapter": m.group(0), "dec": f"{raw}.{value}",
                 "article": m.group(0), "named": m.group(0)[:-1]}.get(style, raw)
        return style, label, value, m.end()
    return None


def build(view: str, lines: list[tuple[int, int]]) -> list[Item]:
    """Items from the body lines [(start, end)] of the view, nested by ordinal form."""
    items: list[Item] = []
    stack: list[Item] = []
    dash_count: dict[int, int] = {}
    last: dict[str, int] = {}  # the last value of each ordinal form
    for start, end in lines:
        for pos, (style, label, value, body) in _item_starts(view, start, end) or _next_before_digits(view, start, last):
            if value >= 1000 and last.get(style) != value - 1:
                continue  # 2018、2019年…… is a year; 1000. only continues 999.
            if style == "unit":  # counted in order, as an ordinal would
                value = last.get(style, 0) + 1
            last[style] = value
            while stack and stack[-1].style != style and style in {s.style for s in stack}:
                stack.pop()
            if stack and stack[-1].style == style:
                stack.pop()
            parent = stack[-1] if stack else None
            if style == "dash":
                n = dash_count.get(id(parent), 0) + 1
                dash_count[id(parent)] = n
                label, value = f"—{n}", n
            item = Item(style, label, value, pos, body, level=len(stack), parent=parent)
            if parent is not None:
                parent.children.append(item)
            items.append(item)
            stack.append(item)
    return items


_COLON_LIST = re.compile(r"如下:(?=1[.、])")  # 通知如下 · 要求如下 (not 整改措施：1.…；2.…, steps of one item)
# 7.12345政务服务便民热线 · 3.2025年底前……: digits right after the point, as in a decimal
_NUM_BEFORE_DIGITS = re.compile(r"(\d{1,3})\.(?=\d{3})")


def _next_before_digits(view: str, start: int, last: dict[str, int]) -> list[tuple[int, tuple[str, str, int, int]]]:
    """A line opening with the next number of the list in progress, though digits follow its point:
    an item whose text begins with a number (a hotline, a year), not a decimal."""
    m = _NUM_BEFORE_DIGITS.match(view, start)
    if m is None or last.get("num") != int(m.group(1)) - 1:
        return []
    return [(start, ("num", m.group(1), int(m.group(1)), m.end()))]


# 市应急管理局：1.…… — a unit's name, a colon and its first numbered item on the same line
_UNIT_RUN_ON = re.compile(r"([^:;,。\n]{2,40}):(?=1[.、]\D)")


def _unit_run_on(view: str, start: int, end: int) -> list[tuple[int, tuple[str, str, int, int]]]:
    """A plan divided by unit, each unit's work run on after its name (市应急管理局：1.……。2.……):
    the name is a heading item of its own (its key label the name), its numbered work the items
    under it — so 1. under the next unit starts a new list instead of repeating a key."""
    colon = view.find(":", start, min(end, start + 41))
    if colon < 0 or not view.startswith("1", colon + 1):  # most lines: no colon before a 1
        return []
    m = _UNIT_RUN_ON.match(view, start, end)
    if m is None:
        return []
    names = split_units(m.group(1))
    if not names or not all(is_unit(u.name) for u in names) or is_label(m.group(1)):
        return []  # 责任单位：1.…… is a label and its list
    return [(start, ("unit", m.group(1), 0, start)), *_item_starts(view, m.end(), end)]


def _item_starts(view: str, start: int, end: int) -> list[tuple[int, tuple[str, str, int, int]]]:
    """Where items begin on one line, with their ordinals: its start, plus inline next items
    (…。2.……)."""
    first = match_ordinal(view, start)
    if first is None:
        owner = _unit_run_on(view, start, end)
        if owner:
            return owner
        # ……现就有关事项通知如下：1.严格管控野外火源……；2.加强……: a list run on after a colon, kept
        # only when its next item follows on the same line
        colon = _COLON_LIST.search(view, start, end)
        if colon is None:
            return []
        at = colon.end()
        first = match_ordinal(view, at)
        if first is None or first[2] != 1:
            return []
        starts = _item_starts(view, at, end)
        return starts if len(starts) >= 2 else []
    starts = [(start, first)]
    style, _, value, _ = first
    if style == "dash":
        return starts
    for m in _SENTENCE_END.finditer(view, start, end):
        at = m.end()
        while at < end and view[at] in " \t":  # …省财政厅）　　（五）推动……
            at += 1
        if at >= end or view[at] not in _ORDINAL_FIRST:
            continue
        nxt = match_ordinal(view, at)
        if nxt and nxt[0] == style and nxt[2] == value + 1:
            starts.append((at, nxt))
            value += 1
    return starts
