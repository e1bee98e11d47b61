"""The corpus directory: parts written whole or not at all, and a manifest of the finished build.

    DIR/
      corpus.json                    the last finished build: versions, counts, its parts
      parts/<part>/documents.parquet one batch of documents: every table of them, side by side
      parts/<part>/tasks.parquet …   (documents texts tasks assignments units deadlines targets
      parts/<part>/_part.json         refs warnings failures) and the part's own note
      .staging/                      parts being written; never read, cleared by the next build

A worker writes a whole part under ``.staging`` and renames the folder into ``parts/``: on
POSIX that rename is atomic and refuses an existing target, so a part is there complete or
not at all, and a batch run twice (its first worker killed after the rename) finds its twin.
Queries read only the parts named in ``corpus.json``, so a killed build changes nothing they
see; the next build takes every complete part as done work (resume), and rewrites or drops
parts whose rows went stale (a changed file, a removed one, another parser version).
"""
from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple

from taizhang.corpus.rows import TABLES
from taizhang.errors import InputError

PARTS = "parts"
STAGING = ".staging"
MANIFEST = "corpus.json"
PART_NOTE = "_part.json"
LOCK = ".lock"


class Entry(NamedTuple):
    """What a committed part holds for one source."""

    part: str
    source: str
    failed: bool
    doc_id: str | None
    content_hash: str | None
    stamp: str
    versions: tuple[str, str, str]


def is_corpus(out: Path) -> bool:
    return (out / MANIFEST).is_file() or (out / PARTS).is_dir()


def check_target(out: Path) -> None:
    """``--out`` must be a corpus, an empty folder, or not there yet (never someone's files)."""
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}：已存在同名文件，不是目录", hint="请用 --out 指定一个新目录或已有的语料库目录")
    if out.is_dir() and not is_corpus(out) and any(out.iterdir()):
        raise InputError(f"{out}：目录不是空的，也不是语料库（没有 corpus.json）",
                         hint="请指定一个新目录，或之前 taizhang corpus build 生成的目录")


def lock(out: Path) -> Any:
    """An exclusive lock on DIR for one build; a second build at once is refused."""
    import fcntl

    fh = open(out / LOCK, "a")  # "a": creating or opening leaves the mtime alone
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        fh.close()
        raise InputError(f"{out}：另一个 taizhang corpus build 正在写入这个目录",
                         hint="请等它结束后再运行") from None
    return fh


def committed_parts(out: Path) -> dict[str, dict[str, Any]]:
    """Part id → its note, for every complete part not superseded by a rewrite of it."""
    root = out / PARTS
    notes: dict[str, dict[str, Any]] = {}
    if root.is_dir():
        for d in sorted(root.iterdir()):
            note = d / PART_NOTE
            if d.is_dir() and note.is_file():  # the note is written last, inside the staging copy
                notes[d.name] = json.loads(note.read_text("utf-8"))
    superseded = {old for note in notes.values() for old in note.get("supersedes", ())}
    return {k: v for k, v in notes.items() if k not in superseded}


def all_part_dirs(out: Path) -> list[str]:
    root = out / PARTS
    return sorted(d.name for d in root.iterdir() if d.is_dir()) if root.is_dir() else []


def read_entries(out: Path, parts: Iterable[str]) -> list[Entry]:
    """Source, hash, stamp and versions of every row of ``parts`` (documents and failures)."""
    import pyarrow.parquet as pq

    entries: list[Entry] = []
    cols = ["source", "content_hash", "stamp", "reader_version", "parser_version", "rows_version"]
    for part in parts:
        docs = pq.read_table(out / PARTS / part / "documents.parquet", columns=["doc_id", *cols])
        bad = pq.read_table(out / PARTS / part / "failures.parquet", columns=cols)
        for failed, table in ((False, docs), (True, bad)):
            d = table.to_pydict()
            for i, source in enumerate(d["source"]):
                entries.append(Entry(part, source, failed, None if failed else d["doc_id"][i],
                                     d["content_hash"][i], d["stamp"][i],
                                     (d["reader_version"][i], d["parser_version"][i],
                                      d["rows_version"][i])))
    return entries


def write_part(out: Path, part: str, tables: dict[str, Any], *,
               supersedes: tuple[str, ...] = ()) -> bool:
    """Write every table of a part, and its summaries (:mod:`taizhang.corpus.summaries`), and
    commit it; False when an identical part was already there."""
    import pyarrow.parquet as pq

    target = out / PARTS / part
    if (target / PART_NOTE).is_file():
        return False
    staging = out / STAGING / f"{part}-{uuid.uuid4().hex[:8]}"
    staging.mkdir(parents=True)
    try:
        from taizhang.corpus import summaries

        tables = {**tables, **summaries.of(tables)}
        for name in (*TABLES, *summaries.NAMES):
            pq.write_table(tables[name], staging / f"{name}.parquet", compression="zstd")
        note = {"part": part, "supersedes": list(supersedes),
                "documents": tables["documents"].num_rows, "failures": tables["failures"].num_rows,
                "summaries": summaries.version()}
        (staging / PART_NOTE).write_text(json.dumps(note, ensure_ascii=False), "utf-8")
        (out / PARTS).mkdir(exist_ok=True)
        try:
            os.rename(staging, target)
        except OSError:  # the same batch, run twice, committed first by the other attempt
            if (target / PART_NOTE).is_file():
                return False
            raise
        return True
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def rewrite_part(out: Path, part: str, keep_docs: set[str], keep_failures: set[str]) -> str:
    """A copy of ``part`` with only the rows to keep (and summaries of those), committed under a
    new id that supersedes it."""
    import hashlib

    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from taizhang.corpus import summaries

    new = part[:16] + "-" + hashlib.sha256(
        "\n".join([summaries.version(), *sorted(keep_docs), *sorted(keep_failures)]).encode()).hexdigest()[:8]
    tables = {}
    for name in TABLES:
        t = pq.read_table(out / PARTS / part / f"{name}.parquet")
        if name == "failures":
            mask = pc.is_in(t["source"], value_set=pa.array(sorted(keep_failures), pa.string()))
        else:
            mask = pc.is_in(t["doc_id"], value_set=pa.array(sorted(keep_docs), pa.string()))
        tables[name] = t.filter(mask)
    write_part(out, new, tables, supersedes=(part,))
    return new


def has_summaries(note: dict[str, Any]) -> bool:
    """Whether a part's summaries were made by this code (else a build makes them again)."""
    from taizhang.corpus import summaries

    return note.get("summaries") == summaries.version()


def remove_part(out: Path, part: str) -> None:
    shutil.rmtree(out / PARTS / part, ignore_errors=True)


def clear_staging(out: Path) -> None:
    shutil.rmtree(out / STAGING, ignore_errors=True)


def read_manifest(out: Path) -> dict[str, Any]:
    """The finished build's manifest; InputError when DIR is not a corpus (yet)."""
    path = out / MANIFEST
    if not path.is_file():
        if not out.exists():
            raise InputError(f"{out}：目录不存在", hint="请先运行 taizhang corpus build … --out 目录")
        raise InputError(f"{out}：不是已完成的语料库（没有 corpus.json）",
                         hint="请先运行 taizhang corpus build；中断的 build 重新运行即可接着完成")
    return json.loads(path.read_text("utf-8"))  # type: ignore[no-any-return]


def write_manifest(out: Path, manifest: dict[str, Any]) -> None:
    tmp = out / f".{MANIFEST}.{uuid.uuid4().hex[:8]}"
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, out / MANIFEST)  # atomic: readers see the old manifest or the new one


def table_files(out: Path, manifest: dict[str, Any], table: str) -> list[str]:
    return [str(out / PARTS / p / f"{table}.parquet") for p in manifest.get("parts", [])]
