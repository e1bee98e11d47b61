"""催办 settings, read once at the edge (``taizhang remind``, ``taizhang serve``) from TAIZHANG_*.

The SMTP password comes from the environment only: it is never stored in the ledger, shown or
logged (``repr`` leaves it out).
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from taizhang.errors import InputError

SECURITY = ("starttls", "ssl", "none")


def parse_clock(value: str, what: str) -> dt.time:
    """``"8:30"`` → 08:30; InputError naming ``what`` otherwise."""
    text = value.strip().replace("：", ":")
    try:
        hours, minutes = (int(x) for x in text.split(":"))
        return dt.time(hours, minutes)
    except ValueError:
        raise InputError(f"{what}“{value}”不是时刻", hint="请写成 HH:MM，例如 08:30") from None


def parse_quiet(value: str) -> tuple[dt.time | None, dt.time | None]:
    """Quiet hours: ``20:00-08:00`` → (20:00, 08:00); ``none`` (or empty) → no quiet hours."""
    text = value.strip()
    if text.lower() in ("none", "无", "不设", ""):
        return None, None
    start, sep, end = text.replace("—", "-").replace("–", "-").replace("~", "-").partition("-")
    if not sep:
        raise InputError(f"免打扰时段“{value}”格式不对", hint="请写成 20:00-08:00，或 none")
    return parse_clock(start, "免打扰开始"), parse_clock(end, "免打扰结束")


@dataclass(frozen=True, slots=True)
class NotifySettings:
    smtp_host: str | None = None
    smtp_port: int | None = None  # default by security: 587 starttls, 465 ssl, 25 none
    smtp_security: str = "starttls"
    smtp_user: str | None = None
    smtp_password: str | None = field(default=None, repr=False)
    smtp_from: str | None = None  # 台账督查室 <duchashi@example.gov.cn>
    smtp_cafile: str | None = None  # an internal mail server's own CA
    timeout: float = 10.0  # seconds per connection or request
    base_url: str | None = None  # where the web app is reached, for the links in notices
    robot_hosts: tuple[str, ...] = ()  # relays allowed besides the robots' own hosts
    attempts: int = 3  # tries per notice before it is recorded as failed
    backoff: float = 2.0  # seconds before the second try, doubled for each next one
    remind_at: dt.time | None = None  # `taizhang serve` sends the day's notices at this time
    monthly_day: int = 1  # the monthly 通报 goes out on this day of the month (or the first run after)

    @property
    def port(self) -> int:
        return self.smtp_port or {"ssl": 465, "none": 25}.get(self.smtp_security, 587)

    def link(self, path: str) -> str | None:
        return f"{self.base_url.rstrip('/')}{path}" if self.base_url else None

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "NotifySettings":
        e = os.environ if env is None else env
        security = e.get("TAIZHANG_SMTP_SECURITY", "starttls").strip().lower()
        if security not in SECURITY:
            raise InputError(f"TAIZHANG_SMTP_SECURITY“{security}”无法识别",
                             hint="可选：starttls（587 端口）、ssl（465 端口）、none（仅限内网中继）")
        remind_at = e.get("TAIZHANG_REMIND_AT")
        return cls(
            smtp_host=e.get("TAIZHANG_SMTP_HOST") or None,
            smtp_port=_int(e, "TAIZHANG_SMTP_PORT", None, 1, 65535),
            smtp_security=security,
            smtp_user=e.get("TAIZHANG_SMTP_USER") or None,
            smtp_password=e.get("TAIZHANG_SMTP_PASSWORD") or None,
            smtp_from=e.get("TAIZHANG_SMTP_FROM") or None,
            smtp_cafile=e.get("TAIZHANG_SMTP_CAFILE") or None,
            base_url=(e.get("TAIZHANG_BASE_URL") or "").strip() or None,
            robot_hosts=tuple(h.strip() for h in e.get("TAIZHANG_ROBOT_HOSTS", "").split(",")
                              if h.strip()),
            attempts=_int(e, "TAIZHANG_NOTIFY_ATTEMPTS", 3, 1, 10) or 3,
            backoff=(_int(e, "TAIZHANG_NOTIFY_BACKOFF_MS", 2000, 0, 600_000) or 0) / 1000,
            remind_at=parse_clock(remind_at, "TAIZHANG_REMIND_AT") if remind_at else None,
            monthly_day=_int(e, "TAIZHANG_MONTHLY_DAY", 1, 1, 28) or 1,
        )


def _int(env: Mapping[str, str], name: str, default: int | None, low: int,
         high: int) -> int | None:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw)
    except ValueError:
        raise InputError(f"{name}“{raw}”不是整数", hint=f"应在 {low} 到 {high} 之间") from None
    if not low <= value <= high:
        raise InputError(f"{name}“{raw}”超出范围", hint=f"应在 {low} 到 {high} 之间")
    return value
