"""What issue 18 added to the command line, timed as whole processes: the Chinese help and
messages (cli/i18n), ``tasks --limit`` counting the total it now reports, the checked
``--jurisdiction``, ``parse --format table`` (recurrences in words) and ``--explain`` (rule glosses).

    .venv/bin/python benchmarks/bench_cli.py [--docs 200] [--runs 9] [--compare SRC]

A ledger of ``--docs`` varied seed documents (bench_ledger's variants, ≈ 46 items each) is built
in a temporary SQLite file. Each command runs ``--runs`` times; the median wall and CPU time of
the whole process are printed. ``--compare SRC`` runs the same commands with ``PYTHONPATH=SRC``
(e.g. the ``src`` of ``git archive <main>``) and prints this tree's time over that one's.
Prints figures and ratios; never passes or fails.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("taizhang")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ledger import seed_places, variants  # noqa: E402


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, capture_output=True, env=env)  # exit codes vary on purpose (refusals)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def _median(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    _run(cmd, env)  # warm the page cache and byte code
    got = [_run(cmd, env) for _ in range(runs)]
    return statistics.median(w for w, _ in got), statistics.median(c for _, c in got)


def build(db_file: Path, docs: int) -> int:
    from taizhang.parse import parse
    from taizhang.store import Ledger

    places = seed_places()
    with Ledger(f"sqlite:///{db_file}") as ledger:
        for name, text in variants(docs):
            ledger.ingest(parse(text, source=name), actor="bench",
                          jurisdiction=places[name.split("_", 1)[1]])
        ledger.refresh_search_index()
        return len(ledger.list_items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=200)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--compare", type=Path, default=None, help="another src tree to time alike")
    args = ap.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="taizhang-bench-cli-"))
    db_file = folder / "bench.db"
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    t0 = time.perf_counter()
    items = build(db_file, args.docs)
    print(f"ledger: {args.docs} documents, {items} items, built in {time.perf_counter() - t0:.1f} s")
    db = ["--db", f"sqlite:///{db_file}"]
    seed = str(ROOT / "samples" / "001_78cdeab974107ec5.txt")
    commands = {
        "taizhang --help": ["--help"],
        "taizhang tasks --help": ["tasks", "--help"],
        "taizhang tasks --bad-option (usage error)": ["tasks", "--bad-option"],
        "taizhang tasks --today 2030-01-01": ["tasks", "--today", "2030-01-01", *db],
        "taizhang tasks --today 2030-01-01 --limit 20": ["tasks", "--today", "2030-01-01",
                                                          "--limit", "20", *db],
        "taizhang tasks --jurisdiction 沈阳市 --limit 20": ["tasks", "--jurisdiction", "沈阳市",
                                                          "--limit", "20", *db],
        "taizhang tasks --jurisdiction 沈阳 (refused)": ["tasks", "--jurisdiction", "沈阳", *db],
        "taizhang tasks --db missing.db (refused)": ["tasks", "--db",
                                                     f"sqlite:///{folder / 'missing.db'}"],
        "taizhang parse 001 --format json": ["parse", seed, "--format", "json"],
        "taizhang parse 001 --format table": ["parse", seed, "--format", "table"],
        "taizhang parse 001 --explain": ["parse", seed, "--explain"],
    }
    base = dict(os.environ)
    other = dict(base, PYTHONPATH=str(args.compare)) if args.compare else None
    print(f"{'command':<48}{'wall ms':>9}{'CPU ms':>9}" + (f"{'vs other':>10}" if other else ""))
    for label, tail in commands.items():
        wall, cpu = _median([str(EXE), *tail], base, args.runs)
        line = f"{label:<48}{1000 * wall:>9.0f}{1000 * cpu:>9.0f}"
        if other is not None:
            o_wall, o_cpu = _median([str(EXE), *tail], other, args.runs)
            line += f"{cpu / o_cpu:>9.2f}×" if o_cpu else "         —"
        print(line)
    if (folder / "missing.db").exists():
        print("  note: the refused command left missing.db behind (the other tree creates it)")
    print("(ratios are of median CPU time: the fair figure on a shared machine)")
    print(f"load average now {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
