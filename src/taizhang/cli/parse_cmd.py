"""``taizhang parse FILE...``: print the structured document(s)."""
from __future__ import annotations

import json
import sys

import click

from taizhang.errors import TaizhangError


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(["json", "table", "md", "csv"]), default="json",
              show_default=True, help="输出格式：json（合同格式）、table（终端表格）、md、csv")
@click.option("--explain", is_flag=True, help="逐项说明每个字段由哪条规则、在原文哪个位置得出")
@click.option("--encoding", default=None, help="指定文本编码（默认自动识别）")
def parse(files: tuple[str, ...], fmt: str, explain: bool, encoding: str | None) -> int:
    """解析政策文件，输出文件信息和任务（牵头/配合单位、时限、目标）。"""
    from taizhang.parse import parse as parse_text
    from taizhang.readers import read_path
    from taizhang.cli import render

    docs = []
    failed = 0
    for name in files:
        try:
            read = read_path(name, encoding=encoding)
        except TaizhangError as err:
            click.echo(f"错误：{err}", err=True)
            failed += 1
            continue
        doc = parse_text(read.text, source=read.source)
        if read.warnings:
            doc = render.with_read_warnings(doc, read.warnings)
        docs.append(doc)

    out = sys.stdout
    if explain:
        for doc in docs:
            out.write(render.explain(doc))
    elif fmt == "json":
        payload = [d.to_dict() for d in docs]
        obj = payload[0] if len(files) == 1 and payload else payload
        if docs or len(files) > 1:
            out.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
    elif fmt == "table":
        for doc in docs:
            out.write(render.table(doc))
    elif fmt == "md":
        for doc in docs:
            out.write(render.markdown(doc))
    else:
        out.write(render.csv_text(docs))
    if failed:
        click.echo(f"{failed} 个文件未能解析，{len(docs)} 个成功。", err=True)
        return 2
    return 0
