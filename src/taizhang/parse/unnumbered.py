"""Stage 3, when a body has no ordinals at all — work set out by other means: paragraphs whose
numbering was lost on the way (a plan pasted from Word into a web editor), records (任务名称：… /
牵头单位：…), and bullets (▌…… as a 政务公众号 article writes a plan). Each reader gives items as
the outline would, keyed #1, #2 … in order.
"""
from __future__ import annotations

import re

from taizhang.parse.labels import opens_with_label
from taizhang.parse.outline import Item
from taizhang.parse.responsibility import find_clauses
from taizhang.parse.tasks import generic


def unnumbered_paragraphs(view: str, lines: list[tuple[int, int]]) -> list[Item]:
    """A plan whose numbering was lost (pasted from Word into a web editor: 压实安全生产责任 /
    健全安全生产责任体系。……（责任单位：县安委办）): each paragraph that says who does it is a task, under
    the short line without punctuation right above a run of them, its heading (keys #1/#1, #1/#2 …).
    Three such paragraphs at least; the others (a preamble, a closing remark) are none."""
    lines = [(a, b) for a, b in lines if view[a:b].strip()]
    assigned = [_assigns(view, a, b) for a, b in lines]
    if sum(assigned) < 3:
        return []
    out: list[Item] = []
    heading: Item | None = None
    for k, (a, b) in enumerate(lines):
        text = view[a:b].strip()
        if k + 1 < len(lines) and assigned[k + 1] and _BARE_HEADING.fullmatch(text) and not opens_with_label(text):
            n = sum(1 for it in out if it.style == "head") + 1
            heading = Item("head", f"#{n}", n, a, a, end=b, own_end=b)
            out.append(heading)
        elif assigned[k]:
            n = len(heading.children) + 1 if heading is not None else sum(1 for it in out if it.parent is None) + 1
            para = Item("para", f"#{n}", n, a, a, end=b, level=1 if heading else 0, parent=heading, own_end=b)
            if heading is not None:
                heading.children.append(para)
                heading.end = b
            out.append(para)
    return out


def _assigns(view: str, a: int, b: int) -> bool:
    """A clause that names a body or a person by a marker (各乡镇于6月25日前……报 names nobody; a
    sentence's subject alone is no assignment here)."""
    return any(c.rule != "verb:duty" and (c.leaders or (c.lead + c.support and not all(generic(u.name) for u in c.lead + c.support)))
               for c in find_clauses(view, a, b))


def record_blocks(view: str, lines: list[tuple[int, int]]) -> list[Item]:
    """A list written as records (任务名称：稳定粮食生产 / 具体内容：… / 牵头单位：… / 完成时限：…, the
    records apart by a rule or a blank line): each record is a task, its name the text (keys #1,
    #2 …); the label lines under it say who does it and by when. Two records at least."""
    starts = [(k, m.end()) for k, (a, b) in enumerate(lines) if (m := _RECORD_NAME.match(view, a, b)) is not None]
    return _blocks(view, lines, starts, "record")


def bulleted_blocks(view: str, lines: list[tuple[int, int]], bulleted: list[bool]) -> list[Item]:
    """Work set out under bullets (▌城区“六乱”整治 / a few short paragraphs / 牵头单位：… 配合单位：…, as a
    政务公众号 article writes a plan): each bullet opens a task that runs to the next one. Two at
    least, and one of them saying who does it."""
    starts = [(k, lines[k][0]) for k, flag in enumerate(bulleted) if flag]
    items = _blocks(view, lines, starts, "bullet")
    return items if any(find_clauses(view, it.body, it.own_end) for it in items) else []


def _blocks(view: str, lines: list[tuple[int, int]], starts: list[tuple[int, int]], style: str) -> list[Item]:
    """Items from the lines at ``starts`` (line index, body offset), each to the next; the last one
    to the end of the field lines under it (牵头单位：…), not into what closes the list."""
    if len(starts) < 2:
        return []
    last = starts[-1][0]
    end = lines[last][1]
    fields = False
    for a, b in lines[last + 1:]:
        is_field = _FIELD.match(view, a, b) is not None
        if fields and not is_field:
            break
        fields, end = fields or is_field, b
    ends = [lines[k][0] for k, _ in starts[1:]] + [end]
    return [Item(style, f"#{n}", n, lines[k][0], body, end=stop, own_end=stop)
            for n, ((k, body), stop) in enumerate(zip(starts, ends), 1)]


_FIELD = re.compile(r"\s*[\u4e00-\u9fff]{2,8}\s*:")  # 牵头单位： · 完成时限： · 具体内容：
# the field that names the task of a record
_RECORD_NAME = re.compile(r"\s*(?:任务名称|工作任务|任务内容|重点任务|项目名称|事项名称|督办事项)\s*:\s*")


# a heading line: a short phrase with no sentence punctuation (深化重点行业领域治理)
_BARE_HEADING = re.compile(r"[\u4e00-\u9fff“”、()]{2,24}")
