"""Read-only listings straight from an SQLite ledger file, with the standard library only.

``taizhang tasks`` over 20,000 items has half a second as a whole process, and importing
SQLAlchemy alone costs about that much; so for a plain ``sqlite:///file`` URL the CLI reads
through :class:`Reader` here: the same filters, order and domain objects as
:meth:`taizhang.store.Ledger.list_items` / ``list_documents``, lights from the same pure
:func:`taizhang.ledger.lights.assess`. PostgreSQL, and any SQLite database this path does not
recognise (missing, not at the newest migration, unreadable), goes through the Ledger, which
migrates it or says clearly what is wrong. tests/store/test_sqlite_read.py runs both paths on
the same databases so they cannot drift apart.
"""
from __future__ import annotations

import datetime as dt
import difflib
import gc
import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from taizhang.config import LightThresholds
from taizhang.errors import InputError, NotFound
from taizhang.ledger.lights import assess
from taizhang.ledger.model import (
    FINISHED,
    DocState,
    DocumentRecord,
    Light,
    Report,
    Status,
    WorkItem,
)
from taizhang.ledger.names import document_not_found, unknown_message
from taizhang.ledger.units import canonical_name, normalize
from taizhang.store.revision import head_revision

# only the plain file form; URL options, memory databases and other drivers take the Ledger path
_URL = re.compile(r"^sqlite(?:\+pysqlite)?:///(?P<path>[^?]+)$")
_NOT_OPEN = tuple(st.value for st in (*FINISHED, Status.SUSPENDED))
_DOC_COLUMNS = ("id, key, version, current, state, jurisdiction, source, title, doc_number, "
                "issuer, issued_on, period_start, period_end, text_hash, ingested_at, ingested_by, "
                "jurisdiction_evidence, review_flags")
# unit names and document titles are looked up apart (see Reader._names)
_ITEMS = ("SELECT i.id, i.document_id, i.task_key, i.seq, i.title, i.text, i.jurisdiction, "
          "i.lead_unit_id, i.leaders, i.due, i.due_implied, i.rrule, i.start, i.status, "
          "i.percent, i.version, i.completed_on FROM items i "
          "JOIN documents d ON d.id = i.document_id")
_REPORTS = ("SELECT r.id, r.item_id, u.name, r.actor, r.at, r.status, r.percent, r.text, "
            "r.problems, r.next_steps, r.evidence, r.occurrence "
            "FROM reports r JOIN units u ON u.id = r.unit_id")
_IDS = "(SELECT value FROM json_each(:ids))"  # see Reader._for_ids


def sqlite_file(url: str) -> Path | None:
    """The existing file a ``sqlite:///path`` URL names, else None."""
    match = _URL.match(url.strip())
    if match is None or match["path"] == ":memory:":
        return None
    path = Path(match["path"]).expanduser()
    return path if path.is_file() else None


def open_reader(url: str, *, thresholds: LightThresholds | None = None) -> "Reader | None":
    """A reader for a ledger file at the newest migration; None when the Ledger must handle it."""
    path = sqlite_file(url)
    if path is None:
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    except sqlite3.Error:
        return None
    try:
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:  # not a ledger, not a database, or locked: the Ledger explains
        conn.close()
        return None
    if found is None or found[0] != head_revision():
        conn.close()
        return None
    return Reader(conn, thresholds or LightThresholds())


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _when(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _marks(values: Sequence[Any]) -> str:
    return ",".join("?" * len(values))


class Reader:
    """Read-only listings over one SQLite connection; use as a context manager."""

    def __init__(self, conn: sqlite3.Connection, thresholds: LightThresholds) -> None:
        self.conn = conn
        self.thresholds = thresholds

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Reader":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # documents ---------------------------------------------------------------------------------

    def _record(self, row: Sequence[Any], item_count: int) -> DocumentRecord:
        return DocumentRecord(
            id=row[0], key=row[1], version=row[2], current=bool(row[3]), state=DocState(row[4]),
            jurisdiction=row[5], source=row[6], title=row[7], doc_number=row[8], issuer=row[9],
            issued_on=_date(row[10]), period_start=_date(row[11]), period_end=_date(row[12]),
            text_hash=row[13], ingested_at=_when(row[14]),  # type: ignore[arg-type]
            ingested_by=row[15], item_count=item_count,
            jurisdiction_evidence=_json_tuple(row[16]), review_flags=_json_tuple(row[17]))

    def find_document_id(self, ref: int | str) -> int:
        """As :func:`taizhang.store.documents.find_row`: id, 发文字号, key or source name."""
        text = str(ref).strip()
        if isinstance(ref, int) or text.isdigit():
            row = self.conn.execute("SELECT id FROM documents WHERE id = ?",
                                    (int(text),)).fetchone()
        else:
            row = self.conn.execute(
                "SELECT id FROM documents WHERE doc_number = ? OR key = ? OR source = ? "
                "ORDER BY current DESC, version DESC LIMIT 1",
                (text, normalize(text), text)).fetchone()
        if row is None:
            raise document_not_found(ref, [n for r in self.conn.execute(
                "SELECT doc_number, source FROM documents WHERE current = 1") for n in r])
        return int(row[0])

    def list_documents(self, *, state: DocState | None = None, jurisdiction: str | None = None,
                       all_versions: bool = False) -> list[DocumentRecord]:
        where, args = [], []
        if state:
            where.append("d.state = ?")
            args.append(state.value)
        if jurisdiction:
            where.append("d.jurisdiction = ?")
            args.append(jurisdiction)
        if not all_versions:
            where.append("d.current = 1")
        columns = ", ".join(f"d.{c.strip()}" for c in _DOC_COLUMNS.split(","))
        sql = (f"SELECT {columns}, coalesce(n.n, 0) FROM documents d LEFT JOIN "
               "(SELECT document_id, count(*) AS n FROM items GROUP BY document_id) n "
               "ON n.document_id = d.id" + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY d.id")
        return [self._record(r, r[18]) for r in self.conn.execute(sql, args)]

    # places and units --------------------------------------------------------------------------

    def check_jurisdiction(self, jurisdiction: str | None) -> None:
        """As :func:`taizhang.store.units.check_jurisdiction`: an unknown place is NotFound."""
        if not jurisdiction:
            return
        known = sorted({r[0] for r in self.conn.execute(
            "SELECT DISTINCT jurisdiction FROM documents UNION SELECT DISTINCT jurisdiction FROM units")})
        if jurisdiction not in known:
            message, hint = unknown_message("地区", jurisdiction, known)
            raise NotFound(message, hint=hint)

    def _follow(self, unit_id: int) -> int:
        for _ in range(50):  # merges form chains, never cycles; the bound is a guard
            row = self.conn.execute("SELECT merged_into FROM units WHERE id = ?",
                                    (unit_id,)).fetchone()
            if row is None or row[0] is None:
                return unit_id
            unit_id = row[0]
        return unit_id

    def unit_id(self, jurisdiction: str | None, name: str) -> int:
        """As :func:`taizhang.store.units.resolve`, the id only; the same errors and hints."""
        self.check_jurisdiction(jurisdiction)
        canon = canonical_name(name)
        names = sorted({canon, name.strip()})
        for table, id_col, column in (("units", "id", "name"),
                                      ("unit_aliases", "unit_id", "alias")):
            sql = f"SELECT {id_col}, jurisdiction FROM {table} WHERE {column} IN (?, ?)"
            args: list[Any] = [names[0], names[-1]]
            if jurisdiction:
                sql += " AND jurisdiction = ?"
                args.append(jurisdiction)
            rows = self.conn.execute(sql, args).fetchall()
            ids = {self._follow(r[0]) for r in rows}
            if len(ids) == 1:
                return ids.pop()
            if len(ids) > 1:
                places = "、".join(sorted({r[1] for r in rows}))
                raise InputError(f"单位“{name}”在多个地区都有（{places}）",
                                 hint="请用 --jurisdiction 指定地区")
        sql, args = "SELECT name FROM units WHERE merged_into IS NULL", []
        if jurisdiction:
            sql += " AND jurisdiction = ?"
            args.append(jurisdiction)
        known = [r[0] for r in self.conn.execute(sql, args)]
        close = difflib.get_close_matches(canon, known, n=3, cutoff=0.5)
        where = f"在“{jurisdiction}”" if jurisdiction else ""
        hint = (f"是不是：{'、'.join(close)}？" if close else "") + "用 taizhang units 查看全部单位"
        raise NotFound(f"{where}没有名为“{name}”的单位", hint=hint)

    # items -------------------------------------------------------------------------------------

    def list_items(self, *, today: dt.date | None = None, unit: str | None = None,
                   jurisdiction: str | None = None, role: str = "any",
                   document: int | str | None = None,
                   status: Status | Iterable[Status] | None = None,
                   light: Light | None = None, due_before: dt.date | None = None,
                   due_after: dt.date | None = None, overdue: bool = False,
                   include_drafts: bool = False, limit: int | None = None,
                   texts: bool = True) -> list[WorkItem]:
        """As :meth:`taizhang.store.Ledger.list_items`: the same filters, checks and order.

        ``texts=False`` leaves every item's ``text`` empty, for a listing that shows titles
        only (the table of ``taizhang tasks``): decoding 20,000 task texts it will not print
        is a sixth of that command's time.
        """
        if (overdue or light) and today is None:
            raise InputError("按超期或亮灯筛选需要指定日期", hint="请加 --today YYYY-MM-DD")
        where, args = self._where(today=today, unit=unit, jurisdiction=jurisdiction, role=role,
                                  document=document, status=status, due_before=due_before,
                                  due_after=due_after, overdue=overdue,
                                  include_drafts=include_drafts)
        clause = " WHERE " + " AND ".join(where) + " ORDER BY i.document_id, i.id"
        if limit and not light:
            clause += " LIMIT ?"
            args.append(limit)
        found = self._load(clause, args, today=today, texts=texts)
        if light:
            found = [i for i in found if i.light is light][: limit or None]
        return found

    def count_items(self, *, today: dt.date | None = None, unit: str | None = None,
                    jurisdiction: str | None = None, role: str = "any",
                    document: int | str | None = None,
                    status: Status | Iterable[Status] | None = None,
                    due_before: dt.date | None = None, due_after: dt.date | None = None,
                    overdue: bool = False, include_drafts: bool = False) -> int:
        """As :meth:`taizhang.store.Ledger.count_items`: how many ``list_items`` would list
        (no light filter), counted by SQLite."""
        where, args = self._where(today=today, unit=unit, jurisdiction=jurisdiction, role=role,
                                  document=document, status=status, due_before=due_before,
                                  due_after=due_after, overdue=overdue,
                                  include_drafts=include_drafts)
        sql = ("SELECT count(*) FROM items i JOIN documents d ON d.id = i.document_id WHERE "
               + " AND ".join(where))
        return int(self.conn.execute(sql, args).fetchone()[0])

    def _where(self, *, today: dt.date | None, unit: str | None, jurisdiction: str | None,
               role: str, document: int | str | None,
               status: Status | Iterable[Status] | None, due_before: dt.date | None,
               due_after: dt.date | None, overdue: bool,
               include_drafts: bool) -> tuple[list[str], list[Any]]:
        """The listing's conditions and their arguments, every filter but the light."""
        if overdue and today is None:
            raise InputError("按超期或亮灯筛选需要指定日期", hint="请加 --today YYYY-MM-DD")
        where: list[str] = []
        args: list[Any] = []
        if document is not None:
            where.append("i.document_id = ?")
            args.append(self.find_document_id(document))
        else:
            where.append("d.current = 1")
            if not include_drafts:
                where.append("d.state = ?")
                args.append(DocState.PUBLISHED.value)
        if jurisdiction:
            where.append("i.jurisdiction = ?")
            args.append(jurisdiction)
        if unit:
            uid = self.unit_id(jurisdiction, unit)
            if role not in ("any", "lead", "support"):
                raise InputError(f"角色“{role}”无法识别", hint="可用 any、lead、support")
            as_lead = "i.lead_unit_id = ?"
            as_support = "i.id IN (SELECT item_id FROM item_support WHERE unit_id = ?)"
            where.append({"lead": as_lead, "support": as_support}.get(
                role, f"({as_lead} OR {as_support})"))
            args.extend([uid] * (2 if role not in ("lead", "support") else 1))
        if status is not None:
            codes = [status.value] if isinstance(status, Status) else [s.value for s in status]
            if codes:
                where.append(f"i.status IN ({_marks(codes)})")
                args.extend(codes)
        if due_before:
            where.append("i.due <= ?")
            args.append(due_before.isoformat())
        if due_after:
            where.append("i.due >= ?")
            args.append(due_after.isoformat())
        if overdue:
            assert today is not None
            where.append(f"i.due < ? AND i.status NOT IN ({_marks(_NOT_OPEN)})")
            args.extend([today.isoformat(), *_NOT_OPEN])
        return where, args

    def _for_ids(self, sql: str, ids: Iterable[int]) -> sqlite3.Cursor:
        """Run ``sql`` with ``:ids`` bound to a list of ids: one JSON parameter read by
        json_each, which beats both thousands of ``?`` and re-running the listing's filter."""
        return self.conn.execute(sql, {"ids": json.dumps(list(ids))})

    def _names(self, table: str, ids: Iterable[int], columns: str) -> dict[int, Any]:
        """id → the row's other columns, for the few distinct ids of a listing: 20,000 items
        name some hundred units and documents, so decoding each name once pays."""
        rows = self._for_ids(f"SELECT id, {columns} FROM {table} WHERE id IN {_IDS}", set(ids))
        return {r[0]: (r[1] if len(r) == 2 else r[1:]) for r in rows}

    def _load(self, clause: str, args: Sequence[Any], *, today: dt.date | None,
              texts: bool = True) -> list[WorkItem]:
        # tens of thousands of new tuples and items, none of them cyclic: the collector's
        # repeated passes over them are pure cost here
        paused = gc.isenabled()
        gc.disable()
        try:
            return self._load_rows(clause, args, today=today, texts=texts)
        finally:
            if paused:
                gc.enable()

    def _load_rows(self, clause: str, args: Sequence[Any], *, today: dt.date | None,
                   texts: bool) -> list[WorkItem]:
        select = _ITEMS if texts else _ITEMS.replace("i.text,", "'' AS text,", 1)
        rows = self.conn.execute(select + clause, args).fetchall()
        if not rows:
            return []
        ids = [r[0] for r in rows]
        support_ids: dict[int, list[int]] = {}
        for item_id, unit_id in self._for_ids(
                f"SELECT item_id, unit_id FROM item_support WHERE item_id IN {_IDS} "
                "ORDER BY item_id, position", ids):
            support_ids.setdefault(item_id, []).append(unit_id)
        units = self._names("units", [r[7] for r in rows if r[7] is not None]
                            + [u for found in support_ids.values() for u in found], "name")
        docs = self._names("documents", [r[1] for r in rows], "title, doc_number")
        support = {item: tuple(units[u] for u in ids) for item, ids in support_ids.items()}
        last = {r[1]: _report(r) for r in self._for_ids(
            f"{_REPORTS} WHERE r.id IN (SELECT max(id) FROM reports WHERE item_id IN {_IDS} "
            "GROUP BY item_id)", ids)}
        occ: dict[int, list[Report]] = {}
        recurring = [r[0] for r in rows if r[11]]
        if today is not None and recurring:
            for r in self._for_ids(f"{_REPORTS} WHERE r.item_id IN {_IDS} "
                                   "AND r.occurrence IS NOT NULL ORDER BY r.id", recurring):
                occ.setdefault(r[1], []).append(_report(r))
        thresholds, dates, out = self.thresholds, _Dates(), []
        for r in rows:
            doc_title, doc_number = docs[r[1]]
            # positional, in WorkItem's field order: 20,000 rows make keyword passing show
            head = (r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                    units[r[7]] if r[7] is not None else None, support.get(r[0], ()),
                    _leaders(r[8]), dates[r[9]], bool(r[10]), r[11], dates[r[12]],
                    _STATUSES[r[13]], r[14], r[15], dates[r[16]], doc_title, doc_number)
            item = WorkItem(*head, None, (), last.get(r[0]))
            if today is not None:
                # the light is the pure assessment of this very item; it is filled in before
                # the item leaves this loop, as the dataclass's own __init__ fills its fields
                # (a second construction per row cost a fifth of the whole listing)
                value, reasons = assess(item, today, thresholds, occ.get(r[0], ()))
                _set(item, "light", value)
                _set(item, "light_reasons", reasons)
            out.append(item)
        return out


class _Dates(dict[Any, Any]):
    """ISO text → date, each distinct value parsed once (a ledger has few distinct dates)."""

    def __missing__(self, value: str | None) -> dt.date | None:
        parsed = self[value] = _date(value)
        return parsed


_STATUSES = {status.value: status for status in Status}
_set = object.__setattr__  # see Reader._load: finishing a frozen item before anyone sees it


def _leaders(raw: str) -> tuple[str, ...]:
    return () if raw == "[]" else tuple(json.loads(raw))


def _report(r: Sequence[Any]) -> Report:
    return Report(id=r[0], item_id=r[1], unit=r[2], actor=r[3], at=dt.datetime.fromisoformat(r[4]),
                  status=Status(r[5]), percent=r[6], text=r[7], problems=r[8],
                  next_steps=r[9], evidence=tuple(json.loads(r[10])),
                  occurrence=_date(r[11]))


def _json_tuple(raw: str | None) -> tuple[str, ...]:
    """A JSON list column (documents.jurisdiction_evidence, review_flags) as a tuple."""
    return tuple(json.loads(raw)) if raw else ()
