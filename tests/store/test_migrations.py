"""Alembic downgrade and upgrade, on SQLite (batch mode) and PostgreSQL.

Every revision's downgrade runs and the upgrade after it brings the ledger back, data kept:
down to the revision before 0006 (sessions and the instance secret go, nothing else changes),
then all the way to an empty database and up again.
"""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from taizhang.ledger.sessions import SessionPolicy
from taizhang.store import Ledger
from taizhang.store.engine import current_revision, open_engine
from taizhang.store.revision import MIGRATIONS, head_revision

from .conftest import snapshot
from .ledger_samples import shenyang


def _alembic(url: str, verb: str, target: str) -> None:
    from alembic import command
    from alembic.config import Config

    engine = open_engine(url)
    try:
        cfg = Config(str(MIGRATIONS.parent / "alembic.ini"))
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            getattr(command, verb)(cfg, target)
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = open_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _revision(url: str) -> str | None:
    engine = open_engine(url)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def test_the_sessions_migration_goes_down_and_up_keeping_the_ledger(db_url: str) -> None:
    with Ledger(db_url) as ledger:
        ledger.ingest(shenyang(), actor="test")
        ledger.instance_secret()
    assert {"sessions", "instance"} <= _tables(db_url)
    _alembic(db_url, "downgrade", "0008")  # 0009's columns of documents go first (tested below)
    kept = {k: v for k, v in snapshot(db_url).items()
            if k not in ("sessions", "instance", "alembic_version")}
    _alembic(db_url, "downgrade", "0005_items_fillfactor")
    assert _revision(db_url) == "0005_items_fillfactor"
    assert not {"sessions", "instance"} & _tables(db_url)
    after = {k: v for k, v in snapshot(db_url).items() if k != "alembic_version"}
    # the ledger's own rows are all there (later migrations' tables, empty here, went down too)
    assert {"documents", "items", "units"} <= set(after) and after == {k: kept[k] for k in after}
    with Ledger(db_url) as ledger:  # opening upgrades again
        assert _revision(db_url) == head_revision()
        assert ledger.find_session("0" * 64, SessionPolicy()) is None
        assert len(ledger.list_items()) == 3


def _columns(url: str, table: str) -> set[str]:
    engine = open_engine(url)
    try:
        return {c["name"] for c in inspect(engine).get_columns(table)}
    finally:
        engine.dispose()


def test_the_jurisdiction_evidence_migration_goes_down_and_up(db_url: str) -> None:
    with Ledger(db_url) as ledger:
        ledger.ingest(shenyang(), actor="test")
    new = {"jurisdiction_evidence", "review_flags"}
    assert new <= _columns(db_url, "documents")
    _alembic(db_url, "downgrade", "0008")  # plain DROP COLUMN: items' foreign keys stay intact
    assert not new & _columns(db_url, "documents")
    with Ledger(db_url) as ledger:  # opening upgrades; the old row has no evidence, not an error
        record = ledger.list_documents()[0]
        assert record.jurisdiction == "沈阳市" and record.jurisdiction_evidence == ()
        assert len(ledger.list_items()) == 3


def test_the_document_files_migration_goes_down_and_up_keeping_the_ledger(
        db_url: str, tmp_path: Path) -> None:
    """A ledger at 0009 with documents upgrades to 0010 with every row kept; its older
    documents simply have no pages, and new ones keep theirs."""
    from taizhang.ledger.pages import SourceFile
    from taizhang.parse import parse
    from taizhang.readers import read_path

    from tests.readers.conftest import build_marked_pdf

    with Ledger(db_url) as ledger:
        ledger.ingest(shenyang(), actor="test")
    _alembic(db_url, "downgrade", "0009")
    assert _revision(db_url) == "0009" and "document_files" not in _tables(db_url)
    kept = {k: v for k, v in snapshot(db_url).items() if k != "alembic_version"}
    _alembic(db_url, "upgrade", "head")
    assert _revision(db_url) == head_revision() == "0010"
    after = snapshot(db_url)
    assert {k: after[k] for k in kept} == kept and after["document_files"] == []
    read = read_path(build_marked_pdf(tmp_path / "方案.pdf"))
    with Ledger(db_url) as ledger:
        old = ledger.list_documents()[0]
        assert ledger.document_pages(old.id) is None and len(ledger.list_items()) == 3
        new = ledger.ingest(parse(read.text, source=read.source), actor="test",
                            source=SourceFile.of(read))
        assert ledger.document_pages(new.document.id).starts == read.pages
    _alembic(db_url, "downgrade", "0009")  # the table goes, the documents stay
    assert "document_files" not in _tables(db_url)
    with Ledger(db_url) as ledger:
        assert len(ledger.list_documents(all_versions=True)) == 2  # the PDF is version 2


def test_every_revision_downgrades_to_empty_and_upgrades_back(db_url: str) -> None:
    with Ledger(db_url) as ledger:
        ledger.ingest(shenyang(), actor="test")
    _alembic(db_url, "downgrade", "base")
    assert _tables(db_url) <= {"alembic_version"}
    _alembic(db_url, "upgrade", "head")
    assert _revision(db_url) == head_revision()
    with Ledger(db_url) as ledger:
        ledger.ingest(shenyang(), actor="test")
        assert len(ledger.list_items()) == 3


def test_the_migration_files_form_one_line(tmp_path: Path) -> None:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(MIGRATIONS))
    assert len(scripts.get_heads()) == 1  # two branches each adding a migration must be re-chained
    assert len(list(scripts.walk_revisions())) == len(list(MIGRATIONS.glob("versions/0*.py")))
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    _alembic(url, "upgrade", "head")
    assert _revision(url) == head_revision()
