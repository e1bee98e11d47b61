"""What the ledger keeps of every notice: to whom, what, when, and whether it went through."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from taizhang.notify.contacts import CHANNELS

KINDS = {"digest": "每日催办", "monthly": "月度通报", "test": "发送测试"}
STATES = {"sent": "已发送", "failed": "发送失败"}


@dataclass(frozen=True, slots=True)
class NoticeRecord:
    """One notice to one contact (the target masked), with the entry keys it carried."""

    id: int
    unit_id: int | None
    contact_id: int | None
    kind: str  # digest | monthly | test
    channel: str
    target: str
    day: dt.date
    subject: str
    counts: dict[str, int]
    state: str  # sent | failed
    attempts: int
    error: str
    created_at: dt.datetime
    actor: str
    unit: str | None = None
    keys: tuple[str, ...] = field(default=())

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.kind, self.kind)

    @property
    def state_label(self) -> str:
        return STATES.get(self.state, self.state)

    @property
    def channel_label(self) -> str:
        return CHANNELS.get(self.channel, self.channel)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "unit_id": self.unit_id, "unit": self.unit,
                "contact_id": self.contact_id, "kind": self.kind, "channel": self.channel,
                "target": self.target, "day": self.day.isoformat(), "subject": self.subject,
                "counts": self.counts, "state": self.state, "attempts": self.attempts,
                "error": self.error, "created_at": self.created_at.isoformat(),
                "actor": self.actor, "keys": list(self.keys)}
