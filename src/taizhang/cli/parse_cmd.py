"""``taizhang parse FILE...``: print the structured document(s).

An argparse front rather than click: this command must start fast (see taizhang.cli). The usual
command line (files, ``--format X``, ``--encoding X``, ``--explain``) is read by a short loop;
anything else (``--help``, an unknown option, a bad value) goes to argparse, which says what is
wrong. Importing argparse, and the gettext and locale lookups its messages make, cost ≈ 3 ms.
"""
from __future__ import annotations

import os
import sys

from taizhang.errors import TaizhangError

TYPE_CHECKING = False  # see taizhang.parse.record
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from typing import Any, NoReturn

FORMATS = ("json", "table", "md", "csv")


class Options:
    """What the command line asks for (the fields argparse would fill in). ``fmt`` is None when
    no ``--format`` was given: JSON (the contract's output), or the text view with ``--explain``."""

    __slots__ = ("files", "fmt", "explain", "encoding", "no_bom")

    def __init__(self, files: list[str], fmt: str | None = None, explain: bool = False,
                 encoding: str | None = None, no_bom: bool = False) -> None:
        self.files, self.fmt, self.explain, self.encoding = files, fmt, explain, encoding
        self.no_bom = no_bom


def read_options(argv: list[str]) -> Options | None:
    """The usual command line read directly, or None when argparse must read it."""
    opts = Options([])
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition("=")
        if name in ("--format", "--encoding"):
            if not eq:
                if i + 1 >= len(argv):
                    return None
                i += 1
                value = argv[i]
            if name == "--encoding":
                opts.encoding = value
            elif value in FORMATS:
                opts.fmt = value
            else:
                return None
        elif arg == "--explain":
            opts.explain = True
        elif arg == "--no-bom":
            opts.no_bom = True
        elif arg.startswith("-"):
            return None  # --help, -h, --, an unknown or abbreviated option
        else:
            opts.files.append(arg)
        i += 1
    return opts if opts.files else None


def parse_options(argv: list[str]) -> Options | argparse.Namespace:
    return read_options(argv) or _parser().parse_args(argv)


def _parser() -> argparse.ArgumentParser:
    import argparse

    from taizhang.cli.i18n import install_argparse

    install_argparse()  # argparse's own words (用法、选项、错误) in Chinese

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            """A usage error in the form every other command uses; exit 2."""
            self.print_usage(sys.stderr)
            sys.stderr.write(f"用“{self.prog} --help”查看帮助。\n\n错误：{message}\n")
            sys.exit(2)

    p = Parser(
        prog="taizhang parse", formatter_class=_formatter,
        description="解析政策文件（txt/docx/pdf/html），输出文件信息和任务：牵头/配合单位、责任领导、时限、目标。",
        epilog="一个文件输出一个 JSON 对象，多个文件输出 JSON 数组；读不了的文件在标准错误中说明，"
               "其余文件照常输出，退出码为 2。--explain 默认输出文字说明，"
               "与 --format json/csv/md 连用时输出相应格式的依据清单。",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="要解析的文件")
    p.add_argument("--format", dest="fmt", choices=FORMATS, default=None,
                   help="输出格式：json（合同格式，默认）、table（终端表格）、md、csv（带 BOM，Excel 可直接打开）")
    p.add_argument("--explain", action="store_true", help="逐项说明每个字段由哪条规则、在原文哪个位置得出")
    p.add_argument("--encoding", default=None, metavar="ENCODING",
                   help="指定文本编码，如 gb18030（默认自动识别）")
    p.add_argument("--no-bom", dest="no_bom", action="store_true",
                   help="csv 不加 BOM（交给其他程序处理时用）")
    return p


def _formatter(prog: str) -> argparse.HelpFormatter:
    """argparse's formatter at the terminal's width, found without importing shutil (argparse
    would import it, with bz2, lzma and fnmatch, for every add_argument), with the Chinese
    colon after its section headings."""
    import argparse

    class Formatter(argparse.HelpFormatter):
        def format_help(self) -> str:
            text = super().format_help()
            for heading in ("参数", "选项"):
                text = text.replace(f"\n{heading}:\n", f"\n{heading}：\n")
            return text

    try:
        width = int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(sys.__stdout__.fileno()).columns
    except (AttributeError, ValueError, OSError):
        width = 80
    return Formatter(prog, width=max(width - 2, 40))


def run(argv: list[str]) -> int:
    opts = parse_options(argv)
    from taizhang.parse import parse as parse_text
    from taizhang.readers import read_path

    docs = []
    failed = 0
    for name in opts.files:
        try:
            read = read_path(name, encoding=opts.encoding)
        except TaizhangError as err:
            print(f"错误：{err}", file=sys.stderr)
            failed += 1
            continue
        doc = parse_text(read.text, source=read.source)
        if read.warnings:
            from taizhang.cli import render

            doc = render.with_read_warnings(doc, read.warnings)
        docs.append(doc)

    _write(docs, opts, many=len(opts.files) > 1)
    _keep_compiled_patterns()
    if failed:
        print(f"{failed} 个文件未能解析，{len(docs)} 个成功。", file=sys.stderr)
        return 2
    return 0


def _write(docs: list[Any], opts: Any, *, many: bool) -> None:
    """Print the documents in the asked format: JSON (the contract) by default; ``--explain``
    prints the evidence as text, or as JSON, CSV or Markdown rows with that ``--format``."""
    out = sys.stdout
    fmt = opts.fmt or ("table" if opts.explain else "json")
    if fmt == "json" and not opts.explain:
        payload = [document_json(d.to_dict(), "  " if many else "") for d in docs]
        if many:
            out.write("[\n" + ",\n".join(payload) + "\n]\n" if payload else "[]\n")
        elif payload:
            out.write(payload[0] + "\n")
        return
    from taizhang.cli import render

    if fmt == "json":  # --explain --format json
        encode = _encoder()
        found = [render.explain_json(d) for d in docs]
        out.write(encode(found if many else found[0]) + "\n" if found else "")
    elif fmt == "csv":
        text = render.explain_csv(docs) if opts.explain else render.csv_text(docs)
        out.write(text if opts.no_bom else "\ufeff" + text)  # the BOM: Excel then reads UTF-8
    else:
        show = {"table": render.explain if opts.explain else render.table,
                "md": render.explain_markdown if opts.explain else render.markdown}[fmt]
        for doc in docs:
            out.write(show(doc))


def document_json(doc: dict[str, object], indent: str = "") -> str:
    """The document as JSON with a line per field and a line per task, reference or warning:
    easy to grep and diff, and written by json's C encoder (``indent=2`` takes the pure-Python
    one, 3× slower on a long document)."""
    encode = _encoder()
    fields = []
    for key, value in doc.items():
        if isinstance(value, list) and value:
            rows = f",\n{indent}    ".join(encode(v) for v in value)
            fields.append(f"{indent}  {encode(key)}: [\n{indent}    {rows}\n{indent}  ]")
        else:
            fields.append(f"{indent}  {encode(key)}: {encode(value)}")
    return f"{indent}{{\n" + ",\n".join(fields) + f"\n{indent}}}"


def _encoder() -> Callable[[object], str]:
    """``json.JSONEncoder(ensure_ascii=False).encode`` without importing ``json``: the package
    imports ``re`` and compiles its patterns (≈ 2 ms of a 30 ms run) for the decoder we never use.
    The encoder is CPython's C one that ``json`` itself builds, with json's own arguments; any
    other Python, or a signature that moved, takes ``json``."""
    try:
        from _json import encode_basestring, make_encoder  # type: ignore[import-not-found]

        # markers, default, encoder, indent, key_separator, item_separator, sort_keys, skipkeys,
        # allow_nan: what JSONEncoder(ensure_ascii=False).iterencode passes
        chunks = make_encoder({}, _not_serializable, encode_basestring, None, ": ", ", ", False, False, True)
        if "".join(chunks({"a": [1, 2.5, None, True, "台账\n"]}, 0)) != '{"a": [1, 2.5, null, true, "台账\\n"]}':
            raise ValueError("unexpected output")
    except (ImportError, TypeError, ValueError):
        import json

        return json.JSONEncoder(ensure_ascii=False).encode
    return lambda value: "".join(chunks(value, 0))


def _not_serializable(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _keep_compiled_patterns() -> None:
    """Save the regular expressions this run compiled, as Python saves byte code (same switch)."""
    from taizhang.parse import rx

    if rx.stale() and not sys.dont_write_bytecode:
        from taizhang.cli.precompile import write

        write()
