"""``export``, ``import-progress``, ``import-sheet``: the ledger out as office files and back in.

Thin: pick the items from the store, hand them to a writer in :mod:`taizhang.exports`, write the
file atomically and readable as the umask says (:mod:`taizhang.cli.files`). Every filter that
names something (unit, document, place) must name something that exists. Heavy modules
(openpyxl, python-docx, icalendar, the store) are imported inside the commands.
"""
from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from taizhang.cli.files import atomic_write
from taizhang.cli.ledger_common import (
    OFFICE_ACTOR, check_place, db_option, open_ledger, resolve_today, today_option,
)
from taizhang.errors import InputError

FORMATS = ("xlsx", "ics", "csv", "json", "md", "report", "notice", "gold")
_TEXT = {"csv", "json", "md"}


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMATS))
@click.option("-o", "--output", default=None, metavar="FILE",
              help="输出文件（默认按内容命名，写在当前目录；csv/json/md 可用 - 输出到屏幕）")
@click.option("--for-unit", "for_unit", default=None, metavar="单位",
              help="xlsx：生成该单位的填报表（只含其任务，进展/状态/百分比可填，其余锁定）")
@click.option("--by", type=click.Choice(["document", "unit"]), default="document",
              show_default=True, help="xlsx：每个文件一个工作表，或每个牵头单位一个工作表")
@click.option("--unit", default=None, metavar="单位", help="只导出该单位（牵头或配合）的任务")
@click.option("--document", default=None, metavar="文件",
              help="只导出该文件的任务（编号、发文字号或文件名）")
@click.option("--jurisdiction", default=None, metavar="地区", help="单位所属地区，如 沈阳市")
@click.option("--notice", default=None, metavar="督办编号",
              help="notice：要导出的督办通知，如 督办〔2026〕7号 或其序号")
@click.option("--month", default=None, metavar="YYYY-MM", help="report：调度月份（默认 --today 所在月）")
@click.option("--office", default=None, metavar="机关名称",
              help="docx 版头的发文机关，如 沈阳市人民政府督查室")
@click.option("--ics-kind", type=click.Choice(["todo", "event"]), default="todo",
              show_default=True, help="ics：待办（VTODO）或全天日程（VEVENT，供不显示待办的日历使用）")
@click.option("--no-bom", "no_bom", is_flag=True, help="csv 不加 BOM（交给其他程序处理时用）")
@db_option
@today_option
def export(fmt: str, output: str | None, for_unit: str | None, by: str, unit: str | None,
           document: str | None, jurisdiction: str | None, notice: str | None,
           month: str | None, office: str | None, ics_kind: str, no_bom: bool, db: str | None,
           today: str | None) -> None:
    """导出台账：xlsx 台账或填报表、ics 日历、csv/json/md 清单、report 月度调度报告、notice 督办通知单、gold 标注。

    \b
    例：taizhang export xlsx --by unit -o 台账.xlsx
        taizhang export xlsx --for-unit 市财政局
        taizhang export ics --unit 市财政局
        taizhang export report --month 2026-05
        taizhang export notice --notice 督办〔2026〕7号
        taizhang export gold --document 沈政办发〔2018〕78号 -o 标注/78号.json
    """
    day = resolve_today(today)
    if for_unit and fmt != "xlsx":
        raise InputError(f"--for-unit 只用于 xlsx 填报表（给的格式是 {fmt}）",
                         hint="去掉 --for-unit，或改用 taizhang export xlsx --for-unit 单位")
    ym = _month(month) if month else None  # a bad month is refused before anything is read
    name = output or None
    if name == "-" and fmt not in _TEXT:
        raise InputError(f"{fmt} 是二进制文件，不能输出到屏幕", hint="请用 -o 指定文件名")
    with open_ledger(db) as ledger:
        if fmt == "gold":
            _export_gold(ledger, document, output)
            return
        if fmt == "notice":
            if not notice:
                raise InputError("导出督办通知单需要 --notice", hint="例如 --notice 督办〔2026〕7号；"
                                 "taizhang duban list 可查看已发出的督办")
            got = ledger.get_duban(int(notice) if notice.isdigit() else notice)
            item = ledger.get_item(got.item_id, today=day)
            name = name or f"{got.number}.docx"
            from taizhang.exports.word import write_notice

            atomic_write(name, lambda f: write_notice(got, item, f, office=office))
            click.echo(f"已导出督办通知单 {got.number}：{name}")
            return
        check_place(ledger, jurisdiction)
        who = for_unit or unit
        items = ledger.list_items(today=day, unit=who, jurisdiction=jurisdiction,
                                  document=document)
    if not items:
        # the filters name things that exist (unknown ones were refused above), so this is
        # a real empty selection: said, and still exported as an empty sheet with its header
        what = who or (f"文件“{document}”" if document else jurisdiction) or "台账"
        click.echo(f"提示：{what}没有任务；仍导出一个空表。", err=True)
    name = name or _default_name(fmt, for_unit or unit, by, day)
    writer = _writer(fmt, items, for_unit=for_unit, by=by, day=day, month=ym, office=office,
                     title=who, ics_kind=ics_kind)
    bom = fmt == "csv" and not no_bom
    if name == "-":
        buffer = io.StringIO()
        writer(buffer)
        # the csv writer marks a stream it cannot see the encoding of; here --no-bom decides
        sys.stdout.write(("\ufeff" if bom else "") + buffer.getvalue().lstrip("\ufeff"))
        return
    atomic_write(name, writer, text=fmt in _TEXT, bom=bom)
    click.echo(f"已导出 {len(items)} 项任务：{name}")


@click.command("import-progress")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--unit", default=None, metavar="单位",
              help="以该单位身份导入（默认取填报表里的单位；台账总表不填则代各牵头单位导入）")
@click.option("--sheet", default=None, metavar="工作表", help="只导入这个工作表")
@click.option("--dry-run", is_flag=True, help="只检查并列出将要修改的内容，不写入")
@db_option
@today_option
def import_progress(file: str, unit: str | None, sheet: str | None, dry_run: bool,
                    db: str | None, today: str | None) -> None:
    """导入填好的台账或填报表：逐行检查（编号、单位、状态流转、版本），全部无误才一次写入。"""
    from taizhang.exports.progress_import import plan_progress, read_progress_sheet

    day = resolve_today(today)
    parsed = read_progress_sheet(file, sheet=sheet)
    with open_ledger(db) as ledger:
        current = {i.id: i for i in ledger.list_items(include_drafts=True)}
        changes = plan_progress(parsed, current, unit=unit, reports=ledger.latest_reports())
        who = unit or parsed.unit
        if not changes:
            click.echo(f"{file}：{len(parsed.rows)} 行，没有需要更新的内容。")
            return
        for change in changes:
            click.echo(change.describe())
        if dry_run:
            click.echo(f"（试运行）共 {len(changes)} 项将被更新，未写入。")
            return
        actor = f"cli:{who}" if who else OFFICE_ACTOR
        ledger.apply_progress([c.update for c in changes], actor=actor, today=day)
    click.echo(f"已导入 {len(changes)} 项更新（共 {len(parsed.rows)} 行），已记入操作记录。")


@click.command("import-sheet")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--year", type=int, default=None,
              help="“6月底”这类没写年份的时限按哪一年算（默认取表格标题中的年份）")
@click.option("--sheet", default=None, metavar="工作表", help="读取这个工作表（默认第一个）")
@click.option("--jurisdiction", default=None, metavar="地区",
              help="表中单位所属地区，如 沈阳市（表格里看不出地区时使用；看不出又未指定时记为“未确定”）")
@click.option("--draft", is_flag=True, help="先存为草稿，审核后再 taizhang publish")
@click.option("--dry-run", is_flag=True, help="只列出识别出的任务，不写入台账")
@click.option("--create", is_flag=True, help="数据库还不存在时新建（默认只导入已有的台账）")
@db_option
def import_sheet(file: str, year: int | None, sheet: str | None, jurisdiction: str | None,
                 draft: bool, dry_run: bool, create: bool, db: str | None) -> None:
    """导入各单位自制的任务分解表：识别中文表头和各种写法的时限，生成台账任务。"""
    from taizhang.exports.sheet_import import read_office_sheet
    from taizhang.wording import display_title, recurrence_text

    doc = read_office_sheet(file, year=year, sheet=sheet)
    for task in doc.tasks:
        due = "、".join(d.due or recurrence_text(d.rrule) or d.text for d in task.deadlines) \
            or "（未写，按规划期末）"
        click.echo(f"{task.key}\t{task.title[:30]}\t牵头：{'、'.join(task.lead) or '无'}\t时限：{due}")
    if dry_run:
        click.echo(f"（试运行）识别出 {len(doc.tasks)} 项任务，未写入。")
        return
    with open_ledger(db, create=create) as ledger:
        result = ledger.ingest(doc, actor=OFFICE_ACTOR, jurisdiction=jurisdiction, draft=draft)
    words = {"new": "新导入", "unchanged": "与已有版本相同，未改动", "new_version": "作为新版本导入"}
    click.echo(f"{file}（{display_title(doc.title, doc.doc_number)}）："
               f"{words.get(result.outcome, result.outcome)}，"
               f"{len(doc.tasks)} 项任务（文件编号 {result.document.id}）。")
    for warning in result.warnings:  # the sheet's own place differs from --jurisdiction, or none
        click.echo(f"提示：{warning}", err=True)


def _writer(fmt: str, items: list[Any], *, for_unit: str | None, by: str, day: dt.date,
            month: tuple[int, int] | None, office: str | None, title: str | None,
            ics_kind: str) -> Callable[[Any], None]:
    if fmt == "xlsx":
        from taizhang.exports.xlsx import write_fillin, write_ledger

        if for_unit:
            return lambda f: write_fillin(items, f, unit=for_unit, today=day)
        return lambda f: write_ledger(items, f, by=by, today=day)
    if fmt == "ics":
        from taizhang.exports.ics import write_ics

        stamp = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        return lambda f: write_ics(items, f, name=f"{title or '台账'}任务时限", stamp=stamp,
                                   kind=ics_kind)
    if fmt == "report":
        from taizhang.exports.word import DEFAULT_OFFICE, write_monthly_report

        return lambda f: write_monthly_report(items, f, today=day, month=month,
                                              office=office or DEFAULT_OFFICE)
    from taizhang.exports import listing

    write = {"csv": listing.write_csv, "json": listing.write_json, "md": listing.write_markdown}
    return lambda f: write[fmt](items, f)


def _month(value: str) -> tuple[int, int]:
    try:
        year, month = (int(x) for x in value.replace("年", "-").rstrip("月").split("-")[:2])
        dt.date(year, month, 1)
    except ValueError:
        raise InputError(f"月份“{value}”无法识别", hint="请写成 YYYY-MM，例如 2026-05") from None
    return year, month


def _default_name(fmt: str, unit: str | None, by: str, day: dt.date) -> str:
    stem = {"xlsx": "台账", "ics": "任务时限", "csv": "台账", "json": "台账", "md": "台账",
            "report": f"{day.year}年{day.month}月调度报告"}[fmt]
    if fmt == "xlsx" and unit:
        stem = "填报表"
    elif fmt == "xlsx" and by == "unit":
        stem = "台账（按单位）"
    ext = {"report": "docx", "md": "md"}.get(fmt, fmt)
    return f"{unit + '_' if unit else ''}{stem}_{day.isoformat()}.{ext}"


def _export_gold(ledger: Any, document: str | None, output: str | None) -> None:
    """gold: a reviewed document as the office's own test case — its gold file and its text beside
    it, ready for taizhang evaluate."""
    import json

    from taizhang.exports.gold import gold

    if not document:
        raise InputError("导出标注需要 --document", hint="例如 --document 沈政办发〔2018〕78号；"
                         "taizhang documents 可查看全部文件")
    record = ledger.get_document(int(document) if document.isdigit() else document)
    items = ledger.list_items(document=record.id, include_drafts=True)
    target = Path(output or f"{Path(record.source).stem}.json")
    text_name = f"{target.stem}.txt"
    answer = gold(record, ledger.document_parse(record.id), items, source=text_name)
    text = ledger.document_text(record.id)
    atomic_write(target.with_name(text_name), lambda f: f.write(text), text=True)
    atomic_write(target, lambda f: f.write(json.dumps(answer, ensure_ascii=False, indent=2) + "\n"), text=True)
    click.echo(f"已导出标注：{target}（{len(answer['tasks'])} 项任务）和原文 {target.with_name(text_name)}；"
               f"用 taizhang evaluate {target.parent or '.'} {target.parent or '.'} 打分")


__all__ = ["export", "import_progress", "import_sheet"]
