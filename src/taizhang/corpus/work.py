"""One batch of documents, on a Dask worker: read, hash, parse, flatten, write one part.

Each document goes through exactly what ``taizhang parse FILE --format json`` runs: the
project's readers (bytes → text, with their warnings), :func:`taizhang.parse.parse`, and the
command's own JSON serialiser; so the corpus equals the one-document output document by
document. A document that cannot be read or parsed becomes a failures row with its reason;
nothing in a batch stops the run but the disk itself.
"""
from __future__ import annotations

import hashlib
import resource
import time
from pathlib import Path
from typing import Any, NamedTuple

from taizhang.corpus.sources import SourceRef


class Batch(NamedTuple):
    part: str  # the part id: a digest of the batch's sources, stamps and versions
    refs: tuple[SourceRef, ...]
    known: tuple[str | None, ...]  # per ref: the content hash already in the corpus (same versions)
    versions: tuple[str, str, str]


class Outcome(NamedTuple):
    source: str
    status: str  # parsed | failed | unchanged
    content_hash: str | None
    doc_id: str | None


class BatchResult(NamedTuple):
    part: str
    committed: bool  # a part was written (False: nothing new, or its twin was there already)
    outcomes: tuple[Outcome, ...]
    tasks: int
    seconds: float
    cpu_seconds: float  # CPU time of the worker process over the batch (fair on a busy machine)
    peak_rss_kib: int  # this worker process's peak resident memory so far
    worker_pid: int


def worker_versions() -> tuple[str, str, str]:
    """The versions of the code this worker runs (compared with the client's before any work)."""
    from taizhang.corpus.versions import current

    return tuple(current())  # type: ignore[return-value]


def run_batch(batch: Batch, out: str) -> BatchResult:
    """Process ``batch`` and commit its part under ``out`` (see :mod:`taizhang.corpus.layout`)."""
    import os

    from taizhang.corpus import layout, rows
    from taizhang.corpus.sources import close_all

    started, cpu = time.perf_counter(), time.process_time()
    mine = worker_versions()
    if mine != batch.versions:
        raise RuntimeError(f"工作进程的代码版本与提交任务的一方不同（{mine[1]} ≠ {batch.versions[1]}）")
    collected: dict[str, list[dict[str, Any]]] = {name: [] for name in rows.TABLES}
    outcomes: list[Outcome] = []
    opened: dict[str, object] = {}
    try:
        for ref, known in zip(batch.refs, batch.known):
            outcome = _one(ref, known, batch.versions, collected, opened)
            outcomes.append(outcome)
    finally:
        close_all(opened)
    committed = False
    if collected["documents"] or collected["failures"]:
        committed = layout.write_part(Path(out), batch.part, rows.to_tables(collected))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return BatchResult(batch.part, committed, tuple(outcomes), len(collected["tasks"]),
                       time.perf_counter() - started, time.process_time() - cpu, int(usage.ru_maxrss),
                       os.getpid())


def _one(ref: SourceRef, known: str | None, versions: tuple[str, str, str],
         collected: dict[str, list[dict[str, Any]]], opened: dict[str, object]) -> Outcome:
    from taizhang.cli.parse_cmd import document_json
    from taizhang.cli.render import with_read_warnings
    from taizhang.corpus import rows
    from taizhang.corpus.sources import read_ref
    from taizhang.errors import DecodeError, FileUnreadable
    from taizhang.parse import parse

    digest = None

    def fail(reason: str, message: str) -> Outcome:
        collected["failures"].append(rows.failure_row(
            source=ref.source, name=ref.name, content_hash=digest, stamp=ref.stamp,
            size=ref.size, versions=versions, reason=reason, message=message))
        return Outcome(ref.source, "failed", digest, None)

    try:
        data = read_ref(ref, opened=opened)
    except FileUnreadable as err:
        return fail("unreadable", str(err))
    digest = hashlib.sha256(data).hexdigest()
    if known is not None and digest == known:
        return Outcome(ref.source, "unchanged", digest, rows.doc_id_of(ref.source))
    try:
        read = _read(ref, data)
    except DecodeError as err:
        return fail("encoding", str(err))
    except FileUnreadable as err:
        return fail("unreadable", str(err))
    try:
        doc = parse(read.text, source=read.source)
        if read.warnings:
            doc = with_read_warnings(doc, read.warnings)
        parse_json = document_json(doc.to_dict())
        produced = rows.document_rows(doc, source=ref.source, read=read, content_hash=digest,
                                      stamp=ref.stamp, size=len(data), versions=versions,
                                      parse_json=parse_json)
    except Exception as err:  # a parser bug on one document must not stop a million
        return fail("parse_error", f"{ref.source}：解析出错（{type(err).__name__}：{err}）")
    for name, table_rows in produced.items():
        collected[name].extend(table_rows)
    return Outcome(ref.source, "parsed", digest, rows.doc_id_of(ref.source))


def _read(ref: SourceRef, data: bytes) -> Any:
    """The reader's result for the bytes, named as `taizhang parse` names the file."""
    from taizhang.readers import ReadResult, read_bytes

    if ref.kind == "text":  # a ledger's stored text: already text, nothing for a reader to do
        return ReadResult(text=data.decode("utf-8"), source=ref.name, format="ledger")
    return read_bytes(data, name=ref.name, shown=ref.source)
