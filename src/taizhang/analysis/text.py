"""The words of the work itself: a task's text without who does it.

Role clauses (由顾春明同志负责，市金融办牵头，……配合 / [责任部门:市发展改革委]) and unit names
are dropped, because they would make every task of one city look alike (all of them say
市发展改革委) and would tag 金融 on any task that 市金融办 merely supports.
"""
from __future__ import annotations

import re
import unicodedata

from taizhang.analysis.rows import TaskRow

# [责任部门:市发展改革委] / 【责任单位：…】 / (牵头单位:…)
_ROLE_BRACKET = re.compile(
    r"[\[【(（]?(?:责任|牵头|配合)(?:部门|单位)[:：][^\]】)）\n]*[\]】)）]?")
# 由顾春明同志负责
_PERSON = re.compile(r"由[^,，。;；\n]{1,12}?同志负责")
# a clause that only says who: 市金融办牵头, / ……政府配合。
_ROLE_END = re.compile(r"(?:牵头|配合|参与|负责)[,，。;；]?\s*$")
_CLAUSES = re.compile(r"(?<=[,，。;；])")


def _strip_line(line: str) -> str:
    """Drop the role clauses a line ends with (they come last: 由…负责，A牵头，B配合。)."""
    if not _ROLE_END.search(line):
        return line  # the common case, decided by one short search
    parts = _CLAUSES.split(line)
    while parts and (not parts[-1].strip() or _ROLE_END.search(parts[-1])):
        parts.pop()
    return "".join(parts)


def work_text(row: TaskRow) -> str:
    """Title and text, NFKC-folded, with role clauses and unit names taken out."""
    text = unicodedata.normalize("NFKC", f"{row.title}\n{row.text}")
    text = _PERSON.sub("", _ROLE_BRACKET.sub("", text))
    text = "\n".join(_strip_line(line) for line in text.split("\n"))
    for unit in sorted(set(row.lead) | set(row.support), key=len, reverse=True):
        text = text.replace(unit, " ")
    return text
