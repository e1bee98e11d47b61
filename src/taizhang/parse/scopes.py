"""Stage 4 — responsibility by scope: beyond the clauses inside an item, who does the work may
be said by its heading (一、市发展改革委 · （一）市X：负责……), by a line closing its section (以上任务由A
牵头……), or by label lines under a heading's last child that belong to the whole heading.
"""
from __future__ import annotations

import re
from typing import NamedTuple

from taizhang.parse.labels import opens_with_label
from taizhang.parse.numerals import cn_to_int
from taizhang.parse.outline import Item
from taizhang.parse.responsibility import Clause, find_clauses, people
from taizhang.parse.tasks import CLOSING_RULE
from taizhang.parse.units import UnitName, is_unit, split_units

# 上海市闵行区人民政府 → 上海, 闵行: the places a document's issuer (or title) names, level by level
_PLACE_LEVEL = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:自治区|自治州|自治县|自治旗|省|市|县|区|镇|乡|旗|盟|州|街道)")


def _place_names(name: str) -> tuple[str, ...]:
    out, at = [], 0
    while (m := _PLACE_LEVEL.match(name, at)) is not None:
        out.append(m.group(1))
        at = m.end()
    return tuple(out)


def _own_place(view: str, units: list[UnitName], places: tuple[str, ...]) -> list[UnitName]:
    """闵行公安分局 · 江湾市场监管所 in a document of 闵行区 / 江湾镇: a unit that opens with the name of
    the document's own place names its place itself and takes no level word carried over the list."""
    out = []
    for u in units:
        written = view[u.start:u.end]
        if "level_carry_over" in u.rule and written.startswith(places) and u.name.endswith(written):
            u = UnitName(written, u.start, u.end, u.rule.replace("level_carry_over", "own_place"))
        out.append(u)
    return out


_LABEL_BRACKET = re.compile(r"\s*[(\[【][^()\[\]【】]*:[^()\[\]【】]*[)\]】]$")


def _unit_heading(view: str, item: Item) -> list[Clause]:
    """A plan divided by department (一、市发展改革委 / 1.…… 2.……): the heading names the lead
    of every item under it."""
    first_line = view.find("\n", item.body, item.own_end)
    text = view[item.body:first_line if first_line >= 0 else item.own_end].strip().rstrip("。:")
    text = _LABEL_BRACKET.sub("", text)  # （责任领导：…）
    if not text or len(text) > 30 or any(ch in text for ch in ",;。\n"):
        return []
    at = item.body + view[item.body:item.own_end].find(text[0])
    owner = _OWNED_WORK.fullmatch(text)
    if owner is not None:
        # 一、张三副省长负责的工作 · （一）省监察厅牵头的工作: work grouped by who answers for it
        who = owner.group(1)
        units = split_units(who, at)
        if units and all(is_unit(u.name) for u in units):
            return [Clause(item.body, item.own_end, lead=units, rule="work_of_unit_heading")]
        leaders = people(who, at)
        if leaders:
            return [Clause(item.body, item.own_end, leaders=leaders, rule="work_of_leader_heading")]
        return []
    units = split_units(text, at)
    if units and all(is_unit(u.name) for u in units):
        # the document is divided by the units that lead: each one the heading names leads
        return [Clause(item.body, item.own_end, lead=units, rule="unit_heading")]
    return []


# X牵头的工作 · X同志负责的重点任务 · X分管的事项
_OWNED_WORK = re.compile(r"(.{2,30}?)(?:同志)?(?:牵头负责|牵头|负责|分管|主抓|联系|包保)的(?:重点)?(?:工作|任务|事项|项目)(?:任务)?")


def _unit_colon(view: str, item: Item) -> list[Clause]:
    """（五）市自然资源局、市农牧局：负责…… → the units before the colon, the first leading (an
    unmarked list), for the whole item."""
    colon = view.find(":", item.body, min(item.own_end, item.body + 40))
    if colon < 0 or "\n" in view[item.body:colon]:
        return []
    units = split_units(view[item.body:colon], item.body)
    if not units or not all(is_unit(u.name) for u in units) or opens_with_label(view, item.body):
        return []  # 牵头单位：… is a label, read as one
    return [Clause(item.body, item.own_end, lead=units[:1], support=units[1:], rule="unit_colon")]


def _lift_closing_labels(view: str, items: list[Item], clauses_of: dict[int, list[Clause]]) -> None:
    """三、…… (一)…… (二)…… 牵头单位：A  配合单位：B — label lines after the last child, when its
    siblings name nobody and the items beside the heading carry label lines of their own (一、……
    牵头单位：…), close the heading's whole block: every child inherits them."""
    for item in items:
        kids = item.children
        if len(kids) < 2 or clauses_of.get(id(item)) or any(clauses_of.get(id(k)) for k in kids[:-1]):
            continue
        peers = item.parent.children if item.parent is not None else [i for i in items if i.parent is None]
        if not any(p is not item and not p.children
                   and any(c.rule.startswith("label") for c in clauses_of.get(id(p), [])) for p in peers):
            continue
        last = kids[-1]
        cs = clauses_of.get(id(last)) or []
        if cs and not last.children and all(c.rule.startswith("label") for c in cs) \
                and view[cs[0].start - 1:cs[0].start] in ("\n", "") and cs[0].start > last.body:
            line_start = view.rfind("\n", last.body, cs[0].start)
            if line_start > last.body:  # the labels stand on lines of their own below the text
                clauses_of[id(item)], clauses_of[id(last)] = cs, []


# 以上任务由A牵头，B、C配合，2025年底前完成。 — a line after a section's last item
_CLOSING_LINE = re.compile(r"\n[ \t]*(?:以上|上述)(?:各项|几项|\d+项)?(?:任务|工作|事项|措施)(?:均|统一)?(?=由|[\u4e00-\u9fff]{2,30}(?:牵头|负责))")


def _closing_clauses(view: str, m: re.Match[str], last: Item, articles: bool) -> list[Clause]:
    """The clauses of a closing line (以上工作由A牵头，B配合) found at ``m`` in the last item, spanning
    the line and marked with CLOSING_RULE."""
    line_end = view.find("\n", m.end(), last.own_end)
    line_end = line_end if line_end >= 0 else last.own_end
    cs = [c for c in find_clauses(view, m.end(), line_end, duty=articles) if c.lead or c.support]
    for c in cs:
        c.start, c.end, c.rule = m.start() + 1, line_end, f"{CLOSING_RULE}:{c.rule}"
    return cs


def _lift_document_closing(view: str, items: list[Item], clauses_of: dict[int, list[Clause]],
                           articles: bool) -> None:
    """以上工作由厅各处室按职责分工负责 after the last item of a document whose items name nobody:
    the document's own standing rule, the clause of every item (not of the last section only)."""
    if len(items) < 2 or items[-1].children:
        return
    last = items[-1]
    m = _CLOSING_LINE.search(view, last.body, last.own_end)
    if m is None or any(c.lead or c.support for it in items for c in clauses_of.get(id(it), [])
                        if c.start < m.start()):
        return
    cs = _closing_clauses(view, m, last, articles)
    if not cs:
        return
    for it in items:
        if it.parent is None:
            clauses_of[id(it)] = list(cs)
    clauses_of[id(last)] = [c for c in clauses_of.get(id(last), []) if c.end <= m.start()] \
        if last.parent is not None else list(cs)
    last.own_end = last.end = m.start()


def _lift_closing_sentence(view: str, items: list[Item], clauses_of: dict[int, list[Clause]],
                           articles: bool) -> None:
    """A line closing a section, 以上任务由A牵头，B配合，……前完成, is the clause of every item
    above it in the section (CLOSING_RULE: its deadline goes to them too), not part of the last."""
    for item in items:
        kids = item.children
        if not kids or clauses_of.get(id(item)) or kids[-1].children:
            continue
        last = kids[-1]
        m = _CLOSING_LINE.search(view, last.body, last.own_end)
        if m is None:
            continue
        cs = _closing_clauses(view, m, last, articles)
        if not cs:
            continue
        clauses_of[id(item)] = cs
        clauses_of[id(last)] = [c for c in clauses_of.get(id(last), []) if c.end <= m.start()]
        last.own_end = last.end = m.start()


class Scopes(NamedTuple):
    clauses: dict[int, list[Clause]]  # by id(item)
    assigners: set[int]  # items that only assign other items (第（一）项由A牵头……): no tasks themselves


def by_scope(view: str, items: list[Item], own_places: tuple[str, ...]) -> Scopes:
    """Each item's clauses, with what its scope adds (see clauses_by_scope), and the work a
    separate paragraph assigns by item number (三、任务分工 / 第（一）项由A牵头，B配合；第（二）项……)."""
    clauses_of = clauses_by_scope(view, items, own_places)
    assigners: set[int] = set()
    for item in items:
        if item.children or _BY_NUMBER.match(view, item.body) is None:
            continue
        parts = list(_BY_NUMBER.finditer(view, item.body, item.own_end))
        done = 0
        for m, nxt in zip(parts, parts[1:] + [None]):
            stop = nxt.start() if nxt is not None else item.own_end
            found = [c for c in find_clauses(view, m.start(), stop) if c.lead or c.support]
            for label in _labels_of(m.group(0)):  # 第（一）至（三）项 · 第1、2项: each item named
                target = _numbered_before(items, item, label)
                if target is not None and found and not clauses_of.get(id(target)):
                    clauses_of[id(target)] = [Clause(c.start, c.end, c.lead, c.support, c.leaders,
                                                     f"by_number:{c.rule}") for c in found]
                    done += 1
        if done:
            assigners.add(id(item))
    return Scopes(clauses_of, assigners)


# 第（一）项 · 第1项 · 第一项工作 · 第（一）至（三）项 · 第1、2项: the items named by their numbers in a
# paragraph that assigns the work
_ONE = r"(?:\(([一二三四五六七八九十]{1,3}|\d{1,3})\)|([一二三四五六七八九十]{1,3})|(\d{1,3}))"
_BY_NUMBER = re.compile(rf"第\s*{_ONE}(?:\s*(?:至|到|—|-|~|、|和|及)\s*{_ONE})*\s*项")
_NUMBER_PART = re.compile(rf"(至|到|—|-|~)?\s*{_ONE}")
_CN = "零一二三四五六七八九"


def _labels_of(named: str) -> list[str]:
    """The keys' labels of the items a 第…项 names, a range (至) spelt out in its own form."""
    out: list[str] = []
    last: int | None = None
    for part in _NUMBER_PART.finditer(named):
        raw = part.group(2) or part.group(3) or part.group(4)
        value = int(raw) if raw.isdigit() else cn_to_int(raw)
        start = last + 1 if part.group(1) and last is not None and last < value <= last + 50 else value
        out += [_label(n, arabic=raw.isdigit(), bracketed=bool(part.group(2))) for n in range(start, value + 1)]
        last = value
    return out


def _label(n: int, *, arabic: bool, bracketed: bool) -> str:
    text = str(n) if arabic else _cn(n)
    return f"({text})" if bracketed else text


def _cn(n: int) -> str:
    """1–99 as an ordinal writes it: 三 · 十二 · 二十."""
    tens, ones = divmod(n, 10)
    return ("" if tens == 0 else "十" if tens == 1 else _CN[tens] + "十") + (_CN[ones] if ones or not tens else "")


def _numbered_before(items: list[Item], item: Item, label: str) -> Item | None:
    """The item with this label that the paragraph means: the nearest one before it."""
    before = [it for it in items if it.start < item.start and it.label == label]
    return before[-1] if before else None


def clauses_by_scope(view: str, items: list[Item], own_places: tuple[str, ...]) -> dict[int, list[Clause]]:
    """Each item's clauses (by id), with what its scope adds: its heading's units, a duty list's
    colon, a section's closing line or closing labels."""
    clauses_of: dict[int, list[Clause]] = {}
    articles = any(it.style == "article" for it in items)
    for item in items:
        cs = find_clauses(view, item.body, item.own_end, duty=articles)
        if not cs and not item.children and not any(clauses_of.get(id(a)) for a in item.ancestors()):
            # nobody named by a marker: a sentence whose subject is a body (县财政局每年统筹……)
            cs = [c for c in find_clauses(view, item.body, item.own_end, duty=True) if c.lead]
        if not item.children and not any(c.lead for c in cs):
            # （一）市发展改革委：负责……: a duty list by unit, the unit before the colon leads
            cs = _unit_colon(view, item) or cs
        if item.children and not any(c.lead or c.support for c in cs):
            # 一、市发展改革委（责任领导：张宏伟副市长）: the unit from the heading, the leader from its bracket
            cs = [Clause(h.start, h.end, h.lead, h.support, h.leaders + [p for c in cs for p in c.leaders], h.rule)
                  for h in _unit_heading(view, item)] or cs
        if own_places:
            for c in cs:
                c.lead, c.support = _own_place(view, c.lead, own_places), _own_place(view, c.support, own_places)
        clauses_of[id(item)] = cs
    _lift_closing_labels(view, items, clauses_of)
    _lift_document_closing(view, items, clauses_of, articles)
    _lift_closing_sentence(view, items, clauses_of, articles)
    return clauses_of


def own_places(*names: str | None) -> tuple[str, ...]:
    """The places the document's issuer and title name, level by level (上海市闵行区 → 上海, 闵行)."""
    return tuple(p for n in names for p in _place_names(n or ""))


# 以下政策措施均需各县区人民政府、园区管委会落实，不再单独列出: the document's own standing rule
_STANDING = re.compile(r"以下(?:[^。;,]{0,10}?(?:均需|均由|均要|都需|均须|均应|都要)([^。;]{2,60}?)(?:负责)?(?:落实|实施|执行|推进)"
                       r"|(?<=以下)(?:各项)?(?:任务|工作|措施|政策措施|事项)?,?([^。;,]{2,40}?)(?:均为|都是|均是)"
                       r"(?:责任|配合|协办|参与|落实|实施)(?:单位|主体))"
                       r"[^。;]{0,4}?不再(?:单独|一一|逐项|另行|重复)?(?:列出|列明|标注)")


def standing_units(view: str, items: list[Item]) -> list[tuple[int, list[UnitName]]]:
    """Units a document says take part in every item after a point, so that it need not list
    them again (…以下政策措施均需各县区人民政府、园区管委会落实，不再单独列出): (where it says so,
    the units)."""
    out = []
    for item in items:
        for m in _STANDING.finditer(view, item.body, item.own_end):
            g = 1 if m.group(1) else 2
            units = split_units(m.group(g), m.start(g))
            if units and all(is_unit(u.name) for u in units):
                out.append((m.end(), units))
    return out
