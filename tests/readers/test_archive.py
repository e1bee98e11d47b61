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
