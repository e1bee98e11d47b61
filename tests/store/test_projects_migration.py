"""Migration 0007 adds only the register's tables and comes off cleanly (SQLite and PostgreSQL)."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from taizhang.store import Ledger
from taizhang.store.engine import MIGRATIONS

TABLES = {"project_zones", "project_zone_aliases", "projects", "project_reports",
          "project_blockers", "project_blocker_replies", "project_weights"}


def _alembic(ledger: Ledger, verb: str, target: str) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config(str(Path(MIGRATIONS).parent / "alembic.ini"))
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with ledger.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        getattr(command, verb)(cfg, target)


def test_down_and_up_again(db_url: str) -> None:
    ledger = Ledger(db_url)
    try:
        before = set(inspect(ledger.engine).get_table_names())
        assert TABLES <= before
        _alembic(ledger, "downgrade", "0006")  # the revision before the projects'
        after = set(inspect(ledger.engine).get_table_names())
        # the ledger's own tables stay (later revisions' tables went down with this one)
        assert not TABLES & after and {"documents", "items", "units", "sessions"} <= after
        _alembic(ledger, "upgrade", "head")
        assert TABLES <= set(inspect(ledger.engine).get_table_names())
    finally:
        ledger.close()
