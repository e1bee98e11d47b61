"""Login sessions as the ledger keeps them: who, since when, last seen, and when they end.

Pure: the clock is handed in. A session ends when it has been idle for ``idle`` or has lasted
``absolute`` since login, whichever comes first; logout, a password change or an administrator
end it at once (the store deletes the row).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SessionPolicy:
    """Timeouts of a login session (settings ``TAIZHANG_SESSION_IDLE_MINUTES`` and
    ``TAIZHANG_SESSION_MAX_HOURS``)."""

    idle: dt.timedelta = dt.timedelta(hours=2)
    absolute: dt.timedelta = dt.timedelta(hours=12)
    # last-seen is written at most this often: a write per request would cost every page
    touch_every: dt.timedelta = dt.timedelta(minutes=1)

    def expired(self, created_at: dt.datetime, seen_at: dt.datetime, now: dt.datetime) -> bool:
        return now - seen_at >= self.idle or now - created_at >= self.absolute

    def needs_touch(self, seen_at: dt.datetime, now: dt.datetime) -> bool:
        return now - seen_at >= self.touch_every


@dataclass(frozen=True, slots=True)
class LoginSession:
    """A live session: its user as the ledger has them now (role and unit are never taken
    from the cookie), and the CSRF token its forms carry."""

    user_id: int
    username: str
    role: str
    unit_id: int | None
    unit_name: str | None
    unit_jurisdiction: str | None
    csrf: str
    created_at: dt.datetime
    seen_at: dt.datetime
