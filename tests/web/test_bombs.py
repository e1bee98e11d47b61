"""Finding 2 of issue 13: archive bombs against a real server (``taizhang serve`` in its own
process, on loopback), each refused in ≤ 2 s with every process of the server under 200 MB,
while another user's page keeps answering in ≤ 1 s.

Before: the 0.7 MB .docx of 200 MB took 162 s and 4 GB, the 3.7 MB one of 1 GB hung the server
for ~15 minutes, and a reporter's 0.9 MB fill-in sheet of 200 MB stalled every user for 36 s.
The project register's uploads (a unit's monthly sheet, an office's own sheet) take the same way.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from taizhang.store import Ledger

from .bombs import docx_bomb, xlsx_bomb
from .conftest import OWN_UNIT, PASSWORD, seed_ledger

MIB = 1024 * 1024
MAX_SECONDS = 2.0
MAX_PAGE_SECONDS = 1.0
MAX_RSS = 200 * MIB


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def tree_peak_rss(pid: int) -> dict[int, int]:
    """Peak resident memory (VmHWM, bytes) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    peaks: dict[int, int] = {}
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks[p] = int(line.split()[1]) * 1024
        except OSError:
            pass
        todo.extend(children.get(p, []))
    return peaks


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, subprocess.Popen]]:
    tmp = tmp_path_factory.mktemp("bombs")
    url = f"sqlite:///{tmp / 'served.db'}"
    ledger = Ledger(url)
    seed_ledger(ledger)
    ledger.close()
    port = _free_port()
    env = {**os.environ, "TAIZHANG_SECRET": "s" * 48, "TAIZHANG_EVIDENCE_DIR": str(tmp / "ev"),
           "TAIZHANG_UPLOAD_WORKERS": "1"}
    log = open(tmp / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "taizhang", "serve", "--db", url, "--port",
                             str(port), "--today", "2019-06-01"], env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):  # bounded: 30 s
            try:
                if httpx.get(f"{base}/login", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start: " + (tmp / "server.log").read_text())
        yield base, proc
    finally:
        os.killpg(proc.pid, signal.SIGTERM)  # the server and its upload workers
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()


def _login(base: str, user: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, timeout=30)
    r = client.post("/api/login", json={"username": user, "password": PASSWORD})
    assert r.status_code == 200, r.text
    return client, r.json()["csrf_token"]


def test_bombs_are_refused_quickly_in_little_memory_while_others_are_served(
        served: tuple[str, subprocess.Popen]) -> None:
    base, proc = served
    admin, admin_csrf = _login(base, "admin")
    reporter, reporter_csrf = _login(base, "fgw")
    other, _ = _login(base, "leader")
    unit_id = reporter.get("/api/me").json()["user"]["unit_id"]
    sheet = reporter.get(f"/units/{unit_id}/fillin.xlsx").content
    project_sheet = reporter.get(f"/projects/fillin/{unit_id}.xlsx").content
    bombs = [
        ("docx 200 MB", admin, admin_csrf, "/api/documents",
         ("通知.docx", docx_bomb(200 * MIB))),
        ("docx 1 GB", admin, admin_csrf, "/api/documents", ("方案.docx", docx_bomb(1024 * MIB))),
        ("fill-in xlsx 200 MB", reporter, reporter_csrf, f"/units/{unit_id}/fillin",
         (f"{OWN_UNIT}-填报表.xlsx", xlsx_bomb(sheet, 200 * MIB))),
        # the project register's two uploads: a unit's monthly sheet, an office's own sheet
        ("project fill-in xlsx 200 MB", reporter, reporter_csrf, f"/projects/fillin/{unit_id}",
         (f"{OWN_UNIT}-项目月报.xlsx", xlsx_bomb(project_sheet, 200 * MIB))),
        ("project sheet xlsx 1 GB", admin, admin_csrf, "/projects/import",
         ("重点项目台账.xlsx", xlsx_bomb(project_sheet, 1024 * MIB))),
    ]
    latencies: list[float] = []
    stop = threading.Event()

    def watch() -> None:  # another user reading pages all along
        while not stop.is_set():
            start = time.perf_counter()
            assert other.get("/tasks").status_code == 200
            latencies.append(time.perf_counter() - start)
            time.sleep(0.05)

    watcher = threading.Thread(target=watch)
    watcher.start()
    took: dict[str, float] = {}
    try:
        for label, client, csrf, path, (name, data) in bombs:
            assert len(data) < 4 * MIB  # small on the wire, as in the finding
            start = time.perf_counter()
            r = client.post(path, files={"file": (name, data)}, headers={
                "X-CSRF-Token": csrf, "Accept": "application/json"})
            took[label] = time.perf_counter() - start
            assert r.status_code == 400, (label, r.status_code, r.text[:300])
            message = r.json()["error"]["message"]
            assert "疑似压缩炸弹" in message or "超过" in message, message
    finally:
        stop.set()
        watcher.join(timeout=30)
    assert max(took.values()) <= MAX_SECONDS, took
    assert latencies and max(latencies) <= MAX_PAGE_SECONDS, max(latencies)
    peaks = tree_peak_rss(proc.pid)
    assert len(peaks) >= 2  # the server and its upload worker(s)
    assert max(peaks.values()) <= MAX_RSS, {p: v // MIB for p, v in peaks.items()}
    # nothing of the bombs was stored, and the server still works
    assert admin.get("/api/documents").json()[-1]["source"] != "方案.docx"
    assert other.get("/").status_code == 200


def test_a_slow_upload_is_stopped_by_the_worker_timeout(tmp_path: Path) -> None:
    """A reader stuck past ``upload_timeout`` is killed and reported; the pool goes on."""
    import asyncio

    from taizhang.config import Settings
    from taizhang.errors import FileUnreadable
    from taizhang.web.uploads import UploadPool

    pool = UploadPool(Settings(upload_timeout=1.0, upload_workers=1))
    try:
        start = time.perf_counter()
        with pytest.raises(FileUnreadable, match="超过 1 秒"):
            asyncio.run(pool.run(time.sleep, 30, shown="慢.docx"))
        assert time.perf_counter() - start < 5
        with pytest.raises(FileUnreadable, match="内存超过上限"):
            asyncio.run(pool.run(bytearray, 2 * 1024 * MIB, shown="大.docx"))
        assert asyncio.run(pool.run(sum, [1, 2, 3], shown="x")) == 6
    finally:
        pool.close()
