"""Plain text in every encoding offices send: read back exactly, and say when it was a guess."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from taizhang.errors import DecodeError
from taizhang.parse.model import WarningCode
from taizhang.readers import read_bytes, read_path

from .conftest import SEED, TRADITIONAL


@pytest.mark.parametrize(
    ("text", "codec", "guessed"),
    [
        pytest.param(SEED, "utf-8", None, id="utf8"),
        pytest.param(SEED, "utf-8-sig", None, id="utf8_bom"),
        pytest.param(SEED, "gb18030", "GB18030", id="gb18030"),
        pytest.param(SEED, "gbk", "GB18030", id="gbk_read_as_superset"),
        pytest.param(TRADITIONAL, "big5", "Big5", id="big5"),
        pytest.param(SEED, "utf-16", None, id="utf16_bom"),
        pytest.param(SEED, "utf-16-le", "UTF-16", id="utf16le_no_bom"),
        pytest.param(SEED, "utf-16-be", "UTF-16", id="utf16be_no_bom"),
        pytest.param(TRADITIONAL, "utf-16-le", "UTF-16", id="utf16le_traditional"),
    ],
)
def test_round_trip(tmp_path: Path, text: str, codec: str, guessed: str | None) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(text.encode(codec))
    read = read_path(path)
    assert read.text == text
    assert read.format == "txt"
    codes = [w.code for w in read.warnings]
    if guessed is None:
        assert codes == []
    else:
        assert codes == [WarningCode.ENCODING_GUESSED]
        assert guessed in read.warnings[0].message


def test_crlf_becomes_newline(tmp_path: Path) -> None:
    path = tmp_path / "dos.txt"
    path.write_bytes(SEED.replace("\n", "\r\n").encode("gbk"))
    assert read_path(path).text == SEED


def test_encoding_override_is_used_without_warning(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(SEED.encode("gbk"))
    read = read_path(path, encoding="GBK")
    assert read.text == SEED
    assert read.encoding == "gb18030"
    assert read.warnings == ()


def test_wrong_override_says_so(tmp_path: Path) -> None:
    path = tmp_path / "utf8.txt"
    path.write_bytes(SEED.encode("utf-8"))
    with pytest.raises(DecodeError, match="按指定的编码 ascii 无法解码"):
        read_path(path, encoding="ascii")


def test_unknown_encoding_name(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(SEED.encode("utf-8"))
    with pytest.raises(DecodeError, match="不认识这个编码名称"):
        read_path(path, encoding="gb9999")


def test_short_gbk_line(tmp_path: Path) -> None:
    line = "一、加强组织领导，市发展改革委牵头。\n"
    path = tmp_path / "short.txt"
    path.write_bytes(line.encode("gbk"))
    assert read_path(path).text == line


def test_read_bytes_names_the_upload() -> None:
    read = read_bytes(SEED.encode("gb18030"), name="上传的方案.txt")
    assert read.source == "上传的方案.txt"
    assert read.text == SEED


HEAVY = ("docx", "pdfminer", "bs4", "charset_normalizer", "lxml")


def _loaded_after(code: str) -> list[str]:
    probe = code + "\nimport sys\nprint(sorted({m.split('.')[0] for m in sys.modules} & set(%r)))" % (HEAVY,)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return eval(out.stdout.strip().splitlines()[-1])  # a printed list of module names


def test_importing_parse_loads_no_reader_library() -> None:
    assert _loaded_after("import taizhang.parse") == []


def test_utf8_cli_path_loads_no_reader_library(tmp_path: Path) -> None:
    path = tmp_path / "utf8.txt"
    path.write_text(SEED, encoding="utf-8")
    code = ("import io, contextlib\nfrom taizhang.cli import main\n"
            f"with contextlib.redirect_stdout(io.StringIO()):\n    main(['parse', {str(path)!r}])")
    assert _loaded_after(code) == []


def test_gbk_path_loads_only_the_detector(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(SEED.encode("gbk"))
    code = f"from taizhang.readers import read_path\nread_path({str(path)!r})"
    assert _loaded_after(code) == ["charset_normalizer"]
