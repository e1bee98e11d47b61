"""Settings, read once at the edge (CLI, web) and handed down; never read at import."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from taizhang.errors import InputError
from taizhang.limits import MAX_FILE_BYTES

if TYPE_CHECKING:
    from taizhang.ledger.sessions import SessionPolicy

DEFAULT_DB = "sqlite:///taizhang.db"
MIN_SECRET = 32  # characters of TAIZHANG_SECRET: a short word would be guessed, not kept


@dataclass(frozen=True, slots=True)
class LightThresholds:
    """亮灯 thresholds: yellow when the due date is this near, or progress lags elapsed time."""

    yellow_days: int = 15
    lag_percent: int = 20  # progress this many points behind 序时进度 → yellow
    report_grace_days: int = 5  # an occurrence unreported this long after its date → yellow


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str = DEFAULT_DB
    # None: the ledger's own secret, generated on first run and kept in its database
    # (``instance`` table). There is no default string: a constant would sign for anyone.
    secret_key: str | None = None
    evidence_dir: Path = Path("taizhang-evidence")
    lights: LightThresholds = field(default_factory=LightThresholds)
    max_file_bytes: int = MAX_FILE_BYTES
    session_idle_minutes: int = 120  # a login unused this long ends
    session_max_hours: int = 12  # and every login ends this long after it began
    # addresses (or networks, 10.0.0.0/8) of reverse proxies whose X-Forwarded-Proto/-For
    # are believed; from anyone else those headers are ignored
    trusted_proxies: tuple[str, ...] = ()
    upload_timeout: float = 30.0  # seconds one upload may take to read and parse
    upload_memory_mb: int = 1024  # address space of the process that reads uploads
    upload_workers: int = 2  # processes reading uploads (each parse is one CPU)

    @property
    def session_policy(self) -> "SessionPolicy":
        from taizhang.ledger.sessions import SessionPolicy

        return SessionPolicy(idle=dt.timedelta(minutes=self.session_idle_minutes),
                             absolute=dt.timedelta(hours=self.session_max_hours))

    @classmethod
    def from_env(cls, *, db_url: str | None = None) -> "Settings":
        env = os.environ
        return cls(
            db_url=db_url or env.get("TAIZHANG_DB") or DEFAULT_DB,
            secret_key=checked_secret(env.get("TAIZHANG_SECRET")),
            evidence_dir=Path(env.get("TAIZHANG_EVIDENCE_DIR", "taizhang-evidence")),
            lights=LightThresholds(
                yellow_days=_int(env, "TAIZHANG_YELLOW_DAYS", 15),
                lag_percent=_int(env, "TAIZHANG_LAG_PERCENT", 20),
                report_grace_days=_int(env, "TAIZHANG_REPORT_GRACE_DAYS", 5),
            ),
            session_idle_minutes=_int(env, "TAIZHANG_SESSION_IDLE_MINUTES", 120, least=1),
            session_max_hours=_int(env, "TAIZHANG_SESSION_MAX_HOURS", 12, least=1),
            trusted_proxies=tuple(p.strip() for p in env.get("TAIZHANG_TRUSTED_PROXIES", "")
                                  .split(",") if p.strip()),
            upload_timeout=float(_int(env, "TAIZHANG_UPLOAD_TIMEOUT", 30, least=1)),
            upload_memory_mb=_int(env, "TAIZHANG_UPLOAD_MEMORY_MB", 1024, least=256),
            upload_workers=_int(env, "TAIZHANG_UPLOAD_WORKERS", 2, least=1),
        )


def checked_secret(value: str | None) -> str | None:
    """TAIZHANG_SECRET as given, or None when unset; a short one is refused, not used."""
    if value is None or not value.strip():
        return None
    if len(value.strip()) < MIN_SECRET:
        raise InputError(f"环境变量 TAIZHANG_SECRET 太短（{len(value.strip())} 个字符），"
                         f"至少需要 {MIN_SECRET} 个字符",
                         hint="可用 python3 -c \"import secrets; print(secrets.token_urlsafe(48))\" "
                              "生成；或不设置它，由台账自动生成并保存在数据库中")
    return value.strip()


def _int(env: "os._Environ[str]", name: str, default: int, *, least: int = 0) -> int:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise InputError(f"环境变量 {name}=“{raw}”不是整数", hint=f"请改为整数（默认 {default}）") from None
    if value < least:
        raise InputError(f"环境变量 {name}={value} 太小，至少为 {least}", hint=f"默认 {default}")
    return value


