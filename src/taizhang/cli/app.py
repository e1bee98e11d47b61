"""The click group behind every command but the fast ``parse`` path."""
from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

from taizhang.cli import COMMANDS
from taizhang.cli.i18n import install_click, localize

install_click()  # before the decorators below: click reads some of its messages as they run


def _available(name: str) -> bool:
    module = COMMANDS[name].split(":")[0]
    return importlib.util.find_spec(f"taizhang.cli.{module}") is not None


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _available(name)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _available(name):
            return None
        module, attr = COMMANDS[name].split(":")
        command: click.Command = getattr(importlib.import_module(f"taizhang.cli.{module}"), attr)
        return localize(command)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="taizhang", message="taizhang %(version)s")
def group() -> None:
    """台账：把政策文件变成任务台账，并跟踪到办结。

    \b
    退出码：0 成功；1 其他错误；2 输入有误（参数、文件、表格）；
            3 台账拒绝（找不到、无权限、状态不允许、已被他人修改）；4 数据库无法打开或不存在。
    详见 docs/cli.md。
    """


localize(group)


@click.command("parse", add_help_option=False,
               context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def parse_command(args: tuple[str, ...]) -> int:
    """解析政策文件，输出文件信息和任务（牵头/配合单位、时限、目标）。"""
    from taizhang.cli.parse_cmd import run

    return run(list(args))


def run_group(args: list[str]) -> Any:
    try:
        return group.main(args=args, prog_name="taizhang", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        sys.exit(130)
    except click.ClickException as err:
        show_error(err)
        sys.exit(err.exit_code)


def show_error(err: click.ClickException) -> None:
    """A usage error as click shows it (usage line, where to find help, the message), with the
    message in Chinese punctuation: click adds a final “.” to some messages after translation."""
    ctx = getattr(err, "ctx", None)
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = f"用“{ctx.command_path} --help”查看帮助。\n"
        click.echo(f"{ctx.get_usage()}\n{hint}", err=True)
    message = err.format_message().replace("。 ", "。")
    if message.endswith("."):
        message = message[:-1] + "。"
    click.echo(f"错误：{message}", err=True)
