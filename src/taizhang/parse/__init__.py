"""Pure parsing core: text in, :class:`Document` out. No I/O, no clock, nothing heavy imported."""
from __future__ import annotations

from taizhang.parse.document import parse
from taizhang.parse.model import (
    SCHEMA,
    Assignment,
    Deadline,
    Document,
    ParseWarning,
    Period,
    Reference,
    Target,
    Task,
    WarningCode,
)

__all__ = [
    "Assignment",
    "Deadline",
    "Document",
    "ParseWarning",
    "Period",
    "Reference",
    "SCHEMA",
    "Target",
    "Task",
    "WarningCode",
    "parse",
]
