"""催办: the notices sent (failures first), a preview of today's, and the contacts (admin only).

Contacts are shown masked and their secrets never: the page says only whether one is set.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from taizhang.errors import InputError
from taizhang.web.actions import parse_date
from taizhang.web.auth import CurrentUser, require_admin
from taizhang.web.deps import current_user, flash, ledger, page

router = APIRouter()


def _book(lg: Any) -> Any:
    from taizhang.store.notify import NoticeBook

    return NoticeBook(lg)


def _int(value: str, what: str) -> int | None:
    if not value.strip():
        return None
    try:
        return int(value)
    except ValueError:
        raise InputError(f"{what}“{value}”不是数字") from None


@router.get("/notices", include_in_schema=False)
def notices_page(request: Request, unit: str = "", state: str = "", kind: str = "",
                 channel: str = "", since: str = "", until: str = "",
                 user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Response:
    from taizhang.notify.contacts import CHANNELS
    from taizhang.notify.records import KINDS, STATES

    unit_id = _int(unit, "单位编号")
    if user.role == "reporter":  # a unit's reporter sees what was sent to its own unit
        unit_id = user.unit_id
    found = _book(lg).records(
        unit_id=unit_id, state=state if state in STATES else None,
        kind=kind if kind in KINDS else None, channel=channel if channel in CHANNELS else None,
        day_from=parse_date(since or None, "起始日期"), day_to=parse_date(until or None, "截止日期"))
    units = sorted({(r.unit_id, r.unit) for r in found if r.unit_id}, key=lambda u: u[1] or "")
    return page(request, "notices.html", records=found, units=units, states=STATES, kinds=KINDS,
                channels=CHANNELS, chosen={"unit": unit_id, "state": state, "kind": kind,
                                           "channel": channel, "since": since, "until": until},
                failed=sum(1 for r in found if r.state == "failed"))


@router.get("/notices/preview", include_in_schema=False)
def preview_page(request: Request, user: CurrentUser = Depends(current_user),
                 lg: Any = Depends(ledger)) -> Response:
    """What a run would send now (a dry run: nothing sent, nothing recorded)."""
    import datetime as dt

    from taizhang.notify.formats import plain
    from taizhang.notify.runner import plan

    require_admin(user)
    today = request.app.state.today()
    now = dt.datetime.combine(today, dt.datetime.now().time())
    planned = plan(lg, _book(lg), request.app.state.notify, today=today, now=now)
    shown = [(n, plain(n.message)) for n in planned.notices]
    return page(request, "notices_preview.html", plan=planned, shown=shown)


@router.get("/notices/contacts", include_in_schema=False)
def contacts_page(request: Request, user: CurrentUser = Depends(current_user),
                  lg: Any = Depends(ledger)) -> Response:
    from taizhang.ledger.reminders import UnitRule
    from taizhang.notify.contacts import CHANNELS

    require_admin(user)
    book = _book(lg)
    found = book.contacts(enabled=True)
    rules = book.rules()
    units = lg.list_units()
    return page(request, "notice_contacts.html", contacts=found, rules=rules, units=units,
                channels=CHANNELS, default=UnitRule(),
                robot_hosts=request.app.state.notify.robot_hosts)


@router.post("/notices/contacts", include_in_schema=False)
def contact_add(request: Request, unit_id: str = Form(""), channel: str = Form(...),
                address: str = Form(...), secret: str = Form(""), attach: str = Form(""),
                user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Response:
    require_admin(user)
    uid = _int(unit_id, "单位")
    unit = lg.get_unit(uid) if uid is not None else None
    made = _book(lg).add_contact(
        channel=channel, address=address, secret=secret or None, attach=bool(attach),
        unit=unit.name if unit else None, jurisdiction=unit.jurisdiction if unit else None,
        leaders=unit is None, actor=user.username,
        extra_hosts=request.app.state.notify.robot_hosts)
    flash(request, f"已添加：{made.unit or '领导通报名单'} · {made.channel_label} {made.target}")
    return RedirectResponse("/notices/contacts", status_code=303)


@router.post("/notices/contacts/{contact_id}/remove", include_in_schema=False)
def contact_remove(request: Request, contact_id: int, user: CurrentUser = Depends(current_user),
                   lg: Any = Depends(ledger)) -> Response:
    require_admin(user)
    old = _book(lg).remove_contact(contact_id, actor=user.username)
    flash(request, f"已删除：{old.unit or '领导通报名单'} · {old.channel_label} {old.target}")
    return RedirectResponse("/notices/contacts", status_code=303)


@router.post("/notices/contacts/{contact_id}/test", include_in_schema=False)
def contact_test(request: Request, contact_id: int, user: CurrentUser = Depends(current_user),
                 lg: Any = Depends(ledger)) -> Response:
    """发送测试: one short message now; the result (and why it failed) as the page's message."""
    from taizhang.notify.runner import send_test

    require_admin(user)
    contact = _book(lg).get_contact(contact_id)
    outcome = send_test(lg, request.app.state.notify, contact, today=request.app.state.today(),
                        actor=user.username)
    where = f"{contact.unit or '领导通报名单'} · {contact.channel_label} {contact.target}"
    if outcome.state == "sent":
        flash(request, f"测试消息已发送：{where}")
    else:
        flash(request, f"测试消息发送失败：{where}（已尝试 {outcome.attempts} 次）：{outcome.error}",
              "error")
    return RedirectResponse("/notices/contacts", status_code=303)


@router.post("/notices/rule", include_in_schema=False)
def rule_set(request: Request, unit_id: int = Form(...), days_before: str = Form("7"),
             repeat_days: str = Form("7"), quiet: str = Form(""), weekends: str = Form(""),
             user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Response:
    from taizhang.ledger.reminders import UnitRule
    from taizhang.notify.settings import parse_quiet

    require_admin(user)
    start, end = parse_quiet(quiet)
    rule = UnitRule(days_before=_int(days_before, "提前天数") or 0,
                    repeat_days=_int(repeat_days, "重复间隔") or 0, quiet_start=start,
                    quiet_end=end, weekends=bool(weekends))
    _book(lg).set_rule(unit_id, rule, actor=user.username)
    unit = lg.get_unit(unit_id)
    flash(request, f"已保存 {unit.name} 的提醒设置")
    return RedirectResponse("/notices/contacts", status_code=303)
