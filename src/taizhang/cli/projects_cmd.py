"""``taizhang projects``: the project register (项目库) — zones, projects, stages, monthly reports.

The files (import, export), the figures (stats, weights) and the blockers have their own
modules (projects_files_cmd, projects_blocker_cmd); their commands join this group. The store
and SQLAlchemy are imported inside the commands, as for every ledger command.
"""
from __future__ import annotations

from typing import Any

import click

from taizhang.cli.ledger_common import (
    LIGHT_MARK, OFFICE_ACTOR, check_place, db_option, enum_value, open_ledger,
    parse_date, resolve_today, today_option,
)
from taizhang.cli.output import Listing, chosen, emit, output_options
from taizhang.cli.projects_common import (
    check_new_place, day_text, jurisdiction_option, money, parse_money, parse_month, parse_stage,
    stage_dates,
)
from taizhang.errors import InputError

@click.group()
def projects() -> None:
    """项目库：重点项目从策划储备到达产的全生命周期、月报、受阻问题、排名和挂图作战。

    \b
    先登记园区（zone-add），再导入项目表（import）或逐个登记（add）；
    责任单位报月报（report）、推进阶段（stage）；受阻问题编号督办（blocker）；
    按园区、单位排座次（stats）；导出台账、填报表、半年报告和挂图作战图（export）。
    """


def projects_listing(found: list[Any], total: int, fmt: str) -> Listing:
    """The projects as ``list`` shows them: the light as a mark in the terminal, as a word in
    csv and md (as ``taizhang tasks`` does). “共 N 个” counts what the filters match; with
    --limit the line says how many are listed."""
    marks = fmt == "table"
    cols = [("编号", 6), ("灯" if marks else "亮灯", 4), ("阶段", 8), ("项目名称", 30),
            ("园区", 20), ("责任单位", 22), ("总投资", 10), ("累计完成", 10), ("问题", 4)]
    rows = [[p.id, "" if p.light is None else LIGHT_MARK[p.light.value] if marks else p.light.label,
             p.stage.label, p.name, p.zone, p.unit, p.total_text or money(p.total),
             money(p.completed), p.open_blockers or ""] for p in found]
    footer = f"共 {total} 个项目" + (f"，列出前 {len(found)} 个（去掉 --limit 看全部）"
                                     if total > len(found) else "")
    return Listing(cols, rows, [p.to_dict() for p in found], footer=footer)


@projects.command("zone-add")
@click.argument("name")
@jurisdiction_option
@click.option("--level", default="其他", show_default=True, help="国家级、省级或其他")
@click.option("--district", default="", help="所在区县，如 铁西区")
@click.option("--unit", default=None, help="管理单位（默认“<园区名>管委会”，未登记的会自动登记）")
@click.option("--alias", "aliases", multiple=True, help="简称，可多次给出，如 --alias 经开区")
@click.option("--new-place", is_flag=True,
              help="地区是台账中还没有的新地区（与已有地区名称相近时须加此项，防止笔误）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def zone_add(name: str, jurisdiction: str | None, level: str, district: str, unit: str | None,
             aliases: tuple[str, ...], new_place: bool, actor: str, db: str | None) -> int:
    """登记一个开发区/园区（项目须属于已登记的园区）。"""
    from taizhang.projects.model import ZoneLevel

    if not jurisdiction:
        raise InputError("登记园区需要 --jurisdiction", hint="如 --jurisdiction 沈阳市")
    with open_ledger(db) as ledger:
        check_new_place(ledger, jurisdiction, new_place=new_place)
        z = ledger.projects.add_zone(jurisdiction, name, level=enum_value(ZoneLevel, level, "园区级别"),
                                     district=district, unit=unit, aliases=aliases, actor=actor)
    more = f"，简称 {'、'.join(z.aliases)}" if z.aliases else ""
    click.echo(f"已登记园区 {z.id}：{z.jurisdiction} {z.name}（{z.level.label}，管理单位 {z.unit}{more}）")
    return 0


@projects.command("zones")
@jurisdiction_option
@db_option
@output_options
def zones(jurisdiction: str | None, db: str | None, fmt: str, no_bom: bool,
          as_json: bool) -> int:
    """列出已登记的开发区/园区。"""
    with open_ledger(db) as ledger:
        check_place(ledger, jurisdiction)
        found = ledger.projects.zones(jurisdiction)
    emit(Listing([("编号", 6), ("地区", 10), ("园区", 26), ("级别", 8), ("所在区县", 10),
                  ("管理单位", 28), ("简称", 24)],
                 [[z.id, z.jurisdiction, z.name, z.level.label, z.district, z.unit or "",
                   z.aliases] for z in found],
                 [z.to_dict() for z in found], footer=f"共 {len(found)} 个园区"),
         chosen(fmt, as_json), no_bom=no_bom)
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
def add(name: str, zone: str, jurisdiction: str | None, unit: str | None, investor: str,
        industry: str, leader: str, contact: str, content: str, total: str | None,
        annual: str | None, annual_year: int | None, stage: str | None, plans: tuple[str, ...],
        dates: tuple[str, ...], task: int | None, actor: str, today: str | None,
        db: str | None) -> int:
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
        check_place(ledger, jurisdiction)
        if jurisdiction is None:  # the zone says where (NotFound when it is not registered)
            draft = _with(draft, ledger.projects.zone(None, zone).jurisdiction)
        p = ledger.projects.add(draft, actor=actor, today=day)
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
@output_options
def list_(zone: str | None, unit: str | None, stages: tuple[str, ...], light: str | None,
          industry: str | None, query: str | None, jurisdiction: str | None, year: int | None,
          limit: int | None, today: str | None, db: str | None, fmt: str, no_bom: bool,
          as_json: bool) -> int:
    """列出项目（带亮灯），可按园区、单位、阶段、亮灯、行业筛选。"""
    from taizhang.ledger.model import Light

    day = resolve_today(today)
    if limit is not None and limit < 1:
        raise InputError(f"--limit {limit} 不是正整数", hint="如 --limit 20")
    chosen_stages = [parse_stage(s) for s in stages] or None
    lit = enum_value(Light, light, "亮灯")
    with open_ledger(db) as ledger:
        check_place(ledger, jurisdiction)
        reg = ledger.projects
        filters = {"jurisdiction": jurisdiction, "zone": zone, "unit": unit,
                   "stages": chosen_stages, "industry": industry, "query": query}
        # a light is worked out per project, not stored: with one, list them all and count
        found = reg.list_projects(today=day, year=year, light=lit,
                                  limit=None if lit else limit, **filters)
        total = len(found) if lit or limit is None else reg.count_projects(**filters)
    fmt = chosen(fmt, as_json)
    emit(projects_listing(found[:limit] if limit else found, total, fmt), fmt, no_bom=no_bom)
    return 0


list_.name = "list"


@projects.command("show")
@click.argument("project", type=int)
@today_option
@db_option
@output_options
def show(project: int, today: str | None, db: str | None, fmt: str, no_bom: bool,
         as_json: bool) -> int:
    """一个项目的全貌：阶段（计划与实际）、月报、受阻问题、亮灯原因。"""
    from taizhang.projects.model import STAGES

    day = resolve_today(today)
    with open_ledger(db) as ledger:
        reg = ledger.projects
        p = reg.get(project, today=day)
        reports = reg.reports(project)
        blockers = reg.blockers(project_id=project)
    stages = Listing([("阶段", 8), ("计划", 10), ("实际", 10)],
                     [[st.label + ("（当前）" if st is p.stage else ""), day_text(p.planned(st)),
                       day_text(p.actual(st))] for st in STAGES], None, title=f"项目 {p.id} {p.name}：阶段")
    monthly = Listing([("月份", 8), ("本月完成", 10), ("累计完成", 10), ("形象进度", 16),
                       ("进展情况", 30), ("存在问题", 20), ("报送单位", 20)],
                      [[r.month.isoformat()[:7], money(r.invest), money(r.total), r.image, r.text,
                        r.problems, r.unit] for r in reports], None, title="月报")
    problems = Listing([("编号", 16), ("问题", 24), ("层级", 6), ("状态", 6), ("解决单位", 22),
                        ("时限", 10)],
                       [[b.number, b.title, b.level.label, b.state.label, b.unit,
                         b.reply_due.isoformat()] for b in blockers], None, title="受阻问题")
    stages.payload = {"project": p.to_dict(), "reports": [r.to_dict() for r in reports],
                      "blockers": [b.to_dict() for b in blockers]}
    stages.more = [monthly, problems]
    stages.text = lambda: _show_text(p, reports, blockers)
    emit(stages, chosen(fmt, as_json), no_bom=no_bom)
    return 0


def _show_text(p: Any, reports: list[Any], blockers: list[Any]) -> str:
    from taizhang.cli.ledger_table import cell
    from taizhang.projects.model import STAGES

    light = f"{p.light.label}（{'；'.join(p.light_reasons)}）" if p.light and p.light_reasons \
        else (p.light.label if p.light else "")
    lines = [f"项目 {p.id}：{p.name}  第 {p.version} 版  {light}"]
    for label, value in (("所在园区", p.zone), ("责任单位", p.unit), ("投资主体", p.investor),
                         ("所属行业", p.industry), ("包保领导", p.leader), ("专人", p.contact),
                         ("总投资", p.total_text or money(p.total)),
                         ("年度计划投资", f"{p.annual_text or money(p.annual)}（{p.annual_year}年）"
                          if p.annual else ""),
                         ("累计完成投资", money(p.completed)), ("本年完成投资", money(p.year_done)),
                         ("建设内容", p.content), ("备注", p.notes),
                         ("关联任务", str(p.task_id) if p.task_id else "")):
        if value:
            lines.append(f"  {label}：{value}")
    lines.append(f"  {cell('阶段', 10)}{cell('计划', 12)}实际")
    for st in STAGES:
        mark = "▶" if st is p.stage else " "
        lines.append(f"{mark} {cell(st.label, 10)}{cell(day_text(p.planned(st)), 12)}"
                     f"{day_text(p.actual(st))}")
    for r in reports:
        lines.append(f"  月报 {r.month.year}年{r.month.month}月：本月 {money(r.invest)}，累计 "
                     f"{money(r.total)}{'，' + r.image if r.image else ''}"
                     f"{'，' + r.text if r.text else ''}（{r.unit}）")
    for b in blockers:
        lines.append(f"  {b.number} {b.title}  {b.level.label}协调  {b.state.label}  "
                     f"时限 {b.reply_due.isoformat()}")
    return "\n".join(lines) + "\n"


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


@projects.command("history")
@click.argument("project", type=int)
@db_option
@output_options
def history(project: int, db: str | None, fmt: str, no_bom: bool, as_json: bool) -> int:
    """项目的全程留痕（登记、阶段、月报、受阻问题的每一步）。"""
    from taizhang.projects.trail import ACTIONS, line

    with open_ledger(db) as ledger:
        entries = ledger.projects.history(project)
    rows = [[f"{e.at:%Y-%m-%d %H:%M}", e.actor, ACTIONS.get(e.action, "其他操作"),
             line(e.action, e.before, e.after)] for e in entries]

    def text() -> str:
        return "".join(f"{at}  {actor}  {action}  {change}\n" for at, actor, action, change in rows) \
            + f"共 {len(entries)} 条记录\n"

    emit(Listing([("时间", 16), ("操作人", 14), ("操作", 10), ("内容", 60)], rows,
                 [e.to_dict() for e in entries], footer=f"共 {len(entries)} 条记录", text=text),
         chosen(fmt, as_json), no_bom=no_bom)
    return 0


def _register_more() -> None:
    from taizhang.cli.projects_blocker_cmd import blocker
    from taizhang.cli.projects_files_cmd import export, import_, stats, weights

    for command in (import_, export, stats, weights, blocker):
        projects.add_command(command)


_register_more()
