"""A 完成时限 cell of an office's own spreadsheet → deadlines.

Spreadsheet forms come first (a date cell, ``2023.6.30``, ``2023/6/30``, ``2023-06``); prose
(``2023年6月底前``, ``6月底``, ``每季度``, ``长期坚持``) goes to the parser's own
:func:`taizhang.parse.deadlines.find_deadlines`, with the year of the sheet for month-only dates.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata

from taizhang.parse.model import Deadline

# numeric date forms typed into cells: 2023.6.30 · 2023/6/30 · 2023-06-30 · 2023.6 (month end)
_NUMERIC = re.compile(r"^\s*((?:19|20)\d{2})\s*[./\-年]\s*(\d{1,2})\s*(?:[./\-月]\s*(\d{1,2})\s*日?)?\s*"
                      r"(?:月)?\s*(?:底|末)?\s*(?:以前|之前|前)?\s*$")
# a day with no year: 6.30 · 6/30
_NO_YEAR = re.compile(r"^\s*(\d{1,2})\s*[./]\s*(\d{1,2})\s*(?:以前|之前|前)?\s*$")


class DateUnreadable(ValueError):
    """The cell says something, but not a date we can stand behind."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(text)
        self.text = text
        self.reason = reason


def read_deadline_cell(value: object, *, year: int | None) -> tuple[Deadline, ...]:
    """``"2023年6月底前"`` → due 2023-06-30; ``"每季度"`` → FREQ=MONTHLY;INTERVAL=3; empty → ()."""
    if value is None:
        return ()
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return (Deadline(text=value.isoformat(), due=value.isoformat(), span=(0, 10), rule="cell_date"),)
    if isinstance(value, (int, float)):
        raise DateUnreadable(str(value), "是一个数字，不是日期（可能单元格格式被设成了“常规”）")
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return ()
    numeric = _numeric(text, year)
    if numeric is not None:
        return (numeric,)
    from taizhang.parse.deadlines import find_deadlines

    found = find_deadlines(text, ref_year=year)
    if not found:
        if year is None and re.search(r"\d{1,2}\s*月", text):
            raise DateUnreadable(text, "只有月份没有年份，表格标题里也找不到年份；请用 --year 指定年份")
        raise DateUnreadable(text, "无法识别为完成时限（可写作 2023年6月底前、2023.6.30、每季度、长期坚持）")
    return tuple(Deadline(text=f.text, due=f.due, rrule=f.rrule, kind=f.kind,
                          span=(f.start, f.end), rule=f.rule) for f in found)


def _numeric(text: str, year: int | None) -> Deadline | None:
    m = _NUMERIC.match(text)
    if m:
        y, mon, day = int(m.group(1)), int(m.group(2)), m.group(3)
        due = _date(y, mon, int(day) if day else None)
    else:
        m = _NO_YEAR.match(text)
        if not m:
            return None
        if year is None:
            raise DateUnreadable(text, "没有年份，表格标题里也找不到年份；请用 --year 指定年份")
        due = _date(year, int(m.group(1)), int(m.group(2)))
    if due is None:
        raise DateUnreadable(text, "不是有效的日期")
    return Deadline(text=text, due=due.isoformat(), span=(0, len(text)), rule="cell_numeric")


def _date(year: int, month: int, day: int | None) -> dt.date | None:
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return dt.date(year, month, last)
    return dt.date(year, month, day) if 1 <= day <= last else None


def year_of(title: str) -> int | None:
    """The year a sheet's title plans for: ``2023年重点工作任务分解表`` → 2023 (a range gives its first year,
    where a bare 6月底前 of a three-year plan belongs)."""
    text = unicodedata.normalize("NFKC", title)
    span = re.search(r"((?:19|20)\d{2})\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年", text)
    if span:
        return int(span.group(1))
    single = re.search(r"((?:19|20)\d{2})\s*年", text)
    return int(single.group(1)) if single else None


def period_of(title: str) -> tuple[dt.date, dt.date] | None:
    """``(2018-2020年)`` → 2018-01-01…2020-12-31; ``2023年…`` → that year; else None."""
    text = unicodedata.normalize("NFKC", title)
    span = re.search(r"((?:19|20)\d{2})\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年", text)
    if span:
        return dt.date(int(span.group(1)), 1, 1), dt.date(int(span.group(2)), 12, 31)
    year = year_of(text)
    return (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year else None
