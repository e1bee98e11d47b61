"""Ingest at scale on one machine: `taizhang ingest` of N generated documents with 1 worker and
with 2 (issue 16), each a whole process into a fresh SQLite file, the way people run it.

    .venv/bin/python benchmarks/bench_ingest.py [--docs 2000] [--workers 1,2] [--repeat 1]

The documents come from `taizhang.corpus.generate` (the five samples with other places, years
and numbers), written to a temporary folder and removed after. One ingest command takes them
all, so the documents' own places are found by ingest itself (no --jurisdiction). Prints
documents per second, the speed-up over one worker, the wall and CPU time of the command and
the machine's load average before and after each run (`os.getloadavg()`): the machine is
shared, so a run under load says less. Never asserts, never fails on time.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EXE = Path(sys.executable).with_name("taizhang")


def ingest_once(files: list[str], workers: int, folder: Path) -> dict[str, float]:
    db = folder / f"w{workers}_{time.monotonic_ns()}.db"
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([str(EXE), "ingest", *files, "--workers", str(workers), "--no-progress",
                           "--db", f"sqlite:///{db}"], capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    summary = next((ln for ln in done.stderr.splitlines() if ln.startswith("读入 ")), "?")
    db.unlink(missing_ok=True)
    return {"wall": wall, "cpu": (after.ru_utime - before.ru_utime)
            + (after.ru_stime - before.ru_stime), "load_before": load,
            "load_after": os.getloadavg()[0], "code": done.returncode, "summary": summary}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--workers", default="1,2", help="worker counts to compare, the first is the base")
    ap.add_argument("--repeat", type=int, default=1, help="runs per worker count (best is kept)")
    args = ap.parse_args()
    from taizhang.corpus.generate import generate

    counts = [int(w) for w in args.workers.split(",")]
    print(f"cores: {os.cpu_count()}, load average at start: "
          + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="bench_ingest_") as tmp:
        folder = Path(tmp)
        files = sorted(str(p) for p in generate(folder / "docs", args.docs, seed=16))
        print(f"{len(files)} documents generated")
        best: dict[int, dict[str, float]] = {}
        for _ in range(args.repeat):
            for workers in counts:
                run = ingest_once(files, workers, folder)
                print(f"  workers={workers}: {run['wall']:.1f} s wall, {run['cpu']:.1f} s CPU, "
                      f"{len(files) / run['wall']:.1f} docs/s, exit {run['code']:.0f}, "
                      f"load {run['load_before']:.2f}→{run['load_after']:.2f}; {run['summary']}")
                if workers not in best or run["wall"] < best[workers]["wall"]:
                    best[workers] = run
    base = best[counts[0]]["wall"]
    print(f"\nbest of {args.repeat}:")
    for workers in counts:
        wall = best[workers]["wall"]
        print(f"  workers={workers}: {len(files) / wall:7.1f} docs/s  speed-up ×{base / wall:.2f}"
              f"  (load {best[workers]['load_before']:.2f})")
    print("target: ×1.6 or more with 2 workers on 2 cores (a figure, not a test)")


if __name__ == "__main__":
    main()
