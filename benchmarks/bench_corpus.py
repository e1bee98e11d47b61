"""Benchmark of the corpus mode (prints figures and ratios, never fails on time).

1. Generate N documents from the seeds (taizhang.corpus.generate).
2. Build a subset of M documents on a LocalCluster of 1 worker, then of 2 workers: documents/s
   per worker, the speed-up from 1 to 2, peak resident memory per worker.
3. Build all N on 2 workers: the same figures at full size (flat memory = the same peak as the
   subset), then a second build of the same sources (everything skipped).
4. Time each ready analysis and a few plain queries over the N documents (DuckDB, Parquet).
5. Project the time for 10⁶ documents on 16 and 64 workers from the measured rate per worker
   and the measured 1 → 2 efficiency.

Run: .venv/bin/python benchmarks/bench_corpus.py 2000 [--subset 1000] [--keep DIR]
The machine is shared and has 2 cores: take the figures as a lower bound.
"""
from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path


def _build(src: Path, out: Path, workers: int, batch: int) -> dict[str, float]:
    from taizhang.corpus.build import build

    started = time.perf_counter()
    s = build([str(src)], out, workers=workers, batch_size=batch)
    wall = time.perf_counter() - started
    done = s.parsed + s.failed
    run = s.run_seconds or wall
    return {"docs": done, "wall": wall, "run": run, "rate": done / run if run else 0.0,
            "work": s.work_seconds, "per_worker": done / s.work_seconds if s.work_seconds else 0.0,
            "peak_mib": max(s.peak_rss_kib.values(), default=0) / 1024, "tasks": s.tasks,
            "skipped": s.skipped}


def _du(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1048576


def _queries(out: Path) -> list[tuple[str, float, int]]:
    from taizhang.corpus import analyses
    from taizhang.corpus.query import connect

    con = connect(out)
    number = "国发〔2016〕62号"
    plans = [
        ("count tasks", lambda: "SELECT count(*) FROM tasks"),
        ("adoption diffusion", lambda: analyses.adoption(con)),
        ("adoption adopters (one number)", lambda: analyses.adoption(con, view="adopters", number=number)),
        ("chains missing links", lambda: analyses.chains(con)),
        ("chains tree below 国发〔2016〕62号", lambda: analyses.chains(con, view="tree", root=number)),
        ("near-duplicate groups", lambda: analyses.duplicates(con)),
        ("unit load (all places)", lambda: analyses.load(con)),
        ("co-responsibility (all places)", lambda: analyses.network(con)),
        ("co-responsibility (大连市)", lambda: analyses.network(con, place="大连市")),
    ]
    out_rows = []
    for name, make in plans:
        started = time.perf_counter()
        sql = make()
        rows = con.sql(sql).fetchall()  # the whole result, as --out would write it
        out_rows.append((name, time.perf_counter() - started, len(rows)))
    return out_rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int, help="number of generated documents")
    ap.add_argument("--subset", type=int, default=None, help="documents for the 1 vs 2 worker runs (default min(N, 2000))")
    ap.add_argument("--batch", type=int, default=200)
    ap.add_argument("--keep", type=Path, default=None, help="keep sources and corpus under this directory")
    args = ap.parse_args()
    from taizhang.corpus.generate import generate

    root = args.keep or Path(tempfile.mkdtemp(prefix="bench_corpus_"))
    root.mkdir(parents=True, exist_ok=True)
    try:
        subset = min(args.n, args.subset or 2000)
        print(f"machine: {os.cpu_count()} cores, shared with other work; load {os.getloadavg()[0]:.1f}")
        t = time.perf_counter()
        generate(root / "subset", subset, seed=1)
        if args.n > subset:
            generate(root / "all", args.n, seed=2)
        src_all = root / "all" if args.n > subset else root / "subset"
        print(f"generated {args.n} (+{subset} subset) documents in {time.perf_counter() - t:.1f} s")

        one = _build(root / "subset", root / "c1", 1, args.batch)
        two = _build(root / "subset", root / "c2", 2, args.batch)
        print(f"\n== build of {subset} documents")
        for name, r in (("1 worker ", one), ("2 workers", two)):
            print(f"{name}: wall {r['wall']:.1f} s (parsing {r['run']:.1f} s), {r['rate']:.1f} docs/s overall, "
                  f"{r['per_worker']:.1f} docs/s per busy worker, peak {r['peak_mib']:.0f} MiB/worker")
        speedup = one["run"] / two["run"] if two["run"] else 0.0  # cluster start-up left out
        print(f"speed-up 1 → 2 workers: {speedup:.2f}× (goal ≥ 1.7×)")

        if args.n > subset:
            full = _build(src_all, root / "call", 2, args.batch)
        else:
            full = two
        out = root / "call" if args.n > subset else root / "c2"
        print(f"\n== build of {args.n} documents on 2 workers")
        print(f"wall {full['wall']:.1f} s (parsing {full['run']:.1f} s), {full['rate']:.1f} docs/s, {full['per_worker']:.1f} docs/s "
              f"per busy worker, {full['tasks']} tasks, peak {full['peak_mib']:.0f} MiB/worker "
              f"(subset: {two['peak_mib']:.0f} MiB), corpus {_du(out):.0f} MiB on disk")
        again = _build(src_all, out, 2, args.batch)
        print(f"second build: {again['wall']:.1f} s, {again['skipped']} skipped")

        print(f"\n== queries over {args.n} documents (each goal ≤ 5 s)")
        for name, seconds, rows in _queries(out):
            print(f"{name:38s} {seconds:6.2f} s  {rows} rows")

        rate = full["per_worker"] or two["per_worker"]
        efficiency = speedup / 2 if speedup else 1.0
        print("\n== projection for 1,000,000 documents (rate per worker × workers × 1→2 efficiency)")
        for w in (16, 64):
            seconds = 1_000_000 / (rate * w * min(efficiency, 1.0))
            print(f"{w:3d} workers: {seconds / 60:.1f} min ({rate:.1f} docs/s per worker, efficiency {efficiency:.2f})")
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":  # LocalCluster's workers re-import this module
    main()
