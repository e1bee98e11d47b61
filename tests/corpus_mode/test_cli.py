"""Every ``taizhang corpus`` subcommand has Chinese help; the heavy libraries load only on use."""
from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner

from taizhang.cli.corpus_cmd import corpus


@pytest.mark.parametrize("name", sorted(corpus.commands))
def test_subcommand_help(name: str) -> None:
    result = CliRunner().invoke(corpus, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.output)


def test_help_loads_no_engine() -> None:
    code = ("import sys; from taizhang.cli import main; "
            "import contextlib, io\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try: main(['corpus', '--help'])\n"
            "    except SystemExit: pass\n"
            "print(sorted(m for m in ('dask', 'distributed', 'duckdb', 'pyarrow', 'datasketch') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
