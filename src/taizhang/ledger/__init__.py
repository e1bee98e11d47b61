"""Pure ledger domain: items from a document, the status workflow table, schedules and lights.

No database, no files, no clock: ``today`` is always handed in.
"""
from __future__ import annotations

from taizhang.ledger.model import (
    FINISHED,
    AuditEntry,
    Correction,
    DocState,
    DocumentRecord,
    DubanLevel,
    DubanNotice,
    DubanState,
    IngestResult,
    Light,
    Occurrence,
    ProgressUpdate,
    Report,
    Role,
    Status,
    Unit,
    UnitStats,
    User,
    WorkItem,
)

__all__ = [
    "FINISHED",
    "AuditEntry",
    "Correction",
    "DocState",
    "DocumentRecord",
    "DubanLevel",
    "DubanNotice",
    "DubanState",
    "IngestResult",
    "Light",
    "Occurrence",
    "ProgressUpdate",
    "Report",
    "Role",
    "Status",
    "Unit",
    "UnitStats",
    "User",
    "WorkItem",
]
