"""taizhang（台账）: Chinese policy documents in, tracked task ledgers out.

The public library surface is small: ``parse`` (text → Document) and the document model.
Storage, exports and the web app are adapters in their own packages.
"""
from __future__ import annotations

from taizhang.parse import (
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
    parse,
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
__version__ = "0.1.0"
