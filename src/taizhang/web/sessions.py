"""Login sessions kept by the ledger, and one small signed cookie for everything else.

Three cookies, all HttpOnly, SameSite=Lax, and Secure when the request came over https:

- ``taizhang_session``: a random 256-bit token handed out at login. The ledger keeps only its
  SHA-256, with the user, the CSRF token and the times (store/sessions.py). It carries no data
  and no signature to forge: logout, a new password or an administrator deletes the row and
  the same cookie, replayed, opens nothing. Idle and absolute timeouts are settings.
- ``taizhang_state``: signed with the instance secret; only the CSRF token of a visitor not yet
  logged in and the one-time flash message. A user, role or unit is never read from it.
- ``taizhang_device``: signed, names a user who logged in from this browser before; the login
  throttle lets such a browser through while it slows strangers trying that name (auth.py).

``request.session`` stays the dict the routes know (``csrf``, ``flash``); the logged-in user is
``request.scope[USER]``, read from the ledger on every request, so a role or unit change and a
revocation take effect at the next click.
"""
from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.requests import Request, cookie_parser

from taizhang.ledger.sessions import LoginSession, SessionPolicy
from taizhang.web.auth import CurrentUser
from taizhang.web.deps import USER

SESSION_COOKIE = "taizhang_session"
STATE_COOKIE = "taizhang_state"
DEVICE_COOKIE = "taizhang_device"
CONTROL = "taizhang.session"  # scope key: the SessionControl of this request
DEVICE_DAYS = 180
MAX_TOKEN = 64  # characters; token_urlsafe(32) is 43: anything longer is no token of ours

log = logging.getLogger("taizhang.web")


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


@dataclass(slots=True)
class SessionControl:
    """What a route decided about the session: a login's new token, a logout, a device."""

    token: str | None = None  # the live session's token, as the cookie gave it
    new_token: str | None = None
    ended: bool = False
    device_user: str | None = None  # set the device cookie for this user


class Sessions:
    """ASGI middleware: reads the cookies, looks the session up, writes cookies back."""

    def __init__(self, app: Any, *, ledger: Any, secret: str, policy: SessionPolicy) -> None:
        self.app = app
        self.ledger = ledger
        self.policy = policy
        self.state = URLSafeTimedSerializer(secret, salt="taizhang-state")
        self.device = device_signer(secret)

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cookies = _cookies(scope)
        state = self._load_state(cookies.get(STATE_COOKIE))
        token = cookies.get(SESSION_COOKIE)
        found: LoginSession | None = None
        try:
            if not scope.get("path", "").startswith("/static/"):
                self.ledger.check_storage()  # the SQLite file still there (a stat)
            if token and len(token) <= MAX_TOKEN:
                found = await anyio.to_thread.run_sync(self.ledger.find_session, digest(token),
                                                       self.policy)
        except Exception as err:  # noqa: BLE001 - the database down, gone or read-only
            scope["session"], scope[USER] = {}, None
            await _unavailable(scope, receive, send, err)
            return
        session: dict[str, Any] = {}
        if found is not None:
            session["csrf"] = found.csrf
        elif isinstance(state.get("csrf"), str):
            session["csrf"] = state["csrf"]
        if isinstance(state.get("flash"), dict):
            session["flash"] = state["flash"]
        scope["session"] = session
        scope[USER] = user_of(found) if found is not None else None
        control = scope[CONTROL] = SessionControl(token=token if found is not None else None)
        stale = bool(token) and found is None  # ended, timed out or never ours: drop it

        started = False

        async def with_cookies(message: Any) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                secure = scope.get("scheme") == "https"
                if control.new_token:
                    headers.append("set-cookie", _cookie(
                        SESSION_COOKIE, control.new_token, secure,
                        max_age=int(self.policy.absolute.total_seconds())))
                elif control.ended or stale:
                    headers.append("set-cookie", _cookie(SESSION_COOKIE, "", secure, max_age=0))
                keep: dict[str, Any] = {}
                if session.get("flash"):
                    keep["flash"] = session["flash"]
                logged_in = scope.get(USER) is not None and not control.ended
                if not logged_in and isinstance(session.get("csrf"), str):
                    keep["csrf"] = session["csrf"]
                if keep != state:
                    value = self.state.dumps(keep) if keep else ""
                    headers.append("set-cookie", _cookie(
                        STATE_COOKIE, value, secure,
                        max_age=int(self.policy.absolute.total_seconds()) if keep else 0))
                if control.device_user:
                    headers.append("set-cookie", _cookie(
                        DEVICE_COOKIE, self.device.dumps({"u": control.device_user}), secure,
                        max_age=DEVICE_DAYS * 86400))
            await send(message)

        try:
            await self.app(scope, receive, with_cookies)
        except Exception as err:
            # answered here rather than by Starlette's outermost error middleware, so that a
            # 500 or 503 page still passes the security headers and sets its cookies
            if started:
                raise
            from taizhang.web.errors import storage_response

            await storage_response(Request(scope, receive), err)(scope, receive, with_cookies)

    def _load_state(self, raw: str | None) -> dict[str, Any]:
        if not raw:
            return {}
        try:
            value = self.state.loads(raw, max_age=int(self.policy.absolute.total_seconds()))
        except (BadSignature, ValueError, TypeError):
            return {}
        return value if isinstance(value, dict) else {}



def user_of(found: LoginSession) -> CurrentUser:
    return CurrentUser(username=found.username, role=found.role, unit_id=found.unit_id,
                       unit_name=found.unit_name, unit_jurisdiction=found.unit_jurisdiction)


def begin(request: Request, user: CurrentUser) -> str:
    """Log ``user`` in: a new session row and token (any previous one of this browser ends),
    a fresh CSRF token; returns the CSRF token."""
    app = request.app
    control: SessionControl = request.scope[CONTROL]
    if control.token:  # no fixation: the session a browser had before login does not go on
        app.state.ledger.end_session(digest(control.token))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    client = request.client.host if request.client else "?"
    app.state.ledger.create_session(digest(token), username=user.username, csrf=csrf,
                                    address=client, policy=app.state.settings.session_policy)
    control.token, control.new_token, control.ended = token, token, False
    control.device_user = user.username
    request.session.clear()
    request.session["csrf"] = csrf
    request.scope[USER] = user
    return csrf


def end(request: Request) -> None:
    """Log out: the session row is deleted, so a copy of the cookie opens nothing."""
    control: SessionControl = request.scope[CONTROL]
    if control.token:
        request.app.state.ledger.end_session(digest(control.token))
    control.ended, control.new_token = True, None
    request.session.clear()
    request.scope[USER] = None


def device_signer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt="taizhang-device")


def known_device(request: Request, username: str) -> bool:
    """True when this browser carries a valid device cookie for ``username`` (a forged or
    expired one counts as none)."""
    raw = request.cookies.get(DEVICE_COOKIE)
    if not raw or not username:
        return False
    try:
        value = device_signer(request.app.state.secret).loads(raw, max_age=DEVICE_DAYS * 86400)
    except (BadSignature, ValueError, TypeError):
        return False
    return isinstance(value, dict) and value.get("u") == username


def _cookie(name: str, value: str, secure: bool, *, max_age: int) -> str:
    parts = [f"{name}={value}", "Path=/", f"Max-Age={max_age}", "HttpOnly", "SameSite=Lax"]
    if secure:
        parts.append("Secure")
    return "; ".join(parts)


def _cookies(scope: Any) -> dict[str, str]:
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            return cookie_parser(value.decode("latin-1"))
    return {}


async def _unavailable(scope: Any, receive: Any, send: Any, err: Exception) -> None:
    """The database could not be asked who this is: a Chinese 503 page (or JSON), no trace."""
    from taizhang.web.errors import storage_response

    response = storage_response(Request(scope, receive), err)
    await response(scope, receive, send)
