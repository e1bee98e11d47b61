"""Real zip bombs, made in a second: a .docx or .xlsx whose one part inflates to N bytes.

Deflating a gigabyte takes many seconds; but after a full flush zlib's output for a repeated
chunk is the same bytes every time, so the compressed part is one block written K times. The
archive is a valid package (the CRC is of the real inflated content), exactly what an attacker
uploads: the readers before issue 13 inflated it whole.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable


def _raw_deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def _blocks(data: bytes) -> bytes:
    """Raw deflate of ``data`` ending in a full flush: byte-aligned, not final, and with no
    reference to anything before it, so such pieces concatenate into one valid stream."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)


def package(parts: Iterable[tuple[str, bytes]], big: tuple[str, bytes, bytes, bytes, int]) -> bytes:
    """A zip of ``parts`` (deflated) plus one big part: name, head, chunk, tail, and how many
    times the chunk repeats between head and tail."""
    entries: list[tuple[str, bytes, int, int]] = []  # name, compressed, crc, size
    for name, data in parts:
        entries.append((name, _raw_deflate(data), zlib.crc32(data), len(data)))
    name, head, chunk, tail, times = big
    stream = _blocks(head) + _blocks(chunk) * times + _raw_deflate(tail)
    crc = zlib.crc32(head)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    entries.append((name, stream, crc, len(head) + len(chunk) * times + len(tail)))
    out = io.BytesIO()
    central = []
    for name_, data, crc_, size_ in entries:
        offset = out.tell()
        encoded = name_.encode()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc_ & 0xFFFFFFFF,
                              len(data), size_, len(encoded), 0) + encoded + data)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21,
                                   crc_ & 0xFFFFFFFF, len(data), size_, len(encoded), 0, 0, 0,
                                   0, 0, offset) + encoded)
    start = out.tell()
    for record in central:
        out.write(record)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))
    return out.getvalue()


def docx_bomb(inflated: int) -> bytes:
    """A .docx whose word/document.xml inflates to about ``inflated`` bytes of paragraphs."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("关于推进改革工作的通知")
    buf = io.BytesIO()
    doc.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as z:
        parts = [(n, z.read(n)) for n in z.namelist() if n != "word/document.xml"]
        original = z.read("word/document.xml")
    head, _, rest = original.partition(b"<w:body>")
    tail = b"</w:body>" + rest.partition(b"</w:body>")[2]
    chunk = "<w:p><w:r><w:t>推进第一项改革工作。</w:t></w:r></w:p>".encode() * 20_000
    return package(parts, ("word/document.xml", head + b"<w:body>", chunk, tail,
                           max(1, inflated // len(chunk))))


def xlsx_bomb(sheet: bytes, inflated: int) -> bytes:
    """The given .xlsx with its first worksheet padded by empty rows to ``inflated`` bytes."""
    with zipfile.ZipFile(io.BytesIO(sheet)) as z:
        target = "xl/worksheets/sheet1.xml"
        parts = [(n, z.read(n)) for n in z.namelist() if n != target]
        original = z.read(target)
    head, _, rest = original.partition(b"</sheetData>")
    chunk = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>' * 10_000
    return package(parts, (target, head, chunk, b"</sheetData>" + rest,
                           max(1, inflated // len(chunk))))
