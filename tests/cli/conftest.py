"""The command line as a user meets it: run in this process, with the real parser and ledger.

``cli`` runs ``taizhang ARGS`` (exit code, stdout, stderr). ``demo_db`` is an SQLite ledger
of the five sample documents (004, which names no issuer, under 沈阳市), copied for each test
that may change it. ``pg_url`` is a fresh, empty PostgreSQL database with a random name,
dropped at the end (the server on 127.0.0.1:5432 must be running: these tests fail, never skip).
"""
from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from taizhang.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
UNTITLED = SAMPLES / "004_d9f934d189bcf9a8.txt"
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BASE = "postgresql+psycopg://postgres@127.0.0.1:5432/"

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Run:
    def run(*args: object) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            code = main([str(a) for a in args]) or 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        got = capsys.readouterr()
        return int(code), got.out, got.err
    return run


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from taizhang.parse import parse
    from taizhang.store import Ledger

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Ledger(f"sqlite:///{path}") as ledger:
        for f in sorted(SAMPLES.glob("*.txt")):
            doc = parse(f.read_text("utf-8"), source=f.name)
            ledger.ingest(doc, actor="test", jurisdiction="沈阳市" if f == UNTITLED else None)
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> str:
    """A copy of the sample ledger for this test (its URL)."""
    copy = tmp_path / "ledger.db"
    shutil.copyfile(demo_template, copy)
    return f"sqlite:///{copy}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    name = f"taizhang_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:  # fails loudly when PG is down
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_BASE + name
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def pg_tables(url: str) -> list[str]:
    plain = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain) as conn:
        return sorted(r[0] for r in conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"))
