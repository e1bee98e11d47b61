"""``taizhang projects blocker``: 受阻问题 — 分级解决、编号管理、全程督办.

Raise one on a project (numbered 问题〔2026〕12号), reply and solve as the unit, 销号 as the
office; ``escalate`` without a number lifts every blocker whose deadline passed unsolved, one
level per deadline missed (园区 → 区县 → 市级 → 市领导) — run it with ``--today`` to see the
ladder move.
"""
from __future__ import annotations

from typing import Any

import click

from taizhang.cli.ledger_common import (
    OFFICE_ACTOR, db_option, enum_value, open_ledger, parse_date,
    resolve_today, today_option,
)
from taizhang.cli.output import Listing, chosen, emit, output_options


def line(b: Any) -> str:
    return (f"{b.number}  项目 {b.project_id} {b.project_name}  {b.title}  {b.level.label}协调  "
            f"{b.state.label}  解决单位 {b.unit}  时限 {b.reply_due.isoformat()}")


@click.group()
def blocker() -> None:
    """受阻问题：编号管理（问题〔2026〕12号）、分级解决（园区 → 区县 → 市级 → 市领导）、全程督办。"""


@blocker.command("raise")
@click.argument("project", type=int)
@click.argument("title")
@click.option("--detail", default="", help="详细情况")
@click.option("--unit", default=None, help="负责解决的单位（园区层级默认园区管委会）")
@click.option("--by-unit", default=None, help="以项目责任单位身份提出（不给则以督查室身份）")
@click.option("--level", default="园区", show_default=True, help="协调层级：园区、区县、市级、市领导")
@click.option("--reply-due", default=None, metavar="YYYY-MM-DD",
              help="解决时限（默认按层级：园区 15 天、区县 10 天、市级 7 天、市领导 5 天）")
@click.option("--actor", default=None, help="记入留痕的操作人")
@today_option
@db_option
def raise_(project: int, title: str, detail: str, unit: str | None, by_unit: str | None,
           level: str, reply_due: str | None, actor: str | None, today: str | None,
           db: str | None) -> int:
    """为项目提出一个受阻问题，按年度编号。"""
    from taizhang.projects.model import BlockerLevel

    with open_ledger(db) as ledger:
        b = ledger.projects.raise_blocker(
            project, title, actor=actor or f"cli:{by_unit or '督查室'}", today=resolve_today(today),
            detail=detail, unit=unit, by_unit=by_unit,
            level=enum_value(BlockerLevel, level, "协调层级"),
            reply_due=parse_date(reply_due, "解决时限"))
    click.echo(f"已登记 {line(b)}")
    return 0


raise_.name = "raise"


@blocker.command("reply")
@click.argument("number")
@click.option("--text", required=True, help="回复：已采取的措施和进展")
@click.option("--unit", default=None, help="回复单位（解决单位或项目责任单位；不给则以督查室身份）")
@click.option("--actor", default=None, help="记入留痕的操作人")
@db_option
def reply(number: str, text: str, unit: str | None, actor: str | None, db: str | None) -> int:
    """回复受阻问题的办理情况。NUMBER 为编号或文号。"""
    with open_ledger(db) as ledger:
        b = ledger.projects.reply_blocker(number, text, actor=actor or f"cli:{unit or '督查室'}",
                                          unit=unit)
    click.echo(f"已回复 {line(b)}")
    return 0


@blocker.command("solve")
@click.argument("number")
@click.option("--solution", required=True, help="解决情况")
@click.option("--unit", default=None, help="以解决单位或项目责任单位身份办结")
@click.option("--actor", default=None, help="记入留痕的操作人")
@today_option
@db_option
def solve(number: str, solution: str, unit: str | None, actor: str | None, today: str | None,
          db: str | None) -> int:
    """登记问题已解决（之后由督查室销号）。"""
    with open_ledger(db) as ledger:
        b = ledger.projects.solve_blocker(number, solution, actor=actor or f"cli:{unit or '督查室'}",
                                          today=resolve_today(today), unit=unit)
    click.echo(f"已解决 {line(b)}")
    return 0


@blocker.command("close")
@click.argument("number")
@click.option("--note", default="", help="销号说明")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@today_option
@db_option
def close(number: str, note: str, actor: str, today: str | None, db: str | None) -> int:
    """销号：督查室核实问题已解决后销号，留痕可查。"""
    with open_ledger(db) as ledger:
        b = ledger.projects.close_blocker(number, actor=actor, today=resolve_today(today),
                                          note=note)
    click.echo(f"已销号 {line(b)}")
    return 0


@blocker.command("reopen")
@click.argument("number")
@click.option("--reason", required=True, help="退回理由")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@today_option
@db_option
def reopen(number: str, reason: str, actor: str, today: str | None, db: str | None) -> int:
    """退回：问题并未真正解决，重新计时。"""
    with open_ledger(db) as ledger:
        b = ledger.projects.reopen_blocker(number, actor=actor, today=resolve_today(today),
                                           reason=reason)
    click.echo(f"已退回 {line(b)}")
    return 0


@blocker.command("escalate")
@click.argument("number", required=False)
@click.option("--unit", default=None, help="升级后负责解决的单位（只用于单个问题）")
@click.option("--reason", default="", help="升级理由")
@click.option("--reply-due", default=None, metavar="YYYY-MM-DD", help="新的解决时限（只用于单个问题）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@today_option
@db_option
def escalate(number: str | None, unit: str | None, reason: str, reply_due: str | None,
             actor: str, today: str | None, db: str | None) -> int:
    """升级：不给编号时，把逾期未解决的问题按错过的时限逐级升级；给编号时只升一级。"""
    day = resolve_today(today)
    with open_ledger(db) as ledger:
        reg = ledger.projects
        if number:
            b = reg.escalate_blocker(number, actor=actor, today=day, unit=unit, reason=reason,
                                     reply_due=parse_date(reply_due, "解决时限"))
            click.echo(f"已升级 {line(b)}")
            return 0
        done = reg.escalate_due(actor=actor, today=day)
    for b, steps in done:
        ladder = " → ".join([steps[0].source.label, *(s.target.label for s in steps)])
        click.echo(f"已升级 {b.number}（{ladder}，{steps[-1].on.isoformat()} 起由{b.level.label}协调，"
                   f"时限 {b.reply_due.isoformat()}）")
    click.echo(f"按 {day.isoformat()} 检查：升级 {len(done)} 个逾期问题")
    return 0


@blocker.command("list")
@click.option("--project", type=int, default=None, help="只列这个项目的问题")
@click.option("--state", default=None, help="状态：待解决、已回复、已解决、已销号")
@click.option("--open", "only_open", is_flag=True, help="只列未解决的（待解决、已回复）")
@click.option("--year", type=int, default=None, help="年度")
@click.option("--overdue", is_flag=True, help="只列逾期未解决的（按 --today）")
@today_option
@db_option
@output_options
def list_(project: int | None, state: str | None, only_open: bool, year: int | None,
          overdue: bool, today: str | None, db: str | None, fmt: str, no_bom: bool,
          as_json: bool) -> int:
    """列出受阻问题。"""
    from taizhang.projects.model import UNSOLVED, BlockerState

    states = None
    if state:
        states = frozenset({enum_value(BlockerState, state, "状态")})
    elif only_open:
        states = UNSOLVED
    day = resolve_today(today)
    with open_ledger(db) as ledger:
        if project is not None:
            ledger.projects.get(project)  # NotFound for a project that is not there
        found = ledger.projects.blockers(project_id=project, states=states, year=year,
                                         overdue_on=day if overdue else None)
    emit(Listing([("编号", 16), ("项目", 24), ("问题", 24), ("层级", 6), ("状态", 6),
                  ("解决单位", 22), ("时限", 10), ("天数", 4)],
                 [[b.number, b.project_name, b.title, b.level.label, b.state.label, b.unit,
                   b.reply_due.isoformat(), b.age(day)] for b in found],
                 [b.to_dict() for b in found], footer=f"共 {len(found)} 个受阻问题"),
         chosen(fmt, as_json), no_bom=no_bom)
    return 0


list_.name = "list"
