"""Room on each page of ``items`` for its own updates (PostgreSQL fillfactor 70).

A report changes an item's status, percent and version, none of them indexed; with free space on
the page PostgreSQL rewrites the row in place (a HOT update) and leaves the item's indexes —
among them the two trigram GIN indexes of 0004 — untouched. Full pages force a new row version
and an entry in every index on every report. SQLite has no such setting: nothing to do there.

Revision ID: 0005_items_fillfactor
Revises: 0004_pg_trgm
"""
from __future__ import annotations

from alembic import op

revision = "0005_items_fillfactor"
down_revision = "0004_pg_trgm"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # new pages keep 30 % free; pages written before keep theirs until VACUUM FULL rewrites them
        op.execute("ALTER TABLE items SET (fillfactor = 70)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE items RESET (fillfactor)")
