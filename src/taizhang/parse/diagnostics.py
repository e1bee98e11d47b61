"""What the parser tells a reader about the text and its own reading: numbering that skips, text
cut off in the middle of an item, tasks left without a unit in a document whose others name theirs."""
from __future__ import annotations

from taizhang.parse.model import ParseWarning, Task, WarningCode
from taizhang.parse.outline import Item
from taizhang.parse.text import View

_END_PUNCT = "。;!?)〕]】”\"'."


def truncated_at(view: str, items: list[Item], body_end: int) -> int | None:
    """The start of the last item when the text stops in its middle (no closing punctuation)."""
    if not items:
        return None
    tail = view[:body_end].rstrip()
    if not tail or tail[-1] in _END_PUNCT:
        return None
    last = items[-1]
    return last.start if last.start < body_end else None


def ordinal_gaps(v: View, items: list[Item]) -> list[ParseWarning]:
    """Numbering that skips (1, 2, 4): an item may be lost; numbering may restart or run on."""
    out = []
    last: dict[str, int] = {}
    for item in items:
        if item.style in ("dash", "para", "annex"):
            continue
        prev = last.get(item.style)
        if prev is not None and item.value not in (prev + 1, 1) and item.value > prev:
            out.append(ParseWarning(WarningCode.ORDINAL_GAP,
                                    f"条目序号不连续：{prev} 之后是 {item.value}",
                                    v.orig_span(item.start, item.body)))
        last[item.style] = item.value
    return out


def units_missing(tasks: list[Task]) -> list[ParseWarning]:
    """A task with no unit in a document whose other tasks name theirs: worth a human look."""
    with_units = sum(1 for t in tasks if t.lead or t.support)
    if not tasks or with_units * 2 < len(tasks):
        return []
    return [ParseWarning(WarningCode.UNIT_UNCERTAIN, f"任务 {t.key} 未找到责任单位，请人工核对", t.span)
            for t in tasks if not (t.lead or t.support)]
