"""Archive bombs against a served app: how fast each is refused, how much memory the server's
processes reach, and how another user's pages answer meanwhile.

    .venv/bin/python benchmarks/bench_bombs.py [--rounds 3]

Starts ``taizhang serve`` (SQLite in a temporary folder, loopback, free port) in its own
process group, logs in an administrator, a unit's reporter and a leader, and uploads real zip
bombs made by tests/web/bombs.py: a .docx inflating to 200 MB (0.7 MB on the wire), one
inflating to 1 GB (3.2 MB), and the reporter's fill-in .xlsx inflating to 200 MB. A thread
reads /tasks as the leader all along. Peak memory is each process's VmHWM (the server, the
forkserver and the upload workers). Prints figures, never pass/fail.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

MIB = 1024 * 1024
PASSWORD = "bench-bombs-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def peaks(pid: int) -> dict[int, tuple[str, int]]:
    """(command, VmHWM bytes) of a process and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
            children.setdefault(ppid, []).append(int(entry))
    out: dict[int, tuple[str, int]] = {}
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            cmd = Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:60]
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                out[p] = (cmd, int(line.split()[1]) * 1024)
        todo.extend(children.get(p, []))
    return out


def main() -> int:
    from taizhang.parse import parse
    from taizhang.readers import read_path
    from taizhang.store import Ledger
    from taizhang.web.auth import hash_password
    from web.bombs import docx_bomb, xlsx_bomb

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="uploads of each bomb")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="taizhang-bombs-"))
    url = f"sqlite:///{tmp / 'bombs.db'}"
    with Ledger(url) as lg:
        read = read_path(ROOT / "samples" / "001_78cdeab974107ec5.txt")
        lg.ingest(parse(read.text, source=read.source), actor="bench")
        unit = lg.resolve_unit("沈阳市", "市发展改革委")
        digest = hash_password(PASSWORD)
        lg.create_user("admin", digest, "admin")
        lg.create_user("fgw", digest, "reporter", unit_id=unit.id)
        lg.create_user("leader", digest, "leader")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "TAIZHANG_SECRET": "b" * 48, "TAIZHANG_EVIDENCE_DIR": str(tmp / "ev")}
    proc = subprocess.Popen([sys.executable, "-m", "taizhang", "serve", "--db", url, "--port",
                             str(port), "--today", "2019-06-01"], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/login", timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        clients = {}
        for user in ("admin", "fgw", "leader"):
            c = httpx.Client(base_url=base, timeout=60)
            r = c.post("/api/login", json={"username": user, "password": PASSWORD})
            clients[user] = (c, r.json()["csrf_token"])
        sheet = clients["fgw"][0].get(f"/units/{unit.id}/fillin.xlsx").content
        bombs = [("docx → 200 MB", "admin", "/api/documents", "通知.docx", docx_bomb(200 * MIB)),
                 ("docx → 1 GB", "admin", "/api/documents", "方案.docx", docx_bomb(1024 * MIB)),
                 ("fill-in xlsx → 200 MB", "fgw", f"/units/{unit.id}/fillin", "填报表.xlsx",
                  xlsx_bomb(sheet, 200 * MIB))]
        leader = clients["leader"][0]
        quiet = []
        for _ in range(20):
            start = time.perf_counter()
            leader.get("/tasks")
            quiet.append(time.perf_counter() - start)
        latencies: list[float] = []
        stop = threading.Event()

        def watch() -> None:
            while not stop.is_set():
                start = time.perf_counter()
                leader.get("/tasks")
                latencies.append(time.perf_counter() - start)
                time.sleep(0.02)

        watcher = threading.Thread(target=watch)
        watcher.start()
        print(f"{'bomb':24s} {'on the wire':>12s} {'refused in (s)':>22s}  status  message")
        for label, user, path, name, data in bombs:
            client, csrf = clients[user]
            took, last = [], None
            for _ in range(args.rounds):
                start = time.perf_counter()
                last = client.post(path, files={"file": (name, data)},
                                   headers={"X-CSRF-Token": csrf, "Accept": "application/json"})
                took.append(time.perf_counter() - start)
            message = last.json()["error"]["message"] if last is not None else ""
            print(f"{label:24s} {len(data) / MIB:10.2f} MB  median {statistics.median(took):.3f} "
                  f"max {max(took):.3f}  {last.status_code if last else '-':>6}  {message[:70]}")
        stop.set()
        watcher.join()
        lat = sorted(latencies)
        print(f"another user's /tasks: quiet median {statistics.median(quiet) * 1000:.0f} ms; "
              f"during the uploads median {statistics.median(lat) * 1000:.0f} ms, "
              f"p95 {lat[int(0.95 * (len(lat) - 1))] * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms "
              f"({len(lat)} requests)")
        print("peak memory (VmHWM) of the server's processes:")
        for pid, (cmd, peak) in sorted(peaks(proc.pid).items()):
            print(f"  {pid:>7}  {peak / MIB:6.1f} MiB  {cmd}")
        print(f"load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        return 0
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


if __name__ == "__main__":
    raise SystemExit(main())
