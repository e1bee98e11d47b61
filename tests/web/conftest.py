"""A real ledger (SQLite in a temp dir, or PostgreSQL) with seed 001 published and three users."""
from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from taizhang.config import Settings
from taizhang.parse import parse
from taizhang.readers import read_path
from taizhang.store import Ledger
from taizhang.web import create_app
from taizhang.web.auth import hash_password

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SEED = SAMPLES / "001_78cdeab974107ec5.txt"  # 沈阳市 满园扩园 plan: 62 tasks
TODAY = dt.date(2019, 6, 1)
PASSWORD = "correct-horse-9"
# the reporter's unit and a unit it does not belong to, both leads in the seed
OWN_UNIT, OTHER_UNIT = "市发展改革委", "市外经贸局"


def seed_ledger(ledger: Ledger) -> None:
    read = read_path(SEED)
    result = ledger.ingest(parse(read.text, source=read.source), actor="test")
    if result.document.state.value == "draft":
        ledger.publish(result.document.id, actor="test")
    own = ledger.resolve_unit("沈阳市", OWN_UNIT)
    digest = hash_password(PASSWORD)  # one hash for all: argon2 is slow on purpose
    ledger.create_user("admin", digest, "admin")
    ledger.create_user("fgw", digest, "reporter", unit_id=own.id)
    ledger.create_user("leader", digest, "leader")


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    lg = Ledger(f"sqlite:///{tmp_path / 'web.db'}")
    seed_ledger(lg)
    yield lg
    lg.close()


@pytest.fixture
def pg_ledger() -> Iterator[Ledger]:
    """The same ledger on PostgreSQL (127.0.0.1:5432, trust auth): own database, dropped after."""
    import psycopg

    name = f"taizhang_web_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    lg = Ledger(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
    try:
        seed_ledger(lg)
        yield lg
    finally:
        lg.close()
        with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres",
                             autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_client(ledger: Ledger, tmp_path: Path) -> TestClient:
    settings = Settings(db_url=ledger.url, secret_key="test-secret-" + uuid.uuid4().hex,
                        evidence_dir=tmp_path / "evidence", max_file_bytes=200_000)
    return TestClient(create_app(settings, ledger=ledger, today=lambda: TODAY),
                      raise_server_exceptions=False)


@pytest.fixture
def client(ledger: Ledger, tmp_path: Path) -> TestClient:
    return make_client(ledger, tmp_path)


def csrf_of(client: TestClient, path: str = "/login") -> str:
    page = client.get(path)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert match, f"no CSRF field on {path}"
    return match.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in through the form; the session's CSRF token for later posts."""
    token = csrf_of(client)
    r = client.post("/login", data={"username": username, "password": password,
                                    "csrf_token": token, "next": "/"}, follow_redirects=False)
    assert r.status_code == 303, r.text[:500]
    return csrf_of(client, "/")


def item_of(ledger: Ledger, unit: str) -> Any:
    return ledger.list_items(unit=unit, jurisdiction="沈阳市", role="lead", today=TODAY)[0]
