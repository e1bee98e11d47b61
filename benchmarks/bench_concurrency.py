"""50 concurrent writers on the same few items, on PostgreSQL: nothing accepted is lost, nothing
stale is accepted, one audit line per change.

    .venv/bin/python benchmarks/bench_concurrency.py [--writers 50] [--seconds 60] [--items 5]
                                                     [--processes 5]

Each writer, in a loop: reads an item (its version), then reports progress on it with that
version as ``expected_version`` — the optimistic lock every page and the API use. With fifty
writers on five items most reports find the item changed since they read it and must be
refused (StaleEdit). Afterwards the database is checked against what each writer was told:

- every accepted report is stored, with its own text, once;
- for each item the versions the accepted reports were based on are exactly v0, v0+1, …, the
  item's final version − 1: no two writers both succeeded from the same version (a lost update);
- one ``item.report`` audit line per stored report, naming it; refused writes left nothing.

Writers are threads in several processes (``--processes``), each process with its own
connection pool. Needs PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres); creates its
own database and drops it. Prints figures, never pass/fail on time; the check is exact.
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import random
import statistics
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
PG = "host=127.0.0.1 user=postgres dbname=postgres"
TODAY = dt.date(2019, 6, 1)


@dataclass
class Outcome:
    """What one process's writers were told."""

    accepted: list[tuple[int, int, int, str]] = field(default_factory=list)  # item, expected v, report id, text
    stale: int = 0
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)  # seconds per attempt


def make_database() -> str:
    import psycopg

    name = f"taizhang_conc_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def seed(url: str, items: int) -> list[int]:
    """A document of ``items`` tasks led by 市发展改革委; their ids."""
    from taizhang.parse.model import Assignment, Deadline, Document, Task
    from taizhang.store import Ledger

    tasks = tuple(Task(key=str(k), section=(), title=f"第{k}项工作", text=f"推进第{k}项工作。",
                       span=(0, 1), assignments=(Assignment(
                           text=f"推进第{k}项工作。", span=(0, 1), lead=("市发展改革委",),
                           deadlines=(Deadline("2019年12月底前", "2019-12-31"),)),))
                  for k in range(1, items + 1))
    doc = Document(source="concurrency.txt", text=f"并发测试 {uuid.uuid4()}", title="并发测试",
                   issuer="沈阳市人民政府办公厅", issued_on="2019-01-01", tasks=tasks)
    with Ledger(url) as ledger:
        ledger.ingest(doc, actor="bench")
        return [i.id for i in ledger.list_items()]


def writers(url: str, ids: list[int], threads: int, seconds: float, tag: str) -> Outcome:
    """``threads`` writers in this process until ``seconds`` have passed."""
    from taizhang.errors import StaleEdit
    from taizhang.store import Ledger

    ledger = Ledger(url)
    out = Outcome()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def work(n: int) -> None:
        rng = random.Random(f"{tag}-{n}")
        seq = 0
        while time.monotonic() < stop:
            item_id = rng.choice(ids)
            seq += 1
            text = f"{tag}-{n}-{seq}"
            start = time.perf_counter()
            try:
                version = ledger.get_item(item_id, last_report=False).version
                report = ledger.report(item_id, unit="市发展改革委", actor=f"w{tag}-{n}",
                                       today=TODAY, percent=rng.randint(0, 100), text=text,
                                       expected_version=version)
            except StaleEdit:
                with lock:
                    out.stale += 1
                    out.latencies.append(time.perf_counter() - start)
                continue
            except Exception as err:  # noqa: BLE001 - counted and shown, never hidden
                with lock:
                    out.errors.append(f"{type(err).__name__}: {err}"[:200])
                continue
            with lock:
                out.accepted.append((item_id, version, report.id, text))
                out.latencies.append(time.perf_counter() - start)

    pool = [threading.Thread(target=work, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    ledger.close()
    return out


def _process(args: tuple[str, list[int], int, float, str]) -> Outcome:
    return writers(*args)


def run(url: str, ids: list[int], *, writers_total: int, seconds: float,
        processes: int) -> Outcome:
    per = [writers_total // processes + (1 if k < writers_total % processes else 0)
           for k in range(processes)]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(processes) as pool:
        parts = pool.map(_process, [(url, ids, n, seconds, str(k)) for k, n in enumerate(per) if n])
    total = Outcome()
    for part in parts:
        total.accepted += part.accepted
        total.stale += part.stale
        total.errors += part.errors
        total.latencies += part.latencies
    return total


def verify(url: str, ids: list[int], outcome: Outcome, versions_before: dict[int, int]
           ) -> dict[str, Any]:
    """The database against what the writers were told; raises AssertionError on a mismatch."""
    from sqlalchemy import select

    from taizhang.store import Ledger
    from taizhang.store import schema as s

    with Ledger(url) as ledger, ledger.engine.connect() as conn:
        stored = {r.id: (r.item_id, r.text) for r in conn.execute(
            select(s.reports.c.id, s.reports.c.item_id, s.reports.c.text))}
        audit = [e for e in ledger.audit_log() if e.action == "item.report"]
        finals = {i: ledger.get_item(i).version for i in ids}
    accepted = {rid: (item, text) for item, _, rid, text in outcome.accepted}
    assert len(accepted) == len(outcome.accepted), "a report id handed out twice"
    assert stored == accepted, "stored reports differ from the accepted ones"
    audited = Counter(e.after["report_id"] for e in audit)
    assert set(audited) == set(stored) and max(audited.values(), default=1) == 1, \
        "not exactly one audit line per report"
    for item in ids:
        based = sorted(v for i, v, _, _ in outcome.accepted if i == item)
        assert based == list(range(versions_before[item], finals[item])), \
            f"item {item}: accepted versions {based[:5]}… do not chain to {finals[item]}"
    return {"stored": len(stored), "audit": len(audit), "items": finals}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--items", type=int, default=5)
    parser.add_argument("--processes", type=int, default=5)
    args = parser.parse_args()
    name = make_database()
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    try:
        ids = seed(url, args.items)
        from taizhang.store import Ledger

        with Ledger(url) as ledger:
            before = {i: ledger.get_item(i).version for i in ids}
        start = time.perf_counter()
        outcome = run(url, ids, writers_total=args.writers, seconds=args.seconds,
                      processes=args.processes)
        took = time.perf_counter() - start
        checked = verify(url, ids, outcome, before)
        attempts = len(outcome.accepted) + outcome.stale + len(outcome.errors)
        lat = sorted(outcome.latencies)
        window = args.seconds
        print(f"{args.writers} writers ({args.processes} processes) on {args.items} items, "
              f"PostgreSQL, writing for {window:g} s ({took:.1f} s with process start-up)")
        print(f"  attempts         {attempts}  ({attempts / window:.0f}/s)")
        print(f"  accepted         {len(outcome.accepted)}  ({len(outcome.accepted) / window:.0f}/s)")
        print(f"  refused (stale)  {outcome.stale}  ({outcome.stale / max(attempts, 1):.0%})")
        print(f"  other errors     {len(outcome.errors)}"
              + (f"  e.g. {outcome.errors[0]}" if outcome.errors else ""))
        if lat:
            print(f"  latency per attempt: median {statistics.median(lat) * 1000:.1f} ms, "
                  f"p95 {lat[int(0.95 * (len(lat) - 1))] * 1000:.1f} ms")
        print(f"  check: {checked['stored']} reports stored = accepted, {checked['audit']} audit "
              f"lines (one each), every item's accepted versions chain without a gap or a repeat")
        print("  final versions: " + ", ".join(f"#{i}: v{v}" for i, v in checked["items"].items()))
        return 0 if not outcome.errors else 1
    finally:
        drop_database(name)


if __name__ == "__main__":
    raise SystemExit(main())
