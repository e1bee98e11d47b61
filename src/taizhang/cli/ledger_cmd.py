"""Ledger commands: init, ingest, publish, documents, tasks.

A thin layer over :class:`taizhang.store.Ledger`: parse options, call one method, print a table
or JSON (helpers in :mod:`taizhang.cli.ledger_common`). Only ``init`` and ``ingest`` (and
``demo``) may create a ledger; a first ingest that stores nothing leaves no database file.
"""
from __future__ import annotations

from contextlib import closing
from typing import Any

import click

from taizhang.cli.ledger_common import (
    OFFICE_ACTOR, check_place, chosen, db_option, enum_value, no_gc, open_ledger,
    open_reader_or_none, output_options, parse_date, print_items, resolve_today, today_option,
)
from taizhang.cli.output import Listing, emit
from taizhang.errors import StorageError
from taizhang.wording import display_title


# init -----------------------------------------------------------------------------------------

@click.command()
@db_option
@click.option("--allow-other-tables", is_flag=True,
              help="数据库里已有其他程序的表时，仍在其中建台账的表（与其他程序共用一个库）")
def init(db: str | None, allow_other_tables: bool) -> int:
    """新建台账数据库（SQLite 文件或已建好的 PostgreSQL 库）；已是台账的数据库只升级到最新版本。

    \b
    例：taizhang init --db sqlite:///台账.db
        taizhang init --db postgresql+psycopg://postgres@127.0.0.1/taizhang
    """
    from taizhang.config import Settings
    from taizhang.store.opening import missing_sqlite_file, shown

    url = Settings.from_env(db_url=db).db_url
    fresh = missing_sqlite_file(url) is not None
    with open_ledger(db, create=True, allow_other_tables=allow_other_tables) as ledger:
        documents = len(ledger.list_documents(all_versions=True))
    if fresh or not documents:
        click.echo(f"台账数据库已就绪：{shown(url)}。下一步：taizhang ingest 文件… --db {shown(url)}")
    else:
        click.echo(f"{shown(url)} 已是台账数据库（{documents} 个文件版本），已升级到最新版本，未做其他修改。")
    return 0


# ingest, publish, documents -------------------------------------------------------------------

@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--jurisdiction", default=None,
              help="文中看不出所属地区时使用的地区，如 沈阳市；发文机关、发文字号或正文能说明地区的文件仍按文件自身")
@click.option("--draft", is_flag=True, help="作为草稿导入，审核后用 taizhang publish 发布")
@click.option("--encoding", default=None, help="指定文本编码（默认自动识别）")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="文件较多时并行解析的进程数（默认按 CPU 核数，最多 4；1 表示不另起进程）")
@click.option("--progress/--no-progress", "bar", default=None,
              help="总显示进度条 / 不显示任何进度（默认：终端上显示进度条，输出到管道或文件时每完成一成打印一行进度）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
@output_options
def ingest(files: tuple[str, ...], jurisdiction: str | None, draft: bool, encoding: str | None,
           workers: int | None, bar: bool | None, actor: str, db: str | None, fmt: str,
           no_bom: bool, as_json: bool) -> int:
    """解析并导入政策文件（txt、docx、doc、wps、pdf、ofd、html、eml，扫描件做文字识别）：每个文件一个事务；重复导入不做修改，同一文号的修订稿成为新版本。

    所属地区按发文机关、发文字号的机关代字或正文中的地名判断（理由记入台账）；都看不出时用
    --jurisdiction，再没有则记为“未确定”并标记待核对（可用 taizhang jurisdictions 补正）。
    数据库不存在时新建；一个文件也没导入成功时不留下新建的数据库文件。最后一行汇总：
    读入、未变化跳过、需核对、拒绝各多少份。
    """
    from taizhang.cli.ingest_pool import parsed
    from taizhang.cli.ingest_progress import IngestProgress, IngestTally
    from taizhang.config import Settings
    from taizhang.errors import TaizhangError
    from taizhang.store.opening import discard_new_file, missing_sqlite_file

    fmt = chosen(fmt, as_json)
    fresh = missing_sqlite_file(Settings.from_env(db_url=db).db_url)
    results: list[tuple[str, Any]] = []
    tally = IngestTally()
    try:
        # many files: parsed by worker processes while this one stores
        with closing(parsed(files, encoding, workers)) as stream, \
                open_ledger(db, create=True) as ledger, \
                IngestProgress(len(files), bar=bar) as progress:
            _warn_new_place(ledger, jurisdiction)
            for name, read, problem in stream:
                try:
                    if read is not None:  # the PDF or scan's pages are kept for the review page
                        result = ledger.ingest(read.doc, actor=actor, jurisdiction=jurisdiction,
                                               draft=draft, source=read.source)
                except TaizhangError as err:
                    if isinstance(err, StorageError):
                        raise
                    problem = str(err)
                progress.step()
                if problem is not None:
                    click.echo(f"错误：{name}：{problem}", err=True)
                    tally.refused += 1
                    continue
                results.append((name, result))
                if len(results) % INDEX_EVERY == 0:
                    ledger.refresh_search_index()
                tally.add(name, result)
                if fmt == "table":
                    click.echo(_ingest_line(name, result))
                for warning in result.warnings:
                    click.echo(f"提示：{name}：{warning}", err=True)
            ledger.refresh_search_index()  # the last few
    finally:
        if fresh is not None and not results:
            discard_new_file(fresh)  # a first ingest that stored nothing leaves no file
    if fmt != "table":
        columns = [("文件", 30), ("结果", 8), ("编号", 5), ("版本", 5), ("标题", 40), ("地区", 8),
                   ("新增", 5), ("沿用", 5)]
        rows = [[name, _OUTCOMES.get(r.outcome, r.outcome), r.document.id, r.document.version,
                 display_title(r.document.title, r.document.doc_number), r.document.jurisdiction,
                 r.added, r.matched] for name, r in results]
        emit(Listing(columns, rows, [r.to_dict() for _, r in results]), fmt, no_bom=no_bom)
    click.echo(tally.summary(), err=True)
    if tally.undecided:
        click.echo(f"{len(tally.undecided)} 份文件所属地区未确定（记为“未确定”）：查看用 "
                   "taizhang jurisdictions，指定用 taizhang jurisdictions --document 编号 "
                   "--set 地区 --apply。", err=True)
    if tally.refused:
        click.echo(f"{tally.refused} 个文件未导入，{len(results)} 个成功。", err=True)
        return 2
    return 0


# the full-text index is brought up to date every so many documents, not once per document (one
# index segment per statement) nor only at the end: with parsing processes the storing process
# indexes while they parse the next files, instead of after all of them while they wait
INDEX_EVERY = 32

_OUTCOMES = {"new": "已导入", "unchanged": "未变化", "new_version": "新版本"}


def _warn_new_place(ledger: Any, jurisdiction: str | None) -> None:
    """A --jurisdiction the ledger has not seen that looks like one it has (沈阳 / 沈阳市): a
    new place is allowed (the first document of a place makes it), a typo should be seen."""
    if not jurisdiction:
        return
    from taizhang.ledger.names import closest

    known = ledger.jurisdictions()
    near = closest(jurisdiction, known) if jurisdiction not in known else []
    if near:
        click.echo(f"提示：地区“{jurisdiction}”在台账中还没有；已有相近的：{'、'.join(near)}。"
                   "如是笔误，请用 taizhang units 查看后重新导入。", err=True)


def _ingest_line(name: str, result: Any) -> str:
    d = result.document
    title = f"《{d.title}》" if d.title else (f"（{d.doc_number}）" if d.doc_number
                                             else display_title(None))
    if result.outcome == "unchanged" and result.pages_added:
        return (f"未变化：{name} 与已导入的文件 {d.id}{title}第 {d.version} 版相同；"
                f"补存了原件（{result.pages_added} 页），核对页可对照页面，其余未做修改")
    if result.outcome == "unchanged":
        return f"未变化：{name} 与已导入的文件 {d.id}{title}第 {d.version} 版相同，未做任何修改"
    state = "（草稿，待发布）" if d.state.value == "draft" else ""
    if result.outcome == "new_version":
        return (f"新版本：{name} → 文件 {d.id}{title}第 {d.version} 版{state}：沿用 {result.matched} 项"
                f"（保留进展和留痕），新增 {result.added} 项，上一版有 {result.dropped} 项未再出现")
    place = d.jurisdiction
    if "jurisdiction_inferred" in d.review_flags and d.jurisdiction_evidence:
        place += f"，推断：{d.jurisdiction_evidence[0]}"
    flagged = "".join(f"［{_FLAG_WORDS[f]}］" for f in d.review_flags if f in _FLAG_WORDS)
    return (f"已导入：{name} → 文件 {d.id}{title}（{place}）{state}：{result.added} 项任务"
            f"{flagged}")


_FLAG_WORDS = {"jurisdiction_undecided": "地区未确定，待核对", "untitled": "无标题，待核对",
               "title_inferred": "标题由正文推断，待核对",
               "title_from_page": "标题取自网页标题，待核对"}


@click.command()
@click.argument("document")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def publish(document: str, actor: str, db: str | None) -> int:
    """发布草稿文件（编号、发文字号或文件名），其任务进入台账。"""
    with open_ledger(db) as ledger:
        d = ledger.publish(document, actor=actor)
    click.echo(f"已发布：文件 {d.id}《{display_title(d.title, d.doc_number)}》，{d.item_count} 项任务进入台账")
    return 0


@click.command()
@click.option("--state", type=click.Choice(["draft", "published"]), default=None,
              help="只列草稿(draft)或已发布(published)")
@click.option("--jurisdiction", default=None, help="只列这个地区的文件")
@click.option("--all-versions", is_flag=True, help="也列出被新版本取代的旧版本")
@db_option
@output_options
def documents(state: str | None, jurisdiction: str | None, all_versions: bool, db: str | None,
              fmt: str, no_bom: bool, as_json: bool) -> int:
    """列出已导入的文件。"""
    from taizhang.ledger.model import DocState

    options = dict(state=DocState(state) if state else None, jurisdiction=jurisdiction,
                   all_versions=all_versions)
    with open_reader_or_none(db) as reader:
        if reader is not None:
            check_place(reader, jurisdiction)
            found = reader.list_documents(**options)
        else:
            found = None
    if found is None:
        with open_ledger(db) as ledger:
            check_place(ledger, jurisdiction)
            found = ledger.list_documents(**options)
    cols = [("编号", 5), ("版本", 5), ("状态", 7), ("地区", 8), ("发文字号", 22), ("成文日期", 11),
            ("任务", 5), ("标题", 50), ("来源文件", 30)]
    rows = [[str(d.id), f"第{d.version}版", d.state.label, d.jurisdiction, d.doc_number or "—",
             d.issued_on.isoformat() if d.issued_on else "—", str(d.item_count),
             display_title(d.title), d.source] for d in found]
    emit(Listing(cols, rows, [d.to_dict() for d in found], footer=f"共 {len(found)} 个文件"),
         chosen(fmt, as_json), no_bom=no_bom)
    return 0


# tasks, report, status ------------------------------------------------------------------------

@click.command()
@click.option("--unit", default=None, help="只列这个单位（名称或别名）的任务")
@click.option("--role", type=click.Choice(["any", "lead", "support"]), default="any",
              show_default=True, help="与 --unit 连用：牵头(lead)、配合(support)或都算(any)")
@click.option("--jurisdiction", default=None, help="地区，如 沈阳市（单位重名时必填）")
@click.option("--document", default=None, help="只列这个文件（编号、发文字号或文件名）的任务")
@click.option("--status", "statuses", multiple=True, help="状态，可多次给出：待签收、推进中、已完成…")
@click.option("--light", default=None, help="只列这种灯：green/yellow/red 或 绿/黄/红")
@click.option("--due-before", default=None, metavar="YYYY-MM-DD", help="时限不晚于这一天")
@click.option("--due-after", default=None, metavar="YYYY-MM-DD", help="时限不早于这一天")
@click.option("--overdue", is_flag=True, help="只列已超期未完成的任务")
@click.option("--search", "query", default=None, help="按任务文字全文检索")
@click.option("--drafts", is_flag=True, help="也列出草稿文件中的任务")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="最多列出多少项（末行仍给出符合条件的总数）")
@today_option
@db_option
@output_options
def tasks(unit: str | None, role: str, jurisdiction: str | None, document: str | None,
          statuses: tuple[str, ...], light: str | None, due_before: str | None,
          due_after: str | None, overdue: bool, query: str | None, drafts: bool,
          limit: int | None, today: str | None, db: str | None, fmt: str, no_bom: bool,
          as_json: bool) -> int:
    """列出台账中的任务（带亮灯），可按单位、文件、状态、灯色、时限、超期筛选。

    时限列：周期任务写作“每年5月底前”“每季度”；带 * 的日期是文件规划期末（文中未写时限）。
    """
    from taizhang.ledger.model import Light, Status

    fmt = chosen(fmt, as_json)
    day = resolve_today(today)
    status = [enum_value(Status, s, "状态") for s in statuses] or None
    lit = enum_value(Light, light, "灯色")
    options = dict(today=day, unit=unit, jurisdiction=jurisdiction, role=role,
                   document=document, status=status,
                   due_before=parse_date(due_before, "--due-before"),
                   due_after=parse_date(due_after, "--due-after"), overdue=overdue,
                   include_drafts=drafts)
    with no_gc():
        found, total = None, None
        if not query:  # full-text search stays with the Ledger (FTS5 there, ILIKE on PG)
            with open_reader_or_none(db) as reader:  # the table shows titles: texts are not read
                if reader is not None:
                    found, total = _listed(reader, options, lit, limit,
                                           texts=fmt not in ("table",))
        if found is None:
            with open_ledger(db) as ledger:
                if query:
                    check_place(ledger, jurisdiction)
                    found = ledger.search(query, limit=limit or 200, today=day)
                else:
                    found, total = _listed(ledger, options, lit, limit)
        print_items(found, fmt, total=total, no_bom=no_bom)
    return 0


def _listed(source: Any, options: dict[str, Any], light: Any, limit: int | None,
            **extra: Any) -> tuple[list[Any], int]:
    """The items (at most ``limit``) and how many match in all: the footer's “共 N 项” is
    the total, not the page. A light is computed, not stored: with a light filter the whole
    list is read and cut here. An unknown --jurisdiction is refused first."""
    check_place(source, options.get("jurisdiction"))
    if light is not None:
        every = source.list_items(**options, light=light, **extra)
        return every[:limit] if limit else every, len(every)
    found = source.list_items(**options, limit=limit, **extra)
    if limit is None or len(found) < limit:
        return found, len(found)
    return found, source.count_items(**options)
