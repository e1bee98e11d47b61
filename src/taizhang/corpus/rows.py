"""A parsed Document as rows of the corpus tables, and the tables' Parquet schemas.

One row per document, task, assignment, unit named in an assignment, deadline, target,
reference and warning; the document's own JSON (what ``taizhang parse --format json`` prints,
made by the same serialiser) and its text ride along, so a corpus can be checked against the
parser and documents can be taken into a ledger without the original files. Bad documents are
rows of ``failures`` with a reason code and the Chinese message.

Rows are plain dicts here; pyarrow is imported only by :func:`to_tables`.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from taizhang.parse.model import Document

TABLES = ("documents", "texts", "tasks", "assignments", "units", "deadlines", "targets", "refs",
          "warnings", "failures")

# reason codes of the failures table (the message says the rest, in Chinese)
REASONS = {"unreadable": "无法读取", "encoding": "无法识别编码", "parse_error": "解析出错"}


def doc_id_of(source: str) -> str:
    """A short stable id for a source: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def document_rows(doc: Document, *, source: str, read: Any, content_hash: str, stamp: str,
                  size: int, versions: tuple[str, str, str], parse_json: str) -> dict[str, list[dict[str, Any]]]:
    """Every table's rows for one parsed document (``read`` is the reader's ReadResult)."""
    from taizhang.analysis.chains import number_key
    from taizhang.analysis.places import place_of
    from taizhang.analysis.rows import is_collective, normalize_unit
    from taizhang.corpus.minhash import band_keys_many

    doc_id = doc_id_of(source)
    place = place_of(doc.issuer, doc.doc_number, doc.text)
    issued = _date(doc.issued_on)
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    out["documents"].append({
        "doc_id": doc_id, "source": source, "name": doc.source, "content_hash": content_hash,
        "stamp": stamp, "size": size, "reader": read.format, "encoding": read.encoding,
        "reader_version": versions[0], "parser_version": versions[1], "rows_version": versions[2],
        "title": doc.title, "doc_number": doc.doc_number,
        "number_key": number_key(doc.doc_number) if doc.doc_number else None,
        "issuer": doc.issuer, "issued_on": issued, "year": issued.year if issued else None,
        "period_start": _date(doc.period.start) if doc.period else None,
        "period_end": _date(doc.period.end) if doc.period else None,
        "place": place.name or None, "place_level": place.level or None,
        "task_count": len(doc.tasks), "warning_count": len(doc.warnings), "parse_json": parse_json,
    })
    out["texts"].append({"doc_id": doc_id, "text": doc.text})
    bands = band_keys_many([task.text for task in doc.tasks])  # one numpy pass per document
    for seq, task in enumerate(doc.tasks):
        dues = [d for d in (_date(x.due) for x in task.deadlines) if d]
        out["tasks"].append({
            "doc_id": doc_id, "key": task.key, "seq": seq, "title": task.title, "text": task.text,
            "section": list(task.section), "span_start": task.span[0], "span_end": task.span[1],
            "lead": list(task.lead), "support": list(task.support), "leaders": list(task.leaders),
            "first_due": min(dues) if dues else None, "deadline_count": len(task.deadlines),
            "target_count": len(task.targets), "place": place.name or None,
            "bands": bands[seq],
        })
        for a_seq, a in enumerate(task.assignments):
            out["assignments"].append({
                "doc_id": doc_id, "task_key": task.key, "seq": a_seq, "text": a.text,
                "span_start": a.span[0], "span_end": a.span[1], "lead": list(a.lead),
                "support": list(a.support), "leaders": list(a.leaders)})
            for role, names in (("lead", a.lead), ("support", a.support)):
                for pos, name in enumerate(names):
                    unit = normalize_unit(name)
                    out["units"].append({
                        "doc_id": doc_id, "task_key": task.key, "assignment": a_seq, "role": role,
                        "position": pos, "name": name, "unit": unit,
                        "collective": is_collective(unit), "place": place.name or None})
            for d_seq, d in enumerate(a.deadlines):
                out["deadlines"].append({
                    "doc_id": doc_id, "task_key": task.key, "assignment": a_seq, "seq": d_seq,
                    "text": d.text, "due": _date(d.due), "rrule": d.rrule, "kind": d.kind,
                    "span_start": d.span[0], "span_end": d.span[1]})
        for g_seq, g in enumerate(task.targets):
            out["targets"].append({
                "doc_id": doc_id, "task_key": task.key, "seq": g_seq, "text": g.text,
                "value": g.value, "upper": g.upper, "unit": g.unit, "op": g.op,
                "span_start": g.span[0], "span_end": g.span[1]})
    for seq, ref in enumerate(doc.references):
        out["refs"].append({
            "doc_id": doc_id, "seq": seq, "doc_number": ref.doc_number,
            "number_key": number_key(ref.doc_number) if ref.doc_number else None,
            "title": ref.title, "relation": ref.relation,
            "span_start": ref.span[0], "span_end": ref.span[1]})
    for seq, w in enumerate(doc.warnings):
        out["warnings"].append({
            "doc_id": doc_id, "seq": seq, "code": w.code.value, "message": w.message,
            "span_start": w.span[0] if w.span else None, "span_end": w.span[1] if w.span else None})
    return out


def failure_row(*, source: str, name: str, content_hash: str | None, stamp: str, size: int,
                versions: tuple[str, str, str], reason: str, message: str) -> dict[str, Any]:
    return {"source": source, "name": name, "content_hash": content_hash, "stamp": stamp,
            "size": size, "reader_version": versions[0], "parser_version": versions[1],
            "rows_version": versions[2], "reason": reason, "message": message}


def schemas() -> dict[str, Any]:
    """The Parquet schema of every table (fixed, so empty parts and DuckDB views agree)."""
    import pyarrow as pa

    s, i32, i64, d = pa.string(), pa.int32(), pa.int64(), pa.date32()
    names = pa.list_(s)
    span = [("span_start", i32), ("span_end", i32)]
    return {
        "documents": pa.schema([
            ("doc_id", s), ("source", s), ("name", s), ("content_hash", s), ("stamp", s),
            ("size", i64), ("reader", s), ("encoding", s), ("reader_version", s),
            ("parser_version", s), ("rows_version", s), ("title", s), ("doc_number", s),
            ("number_key", s), ("issuer", s), ("issued_on", d), ("year", pa.int16()),
            ("period_start", d), ("period_end", d), ("place", s), ("place_level", s),
            ("task_count", i32), ("warning_count", i32), ("parse_json", s)]),
        "texts": pa.schema([("doc_id", s), ("text", s)]),
        "tasks": pa.schema([
            ("doc_id", s), ("key", s), ("seq", i32), ("title", s), ("text", s), ("section", names),
            *span, ("lead", names), ("support", names), ("leaders", names), ("first_due", d),
            ("deadline_count", i32), ("target_count", i32), ("place", s),
            ("bands", pa.list_(i64))]),
        "assignments": pa.schema([
            ("doc_id", s), ("task_key", s), ("seq", i32), ("text", s), *span, ("lead", names),
            ("support", names), ("leaders", names)]),
        "units": pa.schema([
            ("doc_id", s), ("task_key", s), ("assignment", i32), ("role", s), ("position", i32),
            ("name", s), ("unit", s), ("collective", pa.bool_()), ("place", s)]),
        "deadlines": pa.schema([
            ("doc_id", s), ("task_key", s), ("assignment", i32), ("seq", i32), ("text", s),
            ("due", d), ("rrule", s), ("kind", s), *span]),
        "targets": pa.schema([
            ("doc_id", s), ("task_key", s), ("seq", i32), ("text", s), ("value", pa.float64()),
            ("upper", pa.float64()), ("unit", s), ("op", s), *span]),
        "refs": pa.schema([
            ("doc_id", s), ("seq", i32), ("doc_number", s), ("number_key", s), ("title", s),
            ("relation", s), *span]),
        "warnings": pa.schema([
            ("doc_id", s), ("seq", i32), ("code", s), ("message", s), *span]),
        "failures": pa.schema([
            ("source", s), ("name", s), ("content_hash", s), ("stamp", s), ("size", i64),
            ("reader_version", s), ("parser_version", s), ("rows_version", s), ("reason", s),
            ("message", s)]),
    }


def to_tables(rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """Rows → one pyarrow Table per table name (empty ones too)."""
    import pyarrow as pa

    return {name: pa.Table.from_pylist(rows.get(name, []), schema=schema)
            for name, schema in schemas().items()}
