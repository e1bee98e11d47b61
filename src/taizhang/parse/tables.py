"""Task tables that reached plain text flattened (任务分工表, 民生实事表): a header row naming the
columns, then one row per task.

Cells are set apart by ``|``, by tabs (a run of spaces), by single spaces (the view keeps where
they were: View.gaps), or stand one per line (a table pasted cell by cell, each line perhaps closed
by `` |``). Columns are known by what their names are made of (序号, …任务/目标/项目, 牵头…, 责任…,
配合/协同…, …领导/责任人, 时限/时间节点, 进展/情况/备注 …). A row may lack a cell (a spanned 大类
cell, a column left out): its cells are matched to the columns by what each holds (a number, a
task, units, a person, a date).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

from taizhang.parse.deadlines import find_deadlines
from taizhang.parse.lexicon import looks_like_person
from taizhang.parse.outline import match_ordinal
from taizhang.parse.units import is_unit, split_units

Span = tuple[int, int]

_RULE_CELL = re.compile(r":?-{3,}:?")
_SEP = re.compile(r"\s*[|｜\t]\s*")
_KEY = re.compile(r"\d{1,4}[.、]?|[(（]?\d{1,3}[)）]")
_PERSON = re.compile(r"[\u4e00-\u9fff]{2,4}(?:[、,][\u4e00-\u9fff]{2,4})*")
# 存在问题 · 整改措施: in a 整改清单 the problem heads the row, the measures detail it
_TASK_WORDS = ("任务", "事项", "项目", "目标", "内容", "措施", "举措", "工作", "指标", "要点", "名称", "事实", "实事", "问题",
               "标题", "案由")
_NOTE_WORDS = ("进展", "情况", "备注", "说明", "是否", "成效", "进度", "完成率", "评价")


class Cell(NamedTuple):
    text: str
    start: int  # view offsets
    end: int


class Row(NamedTuple):
    cells: dict[str, Cell]  # role → cell
    section: Cell | None  # the category row or cell above it (一、……)
    doubtful: bool = False  # cells matched to columns by content, and one of them fits badly


class Table(NamedTuple):
    start: int  # view offset of the header
    end: int  # view offset after the last row
    roles: tuple[str, ...]
    rows: tuple[Row, ...]
    layout: str  # pipes | spaces | gaps | cells


@lru_cache(maxsize=4096)  # every line is asked whether it is a table's header: most recur
def column_role(name: str) -> str | None:
    """What a column holds, from the words of its name (spaces inside it ignored).

    >>> [column_role(n) for n in ("序 号", "工作任务", "牵头单位及主要负责人", "分管 市领导", "责任主体与协同单位")]
    ['key', 'task', 'lead_person', 'leaders', 'support']
    """
    n = "".join(name.split()).strip("|｜")
    if not n or len(n) > 20 or any(ch in n for ch in ":,;。、"):
        return None  # 分管市领导：刘建军 is a label and its value, not a column's name
    n = re.sub(r"\([^()]*\)", "", n)  # 责任处室（单位）
    if n in ("序号", "编号", "序", "号", "项次") or n.startswith("序号"):
        return "key"
    if n in ("大类", "类别", "类型", "领域", "板块", "分类", "专项"):
        return "section"
    if "牵头" in n and ("负责人" in n or "责任人" in n):
        return "lead_person"
    if "领导" in n or n.endswith(("责任人", "负责人", "联系人")) or re.search(r"[省市县区州]长$|主任$|书记$", n):
        return "leaders"  # 分管副市长 · 责任人
    if any(w in n for w in ("配合", "协同", "协办", "参与", "协助", "会办")):
        return "support"
    if any(w in n for w in ("牵头", "主办", "主责")):
        return "lead"
    if any(w in n for w in ("时限", "期限", "时间节点", "完成时间", "办结", "截止")) or n.endswith("时间"):
        return "due"  # 举办时间 · 实施时间: when the work is to be done
    if any(w in n for w in _NOTE_WORDS):
        return "note"
    if "责任" in n or "承办" in n or n.endswith(("单位", "部门", "处室", "主体", "科室")):
        return "resp"
    if any(w in n for w in _TASK_WORDS) or n in ("措施", "任务"):
        return "task"
    return None


def _roles(names: list[str]) -> tuple[str, ...] | None:
    """The roles of a header's columns, or None when these names are no task table's header: it
    needs a task column and a column of units."""
    raw = [column_role(n) for n in names]
    known = [r for r in raw if r]
    if len(known) < 2 or len(known) * 2 < len(raw) or "task" not in known \
            or not ({"lead", "resp", "support", "lead_person"} & set(known)):
        return None
    has_lead = "lead" in known or "lead_person" in known
    out: list[str] = []
    for r in raw:
        if r == "resp":
            r = "support" if has_lead else "lead_list"
        elif r == "task" and "task" in out:
            r = "detail"  # 实事项目 · 工作举措及实施计划: the first names the task, the next details it
        elif r == "leaders" and "leaders" in out:
            r = "leaders_more"  # 分管厅领导 and 责任人: both name the people answerable
        elif r == "lead" and "lead" in out:
            r = "support"
        out.append(r or "note")
    return tuple(out)


def find_table(view: str, lines: list[Span], gaps: tuple[int, ...] = ()) -> Table | None:
    """The first task table among the lines (view offsets), or None."""
    for i, (a, b) in enumerate(lines):
        cells = _split(view, a, b)
        if len(cells) >= 2:
            roles = _roles([c.text for c in cells])
            if roles:
                header, roles = _lower_header(view, lines, i, cells, roles)
                return _rows_inline(view, lines, header, roles, gaps, "pipes" if "|" in view[a:b] else "spaces")
        if b - a <= 40 and gaps and len(cells) == 1:
            spaced = _tokens(view, a, b, gaps)
            if len(spaced) >= 2:
                roles = _roles([c.text for c in spaced])
                if roles:
                    return _rows_inline(view, lines, i, roles, gaps, "gaps")
        # one cell per line: a run of header lines
        names = []
        for a2, b2 in lines[i:i + 14]:
            if len(_cell_text(view[a2:b2])) > 12 or column_role(view[a2:b2]) is None:
                break
            names.append(view[a2:b2])
        roles = _roles(names) if len(names) >= 3 else None
        if roles:
            return _rows_cells(view, lines, i, roles)
    return None


def _lower_header(view: str, lines: list[Span], i: int, cells: list[Cell],
                  roles: tuple[str, ...]) -> tuple[int, tuple[str, ...]]:
    """A header of two rows (责任分工 spanning 牵头单位 | 配合单位): the lower row names the columns.
    It has as many cells (the spanning ones repeated, as a page's merged cells are read), more
    (a Word header whose spanning cell is read once above them), or only those under the spanning
    cells, which stand repeated side by side in the upper row."""
    if i + 1 >= len(lines):
        return i, roles
    below = [c.text.strip() for c in _split(view, *lines[i + 1])]
    if not below or not all(column_role(n) for n in below):
        return i, roles
    upper = [c.text.strip() for c in cells]
    if len(below) < len(upper):  # only the sub-columns: they fill the runs of a repeated name
        runs = [k for k in range(len(upper)) if upper.count(upper[k]) > 1]
        if len(runs) != len(below):
            return i, roles
        names = list(upper)
        for k, name in zip(runs, below):
            names[k] = name
        below = names
    if below == upper:
        return i, roles
    lower = _roles(below)
    return (i + 1, lower) if lower else (i, roles)


def _split(view: str, a: int, b: int) -> list[Cell]:
    line = view[a:b]
    if "|" not in line and "\t" not in line and "｜" not in line:  # most lines: one cell, found in C
        return [Cell(line, a, b)] if line.strip() else []
    cells, pos = [], a
    for m in _SEP.finditer(view, a, b):
        cells.append(Cell(view[pos:m.start()], pos, m.start()))
        pos = m.end()
    cells.append(Cell(view[pos:b], pos, b))
    if cells and not cells[0].text.strip() and view[a] in "|｜":
        cells = cells[1:]
    if cells and not cells[-1].text.strip():
        cells = cells[:-1]
    return cells


def _tokens(view: str, a: int, b: int, gaps: tuple[int, ...]) -> list[Cell]:
    """A line cut where the page had single spaces (1 居民消费价格涨幅3%左右 发展改革委); letters
    spaced for alignment (工 作 任 务) make one token."""
    cuts = list(gaps[bisect_right(gaps, a):bisect_left(gaps, b)])
    bounds = [a, *cuts, b]
    tokens = [Cell(view[x:y], x, y) for x, y in zip(bounds, bounds[1:]) if y > x]
    out: list[Cell] = []
    spaced: list[bool] = []  # whether a token so far is made of single letters only
    for t in tokens:
        if len(t.text) == 1 and out and spaced[-1] and "\u4e00" <= t.text <= "\u9fff":
            out[-1] = Cell(out[-1].text + t.text, out[-1].start, t.end)
        else:
            out.append(t)
            spaced.append(len(t.text) == 1)
    return out


def _row_cells(view: str, a: int, b: int, gaps: tuple[int, ...], layout: str) -> list[Cell]:
    return _tokens(view, a, b, gaps) if layout == "gaps" else _split(view, a, b)


def _rows_inline(view: str, lines: list[Span], header: int, roles: tuple[str, ...], gaps: tuple[int, ...],
                 layout: str) -> Table:
    rows: list[Row] = []
    section: Cell | None = None
    end = lines[header][1]
    rest = lines[header + 1:]
    for k, (a, b) in enumerate(rest):
        cells = _row_cells(view, a, b, gaps, layout)
        filled = [c for c in cells if c.text.strip()]
        if len(cells) == 1 and rows and not match_ordinal(view, a) and k + 1 < len(rest) \
                and len(_row_cells(view, *rest[k + 1], gaps, layout)) >= max(2, len(roles) - 2):
            end = b  # a task cell wrapped onto a line of its own, between two rows
            continue
        if filled and all(_RULE_CELL.fullmatch(c.text.strip()) for c in filled):
            end = b  # | :---: | --- |: the rule under a Markdown header
            continue
        if _roles([c.text for c in cells]) == roles:
            end = b  # the header again, where the table goes on over a page break
            continue
        if len(filled) == 1 and filled[0] is cells[0] and len(cells) > 1:
            cells = filled  # | 一、提升政务服务效能 | | | |: a category row with its empty cells
            a, b = cells[0].start, cells[0].end
        if len(cells) >= max(2, len(roles) - 3):
            row = _aligned(cells, roles, layout)
            if "section" in row and match_ordinal(view, row["section"].start):
                section = row.pop("section")  # 大类 cell spanning the rows below it
            if not ("task" in row or "detail" in row):
                break
            rows.append(Row(row, section, len(cells) < len(roles) and _doubtful(row)))
            end = b
        elif len(cells) == 1 and match_ordinal(view, a) and len(view[a:b]) <= 40:
            section = Cell(view[a:b], a, b)
            end = b
        else:
            break
    return Table(lines[header][0], end, roles, tuple(rows), layout)


def _rows_cells(view: str, lines: list[Span], header: int, roles: tuple[str, ...]) -> Table:
    """One cell per line. With a 序号 column each row opens at its number and takes the lines up to
    the next number (a row may lack a cell; a 类别 cell spanning rows stands before the number of
    the first row of its group); without one, rows are runs of as many lines as there are columns."""
    n = len(roles)
    i = header + n
    end = lines[i - 1][1]
    rows: list[Row] = []
    section: Cell | None = None
    keyed = "key" in roles
    section_first = "section" in roles and keyed and roles.index("section") < roles.index("key")
    cols = tuple(r for r in roles if r != "section")

    def is_key(k: int) -> bool:
        return k < len(lines) and _KEY.fullmatch(_cell_text(view[lines[k][0]:lines[k][1]])) is not None

    while i < len(lines):
        a, b = lines[i]
        text = _cell_text(view[a:b])
        if keyed and not is_key(i):
            if match_ordinal(view, a) and len(text) <= 40 or section_first and _category(text) and is_key(i + 1):
                section = Cell(text, a, b)  # 一、…… between rows · 产业发展 before a group's first row
                end = b
                i += 1
                continue
            break
        if keyed:
            j = i + 1
            while j < len(lines) and j - i <= n and not is_key(j) and not _section_line(view, *lines[j]):
                j += 1
            if section_first and j - i > 2 and is_key(j) and _category(_cell_text(view[lines[j - 1][0]:lines[j - 1][1]])):
                j -= 1  # the next group's 类别 cell
            group = lines[i:min(j, i + n)]  # more lines than columns: the table ends with this row
        else:
            group = lines[i:i + n]
            if len(group) < n:
                break
        cells = [_cell(view, x, y) for x, y in group]
        if keyed:  # `` |`` lines are cells left empty: where they stood says nothing sure
            cells = [c for c in cells if c.text.strip()]
        width = cols if keyed else roles
        row = _aligned(cells, width, "cells")
        if not ("task" in row or "detail" in row):
            break
        rows.append(Row(row, section, len(cells) < len(width) and _doubtful(row)))
        end = group[-1][1]
        i += len(group)
    return Table(lines[header][0], end, roles, tuple(rows), "cells")


def _category(text: str) -> bool:
    """产业发展 · 城市更新: a 类别 cell — short, and no number, unit, person or date."""
    return 2 <= len(text) <= 12 and _fit(text, "key") < 0 and _fit(text, "support") < 0 \
        and _fit(text, "leaders") < 0 and not find_deadlines(text, ref_year=2000)


def _section_line(view: str, a: int, b: int) -> bool:
    """二、生活垃圾和污水治理: a category between rows."""
    found = match_ordinal(view, a)
    return b - a <= 40 and found is not None and found[0] in ("cn", "pcn")


def _cell_text(text: str) -> str:
    return text.strip().rstrip("|｜").strip()


def _cell(view: str, a: int, b: int) -> Cell:
    """A line holding one cell, its closing `` |`` (and a `` ||`` of empty cells) left out."""
    while b > a and view[b - 1] in "|｜ \t":
        b -= 1
    return Cell(view[a:b], a, b)


def _aligned(cells: list[Cell], roles: tuple[str, ...], layout: str) -> dict[str, Cell]:
    """The row's cells by column. As many cells as columns: in order. Fewer (a spanned or
    missing cell): each cell goes to the column whose kind it best fits, in order. More (a task
    written with spaces in it): the extra ones join the task cell."""
    if len(cells) > len(roles) and "task" in roles and layout == "gaps":
        extra = len(cells) - len(roles)
        t = roles.index("task")
        merged = Cell("".join(c.text for c in cells[t:t + extra + 1]), cells[t].start, cells[t + extra].end)
        cells = cells[:t] + [merged] + cells[t + extra + 1:]
    if len(cells) >= len(roles):
        return {r: c for r, c in zip(roles, cells)}
    return _best_fit(cells, roles)


def _best_fit(cells: list[Cell], roles: tuple[str, ...]) -> dict[str, Cell]:
    """Monotone alignment of fewer cells than columns maximising how well each cell fits its
    column (dynamic programming, as a sequence alignment with gaps on the columns' side)."""
    m, n = len(cells), len(roles)
    neg = float("-inf")
    best = [[neg] * (n + 1) for _ in range(m + 1)]
    back: list[list[bool]] = [[False] * (n + 1) for _ in range(m + 1)]  # True: cell i-1 in column j-1
    for j in range(n + 1):
        best[0][j] = 0.0
    for i in range(1, m + 1):
        for j in range(i, n + 1):
            skip = best[i][j - 1]
            take = best[i - 1][j - 1] + _fit(cells[i - 1].text, roles[j - 1])
            # on a tie the cell goes to the earlier column (a missing 配合单位, not a missing 牵头单位)
            best[i][j], back[i][j] = (take, True) if take > skip else (skip, False)
    out: dict[str, Cell] = {}
    i, j = m, n
    while i > 0 and j > 0:
        if back[i][j]:
            out[roles[j - 1]] = cells[i - 1]
            i -= 1
        j -= 1
    return out


_UNIT_ROLES = frozenset({"lead", "lead_list", "support", "lead_person"})


def _doubtful(row: dict[str, Cell]) -> bool:
    """A row matched by content whose match is not clear: a cell that fits its column badly, or
    units left in a column that holds no units (a progress note, a task)."""
    for role, cell in row.items():
        text = cell.text.strip()
        if not text:
            continue
        if _fit(text, role) < 0 or (role not in _UNIT_ROLES and _fit(text, "support") > 0 and role != "key"):
            return True
    return False


def _fit(text: str, role: str) -> float:
    """How well a cell's text fits a column (higher is better)."""
    t = text.strip()
    if not t:
        return 0.0
    key = _KEY.fullmatch(t) is not None
    person = _PERSON.fullmatch(t) is not None and not is_unit(t) \
        and all(looks_like_person(p) for p in re.split(r"[、,]", t))
    units = not key and all(is_unit(u.name) for u in split_units(t)) if len(t) <= 80 else False
    if role == "key":
        return 4.0 if key else -6.0
    if key:
        return -4.0
    if role == "section":
        return 3.0 if match_ordinal(t, 0) else -2.0
    if role in ("task", "detail"):
        lead_text = 0.5 if role == "task" else 0.0  # the first text column is the task
        return (1.5 + lead_text if len(t) >= 6 else 0.5) - (2.0 if person or units else 0.0)
    if role in ("lead", "lead_list", "support", "lead_person"):
        return 3.0 if units else 1.0 if role == "lead_person" and re.search(r"[局委办厅部]", t) else -1.0
    if role in ("leaders", "leaders_more"):
        return 3.0 if person else -2.0
    if role == "due":  # (a year only to recognise 年底前 here; the task's own is resolved later)
        return 3.0 if find_deadlines(t, ref_year=2000) else -1.0
    return 0.2  # note: anything
