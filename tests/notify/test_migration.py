"""Migration 0008 (the 催办 tables) goes down to 0007 and up again, on SQLite and PostgreSQL."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from taizhang.store import Ledger
from taizhang.store.revision import MIGRATIONS

TABLES = {"notify_contacts", "notify_units", "notify_log", "notify_entries", "notify_leases"}


def _migrate(ledger: Ledger, target: str, down: bool) -> None:
    import taizhang.store.engine as engine

    cfg = Config(str(Path(engine.__file__).with_name("alembic.ini")))
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with ledger.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        (command.downgrade if down else command.upgrade)(cfg, target)


def test_down_and_up(ledger: Ledger) -> None:
    assert TABLES <= set(inspect(ledger.engine).get_table_names())
    _migrate(ledger, "0007", down=True)  # to the revision before the notices'
    assert not TABLES & set(inspect(ledger.engine).get_table_names())
    assert ledger.list_items()  # the ledger itself untouched
    _migrate(ledger, "head", down=False)
    assert TABLES <= set(inspect(ledger.engine).get_table_names())
