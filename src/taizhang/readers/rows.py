"""Tables flattened to text lines, shared by the .docx and HTML readers.

The parser reads a 任务分工表 as lines whose cells are joined by `` | ``:

    序号 | 任务 | 牵头单位 | 责任单位 | 完成时限
    1 | 推进开发区体制机制创新 | 市发展改革委 | 市财政局、各区县(市)政府 | 2018年底前

A row whose cells alternate index-block labels and values (索引号 | xxx | 发文字号 | yyy) is
written as ``label：value`` lines instead, because the parser reads those lines as header fields.
"""
from __future__ import annotations

import re
from collections.abc import Sequence

CELL_SEPARATOR = " | "

# labels of the 信息公开 index block on government pages (and some cover tables in .docx)
INDEX_LABELS = frozenset({
    "索引号", "主题分类", "发文机关", "发布机构", "成文日期", "发布日期", "标题", "名称", "文号",
    "发文字号", "主题词", "有效性", "效力状况", "公开方式", "公开范围", "生成日期", "信息来源",
    "所属机构", "体裁分类", "组配分类", "服务对象", "信息分类", "实施日期", "废止日期",
})

_SPACES = re.compile(r"[\s\u3000]+")
_LABEL_LINE = re.compile(r"^([^：:]{2,12})[：:]\s*(.*)$")
_CLOSING_PUNCT = tuple("。；;：:，,、！？!?）)")
_NAME_ITEM_MAX = 25  # cell lines up to this long that end without punctuation read as a name list


def label_of(cell: str) -> str | None:
    """``'发文字号：'`` / ``'发 文 字 号'`` → ``'发文字号'``; ``None`` when not an index label."""
    key = _SPACES.sub("", cell).rstrip("：:")
    return key if key in INDEX_LABELS else None


def join_cell_lines(lines: Sequence[str]) -> str:
    """The paragraphs of one cell as one line.

    A 责任单位 cell often lists one unit per paragraph; those are joined by 、 so the units stay
    apart. Paragraphs of prose are joined directly after their closing punctuation, else by a space.
    """
    parts = [_SPACES.sub(" ", line).strip() for line in lines]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    out = parts[0]
    for prev, cur in zip(parts, parts[1:]):
        if prev.endswith(_CLOSING_PUNCT):
            out += cur
        elif len(prev) <= _NAME_ITEM_MAX and len(cur) <= _NAME_ITEM_MAX:
            out += "、" + cur
        else:
            out += " " + cur
    return out.replace(CELL_SEPARATOR.strip(), "｜")  # a literal bar inside a cell would split it


def row_lines(cells: Sequence[str]) -> list[str]:
    """One table row (cells already de-duplicated for merges) → its text lines."""
    cells = [c.strip() for c in cells]
    if not any(cells):
        return []
    pairs = _index_pairs(cells)
    if pairs is not None:
        return [f"{label}：{value}" for label, value in pairs]
    while cells and not cells[-1]:
        cells.pop()  # trailing empty cells are layout, not data
    return [CELL_SEPARATOR.join(cells)]


def _index_pairs(cells: list[str]) -> list[tuple[str, str]] | None:
    """``[索引号：, 1122…, 发文字号：, 吉政办发〔2019〕3号]`` → label/value pairs, else None."""
    filled = [c for c in cells if c]
    pairs: list[tuple[str, str]] = []
    i = 0
    while i < len(filled):
        cell = filled[i]
        label = label_of(cell)
        if label is not None:
            nxt = filled[i + 1] if i + 1 < len(filled) else ""
            if nxt and label_of(nxt) is None:
                pairs.append((label, nxt))
                i += 2
            else:
                pairs.append((label, ""))
                i += 1
            continue
        m = _LABEL_LINE.match(cell)  # "发文字号：吉政办发〔2019〕3号" in one cell
        if m and label_of(m.group(1)) is not None:
            pairs.append((label_of(m.group(1)) or "", m.group(2).strip()))
            i += 1
            continue
        return None
    return pairs or None


def index_line(line: str) -> str:
    """``'发 文 字 号 ： 吉政办发〔2019〕3号'`` → ``'发文字号：吉政办发〔2019〕3号'``; others unchanged."""
    m = _LABEL_LINE.match(line)
    if m:
        label = label_of(m.group(1))
        if label is not None:
            return f"{label}：{m.group(2).strip()}"
    return line
