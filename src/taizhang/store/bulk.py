"""Many rows into one table inside the caller's transaction, as cheaply as each dialect allows.

An ingest writes some fifty items, their supporting units and fifty audit lines per document.
Through SQLAlchemy Core every row costs parameter processing and type conversion in Python;
on SQLite the rows go straight to the driver's ``executemany`` on the same connection (so the
same transaction), converted exactly as SQLAlchemy's SQLite types would store them (dates as
``YYYY-MM-DD``, datetimes with microseconds, booleans as 0/1). PostgreSQL keeps Core's
multi-row insert, which psycopg sends in batches.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Table, insert

from taizhang.store.engine import Ctx


_CONVERTED = (Date, DateTime, Boolean)


def sqlite_value(value: Any) -> Any:
    """A Python value as SQLAlchemy's SQLite dialect stores it."""
    kind = type(value)
    if kind is dt.datetime:
        return (f"{value.year:04d}-{value.month:02d}-{value.day:02d} {value.hour:02d}:"
                f"{value.minute:02d}:{value.second:02d}.{value.microsecond:06d}")
    if kind is dt.date:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if kind is bool:
        return int(value)
    return value


def insert_many(ctx: Ctx, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table``; nothing returned."""
    if not rows:
        return
    if ctx.dialect != "sqlite":
        ctx.conn.execute(_insert(table), list(rows))
        return
    names = list(rows[0])
    pick = itemgetter(*names) if len(names) > 1 else (lambda r: (r[names[0]],))
    # only dates, datetimes and booleans need converting: find their places once per table
    special = [i for i, n in enumerate(names) if isinstance(table.c[n].type, _CONVERTED)]
    if special:
        values: list[Any] = []
        for row in rows:
            cells = list(pick(row))
            for i in special:
                cells[i] = sqlite_value(cells[i])
            values.append(cells)
    else:
        values = [pick(row) for row in rows]
    _driver(ctx).executemany(_sql(table, names), values)


_INSERTS: dict[str, Any] = {}


def _insert(table: Table) -> Any:
    """One INSERT statement per table, kept: building it (and its cache key) per call showed
    in the profile of a busy server."""
    found = _INSERTS.get(table.name)
    if found is None:
        found = _INSERTS[table.name] = insert(table)
    return found


def insert_one(ctx: Ctx, table: Table, row: Mapping[str, Any]) -> int:
    """Insert one row; its new id."""
    if ctx.dialect != "sqlite":
        return int(ctx.conn.execute(insert(table).values(**row)
                                    .returning(table.c.id)).scalar_one())
    cursor = _driver(ctx).execute(_sql(table, list(row)), tuple(map(sqlite_value, row.values())))
    assert cursor.lastrowid is not None
    return int(cursor.lastrowid)


def _sql(table: Table, names: Sequence[str]) -> str:
    for name in names:
        table.c[name]  # a KeyError for a misspelt column, before any SQL is sent
    columns = ", ".join(f'"{n}"' for n in names)
    return f'INSERT INTO "{table.name}" ({columns}) VALUES ({", ".join("?" * len(names))})'


def _driver(ctx: Ctx) -> Any:
    # the sqlite3 connection under this SQLAlchemy connection: same transaction
    return ctx.conn.connection.driver_connection


def next_ids(ctx: Ctx, table: Table, count: int) -> list[int]:
    """Ids for ``count`` new rows on SQLite, where this transaction already holds the write
    lock (it has written): nobody else can take them before it commits."""
    first = ctx.conn.exec_driver_sql(f'SELECT max(id) FROM "{table.name}"').scalar() or 0
    return list(range(first + 1, first + 1 + count))
