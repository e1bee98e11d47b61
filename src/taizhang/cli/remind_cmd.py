"""``taizhang remind`` (send the day's 催办, list what was sent) and ``taizhang contacts``.

Thin: settings from the environment, the ledger from --db, the work in :mod:`taizhang.notify`.
A failed notice is recorded and makes the command exit 5, so cron mails the office about it.
"""
from __future__ import annotations

import datetime as dt
import os
import socket
import uuid
from typing import Any

import click

from taizhang.cli.ledger_common import (
    OFFICE_ACTOR,
    db_option,
    open_ledger,
    parse_date,
    resolve_today,
    today_option,
)
from taizhang.cli.output import Listing, chosen, emit, output_options
from taizhang.errors import DeliveryFailed, InputError

STATE_WORDS = {"sent": "已发送", "failed": "失败", "deferred": "推迟", "dry": "将发送"}


def _holder() -> str:
    return f"cli@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def _now(day: dt.date, at: str | None) -> dt.datetime:
    from taizhang.notify.settings import parse_clock

    clock = parse_clock(at, "--time") if at else dt.datetime.now().time()
    return dt.datetime.combine(day, clock)


def _unit_id(ledger: Any, unit: str | None, jurisdiction: str | None) -> int | None:
    return ledger.resolve_unit(jurisdiction, unit).id if unit else None


@click.group(invoke_without_command=True)
@today_option
@click.option("--time", "at", default=None, metavar="HH:MM",
              help="按这个时刻判断免打扰时段（默认现在）")
@click.option("--dry-run", is_flag=True, help="只显示将要发送的内容，不发送、不记录")
@click.option("--unit", default=None, metavar="单位", help="只给这个单位发送")
@click.option("--jurisdiction", default=None, metavar="地区", help="单位所属地区（重名时必填）")
@click.option("--no-monthly", is_flag=True, help="本次不发月度通报")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入发送记录的操作人")
@db_option
@output_options
@click.pass_context
def remind(ctx: click.Context, today: str | None, at: str | None, dry_run: bool,
           unit: str | None, jurisdiction: str | None, no_monthly: bool, actor: str,
           db: str | None, fmt: str, no_bom: bool, as_json: bool) -> int:
    """催办：按台账计算各单位今天的待办（临近时限、超期、缺报进展、督办待回复），每单位每天一条，
    经邮件或企业微信/钉钉/飞书群机器人发送；同一天重复运行不会重复发送。

    \b
    例：taizhang remind --dry-run
        taizhang remind --today 2026-03-02
        taizhang remind log --state failed
    适合每个工作日由 cron 或 systemd 定时器运行，见 docs/remind.md。
    """
    if ctx.invoked_subcommand is not None:
        return 0
    from taizhang.notify.formats import plain
    from taizhang.notify.runner import run
    from taizhang.notify.settings import NotifySettings

    day = resolve_today(today)
    now = _now(day, at)
    settings = NotifySettings.from_env()
    if not settings.base_url:
        click.echo("提示：未设置 TAIZHANG_BASE_URL（网页端地址），消息中不会有任务和填报表的链接。", err=True)
    with open_ledger(db) as ledger:
        only = _unit_id(ledger, unit, jurisdiction)
        result = run(ledger, settings, today=day, now=now, actor=actor, holder=_holder(),
                     dry_run=dry_run, only_unit=only, monthly=not no_monthly)
    fmt = chosen(fmt, as_json)
    if fmt != "table":
        emit(Listing([("结果", 6), ("单位", 16), ("渠道", 10), ("地址", 24), ("标题", 30), ("说明", 20)],
                     [[STATE_WORDS[o.state], o.notice.contact.unit or "领导通报名单", o.notice.contact.channel_label,
                       o.notice.contact.target, o.notice.message.subject, o.error or ""] for o in result.outcomes],
                     {"today": day.isoformat(), "dry_run": dry_run,
                      "units_with_entries": result.plan.digests,
                      "unreachable": [d.unit for d in result.plan.unreachable],
                      "notices": [_outcome_dict(o) for o in result.outcomes]}), fmt, no_bom=no_bom)
    else:
        for o in result.outcomes:
            n = o.notice
            who = n.contact.unit or "领导通报名单"
            line = f"{STATE_WORDS[o.state]}  {who}  {n.contact.channel_label} {n.contact.target}  " \
                   f"{n.message.subject}"
            if o.state == "failed":
                line += f"  （已尝试 {o.attempts} 次：{o.error}）"
            elif o.state == "deferred":
                line += f"  （{o.error}）"
            click.echo(line)
            if dry_run:
                click.echo(plain(n.message))
        _summary(result, day, dry_run)
    failed = result.count("failed")
    if failed:
        raise DeliveryFailed(f"{failed} 条催办发送失败，已记录",
                             hint="下次运行会自动重发；用 taizhang remind log --state failed 查看原因")
    return 0


def _outcome_dict(o: Any) -> dict[str, Any]:
    n = o.notice
    return {"state": o.state, "kind": n.kind, "unit": n.contact.unit, "contact": n.contact.to_dict(),
            "subject": n.message.subject, "attempts": o.attempts, "error": o.error,
            "keys": [k for k, _ in (o.shown or n.message).keys()] + [k for k, _ in n.keys],
            "log_id": o.log_id}


def _summary(result: Any, day: dt.date, dry_run: bool) -> None:
    plan = result.plan
    parts = [f"{day.isoformat()}：{plan.digests} 个单位有待办事项"]
    if dry_run:
        parts.append(f"试运行，将发送 {result.count('dry')} 条（未发送、未记录）")
    else:
        parts.append(f"发送 {result.count('sent')} 条，失败 {result.count('failed')} 条")
    if result.count("deferred"):
        parts.append(f"推迟 {result.count('deferred')} 条（免打扰或周末，下次运行发送）")
    if plan.unreachable:
        names = "、".join(d.unit for d in plan.unreachable[:10])
        more = " 等" if len(plan.unreachable) > 10 else ""
        parts.append(f"{len(plan.unreachable)} 个单位没有联系方式：{names}{more}"
                     "（用 taizhang contacts add 添加）")
    if not plan.notices:
        parts.append("没有需要发送的新内容")
    click.echo("；".join(parts))


@remind.command("log")
@click.option("--unit", default=None, metavar="单位", help="只看这个单位")
@click.option("--jurisdiction", default=None, metavar="地区", help="单位所属地区")
@click.option("--state", type=click.Choice(["sent", "failed"]), default=None, help="只看已发送或失败的")
@click.option("--since", default=None, metavar="YYYY-MM-DD", help="从这一天起")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 10000),
              help="最多列出多少条")
@db_option
@output_options
def remind_log(unit: str | None, jurisdiction: str | None, state: str | None,
               since: str | None, limit: int, db: str | None, fmt: str, no_bom: bool, as_json: bool) -> int:
    """已发送的催办记录（失败的排在前面）。"""
    from taizhang.store.notify import NoticeBook

    day_from = parse_date(since, "--since")
    with open_ledger(db) as ledger:
        found = NoticeBook(ledger).records(unit_id=_unit_id(ledger, unit, jurisdiction),
                                           state=state, day_from=day_from, limit=limit,
                                           with_keys=chosen(fmt, as_json) == "json")
    emit(Listing([("日期", 10), ("结果", 8), ("类别", 8), ("单位", 16), ("渠道", 14), ("地址", 24), ("标题", 30),
                  ("次数", 4), ("原因", 48)],
                 [[r.day.isoformat(), r.state_label, r.kind_label, r.unit or "领导通报名单", r.channel_label, r.target,
                   r.subject, r.attempts, r.error or ""] for r in found],
                 [r.to_dict() for r in found], footer=f"共 {len(found)} 条"), chosen(fmt, as_json), no_bom=no_bom)
    return 0


# contacts -------------------------------------------------------------------------------------

@click.group()
def contacts() -> None:
    """催办联系方式：各单位的邮箱、企业微信/钉钉/飞书群机器人，领导通报名单，及提醒设置。"""


@contacts.command("list")
@click.option("--unit", default=None, metavar="单位", help="只看这个单位")
@click.option("--jurisdiction", default=None, metavar="地区", help="单位所属地区")
@db_option
@output_options
def contacts_list(unit: str | None, jurisdiction: str | None, db: str | None, fmt: str, no_bom: bool,
                  as_json: bool) -> int:
    """列出联系方式（地址只显示部分，密钥从不显示）。"""
    from taizhang.store.notify import NoticeBook

    with open_ledger(db) as ledger:
        book = NoticeBook(ledger)
        found = book.contacts(unit_id=_unit_id(ledger, unit, jurisdiction))
        rules = book.rules()
    rows = []
    for c in found:
        rule = rules.get(c.unit_id) if c.unit_id else None
        notes = ["已设加签" if c.secret else "", "带附件" if c.attach else "",
                 f"提前{rule.days_before}天、每{rule.repeat_days}天重提" if rule else ""]
        rows.append([c.id, c.unit or "领导通报名单", c.channel_label, c.target, "，".join(n for n in notes if n)])
    emit(Listing([("编号", 4), ("单位", 16), ("渠道", 10), ("地址", 28), ("说明", 24)], rows,
                 [c.to_dict() for c in found], footer=f"共 {len(found)} 个联系方式"), chosen(fmt, as_json),
         no_bom=no_bom)
    return 0


@contacts.command("add")
@click.option("--unit", default=None, metavar="单位", help="单位名称或简称")
@click.option("--jurisdiction", default=None, metavar="地区", help="单位所属地区（重名时必填）")
@click.option("--leaders", is_flag=True, help="加入领导通报名单（月度通报），不属于任何单位")
@click.option("--email", default=None, metavar="地址", help="邮箱地址")
@click.option("--wecom", default=None, metavar="URL", help="企业微信群机器人 Webhook 地址")
@click.option("--dingtalk", default=None, metavar="URL", help="钉钉群机器人 Webhook 地址")
@click.option("--feishu", default=None, metavar="URL", help="飞书群机器人 Webhook 地址")
@click.option("--secret", default=None, metavar="密钥",
              help="钉钉加签或飞书签名校验的密钥（建议改用 --ask-secret，避免留在命令历史里）")
@click.option("--ask-secret", is_flag=True, help="提示输入密钥（不回显）")
@click.option("--attach", is_flag=True, help="邮件附上本单位填报表（领导名单附月度调度报告）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def contacts_add(unit: str | None, jurisdiction: str | None, leaders: bool, email: str | None,
                 wecom: str | None, dingtalk: str | None, feishu: str | None,
                 secret: str | None, ask_secret: bool, attach: bool, actor: str,
                 db: str | None) -> int:
    """添加联系方式：taizhang contacts add --unit 市财政局 --email czj@example.gov.cn"""
    from taizhang.notify.settings import NotifySettings
    from taizhang.store.notify import NoticeBook

    given = [(c, v) for c, v in (("email", email), ("wecom", wecom), ("dingtalk", dingtalk),
                                 ("feishu", feishu)) if v is not None]
    if len(given) != 1:
        raise InputError("请给出且只给出一种联系方式",
                         hint="--email、--wecom、--dingtalk、--feishu 选一个")
    channel, address = given[0]
    if ask_secret:
        secret = click.prompt("密钥", hide_input=True)
    settings = NotifySettings.from_env()
    with open_ledger(db) as ledger:
        made = NoticeBook(ledger).add_contact(
            channel=channel, address=address, secret=secret, unit=unit,
            jurisdiction=jurisdiction, leaders=leaders, attach=attach, actor=actor,
            extra_hosts=settings.robot_hosts)
    click.echo(f"已添加联系方式 {made.id}：{made.unit or '领导通报名单'} · {made.channel_label} "
               f"{made.target}{'（已设加签）' if made.secret else ''}")
    return 0


@contacts.command("remove")
@click.argument("contact_id", type=int)
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def contacts_remove(contact_id: int, actor: str, db: str | None) -> int:
    """停用并删除一个联系方式的地址和密钥（发送记录保留）。"""
    from taizhang.store.notify import NoticeBook

    with open_ledger(db) as ledger:
        old = NoticeBook(ledger).remove_contact(contact_id, actor=actor)
    click.echo(f"已删除联系方式 {old.id}：{old.unit or '领导通报名单'} · {old.channel_label} {old.target}")
    return 0


@contacts.command("set")
@click.argument("unit")
@click.option("--jurisdiction", default=None, metavar="地区", help="单位所属地区（重名时必填）")
@click.option("--days-before", type=click.IntRange(0, 90), default=None,
              help="时限前多少天开始提醒（默认 7）")
@click.option("--repeat-days", type=click.IntRange(0, 90), default=None,
              help="超期、缺报等事项每隔多少天再提醒一次（0 表示只提醒一次；默认 7）")
@click.option("--quiet", default=None, metavar="HH:MM-HH:MM",
              help="免打扰时段，如 20:00-08:00；none 表示不设（默认 20:00-08:00）")
@click.option("--weekends/--no-weekends", default=None, help="周末是否发送（默认不发）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def contacts_set(unit: str, jurisdiction: str | None, days_before: int | None,
                 repeat_days: int | None, quiet: str | None, weekends: bool | None,
                 actor: str, db: str | None) -> int:
    """设置一个单位的提醒方式：提前天数、重复间隔、免打扰时段、周末。"""
    from dataclasses import replace

    from taizhang.notify.settings import parse_quiet
    from taizhang.store.notify import NoticeBook

    with open_ledger(db) as ledger:
        book = NoticeBook(ledger)
        found = ledger.resolve_unit(jurisdiction, unit)
        rule = book.rule(found.id)
        changes: dict[str, Any] = {}
        if days_before is not None:
            changes["days_before"] = days_before
        if repeat_days is not None:
            changes["repeat_days"] = repeat_days
        if weekends is not None:
            changes["weekends"] = weekends
        if quiet is not None:
            changes["quiet_start"], changes["quiet_end"] = parse_quiet(quiet)
        rule = book.set_rule(found.id, replace(rule, **changes), actor=actor)
    span = (f"{rule.quiet_start:%H:%M}-{rule.quiet_end:%H:%M}"
            if rule.quiet_start and rule.quiet_end else "不设")
    click.echo(f"已设置 {found.jurisdiction}{found.name}：提前 {rule.days_before} 天提醒，"
               f"每 {rule.repeat_days} 天重提，免打扰 {span}，周末{'发送' if rule.weekends else '不发送'}")
    return 0


@contacts.command("test")
@click.argument("contact_id", type=int)
@today_option
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入发送记录的操作人")
@db_option
def contacts_test(contact_id: int, today: str | None, actor: str, db: str | None) -> int:
    """发送测试：向一个联系方式发一条测试消息（计入发送记录）。"""
    from taizhang.notify.runner import send_test
    from taizhang.notify.settings import NotifySettings

    day = resolve_today(today)
    with open_ledger(db) as ledger:
        from taizhang.store.notify import NoticeBook

        contact = NoticeBook(ledger).get_contact(contact_id)
        outcome = send_test(ledger, NotifySettings.from_env(), contact, today=day, actor=actor)
    if outcome.state != "sent":
        raise DeliveryFailed(f"测试消息发送失败（已尝试 {outcome.attempts} 次）：{outcome.error}")
    click.echo(f"测试消息已发送：{contact.unit or '领导通报名单'} · {contact.channel_label} {contact.target}")
    return 0


__all__ = ["contacts", "remind"]
