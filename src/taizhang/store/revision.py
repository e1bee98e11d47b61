"""The newest migration, read from the migration files: no SQLAlchemy or Alembic import.

Both the engine (skip Alembic when a ledger is already at HEAD) and the read-only SQLite path
(use it only on a database at HEAD) need this answer, and neither may pay for importing
Alembic to get it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w.-]+|None)['\"]?", re.M)


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The revision no other migration names as its parent; None when there are several."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REVISION.findall(path.read_text(encoding="utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            parents.add(found.get("down_revision", "None"))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None  # several heads: let Alembic decide


@lru_cache(maxsize=1)
def known_revisions() -> frozenset[str]:
    """Every revision id this program's migrations define (a backup's must be one of them)."""
    found: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found.update(v for k, v in _REVISION.findall(path.read_text(encoding="utf-8"))
                     if k == "revision")
    return frozenset(found)
