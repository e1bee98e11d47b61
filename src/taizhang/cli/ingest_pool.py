"""Reading and parsing the files of ``taizhang ingest`` in worker processes.

Parsing is pure and CPU-bound and takes about as long as storing, so for many files the
workers parse the next documents while this process stores the previous ones, each in its own
transaction as before. Results come back in the order of the files given, with the same
messages for unreadable files; a few files are parsed right here, where starting workers
would cost more than it saves.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_all_start_methods, get_context
from typing import Any, NamedTuple

PARALLEL_FROM = 8  # files; fewer are parsed in this process
MAX_WORKERS = 4
# files parsed ahead per worker: enough that the workers keep busy while this process indexes a
# batch for full-text search, few enough that memory stays flat
WINDOW = 8


class Parsed(NamedTuple):
    doc: Any  # the Document made ready for the ledger (taizhang.ledger.prepared.PreparedDocument)
    source: Any  # the SourceFile kept with it (pages, the PDF or picture, <title>), or None


def parse_file(name: str, encoding: str | None) -> tuple[Parsed | None, str | None]:
    """(Parsed, None), or (None, the Chinese message) for a file that cannot be read.

    The message does not repeat the file's name: the caller prints it once, before it.
    """
    from taizhang.errors import FileUnreadable, TaizhangError
    from taizhang.ledger.pages import SourceFile
    from taizhang.ledger.prepared import prepare
    from taizhang.parse import parse
    from taizhang.readers import read_path

    try:
        read = read_path(name, encoding=encoding)
        doc = parse(read.text, source=read.source)
        if read.warnings:  # 第2页为扫描件，已做文字识别（OCR）: kept with the document, shown on its review page
            doc = doc._replace(warnings=tuple(read.warnings) + doc.warnings)
        # made ready here, in the parsing process: the storing process gets strings and small
        # records, not the parse tree
        return Parsed(prepare(doc), SourceFile.of(read)), None
    except FileUnreadable as err:
        if err.path != name:
            return None, str(err)
        return None, f"{err.reason}；{err.hint}" if err.hint else err.reason
    except TaizhangError as err:
        return None, str(err)


def _yield_to_storing() -> None:
    """A parsing process runs at a lower priority than this one: storing is the serial part of an
    ingest, so when the cores are all busy the scheduler gives them to it first and the workers
    take what is left (they are ahead by a window of files anyway)."""
    if hasattr(os, "nice"):  # POSIX
        os.nice(5)


def parsed(files: Sequence[str], encoding: str | None,
           workers: int | None = None) -> Iterator[tuple[str, Parsed | None, str | None]]:
    """(file, Parsed or None, message or None) for each file, in order.

    ``workers``: parsing processes; None picks one per CPU (at most four), 1 parses here.
    """
    if workers is None:
        workers = min(MAX_WORKERS, os.cpu_count() or 1)
    if len(files) < PARALLEL_FROM or workers < 2:
        for name in files:
            yield (name, *parse_file(name, encoding))
        return
    # forkserver: workers start from a clean interpreter, not a fork of one holding an open
    # database connection; a bounded window keeps memory flat however many files there are
    method = "forkserver" if "forkserver" in get_all_start_methods() else "spawn"  # Windows
    with ProcessPoolExecutor(workers, mp_context=get_context(method), initializer=_yield_to_storing) as pool:
        pending: deque[tuple[str, Future[tuple[Parsed | None, str | None]]]] = deque()
        names = iter(files)
        try:
            for name in names:
                pending.append((name, pool.submit(parse_file, name, encoding)))
                if len(pending) >= WINDOW * workers:
                    break
            while pending:
                name, future = pending.popleft()
                following = next(names, None)
                if following is not None:
                    pending.append((following, pool.submit(parse_file, following, encoding)))
                yield (name, *future.result())
        finally:
            for _, future in pending:  # stopped early (a storage error): drop the rest
                future.cancel()
