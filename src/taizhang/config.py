"""Settings, read once at the edge (CLI, web) and handed down; never read at import."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from taizhang.limits import MAX_FILE_BYTES

DEFAULT_DB = "sqlite:///taizhang.db"


@dataclass(frozen=True, slots=True)
class LightThresholds:
    """亮灯 thresholds: yellow when the due date is this near, or progress lags elapsed time."""

    yellow_days: int = 15
    lag_percent: int = 20  # progress this many points behind 序时进度 → yellow
    report_grace_days: int = 5  # an occurrence unreported this long after its date → yellow


@dataclass(frozen=True, slots=True)
class Settings:
    db_url: str = DEFAULT_DB
    secret_key: str = "taizhang-dev-secret-change-me"
    evidence_dir: Path = Path("taizhang-evidence")
    lights: LightThresholds = field(default_factory=LightThresholds)
    max_file_bytes: int = MAX_FILE_BYTES

    @classmethod
    def from_env(cls, *, db_url: str | None = None) -> "Settings":
        env = os.environ
        return cls(
            db_url=db_url or env.get("TAIZHANG_DB") or DEFAULT_DB,
            secret_key=env.get("TAIZHANG_SECRET", cls.secret_key),
            evidence_dir=Path(env.get("TAIZHANG_EVIDENCE_DIR", "taizhang-evidence")),
            lights=LightThresholds(
                yellow_days=int(env.get("TAIZHANG_YELLOW_DAYS", 15)),
                lag_percent=int(env.get("TAIZHANG_LAG_PERCENT", 20)),
                report_grace_days=int(env.get("TAIZHANG_REPORT_GRACE_DAYS", 5)),
            ),
        )
