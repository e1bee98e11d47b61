"""Storage of the ledger: the only package that imports SQLAlchemy.

    from taizhang.store import Ledger
    with Ledger("sqlite:///taizhang.db") as ledger:          # or postgresql+psycopg://…
        result = ledger.ingest(doc, actor="cli:督查室")
        rows = ledger.list_items(unit="市发展改革委", jurisdiction="沈阳市", today=date(2026, 3, 1))

Migrations (Alembic, batch mode) run on open; methods return :mod:`taizhang.ledger.model`
objects. Errors are those of :mod:`taizhang.errors` (NotFound, PermissionDenied,
IllegalTransition, StaleEdit, StorageError).

``Ledger`` is loaded on first use, so :mod:`taizhang.store.sqlite_read` (the read-only listing
path for SQLite files, standard library only) can be imported without SQLAlchemy.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from taizhang.store.ledger import DocRef, Ledger, NoticeRef

__all__ = ["DocRef", "Ledger", "NoticeRef"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from taizhang.store import ledger

        return getattr(ledger, name)
    raise AttributeError(f"module 'taizhang.store' has no attribute {name!r}")
