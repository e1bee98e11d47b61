"""Task tables that reached plain text flattened: a header row naming the columns
(序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限), then one row per task."""
from __future__ import annotations

from taizhang.parse.model import ParseWarning, Task


def table_tasks(view: str, lines: list[tuple[int, int]]) -> tuple[list[Task], ParseWarning] | None:
    return None
