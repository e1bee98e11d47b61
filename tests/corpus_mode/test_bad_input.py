"""Bad input to ``taizhang corpus build``: a Chinese message, a non-zero exit, DIR untouched."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from taizhang.corpus.generate import generate

from .conftest import free_port, run_taizhang, snapshot


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("few")
    generate(root / "docs", 3, seed=2)
    generate(root / "more", 2, seed=3)  # new work, so that a build has to reach the scheduler
    (root / "坏的.zip").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    (root / "坏的.tar.gz").write_bytes(b"\x1f\x8b\x08 not gzip data at all")
    return root


@pytest.fixture(scope="module")
def existing(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A finished corpus that the failed builds below must leave exactly as it is."""
    out = tmp_path_factory.mktemp("existing") / "语料"
    done = run_taizhang("corpus", "build", str(folder / "docs"), "--out", str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    return out


def _cases(folder: Path) -> list[tuple[list[str], int, str]]:
    dead = f"tcp://127.0.0.1:{free_port()}"  # nothing listens there
    return [
        ([str(folder / "坏的.zip")], 2, "无法打开压缩包"),
        ([str(folder / "坏的.tar.gz")], 2, "无法打开压缩包"),
        ([str(folder / "docs"), str(folder / "没有这个目录")], 2, "路径不存在"),
        ([f"@{folder / '没有的清单.txt'}"], 2, "清单文件不存在"),
        ([str(folder / "docs"), str(folder / "more"), "--scheduler", dead, "--connect-timeout", "1"],
         6, "无法连接 Dask 调度器"),
    ]


CASE_IDS = ["broken_zip", "broken_tar", "missing_path", "missing_list", "dead_scheduler"]


@pytest.mark.parametrize("case", range(5), ids=CASE_IDS)
def test_nothing_written_to_a_new_dir(case: int, folder: Path, tmp_path: Path) -> None:
    args, code, message = _cases(folder)[case]
    out = tmp_path / "新语料"
    done = run_taizhang("corpus", "build", *args, "--out", str(out))
    assert done.returncode == code, done.stderr
    assert message in done.stderr and done.stderr.startswith("错误：")
    assert "Traceback" not in done.stderr
    assert not out.exists()


@pytest.mark.parametrize("case", range(5), ids=CASE_IDS)
def test_an_existing_corpus_is_left_as_it_was(case: int, folder: Path, existing: Path) -> None:
    args, code, message = _cases(folder)[case]
    before = snapshot(existing)
    done = run_taizhang("corpus", "build", *args, "--out", str(existing))
    assert done.returncode == code and message in done.stderr, done.stderr
    assert snapshot(existing) == before


def test_a_broken_archive_inside_a_folder_is_one_bad_document(folder: Path, tmp_path: Path) -> None:
    """Named on the command line it stops the build; found in a folder it is a failures row."""
    out = tmp_path / "语料"
    done = run_taizhang("corpus", "build", str(folder), "--out", str(out), "--workers", "1")
    assert done.returncode == 0, done.stderr
    assert "新解析 5 份，失败 2 份" in done.stdout
    rows = run_taizhang("corpus", "query", str(out), "SELECT name, reason FROM failures ORDER BY name",
                        "--format", "csv", "--no-bom")
    assert rows.stdout.splitlines() == ["name,reason", "坏的.tar.gz,unreadable", "坏的.zip,unreadable"]


@pytest.mark.parametrize(("target", "message"), [
    pytest.param("file", "已存在同名文件", id="a_file"),
    pytest.param("folder", "目录不是空的，也不是语料库", id="someone_elses_folder"),
])
def test_out_must_be_a_corpus_or_new(target: str, message: str, folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "别人的"
    if target == "file":
        out.write_text("x")
    else:
        out.mkdir()
        (out / "笔记.txt").write_text("重要", "utf-8")
    before = snapshot(tmp_path)
    done = run_taizhang("corpus", "build", str(folder / "docs"), "--out", str(out), "--workers", "1")
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize(("args", "message"), [
    pytest.param(["SELECT * FROM nothing_here"], "查询出错", id="unknown_table"),
    pytest.param(["SELECT 1; SELECT 2"], "只能是一条 SQL 语句", id="two_statements"),
    pytest.param(["SELEKT 1"], "语法错误", id="syntax"),
    pytest.param(["SELECT 1", "--out", "结果.txt"], "扩展名不是 .csv、.json、.xlsx 或 .md", id="unknown_out"),
])
def test_query_errors_are_chinese(args: list[str], message: str, existing: Path) -> None:
    done = run_taizhang("corpus", "query", str(existing), *args)
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_query_of_a_folder_that_is_no_corpus(tmp_path: Path) -> None:
    done = run_taizhang("corpus", "query", str(tmp_path), "SELECT 1")
    assert done.returncode == 2 and "不是已完成的语料库" in done.stderr


def test_sources_required(tmp_path: Path) -> Any:
    done = run_taizhang("corpus", "build", "--out", str(tmp_path / "x"))
    assert done.returncode == 2 and "没有给出来源" in done.stderr
    assert not (tmp_path / "x").exists()
