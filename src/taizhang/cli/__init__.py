"""The ``taizhang`` command group.

Commands live in sibling modules and are imported only when called, so ``taizhang parse`` does
not pay for SQLAlchemy, FastAPI or openpyxl. Every TaizhangError becomes a Chinese message on
stderr and the error's exit code.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

# command name → "module:attribute" (relative to taizhang.cli); order is the help order
COMMANDS: dict[str, str] = {
    "parse": "parse_cmd:parse",
    "demo": "demo_cmd:demo",
    "ingest": "ledger_cmd:ingest",
    "publish": "ledger_cmd:publish",
    "documents": "ledger_cmd:documents",
    "tasks": "ledger_cmd:tasks",
    "report": "ledger_cmd:report",
    "status": "ledger_cmd:status",
    "duban": "ledger_cmd:duban",
    "units": "ledger_cmd:units",
    "history": "ledger_cmd:history",
    "stats": "ledger_cmd:stats",
    "export": "export_cmd:export",
    "import-progress": "export_cmd:import_progress",
    "import-sheet": "export_cmd:import_sheet",
    "serve": "web_cmd:serve",
    "users": "web_cmd:users",
    "chain": "analysis_cmd:chain",
    "similar": "analysis_cmd:similar",
    "adoption": "analysis_cmd:adoption",
    "links": "analysis_cmd:links",
    "network": "analysis_cmd:network",
    "load": "analysis_cmd:load",
    "topics": "analysis_cmd:topics",
}


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
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="taizhang", message="taizhang %(version)s")
def group() -> None:
    """台账：把政策文件变成任务台账，并跟踪到办结。"""


def main(argv: list[str] | None = None) -> Any:
    from taizhang.errors import TaizhangError

    try:
        return group.main(args=argv, prog_name="taizhang", standalone_mode=False)
    except TaizhangError as err:
        click.echo(f"错误：{err}", err=True)
        sys.exit(err.exit_code)
    except click.exceptions.Abort:
        click.echo("已取消。", err=True)
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except BrokenPipeError:
        sys.exit(0)
