"""Stage 3 — the body's items: the outline tree of numbered items, each item's extent, and the
items a layout implies without an ordinal (paragraphs under a heading that each name their units,
a 纪要's further decisions); a closing paragraph that only exhorts everyone (各有关单位要……) is cut
from the last item.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from taizhang.parse.numerals import cn_to_int
from taizhang.parse.outline import Item, build
from taizhang.parse.responsibility import OPENER, find_clauses
from taizhang.parse.tasks import generic, paragraph_tasks


def items_of(view: str, lines: list[tuple[int, int]], end: int, dropped: list[tuple[int, int]]) -> list[Item]:
    """The items of a body's lines, their ends set, unnumbered paragraphs and 纪要 decisions
    read as items, closing remarks cut off."""
    items = build(view, lines)
    _set_ends(items, end, view, dropped)
    items = _meeting_decisions(view, paragraph_tasks(view, _decided_parts(view, items)))
    _cut_closing_remarks(view, items)
    return items


_DUTY_PART = re.compile(r"[^;。]+[;。]?")


def duty_sentences(view: str, lines: list[tuple[int, int]]) -> list[Item]:
    """A body with no numbered item at all, where a paragraph lists the work unit by unit in
    sentences joined by semicolons (a news report of a plan: 市发展改革委牵头负责……；市财政局负责……；
    各县（市、区）人民政府负责……): each such sentence is an item. Three at least, each opening with
    the body that answers for it."""
    for a, b in lines:
        enumerated = _enumerated_parts(view, a, b)
        if enumerated:
            return enumerated
        if view.count(";", a, b) < 2:
            continue
        parts = []
        for m in _DUTY_PART.finditer(view, a, b):
            start = m.start()
            colon = view.find(":", start, min(m.end(), start + 40))
            if colon >= 0:  # 在工作分工上，《方案》明确：市民政局负责……: the lead-in names nobody
                start = colon + 1
            while start < m.end() and view[start] in " \t":
                start += 1
            if view[m.end() - 1:m.end()] in (";", "") or m.end() == b:
                cs = find_clauses(view, start, m.end())
                if cs and cs[0].lead and cs[0].lead[0].start <= start + 1:
                    parts.append((start, m.end()))
        if len(parts) >= 3:
            return [Item("para", str(n), n, x, x, end=y, own_end=y) for n, (x, y) in enumerate(parts, 1)]
    return []


def _enumerated_parts(view: str, a: int, b: int) -> list[Item]:
    """《方案》明确，一是……，由A牵头。二是……，由B负责。……: a paragraph (a news report of a plan)
    enumerating the measures, three at least, most naming who does them: each part is an item
    (key 一是, 二是 …)."""
    starts = _part_starts(_LISTED_PART, view, a, b)
    if len(starts) < 3:
        return []
    items = []
    for k, (start, body, label) in enumerate(starts):
        end = starts[k + 1][0] if k + 1 < len(starts) else b
        items.append(Item("part", label, k + 1, start, body, end=end, own_end=end))
    named = sum(1 for it in items if any(c.lead for c in find_clauses(view, it.body, it.own_end)))
    return items if 2 * named > len(items) else []


# 会议议定：一是……；二是……；三是……: a 纪要's decisions enumerated inside one paragraph
_DECIDED = re.compile(r"(?:会议|会上)(?:还|同时|进一步)?(?:议定|决定|明确|要求|同意|确定)[:,]?\s*(?=一是)")
_PART_ORDINAL = re.compile(r"(?:^|(?<=[;。:]))\s*([一二三四五六七八九十]{1,3})是")
# (明确，一是…… · the first part may follow a comma)
_LISTED_PART = re.compile(r"(?:^|(?<=[;。:,]))\s*([一二三四五六七八九十]{1,3})是")


def _part_starts(pattern: re.Pattern[str], view: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """一是……二是……三是…… in view[a:b], numbered in turn from 一: (start, body start, label 一是)."""
    starts: list[tuple[int, int, str]] = []
    for m in pattern.finditer(view, a, b):
        if cn_to_int(m.group(1)) == len(starts) + 1:
            starts.append((m.start(1), m.end(), m.group(1) + "是"))
    return starts


def _decided_parts(view: str, items: list[Item]) -> list[Item]:
    """Each part of an enumerated decision paragraph is an item of its own (key 一/一是, 一/二是)."""
    out: list[Item] = []
    for item in items:
        out.append(item)
        if item.children:
            continue
        opened = _DECIDED.search(view, item.body, item.own_end)
        if opened is None:
            continue
        para_end = view.find("\n", opened.end(), item.own_end)
        para_end = item.own_end if para_end < 0 else para_end
        starts = _part_starts(_PART_ORDINAL, view, opened.end(), para_end)
        if len(starts) < 2:
            continue
        item.own_end = starts[0][0]
        for k, (start, body, label) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else para_end
            child = Item("part", label, k + 1, start, body, end=end, level=item.level + 1, parent=item, own_end=end)
            item.children.append(child)
            out.append(child)
    return out


def _set_ends(items: list[Item], body_end: int, view: str, dropped: list[tuple[int, int]]) -> None:
    """Each item runs to the next item that is not its descendant; own text stops at a child.
    Lines dropped as a repeat or as page chrome (共2页 上一页…) at the end of an item are not its
    text."""
    dropped = sorted(dropped)
    starts = [a for a, _ in dropped]
    for i, item in enumerate(items):
        nxt = items[i + 1].start if i + 1 < len(items) else body_end
        item.own_end = max(item.body, min(nxt, body_end))
        inside = dropped[bisect_right(starts, item.body):bisect_left(starts, item.own_end)]
        for a, b in reversed(inside):
            if not view[b:item.own_end].strip():
                item.own_end = a
    for item in reversed(items):
        item.end = max([item.own_end] + [c.end for c in item.children])


def _meeting_decisions(view: str, items: list[Item]) -> list[Item]:
    """3.……参照执行。 / 会议要求，……由A牵头，B配合……: in a 纪要, a paragraph after a numbered
    decision that opens 会议要求/会议议定 and names who does it is one more decision (key 二/4)."""
    out: list[Item] = []
    for item in items:
        out.append(item)
        if item.children or item.parent is None or item.style in ("para", "dash", "annex"):
            continue
        at = item.body
        while (nl := view.find("\n", at, item.own_end)) >= 0:
            at = nl + 1
            while at < item.own_end and view[at] in " \t":
                at += 1
            opener = OPENER.match(view, at, item.own_end)
            if opener is None or not find_clauses(view, opener.end(), item.own_end):
                continue
            n = item.value + 1
            extra = Item(item.style, str(n), n, at, at, end=item.own_end, level=item.level, parent=item.parent,
                         own_end=item.own_end)
            siblings = item.parent.children
            siblings.insert(siblings.index(item) + 1, extra)
            item.own_end = item.end = nl
            out.append(extra)
            break
    return out


_BLANK_THEN_EXHORTATION = re.compile(
    r"\n[ \t]*\n\s*(?:会议(?:还|同时)?(?:强调|要求|指出)[,:]?)?各[^,。;\n]{1,24}?(?:要|应|须|务必)")

# 请各单位于2025年12月15日前将本通知贯彻落实情况书面报送我局 · 各科室于8月5日前将整改情况书面报质控办:
# the notice's own closing request to report back
_REPORT_REQUEST = re.compile(r"\n[ \t]*(?:请(?:各|你|有关)|各)[^\n。]{0,40}?(?:将|把)[^\n。]{0,30}?"
                             r"(?:落实情况|工作情况|进展情况|贯彻情况|执行情况|整改情况)[^\n。]{0,20}?报")


def _cut_closing_remarks(view: str, items: list[Item]) -> None:
    """The paragraphs after the last item's responsibility clause that name nobody are the
    document's closing remarks (各地区、各部门要……), not part of the last task."""
    if not items:
        return
    last = items[-1]
    gap = _BLANK_THEN_EXHORTATION.search(view, last.body, last.own_end) \
        or _REPORT_REQUEST.search(view, last.body, last.own_end)
    if gap is not None and not last.children:
        # ……\n\n各有关单位要按照职责分工各负其责……: a paragraph telling every body to do its part
        last.own_end = last.end = gap.start()
        return
    clauses = find_clauses(view, last.body, last.own_end)
    if not clauses:
        return
    line_end = view.find("\n", clauses[-1].end, last.own_end)
    if line_end < 0 or not view[line_end:last.own_end].strip():
        return
    if any(not all(generic(u.name) for u in c.lead + c.support) for c in find_clauses(view, line_end, last.own_end)):
        return  # (各协办单位要主动配合: everyone of a kind is nobody named)
    last.own_end = last.end = line_end
