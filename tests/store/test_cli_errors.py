"""Bad input through the CLI: a Chinese message, a non-zero exit code, nothing written."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import snapshot
from .ledger_samples import shenyang
from taizhang.cli import main
from taizhang.store import Ledger


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    try:
        code = main(list(args))
    except SystemExit as stop:
        code = stop.code
    return int(code or 0), capsys.readouterr().err


@pytest.fixture
def ready(db_url: str) -> tuple[str, int]:
    with Ledger(db_url) as ledger:
        ledger.ingest(shenyang(), actor="cli:督查室")
        item = ledger.list_items()[0]
        ledger.report(item.id, unit="市发展改革委", actor="x", today=item.start, percent=10)
        return db_url, item.id


@pytest.mark.parametrize(("args", "code", "message"), [
    pytest.param(["tasks", "--unit", "市不存在局", "--jurisdiction", "沈阳市"], 3, "没有名为“市不存在局”",
                 id="unknown_unit_listing"),
    pytest.param(["report", "{item}", "--unit", "市不存在局", "--percent", "5"], 3, "没有名为",
                 id="unknown_unit_report"),
    pytest.param(["report", "99999", "--unit", "市发展改革委"], 3, "没有编号为 99999 的任务",
                 id="unknown_task"),
    pytest.param(["status", "{item}", "完成了"], 2, "状态“完成了”无法识别", id="unknown_status"),
    pytest.param(["tasks", "--status", "办完"], 2, "可用：待签收", id="unknown_status_filter"),
    pytest.param(["status", "{item}", "已销号"], 3, "不允许把状态从“推进中”改为“已销号”",
                 id="illegal_transition"),
    pytest.param(["status", "{item}", "暂缓", "--unit", "市发展改革委"], 3, "只能由督查室",
                 id="unit_cannot_suspend"),
    pytest.param(["report", "{item}", "--unit", "市发展改革委", "--percent", "50", "--version", "1"],
                 3, "已被他人修改", id="stale_edit"),
    pytest.param(["report", "{item}", "--unit", "市发展改革委", "--percent", "150"], 2, "0 到 100",
                 id="percent_out_of_range"),
    pytest.param(["report", "{item}", "--unit", "市发展改革委", "--evidence", "/nonexistent.pdf"],
                 2, "佐证材料文件不存在", id="missing_evidence"),
    pytest.param(["tasks", "--today", "2026-13-01"], 2, "不是日期", id="bad_date"),
    pytest.param(["duban", "answer", "督办〔2026〕9号", "--unit", "市发展改革委", "--text", "x"], 3,
                 "没有督办通知", id="unknown_notice"),
    pytest.param(["publish", "沈政办发〔2018〕78号"], 3, "已经发布", id="publish_twice"),
])
def test_refused_without_writing(capsys: pytest.CaptureFixture[str], ready: tuple[str, int],
                                 args: list[str], code: int, message: str) -> None:
    url, item = ready
    before = snapshot(url)
    got, err = _run(capsys, *[a.replace("{item}", str(item)) for a in args], "--db", url)
    assert (got, message in err, err.startswith("错误：")) == (code, True, True), err
    assert snapshot(url) == before


@pytest.mark.parametrize(("url", "message"), [
    pytest.param("foo://nowhere", "不支持的数据库", id="unsupported_scheme"),
    pytest.param("not a url at all", "无法识别", id="garbage"),
    pytest.param("sqlite:////nonexistent-dir/x.db", "目录不存在", id="missing_folder"),
])
def test_bad_database_urls(capsys: pytest.CaptureFixture[str], url: str, message: str) -> None:
    code, err = _run(capsys, "tasks", "--db", url)
    assert code == 4 and message in err, err


def test_corrupt_sqlite_file_untouched(tmp_path: Path) -> None:
    """As a whole process: the entry point exits 4 and leaves the file as it was."""
    bad = tmp_path / "corrupt.db"
    bad.write_bytes(b"this is not a database\n" * 100)
    exe = Path(sys.executable).with_name("taizhang")
    out = subprocess.run([str(exe), "tasks", "--db", f"sqlite:///{bad}"], capture_output=True,
                         text=True, cwd=tmp_path)
    assert out.returncode == 4
    assert "不是有效的 SQLite 数据库" in out.stderr
    assert bad.read_bytes() == b"this is not a database\n" * 100


def test_foreign_sqlite_database_refused(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    code, err = _run(capsys, "tasks", "--db", f"sqlite:///{other}")
    assert code == 4 and "不是台账数据库" in err


def test_missing_postgres_driver_names_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    from taizhang.errors import StorageError
    from taizhang.store.engine import open_engine

    real_import = builtins.__import__

    def no_psycopg(name: str, *args: object, **kwargs: object) -> object:
        if name == "psycopg":
            raise ImportError("No module named 'psycopg'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_psycopg)
    with pytest.raises(StorageError) as err:
        open_engine("postgresql://postgres@127.0.0.1/x")
    assert err.value.exit_code == 4 and "pip install 'taizhang[postgres]'" in str(err.value)
