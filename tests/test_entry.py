"""The installed `taizhang` command: what `parse` prints reaches a pipe whole, exit codes are kept."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
SCRIPT = Path(sys.executable).parent / "taizhang"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    if not SCRIPT.exists():
        pytest.fail(f"{SCRIPT} is missing: install the project (bash scripts/test.sh does)")
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name[:3])
def test_the_whole_document_reaches_a_pipe(path: Path) -> None:
    done = run("parse", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["schema"] == "taizhang.document/1"  # complete, not cut off


def test_errors_keep_their_exit_codes(tmp_path: Path) -> None:
    missing = run("parse", str(tmp_path / "无.txt"))
    assert missing.returncode == 2 and "文件不存在" in missing.stderr and missing.stdout == ""
    bad_option = run("parse", str(SAMPLES[0]), "--format", "xml")
    assert bad_option.returncode == 2 and "不是可选值" in bad_option.stderr
    assert run("parse", "--help").returncode == 0


def test_several_files_and_other_commands_exit_normally(tmp_path: Path) -> None:
    both = run("parse", str(SAMPLES[0]), str(SAMPLES[1]), "--format", "json")
    assert both.returncode == 0 and len(json.loads(both.stdout)) == 2
    units = run("units", "--db", f"sqlite:///{tmp_path / 'x.db'}")  # no ledger, none made
    assert units.returncode == 4 and "taizhang init" in units.stderr
    assert not (tmp_path / "x.db").exists()
    assert run("init", "--db", f"sqlite:///{tmp_path / 'x.db'}").returncode == 0
    units = run("units", "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert units.returncode == 0 and "共 0 个单位" in units.stdout
