"""Every command has Chinese help and exits 0 on --help."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from taizhang.cli import COMMANDS, group


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_has_help(name: str) -> None:
    result = CliRunner().invoke(group, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.output), result.output
