"""Where a corpus's documents come from: folders, zip/tar archives, lists of paths, a ledger.

    refs = list_sources(["政策库/", "2019.zip", "@清单.txt"])   # → [SourceRef, ...], sorted

Everything named on the command line is checked before anything is written: a path that does
not exist, an archive that cannot be opened or a list that cannot be read stops the build with
a Chinese message (InputError). Listing reads no document: each one carries a stamp (size and
mtime, or a zip member's size and CRC) so an unchanged file is skipped without being read.
An archive found *inside* a folder that cannot be opened is a bad document like any other:
it goes to the failures table and the run goes on.
"""
from __future__ import annotations

import os
import tarfile
import zipfile
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from taizhang.errors import FileUnreadable, InputError
from taizhang.limits import MAX_FILE_BYTES

DOC_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
ZIP_SUFFIXES = (".zip",)
TAR_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
MEMBER_SEP = "!/"  # 2019.zip!/沈阳/方案.txt, as jar: URLs write a member


class SourceRef(NamedTuple):
    """One document to read: a file, an archive member, or a text handed in (a ledger's)."""

    source: str  # unique, stable handle: absolute path, or archive path!/member, or ledger:URL#id
    kind: str  # file | zip | tar | text | broken (an archive inside a folder that cannot be opened)
    name: str  # the file name the parser sees (Document.source): 方案.txt
    stamp: str  # changes when the bytes may have: size:mtime_ns, size:crc, the ledger's hash
    container: str = ""  # the archive's path for zip/tar members
    member: str = ""  # the member's name inside the archive
    size: int = 0
    data: bytes | None = None  # kind == "text": the bytes themselves (filled in only when needed)
    problem: str = ""  # kind == "broken": why


def _is_doc(name: str) -> bool:
    return name.lower().endswith(DOC_SUFFIXES)


def archive_kind(path: str) -> str | None:
    low = path.lower()
    if low.endswith(ZIP_SUFFIXES):
        return "zip"
    if low.endswith(TAR_SUFFIXES):
        return "tar"
    return None


def list_sources(names: Iterable[str]) -> list[SourceRef]:
    """Every document under ``names`` (files, folders, archives, ``@list`` files), sorted by
    source and without repeats. Raises InputError for anything named that cannot be used."""
    found: dict[str, SourceRef] = {}
    for name in names:
        for ref in _expand(name, where=None):
            found.setdefault(ref.source, ref)
    return [found[k] for k in sorted(found)]


def _expand(name: str, *, where: str | None) -> Iterator[SourceRef]:
    given = f"{where}中的“{name}”" if where else name
    if name.startswith("@"):
        yield from _from_list(name[1:], given=given)
        return
    path = os.path.abspath(name)
    if not os.path.exists(path):
        raise FileUnreadable(given, "路径不存在", hint="请检查路径和文件名；目录、压缩包和 @清单 文件都可以")
    if os.path.isdir(path):
        yield from _walk(path)
    elif archive_kind(path):
        yield from _archive(path, given=given)
    else:
        yield _file(path)


def _from_list(path: str, *, given: str) -> Iterator[SourceRef]:
    """``@清单.txt``: one path per line (files, folders or archives); blank lines and # notes skipped."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().splitlines()
    except FileNotFoundError:
        raise FileUnreadable(given, "清单文件不存在", hint="@ 后面写一个每行一个路径的文本文件") from None
    except (OSError, UnicodeDecodeError) as err:
        raise FileUnreadable(given, f"无法读取清单文件（{err}）", hint="清单须是 UTF-8 文本，每行一个路径") from None
    for lineno, line in enumerate(lines, 1):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            yield from _expand(entry, where=f"清单 {path} 第{lineno}行")


def _walk(root: str) -> Iterator[SourceRef]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if f.startswith("."):
                continue
            path = os.path.join(folder, f)
            if _is_doc(f):
                yield _file(path)
            elif archive_kind(f):
                try:
                    yield from _archive(path, given=path)
                except InputError as err:  # inside a folder: a bad document, not a stop
                    yield SourceRef(path, "broken", f, _file_stamp(path), size=0,
                                    problem=getattr(err, "reason", str(err)))


def _file_stamp(path: str) -> str:
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}"


def _file(path: str) -> SourceRef:
    st = os.stat(path)
    return SourceRef(path, "file", os.path.basename(path), f"{st.st_size}:{st.st_mtime_ns}",
                     size=st.st_size)


def _archive(path: str, *, given: str) -> Iterator[SourceRef]:
    kind = archive_kind(path)
    refs: list[SourceRef] = []
    try:
        if kind == "zip":
            with zipfile.ZipFile(path) as zf:
                for info in zf.infolist():
                    if not info.is_dir() and _is_doc(info.filename):
                        refs.append(SourceRef(
                            f"{path}{MEMBER_SEP}{info.filename}", "zip",
                            os.path.basename(info.filename), f"{info.file_size}:{info.CRC:08x}",
                            container=path, member=info.filename, size=info.file_size))
        else:
            with tarfile.open(path) as tf:
                for member in tf:
                    if member.isfile() and _is_doc(member.name):
                        refs.append(SourceRef(
                            f"{path}{MEMBER_SEP}{member.name}", "tar",
                            os.path.basename(member.name), f"{member.size}:{member.mtime}",
                            container=path, member=member.name, size=member.size))
    except (zipfile.BadZipFile, tarfile.TarError, EOFError, OSError, ValueError) as err:
        what = "zip" if kind == "zip" else "tar"
        raise FileUnreadable(given, f"无法打开压缩包（不是有效的 {what} 文件：{err}）",
                             hint="请确认文件完整（可用 unzip -t 或 tar -tf 检查），或解压后再指定目录") from None
    yield from refs


def read_ref(ref: SourceRef, *, max_bytes: int = MAX_FILE_BYTES,
             opened: dict[str, object] | None = None) -> bytes:
    """The document's bytes, never more than ``max_bytes`` + 1 read (a zip bomb stays small).

    ``opened`` keeps archives open across the members of one batch. Raises FileUnreadable.
    """
    if ref.kind == "text":
        return ref.data or b""
    if ref.kind == "broken":
        raise FileUnreadable(ref.source, ref.problem or "无法打开压缩包")
    if ref.size > max_bytes:
        raise FileUnreadable(ref.source, f"文件大小 {ref.size / 1048576:.1f} MiB，超过上限 "
                             f"{max_bytes / 1048576:g} MiB", hint="请只提供公文本身")
    try:
        if ref.kind == "file":
            with open(ref.source, "rb") as fh:
                return fh.read(max_bytes + 1)
        handle = _opened(ref, opened)
        if ref.kind == "zip":
            with handle.open(ref.member) as fh:  # type: ignore[attr-defined]
                return fh.read(max_bytes + 1)  # type: ignore[no-any-return]
        extracted = handle.extractfile(ref.member)  # type: ignore[attr-defined]
        if extracted is None:
            raise FileUnreadable(ref.source, "压缩包中的这一项不是普通文件")
        with extracted:
            return extracted.read(max_bytes + 1)  # type: ignore[no-any-return]
    except FileNotFoundError:
        raise FileUnreadable(ref.source, "文件不存在（列出之后被移走或删除）") from None
    except PermissionError:
        raise FileUnreadable(ref.source, "没有读取这个文件的权限", hint="请检查文件权限") from None
    except (OSError, KeyError, zipfile.BadZipFile, tarfile.TarError, EOFError) as err:
        raise FileUnreadable(ref.source, f"无法读取（{err}）") from None


def _opened(ref: SourceRef, opened: dict[str, object] | None) -> object:
    cache = opened if opened is not None else {}
    handle = cache.get(ref.container)
    if handle is None:
        handle = zipfile.ZipFile(ref.container) if ref.kind == "zip" else tarfile.open(ref.container)
        cache[ref.container] = handle
    return handle


def close_all(opened: dict[str, object]) -> None:
    for handle in opened.values():
        handle.close()  # type: ignore[attr-defined]
    opened.clear()
