"""The words of the work itself: a task's text without who does it.

Role clauses (由顾春明同志负责，市金融办牵头，……配合 / [责任部门:市发展改革委]) and unit names
are dropped, because they would make every task of one city look alike (all of them say
市发展改革委) and would tag 金融 on any task that 市金融办 merely supports.
"""
from __future__ import annotations

import re
import unicodedata

from taizhang.analysis.rows import TaskRow

_ROLE_CLAUSE = re.compile(
    # [责任部门:市发展改革委] / 【责任单位：…】 / (牵头单位:…)
    r"[\[【(（]?(?:责任(?:部门|单位)|牵头(?:部门|单位)|配合(?:部门|单位))[:：][^\]】)）\n]*[\]】)）]?"
    # 由顾春明同志负责
    r"|由[^,，。;；\n]{1,12}?同志负责"
    # a trailing clause that only says who: 市金融办牵头 / ……政府配合。
    r"|[^,，。;；\n]{0,60}(?:牵头|配合|参与|负责)[,，。;；]?\s*$",
    re.M,
)


def work_text(row: TaskRow) -> str:
    """Title and text, NFKC-folded, with role clauses and unit names taken out."""
    text = unicodedata.normalize("NFKC", f"{row.title}\n{row.text}")
    for _ in range(3):  # a task can end with several role sentences
        text = _ROLE_CLAUSE.sub("", text.rstrip())
    for unit in sorted(set(row.lead) | set(row.support), key=len, reverse=True):
        text = text.replace(unit, " ")
    return text
