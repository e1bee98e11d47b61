"""Passwords, roles, CSRF tokens and login throttling for the web app.

Sessions live in the ledger (web/sessions.py); this module decides who may do what. Nothing
here touches the database: the routes load the user row from the store and hand it in.
"""
from __future__ import annotations

import hmac
import re
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
MAX_PASSWORD = 200  # argon2 hashes any length; a megabyte "password" is only a cost to us
MAX_USERNAME = 64  # the users table holds 100; names are short in practice
_USERNAME = re.compile(r"^[\w.@\-\u4e00-\u9fff]+$")


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"密码太短（{len(password)} 个字符），至少需要 {MIN_PASSWORD} 个字符",
                         hint="请换一个更长的密码")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"密码太长（{len(password)} 个字符），最多 {MAX_PASSWORD} 个字符",
                         hint="请换一个短一些的密码")
    return _hasher.hash(password)


def check_username(username: str) -> str:
    """A user name as typed, stripped; InputError for an empty, long or odd one."""
    name = username.strip()
    if not name:
        raise InputError("用户名不能为空", hint="请输入用户名")
    if len(name) > MAX_USERNAME:
        raise InputError(f"用户名太长（{len(name)} 个字符），最多 {MAX_USERNAME} 个字符",
                         hint="请换一个短一些的用户名")
    if not _USERNAME.match(name):
        raise InputError(f"用户名“{name[:20]}”含有不允许的字符",
                         hint="用户名只能由汉字、字母、数字和 . _ - @ 组成")
    return name


def verify_password(password_hash: str | None, password: str) -> bool:
    """True when the password matches; a missing user still pays for one verification."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


@dataclass(frozen=True, slots=True)
class CurrentUser:
    """Who is logged in, as the ledger has them now (read for every request)."""

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
        """What /api/login and /api/me show of the user (never password material)."""
        return {"username": self.username, "role": self.role, "unit_id": self.unit_id,
                "unit_name": self.unit_name, "unit_jurisdiction": self.unit_jurisdiction}

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


# --- login throttling: slow the guesser, never lock the owner out ---

@dataclass(frozen=True, slots=True)
class Allowance:
    """Failures allowed on a key before each further try must wait; the wait doubles with
    every failure past the allowance, from ``base`` seconds up to ``cap``."""

    failures: int
    base: float = 1.0
    cap: float = 900.0

    def wait(self, count: int) -> float:
        if count < self.failures:
            return 0.0
        return min(self.cap, self.base * 2 ** (count - self.failures))


# per (address, name): one person guessing one account from one place
PAIR = Allowance(5)
# per address: one place trying many names
ADDRESS = Allowance(20)
# per name, counted only for browsers that never logged in as it: many places guessing one
# account. Its wait stays short (≤ 1 min), so it slows a botnet yet keeps the owner, even on a
# new computer, a minute at most from their account; from a browser they used before, not at all.
NAME = Allowance(20, cap=60.0)


class Throttle:
    """Login throttling by backoff on three keys, kept in memory.

    A guesser at one address gets 5 tries at a name, then waits 1 s, 2 s, 4 s … (at most
    15 min) between tries; 20 failures from one address slow every name tried from there.
    Nothing an attacker does elsewhere stops the owner: a failure at address A counts against
    (A, name) and A, not against the owner's address B, and the per-name count, which does
    cross addresses, skips browsers with the owner's device cookie and waits a minute at most.
    Failures are forgotten ``window`` seconds after the last one. One process serves one
    office, and a restart forgetting the counters is harmless; the table is bounded (oldest
    keys dropped) so a flood of names cannot grow it.
    """

    def __init__(self, *, window: float = 900.0, max_keys: int = 10_000,
                 clock: Any = time.monotonic, pair: Allowance = PAIR,
                 address: Allowance = ADDRESS, name: Allowance = NAME) -> None:
        self.allowances = (pair, address, name)
        self.window = window
        self.max_keys = max_keys
        self._clock = clock
        self._fails: OrderedDict[str, tuple[int, float]] = OrderedDict()  # key → (count, last)
        self._lock = threading.Lock()

    def keys(self, address: str, username: str, *,
             known_device: bool) -> list[tuple[str, Allowance]]:
        pair, by_address, by_name = self.allowances
        name = username.strip()[:100]
        keys = [(f"pair:{address}\x00{name}", pair), (f"addr:{address}", by_address)]
        if not known_device:
            keys.append((f"name:{name}", by_name))
        return keys

    def _count(self, key: str, now: float) -> tuple[int, float]:
        count, last = self._fails.get(key, (0, 0.0))
        if count and now - last >= self.window:
            self._fails.pop(key, None)
            return 0, 0.0
        return count, last

    def check(self, keys: list[tuple[str, Allowance]]) -> None:
        """TooManyAttempts (429) while any key still has to wait; refused tries do not count."""
        now = self._clock()
        wait = 0.0
        with self._lock:
            for key, allowance in keys:
                count, last = self._count(key, now)
                wait = max(wait, last + allowance.wait(count) - now)
        if wait > 0:
            seconds = int(wait) + 1
            raise TooManyAttempts("登录失败次数过多，已暂缓该账号在此处的登录",
                                  hint=f"请 {seconds} 秒后再试；如忘记密码，请联系管理员重置")

    def fail(self, keys: list[tuple[str, Allowance]]) -> None:
        now = self._clock()
        with self._lock:
            for key, _ in keys:
                count, _last = self._count(key, now)
                self._fails[key] = (count + 1, now)
                self._fails.move_to_end(key)
            while len(self._fails) > self.max_keys:
                self._fails.popitem(last=False)

    def success(self, keys: list[tuple[str, Allowance]]) -> None:
        """The right password: this address's count for the name, and the name's, start over
        (the address's own count stays: one good account must not reset guessing at others)."""
        with self._lock:
            for key, _ in keys:
                if not key.startswith("addr:"):
                    self._fails.pop(key, None)
