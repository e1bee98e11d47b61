"""Corpus ↔ ledger: documents picked by a condition go into a real ledger (SQLite file and
PostgreSQL) exactly as the corpus holds them; a corpus is built from a ledger."""
from __future__ import annotations

import json
from pathlib import Path
import uuid
from collections.abc import Iterator

import pytest

from taizhang.store import Ledger

from .conftest import read_tables, run_taizhang

PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh SQLite file, or a fresh PostgreSQL database with a random name (dropped after)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'ledger.db'}"
        return
    from sqlalchemy import create_engine, text

    name = f"taizhang_corpus_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_ingest_then_build_back(local_build: Path, db_url: str, tmp_path: Path) -> None:
    where = "place = '大连市' AND issuer IS NOT NULL"
    done = run_taizhang("corpus", "ingest", str(local_build), "--where", where, "--db", db_url)
    assert done.returncode == 0, done.stderr
    from taizhang.corpus.query import connect

    con = connect(local_build)
    wanted = {json.loads(p)["source"]: json.loads(p) for (p,) in
              con.sql(f"SELECT parse_json FROM documents WHERE {where}").fetchall()}
    assert wanted and f"新导入 {len(wanted)} 份" in done.stdout
    with Ledger(db_url) as ledger:
        stored = {r.source: ledger.document_parse(r.id) for r in ledger.list_documents()}
        assert sum(r.item_count for r in ledger.list_documents()) > 0
    assert stored == wanted  # the ledger holds the corpus's parse, not another one

    again = run_taizhang("corpus", "ingest", str(local_build), "--where", where, "--db", db_url)
    assert f"未变化 {len(wanted)} 份" in again.stdout
    # like `taizhang ingest`, a first import that stores nothing leaves no new SQLite file
    unmade = tmp_path / "无.db"
    none = run_taizhang("corpus", "ingest", str(local_build), "--where", "place = '火星'",
                        "--db", f"sqlite:///{unmade}")
    assert none.returncode == 0 and "没有文件符合条件" in none.stderr and not unmade.exists()

    out = tmp_path / "台账语料"
    built = run_taizhang("corpus", "build", "--db", db_url, "--out", str(out), "--workers", "1")
    assert built.returncode == 0, built.stderr
    docs = read_tables(out)["documents"]
    assert {json.loads(r[-1])["source"] for r in docs} == set(wanted)
    # parsed again from the ledger's text: the same parse as the files gave
    assert all(json.loads(r[-1]) == wanted[json.loads(r[-1])["source"]] for r in docs)
    skip = run_taizhang("corpus", "build", "--db", db_url, "--out", str(out), "--workers", "1")
    assert "新解析 0 份" in skip.stdout
    assert "://" not in " ".join(r[1] for r in docs)  # sources name the database, never its URL


def test_ingest_condition_errors(local_build: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'l.db'}"
    done = run_taizhang("corpus", "ingest", str(local_build), "--where", "no_such_column = 1", "--db", db)
    assert done.returncode == 2 and "--where 条件有误" in done.stderr
