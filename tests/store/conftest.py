"""Fixtures for store and CLI tests: a fresh SQLite file or a fresh PostgreSQL database per test.

PostgreSQL must be running on 127.0.0.1:5432 (trust auth, user postgres): these tests fail, they
do not skip, when it is not, so a green run always means both databases were exercised.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, inspect, text

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/"


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[list[str]]:
    """Databases made during the session, all dropped at its end."""
    made: list[str] = []
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:  # fails loudly when PG is down
        conn.execute("SELECT 1")
    yield made
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        for name in made:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Any, pg_databases: list[str]) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.db'}"
    name = f"taizhang_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    pg_databases.append(name)
    return PG_BASE + name


def snapshot(url: str) -> dict[str, Any]:
    """Every table's rows, to prove that a refused command wrote nothing."""
    engine = create_engine(url)
    try:
        names = sorted(n for n in inspect(engine).get_table_names()
                       if not n.startswith("items_fts"))
        with engine.connect() as conn:
            return {n: sorted(map(repr, conn.execute(text(f'SELECT * FROM "{n}"')).all()))
                    for n in names}
    finally:
        engine.dispose()
