"""Quantitative targets: value, unit and comparator (50亿元以上, 不低于70%, 3—5个, 增长10%左右).

    >>> [(t.value, t.unit, t.op) for t in find_targets("投资额50亿元及以上，比重不低于70%")]
    [(50.0, '亿元', '>='), (70.0, '%', '>=')]
"""

from __future__ import annotations

import re
from typing import NamedTuple

# measure words a target can be counted in (longest first)
_UNITS = sorted("""亿元 万亿元 万元 千元 元 亿美元 万美元 美元 个百分点 % 万人次 人次 万人 人 万户 户 家 个 项 所 座 条 处 次
 倍 万吨 吨 万千瓦 千瓦 兆瓦 万亩 亩 公顷 平方公里 万平方米 平方米 公里 千米 米 辆 套 台 件 张 床 张床 万套 万辆 场 批 名
 千克 岁 天 小时 分钟 GW MW""".split(), key=len, reverse=True)
_NUM = r"\d+(?:\.\d+)?"
_RANGE_SEP = r"(?:-|—|–|~|～|至|到)"
# the comparator written before the number (longest first: 不低于 before 低于)
_PRE = tuple(sorted("不低于 不少于 不超过 不高于 超过 达到 突破 力争 至少 控制在 低于 高于 约 增长 提高 下降 减少".split(),
                    key=len, reverse=True))
# the pattern starts at the number, so the regex engine skips to digits; the word before it is
# looked up afterwards (an optional group in front would be tried at every character)
_TARGET = re.compile(
    rf"(?P<a>{_NUM})(?:{_RANGE_SEP}(?P<b>{_NUM}))?"
    rf"(?P<unit>{'|'.join(map(re.escape, _UNITS))})"
    rf"(?P<post>及以上|以上|以下|以内|左右|上下)?"
)
_AT_LEAST = {"不低于", "不少于", "超过", "突破", "至少", "高于", "及以上", "以上"}
_AT_MOST = {"不超过", "不高于", "控制在", "低于", "以下", "以内"}
_ABOUT = {"约", "左右", "上下"}


class FoundTarget(NamedTuple):
    text: str
    start: int
    end: int
    value: float
    unit: str
    op: str
    upper: float | None


def find_targets(text: str, *, skip: list[tuple[int, int]] | None = None) -> list[FoundTarget]:
    skip = skip or []
    out = []
    for m in _TARGET.finditer(text):
        start = m.start()
        pre = next((w for w in _PRE if len(w) <= start and text.startswith(w, start - len(w))), "")
        start -= len(pre)
        if any(a < m.end() and start < b for a, b in skip):
            continue
        before = text[max(0, start - 1):start]
        if before and (before.isdigit() or before in "./〔[("):  # part of a longer number or a doc number
            continue
        a, b = float(m.group("a")), m.group("b")
        post = m.group("post") or ""
        if b is not None:
            op, upper = "range", float(b)
        elif post in _AT_LEAST or pre in _AT_LEAST:
            op, upper = ">=", None
        elif post in _AT_MOST or pre in _AT_MOST:
            op, upper = "<=", None
        elif post in _ABOUT or pre in _ABOUT:
            op, upper = "~", None
        else:
            op, upper = "=", None
        out.append(FoundTarget(text[start:m.end()], start, m.end(), a, m.group("unit"), op, upper))
    return out
