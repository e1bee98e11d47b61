"""The ``taizhang`` command.

Commands live in sibling modules and are imported only when called, so a command loads only
what it uses. Every TaizhangError becomes a Chinese message on stderr and the error's exit code.
"""
from __future__ import annotations

import sys
from typing import Any

# command name → "module:attribute" (relative to taizhang.cli); order is the help order
COMMANDS: dict[str, str] = {
    "parse": "app:parse_command",
    "evaluate": "evaluate_cmd:evaluate",
    "demo": "demo_cmd:demo",
    "init": "ledger_cmd:init",
    "ingest": "ledger_cmd:ingest",
    "publish": "ledger_cmd:publish",
    "documents": "ledger_cmd:documents",
    "jurisdictions": "jurisdictions_cmd:jurisdictions",
    "tasks": "ledger_cmd:tasks",
    "report": "progress_cmd:report",
    "status": "progress_cmd:status",
    "duban": "progress_cmd:duban",
    "remind": "remind_cmd:remind",
    "contacts": "remind_cmd:contacts",
    "units": "units_cmd:units",
    "history": "units_cmd:history",
    "stats": "units_cmd:stats",
    "export": "export_cmd:export",
    "import-progress": "export_cmd:import_progress",
    "import-sheet": "export_cmd:import_sheet",
    "serve": "web_cmd:serve",
    "users": "web_cmd:users",
    "backup": "ops_cmd:backup",
    "restore": "ops_cmd:restore",
    "chain": "analysis_cmd:chain",
    "similar": "analysis_cmd:similar",
    "adoption": "analysis_cmd:adoption",
    "links": "analysis_cmd:links",
    "network": "analysis_cmd:network",
    "load": "analysis_cmd:load",
    "topics": "analysis_cmd:topics",
    "corpus": "corpus_cmd:corpus",
    "projects": "projects_cmd:projects",
}


def __getattr__(name: str) -> Any:
    if name == "group":  # the click group, built on first use
        from taizhang.cli.app import group

        return group
    raise AttributeError(name)


def entry() -> None:
    """The console script."""
    sys.exit(main(sys.argv[1:]))


def main(argv: list[str] | None = None) -> Any:
    from taizhang.errors import TaizhangError

    args = sys.argv[1:] if argv is None else argv
    try:
        if args[:1] == ["parse"]:
            from taizhang.cli.parse_cmd import run

            return run(args[1:])
        from taizhang.cli.app import run_group

        return run_group(args)
    except TaizhangError as err:
        print(f"错误：{err}", file=sys.stderr)
        sys.exit(err.exit_code)
    except BrokenPipeError:
        sys.exit(0)
