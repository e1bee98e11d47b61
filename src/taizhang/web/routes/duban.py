"""督办: issue, escalate, answer and close notices; download the 督办通知单 as docx."""
from __future__ import annotations

import io
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from taizhang.errors import InputError, PermissionDenied
from taizhang.ledger.model import DubanLevel, DubanState
from taizhang.projects.model import UNSOLVED
from taizhang.web.actions import parse_date
from taizhang.web.auth import CurrentUser, require_admin, require_writer
from taizhang.web.deps import current_user, flash, ledger, page, register
from taizhang.web.routes.units import download

router = APIRouter()
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def parse_level(value: str) -> DubanLevel:
    try:
        return DubanLevel.parse(value)
    except ValueError:
        raise InputError(f"督办级别“{value}”无法识别",
                         hint="可选：" + "、".join(lv.label for lv in DubanLevel)) from None


def issue(lg: Any, user: CurrentUser, today: Any, item_id: int, level: str, reason: str,
          reply_due: str | None) -> Any:
    require_admin(user)
    return lg.issue_duban(item_id, actor=user.username, today=today, reason=reason.strip(),
                          level=parse_level(level or "reminder"),
                          reply_due=parse_date(reply_due, "回复期限"))


def answer(lg: Any, user: CurrentUser, notice_id: int, text: str, today: Any) -> Any:
    """A unit's reply; a reporter may answer only notices on its own unit's items."""
    require_writer(user)
    if not text.strip():
        raise InputError("回复内容为空", hint="请填写办理情况后再提交")
    notice = lg.get_duban(notice_id)
    item = lg.get_item(notice.item_id, today=today)
    if user.is_admin:
        unit = item.lead or (item.support[0] if item.support else "")
    elif user.owns(item):
        unit = user.unit_name or ""
    else:
        raise PermissionDenied(f"督办 {notice.number} 不是发给您单位（{user.unit_name}）的",
                               hint="只能回复本单位事项的督办")
    return lg.answer_duban(notice_id, unit=unit, text=text.strip(), actor=user.username)


@router.get("/duban", include_in_schema=False)
def duban_page(request: Request, state: str = "", user: CurrentUser = Depends(current_user),
               lg: Any = Depends(ledger), reg: Any = Depends(register)) -> Response:
    chosen = next((s for s in DubanState if s.value == state), None)
    notices = lg.list_duban(state=chosen)
    today = request.app.state.today()
    titles = {}
    for n in notices[:500]:  # one lookup per notice; the list is short in practice
        if n.item_id not in titles:
            titles[n.item_id] = lg.get_item(n.item_id, today=today)
    # the projects' 受阻问题 are 督办 too (numbered and escalated the same way): the open ones here
    blockers = reg.blockers(states=UNSOLVED) if not state else []
    return page(request, "duban_list.html", notices=notices, items=titles, state=state,
                states=list(DubanState), blockers=blockers)


@router.post("/duban", include_in_schema=False)
def duban_issue(request: Request, item_id: int = Form(...), level: str = Form("reminder"),
                reason: str = Form(""), reply_due: str = Form(""),
                user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Response:
    notice = issue(lg, user, request.app.state.today(), item_id, level, reason, reply_due)
    flash(request, f"已发出 {notice.number}（{notice.level.label}），回复期限 {notice.reply_due}")
    return RedirectResponse(f"/duban/{notice.id}", status_code=303)


@router.get("/duban/{notice_id}", include_in_schema=False)
def notice_page(request: Request, notice_id: int, user: CurrentUser = Depends(current_user),
                lg: Any = Depends(ledger)) -> Response:
    notice = lg.get_duban(notice_id)
    item = lg.get_item(notice.item_id, today=request.app.state.today())
    can_answer = user.is_admin or (user.role == "reporter" and user.owns(item))
    return page(request, "duban.html", notice=notice, item=item, can_answer=can_answer,
                can_escalate=notice.level is not DubanLevel.LISTED)


@router.post("/duban/{notice_id}/escalate", include_in_schema=False)
def notice_escalate(request: Request, notice_id: int, reason: str = Form(""),
                    reply_due: str = Form(""), user: CurrentUser = Depends(current_user),
                    lg: Any = Depends(ledger)) -> Response:
    require_admin(user)
    notice = lg.escalate_duban(notice_id, actor=user.username, today=request.app.state.today(),
                               reason=reason.strip(), reply_due=parse_date(reply_due, "回复期限"))
    flash(request, f"{notice.number} 已升级为“{notice.level.label}”")
    return RedirectResponse(f"/duban/{notice_id}", status_code=303)


@router.post("/duban/{notice_id}/answer", include_in_schema=False)
def notice_answer(request: Request, notice_id: int, text: str = Form(""),
                  user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Response:
    notice = answer(lg, user, notice_id, text, request.app.state.today())
    flash(request, f"已回复 {notice.number}")
    return RedirectResponse(f"/duban/{notice_id}", status_code=303)


@router.post("/duban/{notice_id}/close", include_in_schema=False)
def notice_close(request: Request, notice_id: int, user: CurrentUser = Depends(current_user),
                 lg: Any = Depends(ledger)) -> Response:
    require_admin(user)
    notice = lg.close_duban(notice_id, actor=user.username)
    flash(request, f"{notice.number} 已办结")
    return RedirectResponse(f"/duban/{notice_id}", status_code=303)


@router.get("/duban/{notice_id}/notice.docx", include_in_schema=False)
def notice_docx(request: Request, notice_id: int, user: CurrentUser = Depends(current_user),
                lg: Any = Depends(ledger)) -> Response:
    from taizhang.exports.word import write_notice

    notice = lg.get_duban(notice_id)
    item = lg.get_item(notice.item_id, today=request.app.state.today())
    buf = io.BytesIO()
    write_notice(notice, item, buf)
    return download(buf.getvalue(), f"{notice.number}督办通知单.docx", DOCX)
