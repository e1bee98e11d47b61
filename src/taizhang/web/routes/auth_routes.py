"""Logging in and out, and the admin's user list (accounts are also made by ``taizhang users``)."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from taizhang.errors import InputError, NotFound
from taizhang.web.auth import (
    ROLES,
    CurrentUser,
    hash_password,
    require_admin,
    verify_password,
)
from taizhang.web.deps import current_user, flash, ledger, page

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


@router.post("/login", include_in_schema=False)
def login(request: Request, username: str = Form(""), password: str = Form(""),
          next: str = Form("/")) -> Response:
    throttle = request.app.state.throttle
    client = request.client.host if request.client else "?"
    keys = (f"user:{username.strip()}", f"addr:{client}")
    throttle.check(*keys)
    lg = request.app.state.ledger
    row = lg.get_user(username.strip()) if username.strip() else None
    if not verify_password(row.password_hash if row else None, password):
        throttle.fail(*keys)
        return page(request, "login.html", status_code=401, next=_safe_next(next),
                    username=username, error="用户名或密码不正确，请重新输入")
    throttle.success(*keys)
    user = session_user(lg, row.username)
    request.session.clear()  # a fresh session (and CSRF token) at login: no fixation
    request.session["user"] = user.to_session() if user else None
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout", include_in_schema=False)
def logout(request: Request) -> Response:
    request.session.clear()
    return RedirectResponse("/login", status_code=303)


@router.get("/users", include_in_schema=False)
def users_page(request: Request, user: CurrentUser = Depends(current_user),
               lg: Any = Depends(ledger)) -> Response:
    require_admin(user)
    return page(request, "users.html", users=lg.list_users(), roles=ROLES,
                units=lg.list_units())


@router.post("/users", include_in_schema=False)
def add_user(request: Request, username: str = Form(...), password: str = Form(...),
             role: str = Form(...), unit_id: str = Form(""),
             user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Response:
    require_admin(user)
    name = username.strip()
    if not name:
        raise InputError("用户名不能为空", hint="请输入用户名")
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
