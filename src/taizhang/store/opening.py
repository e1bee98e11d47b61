"""Whether opening a database may create a ledger in it, and the checks before anything is made.

A mistyped ``--db`` must not quietly make a new empty ledger (``export`` would then report
“已导出 0 项任务” and leave a stray file), nor put taizhang's tables, its audit trigger and the
pg_trgm extension into a database that belongs to something else (PostgreSQL's ``postgres``
maintenance database, another program's). So a ledger is created only when the caller says so
(``create=True``: ``taizhang init``, ``ingest``, ``demo``); otherwise a missing SQLite file or a
database without taizhang's tables stops with :class:`~taizhang.errors.DatabaseMissing`, which
names the address and the command that creates a ledger there. A database that already holds
other tables is refused even then, unless ``allow_other_tables`` says the sharing is meant. An
existing ledger at an older revision is still migrated: it is taizhang's own.

The web app opens its database through the same :func:`prepare` (via ``Ledger``), so both
edges say the same thing. The checks on a plain ``sqlite:///file`` address need no SQLAlchemy
(:func:`refuse_missing_file`): a mistyped --db is answered before the half second its import
takes.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from taizhang.errors import DatabaseMissing, StorageError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

# PostgreSQL's own databases: a ledger never belongs there
MAINTENANCE_DATABASES = frozenset({"postgres", "template0", "template1"})
# the plain file form (as taizhang.store.sqlite_read reads it); anything else goes to SQLAlchemy
_PLAIN_SQLITE = re.compile(r"^sqlite(?:\+pysqlite)?:///(?P<path>[^?]+)$")
_PASSWORD = re.compile(r"^[\w+]+://[^/@:]*:[^/@]*@")


def shown(url: str) -> str:
    """An address as it may be printed: as written, with a password, if any, hidden."""
    if not _PASSWORD.match(url.strip()):
        return url.strip()
    from taizhang.store.engine import shown as rendered

    return rendered(url)


def sqlite_path(url: str) -> Path | None:
    """The file a ``sqlite:///path`` address names (None for memory and other databases)."""
    plain = _PLAIN_SQLITE.match(url.strip())
    if plain is not None:
        path = plain["path"]
        return None if path in (":memory:", "") or path.startswith("file:") \
            else Path(path).expanduser()
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url.strip())
    except Exception:
        return None
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if str(parsed.database).startswith("file:"):  # a URI filename: leave it to SQLite
        return None
    return Path(parsed.database).expanduser()


def missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file ``url`` names when it does not exist yet, else None."""
    path = sqlite_path(url)
    return path if path is not None and not path.exists() else None


def discard_new_file(path: Path) -> None:
    """Remove a SQLite file this run created (with its WAL and shared-memory files), when
    nothing was stored in it: a failed first ingest leaves no file behind."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass


def refuse_missing_file(url: str, *, create: bool) -> None:
    """DatabaseMissing for a SQLite file that does not exist, unless the caller may create it
    (StorageError when not even its folder exists)."""
    path = sqlite_path(url)
    if path is None or path.exists():
        return
    folder = path.resolve().parent
    if not folder.is_dir():  # a typo in the folder is said as such, even where one may create
        raise StorageError(f"数据库文件所在目录不存在：{folder}", hint="请先创建该目录或换一个路径")
    if not create:
        raise DatabaseMissing(f"数据库 {shown(url)} 不存在（没有文件 {path.resolve()}）",
                              url=url, hint=create_hint(url))


def create_hint(url: str) -> str:
    """The commands that make a ledger at ``url``."""
    db = f" --db {shown(url)}"
    return (f"新建台账请运行 taizhang init{db}，或直接导入文件：taizhang ingest 文件…{db}；"
            "若地址写错了，请检查 --db 或环境变量 TAIZHANG_DB")


def prepare(engine: Engine, url: str, *, create: bool, allow_other_tables: bool = False) -> None:
    """Check the database before use; migrate it when it is (or may become) a ledger.

    Raises DatabaseMissing (nothing there, and ``create`` is False) or StorageError (another
    program's tables or a maintenance database, and ``allow_other_tables`` is False). Nothing is
    created or changed before these checks pass.
    """
    from sqlalchemy import inspect

    from taizhang.store.engine import current_revision, migrate, reason

    where = shown(url)
    path = sqlite_path(url)
    if path is not None and not path.exists():
        refuse_missing_file(url, create=create)
        migrate(engine)
        return
    try:
        revision = current_revision(engine)
        if revision is not None:
            migrate(engine)  # a ledger, perhaps of an older taizhang: bring it up to date
            return
        others = sorted(set(inspect(engine).get_table_names()) - {"alembic_version"})
    except StorageError:
        raise
    except Exception as err:  # connection refused, not a database, no such database …
        from sqlalchemy.exc import DBAPIError

        if isinstance(err, DBAPIError):
            raise StorageError(f"无法打开数据库 {where}：{reason(err)}",
                               hint="请检查 --db 或 TAIZHANG_DB（PostgreSQL 的库须先用 createdb 建好）") \
                from err
        raise
    name = engine.url.database or ""
    if not allow_other_tables:
        if engine.dialect.name == "postgresql" and name in MAINTENANCE_DATABASES:
            raise StorageError(f"{where} 是 PostgreSQL 服务器自带的库“{name}”，不宜存放台账",
                               hint="请先建一个台账专用的库（createdb taizhang），再用 --db "
                                    "postgresql+psycopg://用户@主机/taizhang")
        if others:
            listed = "、".join(others[:5]) + ("等" if len(others) > 5 else "")
            raise StorageError(f"数据库 {where} 里已有其他程序的表（{len(others)} 张：{listed}），"
                               "不是台账数据库；未做任何修改",
                               hint="请换一个新的数据库；确要与其他程序共用这个库，"
                                    f"请运行 taizhang init --db {where} --allow-other-tables")
    if not create:
        raise DatabaseMissing(f"数据库 {where} 里还没有台账（没有台账的表）", url=url,
                              hint=create_hint(url))
    migrate(engine, allow_other_tables=allow_other_tables)
