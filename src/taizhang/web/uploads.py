"""Uploaded files are read and parsed in other processes, bounded in time and memory.

Reading a .docx, .pdf or .xlsx and parsing a document is CPU work that, done in the web
process, stalled every other user (a 0.9 MB fill-in sheet inflating to 200 MB held all pages
for 36 s). Here it runs in a small pool of worker processes (pebble): the event loop only
waits on a future, each job has ``upload_timeout`` seconds after which its worker is killed and
replaced, and each worker's address space is capped at ``upload_memory_mb`` so a file that
slips past the readers' size checks (readers/archive.py) fails with MemoryError there, not
in the server. Refusals come back as the readers' own Chinese errors.
"""
from __future__ import annotations

import asyncio
import atexit
import os
import threading
from typing import Any

from taizhang.config import Settings
from taizhang.errors import FileUnreadable, TaizhangError

MAX_TASKS = 100  # a worker is replaced after this many files (no slow growth of memory)


# one process pool per (memory cap, workers) in a process: apps made one after another (tests,
# a reloading server) share it instead of each leaving two idle workers behind
_POOLS: dict[tuple[int, int], Any] = {}
_POOLS_LOCK = threading.Lock()


def _shared_pool(memory: int, workers: int) -> Any:
    with _POOLS_LOCK:
        pool = _POOLS.get((memory, workers))
        if pool is None or not pool.active:
            from multiprocessing import get_all_start_methods, get_context

            from pebble import ProcessPool

            # forkserver: workers start from a clean interpreter, not a copy of a server
            # holding database connections and threads
            method = "forkserver" if "forkserver" in get_all_start_methods() else "spawn"
            pool = _POOLS[(memory, workers)] = ProcessPool(
                max_workers=workers, max_tasks=MAX_TASKS, initializer=_start_worker,
                initargs=(memory,), context=get_context(method))
            if len(_POOLS) == 1:
                atexit.register(_stop_all)
        return pool


def _stop_all() -> None:
    with _POOLS_LOCK:
        for pool in _POOLS.values():
            pool.stop()
            pool.join(timeout=5)
        _POOLS.clear()


class UploadPool:
    """The app's door to the worker processes; ``run`` awaits one job there."""

    def __init__(self, settings: Settings) -> None:
        self.timeout = settings.upload_timeout
        self.memory = settings.upload_memory_mb * 1024 * 1024
        self.workers = settings.upload_workers

    def _get(self) -> Any:
        return _shared_pool(self.memory, self.workers)

    def start(self) -> None:
        """Start the workers now (at server start), so the first upload does not wait for
        a process to start and import the readers."""
        pool = self._get()
        for _ in range(self.workers):
            pool.schedule(_ready)

    async def run(self, job: Any, *args: Any, shown: str) -> Any:
        """``job(*args)`` in a worker; its TaizhangError as raised, or a FileUnreadable naming
        ``shown`` when it ran out of time or memory."""
        from pebble import ProcessExpired

        future = self._get().schedule(job, args=args, timeout=self.timeout)
        try:
            return await asyncio.wrap_future(future)
        except TaizhangError:
            raise
        except TimeoutError:
            raise FileUnreadable(shown, f"读取和解析超过 {self.timeout:g} 秒仍未完成，已停止",
                                 hint="文件可能过大或结构异常；请拆分后上传，或另存为 txt/docx 再试"
                                 ) from None
        except MemoryError:
            raise FileUnreadable(shown, f"读取时所需内存超过上限（{self.memory // 1048576} MiB），已停止",
                                 hint="文件可能过大或结构异常；请拆分后上传，或另存为 txt/docx 再试"
                                 ) from None
        except ProcessExpired as err:
            raise FileUnreadable(shown, f"读取文件的进程意外退出（代码 {err.exitcode}），已停止",
                                 hint="文件可能结构异常；请用 Word/WPS/Excel 打开后另存一份再试"
                                 ) from None

    def close(self) -> None:
        """Stop the workers (at server shutdown)."""
        with _POOLS_LOCK:
            pool = _POOLS.pop((self.memory, self.workers), None)
        if pool is not None:
            pool.stop()
            pool.join(timeout=5)


def _start_worker(limit: int) -> None:
    """In each worker: cap the address space, so running out is a MemoryError there, and
    import the readers once, before the first file."""
    os.environ["OMP_NUM_THREADS"] = "1"
    import taizhang.exports.progress_import  # noqa: F401 - openpyxl, for fill-in sheets
    import taizhang.parse  # noqa: F401
    import taizhang.readers.archive  # noqa: F401
    import taizhang.readers.word  # noqa: F401 - python-docx

    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the timeout still holds
        pass


def _ready() -> bool:
    return True


# --- the jobs: module-level functions, so the workers can import them by name ---

def read_document(data: bytes, name: str, max_bytes: int) -> tuple[Any, Any]:
    """An uploaded policy document → (the parsed Document with the readers' warnings, the
    SourceFile the ledger keeps with it: pages, the PDF or picture, the page's <title>)."""
    from taizhang.ledger.pages import SourceFile
    from taizhang.parse import parse
    from taizhang.web.review import read_upload

    read = read_upload(data, name, max_bytes=max_bytes)
    doc = parse(read.text, source=read.source)
    if read.warnings:
        doc = doc._replace(warnings=tuple(read.warnings) + doc.warnings)
    return doc, SourceFile.of(read)


def read_fill_in(data: bytes, name: str) -> Any:
    """An uploaded 填报表 / 台账 xlsx → the ProgressSheet (rows checked, nothing applied)."""
    import io

    from taizhang.exports.progress_import import read_progress_sheet

    return read_progress_sheet(io.BytesIO(data), name=name)


def read_project_sheet(data: bytes, name: str, today: Any, jurisdiction: str | None) -> Any:
    """An office's own project sheet → the SheetReading (rows checked, nothing written)."""
    import io

    from taizhang.exports.project_sheet import read_project_sheet as read

    return read(io.BytesIO(data), name=name, today=today, jurisdiction=jurisdiction)


def read_project_fillin(data: bytes, name: str) -> Any:
    """A unit's filled-in project sheet → the Fillin (nothing applied)."""
    import io

    from taizhang.exports.project_fillin import read_fillin

    return read_fillin(io.BytesIO(data), name=name)
