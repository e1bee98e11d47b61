"""The pure core and the writers are typed strictly (STYLE: mypy strict on parse, ledger, exports,
and the project register's domain, projects)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_strict_on_parse_ledger_exports_projects() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-error-summary",
         "src/taizhang/parse", "src/taizhang/ledger", "src/taizhang/exports",
         "src/taizhang/projects"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
