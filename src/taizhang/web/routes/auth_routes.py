"""Logging in and out, and the admin's user list (accounts are also made by ``taizhang users``).

A login makes a server-side session (web/sessions.py); logout deletes it, and an administrator
can end all of a user's sessions from the user list (or ``taizhang users revoke``).
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from taizhang.errors import InputError, NotFound
from taizhang.web import sessions
from taizhang.web.auth import (
    MAX_PASSWORD,
    MAX_USERNAME,
    ROLES,
    CurrentUser,
    check_username,
    hash_password,
    require_admin,
    verify_password,
)
from taizhang.web.deps import current_user, flash, ledger, page
from taizhang.web.sessions import known_device

router = APIRouter()


def _safe_next(target: str | None) -> str:
    # only same-site paths: an attacker's ?next=https://evil must not become a redirect
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/"


def session_user(lg: Any, username: str) -> CurrentUser | None:
    """The session record of a stored user, with its unit's name and jurisdiction."""
    row = lg.get_user(username)
    if row is None:
        return None
    unit_name = unit_jur = None
    if row.unit_id is not None:
        unit = lg.get_unit(row.unit_id)
        unit_name, unit_jur = unit.name, unit.jurisdiction
    return CurrentUser(username=row.username, role=row.role.value, unit_id=row.unit_id,
                       unit_name=unit_name, unit_jurisdiction=unit_jur)


@router.get("/login", include_in_schema=False)
def login_form(request: Request, next: str = "/") -> Response:
    return page(request, "login.html", next=_safe_next(next), username="")


def check_login(request: Request, username: str, password: str) -> CurrentUser | None:
    """The user when the password is right (and the throttle lets the try through), else None.

    TooManyAttempts (429) while this address, this name from here, or this name from unknown
    browsers must wait (web/auth.py: slowed guessers, never a locked-out owner)."""
    name = username.strip()[:MAX_USERNAME]
    throttle = request.app.state.throttle
    client = request.client.host if request.client else "?"
    keys = throttle.keys(client, name, known_device=known_device(request, name))
    throttle.check(keys)
    lg = request.app.state.ledger
    row = lg.get_user(name) if name else None
    if not verify_password(row.password_hash if row else None, password[:MAX_PASSWORD]):
        throttle.fail(keys)
        return None
    throttle.success(keys)
    return session_user(lg, row.username)


@router.post("/login", include_in_schema=False)
def login(request: Request, username: str = Form(""), password: str = Form(""),
          next: str = Form("/")) -> Response:
    user = check_login(request, username, password)
    if user is None:
        return page(request, "login.html", status_code=401, next=_safe_next(next),
                    username=username[:MAX_USERNAME], error="用户名或密码不正确，请重新输入")
    sessions.begin(request, user)  # a new session and CSRF token: no fixation
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", include_in_schema=False)
def logout(request: Request) -> Response:
    sessions.end(request)  # the row goes: the same cookie, replayed, opens nothing
    return RedirectResponse("/login", status_code=303)


@router.get("/users", include_in_schema=False)
def users_page(request: Request, user: CurrentUser = Depends(current_user),
               lg: Any = Depends(ledger)) -> Response:
    require_admin(user)
    settings = request.app.state.settings
    return page(request, "users.html", users=lg.list_users(), roles=ROLES,
                units=lg.list_units(), live=lg.session_counts(settings.session_policy),
                idle=settings.session_idle_minutes, hours=settings.session_max_hours)


@router.post("/users/{username}/sessions/end", include_in_schema=False)
def end_user_sessions(request: Request, username: str, user: CurrentUser = Depends(current_user),
                      lg: Any = Depends(ledger)) -> Response:
    """An administrator ends every session of a user (a lost phone, a departed colleague)."""
    require_admin(user)
    ended = lg.end_sessions(username, actor=user.username)
    flash(request, f"已注销用户“{username}”的 {ended} 个登录会话，需重新登录")
    return RedirectResponse("/users", status_code=303)


@router.post("/users", include_in_schema=False)
def add_user(request: Request, username: str = Form(...), password: str = Form(...),
             role: str = Form(...), unit_id: str = Form(""),
             user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Response:
    require_admin(user)
    name = check_username(username)
    if role not in ROLES:
        raise InputError(f"角色“{role}”不存在", hint="可选：" + "、".join(ROLES.values()))
    unit: int | None = None
    if role == "reporter":
        if not unit_id.strip().isdigit():
            raise InputError("单位填报员必须绑定一个单位", hint="请在“所属单位”中选择")
        unit = int(unit_id)
        lg.get_unit(unit)  # NotFound when the id is stale
    lg.create_user(name, hash_password(password), role, unit_id=unit, actor=user.username)
    flash(request, f"已创建用户“{name}”（{ROLES[role]}）")
    return RedirectResponse("/users", status_code=303)


def first_user_hint(lg: Any) -> str | None:
    try:
        return None if lg.list_users() else "尚无用户：请先运行 taizhang users add admin --role admin"
    except NotFound:
        return None
