"""Word files of the register in the official style (GB/T 9704, :mod:`taizhang.exports.docx_style`):

- the half-year written report of a zone to the city (seed 001 item 15: 每半年各开发区向市委、市政府
  书面报告工作开展情况): figures, the plan's targets, each project, the blockers, the next half;
- the 督办单 of one blocker (问题〔2026〕12号), as the 督办通知单 of a task looks.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO

from taizhang.exports.docx_style import GB_FONTS, Fonts, OfficialDoc, date_cn
from taizhang.projects.amounts import format_amount
from taizhang.projects.indicators import GroupStats
from taizhang.projects.model import (
    STAGES,
    Blocker,
    BlockerLevel,
    Project,
    ProjectReport,
    Zone,
)

HALVES = {1: "上半年", 2: "下半年"}
MAX_ROWS = 200  # a report is read by leaders; the full list travels as the xlsx


def half_of(day: dt.date) -> tuple[int, int]:
    return day.year, 1 if day.month <= 6 else 2


def half_span(year: int, half: int) -> tuple[dt.date, dt.date]:
    return (dt.date(year, 1, 1), dt.date(year, 6, 30)) if half == 1 else \
        (dt.date(year, 7, 1), dt.date(year, 12, 31))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:g}%"


def write_half_year_report(zone: Zone, projects: Sequence[Project], blockers: Iterable[Blocker],
                           figures: GroupStats, file: str | Path | IO[bytes], *, year: int,
                           half: int, today: dt.date, last: Mapping[int, ProjectReport],
                           to: str = "市委、市政府", number: str | None = None,
                           fonts: Fonts = GB_FONTS) -> None:
    """The zone's report for ``half`` (1 or 2) of ``year``, with figures as of ``today``."""
    start, end = half_span(year, half)
    name = HALVES[half]
    issuer = zone.unit or zone.name
    doc = OfficialDoc(fonts)
    doc.issuer_mark(issuer)
    doc.number_line(number or f"{year}年{name}工作报告")
    doc.title(f"{zone.name}关于{year}年{name}重点项目建设情况的报告")
    doc.addressee(to)
    as_of = min(today, end)
    doc.body(f"按照每半年向{to}书面报告工作开展情况的要求，现将{zone.name}{year}年{name}重点项目"
             f"建设情况报告如下（数据截至{date_cn(as_of)}）。")
    doc.heading("一、总体情况")
    stages = "，".join(f"{st.label}{n}个" for st, n in figures.by_stage.items() if n)
    doc.body(f"纳入项目库管理的重点项目共{figures.projects}个，其中{stages or '暂无'}。"
             f"总投资亿元以上项目{figures.big}个，20亿元以上{figures.big20}个，50亿元以上{figures.big50}个。")
    doc.body(f"{year}年计划完成投资{format_amount(figures.planned) or '0万元'}，已完成"
             f"{format_amount(figures.done) or '0万元'}，完成率{_pct(figures.invest_rate)}；"
             f"亿元以上项目完成投资比重{_pct(figures.big_share)}。{year}年签约项目{figures.signed}个，"
             f"当年开工{figures.signed_started}个，当年签约当年开工率{_pct(figures.signed_started_rate)}；"
             f"引进50亿元以上项目{figures.big50_new}个、20亿元以上项目{figures.big20_new}个。")
    if figures.shortfalls:
        doc.body("对照行动计划目标：" + "；".join(s.removeprefix("未达标：") + "，尚未达标"
                                              for s in figures.shortfalls) + "。")
    else:
        doc.body("对照行动计划目标，各项指标均已达到要求。")
    doc.heading("二、重点项目进展")
    rows = [[str(n), p.name, p.total_text or format_amount(p.total), p.stage.label,
             format_amount(p.year_done, unit="万元") if p.year_done else "—",
             (last[p.id].image if p.id in last else "") or "—"]
            for n, p in enumerate(projects[:MAX_ROWS], start=1)]
    if rows:
        doc.table(["序号", "项目名称", "总投资", "阶段", "本年完成投资", "形象进度"], rows,
                  [12, 46, 22, 16, 26, 34])
        if len(projects) > MAX_ROWS:
            doc.body(f"（以上列出前{MAX_ROWS}个项目，另有{len(projects) - MAX_ROWS}个，详见项目台账。）")
    else:
        doc.body("本期无纳入项目库的项目。")
    doc.heading("三、项目受阻问题及解决情况")
    shown = [b for b in blockers if b.unsolved or (b.solved_on is not None and b.solved_on >= start)
             or start <= b.raised_on <= end]
    if shown:
        solved = sum(1 for b in shown if not b.unsolved)
        doc.body(f"本期跟踪项目受阻问题{len(shown)}个，已解决{solved}个，尚待解决{len(shown) - solved}个。")
        doc.table(["编号", "项目", "问题", "协调层级", "状态", "解决时限"],
                  [[b.number, b.project_name, b.title, b.level.label, b.state.label,
                    date_cn(b.reply_due)] for b in shown[:MAX_ROWS]],
                  [30, 30, 46, 18, 16, 16])
    else:
        doc.body("本期无项目受阻问题。")
    next_start, next_end = half_span(year + (half == 2), 2 if half == 1 else 1)
    doc.heading("四、下步工作打算")
    plans = []
    for st in STAGES[1:]:
        due = [p.name for p in projects if p.stage.order < st.order
               and (d := p.planned(st)) is not None and next_start <= d <= next_end]
        if due:
            plans.append(f"计划{st.label}{len(due)}个（{'、'.join(due[:8])}{'等' if len(due) > 8 else ''}）")
    doc.body(("下一阶段，" + "；".join(plans) + "。") if plans else
             "下一阶段，继续推进在建项目建设，加快签约项目落地。")
    open_ = [b for b in shown if b.unsolved]
    if open_:
        doc.body(f"对尚未解决的{len(open_)}个受阻问题，逐项明确责任和时限，实行编号管理、全程督办，"
                 "需市级协调的及时提请市有关部门和市领导协调解决。")
    doc.signature(issuer, today)
    doc.save(file)


_ASK = {
    BlockerLevel.ZONE: "请你单位抓紧协调解决",
    BlockerLevel.COUNTY: "该问题已提请区县协调解决。请你单位主要负责同志亲自研究，限期解决",
    BlockerLevel.CITY: "该问题已提请市级协调解决。请你单位会同有关部门逐项研究，限期解决",
    BlockerLevel.LEADER: "该问题已提请市领导协调解决，实行挂牌督办。请你单位主要负责同志亲自部署、"
                         "亲自督促，确保按期解决",
}


def write_blocker_notice(b: Blocker, p: Project, file: str | Path | IO[bytes], *,
                         office: str | None = None, fonts: Fonts = GB_FONTS) -> None:
    """The 督办单 of a blocker: 版头 with its number, the project, the problem, the deadline."""
    issuer = office or (f"{p.jurisdiction}人民政府督查室" if p.jurisdiction else "督查室")
    doc = OfficialDoc(fonts)
    doc.corner(b.level.label + "协调")
    doc.issuer_mark(issuer)
    doc.number_line(b.number)
    doc.title("项目受阻问题督办单")
    doc.addressee(b.unit)
    doc.body(f"{p.zone}“{p.name}”（总投资{p.total_text or format_amount(p.total) or '未填'}，"
             f"现处于{p.stage.label}阶段）于{date_cn(b.raised_on)}反映受阻问题：{b.title}。"
             + (f"{b.detail}" if b.detail else ""))
    doc.body(f"{_ASK[b.level]}，并于{date_cn(b.reply_due)}前将解决情况书面反馈{issuer}；"
             "也可在台账系统中直接回复。逾期未解决的，按园区、区县、市级、市领导逐级提级协调。")
    doc.gap()
    doc.table(["项目", "内容"], [
        ["问题编号", b.number], ["协调层级", b.level.label], ["项目名称", p.name],
        ["所在园区", p.zone], ["项目责任单位", p.unit], ["包保领导", p.leader or "—"],
        ["项目专人", p.contact or "—"], ["受阻问题", b.title], ["解决单位", b.unit],
        ["解决时限", date_cn(b.reply_due)], ["当前状态", b.state.label],
    ], [36, 120])
    doc.signature(issuer, b.raised_on)
    doc.save(file)
