"""Units (list, alias, merge), an item's history, and the stats of a jurisdiction."""
from __future__ import annotations

from typing import Any

import click

from taizhang.cli.ledger_common import (
    OFFICE_ACTOR, check_place, chosen, db_option, no_gc, open_ledger, open_reader_or_none,
    output_options, resolve_today, today_option,
)
from taizhang.cli.output import Listing, emit


# audit action code → how the history reads it
ACTIONS = {
    "item.create": "立项", "item.revise": "随新版本更新", "item.report": "报送进展",
    "item.status": "变更状态", "item.correct": "更正", "duban.issue": "发出督办",
    "duban.escalate": "督办升级", "duban.answer": "回复督办", "duban.close": "督办办结",
    "document.ingest": "导入文件", "document.publish": "发布文件", "unit.create": "新增单位",
    "unit.alias": "添加别名", "unit.merge": "合并单位", "link.confirm": "确认只报一次关联",
    "link.remove": "撤销关联", "link.report": "关联同步报送", "user.create": "新建用户",
    "user.password": "重设密码", "document.jurisdiction": "更正所属地区",
    "document.file": "补存原件",
}


# units ----------------------------------------------------------------------------------------

@click.group(invoke_without_command=True)
@click.option("--jurisdiction", default=None, help="只列这个地区的单位")
@click.option("--merged", is_flag=True, help="也列出已合并的单位")
@db_option
@output_options
@click.pass_context
def units(ctx: click.Context, jurisdiction: str | None, merged: bool, db: str | None,
          fmt: str, no_bom: bool, as_json: bool) -> int:
    """单位名录（按地区区分）：列出、加别名（alias）、合并（merge）。"""
    if ctx.invoked_subcommand is not None:
        return 0
    with open_ledger(db) as ledger:
        check_place(ledger, jurisdiction)
        found = ledger.list_units(jurisdiction=jurisdiction, include_merged=merged)
    cols = [("编号", 6), ("地区", 10), ("单位", 30), ("别名", 40)]
    rows = [[str(u.id), u.jurisdiction, u.name + (f"（已并入 {u.merged_into}）" if u.merged_into
                                                   else ""), "、".join(u.aliases)] for u in found]
    emit(Listing(cols, rows, [u.to_dict() for u in found], footer=f"共 {len(found)} 个单位"),
         chosen(fmt, as_json), no_bom=no_bom)
    return 0


@units.command("alias")
@click.argument("alias")
@click.argument("unit")
@click.option("--jurisdiction", default=None, help="地区（单位重名时必填）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def units_alias(alias: str, unit: str, jurisdiction: str | None, actor: str,
                db: str | None) -> int:
    """给单位加一个别名：taizhang units alias 市发改局 市发展改革委 --jurisdiction 沈阳市"""
    with open_ledger(db) as ledger:
        u = ledger.add_alias(jurisdiction, alias, unit, actor=actor)
    click.echo(f"已添加：{u.jurisdiction} {u.name} 的别名现为 {'、'.join(u.aliases)}")
    return 0


@units.command("merge")
@click.argument("source")
@click.argument("into")
@click.option("--jurisdiction", default=None, help="地区（单位重名时必填）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def units_merge(source: str, into: str, jurisdiction: str | None, actor: str,
                db: str | None) -> int:
    """把 SOURCE 并入 INTO：任务转给后者，旧名继续可用。"""
    with open_ledger(db) as ledger:
        u = ledger.merge_units(jurisdiction, source, into, actor=actor)
    click.echo(f"已合并：{source} → {u.jurisdiction} {u.name}")
    return 0


# history, stats -------------------------------------------------------------------------------

# audit keys worth showing, in Chinese; the rest (ids, versions) stays in --format json
FIELDS = {"status": "状态", "percent": "进度", "step": "环节", "unit": "单位", "text": "进展",
          "occurrence": "报送期", "number": "文号", "level": "级别", "reason": "事由",
          "reply_due": "回复时限", "reply_text": "回复", "state": "督办状态", "task_key": "序号",
          "lead": "牵头", "support": "配合", "due": "时限", "title": "任务", "note": "说明",
          "leaders": "责任领导", "rrule": "周期"}
# actions on the task itself (立项, a new version, a correction): their ``text`` is the task's
# wording, not a progress report
TASK_ACTIONS = frozenset({"item.create", "item.revise", "item.correct"})
TASK_FIELDS = {**FIELDS, "text": "任务内容"}


def _label(key: str, value: Any) -> Any:
    from taizhang.ledger.model import DubanLevel, DubanState, Status
    from taizhang.wording import recurrence_text

    kinds = {"status": Status, "level": DubanLevel, "state": DubanState}
    if key in kinds and isinstance(value, str):
        return kinds[key](value).label
    if key == "rrule" and isinstance(value, str):
        return recurrence_text(value)
    if isinstance(value, list):
        return "、".join(map(str, value))
    return value


def _change(action: str, before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    names = TASK_FIELDS if action in TASK_ACTIONS else FIELDS
    parts = []
    for key, value in (after or {}).items():
        if key not in names or value in (None, "", []):
            continue
        new, old = _label(key, value), _label(key, (before or {}).get(key))
        parts.append(f"{names[key]} {old} → {new}" if old not in (None, "", new)
                     else f"{names[key]} {new}")
    return "；".join(parts)


@click.command()
@click.argument("item", type=int)
@db_option
@output_options
def history(item: int, db: str | None, fmt: str, no_bom: bool, as_json: bool) -> int:
    """一项任务的全部留痕：谁、何时、做了什么、改前改后。"""
    with open_ledger(db) as ledger:
        entries = ledger.history(item)
    rows = [[f"{e.at:%Y-%m-%d %H:%M}", e.actor, ACTIONS.get(e.action, e.action),
             _change(e.action, e.before, e.after)] for e in entries]

    def text() -> str:
        return "".join(f"{at}  {actor}  {action}  {change}\n" for at, actor, action, change in rows) \
            + f"共 {len(entries)} 条记录\n"

    emit(Listing([("时间", 16), ("操作人", 14), ("操作", 8), ("内容", 60)], rows,
                 [e.to_dict() for e in entries], text=text), chosen(fmt, as_json), no_bom=no_bom)
    return 0


@click.command()
@click.option("--jurisdiction", default=None, help="只统计这个地区")
@today_option
@db_option
@output_options
def stats(jurisdiction: str | None, today: str | None, db: str | None, fmt: str, no_bom: bool,
          as_json: bool) -> int:
    """按单位统计：牵头/配合任务数、已完成、超期、按时完成率、红黄灯。"""
    from taizhang.store.unit_stats import unit_stats

    day = resolve_today(today)
    found = None
    with no_gc():
        # an SQLite file: the read-only listing of `tasks` (no SQLAlchemy), counted alike
        with open_reader_or_none(db) as reader:
            if reader is not None:
                check_place(reader, jurisdiction)
                found = unit_stats(reader.list_items(today=day, jurisdiction=jurisdiction,
                                                     texts=False), day)
        if found is None:
            with open_ledger(db) as ledger:
                check_place(ledger, jurisdiction)
                found = ledger.stats(today=day, jurisdiction=jurisdiction)
    cols = [("地区", 8), ("单位", 26), ("牵头", 5), ("配合", 5), ("完成", 5), ("超期", 5),
            ("按时率", 7), ("红灯", 5), ("黄灯", 5)]
    rows = [[u.jurisdiction, u.unit, str(u.lead), str(u.support), str(u.done), str(u.overdue),
             f"{u.on_time_rate:.0%}" if u.on_time_rate is not None else "—", str(u.red),
             str(u.yellow)] for u in found]
    emit(Listing(cols, rows, [u.to_dict() for u in found], footer=f"共 {len(found)} 个单位"),
         chosen(fmt, as_json), no_bom=no_bom)
    return 0
