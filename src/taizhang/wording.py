"""How people read two stored values, said one way everywhere: a recurrence rule and a title.

``recurrence_text("FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=-1") == "每年5月底前"``: the terminal table,
Markdown, csv, xlsx, docx, ics and the web pages all call this one function, so a rule never
shows as raw RFC 5545 text to a person and never reads two ways. ``display_title`` is the
title a document goes by in exports and listings: its own title, else its 发文字号, else
“（无标题）” — never the name of the file it came from.

Standard library only and no imports from the rest of taizhang: ``taizhang parse --format
table`` uses it and must stay quick to start.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

UNTITLED = "（无标题）"

# (FREQ, INTERVAL) → the words offices write; anything else is “每N个月”-style below
_EVERY = {("YEARLY", 1): "每年", ("MONTHLY", 1): "每月", ("MONTHLY", 2): "每两个月",
          ("MONTHLY", 3): "每季度", ("MONTHLY", 6): "每半年", ("WEEKLY", 1): "每周",
          ("WEEKLY", 2): "每两周", ("DAILY", 1): "每日"}
_UNIT = {"YEARLY": "年", "MONTHLY": "个月", "WEEKLY": "周", "DAILY": "日"}
_WEEKDAY = {"MO": "一", "TU": "二", "WE": "三", "TH": "四", "FR": "五", "SA": "六", "SU": "日"}
_KNOWN_PARTS = frozenset({"FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "BYDAY"})


def recurrence_text(rule: str | None) -> str:
    """An RFC 5545 rule in the words a document would use; "" for none.

    ``FREQ=MONTHLY`` → ``每月``; ``FREQ=MONTHLY;INTERVAL=3`` → ``每季度``;
    ``FREQ=MONTHLY;BYMONTHDAY=10,20,-1`` → ``每月10日、20日、月底前``;
    ``FREQ=WEEKLY;BYDAY=FR`` → ``每周五``; ``FREQ=YEARLY;BYMONTH=4,10`` → ``每年4月、10月``.
    A rule with parts this function does not know is shown with the rule itself in brackets
    rather than in words that would say less than it does.
    """
    if not rule or not rule.strip():
        return ""
    try:
        parts = dict(p.split("=", 1) for p in rule.upper().replace(" ", "").split(";") if p)
        freq = parts.get("FREQ", "")
        interval = int(parts.get("INTERVAL") or 1)
    except ValueError:
        return f"周期（{rule}）"
    if freq not in _UNIT or interval < 1 or set(parts) - _KNOWN_PARTS:
        return f"周期（{rule}）"
    head = _EVERY.get((freq, interval)) or f"每{interval}{_UNIT[freq]}"
    days = [d for d in parts.get("BYMONTHDAY", "").split(",") if d]
    months = [m for m in parts.get("BYMONTH", "").split(",") if m]
    weekdays = [_WEEKDAY.get(d[-2:], d) for d in parts.get("BYDAY", "").split(",") if d]
    if weekdays:  # 每周五; 每两周的周一
        return (head if head == "每周" else head + "的周") + "、".join(weekdays)
    if months:
        if days:  # 每年6月底、12月底前
            return head + "、".join(f"{m}月{_day(days[0], in_month=True)}" for m in months) + "前"
        return head + "、".join(f"{m}月" for m in months)
    if days:
        if days == ["-1"]:  # 每月底前; 每季度末
            return head + ("底前" if (freq, interval) == ("MONTHLY", 1) else "末")
        return head + "、".join(_day(d, in_month=False) for d in days) + "前"
    return head


def _day(value: str, *, in_month: bool) -> str:
    """``-1`` → 底 (after a month) or 月底; ``10`` → 10日."""
    if value == "-1":
        return "底" if in_month else "月底"
    return f"{value.lstrip('+')}日"


def display_title(title: str | None, doc_number: str | None = None) -> str:
    """What a document is called for people: ``title``, else ``doc_number``, else “（无标题）”."""
    for value in (title, doc_number):
        if value and value.strip():
            return value.strip()
    return UNTITLED


def label_of(kind: Any) -> Callable[[Any], str]:
    """A stored value of an enumeration with Chinese labels (a stage, a state, a level) as people
    read it; a value the enumeration no longer knows shows as stored."""
    def show(value: Any) -> str:
        try:
            return str(kind(value).label)
        except ValueError:
            return str(value)
    return show
