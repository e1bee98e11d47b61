"""``taizhang backup`` / ``taizhang restore``: restore and compare, on SQLite and PostgreSQL.

Every table of the restored ledger equals the original's (sessions excepted: nobody stays
logged in through a restore), every evidence file comes back byte for byte, and a damaged,
foreign or newer archive, or a target that is not empty, is refused before anything is written.
"""
from __future__ import annotations

import datetime as dt
import io
import json
import tarfile
import threading
import uuid
from pathlib import Path
from typing import Any

import psycopg
import pytest

from taizhang.errors import InputError
from taizhang.ledger.model import Status
from taizhang.store import Ledger
from taizhang.store.backup import backup, restore

from .conftest import PG_ADMIN, PG_BASE, snapshot
from .ledger_samples import jilin, shenyang

TODAY = dt.date(2019, 6, 1)


def _other_url(db_url: str, tmp_path: Path, pg_databases: list[str], name: str) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / (name + '.db')}"
    made = f"taizhang_restore_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{made}"')
    pg_databases.append(made)
    return PG_BASE + made


def ingest_seed(ledger: Ledger) -> None:
    ledger.ingest(shenyang(), actor="test")
    ledger.ingest(jilin(), actor="test")


def _filled(db_url: str, evidence: Path) -> Ledger:
    ledger = Ledger(db_url)
    ingest_seed(ledger)
    item = ledger.list_items(today=TODAY)[0]
    (evidence / str(item.id)).mkdir(parents=True)
    (evidence / str(item.id) / "0a1b2c3d-进展.pdf").write_bytes(b"%PDF-1.4 " + bytes(range(256)))
    (evidence / "考核权重.tsv").write_text("lead\t1\n", encoding="utf-8")
    ledger.report(item.id, unit=item.lead, actor="fgw", today=TODAY, status=Status.IN_PROGRESS,
                  percent=30, text="已完成选址", evidence=[f"{item.id}/0a1b2c3d-进展.pdf"])
    ledger.create_user("admin", "argon2-hash-stand-in", "admin")
    from taizhang.ledger.sessions import SessionPolicy

    ledger.create_session("d" * 64, username="admin", csrf="c" * 43, address="127.0.0.1",
                          policy=SessionPolicy())
    ledger.instance_secret()
    return ledger


def _without_sessions(tables: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in tables.items() if k != "sessions"}


def test_restore_and_compare(db_url: str, tmp_path: Path, pg_databases: list[str]) -> None:
    evidence = tmp_path / "evidence"
    ledger = _filled(db_url, evidence)
    ledger.close()
    archive = tmp_path / "备份.tar.gz"
    info = backup(db_url, evidence, archive)
    assert info.evidence_files == 2 and info.counts["reports"] == 1
    target = _other_url(db_url, tmp_path, pg_databases, "restored")
    restored_evidence = tmp_path / "restored-evidence"
    restore(archive, target, restored_evidence)
    before, after = snapshot(db_url), snapshot(target)
    assert after["sessions"] == [] and before["sessions"] != []
    assert _without_sessions(after) == _without_sessions(before)
    for path in evidence.rglob("*"):
        if path.is_file():
            twin = restored_evidence / path.relative_to(evidence)
            assert twin.read_bytes() == path.read_bytes()
    with Ledger(target) as again:  # and it works as a ledger, with the same secret
        assert len(again.list_items()) == len(Ledger(db_url).list_items())
        assert again.instance_secret() == Ledger(db_url).instance_secret()


def test_a_backup_taken_while_units_report_is_consistent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    evidence = tmp_path / "evidence"
    evidence.mkdir()
    ledger = Ledger(url)
    ingest_seed(ledger)
    items = [i for i in ledger.list_items(today=TODAY) if i.lead]
    stop = threading.Event()

    def report() -> None:
        n = 0
        while not stop.is_set():
            item = items[n % len(items)]
            ledger.report(item.id, unit=item.lead, actor="busy", today=TODAY, text=f"第{n}次")
            n += 1

    writer = threading.Thread(target=report)
    writer.start()
    try:
        backup(url, evidence, tmp_path / "busy.tar.gz")
    finally:
        stop.set()
        writer.join()
    ledger.close()
    target = f"sqlite:///{tmp_path / 'copy.db'}"
    restore(tmp_path / "busy.tar.gz", target, tmp_path / "copy-evidence")
    tables = snapshot(target)
    reports = len(tables["reports"])
    audited = sum(1 for row in tables["audit"] if "'item.report'" in row)
    assert reports == audited  # each report with its audit line: a consistent moment


def _rewrite(archive: Path, target: Path, *, manifest: Any = None, tamper: str | None = None) -> None:
    """A copy of the archive with its manifest changed or one member's bytes altered."""
    with tarfile.open(archive, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "manifest.json" and manifest is not None:
                data = json.dumps(manifest(json.loads(data))).encode()
            if member.name == tamper:
                data = data[:-1] + bytes([data[-1] ^ 1])
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))


@pytest.mark.parametrize(("change", "message"), [
    pytest.param({"tamper": "evidence/考核权重.tsv"}, "校验不符", id="tampered_member"),
    pytest.param({"manifest": lambda m: {**m, "revision": "9999_from_the_future"}},
                 "更新版本", id="newer_revision"),
    pytest.param({"manifest": lambda m: {**m, "format": "other/1"}}, "格式", id="foreign_format"),
    pytest.param({"manifest": lambda m: {**m, "dialect": "postgresql"}}, "PostgreSQL 数据库的备份",
                 id="other_dialect"),
    pytest.param({"manifest": lambda m: {**m, "sha256": {**m["sha256"], "evidence/多余": "0" * 64}}},
                 "不完整", id="missing_member"),
])
def test_a_bad_archive_is_refused_and_nothing_is_written(
        change: dict[str, Any], message: str, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'source.db'}"
    evidence = tmp_path / "evidence"
    _filled(url, evidence).close()
    backup(url, evidence, tmp_path / "good.tar.gz")
    bad = tmp_path / "bad.tar.gz"
    _rewrite(tmp_path / "good.tar.gz", bad, **change)
    target = tmp_path / "target.db"
    with pytest.raises(InputError, match=message):
        restore(bad, f"sqlite:///{target}", tmp_path / "target-evidence")
    assert not target.exists() and not (tmp_path / "target-evidence").exists()


def test_targets_with_data_are_refused_unless_replaced_and_kept(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'source.db'}"
    evidence = tmp_path / "evidence"
    _filled(url, evidence).close()
    archive = tmp_path / "b.tar.gz"
    backup(url, evidence, archive)
    with pytest.raises(InputError, match="已存在且有内容"):
        restore(archive, url, tmp_path / "elsewhere")
    with pytest.raises(InputError, match="已有文件"):
        restore(archive, f"sqlite:///{tmp_path / 'new.db'}", evidence)
    assert not (tmp_path / "new.db").exists()
    restore(archive, url, evidence, replace=True)  # the old file and folder are moved aside
    kept = sorted(p.name for p in tmp_path.iterdir() if "before-restore" in p.name)
    assert any(n.startswith("source.db.before-restore-") for n in kept)
    assert any(n.startswith("evidence.before-restore-") for n in kept)


@pytest.mark.postgres
def test_postgresql_restores_only_into_an_empty_database(tmp_path: Path,
                                                         pg_databases: list[str]) -> None:
    source = _other_url("postgresql", tmp_path, pg_databases, "source")
    _filled(source, tmp_path / "evidence").close()
    backup(source, tmp_path / "evidence", tmp_path / "pg.tar.gz")
    with pytest.raises(InputError, match="不是空库"):
        restore(tmp_path / "pg.tar.gz", source, tmp_path / "other-evidence")
    with pytest.raises(InputError, match="SQLite"):
        restore(tmp_path / "pg.tar.gz", f"sqlite:///{tmp_path / 'x.db'}", tmp_path / "x-ev")
