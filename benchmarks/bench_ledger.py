"""Ledger benchmark: `taizhang ingest` of 1,000 documents into SQLite, then `taizhang tasks
--overdue` over them, each as whole processes, the way people run them.

    .venv/bin/python benchmarks/bench_ledger.py [--docs 1000] [--keep DIR] [--breakdown]

The five seeds are varied (a batch number in the title and the 发文字号) so each file is a
distinct document. The files are ingested by `taizhang ingest` (read, parse, store one
transaction per document, index for search), one command per seed place with its
`--jurisdiction` (a varied title can hide the issuer from the parser; seed 004 names none).
`--breakdown` also times parse, store and index apart, in this process. Prints figures, the
issue's "before" figures and ratios to the targets (ingest ≤ 30 s; listing ≤ 0.5 s); never
asserts. CPU time is the fair figure on a busy machine; the load average is printed too.
"""
from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"〔(\d{4})〕(\d+)号")
EXE = Path(sys.executable).with_name("taizhang")
# measured before this round of work (issue 3, machine under load), for comparison
BEFORE = {"ingest": "70.5 s (parse 23.6 s, store 46.9 s)", "listing": "1.8–2.7 s"}


def variants(count: int) -> list[tuple[str, str]]:
    """(source name, text) pairs: the seeds in turn, each with its batch number written in."""
    from taizhang.parse import parse

    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "samples").glob("*.txt"))]
    titles = [parse(text, source=name).title for name, text in seeds]
    out = []
    for n in range(count):
        name, text = seeds[n % len(seeds)]
        title = titles[n % len(seeds)]
        batch = n // len(seeds) + 1
        if title and title in text:
            text = text.replace(title, f"{title}（第{batch}批）")
        # the parser reads serial numbers of up to five digits: 200 batches fit
        text = NUMBER.sub(lambda m: f"〔{m.group(1)}〕{int(m.group(2)) + 100 * batch}号", text)
        out.append((f"b{batch:04d}_{name}", text + f"\n（第{batch}批）\n"))
    return out


def seed_places() -> dict[str, str]:
    """Seed file name → the place its issuer names (沈阳市 for seed 004, which names none)."""
    from taizhang.ledger.units import jurisdiction_of
    from taizhang.parse import parse

    return {p.name: jurisdiction_of(parse(p.read_text(encoding="utf-8")).issuer) or "沈阳市"
            for p in (ROOT / "samples").glob("*.txt")}


def _run(cmd: list[str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of a whole process (its own and its reaped children's), stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode not in (0, 2):
        raise SystemExit(f"{' '.join(cmd[:3])} … failed:\n{out.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, cpu, out.stdout


def bench_ingest(db_file: Path, files: list[Path], workers: int | None) -> None:
    places = seed_places()
    groups: dict[str, list[Path]] = {}
    for f in files:
        groups.setdefault(places[f.name.split("_", 1)[1]], []).append(f)
    wall = cpu = 0.0
    outcomes: dict[str, int] = {}
    for place, group in groups.items():
        cmd = [str(EXE), "ingest", *map(str, group), "--jurisdiction", place,
               "--db", f"sqlite:///{db_file}", "--format", "json"]
        if workers:
            cmd += ["--workers", str(workers)]
        w, c, out = _run(cmd)
        wall, cpu = wall + w, cpu + c
        for line in out.splitlines():
            if line.strip().startswith('"outcome"'):
                key = line.split(":")[1].strip(' ",')
                outcomes[key] = outcomes.get(key, 0) + 1
    how = f"--workers {workers}" if workers else "parse workers as `taizhang ingest` picks them"
    # parse workers live under multiprocessing's forkserver, which nobody here reaps: with
    # workers the CPU figure is the storing process's alone
    whose = "" if workers == 1 else " (the storing process; parse workers not counted)"
    print(f"taizhang ingest, {len(files)} files in {len(groups)} commands ({how}): "
          f"wall {wall:.2f} s ({1000 * wall / len(files):.1f} ms/document), "
          f"CPU {cpu:.2f} s{whose}")
    print(f"  outcomes {outcomes}; before: {BEFORE['ingest']}")
    print(f"  target ≤ 30 s → wall {wall / 30:.2f}, CPU {cpu / 30:.2f} of the budget")


def bench_breakdown(folder: Path, docs: list[tuple[str, str]]) -> None:
    """Parse, store and index apart, in this process (the pieces of the figure above)."""
    from taizhang.parse import parse
    from taizhang.store import Ledger

    places = seed_places()
    c0, t0 = time.process_time(), time.perf_counter()
    parsed = [parse(text, source=name) for name, text in docs]
    t_parse, c_parse = time.perf_counter() - t0, time.process_time() - c0
    with Ledger(f"sqlite:///{folder / 'breakdown.db'}") as ledger:
        c0, t0 = time.process_time(), time.perf_counter()
        for doc in parsed:
            ledger.ingest(doc, actor="bench", jurisdiction=places[doc.source.split("_", 1)[1]])
        t_store, c_store = time.perf_counter() - t0, time.process_time() - c0
        c0, t0 = time.process_time(), time.perf_counter()
        ledger.refresh_search_index()
        t_index, c_index = time.perf_counter() - t0, time.process_time() - c0
    n = len(docs)
    print(f"  in one process: parse {t_parse:.2f} s (CPU {c_parse:.2f}), store {t_store:.2f} s "
          f"(CPU {c_store:.2f}), search index {t_index:.2f} s (CPU {c_index:.2f}); "
          f"{1000 * t_parse / n:.1f} + {1000 * t_store / n:.1f} + {1000 * t_index / n:.1f} "
          "ms/document")


def bench_listing(db_file: Path, today: str, runs: int = 7) -> None:
    cmd = [str(EXE), "tasks", "--overdue", "--today", today, "--db", f"sqlite:///{db_file}"]
    times, cpu, lines = [], [], 0
    for _ in range(runs):
        w, c, out = _run(cmd)
        times.append(w)
        cpu.append(c)
        lines = out.count("\n") - 2
    print(f"taizhang tasks --overdue --today {today}: {lines} rows; wall best {min(times):.3f} s, "
          f"median {statistics.median(times):.3f} s; CPU best {min(cpu):.3f} s, median "
          f"{statistics.median(cpu):.3f} s over {runs} runs (whole process)")
    print(f"  before: {BEFORE['listing']}; target ≤ 0.5 s → wall {min(times) / 0.5:.2f}, "
          f"CPU {statistics.median(cpu) / 0.5:.2f} of the budget (best wall, median CPU)")


def bench_stats(db_file: Path, today: str, runs: int = 5) -> None:
    """`taizhang stats` beside `taizhang tasks` (all items): it should cost no more."""
    db = ["--today", today, "--db", f"sqlite:///{db_file}"]
    for name in ("tasks", "stats"):
        times = [_run([str(EXE), name, *db])[0] for _ in range(runs)]
        print(f"taizhang {name} --today {today}: wall best {min(times):.3f} s, median "
              f"{statistics.median(times):.3f} s over {runs} runs (whole process)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--keep", type=Path, default=None, help="keep the files and database here")
    ap.add_argument("--workers", type=int, default=None, help="pass --workers to taizhang ingest")
    ap.add_argument("--breakdown", action="store_true", help="also time parse/store/index apart")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="taizhang-bench-"))
    (folder / "files").mkdir(parents=True, exist_ok=True)
    db_file = folder / "bench.db"
    for stale in [*folder.glob("*.db*"), *(folder / "files").glob("*.txt")]:
        stale.unlink()
    docs = variants(args.docs)
    files = []
    for name, text in docs:
        files.append(folder / "files" / name)
        files[-1].write_text(text, encoding="utf-8")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    bench_ingest(db_file, files, args.workers)
    if args.breakdown:
        bench_breakdown(folder, docs)
    for today in ("2019-01-01", "2030-01-01"):
        bench_listing(db_file, today)
    bench_stats(db_file, "2030-01-01")
    t0 = time.perf_counter()
    subprocess.run([str(EXE), "--help"], capture_output=True, check=True)
    print(f"  for scale: `taizhang --help` takes {time.perf_counter() - t0:.3f} s")
    print(f"database: {db_file} ({db_file.stat().st_size / 1e6:.1f} MB); load average now "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
