"""``taizhang parse FILE...``: print the structured document(s).

A plain argparse front: the command needs nothing of the click group or the ledger's machinery.
"""
from __future__ import annotations

import argparse
import json
import sys

from taizhang.errors import TaizhangError

FORMATS = ("json", "table", "md", "csv")


def parse_options(argv: list[str]) -> argparse.Namespace:
    return _parser().parse_args(argv)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="taizhang parse",
        description="解析政策文件（txt/docx/pdf/html），输出文件信息和任务：牵头/配合单位、责任领导、时限、目标。",
        epilog="一个文件输出一个 JSON 对象，多个文件输出 JSON 数组；读不了的文件在标准错误中说明，退出码为 2。",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="要解析的文件")
    p.add_argument("--format", dest="fmt", choices=FORMATS, default="json",
                   help="输出格式：json（合同格式，默认）、table（终端表格）、md、csv")
    p.add_argument("--explain", action="store_true", help="逐项说明每个字段由哪条规则、在原文哪个位置得出")
    p.add_argument("--encoding", default=None, help="指定文本编码（默认自动识别）")
    return p


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

    out = sys.stdout
    if opts.explain or opts.fmt != "json":
        from taizhang.cli import render

        for doc in docs if opts.fmt != "csv" or opts.explain else []:
            out.write(render.explain(doc) if opts.explain else
                      render.table(doc) if opts.fmt == "table" else render.markdown(doc))
        if opts.fmt == "csv" and not opts.explain:
            out.write(render.csv_text(docs))
    else:
        payload = [document_json(d.to_dict(), "  " if len(opts.files) > 1 else "") for d in docs]
        if len(opts.files) > 1:
            out.write("[\n" + ",\n".join(payload) + "\n]\n" if payload else "[]\n")
        elif payload:
            out.write(payload[0] + "\n")
    if failed:
        print(f"{failed} 个文件未能解析，{len(docs)} 个成功。", file=sys.stderr)
        return 2
    return 0


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
