"""Following the work: report, status, and the 督办 group (issue, escalate, answer, close, list)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from taizhang.cli.ledger_common import (
    OFFICE_ACTOR, chosen, db_option, enum_value, open_ledger, output_options, parse_date,
    resolve_today, today_option,
)
from taizhang.cli.output import Listing, emit
from taizhang.errors import InputError


@click.command()
@click.argument("item", type=int)
@click.option("--unit", required=True, help="报送单位（须是该任务的牵头或配合单位）")
@click.option("--percent", type=int, default=None, help="完成进度 0–100（不填沿用上次）")
@click.option("--text", default=None, help="进展情况（不填沿用上次）")
@click.option("--problems", default=None, help="存在问题")
@click.option("--next", "next_steps", default=None, help="下步计划")
@click.option("--status", "status", default=None,
              help="新状态或办理环节，如 已完成、办结（牵头单位才能改状态）")
@click.option("--evidence", multiple=True, type=click.Path(), help="佐证材料文件，可多次给出")
@click.option("--occurrence", default=None, metavar="YYYY-MM-DD",
              help="周期任务的报送期（默认最早一期未报的）")
@click.option("--version", "expected", type=int, default=None,
              help="您看到的任务版本号；若已被他人修改则拒绝保存")
@click.option("--actor", default=None, help="记入留痕的操作人（默认 cli:<单位>）")
@today_option
@db_option
def report(item: int, unit: str, percent: int | None, text: str | None, problems: str | None,
           next_steps: str | None, status: str | None, evidence: tuple[str, ...],
           occurrence: str | None, expected: int | None, actor: str | None, today: str | None,
           db: str | None) -> int:
    """以责任单位身份报送一项任务的进展（未填的内容沿用上次报送）。

    该单位已确认“只报一次”关联的事项，同一份报送一并记入（taizhang links）。
    """
    day = resolve_today(today)
    new_status = status_value(status)
    occ = parse_date(occurrence, "--occurrence")
    copies = _evidence_targets(item, evidence)
    with open_ledger(db) as ledger:
        # through store.links, as the web form: one transaction for this item and the items
        # confirmed as the same work for this unit; the item comes back with its light
        done = ledger.report_linked(
            item, unit=unit, actor=actor or f"cli:{unit}", today=day, status=new_status,
            percent=percent, text=text, problems=problems, next_steps=next_steps,
            evidence=tuple(str(t) for _, t in copies), occurrence=occ,
            expected_version=expected)
    _copy_evidence(copies)  # only once the report is saved: a refused report leaves no files
    r, current = done.reports[0], done.item
    period = f"（{r.occurrence.isoformat()} 期）" if r.occurrence else ""
    click.echo(f"已报送：任务 {item}{period} {r.unit}：{r.status.label}，进度 {r.percent}%"
               f"{'，' + r.text if r.text else ''}")
    click.echo(f"任务 {item} 现为第 {current.version} 版，"
               f"{current.light.label if current.light else ''}")
    if done.linked:
        synced = "、".join(f"任务 {x.item_id}（{x.status.label}，进度 {x.percent}%）"
                           for x in done.linked)
        click.echo(f"已同步到关联事项（只报一次）：{synced}")
    return 0


def _evidence_targets(item: int, paths: Sequence[str]) -> list[tuple[Any, Any]]:
    """Where each evidence file will be kept; every file is checked before anything is saved."""
    import hashlib
    from pathlib import Path

    from taizhang.config import Settings
    from taizhang.errors import FileUnreadable

    folder = Settings.from_env().evidence_dir / str(item)
    out = []
    for p in paths:
        f = Path(p)
        if not f.is_file():
            raise FileUnreadable(str(f), "佐证材料文件不存在", hint="请检查路径；本次报送未保存")
        digest = hashlib.sha256(f.read_bytes()).hexdigest()[:12]
        out.append((f, folder / f"{digest}-{f.name}"))
    return out


def _copy_evidence(copies: Sequence[tuple[Any, Any]]) -> None:
    import shutil

    for source, target in copies:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def _steps_help() -> str:
    """The steps NEW_STATUS accepts, from the workflow table itself: the help cannot promise a
    word the command refuses."""
    from taizhang.ledger.model import Status
    from taizhang.ledger.workflow import STEP_TARGETS

    steps = [f"{step}（→{status.label}）" for step, status in STEP_TARGETS.items()]
    lines = ["NEW_STATUS 可写办理环节："] + ["  " + "、".join(steps[i:i + 4])
                                          for i in range(0, len(steps), 4)]
    lines += [f"也可写状态本身：{'、'.join(s.label for s in Status)}。",
              "哪些变更允许、由谁办理，见流转规则（docs/ledger.md）。"]
    return "\b\n" + "\n".join(lines)  # \b: click keeps these lines as written


@click.command(epilog=_steps_help())
@click.argument("item", type=int)
@click.argument("new_status")
@click.option("--unit", default=None, help="以牵头单位身份变更（不给则以督查室身份）")
@click.option("--note", default="", help="说明，记入留痕")
@click.option("--version", "expected", type=int, default=None, help="您看到的任务版本号")
@click.option("--actor", default=None, help="记入留痕的操作人")
@today_option
@db_option
def status(item: int, new_status: str, unit: str | None, note: str, expected: int | None,
           actor: str | None, today: str | None, db: str | None) -> int:
    """按流转规则变更任务状态：签收、办结、销号、暂缓、退回…，或直接写目标状态。"""
    target = status_value(new_status)
    with open_ledger(db) as ledger:
        before = ledger.get_item(item)
        after = ledger.set_status(item, target, actor=actor or f"cli:{unit or '督查室'}",
                                  unit=unit, expected_version=expected, note=note,
                                  today=resolve_today(today))
    click.echo(f"任务 {item}：{before.status.label} → {after.status.label}（第 {after.version} 版）")
    return 0


def status_value(word: str | None) -> Any:
    """A status given on the command line, as a status (推进中) or the step that leads to it
    (办结 → 已完成); None for none; unknown → InputError with the closest words."""
    from taizhang.ledger.model import Status
    from taizhang.ledger.names import closest
    from taizhang.ledger.workflow import STEP_TARGETS, target_status

    if word is None:
        return None
    try:
        return target_status(word)
    except ValueError:
        near = closest(word, list(STEP_TARGETS) + [s.label for s in Status])
        guess = f"是不是：{'、'.join(near)}？" if near else ""
        raise InputError(f"状态“{word}”无法识别",
                         hint=f"{guess}可写办理环节（{'、'.join(STEP_TARGETS)}）"
                              f"或状态（{'、'.join(s.label for s in Status)}）") from None


# 督办 -----------------------------------------------------------------------------------------

@click.group()
def duban() -> None:
    """督办：对滞后任务发出编号督办通知（提醒 → 督办 → 挂牌督办），跟踪回复。"""


def _notice_line(n: Any) -> str:
    due = n.reply_due.isoformat() if n.reply_due else "—"
    return (f"{n.number}  任务 {n.item_id}  {n.level.label}  {n.state.label}  回复时限 {due}"
            + (f"  回复：{n.reply_text}" if n.reply_text else ""))


@duban.command("issue")
@click.argument("item", type=int)
@click.option("--level", default="提醒", show_default=True, help="级别：提醒、督办、挂牌督办")
@click.option("--reason", default="", help="督办事由")
@click.option("--reply-due", default=None, metavar="YYYY-MM-DD", help="回复时限（默认按级别 7/5/3 天）")
@click.option("--force", is_flag=True, help="任务为绿灯（进度正常）时也发出（须用 --reason 写明事由）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@today_option
@db_option
def duban_issue(item: int, level: str, reason: str, reply_due: str | None, force: bool,
                actor: str, today: str | None, db: str | None) -> int:
    """对一项滞后任务（黄灯、红灯）发出督办通知，按年度编号（督办〔2026〕7号）。

    亮灯按 --today 计算；绿灯的任务一般无需督办，确需督办时加 --force 并写明事由。
    """
    from taizhang.ledger.model import DubanLevel

    if force and not reason.strip():
        raise InputError("对绿灯任务强制督办须写明事由", hint="请加 --reason，例如 --reason 领导批示要求加快")
    day = resolve_today(today)
    with open_ledger(db) as ledger:
        n = ledger.issue_duban(item, actor=actor, today=day, reason=reason,
                               level=enum_value(DubanLevel, level, "督办级别"),
                               reply_due=parse_date(reply_due, "--reply-due"), force=force)
    click.echo(f"已发出 {_notice_line(n)}")
    return 0


@duban.command("escalate")
@click.argument("notice")
@click.option("--reason", default="", help="升级理由")
@click.option("--reply-due", default=None, metavar="YYYY-MM-DD", help="新的回复时限")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@today_option
@db_option
def duban_escalate(notice: str, reason: str, reply_due: str | None, actor: str,
                   today: str | None, db: str | None) -> int:
    """把督办升一级（提醒 → 督办 → 挂牌督办）。NOTICE 为编号或文号。"""
    with open_ledger(db) as ledger:
        n = ledger.escalate_duban(notice, actor=actor, today=resolve_today(today), reason=reason,
                                  reply_due=parse_date(reply_due, "--reply-due"))
    click.echo(f"已升级 {_notice_line(n)}")
    return 0


@duban.command("answer")
@click.argument("notice")
@click.option("--unit", required=True, help="回复单位（须是该任务的责任单位）")
@click.option("--text", required=True, help="回复内容：整改措施和进展")
@click.option("--actor", default=None, help="记入留痕的操作人（默认 cli:<单位>）")
@db_option
def duban_answer(notice: str, unit: str, text: str, actor: str | None, db: str | None) -> int:
    """责任单位回复督办通知。"""
    with open_ledger(db) as ledger:
        n = ledger.answer_duban(notice, unit=unit, text=text, actor=actor or f"cli:{unit}")
    click.echo(f"已回复 {_notice_line(n)}")
    return 0


@duban.command("close")
@click.argument("notice")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def duban_close(notice: str, actor: str, db: str | None) -> int:
    """办结督办通知。"""
    with open_ledger(db) as ledger:
        n = ledger.close_duban(notice, actor=actor)
    click.echo(f"已办结 {_notice_line(n)}")
    return 0


@duban.command("list")
@click.option("--item", type=int, default=None, help="只列这项任务的督办")
@click.option("--state", type=click.Choice(["open", "answered", "closed"]), default=None,
              help="待回复(open)、已回复(answered)、已办结(closed)")
@click.option("--year", type=int, default=None, help="年度")
@db_option
@output_options
def duban_list(item: int | None, state: str | None, year: int | None, db: str | None,
               fmt: str, no_bom: bool, as_json: bool) -> int:
    """列出督办通知。"""
    from taizhang.ledger.model import DubanState

    with open_ledger(db) as ledger:
        if item is not None:
            ledger.get_item(item)  # an id that names no task is said, not listed as nothing
        found = ledger.list_duban(item_id=item, state=DubanState(state) if state else None,
                                  year=year)
    rows = [[n.number, n.item_id, n.level.label, n.state.label,
             n.reply_due.isoformat() if n.reply_due else "—", n.reason, n.reply_text]
            for n in found]
    emit(Listing([("文号", 16), ("任务", 6), ("级别", 8), ("状态", 6), ("回复时限", 11),
                  ("事由", 24), ("回复", 24)], rows, [n.to_dict() for n in found],
                 footer=f"共 {len(found)} 份督办"), chosen(fmt, as_json), no_bom=no_bom)
    return 0
