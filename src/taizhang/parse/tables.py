"""Task tables that reached plain text flattened (任务分工表): a header row naming the columns
(序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限), then one row per task. Cells are split by ``|``,
by runs of spaces (tabs in the view), or stand one per line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from taizhang.parse.outline import match_ordinal

# column header → role; a 责任单位 column is the lead unless a 牵头 column exists (then support)
_COLUMNS: tuple[tuple[str, str], ...] = (
    ("序号", "key"), ("编号", "key"),
    ("工作任务", "task"), ("重点任务", "task"), ("主要任务", "task"), ("任务名称", "task"), ("任务", "task"),
    ("工作内容", "detail"), ("具体内容", "detail"), ("工作措施", "detail"), ("主要内容", "detail"),
    ("任务内容", "detail"), ("具体措施", "detail"), ("措施", "detail"),
    ("牵头单位", "lead"), ("牵头部门", "lead"), ("牵头", "lead"),
    ("责任单位", "resp"), ("责任部门", "resp"), ("责任主体", "resp"), ("责任处室", "resp"), ("承办单位", "resp"),
    ("配合单位", "support"), ("配合部门", "support"), ("协办单位", "support"), ("参与单位", "support"),
    ("责任领导", "leaders"), ("牵头领导", "leaders"), ("分管领导", "leaders"), ("责任人", "leaders"),
    ("分管厅领导", "leaders"), ("分管市领导", "leaders"), ("分管县领导", "leaders"), ("挂钩领导", "leaders"),
    ("完成时限", "due"), ("完成时间", "due"), ("办结时限", "due"), ("时间节点", "due"), ("时限要求", "due"), ("时限", "due"),
    ("备注", "note"),
)
_RULE_CELL = re.compile(r":?-{3,}:?")
_SEP = re.compile(r"\s*[|｜\t]\s*")


class Cell(NamedTuple):
    text: str
    start: int  # view offsets
    end: int


class Row(NamedTuple):
    cells: dict[str, Cell]  # role → cell
    section: Cell | None  # the category row above it (一、……)


class Table(NamedTuple):
    start: int  # view offset of the header
    end: int  # view offset after the last row
    roles: tuple[str, ...]
    rows: tuple[Row, ...]
    layout: str  # pipes | spaces | cells


def column_role(name: str) -> str | None:
    name = name.strip().replace(" ", "")
    for key, role in _COLUMNS:
        if name == key or (len(name) <= 8 and name.startswith(key)):
            return role
    return None


def _roles(names: list[str]) -> tuple[str, ...] | None:
    roles = [column_role(n) for n in names]
    known = [r for r in roles if r]
    if len(known) < 3 or not ({"task", "detail"} & set(known)) or \
            not ({"lead", "resp", "support"} & set(known)):
        return None
    has_lead = "lead" in known
    out: list[str] = []
    for r in roles:
        if r == "resp":
            r = "support" if has_lead else "lead_list"
        elif r == "leaders" and "leaders" in out:
            r = "leaders_more"  # 分管厅领导 and 责任人: both name the people answerable
        out.append(r or "note")
    return tuple(out)


def _split(view: str, a: int, b: int) -> list[Cell]:
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


def find_table(view: str, lines: list[tuple[int, int]]) -> Table | None:
    for i, (a, b) in enumerate(lines):
        if b - a > 8 and view.find("|", a, b) < 0 and view.find("\t", a, b) < 0:
            continue  # neither a row of cells nor a one-cell header line (str.find: most lines)
        cells = _split(view, a, b)
        if len(cells) >= 3:
            roles = _roles([c.text for c in cells])
            if roles:
                return _rows_inline(view, lines, i, roles)
        # one cell per line: a run of header lines
        names = []
        for a2, b2 in lines[i:i + 12]:
            if column_role(view[a2:b2]) is None:
                break
            names.append(view[a2:b2])
        roles = _roles(names) if len(names) >= 3 else None
        if roles:
            return _rows_cells(view, lines, i, roles)
    return None


def _rows_inline(view: str, lines: list[tuple[int, int]], header: int,
                 roles: tuple[str, ...]) -> Table:
    rows: list[Row] = []
    section: Cell | None = None
    end = lines[header][1]
    rest = lines[header + 1:]
    for k, (a, b) in enumerate(rest):
        cells = _split(view, a, b)
        filled = [c for c in cells if c.text.strip()]
        if len(cells) == 1 and rows and not match_ordinal(view, a) and k + 1 < len(rest) \
                and len(_split(view, *rest[k + 1])) >= max(2, len(roles) - 2):
            end = b  # a task cell wrapped onto a line of its own, between two rows
            continue
        if filled and all(_RULE_CELL.fullmatch(c.text.strip()) for c in filled):
            end = b  # | :---: | --- |: the rule under a Markdown header
            continue
        if len(filled) == 1 and filled[0] is cells[0] and len(cells) > 1:
            cells = filled  # | 一、提升政务服务效能 | | | |: a category row with its empty cells
            a, b = cells[0].start, cells[0].end
        if len(cells) >= max(2, len(roles) - 2):
            rows.append(Row({r: c for r, c in zip(roles, cells)}, section))
            end = b
        elif len(cells) == 1 and match_ordinal(view, a) and len(view[a:b]) <= 40:
            section = Cell(view[a:b], a, b)
            end = b
        else:
            break
    layout = "pipes" if "|" in view[lines[header][0]:lines[header][1]] else "spaces"
    return Table(lines[header][0], end, roles, tuple(rows), layout)


def _rows_cells(view: str, lines: list[tuple[int, int]], header: int,
                roles: tuple[str, ...]) -> Table:
    rows: list[Row] = []
    section: Cell | None = None
    i = header + len(roles)
    end = lines[i - 1][1]
    n = len(roles)
    while i < len(lines):
        a, b = lines[i]
        text = view[a:b]
        if roles[0] == "key" and not text.strip().isdigit():
            if match_ordinal(view, a) and len(text) <= 40:
                section = Cell(text, a, b)
                end = b
                i += 1
                continue
            break
        group = lines[i:i + n]
        if len(group) < n:
            break
        rows.append(Row({r: Cell(view[x:y], x, y) for r, (x, y) in zip(roles, group)}, section))
        end = group[-1][1]
        i += n
    return Table(lines[header][0], end, roles, tuple(rows), "cells")
