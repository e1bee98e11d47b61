"""Web app under load, on PostgreSQL: 20,000 items, dashboard and task list p95 (server side),
and 50 concurrent reporters posting progress through /api.

    .venv/bin/python benchmarks/bench_web.py [--items 20000] [--reporters 50] [--seconds 20]

Needs PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres). Creates its own database and
drops it at the end. The server is uvicorn on a free loopback port (2 worker processes);
server-side times come from the app's ``Server-Timing`` header. Prints figures, never pass/fail.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "samples" / "001_78cdeab974107ec5.txt"
PASSWORD = "bench-password-1"
TODAY = "2019-06-01"
PG = "host=127.0.0.1 user=postgres dbname=postgres"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fill(url: str, items: int, reporters: int) -> list[tuple[str, int]]:
    """Ingest numbered copies of seed 001 until ``items`` items exist; make the users."""
    from taizhang.parse import parse
    from taizhang.readers import read_path
    from taizhang.store import Ledger
    from taizhang.web.auth import hash_password

    text = read_path(SEED).text
    ledger = Ledger(url)
    t0 = time.perf_counter()
    total, n = 0, 0
    while total < items:
        n += 1
        # a different 发文字号 makes a different document (same units, same jurisdiction)
        copy = text.replace("〔2018〕78号", f"〔2018〕{1000 + n}号")
        result = ledger.ingest(parse(copy, source=f"copy-{n}.txt"), actor="bench")
        total += result.document.item_count
    print(f"filled: {n} documents, {total} items in {time.perf_counter() - t0:.1f} s")
    digest = hash_password(PASSWORD)
    ledger.create_user("admin", digest, "admin")
    leads: dict[int, int] = {}
    for item in ledger.list_items():
        if item.lead:
            unit = ledger.resolve_unit(item.jurisdiction, item.lead)
            leads[unit.id] = leads.get(unit.id, 0) + 1
    units = sorted(leads, key=lambda u: -leads[u])
    users = []
    for i in range(reporters):
        name = f"unit{i:02d}"
        ledger.create_user(name, digest, "reporter", unit_id=units[i % len(units)])
        users.append((name, units[i % len(units)]))
    ledger.close()
    return users


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 20 else max(values)


def server_ms(response: httpx.Response) -> float:
    match = re.search(r"dur=([\d.]+)", response.headers.get("server-timing", ""))
    return float(match.group(1)) if match else float("nan")


def page_times(base: str, rounds: int) -> None:
    with httpx.Client(base_url=base, timeout=60) as c:
        c.post("/api/login", json={"username": "admin", "password": PASSWORD}).raise_for_status()
        for path in ("/", "/tasks", "/tasks?q=平台公司", "/api/items?limit=50"):
            # the first request warms caches (templates, the item list, the status chart);
            # after a burst of reports it is the one that catches up with them: shown apart
            first = server_ms(c.get(path))
            times, walls = [], []
            for _ in range(rounds):
                t0 = time.perf_counter()
                r = c.get(path)
                walls.append((time.perf_counter() - t0) * 1000)
                r.raise_for_status()
                times.append(server_ms(r))
            print(f"{path:24s} server p50 {statistics.median(times):7.1f} ms  p95 "
                  f"{p95(times):7.1f} ms  (client p95 {p95(walls):7.1f} ms, n={rounds})"
                  f"  target p95 ≤ 150 ms → ratio {p95(times) / 150:.2f}; first {first:.0f} ms")


def reporters_load(base: str, users: list[tuple[str, int]], seconds: float) -> dict[str, int]:
    """Each reporter posts reports on its own unit's items for ``seconds``; counts every answer."""
    counts = {"ok": 0, "conflict": 0, "error": 0}
    lock = threading.Lock()
    window: dict[str, float] = {}

    def open_window() -> None:  # runs once, when every reporter has logged in
        window["start"] = time.perf_counter()
        window["stop"] = time.monotonic() + seconds

    start_gate = threading.Barrier(len(users), action=open_window)

    def work(name: str, index: int) -> None:
        with httpx.Client(base_url=base, timeout=30) as c:
            r = c.post("/api/login", json={"username": name, "password": PASSWORD})
            token = r.json()["csrf_token"]
            me = r.json()["user"]
            items = c.get("/api/items", params={"unit": me["unit_name"],
                                                "jurisdiction": me["unit_jurisdiction"],
                                                "role": "lead", "limit": 5000}).json()["items"]
            # reporters sharing a unit take alternate items, so they never race on one item
            peers = [u for u in users if u[1] == users[index][1]]
            mine = [it["id"] for k, it in enumerate(items)
                    if k % len(peers) == peers.index(users[index])] or [items[0]["id"]]
            start_gate.wait()
            k = 0
            while time.monotonic() < window["stop"] and k < 100_000:
                item_id = mine[k % len(mine)]
                k += 1
                r = c.post(f"/api/items/{item_id}/reports",
                           json={"percent": k % 101, "text": f"{name} 第{k}次报送"},
                           headers={"X-CSRF-Token": token})
                key = "ok" if r.status_code == 200 else "conflict" if r.status_code == 409 \
                    else "error"
                with lock:
                    counts[key] += 1

    threads = [threading.Thread(target=work, args=(u[0], i)) for i, u in enumerate(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - window["start"]
    total = sum(counts.values())
    print(f"{len(users)} reporters × {seconds:.0f} s: {total} requests in {elapsed:.1f} s = "
          f"{total / elapsed:.0f} req/s (target ≥ 200 → ratio {total / elapsed / 200:.2f}); "
          f"accepted {counts['ok']}, refused as stale {counts['conflict']}, "
          f"errors {counts['error']}")
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=20_000)
    ap.add_argument("--reporters", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    print(f"load average at start {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    name = f"taizhang_bench_{uuid.uuid4().hex[:8]}"
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(PG, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    server = None
    try:
        users = fill(url, args.items, args.reporters)
        port = free_port()
        env = dict(os.environ, TAIZHANG_DB=url, TAIZHANG_TODAY=TODAY,
                   TAIZHANG_SECRET=uuid.uuid4().hex, TAIZHANG_EVIDENCE_DIR="/tmp/taizhang-bench")
        server = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "taizhang.web.app:app_from_env", "--factory",
             "--host", "127.0.0.1", "--port", str(port), "--workers", str(args.workers),
             "--log-level", "warning"], env=env)
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):  # bounded wait for the server: 30 s
            try:
                httpx.get(f"{base}/login", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        page_times(base, args.rounds)
        counts = reporters_load(base, users, args.seconds)
        with psycopg.connect(f"host=127.0.0.1 user=postgres dbname={name}") as c:
            stored = c.execute("SELECT count(*) FROM reports").fetchone()[0]
        lost = counts["ok"] - stored
        print(f"reports stored {stored} = accepted {counts['ok']}: "
              f"{'every report accounted for' if lost == 0 else f'MISMATCH {lost}'}")
        page_times(base, max(10, args.rounds // 2))  # the pages again, with the reports in
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        with psycopg.connect(PG, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    print(f"(run on {dt.date.today()}, {os.cpu_count()} cores, load average "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())})")


if __name__ == "__main__":
    main()
