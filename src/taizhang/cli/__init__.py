"""The ``taizhang`` command.

Commands live in sibling modules and are imported only when called. ``taizhang parse`` — the
command run most, often in scripts over many files — does not even load click: it has its own
argparse front (``parse_cmd``), so it starts about as fast as Python itself. Every other command
goes through the click group in ``app``. Every TaizhangError becomes a Chinese message on stderr
and the error's exit code.
"""
from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing: see taizhang.parse.record
if TYPE_CHECKING:
    from typing import Any

# command name → "module:attribute" (relative to taizhang.cli); order is the help order
COMMANDS: dict[str, str] = {
    "parse": "app:parse_command",
    "demo": "demo_cmd:demo",
    "ingest": "ledger_cmd:ingest",
    "publish": "ledger_cmd:publish",
    "documents": "ledger_cmd:documents",
    "tasks": "ledger_cmd:tasks",
    "report": "progress_cmd:report",
    "status": "progress_cmd:status",
    "duban": "progress_cmd:duban",
    "units": "units_cmd:units",
    "history": "units_cmd:history",
    "stats": "units_cmd:stats",
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
    "projects": "projects_cmd:projects",
}


def __getattr__(name: str) -> Any:
    if name == "group":  # the click group, built on first use
        from taizhang.cli.app import group

        return group
    raise AttributeError(name)


def entry() -> None:
    """The console script: ``main`` in a process that ends as soon as it is done.

    ``taizhang parse`` on one file (the call scripts repeat over many files) leaves through
    ``os._exit`` once its output is flushed, with the cyclic garbage collector off: a one-shot
    process gains nothing from collecting, or from tearing down every module and object one by
    one, which together took ≈ 7 ms of a ≈ 45 ms run. Other commands exit normally: their
    libraries (SQLAlchemy, uvicorn) may rely on exit handlers.
    """
    args = sys.argv[1:]
    if args[:1] != ["parse"]:
        sys.exit(main(args))
    from taizhang.cli.parse_cmd import read_options

    opts = read_options(args[1:])
    if opts is None or len(opts.files) > 1:  # help, a usage error, or many files
        sys.exit(main(args))
    import gc
    import os

    gc.disable()
    try:
        code = main(args)
    except SystemExit as stop:
        code = stop.code
    if code is not None and not isinstance(code, int):  # sys.exit("message")
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away (| head): nothing left to say
        pass
    os._exit(code or 0)


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
