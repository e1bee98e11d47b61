"""Stage 2b — the page's parts, from its line roles (GB/T 9704 and how sites reprint it).

    head      版头, 发文字号, the title block, 主送机关, and a cover notice with its signature
    cover     a notice that only issues the plan (现将《X》印发给你们): its own numbered paragraphs
              (一、各责任单位要高度重视……) are instructions, not the plan's tasks
    plan      the plan's title after the cover (the 《X》 the notice names, or the lines under its
              signature), then the body: preamble, items, label lines, tables
    annexes   附件1 … after the body, each with its lines
    footer    署名, 成文日期, 此件公开发布, an index block printed below the text
"""
from __future__ import annotations

import re
from typing import NamedTuple

from taizhang.parse.lines import DROPPED, Line, Role
from taizhang.parse.titles import is_title_part, joined, same_title

# 现将《X》印发给你们 · 《X》已经市政府同意，现印发给你们 · 现予印发 · 现转发给你们
_ISSUES = re.compile(r"(?:印发|转发|印送|下发|交办|下达)给你们|(?:交办|下达)如下|现予印发|现予转发|予以印发")
_HANDS_OVER = re.compile(r"(?:交办|下达)(?:给你们|如下)")
_NAMED = re.compile(r"《(.+?)》(?=[^《》。]{0,40}?(?:印发|转发|印送|下发)给?你们|[^《》。]{0,40}?现予)")
_ANNEX_LABEL = re.compile(r"附件\s*(\d{1,2}|[一二三四五六七八九十]{1,2})?\s*:?")
_NAMED_ANNEX = re.compile(r"附件\s*:\s*(\S.*?)\s*")


class Annex(NamedTuple):
    label: str  # as a key writes it: 附件1, 附件
    line: Line
    lines: list[Line]


class Layout(NamedTuple):
    head: list[Line]  # everything before the body (cover and plan title included)
    cover: tuple[int, int] | None  # the cover notice's span: its items are no tasks
    plan_title: list[Line]  # the plan's own title lines after a cover
    body: list[Line]
    annexes: list[Annex]
    footer: list[Line]


def lay_out(view: str, lines: list[Line], body_from: int | None = None) -> Layout:
    """The parts of a page. ``body_from``: where a table found among the lines begins (a body
    may be a table and nothing else)."""
    kept = [ln for ln in lines if ln.role not in DROPPED]
    cover, title, plan_at = _cover(view, kept, body_from)
    rest = kept[plan_at:]
    first = next((k for k, ln in enumerate(rest) if ln.role is Role.ITEM), None)
    if body_from is not None:
        at_table = next((k for k, ln in enumerate(rest) if ln.start >= body_from), len(rest))
        first = at_table if first is None else min(first, at_table)
    if first is None:
        return Layout(kept, cover, title, [], [], [])
    if cover is None:
        # the lines just above the first item that carry on a preamble stay in the head; the body
        # opens at the first item (or table)
        body_start = first
    else:
        body_start = 0  # after a cover and its plan title the plan's preamble opens the body
    head = kept[:plan_at] + rest[:body_start]
    main, annexes = _annexes(view, rest[body_start:])
    body, footer = split_footer(view, main)
    return Layout(head, cover, title, body, annexes, footer)


def _cover(view: str, kept: list[Line], body_from: int | None) -> tuple[tuple[int, int] | None, list[Line], int]:
    """The cover notice, the plan's title lines, and the index of the first line after them
    (``body_from``: where a table found among the lines begins)."""
    issue = next((k for k, ln in enumerate(kept) if ln.role is Role.TEXT and _ISSUES.search(view, ln.start, ln.end)),
                 None)
    if issue is None:
        return None, [], 0
    named = _NAMED.search(view, kept[issue].start, kept[issue].end)
    if named is not None:
        found = _title_named(view, kept, issue + 1, named.group(1))
        if found is not None:
            a, b = found
            return (kept[0].start, kept[a].start), kept[a:b], b
    signed = _signature_after(kept, issue + 1)
    if signed is None:
        return None, [], 0
    k = signed
    while k < len(kept) and kept[k].role in (Role.NOTE, Role.ANNEX, Role.DATE, Role.DOC_NUMBER):
        k += 1
    a = k
    while k < len(kept) and k - a < 4 and kept[k].role in (Role.TEXT, Role.ORG) \
            and is_title_part(kept[k].text(view)):
        k += 1
    if k == a:
        return None, [], 0
    follows = k < len(kept) or (body_from is not None and body_from > kept[a].start)
    if not follows:
        return None, [], 0
    if _HANDS_OVER.search(view, kept[issue].start, kept[issue].end):
        return (kept[0].start, kept[a].start), [], k  # 交办如下: the list it hands over is no plan with a title
    return (kept[0].start, kept[a].start), kept[a:k], k


def _title_named(view: str, kept: list[Line], start: int, name: str) -> tuple[int, int] | None:
    """Where the lines after the notice spell the title it issues, perhaps split over lines (the
    longest run of lines that does)."""
    for a in range(start, len(kept)):
        if kept[a].role not in (Role.TEXT, Role.ORG) or not is_title_part(kept[a].text(view)) \
                and not kept[a].text(view).startswith("《"):
            continue
        best = None
        for b in range(a + 1, min(a + 5, len(kept) + 1)):
            if same_title(joined([ln.text(view) for ln in kept[a:b]]), name):
                best = b
            if b < len(kept) and (kept[b].role not in (Role.TEXT, Role.ORG) or not is_title_part(kept[b].text(view))):
                break
        if best is not None:
            return a, best
    return None


def _signature_after(kept: list[Line], start: int) -> int | None:
    """The index after the first signature (a date line, perhaps under the issuer's name) that
    follows the notice's text."""
    for k in range(start, len(kept)):
        if kept[k].role is Role.DATE:
            return k + 1
        if kept[k].role is Role.ITEM and k + 1 < len(kept) and kept[k + 1].role is Role.ITEM:
            continue
    return None


def _annexes(view: str, lines: list[Line]) -> tuple[list[Line], list[Annex]]:
    """The lines before the first attachment label, and each attachment with its own lines. 附件1
    alone on its line opens an attachment (GB/T 9704 puts each on a page of its own); 附件：1.……
    is the list of attachments and stays with the text."""
    main: list[Line] = []
    annexes: list[Annex] = []
    for k, ln in enumerate(lines):
        m = _ANNEX_LABEL.fullmatch(view, ln.start, ln.end) if ln.role is Role.ANNEX else None
        named = _NAMED_ANNEX.fullmatch(view, ln.start, ln.end) if ln.role is Role.ANNEX and m is None else None
        if named is not None and k + 1 < len(lines) and lines[k + 1].text(view).strip() == named.group(1):
            # 附件：2023年重点任务清单 / 2023年重点任务清单 / 1.……: a page that dropped the
            # attachment's own 附件 line; the title repeated under the list opens it
            annexes.append(Annex("附件", ln, []))
        elif m is not None:
            annexes.append(Annex(f"附件{m.group(1) or ''}", ln, []))
        elif annexes:
            annexes[-1].lines.append(ln)
        else:
            main.append(ln)
    return main, annexes


_FOOTER_ROLES = frozenset({Role.DATE, Role.ORG, Role.NOTE, Role.DOC_NUMBER, Role.FIELD, Role.ANNEX})
_FOOTER_TEXT = re.compile(r"(?:抄送|联系人|联系电话|联系方式)[:].*|.{0,30}印发|\d{4}年\d{1,2}月\d{1,2}日印发|.{0,12}联系人[:].*")


def split_footer(view: str, lines: list[Line]) -> tuple[list[Line], list[Line]]:
    """Split the trailing 署名 / 成文日期 / 此件公开发布 / 附件 lines (and an index block printed
    below the text) off the body."""
    cut = len(lines)
    attach = next((k for k, ln in enumerate(lines) if ln.role is Role.ANNEX), None)
    if attach is not None:
        cut = attach
    while cut > 0:
        ln = lines[cut - 1]
        if ln.role in _FOOTER_ROLES or (ln.role is Role.TEXT and _FOOTER_TEXT.fullmatch(ln.text(view))):
            cut -= 1
        else:
            break
    return lines[:cut], lines[cut:]
