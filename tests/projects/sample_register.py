"""A project sheet written the way development-zone offices write theirs: a merged title, a line
with the amount unit, a two-row header (``投资情况（亿元）`` over 总投资/2026年计划投资/累计完成投资,
``计划时间`` and ``实际时间`` over 签约/开工/投产), a section row per zone, 所在园区 and 包保领导
merged down each zone's block, dates written five ways, and one bad row (an amount in words).

Used by the tests, the benchmark and the docs: ``python tests/projects/sample_register.py OUT.xlsx
[ROWS]`` writes it; ``zones()`` are the zones the sheet names, to register first.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from openpyxl import Workbook

TITLE = "沈阳市2026年重点产业项目推进台账"
ZONES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    # name, level, aliases, leader of its block
    ("沈阳经济技术开发区", "国家级", ("经开区",), "王副市长"),
    ("沈阳高新技术产业开发区", "国家级", ("高新区", "浑南高新区"), "李副市长"),
    ("沈阳辉山经济技术开发区", "省级", ("辉山经开区",), "赵副市长"),
)
HEADER_TOP = ["序号", "项目名称", "投资主体", "所属行业", "所在园区", "责任单位", "包保领导", "专人",
              "投资情况（亿元）", None, None, "建设内容", "计划时间", None, None, "实际时间", None, None,
              "项目阶段", "进展情况", "存在问题"]
HEADER_SUB = [None, None, None, None, None, None, None, None, "总投资", "2026年计划投资", "累计完成投资",
              None, "签约", "开工", "投产", "签约", "开工", "投产", None, None, None]
INDUSTRIES = ("汽车及零部件", "集成电路装备", "生物医药", "新材料", "航空装备", "机器人", "新能源",
              "智能制造", "食品加工", "现代物流")
BAD_ROW_AMOUNT = "约五亿元"  # written in words: the importer must refuse it


CUTOFF = dt.date(2026, 3, 31)  # nothing in the sheet happened after this day


def _dates(i: int) -> tuple[list[Any], list[Any], str]:
    """Planned and actual 签约/开工/投产 for project i, in the forms offices type; every
    seventh project is behind its plan (a planned date passed, the stage not reached)."""
    forms = [lambda d: d.strftime("%Y.%-m"), lambda d: f"{d.year}年{d.month}月",
             lambda d: dt.datetime(d.year, d.month, d.day), lambda d: d.strftime("%Y/%-m/%-d"),
             lambda d: d.isoformat()]
    sign = dt.date(2025, 10, 1) + dt.timedelta(days=6 * (i % 30))  # long sheets cycle
    start = sign + dt.timedelta(days=45)
    late = i % 7 == 3
    kind = i % 4
    started = kind == 0 and start <= CUTOFF
    planned_start = start if started or late else dt.date(2026, 5, 10) + dt.timedelta(days=i)
    produce = planned_start + dt.timedelta(days=400)
    fmt = forms[i % len(forms)]
    planned = [fmt(sign), fmt(planned_start), fmt(produce)]
    if started:  # signed and started
        return planned, [fmt(sign), fmt(start), None], "在建"
    if kind == 2 and not late:  # in negotiation: signing planned for the summer
        return [fmt(dt.date(2026, 6, 30)), fmt(dt.date(2026, 9, 30)), None], [None] * 3, "洽谈"
    if kind == 1:  # signed only
        return planned, [fmt(sign), None, None], "签约"
    return planned, [fmt(sign), None, None], ""  # the stage left to the dates


def rows(count: int = 30, *, bad: bool = True,
         zones: tuple[tuple[str, str, tuple[str, ...], str], ...] = ZONES) -> list[list[Any] | str]:
    """The sheet's rows after the header: a section row per zone, then its projects."""
    out: list[list[Any] | str] = []
    per = -(-count // len(zones))
    n = 0
    for z, (zone, _level, _aliases, leader) in enumerate(zones):
        block = min(per, count - n)
        if block <= 0:
            break
        out.append(f"{z + 1}、{zone}（{block}个）" if z >= 3 else f"{'一二三'[z]}、{zone}（{block}个）")
        for k in range(block):
            n += 1
            planned, actual, stage = _dates(n)
            total = round(0.8 + (n * 7.3) % 60, 1)  # a few of 20亿 and 50亿 and more
            if n == 7:
                total = 52.0
            annual = round(total * 0.3, 2)
            done = round(annual * 0.4, 2) if actual[1] else 0
            out.append([
                n, f"{['华晨', '沈鼓', '新松', '远大', '东软', '北方', '中科', '拓荆'][n % 8]}"
                   f"{INDUSTRIES[n % len(INDUSTRIES)]}项目（{n}期）",
                f"{['沈阳', '辽宁', '北京', '上海'][n % 4]}某某{['科技', '实业', '集团'][n % 3]}有限公司",
                INDUSTRIES[n % len(INDUSTRIES)], zone if k == 0 else None,
                f"{zone}管委会" if n % 5 else "市发展改革委", leader if k == 0 else None,
                f"专员{n:02d}", BAD_ROW_AMOUNT if n == 12 and bad else total, annual, done,
                f"建设厂房{n * 1000}平方米及配套设施", *planned, *actual, stage,
                "完成场地平整" if actual[1] else "", "用地指标待落实" if n % 6 == 0 else "",
            ])
    return out


def make_register(path: str | Path, count: int = 30, *, bad: bool = True,
                  zones: tuple[tuple[str, str, tuple[str, ...], str], ...] = ZONES) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "重点项目"
    width = len(HEADER_TOP)
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.append(["填报单位：市发展改革委　　金额单位：亿元"])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    ws.append(HEADER_TOP)
    ws.append(HEADER_SUB)
    for c, (top, sub) in enumerate(zip(HEADER_TOP, HEADER_SUB), start=1):
        if top is not None and sub is None:
            ws.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    ws.merge_cells("I3:K3")
    ws.merge_cells("M3:O3")
    ws.merge_cells("P3:R3")
    block_start = None
    for row in rows(count, bad=bad, zones=zones):
        if isinstance(row, str):
            if block_start is not None:
                _merge_block(ws, block_start, ws.max_row)
            ws.append([row])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row,
                           end_column=width)
            block_start = ws.max_row + 1
        else:
            ws.append(row)
    if block_start is not None:
        _merge_block(ws, block_start, ws.max_row)
    ws.append(["合计", None, None, None, None, None, None, None, None, None, None])
    book.save(path)
    return Path(path)


def _merge_block(ws: Any, first: int, last: int) -> None:
    """所在园区 (E) and 包保领导 (G) merged down a zone's block, as offices lay it out."""
    if last > first:
        ws.merge_cells(start_row=first, start_column=5, end_row=last, end_column=5)
        ws.merge_cells(start_row=first, start_column=7, end_row=last, end_column=7)


if __name__ == "__main__":
    print(make_register(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30))
