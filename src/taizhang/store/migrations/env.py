"""Alembic environment: runs on the connection taizhang hands in (batch mode for SQLite)."""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from taizhang.store.schema import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    # `alembic -c src/taizhang/store/alembic.ini -x url=… upgrade head` from a shell
    url = context.get_x_argument(as_dictionary=True).get("url")
    engine = create_engine(url or config.get_main_option("sqlalchemy.url") or "sqlite:///taizhang.db")
    with engine.begin() as conn:
        _run_on(conn)


def _run_on(connection: object) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=True)  # SQLite cannot ALTER most things: copy-and-move
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("taizhang migrations run online only")
run()
