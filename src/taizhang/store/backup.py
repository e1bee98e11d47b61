"""``taizhang backup`` / ``taizhang restore``: the ledger and its evidence files in one archive.

    backup("sqlite:///taizhang.db", Path("taizhang-evidence"), Path("备份.tar.gz"))
    restore(Path("备份.tar.gz"), "sqlite:///新.db", Path("新-evidence"))

The archive is a gzip'd tar: ``manifest.json`` (format, dialect, migration revision, counts
and the SHA-256 of every member), the database — SQLite through its online backup API (a
consistent copy while the app keeps writing), PostgreSQL through ``pg_dump --format=custom`` —
and ``evidence/…``, the files units uploaded as proof.

Restoring checks everything before it writes anything: the manifest, every member's hash, the
revision (a backup of a newer taizhang is refused), and that the targets are empty. It then
writes beside the targets and moves into place; with ``replace=True`` an existing SQLite file
and evidence folder are moved aside (``….before-restore-<time>``), never deleted. Sessions of
the backup are not brought back: everyone logs in again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from taizhang.errors import InputError, StorageError

FORMAT = "taizhang-backup/1"
PG_TOOLS_HINT = "请安装 PostgreSQL 客户端工具（Debian/Ubuntu：apt-get install postgresql-client），版本不低于服务器"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    dialect: str
    revision: str | None
    evidence_files: int
    size: int  # bytes of the archive
    counts: dict[str, int]  # rows per main table, for the message and the check after restore


# --- backup --------------------------------------------------------------------------------------

def backup(url: str, evidence_dir: Path, target: Path) -> BackupInfo:
    """Write the archive to ``target`` (through a temporary file beside it: all or nothing)."""
    from taizhang.store.engine import _normalize_url, current_revision, open_engine

    target = Path(target)
    if target.is_dir():
        raise InputError(f"{target} 是一个目录", hint="请给出备份文件名，如 台账备份.tar.gz")
    if not target.parent.is_dir():
        raise InputError(f"目录 {target.parent} 不存在", hint="请先创建目录，或换一个位置")
    engine = open_engine(url)
    try:
        dialect = engine.dialect.name
        revision = current_revision(engine)
        if revision is None:
            raise StorageError(f"{_shown(url)} 不是台账数据库（没有迁移记录）",
                               hint="请检查 --db；新建的台账至少运行过一次 taizhang 命令")
        counts = _counts(engine)
    finally:
        engine.dispose()
    with tempfile.TemporaryDirectory(prefix=".taizhang-backup-", dir=target.parent) as work:
        db_file = Path(work) / ("database.sqlite" if dialect == "sqlite" else "database.pgdump")
        if dialect == "sqlite":
            _sqlite_copy(_sqlite_path(url), db_file)
        else:
            _pg_dump(_normalize_url(url), db_file)
        members = [("database/" + db_file.name, db_file)]
        members += [(f"evidence/{rel}", path) for rel, path in _evidence_files(evidence_dir)]
        manifest = {"format": FORMAT, "created_at": dt.datetime.now().isoformat(timespec="seconds"),
                    "dialect": dialect, "revision": revision, "counts": counts,
                    "evidence_files": len(members) - 1,
                    "sha256": {name: _sha256(path) for name, path in members}}
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(dt.datetime.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            for name, path in members:
                tar.add(path, arcname=name, recursive=False)
        os.replace(partial, target)
    return BackupInfo(target, dialect, revision, len(members) - 1, target.stat().st_size, counts)


def _counts(engine: Any) -> dict[str, int]:
    from sqlalchemy import text

    with engine.connect() as conn:
        return {t: int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0)
                for t in ("documents", "items", "reports", "audit", "users")}


def _sqlite_path(url: str) -> Path:
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if not database or database == ":memory:":
        raise InputError("内存数据库无法备份", hint="请给出 sqlite:///文件路径")
    return Path(database).expanduser()


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while the web app writes."""
    if not source.is_file():
        raise StorageError(f"数据库文件 {source} 不存在", hint="请检查 --db")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst, pages=4096)  # in steps: a writer waits milliseconds, not the whole copy
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file in the archive
    except sqlite3.Error as err:
        raise StorageError(f"备份数据库 {source} 失败：{err}", hint="请检查文件是否损坏或磁盘是否已满") from err
    finally:
        dst.close()
        src.close()


def _pg_env(url: str) -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore connection arguments for a SQLAlchemy URL (password via PGPASSWORD)."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    args = ["--dbname", u.database or "postgres"]
    if u.host:
        args += ["--host", u.host]
    if u.port:
        args += ["--port", str(u.port)]
    if u.username:
        args += ["--username", u.username]
    env = {**os.environ}
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    return args, env


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise StorageError(f"找不到 {name}，无法备份或恢复 PostgreSQL 数据库", hint=PG_TOOLS_HINT)
    return found


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    except subprocess.TimeoutExpired:
        raise StorageError(f"{what}超过 1 小时仍未完成，已停止", hint="请检查数据库服务器") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        reason = detail[-1] if detail else f"退出码 {done.returncode}"
        if "server version" in reason and "mismatch" in reason:
            raise StorageError(f"{what}失败：{reason}", hint=PG_TOOLS_HINT)
        raise StorageError(f"{what}失败：{reason}", hint="请检查数据库地址、用户权限和服务器状态")


def _pg_dump(url: str, target: Path) -> None:
    args, env = _pg_env(url)
    _run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
          "--file", str(target), *args], env, "导出 PostgreSQL 数据库（pg_dump）")


def _evidence_files(folder: Path) -> list[tuple[str, Path]]:
    if not folder.is_dir():
        return []
    out = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink():
            out.append((path.relative_to(folder).as_posix(), path))
    return out


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _shown(url: str) -> str:
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - only for a message
        return url


# --- restore -------------------------------------------------------------------------------------

def restore(archive: Path, url: str, evidence_dir: Path, *, replace: bool = False) -> BackupInfo:
    """Restore an archive into an empty database and evidence folder (or, with ``replace``,
    over an existing SQLite file and folder, which are moved aside first)."""
    from taizhang.store.engine import _normalize_url, open_engine
    from taizhang.store.revision import known_revisions

    archive = Path(archive)
    manifest = _manifest(archive)
    engine = open_engine(url)
    dialect = engine.dialect.name
    engine.dispose()
    if manifest["dialect"] != dialect:
        names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
        raise InputError(f"这是 {names.get(manifest['dialect'], manifest['dialect'])} 数据库的备份，"
                         f"不能恢复到 {names.get(dialect, dialect)}（{_shown(url)}）",
                         hint="请恢复到同一种数据库；要换数据库，请先恢复再用 taizhang export/ingest 迁移")
    revision = str(manifest.get("revision") or "")
    if revision not in known_revisions():
        raise InputError(f"备份来自更新版本的台账（数据库版本 {revision}），当前程序不认识",
                         hint="请先升级 taizhang：pip install -U taizhang")
    evidence_dir = Path(evidence_dir)
    _check_targets(url, dialect, evidence_dir, replace=replace)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    evidence_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".taizhang-restore-",
                                     dir=evidence_dir.parent) as work:
        staged = Path(work)
        files = _extract(archive, manifest, staged)  # every hash checked before any write
        db_member = next(p for name, p in files.items() if name.startswith("database/"))
        if dialect == "sqlite":
            _restore_sqlite(db_member, _sqlite_path(url), replace=replace, stamp=stamp)
        else:
            _restore_pg(db_member, _normalize_url(url))
        _end_sessions(url)
        evidence = staged / "evidence"
        if evidence_dir.exists() and any(evidence_dir.iterdir()):
            evidence_dir.rename(evidence_dir.with_name(f"{evidence_dir.name}.before-restore-{stamp}"))
        elif evidence_dir.exists():
            evidence_dir.rmdir()
        if evidence.is_dir():
            evidence.rename(evidence_dir)
        else:
            evidence_dir.mkdir()
    return BackupInfo(archive, dialect, revision, int(manifest.get("evidence_files", 0)),
                      archive.stat().st_size, dict(manifest.get("counts", {})))


def _manifest(archive: Path) -> dict[str, Any]:
    if not archive.is_file():
        raise InputError(f"备份文件 {archive} 不存在", hint="请检查路径")
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.getmember("manifest.json")
            if not member.isfile() or member.size > 10 * 1024 * 1024:
                raise KeyError("manifest.json")
            raw = tar.extractfile(member)
            manifest = json.loads(raw.read().decode("utf-8")) if raw else {}
    except (tarfile.TarError, KeyError, OSError, EOFError, ValueError) as err:
        raise InputError(f"{archive} 不是台账备份文件，或已损坏（{type(err).__name__}）",
                         hint="请使用 taizhang backup 生成的 .tar.gz 文件") from None
    if manifest.get("format") != FORMAT or manifest.get("dialect") not in ("sqlite", "postgresql"):
        raise InputError(f"{archive} 不是本程序认识的台账备份格式（{manifest.get('format')}）",
                         hint="请使用 taizhang backup 生成的文件")
    return manifest


def _check_targets(url: str, dialect: str, evidence_dir: Path, *, replace: bool) -> None:
    """Refuse before writing: a target database with tables, an evidence folder with files."""
    if dialect == "sqlite":
        path = _sqlite_path(url)
        if not path.parent.is_dir():
            raise InputError(f"目录 {path.parent} 不存在", hint="请先创建目录")
        if path.exists() and path.stat().st_size > 0 and not replace:
            raise InputError(f"目标数据库 {path} 已存在且有内容，恢复会覆盖它",
                             hint="请换一个新文件名；确要覆盖，请加 --replace（原文件会改名保留）")
    else:
        from sqlalchemy import inspect

        from taizhang.store.engine import open_engine

        engine = open_engine(url)
        try:
            tables = inspect(engine).get_table_names()
        except Exception as err:  # noqa: BLE001 - reported in Chinese
            from taizhang.store.failures import storage_failure

            failure = storage_failure(err)
            raise StorageError(f"无法连接目标数据库 {_shown(url)}：{failure.message if failure else err}",
                               hint="库须先用 createdb 建好") from None
        finally:
            engine.dispose()
        if tables:
            raise InputError(f"目标数据库 {_shown(url)} 不是空库（已有 {len(tables)} 张表）",
                             hint="PostgreSQL 只恢复到空库：请先 createdb 一个新库，再恢复到它")
    if evidence_dir.exists() and not evidence_dir.is_dir():
        raise InputError(f"佐证材料目录 {evidence_dir} 是一个文件", hint="请用 --evidence-dir 指定目录")
    if evidence_dir.is_dir() and any(evidence_dir.iterdir()) and not replace:
        raise InputError(f"佐证材料目录 {evidence_dir} 已有文件，恢复会与之混在一起",
                         hint="请用 --evidence-dir 指定一个新目录；确要替换，请加 --replace（原目录会改名保留）")


def _extract(archive: Path, manifest: dict[str, Any], into: Path) -> dict[str, Path]:
    """The members named in the manifest, each checked against its SHA-256."""
    expected: dict[str, str] = manifest.get("sha256", {})
    if not any(name.startswith("database/") for name in expected):
        raise InputError(f"{archive} 中没有数据库", hint="请使用 taizhang backup 生成的文件")
    out: dict[str, Path] = {}
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            name = member.name
            if name == "manifest.json":
                continue
            if name not in expected or not member.isfile() or not _safe(name):
                raise InputError(f"备份文件中有不应出现的内容“{name[:80]}”，已拒绝恢复",
                                 hint="文件可能被改动过；请使用原始备份")
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            digest = hashlib.sha256()
            source = tar.extractfile(member)
            assert source is not None
            with open(target, "wb") as f:
                while chunk := source.read(1 << 20):
                    digest.update(chunk)
                    f.write(chunk)
            if digest.hexdigest() != expected[name]:
                raise InputError(f"备份中的“{name[:80]}”校验不符（文件已损坏或被改动），已拒绝恢复",
                                 hint="请使用完好的备份文件；目标数据库和目录均未改动")
            out[name] = target
    missing = sorted(set(expected) - set(out))
    if missing:
        raise InputError(f"备份文件不完整：缺少 {len(missing)} 个文件（如“{missing[0][:60]}”）",
                         hint="请使用完好的备份文件；目标数据库和目录均未改动")
    return out


def _safe(name: str) -> bool:
    parts = name.split("/")
    return (not name.startswith("/") and ".." not in parts and "" not in parts
            and parts[0] in ("database", "evidence"))


def _restore_sqlite(source: Path, target: Path, *, replace: bool, stamp: str) -> None:
    check = sqlite3.connect(source)
    try:
        ok = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if ok != "ok":
        raise InputError(f"备份中的数据库未通过完整性检查（{ok}）", hint="请使用完好的备份文件")
    staged = target.with_name(f".{target.name}.restoring-{stamp}")
    shutil.copyfile(source, staged)
    if target.exists():
        if not replace:  # checked before; a file that appeared meanwhile is not overwritten
            staged.unlink()
            raise InputError(f"目标数据库 {target} 已存在", hint="请加 --replace 或换一个文件名")
        target.rename(target.with_name(f"{target.name}.before-restore-{stamp}"))
    for suffix in ("-wal", "-shm"):  # the old file's journal must not be applied to the new one
        old = target.with_name(target.name + suffix)
        if old.exists():
            old.rename(target.with_name(f"{target.name}.before-restore-{stamp}{suffix}"))
    os.replace(staged, target)


def _restore_pg(source: Path, url: str) -> None:
    args, env = _pg_env(url)
    _run([_pg_tool("pg_restore"), "--single-transaction", "--exit-on-error", "--no-owner",
          "--no-privileges", *args, str(source)], env, "恢复 PostgreSQL 数据库（pg_restore）")


def _end_sessions(url: str) -> None:
    """Logins of the backup are not brought back (and the schema is brought to HEAD)."""
    from sqlalchemy import delete

    from taizhang.store import schema as s
    from taizhang.store.ledger import Ledger

    with Ledger(url) as ledger, ledger.engine.begin() as conn:
        conn.execute(delete(s.sessions))
