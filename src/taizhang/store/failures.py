"""What a database failure in the middle of the work means, in words a user can act on.

The web app meets these while it runs: the PostgreSQL server stopped, the SQLite file made
read-only, moved or deleted. :func:`storage_failure` turns SQLAlchemy's exception into a
:class:`~taizhang.errors.DatabaseUnavailable` (HTTP 503) with a Chinese message, or None for an
error that is not about the database being reachable or writable (a bug, to be logged).
"""
from __future__ import annotations

from taizhang.errors import DatabaseUnavailable, InputError, StorageError

# (text in the driver's message, what it means, what to do): the first match wins
_REASONS: tuple[tuple[str, str, str], ...] = (
    ("readonly database", "数据库是只读的，无法保存修改",
     "请管理员检查数据库文件及其所在目录的写权限；查看不受影响"),
    ("read-only", "数据库是只读的，无法保存修改",
     "请管理员检查数据库的写权限（PostgreSQL 可能处于只读或恢复状态）"),
    ("unable to open database file", "找不到或打不开数据库文件",
     "数据库文件可能被移走或删除，或其目录没有权限；请管理员检查后重启服务"),
    ("no such table", "数据库文件不完整（缺少数据表），可能被替换或删除",
     "请管理员检查数据库文件，必要时用 taizhang restore 从备份恢复"),
    ("disk i/o error", "读写数据库文件时出错（磁盘错误）", "请管理员检查磁盘和数据库文件"),
    ("database or disk is full", "磁盘已满，无法保存修改", "请管理员清理磁盘空间"),
    ("database is locked", "数据库正忙（其他程序长时间占用）", "请稍后重试"),
    ("does not exist", "数据库不存在", "请管理员检查数据库地址（库须先用 createdb 建好）"),
    ("permission denied", "数据库账号没有写入权限（只读）", "请管理员检查数据库账号的权限；查看不受影响"),
    ("connection refused", "连不上数据库服务器", "数据库服务器可能已停止；请稍后重试或联系管理员"),
    ("could not connect", "连不上数据库服务器", "数据库服务器可能已停止；请稍后重试或联系管理员"),
    ("connection failed", "连不上数据库服务器", "数据库服务器可能已停止；请稍后重试或联系管理员"),
    ("server closed the connection", "与数据库服务器的连接中断",
     "数据库服务器可能正在重启；请稍后重试"),
    ("terminating connection", "与数据库服务器的连接中断", "数据库服务器可能正在重启；请稍后重试"),
    ("the database system is", "数据库服务器正在启动或关闭", "请稍后重试"),
    ("too many clients", "数据库服务器连接数已满", "请稍后重试"),
)


def storage_failure(err: BaseException) -> DatabaseUnavailable | None:
    """A 503 error for a database that is down, missing or read-only; None otherwise."""
    if isinstance(err, DatabaseUnavailable):
        return err
    if isinstance(err, StorageError):  # opening or migrating failed (store/engine.py)
        return DatabaseUnavailable(err.message, hint=err.hint)
    from sqlalchemy.exc import DBAPIError

    if not isinstance(err, DBAPIError):
        return None
    text = str(err.orig if err.orig is not None else err).lower()
    for needle, message, hint in _REASONS:
        if needle in text:
            return DatabaseUnavailable(message, hint=hint)
    if err.connection_invalidated or type(err).__name__ in ("OperationalError", "InterfaceError"):
        return DatabaseUnavailable("数据库暂时无法访问", hint="请稍后重试；若持续出现，请联系管理员")
    return None


def value_failure(err: BaseException) -> InputError | None:
    """A 400 for a value the database cannot hold — an id past its integer range, a text past
    a column's length on PostgreSQL — that got past the checks before it; None otherwise."""
    if isinstance(err, OverflowError):  # SQLite: an id of 30 digits
        return InputError("输入的编号或数值超出范围", hint="请检查地址或表单中的编号")
    from sqlalchemy.exc import DataError

    if isinstance(err, DataError):
        text = str(err.orig if err.orig is not None else err).lower()
        if "too long" in text:
            return InputError("输入的内容太长，超出了可保存的长度", hint="请删减后重新提交")
        return InputError("输入的值超出范围或格式不对", hint="请检查后重新提交")
    return None


class FileWatch:
    """For an SQLite file: is it still the file the ledger opened?

    A ledger file deleted or swapped while the app runs is worse than an error: pooled
    connections go on writing into the unlinked file (lost at exit) and new ones would create
    an empty database in its place. One ``stat`` per request (microseconds) notices it first.
    """

    def __init__(self, path: str | None) -> None:
        import os

        self.path = path
        self.identity: tuple[int, int] | None = None
        if path:
            try:
                info = os.stat(path)
                self.identity = (info.st_dev, info.st_ino)
            except OSError:
                self.path = None  # not there yet (an in-memory or new ledger): nothing to watch

    @classmethod
    def of(cls, engine: object) -> "FileWatch":
        url = getattr(engine, "url", None)
        if url is None or url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
            return cls(None)
        return cls(str(url.database))

    def check(self) -> None:
        """DatabaseUnavailable (503) when the file is gone or is another file now."""
        if not self.path or self.identity is None:
            return
        import os

        try:
            info = os.stat(self.path)
        except OSError:
            raise DatabaseUnavailable("找不到数据库文件（可能已被移走或删除）",
                                      hint="请管理员把数据库文件放回原处，或用 taizhang restore 从备份恢复后重启服务"
                                      ) from None
        if (info.st_dev, info.st_ino) != self.identity:
            raise DatabaseUnavailable("数据库文件已被替换", hint="请管理员重启服务，以使用新的数据库文件")
