"""Web app under load, on PostgreSQL: 20,000 items, dashboard and task list p95 (server side),
and 50 concurrent reporters posting progress through /api.

    .venv/bin/python benchmarks/bench_web.py [--items 20000] [--reporters 50] [--seconds 20]
                                             [--settle 5]

Needs PostgreSQL on 127.0.0.1:5432 (trust auth, user postgres). Creates its own database and
drops it at the end. The server is uvicorn on a free loopback port (4 worker processes);
server-side times come from the app's ``Server-Timing`` header. The reporters are asyncio
tasks in this process (one event loop, a keep-alive connection each), and the CPU seconds of
this client, the uvicorn workers and PostgreSQL are printed next to the throughput, so the
reader sees where the time went. Prints figures, never pass/fail.
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import re
import socket
import statistics
import subprocess
import sys
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


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of ``root`` and its live descendants, read from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        total += times.get(pid, 0.0)
        todo.extend(p for p, pp in parents.items() if pp == pid)
    return total


def postgres_cpu() -> dict[int, float]:
    """CPU seconds of each process named postgres (server and backends), by pid, from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    found: dict[int, float] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if stat[stat.index("(") + 1:stat.rindex(")")] == "postgres":
                fields = stat[stat.rindex(")") + 2:].split()
                found[int(entry)] = (int(fields[11]) + int(fields[12])) / tick
    return found


def cpu_now(server_pid: int) -> tuple:
    """Wall clock, then CPU seconds of this client, the uvicorn tree and PostgreSQL."""
    return time.perf_counter(), time.process_time(), tree_cpu(server_pid), postgres_cpu()


async def post_json(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str,
                    path: str, body: dict, headers: str) -> int:
    """One HTTP/1.1 POST on a kept-alive connection; returns the status, reads the whole body.

    A bare client on asyncio streams, because httpx costs about 2.5 ms of client CPU per
    request, which on 2 cores is CPU taken from the server being measured."""
    data = json.dumps(body, ensure_ascii=False).encode()
    writer.write(f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                 f"Content-Length: {len(data)}\r\n{headers}\r\n".encode() + data)
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    match = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
    if match is None:  # the app answers JSON with a length; anything else is an error here
        raise ValueError(f"no Content-Length in the answer to {path}: {head[:200]!r}")
    await reader.readexactly(int(match.group(1)))
    return status


async def reporters_async(base: str, users: list[tuple[str, int]], seconds: float,
                          server_pid: int) -> tuple[dict[str, int], list[tuple[float, ...]]]:
    """50 reporters as 50 asyncio tasks in this one process: one event loop, no threads, so
    the load generator costs little CPU and the figure measures the server."""
    counts = {"ok": 0, "conflict": 0, "error": 0}
    ready = asyncio.Event()
    logged_in = 0
    window: dict[str, float] = {}
    marks: list[tuple[float, ...]] = []

    async def work(name: str, index: int) -> None:
        nonlocal logged_in
        # one client per reporter: its own session cookie, one keep-alive connection
        limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
        async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as c:
            r = await c.post("/api/login", json={"username": name, "password": PASSWORD})
            r.raise_for_status()
            token, me = r.json()["csrf_token"], r.json()["user"]
            r = await c.get("/api/items", params={"unit": me["unit_name"],
                                                  "jurisdiction": me["unit_jurisdiction"],
                                                  "role": "lead", "limit": 5000})
            items = r.json()["items"]
            # reporters sharing a unit take alternate items, so they never race on one item
            peers = [u for u in users if u[1] == users[index][1]]
            mine = [it["id"] for k, it in enumerate(items)
                    if k % len(peers) == peers.index(users[index])] or [items[0]["id"]]
            logged_in += 1
            if logged_in == len(users):  # the window opens when every reporter is ready
                # CPU is counted from here: the logins (argon2) are not the reports' cost
                marks.append(cpu_now(server_pid))
                window["stop"] = time.monotonic() + seconds
                ready.set()
            await ready.wait()
            # the reports go over one raw keep-alive connection, with the session cookie
            # from the login and the CSRF header the API asks for
            cookie = "; ".join(f"{k}={v}" for k, v in c.cookies.items())
            extra = f"Cookie: {cookie}\r\nX-CSRF-Token: {token}\r\n"
            host = base.removeprefix("http://")
            reader, writer = await asyncio.open_connection(*host.split(":"))
            k = 0
            try:
                while time.monotonic() < window["stop"] and k < 100_000:  # bounded
                    item_id = mine[k % len(mine)]
                    k += 1
                    try:
                        status = await asyncio.wait_for(post_json(
                            reader, writer, host, f"/api/items/{item_id}/reports",
                            {"percent": k % 101, "text": f"{name} 第{k}次报送"}, extra), 30)
                        key = "ok" if status == 200 else "conflict" if status == 409 else "error"
                    except (OSError, ValueError, asyncio.IncompleteReadError,
                            asyncio.TimeoutError):
                        counts["error"] += 1
                        break  # the connection is in an unknown state: this reporter stops
                    counts[key] += 1  # one event loop: no lock needed
            finally:
                writer.close()

    # hard bound on the whole burst: login time plus the window plus the request timeout
    await asyncio.wait_for(asyncio.gather(*(work(u[0], i) for i, u in enumerate(users))),
                           timeout=seconds + 120)
    marks.append(cpu_now(server_pid))
    return counts, marks


def reporters_load(base: str, users: list[tuple[str, int]], seconds: float,
                   server_pid: int) -> dict[str, int]:
    """Runs the reporters and prints throughput with where the CPU time went."""
    counts, (start, end) = asyncio.run(reporters_async(base, users, seconds, server_pid))
    elapsed, client, server = (e - s for s, e in zip(start[:3], end[:3]))
    # backends that ended in the window would subtract: count those alive at the end (a new
    # one from 0); other sessions' backends on this cluster are included
    pg = sum(cpu - start[3].get(pid, 0.0) for pid, cpu in end[3].items())
    total = sum(counts.values())
    print(f"{len(users)} reporters × {seconds:.0f} s: {total} requests in {elapsed:.1f} s = "
          f"{total / elapsed:.0f} req/s (target ≥ 200 → ratio {total / elapsed / 200:.2f}); "
          f"accepted {counts['ok']}, refused as stale {counts['conflict']}, "
          f"errors {counts['error']}")
    idle = elapsed * (os.cpu_count() or 1) - client - server - pg
    per = 1000 / max(total, 1)
    print(f"CPU in those {elapsed:.1f} s ({os.cpu_count()} cores = "
          f"{elapsed * (os.cpu_count() or 1):.1f} core-s): client {client:.1f} s "
          f"({client / elapsed:.0%} of a core, {client * per:.2f} ms/request); uvicorn workers "
          f"{server:.1f} s ({server / elapsed:.0%}, {server * per:.2f} ms/request); postgres (cluster) "
          f"{pg:.1f} s ({pg / elapsed:.0%}, {pg * per:.2f} ms/request); left for others or idle "
          f"{idle:.1f} s; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--items", type=int, default=20_000)
    ap.add_argument("--reporters", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--rounds", type=int, default=40)
    ap.add_argument("--settle", type=float, default=0.0,
                    help="seconds to wait after the server answers before the first pages "
                         "(0: at once, the worst case; the app lists the items at start, "
                         "so a few seconds show what a person sees after a restart); ≤ 60")
    ap.add_argument("--workers", type=int, default=4,
                    help="uvicorn worker processes (4 on 2 cores: processes, not threads, share the work; see docs/web.md)")
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
        if args.settle > 0:  # bounded: at most a minute
            time.sleep(min(args.settle, 60.0))
            print(f"pages after the server has been up {min(args.settle, 60.0):.0f} s "
                  "(its start-up lists the items in the background):")
        page_times(base, args.rounds)
        counts = reporters_load(base, users, args.seconds, server.pid)
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
