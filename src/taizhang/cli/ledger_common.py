"""What the ledger commands share: options, dates, opening the ledger or the fast reader, output.

SQLAlchemy and the store are imported inside the functions so ``taizhang parse`` stays quick.
``--today`` defaults to the real date here, at the edge, and is passed down.
"""
from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from taizhang.cli.ledger_table import table
from taizhang.cli.output import chosen, output_options  # noqa: F401  (the commands' options)
from taizhang.errors import InputError, StorageError
from taizhang.wording import display_title, recurrence_text

if TYPE_CHECKING:
    from taizhang.ledger.model import WorkItem
    from taizhang.store import Ledger


OFFICE_ACTOR = "cli:督查室"

db_option = click.option("--db", "db", envvar="TAIZHANG_DB", default=None, metavar="URL",
                         help="数据库地址（默认当前目录的 taizhang.db；也可设环境变量 TAIZHANG_DB），"
                              "如 postgresql+psycopg://用户@主机/库名")
today_option = click.option("--today", "today", default=None, metavar="YYYY-MM-DD",
                            help="按这一天计算亮灯和超期（默认今天）")


def parse_date(value: str | None, what: str) -> dt.date | None:
    """The one reading of a date on the command line, and the one message when it is not one."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{what}“{value}”不是日期", hint="请用 YYYY-MM-DD 格式，例如 2026-03-31") \
            from None


def resolve_today(value: str | None, what: str = "--today") -> dt.date:
    """``--today`` as given, else the real date (read here, at the edge, and passed down)."""
    return parse_date(value, what) or dt.date.today()


@contextmanager
def open_ledger(db: str | None, *, create: bool = False,
                allow_other_tables: bool = False) -> Iterator["Ledger"]:
    """Open the ledger; database failures mid-command become StorageError (exit 4).

    Only ``taizhang init``, ``ingest``, ``demo`` and ``corpus ingest`` (and ``import-sheet
    --create``) pass ``create=True``: every other command
    on a missing or empty database stops with DatabaseMissing (exit 4), naming the address
    and the command that creates a ledger there (taizhang.store.opening).
    """
    from taizhang.config import Settings
    from taizhang.store.opening import refuse_missing_file

    settings = Settings.from_env(db_url=db)
    refuse_missing_file(settings.db_url, create=create)  # before SQLAlchemy is even imported

    from sqlalchemy.exc import SQLAlchemyError

    from taizhang.store import Ledger

    ledger = Ledger(settings.db_url, thresholds=settings.lights, create=create,
                    allow_other_tables=allow_other_tables)
    try:
        yield ledger
    except SQLAlchemyError as err:
        raise StorageError(f"数据库操作失败：{str(err).splitlines()[0]}",
                           hint="请检查数据库连接（--db）后重试；本次操作未保存") from err
    finally:
        ledger.close()


def check_place(source: Any, jurisdiction: str | None) -> None:
    """Refuse a --jurisdiction the ledger does not know (NotFound, exit 3, with the closest
    places): ``source`` is the Ledger or the fast SQLite reader, which both answer it."""
    if jurisdiction:
        source.check_jurisdiction(jurisdiction)


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
    """A status, light or 督办 level by its Chinese label or its code; an unknown one gets
    the closest known names and the full list."""
    if value is None:
        return None
    try:
        return kind.parse(value)
    except ValueError:
        from taizhang.ledger.names import closest

        options = "、".join(f"{k.label}({k.value})" for k in kind)
        near = closest(value, [k.label for k in kind] + [k.value for k in kind])
        guess = f"是不是：{'、'.join(near)}？" if near else ""
        raise InputError(f"{what}“{value}”无法识别", hint=f"{guess}可用：{options}") from None


LIGHT_MARK = {"green": "●绿", "yellow": "●黄", "red": "●红"}
IMPLIED_NOTE = "时限带 * 的为文件规划期末（文中未写时限）"


def due_text(item: "WorkItem") -> str:
    """The 时限 cell: a recurrence in words (每年5月底前), a date, or a date implied by the
    document's period (marked *, explained under the table)."""
    if item.rrule:
        return recurrence_text(item.rrule)
    if item.due is None:
        return "—"
    return item.due.isoformat() + ("*" if item.due_implied else "")


def items_footer(shown: int, total: int | None, implied: bool) -> str:
    """“共 N 项” is the number of items the filters match; with --limit the line says how
    many of them are listed."""
    total = shown if total is None else total
    line = f"共 {total} 项" + (f"，列出前 {shown} 项（去掉 --limit 看全部）" if total > shown else "")
    return line + (f"；{IMPLIED_NOTE}" if implied else "")


def print_items(found: Sequence["WorkItem"], fmt: str, *, total: int | None = None,
                no_bom: bool = False) -> None:
    from taizhang.cli.output import Listing, emit

    implied = any(i.due_implied and not i.rrule for i in found)
    footer = items_footer(len(found), total, implied)
    if fmt == "table":
        cols = [("编号", 6), ("灯", 4), ("状态", 7), ("进度", 5), ("时限", 13), ("牵头单位", 18),
                ("任务", 36), ("文件", 22)]
        # column by column: 20,000 items, and no row lists to build and turn around
        columns = [[str(i.id) for i in found],
                   [LIGHT_MARK.get(i.light, "") if i.light else "" for i in found],
                   [i.status.label for i in found], [f"{i.percent}%" for i in found],
                   [due_text(i) for i in found], [i.lead or "（未明确）" for i in found],
                   [i.title for i in found],
                   [i.doc_number or display_title(i.document_title) for i in found]]
        table(cols, columns, footer, by_column=True)
        return
    columns = [("编号", 6), ("亮灯", 4), ("状态", 7), ("进度", 5), ("时限", 13), ("牵头单位", 18),
               ("配合单位", 20), ("任务", 36), ("文件", 22)]
    rows = [[i.id, i.light.label if i.light else "", i.status.label, f"{i.percent}%",
             due_text(i), i.lead or "（未明确）", "、".join(i.support), i.title,
             i.doc_number or display_title(i.document_title)] for i in found]
    emit(Listing(columns, rows, [i.to_dict() for i in found], footer=footer), fmt, no_bom=no_bom)
