"""``taizhang projects``: the project register (项目库) — zones, projects, stages, monthly reports.

The files (import, export), the figures (stats, weights) and the blockers have their own
modules (projects_files_cmd, projects_blocker_cmd); their commands join this group. The store
and SQLAlchemy are imported inside the commands, as for every ledger command.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import click

from taizhang.cli.ledger_common import (
    LIGHT_MARK, OFFICE_ACTOR, db_option, enum_value, format_option, open_ledger, parse_date,
    print_json, resolve_today, today_option,
)
from taizhang.cli.ledger_table import table
from taizhang.errors import InputError

jurisdiction_option = click.option("--jurisdiction", default=None, metavar="地区",
                                   help="所属地区，如 沈阳市（同名园区或单位在多个地区时必填）")


@click.group()
def projects() -> None:
    """项目库：重点项目从策划储备到达产的全生命周期、月报、受阻问题、排名和挂图作战。

    \b
    先登记园区（zone-add），再导入项目表（import）或逐个登记（add）；
    责任单位报月报（report）、推进阶段（stage）；受阻问题编号督办（blocker）；
    按园区、单位排座次（stats）；导出台账、填报表、半年报告和挂图作战图（export）。
    """


def parse_month(value: str | None, today: dt.date) -> dt.date:
    """``2026-03`` · ``2026.3`` · ``2026年3月`` → 2026-03-01; None → today's month."""
    if value is None:
        return today.replace(day=1)
    m = re.fullmatch(r"\s*((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*月?\s*", value)
    if m is None or not 1 <= int(m.group(2)) <= 12:
        raise InputError(f"月份“{value}”无法识别", hint="请写成 2026-03 或 2026年3月")
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


def parse_stage(value: str) -> Any:
    from taizhang.projects.model import STAGES, Stage

    try:
        return Stage.parse(value)
    except ValueError:
        raise InputError(f"阶段“{value}”无法识别",
                         hint="可用：" + "、".join(s.label for s in STAGES)) from None


def parse_money(value: str | None, what: str) -> int | None:
    from taizhang.projects.amounts import AmountError, parse_amount

    try:
        return parse_amount(value)
    except AmountError as err:
        reason = "没有单位" if err.reason.startswith("没有单位") else err.reason
        raise InputError(f"{what}“{err.text}”{reason}", hint="请带单位，如 5.2亿元 或 3500万元") from None


def stage_dates(pairs: tuple[str, ...], what: str) -> dict[Any, dt.date]:
    """``("开工=2026-06-30",)`` → {Stage.STARTED: 2026-06-30}."""
    out = {}
    for pair in pairs:
        stage, sep, day = pair.partition("=")
        if not sep:
            raise InputError(f"{what}“{pair}”应写成 阶段=日期", hint="如 开工=2026-06-30")
        out[parse_stage(stage)] = parse_date(day, f"{stage}的日期")
    return out


def money(yuan: int | None) -> str:
    from taizhang.projects.amounts import format_amount

    return format_amount(yuan) or "—"


def print_projects(found: list[Any], fmt: str) -> None:
    if fmt == "json":
        print_json([p.to_dict() for p in found])
        return
    cols = [("编号", 6), ("灯", 4), ("阶段", 8), ("项目名称", 30), ("园区", 20), ("责任单位", 22),
            ("总投资", 10), ("累计完成", 10), ("问题", 4)]
    rows = [[str(p.id), LIGHT_MARK.get(p.light.value, "") if p.light else "", p.stage.label,
             p.name, p.zone, p.unit, p.total_text or money(p.total), money(p.completed),
             str(p.open_blockers or "")] for p in found]
    table(cols, rows, f"共 {len(found)} 个项目")


@projects.command("zone-add")
@click.argument("name")
@jurisdiction_option
@click.option("--level", default="其他", show_default=True, help="国家级、省级或其他")
@click.option("--district", default="", help="所在区县，如 铁西区")
@click.option("--unit", default=None, help="管理单位（默认“<园区名>管委会”，未登记的会自动登记）")
@click.option("--alias", "aliases", multiple=True, help="简称，可多次给出，如 --alias 经开区")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def zone_add(name: str, jurisdiction: str | None, level: str, district: str, unit: str | None,
             aliases: tuple[str, ...], actor: str, db: str | None) -> int:
    """登记一个开发区/园区（项目须属于已登记的园区）。"""
    from taizhang.projects.model import ZoneLevel

    if not jurisdiction:
        raise InputError("登记园区需要 --jurisdiction", hint="如 --jurisdiction 沈阳市")
    with open_ledger(db) as ledger:
        z = ledger.projects.add_zone(jurisdiction, name, level=enum_value(ZoneLevel, level, "园区级别"),
                                     district=district, unit=unit, aliases=aliases, actor=actor)
    more = f"，简称 {'、'.join(z.aliases)}" if z.aliases else ""
    click.echo(f"已登记园区 {z.id}：{z.jurisdiction} {z.name}（{z.level.label}，管理单位 {z.unit}{more}）")
    return 0


@projects.command("zones")
@jurisdiction_option
@db_option
@format_option
def zones(jurisdiction: str | None, db: str | None, fmt: str) -> int:
    """列出已登记的开发区/园区。"""
    with open_ledger(db) as ledger:
        found = ledger.projects.zones(jurisdiction)
    if fmt == "json":
        print_json([z.to_dict() for z in found])
        return 0
    table([("编号", 6), ("地区", 10), ("园区", 26), ("级别", 8), ("管理单位", 28), ("简称", 24)],
          [[str(z.id), z.jurisdiction, z.name, z.level.label, z.unit or "", "、".join(z.aliases)]
           for z in found], f"共 {len(found)} 个园区")
    return 0


@projects.command("add")
@click.option("--name", required=True, help="项目名称")
@click.option("--zone", required=True, help="所在园区（名称或简称）")
@jurisdiction_option
@click.option("--unit", default=None, help="责任单位（默认园区管委会）")
@click.option("--investor", default="", help="投资主体")
@click.option("--industry", default="", help="所属行业")
@click.option("--leader", default="", help="包保领导")
@click.option("--contact", default="", help="项目专人")
@click.option("--content", default="", help="建设内容")
@click.option("--total", default=None, help="总投资，带单位：5.2亿元、3500万元")
@click.option("--annual", default=None, help="年度计划投资，带单位")
@click.option("--annual-year", type=int, default=None, help="年度计划投资所属年份（默认今年）")
@click.option("--stage", "stage", default=None, help="当前阶段（默认按已填的实际日期推定）")
@click.option("--plan", "plans", multiple=True, metavar="阶段=日期", help="计划日期，如 开工=2026-06-30")
@click.option("--date", "dates", multiple=True, metavar="阶段=日期", help="实际日期，如 签约=2026-03-01")
@click.option("--task", type=int, default=None, help="服务的台账任务编号（taizhang tasks 可查）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@today_option
@db_option
@format_option
def add(name: str, zone: str, jurisdiction: str | None, unit: str | None, investor: str,
        industry: str, leader: str, contact: str, content: str, total: str | None,
        annual: str | None, annual_year: int | None, stage: str | None, plans: tuple[str, ...],
        dates: tuple[str, ...], task: int | None, actor: str, today: str | None, db: str | None,
        fmt: str) -> int:
    """登记一个项目。"""
    from taizhang.projects.model import STAGES, ProjectDraft, StageDate

    day = resolve_today(today)
    planned, actual = stage_dates(plans, "--plan"), stage_dates(dates, "--date")
    draft = ProjectDraft(
        name=name.strip(), zone=zone, jurisdiction=jurisdiction, unit=unit,
        stage=parse_stage(stage) if stage else None,
        dates=tuple(StageDate(planned.get(s), actual.get(s)) for s in STAGES),
        investor=investor, industry=industry, leader=leader, contact=contact, content=content,
        total=parse_money(total, "总投资"), total_text=(total or "").strip(),
        annual=parse_money(annual, "年度计划投资"), annual_text=(annual or "").strip(),
        annual_year=(annual_year or day.year) if annual else None, task_id=task)
    with open_ledger(db) as ledger:
        if jurisdiction is None:  # the zone says where (NotFound when it is not registered)
            draft = _with(draft, ledger.projects.zone(None, zone).jurisdiction)
        p = ledger.projects.add(draft, actor=actor, today=day)
    if fmt == "json":
        print_json(p.to_dict())
    else:
        click.echo(f"已登记项目 {p.id}：{p.name}（{p.zone}，{p.unit}，{p.stage.label}）")
    return 0


def _with(draft: Any, jurisdiction: str) -> Any:
    from dataclasses import replace

    return replace(draft, jurisdiction=jurisdiction)


@projects.command("list")
@click.option("--zone", default=None, help="园区")
@click.option("--unit", default=None, help="责任单位")
@click.option("--stage", "stages", multiple=True, help="阶段，可多次给出")
@click.option("--light", default=None, help="亮灯：红灯、黄灯、绿灯")
@click.option("--industry", default=None, help="所属行业")
@click.option("--q", "query", default=None, help="在项目名称、投资主体、建设内容中查找")
@jurisdiction_option
@click.option("--year", type=int, default=None, help="本年完成投资按哪一年算（默认今年）")
@click.option("--limit", type=int, default=None, help="最多列出多少个")
@today_option
@db_option
@format_option
def list_(zone: str | None, unit: str | None, stages: tuple[str, ...], light: str | None,
          industry: str | None, query: str | None, jurisdiction: str | None, year: int | None,
          limit: int | None, today: str | None, db: str | None, fmt: str) -> int:
    """列出项目（带亮灯），可按园区、单位、阶段、亮灯、行业筛选。"""
    from taizhang.ledger.model import Light

    day = resolve_today(today)
    with open_ledger(db) as ledger:
        found = ledger.projects.list_projects(
            today=day, year=year, jurisdiction=jurisdiction, zone=zone, unit=unit,
            stages=[parse_stage(s) for s in stages] or None, industry=industry, query=query,
            light=enum_value(Light, light, "亮灯"), limit=limit)
    print_projects(found, fmt)
    return 0


list_.name = "list"


@projects.command("show")
@click.argument("project", type=int)
@today_option
@db_option
@format_option
def show(project: int, today: str | None, db: str | None, fmt: str) -> int:
    """一个项目的全貌：阶段（计划与实际）、月报、受阻问题、亮灯原因。"""
    from taizhang.projects.model import STAGES

    day = resolve_today(today)
    with open_ledger(db) as ledger:
        reg = ledger.projects
        p = reg.get(project, today=day)
        reports = reg.reports(project)
        blockers = reg.blockers(project_id=project)
    if fmt == "json":
        print_json({"project": p.to_dict(), "reports": [r.to_dict() for r in reports],
                    "blockers": [b.to_dict() for b in blockers]})
        return 0
    light = f"{p.light.label}（{'；'.join(p.light_reasons)}）" if p.light and p.light_reasons \
        else (p.light.label if p.light else "")
    click.echo(f"项目 {p.id}：{p.name}  第 {p.version} 版  {light}")
    for label, value in (("所在园区", p.zone), ("责任单位", p.unit), ("投资主体", p.investor),
                         ("所属行业", p.industry), ("包保领导", p.leader), ("专人", p.contact),
                         ("总投资", p.total_text or money(p.total)),
                         ("年度计划投资", f"{p.annual_text or money(p.annual)}（{p.annual_year}年）"
                          if p.annual else ""),
                         ("累计完成投资", money(p.completed)), ("本年完成投资", money(p.year_done)),
                         ("建设内容", p.content), ("备注", p.notes),
                         ("关联任务", str(p.task_id) if p.task_id else "")):
        if value:
            click.echo(f"  {label}：{value}")
    click.echo("  阶段    计划         实际")
    for st in STAGES:
        mark = "▶" if st is p.stage else " "
        click.echo(f"{mark} {st.label:<6}{_d(p.planned(st)):<13}{_d(p.actual(st))}")
    for r in reports:
        click.echo(f"  月报 {r.month.year}年{r.month.month}月：本月 {money(r.invest)}，累计 "
                   f"{money(r.total)}{'，' + r.image if r.image else ''}"
                   f"{'，' + r.text if r.text else ''}（{r.unit}）")
    for b in blockers:
        click.echo(f"  {b.number} {b.title}  {b.level.label}协调  {b.state.label}  "
                   f"时限 {b.reply_due.isoformat()}")
    return 0


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else "—"


@projects.command("stage")
@click.argument("project", type=int)
@click.argument("stage")
@click.option("--date", "on", default=None, metavar="YYYY-MM-DD", help="实际日期（默认 --today）")
@click.option("--unit", default=None, help="以责任单位身份登记（不给则以督查室身份）")
@click.option("--version", "expected", type=int, default=None, help="您看到的项目版本号")
@click.option("--note", default="", help="说明，记入留痕")
@click.option("--actor", default=None, help="记入留痕的操作人")
@today_option
@db_option
def stage_cmd(project: int, stage: str, on: str | None, unit: str | None, expected: int | None,
              note: str, actor: str | None, today: str | None, db: str | None) -> int:
    """登记项目进入下一阶段（只能逐级向前：签约 → 注册 → 开工 → 投产 → 达产）。"""
    target = parse_stage(stage)
    with open_ledger(db) as ledger:
        before = ledger.projects.get(project)
        after = ledger.projects.move_stage(
            project, target, actor=actor or f"cli:{unit or '督查室'}", today=resolve_today(today),
            on=parse_date(on, "实际日期"), unit=unit, expected_version=expected, note=note)
    click.echo(f"项目 {project}：{before.stage.label} → {after.stage.label}"
               f"（{after.actual(target)}，第 {after.version} 版）")
    return 0


@projects.command("plan")
@click.argument("project", type=int)
@click.argument("stage")
@click.argument("date")
@click.option("--unit", default=None, help="以责任单位身份修改")
@click.option("--version", "expected", type=int, default=None, help="您看到的项目版本号")
@click.option("--actor", default=None, help="记入留痕的操作人")
@db_option
def plan(project: int, stage: str, date: str, unit: str | None, expected: int | None,
         actor: str | None, db: str | None) -> int:
    """设定某阶段的计划日期（DATE 为 - 时清除），如 taizhang projects plan 7 开工 2026-06-30。"""
    target = parse_stage(stage)
    day = None if date.strip() == "-" else parse_date(date, "计划日期")
    with open_ledger(db) as ledger:
        p = ledger.projects.set_plan(project, target, day, actor=actor or f"cli:{unit or '督查室'}",
                                     unit=unit, expected_version=expected)
    click.echo(f"项目 {project}：计划{target.label} {day or '（已清除）'}（第 {p.version} 版）")
    return 0


@projects.command("report")
@click.argument("project", type=int)
@click.option("--month", default=None, metavar="YYYY-MM", help="报送月份（默认 --today 所在月）")
@click.option("--invest", default=None, help="本月完成投资，带单位，如 1200万元")
@click.option("--total", default=None, help="累计完成投资，带单位（与本月完成投资填一项即可）")
@click.option("--image", default=None, help="形象进度（不填沿用上月）")
@click.option("--text", default=None, help="进展情况（不填沿用上月）")
@click.option("--problems", default=None, help="存在问题（不填沿用上月）")
@click.option("--stage", "stage", default=None, help="同时登记进入的新阶段")
@click.option("--evidence", multiple=True, type=click.Path(), help="佐证材料文件，可多次给出")
@click.option("--unit", default=None, help="报送单位（须是项目的责任单位；不给则由督查室代报）")
@click.option("--version", "expected", type=int, default=None, help="您看到的项目版本号")
@click.option("--actor", default=None, help="记入留痕的操作人（默认 cli:<单位>）")
@today_option
@db_option
def report(project: int, month: str | None, invest: str | None, total: str | None,
           image: str | None, text: str | None, problems: str | None, stage: str | None,
           evidence: tuple[str, ...], unit: str | None, expected: int | None, actor: str | None,
           today: str | None, db: str | None) -> int:
    """报送项目月报（投资完成额、形象进度、进展、问题；未填的沿用上月）。"""
    from taizhang.cli.progress_cmd import _copy_evidence
    from taizhang.projects.model import ReportUpdate

    day = resolve_today(today)
    copies = _evidence_copies(project, evidence)
    update = ReportUpdate(project_id=project, month=parse_month(month, day), unit=unit,
                          invest=parse_money(invest, "本月完成投资"),
                          total=parse_money(total, "累计完成投资"), image=image, text=text,
                          problems=problems,
                          evidence=tuple(f"{project}/{t.name}" for _, t in copies),
                          expected_version=expected, stage=parse_stage(stage) if stage else None)
    with open_ledger(db) as ledger:
        r = ledger.projects.report(update, actor=actor or f"cli:{unit or '督查室'}", today=day)
        p = ledger.projects.get(project, today=day)
    _copy_evidence(copies)  # only once the report is saved
    click.echo(f"已报送：项目 {project} {r.month.year}年{r.month.month}月，本月完成 {money(r.invest)}，"
               f"累计 {money(r.total)}{'，' + r.image if r.image else ''}（{r.unit}）")
    click.echo(f"项目 {project} 现为第 {p.version} 版，{p.stage.label}，"
               f"{p.light.label if p.light else ''}")
    return 0


def _evidence_copies(project: int, paths: tuple[str, ...]) -> list[tuple[Any, Any]]:
    import hashlib
    from pathlib import Path

    from taizhang.config import Settings
    from taizhang.errors import FileUnreadable

    folder = Settings.from_env().evidence_dir / "projects" / str(project)
    out = []
    for name in paths:
        f = Path(name)
        if not f.is_file():
            raise FileUnreadable(str(f), "佐证材料文件不存在", hint="请检查路径；本次月报未保存")
        out.append((f, folder / f"{hashlib.sha256(f.read_bytes()).hexdigest()[:12]}-{f.name}"))
    return out


@projects.command("link")
@click.argument("project", type=int)
@click.option("--task", type=int, default=None, help="台账任务编号")
@click.option("--unlink", is_flag=True, help="解除关联")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def link(project: int, task: int | None, unlink: bool, actor: str, db: str | None) -> int:
    """把项目关联到它所服务的台账任务（任务页会显示其项目）。"""
    if (task is None) == (not unlink):
        raise InputError("请给出 --task 任务编号，或用 --unlink 解除关联")
    with open_ledger(db) as ledger:
        p = ledger.projects.link_task(project, None if unlink else task, actor=actor)
    click.echo(f"项目 {project} 已关联任务 {p.task_id}" if p.task_id else f"项目 {project} 已解除关联")
    return 0


# the trail's action codes as the history reads them
ACTIONS = {
    "project.create": "登记项目", "project.update": "按导入表更新", "project.stage": "推进阶段",
    "project.plan": "修改计划", "project.report": "报送月报", "project.link": "关联任务",
    "project.blocker.raise": "提出受阻问题", "project.blocker.reply": "回复受阻问题",
    "project.blocker.solve": "问题已解决", "project.blocker.close": "问题销号",
    "project.blocker.reopen": "问题退回", "project.blocker.escalate": "问题升级",
}


@projects.command("history")
@click.argument("project", type=int)
@db_option
@format_option
def history(project: int, db: str | None, fmt: str) -> int:
    """项目的全程留痕（登记、阶段、月报、受阻问题的每一步）。"""
    with open_ledger(db) as ledger:
        entries = ledger.projects.history(project)
    if fmt == "json":
        print_json([e.to_dict() for e in entries])
        return 0
    for e in entries:
        after = e.after or {}
        detail = "；".join(f"{k} {v}" for k, v in after.items() if k not in ("version",) and v)
        click.echo(f"{e.at:%Y-%m-%d %H:%M}  {e.actor}  {ACTIONS.get(e.action, e.action)}  {detail}")
    click.echo(f"共 {len(entries)} 条记录")
    return 0


def _register_more() -> None:
    from taizhang.cli.projects_blocker_cmd import blocker
    from taizhang.cli.projects_files_cmd import export, import_, stats, weights

    for command in (import_, export, stats, weights, blocker):
        projects.add_command(command)


_register_more()
