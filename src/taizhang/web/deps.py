"""What every route needs: the current user, the ledger, today, CSRF checks and page rendering.

The app keeps its collaborators on ``app.state`` (set once by ``create_app``), so nothing is
built at import and tests can hand in their own settings and clock.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from taizhang.web.auth import CurrentUser, LoginRequired, check_csrf, csrf_token
from taizhang.wording import display_title, recurrence_text

USER = "taizhang.user"  # scope key set by web/sessions.py: the CurrentUser or None

HERE = Path(__file__).parent
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    env = templates.env
    env.autoescape = True  # every {{ }} is escaped: a document's <script> stays text
    env.trim_blocks = True
    env.lstrip_blocks = True
    env.filters["date"] = _fmt_date
    env.filters["pct"] = lambda v: "—" if v is None else f"{round(v * 100)}%"
    env.filters["urlq"] = lambda s: quote(str(s), safe="")
    env.filters["jsonz"] = _json_text
    env.filters["action"] = _action_label
    env.filters["recurrence"] = recurrence_text  # 每年5月底前: the one wording (taizhang.wording)
    env.filters["rrule"] = recurrence_text
    # a document's name for people: its title, else 发文字号, else （无标题）— never the file name
    env.filters["doc_title"] = lambda d: display_title(d.title, d.doc_number)
    from taizhang.web.trail import correction_change, entry_changes, field_label

    env.filters["changes"] = entry_changes  # 留痕 in words (web/trail.py)
    env.filters["correction"] = correction_change
    env.filters["field_label"] = field_label
    return templates


# audit action codes → what a reader of the trail calls them
ACTIONS = {
    "document.ingest": "读入文件", "document.publish": "发布文件", "item.revise": "新版本更新",
    "item.correct": "核对修改", "item.report": "报送进展", "item.status": "改变状态",
    "duban.issue": "发出督办", "duban.escalate": "升级督办", "duban.answer": "回复督办",
    "duban.close": "督办办结", "unit.alias": "单位别名", "unit.merge": "单位合并", "unit.create": "新增单位",
    "user.create": "新建用户", "user.password": "修改密码", "item.create": "生成事项",
    "user.sessions_end": "注销会话", "link.confirm": "确认关联", "link.remove": "取消关联",
    "link.report": "同步报送（只报一次）", "document.jurisdiction": "更正所属地区",
    "document.file": "补存原件",
}


def _action_label(code: str) -> str:
    from taizhang.projects.trail import ACTIONS as PROJECT_ACTIONS

    return ACTIONS.get(code) or PROJECT_ACTIONS.get(code, "其他操作")


def _json_text(value: Any) -> str:
    if value is None:
        return ""
    return json.dumps(value, ensure_ascii=False, default=str)  # escaped by autoescape


def _fmt_date(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# current_user and ledger are async though they never wait: FastAPI runs a plain ``def``
# dependency in a worker thread, and two thread hand-offs before each endpoint cost a busy
# server more than what they compute (a session dict read, an attribute)
async def current_user(request: Request) -> CurrentUser:
    """The logged-in user or LoginRequired (a page turns that into a redirect to /login).

    web/sessions.py found them in the ledger for this request's cookie."""
    user = request.scope.get(USER)
    if user is None:
        raise LoginRequired()
    return user  # type: ignore[no-any-return]


def optional_user(request: Request) -> CurrentUser | None:
    return request.scope.get(USER)


async def ledger(request: Request) -> Any:
    return request.app.state.ledger


async def register(request: Request) -> Any:
    """The project register (项目库) on the app's ledger, lit by the app's settings."""
    return request.app.state.register


def today(request: Request) -> dt.date:
    return request.app.state.today()  # type: ignore[no-any-return]


async def csrf_protect(request: Request) -> None:
    """Every unsafe request carries the session's token: a form field or the X-CSRF-Token header."""
    if request.method not in UNSAFE:
        return
    if request.url.path == "/api/login":
        # a JSON login cannot be forged by a cross-site form, and there is no session yet
        return
    given = request.headers.get("x-csrf-token")
    if given is None:
        ctype = request.headers.get("content-type", "")
        if ctype.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
            form = await request.form()  # cached by Starlette; the endpoint reads the same form
            value = form.get("csrf_token")
            given = value if isinstance(value, str) else None
    check_csrf(request.session, given)


def wants_json(request: Request) -> bool:
    if request.url.path.startswith("/api"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a template with what the layout needs (user, CSRF token, nav, flash message)."""
    user = optional_user(request)
    session = request.scope.get("session")
    if session is None:  # an error before the session was read: show the page without one
        session = request.scope["session"] = {}
    flash = session.pop("flash", None)
    base = {"request": request, "user": user, "csrf": csrf_token(session),
            "flash": flash, "path": request.url.path, "today": request.app.state.today()}
    base.update(context)
    response: HTMLResponse = request.app.state.templates.TemplateResponse(
        request, name, base, status_code=status_code)
    return response


def flash(request: Request, message: str, kind: str = "ok") -> None:
    # kept in a signed cookie until the next page: bounded, a cookie holds about 4 KB
    request.session["flash"] = {"message": message[:600], "kind": kind}
