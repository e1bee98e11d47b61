"""SQLite full-text index: new items are indexed in batches, not by a trigger per row.

Indexing each item as it is inserted (trigram FTS5, one small segment per document and the
merges that follow) was half the cost of an ingest. Now ``items_fts_state.upto`` says which
items the index covers (every id up to it); :func:`taizhang.store.fts.catch_up` indexes the
rest in one statement, before every search and at the end of ``taizhang ingest``. Deletes and
title/text changes of covered items still go through triggers, so covered rows stay exact.
PostgreSQL has no such index (search uses ILIKE): nothing to do there.

Revision ID: 0003_fts_batches
Revises: 0002_links
"""
from __future__ import annotations

from alembic import op

revision = "0003_fts_batches"
down_revision = "0002_links"
branch_labels = None
depends_on = None

_COVERED = "WHEN old.id <= (SELECT upto FROM items_fts_state)"
_DELETE = ("INSERT INTO items_fts(items_fts, rowid, title, text) "
           "VALUES ('delete', old.id, old.title, old.text);")
_INSERT = "INSERT INTO items_fts(rowid, title, text) VALUES (new.id, new.title, new.text);"


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE TABLE items_fts_state (id INTEGER PRIMARY KEY CHECK (id = 1), "
               "upto INTEGER NOT NULL)")
    # everything there so far was indexed by the trigger being dropped
    op.execute("INSERT INTO items_fts_state (id, upto) SELECT 1, coalesce(max(id), 0) FROM items")
    for name in ("items_fts_ai", "items_fts_ad", "items_fts_au"):
        op.execute(f"DROP TRIGGER {name}")
    op.execute(f"CREATE TRIGGER items_fts_ad AFTER DELETE ON items {_COVERED} BEGIN {_DELETE} END")
    op.execute(f"CREATE TRIGGER items_fts_au AFTER UPDATE OF title, text ON items {_COVERED} "
               f"BEGIN {_DELETE} {_INSERT} END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("INSERT INTO items_fts(rowid, title, text) SELECT id, title, text FROM items "
               "WHERE id > (SELECT upto FROM items_fts_state)")
    for name in ("items_fts_ad", "items_fts_au"):
        op.execute(f"DROP TRIGGER {name}")
    op.execute("DROP TABLE items_fts_state")
    op.execute(f"CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN {_INSERT} END")
    op.execute(f"CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN {_DELETE} END")
    op.execute(f"CREATE TRIGGER items_fts_au AFTER UPDATE OF title, text ON items BEGIN "
               f"{_DELETE} {_INSERT} END")
