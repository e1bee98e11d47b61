"""Benchmark of the corpus mode (prints figures and ratios, never fails on time).

1. Generate N documents from the seeds (taizhang.corpus.generate); a --keep folder that
   already holds them is reused.
2. Build a subset of M documents on a LocalCluster of 1 worker, then of 2 workers: documents/s
   per worker, the speed-up from 1 to 2, peak resident memory per worker.
3. Build all N on 2 workers: the same figures at full size (flat memory = the same peak as the
   subset), then a second build of the same sources (everything skipped).
4. Time each ready analysis and a few plain queries over the N documents (DuckDB, Parquet).
5. Project the time for 10⁶ documents on 16 and 64 workers.

Every build reports wall time *and* the CPU seconds each worker spent in its batches
(time.process_time inside the task, summed per worker), with the load average before and
after: on a shared machine a worker that waits for a core shows it as wall time, not CPU
time. Two 1 → 2 speed-ups are printed: from wall time (what this machine gave, other people's
work included), and work-conserving (documents per CPU-second of two workers against one,
times two: what two free cores give, i.e. whether running two workers costs extra work).

Run: .venv/bin/python benchmarks/bench_corpus.py 100000 --subset 4000 --keep /tmp/corpus100k
     .venv/bin/python benchmarks/bench_corpus.py 100000 --keep /tmp/corpus100k --only queries
The machine is shared and has 2 cores: the wall figures are a lower bound.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any


def _load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def _build(src: Path, out: Path, workers: int, batch: int) -> dict[str, Any]:
    from taizhang.corpus.build import build

    load_before = _load()
    started = time.perf_counter()
    s = build([str(src)], out, workers=workers, batch_size=batch)
    wall = time.perf_counter() - started
    done = s.parsed + s.failed
    run = s.run_seconds or wall
    cpu = sum(s.cpu_seconds.values())
    return {"docs": done, "wall": wall, "run": run, "rate": done / run if run else 0.0,
            "cpu": cpu, "cpu_rate": done / cpu if cpu else 0.0,  # documents per CPU-second of one worker
            "per_worker": {pid: {"docs": s.worker_docs[pid], "cpu": s.cpu_seconds[pid],
                                 "peak_mib": s.peak_rss_kib[pid] / 1024} for pid in s.cpu_seconds},
            "busy": cpu / (run * workers) if run else 0.0,  # share of its cores the build got
            "peak_mib": max(s.peak_rss_kib.values(), default=0) / 1024, "tasks": s.tasks,
            "skipped": s.skipped, "load_before": load_before, "load_after": _load()}


def _show(name: str, r: dict[str, Any]) -> None:
    print(f"{name}: wall {r['wall']:.1f} s (parsing {r['run']:.1f} s), {r['rate']:.1f} docs/s overall; "
          f"{r['cpu_rate']:.1f} docs per CPU-second per worker; workers got {100 * r['busy']:.0f} % of "
          f"their cores; peak {r['peak_mib']:.0f} MiB/worker; load {r['load_before']} → {r['load_after']}")
    for pid, w in sorted(r["per_worker"].items()):
        print(f"    worker {pid}: {w['docs']} docs, {w['cpu']:.1f} CPU-s, "
              f"{w['docs'] / w['cpu'] if w['cpu'] else 0:.1f} docs/CPU-s, "
              f"{w['docs'] / r['run']:.1f} docs/s wall, peak {w['peak_mib']:.0f} MiB")


def _du(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1048576


def _queries(out: Path) -> list[tuple[str, float, float, int]]:
    """(name, wall seconds, CPU seconds of this process — DuckDB's threads included, rows)."""
    from taizhang.corpus import analyses
    from taizhang.corpus.query import connect

    started = time.perf_counter()
    con = connect(out)
    sizes = con.sql("SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM tasks), "
                    "(SELECT count(*) FROM units), (SELECT count(*) FROM refs)").fetchall()[0]
    print(f"corpus: {sizes[0]} documents, {sizes[1]} tasks, {sizes[2]} unit rows, {sizes[3]} references; "
          f"connect {time.perf_counter() - started:.2f} s; per-part summaries: {analyses._summarised(con)}")
    number = "国发〔2016〕62号"
    plans = [
        ("count tasks", lambda: "SELECT count(*) FROM tasks"),
        ("adoption diffusion", lambda: analyses.adoption(con)),
        ("adoption adopters (one number)", lambda: analyses.adoption(con, view="adopters", number=number)),
        ("chains missing links", lambda: analyses.chains(con)),
        ("chains edges", lambda: analyses.chains(con, view="edges")),
        ("chains tree below 国发〔2016〕62号", lambda: analyses.chains(con, view="tree", root=number)),
        ("near-duplicate groups", lambda: analyses.duplicates(con)),
        ("near-duplicate groups (大连市)", lambda: analyses.duplicates(con, place="大连市")),
        ("unit load (all places)", lambda: analyses.load(con)),
        ("co-responsibility (all places)", lambda: analyses.network(con)),
        ("co-responsibility (大连市)", lambda: analyses.network(con, place="大连市")),
    ]
    out_rows = []
    for name, make in plans:
        started, cpu = time.perf_counter(), time.process_time()
        sql = make()
        rows = con.sql(sql).fetchall()  # the whole result, as --out would write it
        out_rows.append((name, time.perf_counter() - started, time.process_time() - cpu, len(rows)))
    return out_rows


def _generated(folder: Path, n: int, seed: int) -> None:
    from taizhang.corpus.generate import generate

    have = sum(1 for _ in folder.rglob("*.txt")) if folder.is_dir() else 0
    if have == n:
        print(f"reusing the {n} documents in {folder}")
        return
    shutil.rmtree(folder, ignore_errors=True)
    t = time.perf_counter()
    generate(folder, n, seed=seed)
    print(f"generated {n} documents in {folder} in {time.perf_counter() - t:.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of generated documents")
    ap.add_argument("--subset", type=int, default=None, help="documents for the 1 vs 2 worker runs (default min(N, 2000))")
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--keep", type=Path, default=None, help="keep sources and corpus under this directory")
    ap.add_argument("--only", choices=("scaling", "full", "queries"), default=None,
                    help="one phase: the 1 vs 2 worker runs, the full build, or the queries over a kept full build")
    ap.add_argument("--corpus", type=Path, default=None,
                    help="with --only queries: time the queries over this finished corpus instead")
    args = ap.parse_args()

    root = args.keep or Path(tempfile.mkdtemp(prefix="bench_corpus_"))
    root.mkdir(parents=True, exist_ok=True)
    record: dict[str, Any] = {"n": args.n, "cores": os.cpu_count()}
    try:
        subset = min(args.n, args.subset or 2000)
        print(f"machine: {os.cpu_count()} cores, shared with other work; load {_load()}")
        phases = {args.only} if args.only else {"scaling", "full", "queries"}
        src_all = root / "all" if args.n > subset else root / "subset"
        out = args.corpus or (root / "call" if args.n > subset else root / "c2")
        if "scaling" in phases or (args.n <= subset and "full" in phases):
            _generated(root / "subset", subset, seed=1)
        if args.n > subset and "full" in phases:
            _generated(root / "all", args.n, seed=2)

        if "scaling" in phases:
            for d in ("c1", "c2"):
                shutil.rmtree(root / d, ignore_errors=True)
            one = _build(root / "subset", root / "c1", 1, args.batch)
            two = _build(root / "subset", root / "c2", 2, args.batch)
            print(f"\n== build of {subset} documents")
            _show("1 worker ", one)
            _show("2 workers", two)
            wall_speedup = one["run"] / two["run"] if two["run"] else 0.0  # cluster start-up left out
            work_speedup = 2 * two["cpu_rate"] / one["cpu_rate"] if one["cpu_rate"] else 0.0
            print(f"speed-up 1 → 2 workers (goal ≥ 1.7×): {wall_speedup:.2f}× from wall time on this shared "
                  f"machine; {work_speedup:.2f}× work-conserving (2 × docs/CPU-s of two workers ÷ that of one)")
            record.update(one=one, two=two, wall_speedup=wall_speedup, work_speedup=work_speedup)

        if "full" in phases and args.n > subset:
            shutil.rmtree(out, ignore_errors=True)
            full = _build(src_all, out, 2, args.batch)
            print(f"\n== build of {args.n} documents on 2 workers")
            _show("2 workers", full)
            print(f"{full['tasks']} tasks, corpus {_du(out):.0f} MiB on disk")
            again = _build(src_all, out, 2, args.batch)
            print(f"second build: {again['wall']:.1f} s, {again['skipped']} skipped")
            record.update(full=full, again_wall=again["wall"], again_skipped=again["skipped"])

        if "queries" in phases:
            print(f"\n== queries (each goal ≤ 5 s); load {_load()}")
            timed = _queries(out)
            for name, seconds, cpu, rows in timed:
                print(f"{name:38s} {seconds:6.2f} s wall {cpu:6.2f} s CPU  {rows} rows")
            print(f"load after the queries {_load()}")
            record["queries"] = timed

        if "one" in record:
            cpu_rate = record.get("full", record["two"])["cpu_rate"]
            efficiency = min(record["work_speedup"] / 2, 1.0)
            print("\n== projection for 1,000,000 documents, a full core per worker "
                  "(docs per CPU-second per worker × workers × work-conserving efficiency)")
            for w in (16, 64):
                seconds = 1_000_000 / (cpu_rate * w * efficiency)
                print(f"{w:3d} workers: {seconds / 60:.1f} min ({cpu_rate:.1f} docs/CPU-s per worker, "
                      f"efficiency {efficiency:.2f})")
        (root / f"bench-{args.only or 'all'}.json").write_text(json.dumps(record, indent=1, default=str))
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":  # LocalCluster's workers re-import this module
    main()
