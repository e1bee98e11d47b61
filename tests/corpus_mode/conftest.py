"""Fixtures for the corpus mode: generated documents, a real Dask cluster, builds, table readers.

The cluster is a real ``dask scheduler`` and two ``dask worker`` processes on loopback, on
ports picked at random; nothing is mocked. Builds run the real ``taizhang`` command in a
subprocess, as a user would.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from taizhang.corpus.generate import generate

N_FOLDER, N_ZIP, N_TAR, N_BAD = 150, 30, 20, 3
TAIZHANG = [sys.executable, "-m", "taizhang"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_taizhang(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TAIZHANG, *args], capture_output=True, text=True, timeout=timeout)


def start_taizhang(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*TAIZHANG, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.fixture(scope="session")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """200 generated documents: a folder (with 3 unreadable files), a zip and a tar.gz;
    and ``flat``: every document as a plain file, for the one-document ``taizhang parse``."""
    root = tmp_path_factory.mktemp("sources")
    folder = root / "政策库"
    generate(folder, N_FOLDER, seed=11, bad=N_BAD)
    staged = root / "staged"
    zipped = generate(staged / "zip", N_ZIP, seed=12)
    tarred = generate(staged / "tar", N_TAR, seed=13)
    archive_zip, archive_tar = root / "2019年文件.zip", root / "2020年文件.tar.gz"
    with zipfile.ZipFile(archive_zip, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in zipped:
            zf.write(p, p.relative_to(staged / "zip").as_posix())
    with tarfile.open(archive_tar, "w:gz") as tf:
        for p in tarred:
            tf.add(p, p.relative_to(staged / "tar").as_posix())
    # the archive members as plain files under the names the corpus gives them
    members = {f"{archive_zip}!/{p.relative_to(staged / 'zip').as_posix()}": p for p in zipped}
    members.update({f"{archive_tar}!/{p.relative_to(staged / 'tar').as_posix()}": p for p in tarred})
    files = {str(p): p for p in sorted(folder.rglob("*")) if p.is_file() and "无法读取" not in str(p)}
    return {"root": root, "folder": folder, "zip": archive_zip, "tar": archive_tar,
            "names": [str(folder), str(archive_zip), str(archive_tar)],
            "documents": {**files, **members}}


@pytest.fixture(scope="session")
def local_build(sources: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sources built on a LocalCluster of two workers (the default way)."""
    out = tmp_path_factory.mktemp("local") / "语料"
    done = run_taizhang("corpus", "build", *sources["names"], "--out", str(out), "--workers", "2")
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="session")
def parsed(sources: dict[str, Any]) -> dict[str, Any]:
    """source → Document, parsed here one by one by the readers and the parser of this checkout."""
    from taizhang.parse import parse
    from taizhang.readers import read_path

    out = {}
    for source, path in sources["documents"].items():
        read = read_path(path)
        out[source] = parse(read.text, source=read.source)
    return out


class Cluster:
    """A scheduler and workers as separate processes, each stoppable on its own."""

    def __init__(self, root: Path) -> None:
        self.port = free_port()
        self.address = f"tcp://127.0.0.1:{self.port}"
        self.root = root
        self.scheduler = subprocess.Popen(
            [sys.executable, "-m", "dask", "scheduler", "--host", "127.0.0.1", "--port",
             str(self.port), "--no-dashboard"],
            stdout=subprocess.DEVNULL, stderr=open(root / "scheduler.log", "w"))
        self.workers: list[subprocess.Popen[bytes]] = []

    def add_worker(self, name: str) -> subprocess.Popen[bytes]:
        # no nanny: the worker is this one process, so kill -9 really kills it
        w = subprocess.Popen(
            [sys.executable, "-m", "dask", "worker", self.address, "--nthreads", "1",
             "--no-nanny", "--no-dashboard", "--host", "127.0.0.1", "--name", name],
            stdout=subprocess.DEVNULL, stderr=open(self.root / f"{name}.log", "w"))
        self.workers.append(w)
        return w

    def wait_for(self, n: int, timeout: float = 60) -> None:
        from distributed import Client

        deadline = time.monotonic() + timeout
        while True:
            try:
                with Client(self.address, timeout=5) as c:
                    c.wait_for_workers(n, timeout=max(1.0, deadline - time.monotonic()))
                    return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def stop(self) -> None:
        for p in [*self.workers, self.scheduler]:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        for p in [*self.workers, self.scheduler]:
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    c = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        c.add_worker("w1")
        c.add_worker("w2")
        c.wait_for(2)
        yield c
    finally:
        c.stop()


def read_tables(directory: Path, *, drop: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of a finished corpus as sorted rows (through DuckDB, as queries see it)."""
    from taizhang.corpus.query import connect
    from taizhang.corpus.rows import TABLES

    con = connect(directory)
    out = {}
    for table in TABLES:
        rel = con.sql(f"SELECT * FROM {table}")
        cols = [c for c in rel.columns if c not in drop]
        rows = con.sql(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
        out[table] = sorted(rows, key=repr)
    return out


def wait_for_parts(directory: Path, n: int, proc: subprocess.Popen[str], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        parts = directory / "parts"
        if parts.is_dir() and len([p for p in parts.iterdir() if (p / "_part.json").exists()]) >= n:
            return
        if proc.poll() is not None:
            raise AssertionError(f"build ended before {n} parts: {proc.communicate()}")
        time.sleep(0.05)
    raise AssertionError(f"no {n} parts within {timeout} s")


def snapshot(directory: Path) -> dict[str, tuple[int, int]]:
    """Every file under a directory with its size and mtime: to prove nothing was written."""
    if not directory.exists():
        return {}
    return {str(p.relative_to(directory)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(directory.rglob("*")) if p.is_file()}


def copy_corpus(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst


def kill9(proc: subprocess.Popen[Any]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
