"""Every kind of unusable input: the right exception and a Chinese message saying what to do."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from taizhang.config import MAX_FILE_BYTES
from taizhang.errors import DecodeError, FileUnreadable, InputError
from taizhang.readers import read_bytes, read_path

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(("name", "data", "message"), [
    pytest.param("empty.txt", b"", "文件是空的", id="empty"),
    pytest.param("blank.txt", b" \n\t\r\n  ", "文件是空的", id="whitespace_only"),
    pytest.param("nul.txt", b"\x01\x02\x00\x00\xff\x00abc\x00\x00\x10" * 20, "二进制文件", id="nul_bytes"),
    pytest.param("ctrl.txt", bytes(range(1, 9)) * 50 + "正文".encode(), "控制字符", id="control_chars"),
    pytest.param("scan.png", PNG, "图片已损坏", id="truncated_png"),
    pytest.param("scan.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF", "图片已损坏", id="truncated_jpeg_named_txt"),
    pytest.param("a.zip", _zip({"readme.txt": b"hi"}), "zip 压缩包，不是 Word 文档", id="plain_zip"),
    pytest.param("a.docx", _zip({"xl/workbook.xml": b"<x/>"}), "Excel 表格", id="xlsx_named_docx"),
    pytest.param("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧版 Office/WPS 文件，但内容已损坏",
                 id="ole_doc"),
    pytest.param("a.docx", b"PK\x03\x04 broken zip", "已损坏", id="corrupt_zip"),
    pytest.param("a.docx", "一、加强组织领导".encode(), "不是 Word 文档", id="text_named_docx"),
    pytest.param("a.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF", id="pdf_header_only"),
])
def test_bad_bytes(name: str, data: bytes, message: str) -> None:
    with pytest.raises(FileUnreadable, match=message) as info:
        read_bytes(data, name=name)
    assert info.value.exit_code == 2  # InputError: the user's file, not our bug
    assert name in str(info.value)


def test_undecodable_text() -> None:
    data = "正文".encode("utf-8") + b"\xff\xfe\xff\x80\x80\xff\xff" * 40 + b"x"
    with pytest.raises(DecodeError) as info:
        read_bytes(data, name="odd.txt")
    assert str(info.value) == ("odd.txt：无法识别文件编码（已尝试 UTF-8、GB18030、Big5、UTF-16）；"
                               "请用 --encoding 指定")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileUnreadable, match="文件不存在"):
        read_path(tmp_path / "没有这个文件.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(FileUnreadable, match="这是一个目录"):
        read_path(tmp_path)


def test_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # sparse: the size is real, the disk stays empty
        f.truncate(MAX_FILE_BYTES + 1)
    with pytest.raises(FileUnreadable, match=r"超过上限 20 MiB") as info:
        read_path(path)
    assert isinstance(info.value, InputError)


def test_upload_over_a_given_limit() -> None:
    with pytest.raises(FileUnreadable, match=r"超过上限.*（1000 字节）"):
        read_bytes("一".encode() * 400, name="up.txt", max_bytes=1000)

