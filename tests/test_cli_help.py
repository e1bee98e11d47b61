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


def _subcommands() -> list[tuple[str, ...]]:
    """Every command of every group below the top level (taizhang projects blocker raise …)."""
    import click

    out: list[tuple[str, ...]] = []

    def walk(path: tuple[str, ...], command: click.Command) -> None:
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                out.append(path + (name,))
                walk(path + (name,), sub)

    for name in COMMANDS:
        command = group.get_command(None, name)  # type: ignore[arg-type]
        if isinstance(command, click.Group):
            walk((name,), command)
    return out


@pytest.mark.parametrize("path", _subcommands(), ids=" ".join)
def test_every_subcommand_has_chinese_help(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(group, [*path, "--help"])
    assert result.exit_code == 0, result.output
    usage, _, rest = result.output.partition("\n\n")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in rest.split("Options:")[0]), result.output
