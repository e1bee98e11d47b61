"""``taizhang parse FILE...``: print the structured document(s).

A plain argparse front (the command needs nothing of the click group or the ledger), its own
words in Chinese through cli/i18n.py like every other command's.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from typing import Any, NoReturn

from taizhang.errors import TaizhangError

FORMATS = ("json", "table", "md", "csv")


def parse_options(argv: list[str]) -> argparse.Namespace:
    return _parser().parse_args(argv)


def _parser() -> argparse.ArgumentParser:
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
        description="解析政策文件（txt、docx、doc、wps、pdf、ofd、html、eml；扫描的图片和没有文字层的 PDF 页做文字识别），输出文件信息和任务：牵头/配合单位、责任领导、时限、目标。",
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
    """argparse's formatter at the terminal's width, with the Chinese colon after its section
    headings."""

    class Formatter(argparse.HelpFormatter):
        def format_help(self) -> str:
            text = super().format_help()
            for heading in ("参数", "选项"):
                text = text.replace(f"\n{heading}:\n", f"\n{heading}：\n")
            return text

    width = int(os.environ.get("COLUMNS", "0")) or shutil.get_terminal_size().columns
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
        found = [render.explain_json(d) for d in docs]
        out.write(json.dumps(found if many else found[0], ensure_ascii=False) + "\n" if found else "")
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
    easy to grep and diff."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    fields = []
    for key, value in doc.items():
        if isinstance(value, list) and value:
            rows = f",\n{indent}    ".join(encode(v) for v in value)
            fields.append(f"{indent}  {encode(key)}: [\n{indent}    {rows}\n{indent}  ]")
        else:
            fields.append(f"{indent}  {encode(key)}: {encode(value)}")
    return f"{indent}{{\n" + ",\n".join(fields) + f"\n{indent}}}"
