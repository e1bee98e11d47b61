"""Zip packages are checked from their directory before anything inflates (readers/archive.py),
by every reader of them: .docx documents, fill-in and office .xlsx sheets, on the command line
as in the web app."""
from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from taizhang.errors import FileUnreadable, SheetError
from taizhang.readers import read_bytes
from taizhang.readers.archive import ZipLimits, check_zip

SMALL = ZipLimits(total=1000, part=600, entries=3, ratio=10, ratio_from=100)
MIB = 1024 * 1024


def _zip(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(("parts", "message"), [
    pytest.param({"a.xml": b"<a/>" * 10}, None, id="within_limits"),
    pytest.param({f"p{i}.xml": b"x" for i in range(4)}, "4 个部件", id="too_many_parts"),
    pytest.param({"big.xml": bytes(range(256)) * 3}, "超过单个部件上限", id="part_too_big"),
    pytest.param({"bomb.xml": b"0" * 500}, "压缩比", id="ratio"),
    pytest.param({"a.bin": bytes(range(256)) * 2, "b.bin": bytes(range(255, -1, -1)) * 2},
                 "解压后总大小超过", id="total"),
])
def test_limits_are_checked_from_the_directory(parts: dict[str, bytes], message: str | None) -> None:
    data = _zip(parts)
    if message is None:
        check_zip(data, "x.docx", SMALL)
        return
    with pytest.raises(FileUnreadable, match=message):
        check_zip(data, "x.docx", SMALL)


def test_a_damaged_package_is_named_as_such() -> None:
    with pytest.raises(FileUnreadable, match="已损坏"):
        check_zip(b"PK\x03\x04 not really a zip", "x.docx")


def test_the_docx_reader_refuses_a_bomb_at_once() -> None:
    from web.bombs import docx_bomb

    data = docx_bomb(200 * MIB)
    start = time.perf_counter()
    with pytest.raises(FileUnreadable, match="疑似压缩炸弹") as info:
        read_bytes(data, name="通知.docx")
    assert time.perf_counter() - start < 1.0
    assert "通知.docx" in str(info.value) and "MiB" in str(info.value)


def test_the_command_line_refuses_bombs_too(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from taizhang.cli import main
    from taizhang.exports.progress_import import read_progress_sheet

    from web.bombs import docx_bomb, xlsx_bomb

    doc = tmp_path / "通知.docx"
    doc.write_bytes(docx_bomb(200 * MIB))
    start = time.perf_counter()
    assert main(["parse", str(doc)]) == 2
    assert time.perf_counter() - start < 2.0
    assert "疑似压缩炸弹" in capsys.readouterr().err
    sheet = io.BytesIO()
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["编号", "状态"])
    book.save(sheet)
    bomb = tmp_path / "填报表.xlsx"
    bomb.write_bytes(xlsx_bomb(sheet.getvalue(), 200 * MIB))
    with pytest.raises(SheetError, match="疑似压缩炸弹"):
        read_progress_sheet(bomb)
    with pytest.raises(SystemExit) as stop:
        main(["import-progress", str(bomb), "--db", f"sqlite:///{tmp_path / 'l.db'}"])
    assert stop.value.code == 2 and "疑似压缩炸弹" in capsys.readouterr().err


def _pdf_with_stream(stream: bytes) -> bytes:
    """A one-page PDF whose content stream is the given Flate data."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
               + b"\nendstream"]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def test_a_pdf_flate_bomb_is_refused_before_pdfminer_inflates_it() -> None:
    import zlib

    import struct

    chunk = b"BT /F1 12 Tf (x) Tj ET\n" * 40_000
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = raw.compress(chunk) + raw.flush(zlib.Z_FULL_FLUSH)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush()
    check = 1
    for _ in range(400):
        check = zlib.adler32(chunk, check)
    # a valid zlib stream of ≈ 370 MB of page content, ≈ 0.5 MB compressed
    stream = b"\x78\xda" + block * 400 + end + struct.pack(">I", check)
    data = _pdf_with_stream(stream)
    assert len(data) < 2 * MIB
    start = time.perf_counter()
    with pytest.raises(FileUnreadable, match="疑似压缩炸弹"):
        read_bytes(data, name="通知.pdf")
    assert time.perf_counter() - start < 2.0
