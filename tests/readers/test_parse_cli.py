"""`taizhang parse` end to end, as a user runs it: real files, the installed command, exit codes."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SEED, build_docx, build_pdf
from .test_read_html import GOV_PAGE

TAIZHANG = str(Path(sys.executable).parent / "taizhang")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([TAIZHANG, "parse", *args], capture_output=True, text=True, timeout=120)


def _make(tmp_path: Path, kind: str) -> Path:
    if kind == "docx":
        return build_docx(tmp_path / "方案.docx")
    if kind == "pdf":
        return build_pdf(tmp_path / "方案.pdf", [SEED.split("\n")[:-1] + ["— 1 —"]])
    if kind == "html":
        path = tmp_path / "page.html"
        path.write_text(GOV_PAGE.format(charset="utf-8"), encoding="utf-8")
        return path
    path = tmp_path / "gbk.txt"
    path.write_bytes(SEED.encode("gbk"))
    return path


@pytest.mark.parametrize("kind", ["docx", "pdf", "html", "gbk"])
def test_parse_good_file(tmp_path: Path, kind: str) -> None:
    path = _make(tmp_path, kind)
    result = _run(str(path), "--format", "json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert isinstance(doc, dict)
    assert doc["schema"] == "taizhang.document/1"
    assert doc["source"] == path.name
    codes = [w["code"] for w in doc["warnings"]]
    assert ("encoding_guessed" in codes) == (kind == "gbk")


@pytest.mark.parametrize(("content", "name", "message"), [
    pytest.param(None, "missing.txt", "文件不存在", id="missing"),
    pytest.param(b"", "empty.txt", "文件是空的", id="empty"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "scan.png", "图片已损坏", id="image"),
    pytest.param(b"%PDF-1.4\nnot really", "bad.pdf", "PDF", id="corrupt_pdf"),
    pytest.param("正文".encode() + b"\xff\xfe\x80" * 30 + b"x", "odd.txt", "无法识别文件编码", id="undecodable"),
])
def test_parse_bad_file(tmp_path: Path, content: bytes | None, name: str, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = _run(str(path), "--format", "json")
    assert result.returncode == 2
    assert message in result.stderr
    assert "错误：" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_parse_directory(tmp_path: Path) -> None:
    result = _run(str(tmp_path))
    assert result.returncode == 2
    assert "这是一个目录" in result.stderr


def test_several_files_one_bad(tmp_path: Path) -> None:
    good = [_make(tmp_path, "docx"), _make(tmp_path, "html")]
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    result = _run(str(good[0]), str(bad), str(good[1]), "--format", "json")
    assert result.returncode != 0
    docs = json.loads(result.stdout)
    assert [d["source"] for d in docs] == [p.name for p in good]
    assert "empty.txt" in result.stderr and "文件是空的" in result.stderr


def test_encoding_option(tmp_path: Path) -> None:
    path = _make(tmp_path, "gbk")
    result = _run(str(path), "--encoding", "gbk")
    assert result.returncode == 0, result.stderr
    codes = [w["code"] for w in json.loads(result.stdout)["warnings"]]
    assert "encoding_guessed" not in codes
