"""The index block government sites print above (or below) a document: labelled facts.

    >>> read("发文机关:国务院办公厅成文日期:2014年02月23日")
    {'issuer': ('发文机关', '国务院办公厅', 5, 11), 'issued_on': ('成文日期', '2014年02月23日', 16, 27)}

Labels are written with spaces for alignment (文    号, 索 引 号); the view keeps a run of spaces as
a tab, so a label may hold tabs between its characters. A value runs to the next label.
"""
from __future__ import annotations

import re

# label → the fact it gives; labels of no fact of ours (索引号, 发布日期 …) still end a value
_FACTS: dict[str, str] = {
    **dict.fromkeys(("发文字号", "文号", "文件编号", "发文编号", "文件字号", "督办编号"), "doc_number"),
    # the date a document was signed, not the date a site published it (发布日期)
    **dict.fromkeys(("成文日期", "发文日期", "颁布时间", "颁布日期", "印发日期", "签发日期", "督办日期"), "issued_on"),
    **dict.fromkeys(("发文机关", "发布机构", "发文单位", "发布单位", "发文机构", "制发机关", "颁布单位",
                     "发布机关"), "issuer"),
    **dict.fromkeys(("标题", "名称", "文件名称", "文件标题"), "title"),
}
_OTHER = ("索引号", "主题分类", "体裁分类", "发布日期", "发布时间", "生效日期", "失效日期", "有效性", "时效",
          "公开方式", "公开范围", "公开时限", "文件分类", "所属机构", "主题词", "公文种类", "信息分类", "分类",
          "是否有效", "组配分类", "服务对象", "督办类别", "督办来源", "紧急程度", "密级", "生成日期", "关键词",
          "关键字", "信息来源", "来源", "所属主题", "浏览次数", "访问量")
_LABELS = sorted([*_FACTS, *_OTHER], key=len, reverse=True)
# a label, its characters perhaps set apart by tabs (索\t引\t号), then a colon, a tab or a cell bar
_LABEL = re.compile("(?:" + "|".join("\t?".join(label) for label in _LABELS) + ")")

Fact = tuple[str, str, int, int]  # label, value, value's start and end in the line


def read(line: str, gaps: frozenset[int] = frozenset()) -> dict[str, Fact]:
    """The facts a line states, by name (doc_number, issued_on, issuer, title); the other labels
    of an index block give an entry under their own label. Empty when the line is no index line.
    ``gaps``: offsets in the line where the page had a space the view dropped (索 引 号 MB…)."""
    if len(line) > 300:
        return {}
    marks = [m for m in _LABEL.finditer(line) if _starts_field(line, m.start(), m.end(), gaps)]
    if not marks:
        return {}
    out: dict[str, Fact] = {}
    for m, nxt in zip(marks, [*marks[1:], None]):
        stop = nxt.start() if nxt is not None else len(line)
        a = m.end()
        while a < stop and line[a] in ": |\t":
            a += 1
        b = stop
        while b > a and line[b - 1] in " |\t":
            b -= 1
        label = m.group(0).replace("\t", "")
        out.setdefault(_FACTS.get(label, label), (label, line[a:b], a, b))
    # a line of prose that happens to hold a label word is no index line: the first label opens it
    return out if marks[0].start() == 0 or line[:marks[0].start()].strip(" |\t") == "" else {}


def _starts_field(line: str, start: int, end: int, gaps: frozenset[int]) -> bool:
    """A label counts where a field can begin (the line's start, after a space, a tab or a cell
    bar) and is set apart from its value (a colon, a tab, a bar, a space, the line's end); glued
    to the value before it, a colon must follow (…办公厅成文日期:2014年…)."""
    after = line[end:end + 1]
    if after == ":":
        return True
    before_ok = start == 0 or line[start - 1] in " \t|" or start in gaps
    after_ok = after in ("", " ", "\t", "|") or end in gaps
    return before_ok and after_ok


def is_fact(label_or_fact: str) -> bool:
    return label_or_fact in ("doc_number", "issued_on", "issuer", "title")
