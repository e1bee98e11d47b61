"""Between a corpus and a ledger: pick corpus documents into a ledger, build a corpus from one.

    ingest(Path("语料"), "place = '大连市' AND year >= 2018", ledger)   # → per document outcome
    refs, fill = ledger_sources("sqlite:///taizhang.db")                # sources for build()

A corpus document goes into the ledger as the corpus holds it: the parse stored in
``documents.parse_json`` and the text in ``texts`` are turned back into a Document, with no
re-parsing, so the ledger gets exactly what the corpus shows (``Ledger.ingest`` then does
what ``taizhang ingest`` does: same text → unchanged, same 文号 → a new version).
A ledger's documents enter a corpus as texts (current versions, every state): they are
parsed like files, stamped with the ledger's own text hash so unchanged ones are skipped.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from taizhang.corpus.sources import SourceRef
from taizhang.parse.model import (Assignment, Deadline, Document, ParseWarning, Period, Reference,
                                  Target, Task, WarningCode)


def _span(value: Any) -> tuple[int, int]:
    return (int(value[0]), int(value[1])) if isinstance(value, list) and len(value) == 2 else (0, 0)


def document_from_json(data: dict[str, Any], text: str) -> Document:
    """The Document whose ``to_dict()`` is ``data`` (rule evidence aside, which JSON does not keep)."""
    tasks = tuple(Task(
        key=t["key"], section=tuple(t["section"]), title=t["title"], text=t["text"],
        span=_span(t["span"]),
        assignments=tuple(Assignment(
            text=a["text"], span=_span(a["span"]), lead=tuple(a["lead"]),
            support=tuple(a["support"]), leaders=tuple(a["leaders"]),
            deadlines=tuple(Deadline(text=d["text"], due=d["due"], rrule=d["rrule"], kind=d["kind"],
                                     span=_span(d["span"])) for d in a["deadlines"]))
            for a in t["assignments"]),
        targets=tuple(Target(text=g["text"], value=g["value"], unit=g["unit"], op=g["op"],
                             upper=g.get("upper"), span=_span(g["span"])) for g in t["targets"]))
        for t in data["tasks"])
    warnings = []
    for w in data["warnings"]:
        try:
            code = WarningCode(w["code"])
        except ValueError:  # a code this version does not know
            continue
        warnings.append(ParseWarning(code, w["message"], _span(w["span"]) if w["span"] else None))
    period = data["period"]
    return Document(
        source=data["source"], text=text, title=data["title"], doc_number=data["doc_number"],
        issuer=data["issuer"], issued_on=data["issued_on"],
        period=Period(period["start"], period["end"]) if period else None,
        references=tuple(Reference(r["doc_number"], r["title"], r["relation"], _span(r["span"]))
                         for r in data["references"]),
        warnings=tuple(warnings), tasks=tasks)


def selected(directory: Path, where: str, *,
             limit: int | None = None) -> Iterator[tuple[str, str | None, Document]]:
    """(source, place, Document) for each corpus document matching the SQL condition ``where``."""
    from taizhang.corpus.query import connect, single_statement

    con = connect(directory)
    sql = (f"SELECT d.source, d.place, d.parse_json, t.text FROM documents d JOIN texts t USING (doc_id) "
           f"WHERE ({where}) ORDER BY d.source" + (f" LIMIT {int(limit)}" if limit else ""))
    single_statement(sql, what="--where 条件")
    import duckdb

    from taizhang.errors import InputError

    try:
        cur = con.execute(sql)  # texts adds only the column text: the condition reads documents'
    except duckdb.Error as err:
        raise InputError(f"--where 条件有误：{str(err).strip().splitlines()[0]}",
                         hint="条件写 documents 表的列，如 place = '大连市' AND year >= 2018") from None
    while True:
        rows = cur.fetchmany(200)  # a few hundred documents in memory at a time
        if not rows:
            break
        for source, place, parse_json, text in rows:
            yield source, place, document_from_json(json.loads(parse_json), text)


def ledger_sources(url: str) -> tuple[list[SourceRef], Callable[[list[SourceRef]], list[SourceRef]]]:
    """The ledger's current documents as sources, and the function giving their texts."""
    from sqlalchemy.engine import make_url

    from taizhang.config import Settings
    from taizhang.store import Ledger

    settings = Settings.from_env(db_url=url)
    name = Path(make_url(settings.db_url).database or "ledger").name  # never the password
    with Ledger.from_settings(settings) as ledger:
        refs = [SourceRef(f"ledger:{name}#{rec.id}", "text", rec.source or f"{rec.id}.txt",
                          rec.text_hash, size=0)
                for rec in ledger.list_documents()]

    def fill(batch: list[SourceRef]) -> list[SourceRef]:
        with Ledger.from_settings(settings) as ledger:
            return [r._replace(data=ledger.document_text(int(r.source.rsplit("#", 1)[1])).encode("utf-8"))
                    if r.kind == "text" else r for r in batch]

    return refs, fill
