"""Opening the database: URL checks, SQLite pragmas (WAL), migrations, and the transaction context.

Every failure to open or migrate becomes a StorageError (exit 4) that says what was given and
what to do; a missing PostgreSQL driver names the one pip command that fixes it.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from taizhang.errors import StorageError
from taizhang.store.revision import MIGRATIONS, head_revision  # noqa: F401 (re-exported)

PG_HINT = "请安装 PostgreSQL 驱动：pip install 'taizhang[postgres]'"


@dataclass(frozen=True, slots=True)
class Ctx:
    """One transaction: the connection, the moment it started and the dialect name."""

    conn: Connection
    now: dt.datetime
    dialect: str


def shown(url: str | Any) -> str:
    """An address as it may be printed: the password hidden, Chinese file names readable
    (SQLAlchemy renders them percent-encoded)."""
    from urllib.parse import unquote

    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return str(url)
    return unquote(parsed.render_as_string(hide_password=True))


def _normalize_url(url: str) -> str:
    # the bare postgresql:// scheme means psycopg2 to SQLAlchemy; we ship psycopg 3
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):
            return "postgresql+psycopg://" + url[len(bare):]
    return url


def open_engine(url: str) -> Engine:
    """An engine for ``url``; StorageError for anything that is not SQLite or PostgreSQL."""
    url = _normalize_url(url.strip())
    try:
        parsed = make_url(url)
    except ArgumentError as err:
        raise StorageError(f"数据库地址“{url}”无法识别",
                           hint="应为 sqlite:///文件路径 或 postgresql+psycopg://用户@主机/库名") from err
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise StorageError(f"不支持的数据库“{backend}”（地址 {url}）",
                           hint="只支持 SQLite（sqlite:///taizhang.db）和 PostgreSQL"
                                "（postgresql+psycopg://…）")
    if backend == "postgresql":
        try:
            import psycopg  # noqa: F401
        except ImportError as err:
            raise StorageError("缺少 PostgreSQL 驱动 psycopg", hint=PG_HINT) from err
    if backend == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).expanduser().resolve().parent
        if not folder.is_dir():
            raise StorageError(f"数据库文件所在目录不存在：{folder}", hint="请先创建该目录或换一个路径")
    try:
        engine = create_engine(url, future=True)
    except (NoSuchModuleError, ArgumentError, ImportError) as err:
        hint = PG_HINT if backend == "postgresql" else "请检查数据库地址"
        raise StorageError(f"无法打开数据库“{url}”：{err}", hint=hint) from err
    if backend == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers do not block the writer
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")  # another writer: wait, do not fail at once
    cur.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, and much faster per commit
    cur.close()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has = conn.execute(text(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            if engine.dialect.name == "sqlite" else
            "SELECT 1 FROM information_schema.tables WHERE table_name='alembic_version' "
            "AND table_schema = current_schema()")).first()
        if not has:
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def migrate(engine: Engine, *, allow_other_tables: bool = False) -> None:
    """Bring the schema to HEAD; a database of another program (unless ``allow_other_tables``)
    or of a newer taizhang is refused. Whether a ledger may be created here at all is decided
    before, by :func:`taizhang.store.opening.prepare`."""
    where = shown(engine.url)
    try:
        revision = current_revision(engine)
        if revision is not None and revision == head_revision():
            return
        if revision is None and not allow_other_tables and _has_foreign_tables(engine):
            raise StorageError(f"数据库 {where} 里已有其他程序的表，不是台账数据库",
                               hint="请换一个新的数据库文件或库名")
        _upgrade(engine)
    except StorageError:
        raise
    except DBAPIError as err:
        hint = ("请检查 --db 或 TAIZHANG_DB 指向的文件" if engine.dialect.name == "sqlite" else
                "请检查服务器地址、用户和库名（库须先用 createdb 建好）")
        raise StorageError(f"无法打开数据库 {where}：{reason(err)}", hint=hint) from err
    except SQLAlchemyError as err:
        raise StorageError(f"数据库 {where} 初始化失败：{err}", hint="请检查 --db") from err


def _has_foreign_tables(engine: Engine) -> bool:
    from sqlalchemy import inspect

    return bool(set(inspect(engine).get_table_names()) - {"alembic_version"})


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.util.exc import CommandError

    cfg = Config(str(Path(__file__).with_name("alembic.ini")))
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        try:
            command.upgrade(cfg, "head")
        except CommandError as err:
            # a revision we do not know: the database was made by a newer taizhang
            raise StorageError(f"数据库的版本（{err}）比当前程序新",
                               hint="请升级 taizhang：pip install -U taizhang") from err


def reason(err: DBAPIError) -> str:
    """The driver's complaint in a few Chinese words where it is a common one."""
    return _reason(err)


def _reason(err: DBAPIError) -> str:
    text_ = str(err.orig) if err.orig is not None else str(err)
    if "file is not a database" in text_ or "malformed" in text_:
        return "文件不是有效的 SQLite 数据库（可能已损坏）"
    if "does not exist" in text_:
        return "数据库不存在"
    if "could not translate host" in text_ or "Connection refused" in text_ \
            or "connection failed" in text_:
        return "连不上数据库服务器"
    return text_.strip().splitlines()[0]
