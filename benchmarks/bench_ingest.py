"""Ingest at scale on one machine: `taizhang ingest` of N generated documents with 1 worker and
with 2 (issue 16), each a whole process into a fresh SQLite file, the way people run it.

    .venv/bin/python benchmarks/bench_ingest.py [--docs 2000] [--workers 1,2] [--repeat 1]

The documents come from `taizhang.corpus.generate` (the five samples with other places, years
and numbers), written to a temporary folder and removed after. One ingest command takes them
all, so the documents' own places are found by ingest itself (no --jurisdiction). Prints
documents per second, the speed-up over one worker, the wall and CPU time of the command and
the machine's load average before and after each run (`os.getloadavg()`): the machine is
shared, so a run under load says less. For that case it also samples the CPU time of the
command and of its parsing processes (psutil, when installed) and prints what the run would
take on an otherwise idle machine: the storing process is serial, so the wall time cannot
fall below its own CPU time, nor below all the CPU time shared by the cores — an estimate,
printed as such beside the measured figures. Never asserts, never fails on time.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

EXE = Path(sys.executable).with_name("taizhang")


def _cpu_sampler(pid: int) -> tuple[dict[int, float], Any]:
    """CPU seconds per process of the command's tree, kept up to date by ``sample()`` (the
    parsing processes are grandchildren: getrusage does not see them). No psutil → empty."""
    seen: dict[int, float] = {}
    try:
        import psutil
    except ImportError:
        return seen, lambda: None
    root = psutil.Process(pid)

    def sample() -> None:
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.Error:
            return
        for p in procs:
            try:
                t = p.cpu_times()
                seen[p.pid] = t.user + t.system
            except psutil.Error:
                pass
    return seen, sample


def ingest_once(files: list[str], workers: int, folder: Path) -> dict[str, Any]:
    db = folder / f"w{workers}_{time.monotonic_ns()}.db"
    load = os.getloadavg()[0]
    start = time.perf_counter()
    with open(folder / "err.txt", "w+", encoding="utf-8") as err:
        proc = subprocess.Popen([str(EXE), "ingest", *files, "--workers", str(workers),
                                 "--no-progress", "--db", f"sqlite:///{db}"],
                                stdout=subprocess.DEVNULL, stderr=err, text=True)
        seen, sample = _cpu_sampler(proc.pid)
        while proc.poll() is None:
            sample()
            time.sleep(0.25)
        wall = time.perf_counter() - start
        err.seek(0)
        summary = next((ln.strip() for ln in err if ln.startswith("读入 ")), "?")
    db.unlink(missing_ok=True)
    main_cpu = seen.get(proc.pid, 0.0)
    return {"wall": wall, "main_cpu": main_cpu, "all_cpu": sum(seen.values()),
            "load_before": load, "load_after": os.getloadavg()[0], "code": proc.returncode,
            "summary": summary}


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
        walls: dict[int, list[float]] = {w: [] for w in counts}
        for _ in range(args.repeat):
            for workers in counts:
                run = ingest_once(files, workers, folder)
                walls[workers].append(run["wall"])
                print(f"  workers={workers}: {run['wall']:.1f} s wall, CPU {run['all_cpu']:.1f} s "
                      f"(storing process {run['main_cpu']:.1f} s), "
                      f"{len(files) / run['wall']:.1f} docs/s, exit {run['code']}, "
                      f"load {run['load_before']:.2f}→{run['load_after']:.2f}; {run['summary']}")
                if workers not in best or run["wall"] < best[workers]["wall"]:
                    best[workers] = run
    base = best[counts[0]]["wall"]
    print(f"\nbest of {args.repeat}:")
    for workers in counts:
        wall = best[workers]["wall"]
        print(f"  workers={workers}: {len(files) / wall:7.1f} docs/s  speed-up ×{base / wall:.2f}"
              f"  (load {best[workers]['load_before']:.2f})")
    if args.repeat > 1:
        # runs side by side in time: how steady the speed-up is when the machine's pace drifts
        for workers in counts[1:]:
            pairs = sorted(b / w for b, w in zip(walls[counts[0]], walls[workers]))
            print(f"  workers={workers}, run by run: " + " ".join(f"×{r:.2f}" for r in pairs)
                  + f" (median ×{pairs[len(pairs) // 2]:.2f})")
    cores = os.cpu_count() or 1
    if all(best[w]["all_cpu"] for w in counts):
        # idle machine: wall ≥ the serial storing process's CPU, and ≥ all CPU / usable cores
        idle = {w: max(best[w]["main_cpu"], best[w]["all_cpu"] / min(cores, w + 1))
                if w > 1 else best[w]["all_cpu"] for w in counts}
        print("estimate for an idle machine, from CPU times (not measured wall time):")
        for workers in counts:
            print(f"  workers={workers}: ≥ {idle[workers]:.1f} s, "
                  f"≤ {len(files) / idle[workers]:.1f} docs/s, "
                  f"speed-up ≤ ×{idle[counts[0]] / idle[workers]:.2f}")
    print("target: ×1.6 or more with 2 workers on 2 cores (a figure, not a test)")


if __name__ == "__main__":
    main()
