"""PostgreSQL search through trigram indexes (pg_trgm), the counterpart of SQLite's FTS5.

``Ledger.search`` on PostgreSQL matches ``title ILIKE '%词%' OR text ILIKE '%词%'``; without an
index every search read all items (20,000 items: 0.1–0.5 s). GIN indexes with
``gin_trgm_ops`` answer the same ILIKE for words of three characters or more (pg_trgm hashes
Chinese characters into trigrams like any others), so the query and its results are
unchanged, only faster. Shorter words still scan, as FTS5's trigram tokenizer does on SQLite.
SQLite keeps its FTS5 table (migrations 0001 and 0003): nothing to do there.

``CREATE EXTENSION`` needs a role allowed to create it (pg_trgm is a trusted extension since
PostgreSQL 13: the database owner may).

Revision ID: 0004_pg_trgm
Revises: 0003_fts_batches
"""
from __future__ import annotations

from alembic import op

revision = "0004_pg_trgm"
down_revision = "0003_fts_batches"
branch_labels = None
depends_on = None

_INDEXES = (("ix_items_title_trgm", "title"), ("ix_items_text_trgm", "text"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in _INDEXES:
        op.create_index(name, "items", [column], postgresql_using="gin",
                        postgresql_ops={column: "gin_trgm_ops"})


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, _ in _INDEXES:
        op.drop_index(name, table_name="items")
    # the extension stays: other schemas of the database may use it
