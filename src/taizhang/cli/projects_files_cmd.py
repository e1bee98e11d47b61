"""``taizhang projects import|export|stats|weights``: the files offices exchange and 排座次.

``import`` takes an office's own project sheet (any common layout, checked row by row) or a
unit's filled-in monthly sheet (recognised by its hidden ``_taizhang`` sheet) — the second is
all-or-nothing. ``export`` writes the 台账 xlsx, a unit's fill-in sheet, a zone's half-year
report (docx), a blocker's 督办单 (docx) and the 挂图作战 chart (PNG or SVG).
"""
from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from taizhang.cli.files import atomic_write
from taizhang.cli.ledger_common import (
    OFFICE_ACTOR, check_place, db_option, open_ledger, resolve_today,
    today_option,
)
from taizhang.cli.output import Listing, chosen, emit, output_options
from taizhang.cli.projects_common import jurisdiction_option, parse_month, parse_stage
from taizhang.errors import InputError


def _place(reg: Any, given: str | None) -> str | None:
    """The jurisdiction of an import: given, else the only one with zones registered."""
    if given:
        return given
    places = {z.jurisdiction for z in reg.zones()}
    return places.pop() if len(places) == 1 else None


def _problem_lines(problems: Any) -> list[str]:
    from taizhang.projects.problems import describe

    return [f"  {describe(p)}" for p in problems]


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@jurisdiction_option
@click.option("--zone", default=None, help="表中没有“所在园区”列时，全表项目所属的园区")
@click.option("--sheet", default=None, metavar="工作表", help="读取这个工作表（默认第一个）")
@click.option("--year", type=int, default=None, help="表中只写月份的日期和年度计划投资所属年份（默认取标题中的年份）")
@click.option("--partial", is_flag=True, help="先导入无误的行，有问题的行列出后不导入（退出码 2）")
@click.option("--dry-run", is_flag=True, help="只检查并报告将做的修改，不写入")
@click.option("--unit", default=None, help="填报表：以该单位身份导入（默认取表中的填报单位）")
@click.option("--actor", default=None, help="记入留痕的操作人")
@today_option
@db_option
def import_(file: str, jurisdiction: str | None, zone: str | None, sheet: str | None,
            year: int | None, partial: bool, dry_run: bool, unit: str | None,
            actor: str | None, today: str | None, db: str | None) -> int:
    """导入项目表（各单位自制的重点项目台账），或导入填好的项目月报填报表（全部无误才写入）。"""
    from pathlib import Path

    from taizhang.exports.project_fillin import sheet_kind

    day = resolve_today(today)
    kind = sheet_kind(file)
    if kind in ("fillin", "ledger"):
        raise InputError(f"{Path(file).name} 是任务台账的表格，不是项目表",
                         hint="任务进展请用 taizhang import-progress 导入")
    with open_ledger(db) as ledger:
        check_place(ledger, jurisdiction)
        if kind == "project-fillin":
            return _import_fillin(ledger, file, unit=unit, jurisdiction=jurisdiction, day=day,
                                  dry_run=dry_run, actor=actor)
        return _import_register(ledger, file, jurisdiction=jurisdiction, zone=zone, sheet=sheet,
                                year=year, partial=partial, dry_run=dry_run, day=day,
                                actor=actor or OFFICE_ACTOR)


def _import_register(ledger: Any, file: str, *, jurisdiction: str | None, zone: str | None,
                     sheet: str | None, year: int | None, partial: bool, dry_run: bool,
                     day: dt.date, actor: str) -> int:
    from pathlib import Path

    from taizhang.exports.project_sheet import read_project_sheet
    from taizhang.projects.problems import refusal

    reg = ledger.projects
    place = _place(reg, jurisdiction)
    reading = read_project_sheet(file, sheet=sheet, year=year, zone=zone, jurisdiction=place,
                                 today=day)
    name = Path(file).name
    for note in reading.notes:
        click.echo(f"提示：{note}", err=True)
    if dry_run:
        plan = reg.plan_import(reading.drafts, today=day, jurisdiction=place)
        problems = sorted([*reading.problems, *plan.problems], key=lambda p: p.row or 0)
        click.echo(f"检查 {name}：将新增 {len(plan.new)} 个项目，更新 {len(plan.changed)} 个，"
                   f"{len(plan.unchanged)} 个未变化；未写入任何内容")
        if problems:
            raise refusal(problems, name)
        return 0
    result = reg.import_drafts(reading.drafts, actor=actor, today=day, jurisdiction=place,
                               partial=partial, source=name, problems=reading.problems)
    click.echo(f"已导入 {name}：新增 {len(result.added)} 个项目，更新 {len(result.updated)} 个，"
               f"{result.unchanged} 个未变化" + (f"，跳过合计行 {reading.skipped} 行"
                                                if reading.skipped else ""))
    for note in _problem_lines(result.notes):
        click.echo(f"提示：{note.strip()}", err=True)
    if result.refused:
        lines = "\n".join(_problem_lines(result.refused))
        click.echo(f"错误：以下 {len(result.refused)} 行未导入（其余已导入）：\n{lines}\n"
                   "改正后重新导入整张表即可，已导入的行不会重复", err=True)
        sys.exit(2)
    return 0


def _import_fillin(ledger: Any, file: str, *, unit: str | None, jurisdiction: str | None,
                   day: dt.date, dry_run: bool, actor: str | None) -> int:
    from pathlib import Path

    from taizhang.exports.project_fillin import plan_fillin, read_fillin

    reg = ledger.projects
    sheet = read_fillin(file)
    who = unit or sheet.unit
    if not who:
        raise InputError("填报表中没有填报单位", hint="请用 --unit 指定")
    current = {p.id: p for p in reg.list_projects(unit=who, jurisdiction=jurisdiction)}
    updates = plan_fillin(sheet, current, unit=who, month=None,
                          last=reg.latest_reports(list(current)))
    name = Path(file).name
    if not updates:
        click.echo(f"{name} 中没有修改过的行，未做任何更新")
        return 0
    if dry_run:
        for u in updates:
            click.echo(f"第{u.row}行：项目 {u.project_id} {current[u.project_id].name}")
        click.echo(f"检查 {name}：将报送 {len(updates)} 个项目的月报；未写入任何内容")
        return 0
    done = reg.apply_reports(updates, actor=actor or f"cli:{who}", today=day, source=name)
    month = updates[0].month
    click.echo(f"已导入 {name}：{who} 报送 {len(done)} 个项目的 {month.year}年{month.month}月月报")
    return 0


FORMATS = ("xlsx", "fillin", "report", "notice", "chart")


@click.command("export")
@click.argument("what", metavar="FORMAT", type=click.Choice(FORMATS))
@click.option("-o", "--output", default=None, metavar="FILE", help="输出文件（chart 按后缀 .png/.svg）")
@click.option("--zone", default=None, help="园区（report 必填；其余为筛选）")
@click.option("--unit", default=None, help="责任单位（fillin 必填；其余为筛选）")
@click.option("--stage", "stages", multiple=True, help="只导出这些阶段的项目")
@jurisdiction_option
@click.option("--month", default=None, metavar="YYYY-MM", help="fillin：填报月份（默认 --today 所在月）")
@click.option("--half", default=None, metavar="2026H1", help="report：年度和半年，如 2026H1（默认 --today 所在半年）")
@click.option("--blocker", "blocker_ref", default=None, help="notice：受阻问题编号，如 问题〔2026〕3号")
@click.option("--title", default=None, help="xlsx、chart 的标题")
@today_option
@db_option
def export(what: str, output: str | None, zone: str | None, unit: str | None,
           stages: tuple[str, ...], jurisdiction: str | None, month: str | None,
           half: str | None, blocker_ref: str | None, title: str | None, today: str | None,
           db: str | None) -> int:
    """导出：xlsx 项目台账、fillin 单位月报填报表、report 园区半年书面报告、notice 受阻问题督办单、chart 挂图作战图。

    \b
    例：taizhang projects export xlsx -o 项目台账.xlsx
        taizhang projects export fillin --unit 沈阳经济技术开发区管委会 --month 2026-04
        taizhang projects export report --zone 经开区 --half 2026H1
        taizhang projects export chart --zone 经开区 -o 挂图作战.png
        taizhang projects export notice --blocker 问题〔2026〕3号
    """
    day = resolve_today(today)
    with open_ledger(db) as ledger:
        check_place(ledger, jurisdiction)
        reg = ledger.projects
        if what == "notice":
            return _notice(reg, blocker_ref, output, day)
        if what == "report":
            return _report(reg, zone, jurisdiction, half, output, day)
        if what == "fillin" and not unit:
            raise InputError("导出填报表需要 --unit", hint="如 --unit 沈阳经济技术开发区管委会")
        found = reg.list_projects(today=day, jurisdiction=jurisdiction, zone=zone, unit=unit,
                                  stages=[parse_stage(s) for s in stages] or None)
        last = reg.latest_reports([p.id for p in found]) if what == "fillin" else {}
        # the zone's registered name for the chart's title (the office may have typed its alias)
        where = reg.zone(jurisdiction, zone).name if zone else unit
    if what == "xlsx":
        from taizhang.exports.project_xlsx import write_projects

        name = output or f"项目台账_{day.isoformat()}.xlsx"
        atomic_write(name, lambda f: write_projects(found, f, today=day, title=title))
    elif what == "fillin":
        from taizhang.exports.project_xlsx import write_project_fillin

        when = parse_month(month, day)
        name = output or f"{unit}_项目月报填报表_{when.isoformat()[:7]}.xlsx"
        atomic_write(name, lambda f: write_project_fillin(found, f, unit=unit or "", month=when,
                                                     today=day, last=last))
    else:
        from pathlib import Path

        from taizhang.exports.project_chart import draw
        from taizhang.projects.timeline import build

        name = output or f"挂图作战_{day.isoformat()}.png"
        if Path(name).suffix.lower() not in (".png", ".svg"):
            raise InputError(f"挂图作战图只能是 .png 或 .svg（给的是 {name}）", hint="如 -o 挂图作战.svg")
        chart = build(found, day)
        heading = title or f"{where or '重点项目'}挂图作战（{day.isoformat()}）"

        def picture(path: Any) -> None:
            draw(chart, path, title=heading)  # the temporary file keeps the suffix: PNG or SVG

        atomic_write(name, picture)
    click.echo(f"已导出 {len(found)} 个项目：{name}")
    return 0


def _notice(reg: Any, ref: str | None, output: str | None, day: dt.date) -> int:
    from taizhang.exports.project_word import write_blocker_notice

    if not ref:
        raise InputError("导出督办单需要 --blocker", hint="如 --blocker 问题〔2026〕3号；"
                         "taizhang projects blocker list 可查看")
    b = reg.blocker(ref)
    p = reg.get(b.project_id, today=day)
    name = output or f"{b.number}督办单.docx"
    atomic_write(name, lambda f: write_blocker_notice(b, p, f))
    click.echo(f"已导出受阻问题督办单 {b.number}：{name}")
    return 0


def _report(reg: Any, zone: str | None, jurisdiction: str | None, half: str | None,
            output: str | None, day: dt.date) -> int:
    import re

    from taizhang.exports.project_word import HALVES, half_of, write_half_year_report

    if not zone:
        raise InputError("半年报告需要 --zone", hint="每个园区一份，如 --zone 经开区")
    if half:
        m = re.fullmatch(r"\s*((?:19|20)\d{2})\s*[Hh]\s*([12])\s*", half)
        if m is None:
            raise InputError(f"半年“{half}”无法识别", hint="请写成 2026H1（上半年）或 2026H2（下半年）")
        year, part = int(m.group(1)), int(m.group(2))
    else:
        year, part = half_of(day)
    z = reg.zone(jurisdiction, zone)
    found = reg.list_projects(today=day, year=year, jurisdiction=z.jurisdiction, zone=z.name)
    figures = next((g for g in reg.ranking(by="zone", today=day, year=year, projects=found)
                    if g.key == z.name), None)
    if figures is None:
        from taizhang.projects.indicators import GroupStats

        figures = GroupStats(z.name, "zone", z.level)
    blockers = reg.blockers(zone=z.name, jurisdiction=z.jurisdiction)
    last = reg.latest_reports([p.id for p in found])
    name = output or f"{z.name}{year}年{HALVES[part]}重点项目建设情况报告.docx"
    atomic_write(name, lambda f: write_half_year_report(z, found, blockers, figures, f, year=year,
                                                   half=part, today=day, last=last))
    click.echo(f"已导出 {z.name}{year}年{HALVES[part]}报告（{len(found)} 个项目）：{name}")
    return 0


@click.command("stats")
@click.option("--by", type=click.Choice(["zone", "unit"]), default="zone", show_default=True,
              help="按园区（zone）或责任单位（unit）排名")
@click.option("--year", type=int, default=None, help="统计年度（默认 --today 所在年）")
@jurisdiction_option
@today_option
@db_option
@output_options
def stats(by: str, year: int | None, jurisdiction: str | None, today: str | None,
          db: str | None, fmt: str, no_bom: bool, as_json: bool) -> int:
    """以项目论英雄、排座次：各园区或单位的项目数、当年签约当年开工率、亿元以上项目投资比重、大项目、受阻问题，按权重排名。"""
    day = resolve_today(today)
    with open_ledger(db) as ledger:
        check_place(ledger, jurisdiction)
        groups = ledger.projects.ranking(by=by, today=day, year=year, jurisdiction=jurisdiction)
        weights, saved = ledger.projects.weights()

    def pct(v: float | None) -> str:
        return "—" if v is None else f"{v:g}%"

    cols = [("名次", 4), ("园区" if by == "zone" else "责任单位", 24), ("项目", 4),
            ("当年签约", 8), ("当年开工", 8), ("签约开工率", 10), ("亿元以上占比", 12),
            ("投资完成率", 10), ("50亿/20亿", 9), ("未解决问题", 10), ("逾期", 4),
            ("平均天数", 8), ("红灯", 4), ("得分", 8)]
    rows = [[g.rank, g.key, g.projects, g.signed, g.signed_started, pct(g.signed_started_rate),
             pct(g.big_share), pct(g.invest_rate), f"{g.big50_new}/{g.big20_new}",
             g.open_blockers, g.overdue_blockers,
             "—" if g.blocker_age is None else f"{g.blocker_age:g}", g.red, f"{g.score:.1f}"]
            for g in groups]
    # the targets a group misses (seed 001's 30 % / 70 % / 50亿), under the table
    footer = "\n".join([f"{year or day.year}年，共 {len(groups)} 个{'园区' if by == 'zone' else '单位'}；"
                        f"权重{'为督查室设定' if saved else '为默认值'}（taizhang projects weights）",
                        *(f"{g.key}：{s}" for g in groups for s in g.shortfalls)])
    payload = {"year": year or day.year, "by": by, "weights": weights,
               "groups": [g.to_dict() for g in groups]}
    emit(Listing(cols, rows, payload, footer=footer), chosen(fmt, as_json), no_bom=no_bom)
    return 0


@click.command("weights")
@click.option("--set", "values", multiple=True, metavar="指标=权重",
              help="设定权重，如 --set overdue_blockers=-5（可多次给出；指标可写中文名）")
@click.option("--reset", is_flag=True, help="恢复默认权重")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
@output_options
def weights(values: tuple[str, ...], reset: bool, actor: str, db: str | None, fmt: str,
            no_bom: bool, as_json: bool) -> int:
    """查看排名的权重，或用 --set、--reset 设定（得分 = Σ 权重 × 指标，率按百分数计，扣分项为负数）。"""
    from taizhang.projects.indicators import METRIC_NAMES

    if values and reset:
        raise InputError("--set 和 --reset 只能用一个", hint="先 --reset 恢复默认，再 --set 修改")
    pairs = {}
    for pair in values:
        metric, sep, weight = pair.partition("=")
        if not sep:
            raise InputError(f"“{pair}”应写成 指标=权重", hint="如 --set red=-3")
        pairs[metric.strip()] = weight
    with open_ledger(db) as ledger:
        reg = ledger.projects
        if reset:
            reg.set_weights(None, actor=actor)
        elif pairs:
            reg.set_weights(pairs, actor=actor)
        current, saved = reg.weights()
    if reset or pairs:  # an action: one line saying what is now in force
        shown = "、".join(f"{METRIC_NAMES[m]} {w:g}" for m, w in current.items()
                         if m in pairs or METRIC_NAMES[m] in pairs)
        click.echo(("已恢复默认权重" if reset else f"已设定权重：{shown}")
                   + "（taizhang projects weights 查看全部）")
        return 0
    emit(Listing([("指标", 20), ("名称", 28), ("权重", 8)],
                 [[m, METRIC_NAMES[m], f"{w:g}"] for m, w in current.items()],
                 {"weights": current, "saved": saved},
                 footer="权重为督查室设定" if saved else "权重为默认值"),
         chosen(fmt, as_json), no_bom=no_bom)
    return 0
