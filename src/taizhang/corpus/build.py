"""``taizhang corpus build``: plan what to parse, run the batches on Dask, commit the corpus.

1. **Plan** (here, reading no document): list the sources; a source whose stamp and code
   versions match a row already committed is skipped; the rest are cut into batches. A
   batch's id is a digest of the build, its sources, stamps and versions, so a batch run
   twice yields the same part.
2. **Run**: batches go to the workers with a bounded window (memory stays flat however many
   there are); a worker killed midway has its batch run again elsewhere by Dask, and an
   attempt that had already committed leaves a twin the retry recognises.
3. **Commit**: every source has exactly one live row; parts holding stale rows (changed or
   removed files, rows of other code versions, twins) are rewritten or dropped, parts without
   this code's summaries (:mod:`taizhang.corpus.summaries`) are rewritten with them, then
   ``corpus.json`` names the parts, atomically. A build killed at any point leaves the last
   manifest intact and its finished parts as done work for the next run.

Nothing is created in DIR before the sources are listed and the cluster has answered.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from taizhang.corpus import layout
from taizhang.corpus.rows import doc_id_of
from taizhang.corpus.sources import SourceRef
from taizhang.corpus.work import Batch, BatchResult
from taizhang.errors import ClusterError, InputError

DEFAULT_BATCH = 200  # documents per task: ≈ 2 s of work, few enough tasks for 10⁶ documents


@dataclass
class Summary:
    sources: int = 0
    parsed: int = 0
    failed: int = 0
    skipped: int = 0  # stamp and versions unchanged: not even read
    unchanged: int = 0  # read again (stamp changed) but the same bytes
    removed: int = 0  # in the corpus before, no longer among the sources
    tasks: int = 0  # tasks of the documents parsed in this build
    documents: int = 0  # documents in the finished corpus
    failures: int = 0  # failures rows in the finished corpus
    workers: int = 0
    seconds: float = 0.0
    run_seconds: float = 0.0  # from the first batch submitted to the last result (no start-up)
    work_seconds: float = 0.0  # summed over batches: time spent inside workers
    cpu_seconds: dict[int, float] = field(default_factory=dict)  # worker pid → CPU time in batches
    worker_docs: dict[int, int] = field(default_factory=dict)  # worker pid → documents it did
    peak_rss_kib: dict[int, int] = field(default_factory=dict)  # worker pid → peak

    def lines(self) -> list[str]:
        out = [f"来源中共 {self.sources} 份文件：新解析 {self.parsed} 份，失败 {self.failed} 份，"
               f"未变化跳过 {self.skipped + self.unchanged} 份"
               + (f"（其中 {self.unchanged} 份重新读过，内容相同）" if self.unchanged else "")
               + (f"，移除 {self.removed} 份（来源中已不存在）" if self.removed else "") + "。"]
        if self.parsed or self.failed:
            rate = (self.parsed + self.failed + self.unchanged) / self.run_seconds if self.run_seconds else 0.0
            peak = max(self.peak_rss_kib.values(), default=0) / 1024
            out.append(f"本次 {self.workers} 个工作进程，用时 {self.seconds:.1f} 秒（解析 {self.run_seconds:.1f} 秒，"
                       f"每秒 {rate:.1f} 份）；"
                       f"新解析出任务 {self.tasks} 项；工作进程内存峰值 {peak:.0f} MiB。")
        out.append(f"语料库现有文件 {self.documents} 份，失败记录 {self.failures} 份"
                   + ("（原因见 failures 表：taizhang corpus query 目录 \"SELECT * FROM failures\"）"
                      if self.failures else "") + "。")
        return out


def build(names: Sequence[str], out: Path, *, scheduler: str | None = None,
          workers: int | None = None, batch_size: int = DEFAULT_BATCH, timeout: float = 10.0,
          extra: Sequence[SourceRef] = (), fill: Callable[[list[SourceRef]], list[SourceRef]] | None = None,
          progress: Callable[[int, int], None] | None = None) -> Summary:
    """Build or update the corpus in ``out`` from the sources ``names`` (and ``extra`` refs,
    e.g. a ledger's, whose bytes ``fill`` supplies for those that need parsing)."""
    from taizhang.corpus.sources import list_sources
    from taizhang.corpus.versions import current

    started = time.perf_counter()
    refs = sorted(list_sources(names) + list(extra), key=lambda r: r.source)
    if not refs:
        raise InputError("来源中没有找到政策文件（.txt .docx .pdf .html，或其 zip/tar 压缩包）",
                         hint="请指定文件、目录、压缩包或 @清单 文件")
    layout.check_target(out)
    versions = tuple(current())
    held = layout.lock(out) if out.is_dir() else None
    try:
        notes = layout.committed_parts(out) if out.is_dir() else {}
        entries = layout.read_entries(out, notes)
        summary = Summary(sources=len(refs))
        live, todo = _plan(refs, entries, versions, summary)  # type: ignore[arg-type]
        token = uuid.uuid4().hex[:8]
        batches = _batches(todo, versions, batch_size, fill, token)  # type: ignore[arg-type]
        results: list[BatchResult] = []
        if batches:
            from taizhang.corpus.cluster import open_client, worker_count

            with open_client(scheduler, workers=workers, timeout=timeout) as client:
                out.mkdir(parents=True, exist_ok=True)
                if held is None:
                    held = layout.lock(out)
                summary.workers = worker_count(client)
                running = time.perf_counter()
                results = _run(client, batches, out, summary.workers, len(todo), progress, token)
                summary.run_seconds = time.perf_counter() - running
        _absorb(results, entries, versions, live, summary)
        _commit(out, notes, entries, results, live, versions, refs, summary)
    finally:
        if held is not None:
            held.close()
    summary.seconds = time.perf_counter() - started
    return summary


def _plan(refs: list[SourceRef], entries: list[layout.Entry], versions: tuple[str, str, str],
          summary: Summary) -> tuple[dict[str, tuple[str, bool]], list[tuple[SourceRef, str | None]]]:
    """Live rows of the skipped sources (source → (part, failed)), and what is left to do."""
    by_source: dict[str, list[layout.Entry]] = defaultdict(list)
    for e in entries:
        by_source[e.source].append(e)
    live: dict[str, tuple[str, bool]] = {}
    todo: list[tuple[SourceRef, str | None]] = []
    for ref in refs:
        same = [e for e in by_source.get(ref.source, ()) if e.versions == versions]
        hit = sorted((e for e in same if e.stamp == ref.stamp), key=lambda e: e.part)
        if hit:
            live[ref.source] = (hit[0].part, hit[0].failed)
            summary.skipped += 1
            continue
        known = next((e.content_hash for e in same if not e.failed and e.content_hash), None)
        todo.append((ref, known))
    current = {r.source for r in refs}
    summary.removed = len({e.source for e in entries} - current)
    return live, todo


def _batches(todo: list[tuple[SourceRef, str | None]], versions: tuple[str, str, str],
             size: int, fill: Callable[[list[SourceRef]], list[SourceRef]] | None,
             token: str) -> list[Batch]:
    """Batches in source order; a part id names the build too, so only a batch run twice in
    this build (a worker lost after its commit) can meet an existing part of its name."""
    batches = []
    for i in range(0, len(todo), size):
        chunk = todo[i:i + size]
        refs = [r for r, _ in chunk]
        if fill is not None and any(r.kind == "text" and r.data is None for r in refs):
            refs = fill(refs)
        h = hashlib.sha256("\n".join((token, *versions)).encode())
        for ref, known in chunk:
            h.update(f"\n{ref.source}\t{ref.stamp}\t{known or ''}".encode())
        batches.append(Batch(h.hexdigest()[:16], tuple(refs), tuple(k for _, k in chunk), versions))
    return batches


def _run(client: Any, batches: list[Batch], out: Path, n_workers: int, total: int,
         progress: Callable[[int, int], None] | None, token: str) -> list[BatchResult]:
    """Submit with a bounded window; a batch that fails for good stops the build."""
    from distributed import as_completed

    from taizhang.corpus.work import run_batch

    window = max(4, 3 * n_workers)
    pending = iter(batches)
    flow = as_completed()

    def submit(batch: Batch) -> None:
        flow.add(client.submit(run_batch, batch, str(out), key=f"taizhang-corpus-{batch.part}-{token}",
                               pure=False))

    for batch in pending:
        submit(batch)
        if flow.count() >= window:
            break
    results, done = [], 0
    for future in flow:
        try:
            result: BatchResult = future.result()
        except Exception as err:  # noqa: BLE001 — KilledWorker, a full disk, a lost scheduler
            flow.clear()
            raise ClusterError(f"一批文件未能处理完（{type(err).__name__}：{err}）",
                               hint="已完成的部分已保存；排除问题后重新运行同一命令即可接着完成") from None
        future.release()
        results.append(result)
        done += len(result.outcomes)
        if progress is not None:
            progress(done, total)
        following = next(pending, None)
        if following is not None:
            submit(following)
    return results


def _absorb(results: list[BatchResult], entries: list[layout.Entry],
            versions: tuple[str, str, str], live: dict[str, tuple[str, bool]],
            summary: Summary) -> None:
    """The live row of every source the workers saw."""
    same_hash = {(e.source, e.content_hash): e.part for e in sorted(entries, key=lambda e: e.part, reverse=True)
                 if not e.failed and e.versions == versions}
    for r in results:
        summary.tasks += r.tasks
        summary.work_seconds += r.seconds
        summary.cpu_seconds[r.worker_pid] = summary.cpu_seconds.get(r.worker_pid, 0.0) + r.cpu_seconds
        summary.worker_docs[r.worker_pid] = summary.worker_docs.get(r.worker_pid, 0) + len(r.outcomes)
        summary.peak_rss_kib[r.worker_pid] = max(summary.peak_rss_kib.get(r.worker_pid, 0), r.peak_rss_kib)
        for o in r.outcomes:
            if o.status == "unchanged":
                live[o.source] = (same_hash[(o.source, o.content_hash)], False)
                summary.unchanged += 1
            else:
                live[o.source] = (r.part, o.status == "failed")
                summary.parsed += o.status == "parsed"
                summary.failed += o.status == "failed"


def _commit(out: Path, notes: dict[str, Any], entries: list[layout.Entry], results: list[BatchResult],
            live: dict[str, tuple[str, bool]], versions: tuple[str, str, str], refs: list[SourceRef],
            summary: Summary) -> None:
    """Keep, rewrite or drop each part so every source has one row; then the manifest."""
    contents: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    doc_ids: dict[str, str] = {}
    for e in entries:
        contents[e.part].add((e.source, e.failed))
        if e.doc_id:
            doc_ids[e.source] = e.doc_id
    for r in results:
        for o in r.outcomes:
            if o.status != "unchanged":
                contents[r.part].add((o.source, o.status == "failed"))
    kept: list[str] = []
    for part in sorted(contents):
        rows_here = contents[part]
        wanted = {(s, f) for s, f in rows_here if live.get(s) == (part, f)}
        if wanted == rows_here and _summarised(out, part):
            kept.append(part)
        elif wanted:
            kept.append(layout.rewrite_part(
                out, part, {doc_ids.get(s) or doc_id_of(s) for s, f in wanted if not f},
                {s for s, f in wanted if f}))
    summary.documents = sum(1 for _, f in live.values() if not f)
    summary.failures = sum(1 for _, f in live.values() if f)
    old = _old_manifest(out)
    if old.get("parts") != sorted(kept) or old.get("versions") != list(versions):
        out.mkdir(parents=True, exist_ok=True)
        layout.write_manifest(out, {
            "format": "taizhang.corpus/1", "versions": list(versions),
            "built_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
            "sources": summary.sources, "documents": summary.documents,
            "failures": summary.failures, "parts": sorted(kept)})
    # only now, with the manifest naming the kept parts: stale parts, twins, superseded copies
    for part in layout.all_part_dirs(out):
        if part not in kept:
            layout.remove_part(out, part)
    layout.clear_staging(out)


def _summarised(out: Path, part: str) -> bool:
    """Whether the part's summaries were made by this code (a part from before has none: it is
    rewritten with them, its rows unchanged)."""
    import json

    note = json.loads((out / layout.PARTS / part / layout.PART_NOTE).read_text("utf-8"))
    return layout.has_summaries(note)


def _old_manifest(out: Path) -> dict[str, Any]:
    try:
        return layout.read_manifest(out)
    except InputError:
        return {}
