"""How fast is `taizhang parse`? Prints figures and ratios; never passes or fails.

    .venv/bin/python benchmarks/bench_parse.py [--runs 50] [--process-runs 30] [--samples samples]

1. In process: read + parse each seed in samples/ ``--runs`` times; median and p95 in ms.
2. If JioNLP is installed (``.venv/bin/pip install jionlp``, for this measurement only; it is not
   a dependency), time its time-expression extractor on the same texts and print ours/theirs.
   Note the work differs: ours is the whole parse (outline, units, deadlines, targets), theirs
   only finds and normalises time expressions.
3. Whole process: ``taizhang parse FILE --format json`` against ``python -c pass`` (median wall and
   CPU time of ``--process-runs``), i.e. what a user waits for beyond starting Python at all, with
   the floor set by the standard-library modules the command needs (re, json, argparse, typing).
"""
from __future__ import annotations

import argparse
import compileall
import contextlib
import io
import logging
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from taizhang.parse import parse
from taizhang.readers import read_path

ROOT = Path(__file__).resolve().parent.parent


def timings(fn: Callable[[], object], runs: int) -> list[float]:
    """Wall times in ms of ``runs`` calls, after one warm-up call."""
    fn()
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def load_jionlp() -> Callable[[str], object] | None:
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # it prints a banner on import
            import jionlp
    except ImportError:
        return None
    logging.disable(logging.CRITICAL)  # it logs a traceback for every phrase it cannot parse
    base = time.mktime((2018, 1, 1, 0, 0, 0, 0, 0, -1))  # fixed: results must not drift by day

    def extract(text: str) -> object:
        return jionlp.ner.extract_time(text, time_base=base)

    return extract


def command() -> list[str]:
    script = Path(sys.executable).parent / "taizhang"
    return [str(script)] if script.exists() else [sys.executable, "-m", "taizhang"]


# a user's installed package has its bytecode compiled (pip does it on install, Python on the first
# run); a shell with PYTHONDONTWRITEBYTECODE set would time the compiling of every module instead
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def process_ms(argv: list[str], runs: int) -> tuple[float, float]:
    """Median wall and CPU (user + system) milliseconds of a whole process; CPU time is the
    steadier figure when other work shares the machine."""
    walls, cpus = [], []
    for i in range(runs + 1):
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=CHILD_ENV)
        _, _, usage = os.wait4(child.pid, 0)
        if i:  # the first run warms the file cache
            walls.append((time.perf_counter() - start) * 1000)
            cpus.append((usage.ru_utime + usage.ru_stime) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=50)
    ap.add_argument("--jionlp-runs", type=int, default=20)
    ap.add_argument("--process-runs", type=int, default=30)
    ap.add_argument("--samples", type=Path, default=ROOT / "samples")
    args = ap.parse_args()
    files = sorted(p for p in args.samples.iterdir() if p.is_file())
    if not files:
        sys.exit(f"没有样本文件：{args.samples}")
    extract = load_jionlp()
    print("load average at the start: {:.1f} {:.1f} {:.1f} ({} cores)".format(*os.getloadavg(), os.cpu_count()))

    print(f"in process, {args.runs} runs each (ms; the bar: median ≤ 10 ms per seed, ≥ 3× faster than JioNLP)")
    print(f"{'seed':<28}{'chars':>7}{'tasks':>7}{'read med':>10}{'parse med':>11}{'parse p95':>11}"
          + (f"{'jionlp med':>12}{'ours/jio':>10}" if extract else ""))
    ours_total = theirs_total = 0.0
    for path in files:
        read = read_path(path)
        doc = parse(read.text, source=read.source)
        read_ms = timings(lambda: read_path(path), args.runs)
        parse_ms = timings(lambda: parse(read.text, source=read.source), args.runs)
        row = (f"{path.name:<28}{len(read.text):>7}{len(doc.tasks):>7}"
               f"{statistics.median(read_ms):>10.2f}{statistics.median(parse_ms):>11.2f}"
               f"{p95(parse_ms):>11.2f}")
        ours_total += statistics.median(parse_ms)
        if extract:
            text = read.text
            jio_ms = statistics.median(timings(lambda: extract(text), args.jionlp_runs))
            theirs_total += jio_ms
            row += f"{jio_ms:>12.2f}{statistics.median(parse_ms) / jio_ms:>10.2f}"
        print(row)
    if extract:
        print(f"all seeds: ours {ours_total:.1f} ms, jionlp extract_time {theirs_total:.1f} ms, "
              f"ratio ours/theirs {ours_total / theirs_total:.2f}")
    else:
        print("jionlp not installed: skipped the comparison with jionlp.ner.extract_time "
              "(install it into the venv for this measurement only: .venv/bin/pip install jionlp)")

    import taizhang
    compileall.compile_dir(Path(taizhang.__file__).parent, quiet=1)  # as an installed package has it
    print(f"\nwhole process, median of {args.process_runs} runs (ms; ratio = wall / bare python wall; "
          "the bar: ≤ 250 ms wall)")
    print(f"{'':<34}{'wall':>8}{'cpu':>8}{'ratio':>8}")
    bare, bare_cpu = process_ms([sys.executable, "-c", "pass"], args.process_runs)
    print(f"{'python -c pass':<34}{bare:>8.1f}{bare_cpu:>8.1f}{1:>8.2f}")
    # the floor: the standard-library modules the command cannot do without
    for label, code in (("python -c 'import re, json'", "import re, json"),
                        ("  … + argparse, typing", "import re, json, argparse, typing")):
        ms, cpu = process_ms([sys.executable, "-c", code], args.process_runs)
        print(f"{label:<34}{ms:>8.1f}{cpu:>8.1f}{ms / bare:>8.2f}")
    for path in files:
        ms, cpu = process_ms([*command(), "parse", str(path), "--format", "json"], args.process_runs)
        print(f"{'taizhang parse ' + path.name[:13]:<34}{ms:>8.1f}{cpu:>8.1f}{ms / bare:>8.2f}")
    print("load average at the end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
