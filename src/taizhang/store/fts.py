"""Bringing SQLite's full-text index up to date (see migration 0003_fts_batches).

Items are indexed in batches: everything with an id above ``items_fts_state.upto`` waits for
:func:`catch_up`, which ``Ledger.search`` runs before every query (so a search always sees
every item) and ``taizhang ingest`` runs once after its files. One statement over many items
builds one index segment instead of one per document, and skips the merges in between.
"""
from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

_BEHIND = text("SELECT (SELECT upto FROM items_fts_state) < (SELECT coalesce(max(id), 0) "
               "FROM items)")
_INDEX = ("INSERT INTO items_fts(rowid, title, text) SELECT id, title, text FROM items "
          "WHERE id > (SELECT upto FROM items_fts_state)")
_ADVANCE = "UPDATE items_fts_state SET upto = (SELECT coalesce(max(id), 0) FROM items)"


def catch_up(engine: Engine) -> bool:
    """Index the items the full-text index does not cover yet; True if there were any.

    Nothing to do on PostgreSQL, or on an SQLite ledger of an older schema whose trigger
    still indexes every insert.
    """
    if engine.dialect.name != "sqlite":
        return False
    with engine.connect() as conn:
        try:
            if not conn.execute(_BEHIND).scalar():
                return False
        except OperationalError as err:
            if "no such table" in str(err):
                return False
            raise
        conn.rollback()
        try:
            # IMMEDIATE: take the write lock before reading, so no item can arrive between
            # the rows indexed and the mark that says they are
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except OperationalError as err:
            if "readonly" in str(err):  # a file we may only read: search what is indexed
                return False
            raise
        conn.exec_driver_sql(_INDEX)
        conn.exec_driver_sql(_ADVANCE)
        conn.commit()
    return True
