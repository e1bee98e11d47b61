"""Limits on what a zip package (.docx, .xlsx) may expand to, checked before anything inflates.

A .docx or .xlsx is a zip archive; a small one can declare parts of gigabytes (a "zip bomb":
0.7 MB expanding to 200 MB took the server 162 s and 4 GB). The central directory lists every
part's sizes, so the limits are checked there, in microseconds, before python-docx or openpyxl
read a byte. Python's zipfile stops inflating a part at its declared size (and then fails its
checksum), so a part that lies about its size cannot run past these limits either.

    check_zip(data, "方案.docx")       # ZipLimits() by default; FileUnreadable when over
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import IO, Any

from taizhang.errors import FileUnreadable

MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """What a document package may hold. A 20,000-row 台账 xlsx is 31 parts, 22 MB inflated,
    at most 34:1 in one part; a long .docx a few MB. These leave room and stop bombs."""

    total: int = 128 * MIB  # all parts inflated together
    part: int = 64 * MIB  # any one part inflated
    entries: int = 2000  # parts in the package
    ratio: int = 200  # inflated : compressed, for any part above ``ratio_from`` bytes
    ratio_from: int = 1 * MIB


DEFAULT = ZipLimits()


def check_zip(source: bytes | str | IO[bytes] | Any, shown: str,
              limits: ZipLimits = DEFAULT) -> None:
    """Raise FileUnreadable (a Chinese message with the figures) when the package is too big,
    too many parts, or compressed beyond any document's ratio; otherwise return at once."""
    import zipfile

    opened = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    position = opened.tell() if hasattr(opened, "tell") else None
    try:
        with zipfile.ZipFile(opened) as package:
            infos = package.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise FileUnreadable(shown, "文件头是 zip 格式（Word/Excel/OFD），但内容已损坏，无法打开",
                             hint="请用 Word/WPS/Excel 打开确认，或重新下载") from None
    finally:
        if position is not None:
            opened.seek(position)
    refuse = _refusal(infos, limits)
    if refuse:
        raise FileUnreadable(shown, refuse, hint="正常的公文和台账表格不会这样；"
                                                 "请用 Word/WPS/Excel 打开后另存一份再上传")


def _refusal(infos: list[Any], limits: ZipLimits) -> str | None:
    if len(infos) > limits.entries:
        return f"压缩包内有 {len(infos)} 个部件，超过上限 {limits.entries} 个，已拒绝读取"
    total = 0
    for info in infos:
        size, packed = info.file_size, info.compress_size
        if size > limits.part:
            return (f"其中“{info.filename[:60]}”解压后 {_mib(size)}（压缩时 {_mib(packed)}），"
                    f"超过单个部件上限 {_mib(limits.part)}，疑似压缩炸弹，已拒绝读取")
        if size > limits.ratio_from and size > limits.ratio * max(packed, 1):
            return (f"其中“{info.filename[:60]}”压缩比 {size // max(packed, 1)}:1（{_mib(packed)} "
                    f"解压为 {_mib(size)}），超过上限 {limits.ratio}:1，疑似压缩炸弹，已拒绝读取")
        total += size
        if total > limits.total:
            return (f"解压后总大小超过 {_mib(limits.total)}（已超过 {_mib(total)}），"
                    "疑似压缩炸弹，已拒绝读取")
    return None


def _mib(size: int) -> str:
    if size >= MIB / 10:
        return f"{size / MIB:.1f}".rstrip("0").rstrip(".") + " MiB"
    return f"{size} 字节"


PDF_TOTAL = 256 * MIB  # all of a PDF's Flate streams inflated together
_STREAM = None  # compiled on first use: `taizhang parse x.txt` never pays for it


def check_pdf(data: bytes, shown: str, total: int = PDF_TOTAL) -> None:
    """Refuse a PDF whose Flate-compressed streams inflate past ``total`` (pdfminer would
    inflate each whole in memory: a 20 MB file can hold 20 GB).

    Each stream is inflated in bounded steps and counted, never kept; zlib knows where a
    deflate stream ends, so no /Length needs to be trusted. Streams under other filters
    (pictures) are skipped.
    """
    import re
    import zlib

    global _STREAM
    if _STREAM is None:
        _STREAM = re.compile(rb"stream\r?\n")
    seen = 0
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 400):match.start()]
        if b"/FlateDecode" not in head[head.rfind(b"<<"):] and b"/Fl" not in head[-200:]:
            continue
        inflater = zlib.decompressobj()
        pos = match.end()
        try:
            while pos < len(data) and not inflater.eof:
                piece = inflater.decompress(data[pos:pos + 65536], MIB)
                pos += 65536
                seen += len(piece)
                while inflater.unconsumed_tail and seen <= total:
                    piece = inflater.decompress(inflater.unconsumed_tail, MIB)
                    seen += len(piece)
                if seen > total:
                    raise FileUnreadable(shown, f"PDF 内压缩的内容解压后超过 {_mib(total)}"
                                                f"（文件本身 {_mib(len(data))}），疑似压缩炸弹，已拒绝读取",
                                         hint="请用 PDF 阅读器打开后另存，或提供 txt/docx 版本")
        except zlib.error:
            continue  # not a deflate stream after all: pdfminer will judge it
