"""What the ledger commands share: options, dates, opening the ledger or the fast reader, output.

SQLAlchemy and the store are imported inside the functions so ``taizhang parse`` stays quick.
``--today`` defaults to the real date here, at the edge, and is passed down.
"""
from __future__ import annotations

import datetime as dt
import gc
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from taizhang.cli.ledger_table import table
from taizhang.errors import InputError, StorageError

if TYPE_CHECKING:
    from taizhang.ledger.model import WorkItem
    from taizhang.store import Ledger


OFFICE_ACTOR = "cli:督查室"

db_option = click.option("--db", "db", envvar="TAIZHANG_DB", default=None, metavar="URL",
                         help="数据库地址（默认当前目录的 taizhang.db；也可设环境变量 TAIZHANG_DB），"
                              "如 postgresql+psycopg://用户@主机/库名")
format_option = click.option("--format", "fmt", type=click.Choice(["table", "json"]),
                             default="table", show_default=True, help="输出格式")
today_option = click.option("--today", "today", default=None, metavar="YYYY-MM-DD",
                            help="按这一天计算亮灯和超期（默认今天）")


def parse_date(value: str | None, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{what}“{value}”不是日期", hint="请用 YYYY-MM-DD 格式，例如 2026-03-31") \
            from None


def resolve_today(value: str | None) -> dt.date:
    return parse_date(value, "日期") or dt.date.today()


@contextmanager
def open_ledger(db: str | None) -> Iterator["Ledger"]:
    """Open the ledger; database failures mid-command become StorageError (exit 4)."""
    from sqlalchemy.exc import SQLAlchemyError

    from taizhang.config import Settings
    from taizhang.store import Ledger

    settings = Settings.from_env(db_url=db)
    ledger = Ledger.from_settings(settings)
    try:
        yield ledger
    except SQLAlchemyError as err:
        raise StorageError(f"数据库操作失败：{str(err).splitlines()[0]}",
                           hint="请检查数据库连接（--db）后重试；本次操作未保存") from err
    finally:
        ledger.close()


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: a listing makes tens of thousands of acyclic
    objects (items, rows, cells) and its repeated passes over them cost a fifth of the run."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@contextmanager
def open_reader_or_none(db: str | None) -> Iterator[Any]:
    """The read-only SQLite path for listings (no SQLAlchemy import), or None for the Ledger.

    None for PostgreSQL and for any SQLite file the reader does not recognise (missing, older
    schema, damaged): the Ledger then migrates it or explains the problem.
    """
    from taizhang.config import Settings
    from taizhang.store.sqlite_read import open_reader

    settings = Settings.from_env(db_url=db)
    reader = open_reader(settings.db_url, thresholds=settings.lights)
    try:
        yield reader
    finally:
        if reader is not None:
            reader.close()


def enum_value(kind: Any, value: str | None, what: str) -> Any:
    if value is None:
        return None
    try:
        return kind.parse(value)
    except ValueError:
        options = "、".join(f"{k.label}({k.value})" for k in kind)
        raise InputError(f"{what}“{value}”无法识别", hint=f"可用：{options}") from None


def print_json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


LIGHT_MARK = {"green": "●绿", "yellow": "●黄", "red": "●红"}


def due_text(item: "WorkItem") -> str:
    if item.due is None:
        return item.rrule and "周期" or "—"
    return item.due.isoformat() + ("*" if item.due_implied else "")


def print_items(found: Sequence["WorkItem"], fmt: str) -> None:
    if fmt == "json":
        print_json([i.to_dict() for i in found])
        return
    cols = [("编号", 6), ("灯", 4), ("状态", 7), ("进度", 5), ("时限", 11), ("牵头单位", 18),
            ("任务", 36), ("文件", 22)]
    # column by column: 20,000 items, and no row lists to build and turn around
    columns = [[str(i.id) for i in found],
               [LIGHT_MARK.get(i.light, "") if i.light else "" for i in found],
               [i.status.label for i in found], [f"{i.percent}%" for i in found],
               [due_text(i) for i in found], [i.lead or "（未明确）" for i in found],
               [i.title for i in found], [i.doc_number or i.document_title or "" for i in found]]
    implied = "；时限带 * 的为文件规划期末（文中未写时限）" if any(i.due_implied for i in found) else ""
    table(cols, columns, f"共 {len(found)} 项{implied}", by_column=True)
