"""Ledger commands: ingest, publish, documents, tasks.

A thin layer over :class:`taizhang.store.Ledger`: parse options, call one method, print a table
or JSON (helpers in :mod:`taizhang.cli.ledger_common`).
"""
from __future__ import annotations

from contextlib import closing
from typing import Any

import click

from taizhang.cli.ledger_common import (
    OFFICE_ACTOR, db_option, enum_value, format_option, no_gc, open_ledger, open_reader_or_none,
    parse_date, print_items, print_json, resolve_today, today_option,
)
from taizhang.cli.ledger_table import table
from taizhang.errors import StorageError


# ingest, publish, documents -------------------------------------------------------------------

@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--jurisdiction", default=None, help="单位所属地区（文中没有发文机关时必填），如 沈阳市")
@click.option("--draft", is_flag=True, help="作为草稿导入，审核后用 taizhang publish 发布")
@click.option("--encoding", default=None, help="指定文本编码（默认自动识别）")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="文件较多时并行解析的进程数（默认按 CPU 核数，最多 4；1 表示不另起进程）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
@format_option
def ingest(files: tuple[str, ...], jurisdiction: str | None, draft: bool, encoding: str | None,
           workers: int | None, actor: str, db: str | None, fmt: str) -> int:
    """解析并导入政策文件：每个文件一个事务；重复导入不做修改，同一文号的修订稿成为新版本。"""
    from taizhang.cli.ingest_pool import parsed
    from taizhang.errors import TaizhangError

    results, failed = [], 0
    # many files: parsed by worker processes while this one stores
    with closing(parsed(files, encoding, workers)) as stream, open_ledger(db) as ledger:
        for name, doc, problem in stream:
            try:
                if problem is None:
                    result = ledger.ingest(doc, actor=actor, jurisdiction=jurisdiction,
                                           draft=draft)
            except TaizhangError as err:
                if isinstance(err, StorageError):
                    raise
                problem = str(err)
            if problem is not None:
                click.echo(f"错误：{name}：{problem}", err=True)
                failed += 1
                continue
            results.append(result)
            if fmt == "table":
                click.echo(_ingest_line(name, result))
        ledger.refresh_search_index()  # once for the batch, not once per document
    if fmt == "json":
        print_json([r.to_dict() for r in results])
    if failed:
        click.echo(f"{failed} 个文件未导入，{len(results)} 个成功。", err=True)
        return 2
    return 0


def _ingest_line(name: str, result: Any) -> str:
    d = result.document
    title = f"《{d.title or d.source}》"
    if result.outcome == "unchanged":
        return f"未变化：{name} 与已导入的文件 {d.id}{title}第 {d.version} 版相同，未做任何修改"
    state = "（草稿，待发布）" if d.state.value == "draft" else ""
    if result.outcome == "new_version":
        return (f"新版本：{name} → 文件 {d.id}{title}第 {d.version} 版{state}：沿用 {result.matched} 项"
                f"（保留进展和留痕），新增 {result.added} 项，上一版有 {result.dropped} 项未再出现")
    return f"已导入：{name} → 文件 {d.id}{title}（{d.jurisdiction}）{state}：{result.added} 项任务"


@click.command()
@click.argument("document")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def publish(document: str, actor: str, db: str | None) -> int:
    """发布草稿文件（编号、发文字号或文件名），其任务进入台账。"""
    with open_ledger(db) as ledger:
        d = ledger.publish(document, actor=actor)
    click.echo(f"已发布：文件 {d.id}《{d.title or d.source}》，{d.item_count} 项任务进入台账")
    return 0


@click.command()
@click.option("--state", type=click.Choice(["draft", "published"]), default=None, help="只列草稿或已发布")
@click.option("--jurisdiction", default=None, help="只列这个地区的文件")
@click.option("--all-versions", is_flag=True, help="也列出被新版本取代的旧版本")
@db_option
@format_option
def documents(state: str | None, jurisdiction: str | None, all_versions: bool, db: str | None,
              fmt: str) -> int:
    """列出已导入的文件。"""
    from taizhang.ledger.model import DocState

    options = dict(state=DocState(state) if state else None, jurisdiction=jurisdiction,
                   all_versions=all_versions)
    with open_reader_or_none(db) as reader:
        found = reader.list_documents(**options) if reader is not None else None
    if found is None:
        with open_ledger(db) as ledger:
            found = ledger.list_documents(**options)
    if fmt == "json":
        print_json([d.to_dict() for d in found])
        return 0
    cols = [("编号", 5), ("版本", 5), ("状态", 7), ("地区", 8), ("发文字号", 22), ("成文日期", 11),
            ("任务", 5), ("标题", 50)]
    rows = [[str(d.id), f"第{d.version}版", d.state.label, d.jurisdiction, d.doc_number or "—",
             d.issued_on.isoformat() if d.issued_on else "—", str(d.item_count),
             d.title or d.source] for d in found]
    table(cols, rows, f"共 {len(found)} 个文件")
    return 0


# tasks, report, status ------------------------------------------------------------------------

@click.command()
@click.option("--unit", default=None, help="只列这个单位（名称或别名）的任务")
@click.option("--role", type=click.Choice(["any", "lead", "support"]), default="any",
              show_default=True, help="与 --unit 连用：牵头(lead)、配合(support)或都算")
@click.option("--jurisdiction", default=None, help="地区，如 沈阳市（单位重名时必填）")
@click.option("--document", default=None, help="只列这个文件（编号、发文字号或文件名）的任务")
@click.option("--status", "statuses", multiple=True, help="状态，可多次给出：待签收、推进中、已完成…")
@click.option("--light", default=None, help="只列这种灯：green/yellow/red 或 绿/黄/红")
@click.option("--due-before", default=None, metavar="YYYY-MM-DD", help="时限不晚于这一天")
@click.option("--due-after", default=None, metavar="YYYY-MM-DD", help="时限不早于这一天")
@click.option("--overdue", is_flag=True, help="只列已超期未完成的任务")
@click.option("--search", "query", default=None, help="按任务文字全文检索")
@click.option("--drafts", is_flag=True, help="也列出草稿文件中的任务")
@click.option("--limit", type=int, default=None, help="最多列出多少项")
@today_option
@db_option
@format_option
def tasks(unit: str | None, role: str, jurisdiction: str | None, document: str | None,
          statuses: tuple[str, ...], light: str | None, due_before: str | None,
          due_after: str | None, overdue: bool, query: str | None, drafts: bool,
          limit: int | None, today: str | None, db: str | None, fmt: str) -> int:
    """列出台账中的任务（带亮灯），可按单位、文件、状态、灯色、时限、超期筛选。"""
    from taizhang.ledger.model import Light, Status

    day = resolve_today(today)
    status = [enum_value(Status, s, "状态") for s in statuses] or None
    options = dict(today=day, unit=unit, jurisdiction=jurisdiction, role=role,
                   document=document, status=status, light=enum_value(Light, light, "灯色"),
                   due_before=parse_date(due_before, "--due-before"),
                   due_after=parse_date(due_after, "--due-after"), overdue=overdue,
                   include_drafts=drafts, limit=limit)
    with no_gc():
        found = None
        if not query:  # full-text search stays with the Ledger (FTS5 there, ILIKE on PG)
            with open_reader_or_none(db) as reader:  # the table shows titles: texts are not read
                found = (reader.list_items(**options, texts=fmt == "json")
                         if reader is not None else None)
        if found is None:
            with open_ledger(db) as ledger:
                found = (ledger.search(query, limit=limit or 200, today=day) if query
                         else ledger.list_items(**options))
        print_items(found, fmt)
    return 0
