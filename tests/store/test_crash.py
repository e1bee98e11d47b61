"""kill -9 in the middle of writing: an ingest of 200 documents and an xlsx import.

The command runs in its own process group; the test watches the database until a write
transaction is open (SQLite: the write lock is held; PostgreSQL: the backend is inside a
transaction) and then kills the whole group with SIGKILL. Afterwards every document is whole
or absent, the import's rows are all in or all out, the trail matches what is stored, and
running the same command again completes the work.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from taizhang.store import Ledger

from .conftest import snapshot

DOCUMENTS = 200
TASKS = 10  # per document
CN = "一二三四五六七八九十"
TAIZHANG = [sys.executable, "-m", "taizhang"]


def make_documents(folder: Path, n: int = DOCUMENTS) -> list[Path]:
    """n notices of TASKS numbered tasks each, every one with its own number and text."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(1, n + 1):
        lines = [f"沈阳市人民政府办公厅关于做好第{k}批重点工作的通知", f"沈政办发〔2019〕{k}号",
                 "各区、县(市)人民政府，市政府各部门：", "现将有关工作通知如下："]
        lines += [f"{CN[t]}、推进第{k}批第{t + 1}项重点工作。（牵头单位：市发展改革委；配合单位："
                  f"市财政局；2019年{t % 6 + 6}月底前完成）" for t in range(TASKS)]
        lines += ["沈阳市人民政府办公厅", "2019年5月1日"]
        path = folder / f"{k:03d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def writing(url: str) -> Callable[[], bool]:
    """A probe: True while some other connection holds an open write transaction."""
    if url.startswith("sqlite"):
        path = make_url(url).database

        def sqlite_busy() -> bool:
            conn = sqlite3.connect(path, timeout=0)
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.rollback()
                return False
            except sqlite3.OperationalError:  # "database is locked": a writer is inside
                return True
            finally:
                conn.close()
        return sqlite_busy
    name = make_url(url).database

    def pg_busy() -> bool:
        with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
            row = c.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND "
                            "backend_xid IS NOT NULL AND pid <> pg_backend_pid()",
                            (name,)).fetchone()
        return bool(row and row[0])
    return pg_busy


def run_and_kill(args: list[str], busy: Callable[[], bool], ready: Callable[[], bool],
                 log: Path) -> bool:
    """Start the command; once ``ready()`` and ``busy()`` SIGKILL its process group.
    True when it was killed while writing, False when it finished first."""
    with open(log, "wb") as out:
        proc = subprocess.Popen([*TAIZHANG, *args], stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            deadline = time.monotonic() + 120
            while proc.poll() is None and time.monotonic() < deadline:
                if ready() and busy():
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=30)
                    return True
                time.sleep(0.002)
            return False
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=30)


def _documents(url: str) -> int:
    try:
        with Ledger(url) as lg:
            return len(lg.list_documents())
    except Exception:  # noqa: BLE001 - the very first transaction (migrations) may be open
        return 0


def check_whole(url: str) -> int:
    """Every stored document has all its tasks, their units and its trail; the count."""
    tables = snapshot(url)
    with Ledger(url) as lg:
        docs = lg.list_documents()
        for doc in docs:
            assert doc.item_count == TASKS, (doc.source, doc.item_count)
            items = lg.list_items(document=doc.id)
            assert all(i.lead == "市发展改革委" and i.support == ("市财政局",) for i in items)
        trail = lg.audit_log()
    assert sum(e.action == "document.ingest" for e in trail) == len(docs)
    assert sum(e.action == "item.create" for e in trail) == len(docs) * TASKS
    assert len(tables["document_texts"]) == len(docs) and len(tables["items"]) == len(docs) * TASKS
    return len(docs)


def test_kill_9_during_an_ingest_of_200_documents(db_url: str, tmp_path: Path) -> None:
    files = make_documents(tmp_path / "docs")
    args = ["ingest", *map(str, files), "--db", db_url]
    killed = run_and_kill(args, writing(db_url), lambda: _documents(db_url) >= 20,
                          tmp_path / "first.log")
    assert killed, (tmp_path / "first.log").read_text()
    stored = check_whole(db_url)
    assert 20 <= stored < DOCUMENTS  # stopped half way, each document whole
    again = subprocess.run([*TAIZHANG, *args], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert again.stdout.count("未变化") == stored  # the rerun skips what is there …
    assert check_whole(db_url) == DOCUMENTS  # … and completes the rest
    with Ledger(db_url) as lg:  # the search index caught up with the documents of both runs
        assert len(lg.search("第200批第3项")) == 1


def test_kill_9_during_an_xlsx_import(db_url: str, tmp_path: Path) -> None:
    import datetime as dt

    import openpyxl

    from taizhang.exports.xlsx import write_fillin

    files = make_documents(tmp_path / "docs", 30)
    done = subprocess.run([*TAIZHANG, "ingest", *map(str, files), "--db", db_url],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    today = dt.date(2019, 6, 1)
    with Ledger(db_url) as lg:
        items = lg.list_items(today=today)
    sheet = tmp_path / "填报表.xlsx"  # the sheet a unit fills in and sends back
    write_fillin(items, sheet, unit="市发展改革委", today=today)
    book = openpyxl.load_workbook(sheet)
    edited = 0
    for ws in book.worksheets:
        heads = {c.value: c.column for c in ws[1] if isinstance(c.value, str)}
        header_row = 1
        for row in ws.iter_rows(min_row=1, max_row=6):
            names = {c.value: c.column for c in row if isinstance(c.value, str)}
            if "进展情况" in names and "状态" in names:
                heads, header_row = names, row[0].row
                break
        if "进展情况" not in heads:
            continue
        for r in range(header_row + 1, ws.max_row + 1):
            if ws.cell(r, heads["状态"]).value:
                ws.cell(r, heads["状态"]).value = "推进中"
                ws.cell(r, heads["完成百分比"]).value = 50
                ws.cell(r, heads["进展情况"]).value = f"第{r}行已推进"
                edited += 1
    book.save(sheet)
    assert edited == len(items) == 300
    args = ["import-progress", str(sheet), "--db", db_url, "--today", "2019-06-01"]
    killed = run_and_kill(args, writing(db_url), lambda: True, tmp_path / "import.log")
    assert killed, (tmp_path / "import.log").read_text()
    tables = snapshot(db_url)
    reports = len(tables["reports"])
    assert reports in (0, len(items))  # the whole sheet or nothing of it
    assert sum("'item.report'" in row for row in tables["audit"]) == reports
    again = subprocess.run([*TAIZHANG, *args], capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr + again.stdout
    with Ledger(db_url) as lg:
        after = lg.list_items(today=today)
        assert all(i.status.value == "in_progress" and i.percent == 50 for i in after)
        assert len(snapshot(db_url)["reports"]) == len(items)
        assert all(i.version == 2 for i in after)  # one change each: no row applied twice
