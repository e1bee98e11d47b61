"""Passwords, roles, CSRF tokens and login throttling for the web app.

Sessions themselves are Starlette's signed cookies (itsdangerous); this module decides what goes
into them and who may do what. Nothing here touches the database: the routes load the user row
from the store and hand it in.
"""
from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from taizhang.errors import InputError, PermissionDenied, TaizhangError

# role code → Chinese name shown on pages; the codes are what the store keeps
ROLES: dict[str, str] = {
    "admin": "管理员（督查室）",
    "reporter": "单位填报员",
    "leader": "领导（只读）",
}

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# a hash of a random password, verified against when the user does not exist, so that a wrong
# user name costs the same time as a wrong password (no user enumeration by timing)
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))

MIN_PASSWORD = 8


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"密码太短（{len(password)} 个字符），至少需要 {MIN_PASSWORD} 个字符",
                         hint="请换一个更长的密码")
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; a missing user still pays for one verification."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True, slots=True)
class CurrentUser:
    """Who is logged in, as kept in the session cookie (no password material)."""

    username: str
    role: str
    unit_id: int | None = None
    unit_name: str | None = None
    unit_jurisdiction: str | None = None

    @property
    def role_name(self) -> str:
        return ROLES.get(self.role, self.role)

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def can_write(self) -> bool:
        return self.role in ("admin", "reporter")

    def to_session(self) -> dict[str, Any]:
        return {"username": self.username, "role": self.role, "unit_id": self.unit_id,
                "unit_name": self.unit_name, "unit_jurisdiction": self.unit_jurisdiction}

    @classmethod
    def from_session(cls, data: Any) -> "CurrentUser | None":
        if not isinstance(data, dict) or data.get("role") not in ROLES:
            return None
        return cls(username=str(data.get("username", "")), role=data["role"],
                   unit_id=data.get("unit_id"), unit_name=data.get("unit_name"),
                   unit_jurisdiction=data.get("unit_jurisdiction"))

    def owns(self, item: Any) -> bool:
        """True when ``item`` (a WorkItem) names this user's unit, in the same jurisdiction."""
        return (self.unit_name is not None and item.jurisdiction == self.unit_jurisdiction
                and self.unit_name in item.units)


class LoginRequired(TaizhangError):
    http_status = 401

    def __init__(self, message: str = "请先登录") -> None:
        super().__init__(message, hint="用管理员发给您的用户名和密码登录")


class TooManyAttempts(TaizhangError):
    http_status = 429


def require_admin(user: CurrentUser) -> None:
    if not user.is_admin:
        raise PermissionDenied(f"当前用户“{user.username}”（{user.role_name}）无权执行此操作",
                               hint="此操作只限管理员（督查室）")


def require_writer(user: CurrentUser) -> None:
    if not user.can_write:
        raise PermissionDenied(f"当前用户“{user.username}”（{user.role_name}）只能查看，不能修改",
                               hint="如需填报，请用单位填报员账号登录")


def reporting_unit(user: CurrentUser, item: Any, unit: str | None = None) -> str:
    """The unit a report on ``item`` is made for: a reporter's own, or the one an admin picks.

    A reporter on another unit's item gets PermissionDenied (403) before anything is written.
    """
    require_writer(user)
    if user.is_admin:
        return unit or item.lead or (item.support[0] if item.support else "")
    if not user.owns(item):
        raise PermissionDenied(
            f"事项 #{item.id}（{item.title[:30]}）不属于您的单位（{user.unit_name or '未绑定单位'}），"
            "不能填报", hint="单位填报员只能填报本单位牵头或配合的事项")
    return user.unit_name or ""


# --- CSRF: one random token per session, compared in constant time on every unsafe request ---

CSRF_KEY = "csrf"


def csrf_token(session: dict[str, Any]) -> str:
    token = session.get(CSRF_KEY)
    if not isinstance(token, str) or len(token) < 20:
        token = secrets.token_urlsafe(32)
        session[CSRF_KEY] = token
    return token


def check_csrf(session: dict[str, Any], given: str | None) -> None:
    expected = session.get(CSRF_KEY)
    if not expected or not given or not hmac.compare_digest(str(expected), str(given)):
        raise CsrfFailed()


class CsrfFailed(TaizhangError):
    http_status = 403

    def __init__(self) -> None:
        super().__init__("表单校验码（CSRF）缺失或已过期，请求被拒绝",
                         hint="请刷新页面后重新提交；接口调用请在 X-CSRF-Token 头中带上登录后取得的校验码")


# --- login throttling: failures per user name and per client address, in a bounded window ---

class Throttle:
    """Refuses logins after ``limit`` failures within ``window`` seconds for a name or an address.

    Kept in memory: one process serves one office, and a restart forgetting the counters is
    harmless. The table is bounded (oldest keys dropped) so a flood of names cannot grow it.
    """

    def __init__(self, *, limit: int = 5, window: float = 300.0, max_keys: int = 10_000,
                 clock: Any = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self.max_keys = max_keys
        self._clock = clock
        self._fails: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> list[float]:
        stamps = [t for t in self._fails.get(key, []) if now - t < self.window]
        if stamps:
            self._fails[key] = stamps
        else:
            self._fails.pop(key, None)
        return stamps

    def check(self, *keys: str) -> None:
        now = self._clock()
        with self._lock:
            for key in keys:
                stamps = self._recent(key, now)
                if len(stamps) >= self.limit:
                    wait = int(self.window - (now - stamps[0])) + 1
                    raise TooManyAttempts(f"登录失败次数过多（{len(stamps)} 次）",
                                          hint=f"请 {wait} 秒后再试，或联系管理员重置密码")

    def fail(self, *keys: str) -> None:
        now = self._clock()
        with self._lock:
            for key in keys:
                self._fails.setdefault(key, []).append(now)
                self._fails.move_to_end(key)
            while len(self._fails) > self.max_keys:
                self._fails.popitem(last=False)

    def success(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._fails.pop(key, None)
