"""Ledger commands: ingest, publish, documents, tasks, report, status, duban, units, history, stats.

A thin layer over :class:`taizhang.store.Ledger`: parse options, call one method, print a table
or JSON. SQLAlchemy and the store are imported inside the commands so ``taizhang parse`` stays
quick. ``--today`` defaults to the real date here, at the edge, and is passed down.
"""
from __future__ import annotations

import datetime as dt
import gc
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from typing import TYPE_CHECKING, Any

import click

from taizhang.cli.ledger_table import table
from taizhang.errors import InputError, StorageError

if TYPE_CHECKING:
    from taizhang.ledger.model import WorkItem
    from taizhang.store import Ledger

OFFICE_ACTOR = "cli:督查室"

# audit action code → how the history reads it
ACTIONS = {
    "item.create": "立项", "item.revise": "随新版本更新", "item.report": "报送进展",
    "item.status": "变更状态", "item.correct": "更正", "duban.issue": "发出督办",
    "duban.escalate": "督办升级", "duban.answer": "回复督办", "duban.close": "督办办结",
    "document.ingest": "导入文件", "document.publish": "发布文件", "unit.create": "新增单位",
}

db_option = click.option("--db", "db", envvar="TAIZHANG_DB", default=None, metavar="URL",
                         help="数据库地址（默认当前目录的 taizhang.db；也可设环境变量 TAIZHANG_DB），"
                              "如 postgresql+psycopg://用户@主机/库名")
format_option = click.option("--format", "fmt", type=click.Choice(["table", "json"]),
                             default="table", show_default=True, help="输出格式")
today_option = click.option("--today", "today", default=None, metavar="YYYY-MM-DD",
                            help="按这一天计算亮灯和超期（默认今天）")


def _date(value: str | None, what: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{what}“{value}”不是日期", hint="请用 YYYY-MM-DD 格式，例如 2026-03-31") \
            from None


def _today(value: str | None) -> dt.date:
    return _date(value, "日期") or dt.date.today()


@contextmanager
def _ledger(db: str | None) -> Iterator["Ledger"]:
    """Open the ledger; database failures mid-command become StorageError (exit 4)."""
    from sqlalchemy.exc import SQLAlchemyError

    from taizhang.config import Settings
    from taizhang.store import Ledger

    settings = Settings.from_env(db_url=db)
    ledger = Ledger.from_settings(settings)
    try:
        yield ledger
    except SQLAlchemyError as err:
        raise StorageError(f"数据库操作失败：{str(err).splitlines()[0]}",
                           hint="请检查数据库连接（--db）后重试；本次操作未保存") from err
    finally:
        ledger.close()


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: a listing makes tens of thousands of acyclic
    objects (items, rows, cells) and its repeated passes over them cost a fifth of the run."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


@contextmanager
def _reader(db: str | None) -> Iterator[Any]:
    """The read-only SQLite path for listings (no SQLAlchemy import), or None for the Ledger.

    None for PostgreSQL and for any SQLite file the reader does not recognise (missing, older
    schema, damaged): the Ledger then migrates it or explains the problem.
    """
    from taizhang.config import Settings
    from taizhang.store.sqlite_read import open_reader

    settings = Settings.from_env(db_url=db)
    reader = open_reader(settings.db_url, thresholds=settings.lights)
    try:
        yield reader
    finally:
        if reader is not None:
            reader.close()


def _enum(kind: Any, value: str | None, what: str) -> Any:
    if value is None:
        return None
    try:
        return kind.parse(value)
    except ValueError:
        options = "、".join(f"{k.label}({k.value})" for k in kind)
        raise InputError(f"{what}“{value}”无法识别", hint=f"可用：{options}") from None


def _json(payload: Any) -> None:
    sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")


LIGHT_MARK = {"green": "●绿", "yellow": "●黄", "red": "●红"}


def _due_text(item: "WorkItem") -> str:
    if item.due is None:
        return item.rrule and "周期" or "—"
    return item.due.isoformat() + ("*" if item.due_implied else "")


def _print_items(found: Sequence["WorkItem"], fmt: str) -> None:
    if fmt == "json":
        _json([i.to_dict() for i in found])
        return
    cols = [("编号", 6), ("灯", 4), ("状态", 7), ("进度", 5), ("时限", 11), ("牵头单位", 18),
            ("任务", 36), ("文件", 22)]
    # column by column: 20,000 items, and no row lists to build and turn around
    columns = [[str(i.id) for i in found],
               [LIGHT_MARK.get(i.light, "") if i.light else "" for i in found],
               [i.status.label for i in found], [f"{i.percent}%" for i in found],
               [_due_text(i) for i in found], [i.lead or "（未明确）" for i in found],
               [i.title for i in found], [i.doc_number or i.document_title or "" for i in found]]
    implied = "；时限带 * 的为文件规划期末（文中未写时限）" if any(i.due_implied for i in found) else ""
    table(cols, columns, f"共 {len(found)} 项{implied}", by_column=True)


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
    with closing(parsed(files, encoding, workers)) as stream, _ledger(db) as ledger:
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
        _json([r.to_dict() for r in results])
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
    with _ledger(db) as ledger:
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
    with _reader(db) as reader:
        found = reader.list_documents(**options) if reader is not None else None
    if found is None:
        with _ledger(db) as ledger:
            found = ledger.list_documents(**options)
    if fmt == "json":
        _json([d.to_dict() for d in found])
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

    day = _today(today)
    status = [_enum(Status, s, "状态") for s in statuses] or None
    options = dict(today=day, unit=unit, jurisdiction=jurisdiction, role=role,
                   document=document, status=status, light=_enum(Light, light, "灯色"),
                   due_before=_date(due_before, "--due-before"),
                   due_after=_date(due_after, "--due-after"), overdue=overdue,
                   include_drafts=drafts, limit=limit)
    with _no_gc():
        found = None
        if not query:  # full-text search stays with the Ledger (FTS5 there, ILIKE on PG)
            with _reader(db) as reader:  # the table shows titles: texts are not read
                found = (reader.list_items(**options, texts=fmt == "json")
                         if reader is not None else None)
        if found is None:
            with _ledger(db) as ledger:
                found = (ledger.search(query, limit=limit or 200, today=day) if query
                         else ledger.list_items(**options))
        _print_items(found, fmt)
    return 0


@click.command()
@click.argument("item", type=int)
@click.option("--unit", required=True, help="报送单位（须是该任务的牵头或配合单位）")
@click.option("--percent", type=int, default=None, help="完成进度 0–100（不填沿用上次）")
@click.option("--text", default=None, help="进展情况（不填沿用上次）")
@click.option("--problems", default=None, help="存在问题")
@click.option("--next", "next_steps", default=None, help="下步计划")
@click.option("--status", "status", default=None, help="新状态，如 已完成")
@click.option("--evidence", multiple=True, type=click.Path(), help="佐证材料文件，可多次给出")
@click.option("--occurrence", default=None, metavar="YYYY-MM-DD",
              help="周期任务的报送期（默认最早一期未报的）")
@click.option("--version", "expected", type=int, default=None,
              help="您看到的任务版本号；若已被他人修改则拒绝保存")
@click.option("--actor", default=None, help="记入留痕的操作人（默认 cli:<单位>）")
@today_option
@db_option
def report(item: int, unit: str, percent: int | None, text: str | None, problems: str | None,
           next_steps: str | None, status: str | None, evidence: tuple[str, ...],
           occurrence: str | None, expected: int | None, actor: str | None, today: str | None,
           db: str | None) -> int:
    """以责任单位身份报送一项任务的进展（未填的内容沿用上次报送）。

    该单位已确认“只报一次”关联的事项，同一份报送一并记入（taizhang links）。
    """
    from taizhang.ledger.model import Status

    day = _today(today)
    new_status = _enum(Status, status, "状态")
    occ = _date(occurrence, "报送期")
    copies = _evidence_targets(item, evidence)
    with _ledger(db) as ledger:
        # through store.links, as the web form: one transaction for this item and the items
        # confirmed as the same work for this unit; the item comes back with its light
        done = ledger.report_linked(
            item, unit=unit, actor=actor or f"cli:{unit}", today=day, status=new_status,
            percent=percent, text=text, problems=problems, next_steps=next_steps,
            evidence=tuple(str(t) for _, t in copies), occurrence=occ,
            expected_version=expected)
    _copy_evidence(copies)  # only once the report is saved: a refused report leaves no files
    r, current = done.reports[0], done.item
    period = f"（{r.occurrence.isoformat()} 期）" if r.occurrence else ""
    click.echo(f"已报送：任务 {item}{period} {r.unit}：{r.status.label}，进度 {r.percent}%"
               f"{'，' + r.text if r.text else ''}")
    click.echo(f"任务 {item} 现为第 {current.version} 版，"
               f"{current.light.label if current.light else ''}")
    if done.linked:
        synced = "、".join(f"任务 {x.item_id}（{x.status.label}，进度 {x.percent}%）"
                           for x in done.linked)
        click.echo(f"已同步到关联事项（只报一次）：{synced}")
    return 0


def _evidence_targets(item: int, paths: Sequence[str]) -> list[tuple[Any, Any]]:
    """Where each evidence file will be kept; every file is checked before anything is saved."""
    import hashlib
    from pathlib import Path

    from taizhang.config import Settings
    from taizhang.errors import FileUnreadable

    folder = Settings.from_env().evidence_dir / str(item)
    out = []
    for p in paths:
        f = Path(p)
        if not f.is_file():
            raise FileUnreadable(str(f), "佐证材料文件不存在", hint="请检查路径；本次报送未保存")
        digest = hashlib.sha256(f.read_bytes()).hexdigest()[:12]
        out.append((f, folder / f"{digest}-{f.name}"))
    return out


def _copy_evidence(copies: Sequence[tuple[Any, Any]]) -> None:
    import shutil

    for source, target in copies:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


@click.command()
@click.argument("item", type=int)
@click.argument("new_status")
@click.option("--unit", default=None, help="以牵头单位身份变更（不给则以督查室身份）")
@click.option("--note", default="", help="说明，记入留痕")
@click.option("--version", "expected", type=int, default=None, help="您看到的任务版本号")
@click.option("--actor", default=None, help="记入留痕的操作人")
@today_option
@db_option
def status(item: int, new_status: str, unit: str | None, note: str, expected: int | None,
           actor: str | None, today: str | None, db: str | None) -> int:
    """按流转规则变更任务状态（签收、办结、销号、暂缓、退回…）。"""
    from taizhang.ledger.model import Status

    target = _enum(Status, new_status, "状态")
    with _ledger(db) as ledger:
        before = ledger.get_item(item)
        after = ledger.set_status(item, target, actor=actor or f"cli:{unit or '督查室'}",
                                  unit=unit, expected_version=expected, note=note,
                                  today=_today(today))
    click.echo(f"任务 {item}：{before.status.label} → {after.status.label}（第 {after.version} 版）")
    return 0


# 督办 -----------------------------------------------------------------------------------------

@click.group()
def duban() -> None:
    """督办：对滞后任务发出编号督办通知（提醒 → 督办 → 挂牌督办），跟踪回复。"""


def _notice_line(n: Any) -> str:
    due = n.reply_due.isoformat() if n.reply_due else "—"
    return (f"{n.number}  任务 {n.item_id}  {n.level.label}  {n.state.label}  回复时限 {due}"
            + (f"  回复：{n.reply_text}" if n.reply_text else ""))


@duban.command("issue")
@click.argument("item", type=int)
@click.option("--level", default="提醒", show_default=True, help="级别：提醒、督办、挂牌督办")
@click.option("--reason", default="", help="督办事由")
@click.option("--reply-due", default=None, metavar="YYYY-MM-DD", help="回复时限（默认按级别 7/5/3 天）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@today_option
@db_option
def duban_issue(item: int, level: str, reason: str, reply_due: str | None, actor: str,
                today: str | None, db: str | None) -> int:
    """对一项任务发出督办通知，按年度编号（督办〔2026〕7号）。"""
    from taizhang.ledger.model import DubanLevel

    with _ledger(db) as ledger:
        n = ledger.issue_duban(item, actor=actor, today=_today(today), reason=reason,
                               level=_enum(DubanLevel, level, "督办级别"),
                               reply_due=_date(reply_due, "回复时限"))
    click.echo(f"已发出 {_notice_line(n)}")
    return 0


@duban.command("escalate")
@click.argument("notice")
@click.option("--reason", default="", help="升级理由")
@click.option("--reply-due", default=None, metavar="YYYY-MM-DD", help="新的回复时限")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@today_option
@db_option
def duban_escalate(notice: str, reason: str, reply_due: str | None, actor: str,
                   today: str | None, db: str | None) -> int:
    """把督办升一级（提醒 → 督办 → 挂牌督办）。NOTICE 为编号或文号。"""
    with _ledger(db) as ledger:
        n = ledger.escalate_duban(notice, actor=actor, today=_today(today), reason=reason,
                                  reply_due=_date(reply_due, "回复时限"))
    click.echo(f"已升级 {_notice_line(n)}")
    return 0


@duban.command("answer")
@click.argument("notice")
@click.option("--unit", required=True, help="回复单位（须是该任务的责任单位）")
@click.option("--text", required=True, help="回复内容：整改措施和进展")
@click.option("--actor", default=None, help="记入留痕的操作人（默认 cli:<单位>）")
@db_option
def duban_answer(notice: str, unit: str, text: str, actor: str | None, db: str | None) -> int:
    """责任单位回复督办通知。"""
    with _ledger(db) as ledger:
        n = ledger.answer_duban(notice, unit=unit, text=text, actor=actor or f"cli:{unit}")
    click.echo(f"已回复 {_notice_line(n)}")
    return 0


@duban.command("close")
@click.argument("notice")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def duban_close(notice: str, actor: str, db: str | None) -> int:
    """办结督办通知。"""
    with _ledger(db) as ledger:
        n = ledger.close_duban(notice, actor=actor)
    click.echo(f"已办结 {_notice_line(n)}")
    return 0


@duban.command("list")
@click.option("--item", type=int, default=None, help="只列这项任务的督办")
@click.option("--state", type=click.Choice(["open", "answered", "closed"]), default=None,
              help="待回复(open)、已回复(answered)、已办结(closed)")
@click.option("--year", type=int, default=None, help="年度")
@db_option
@format_option
def duban_list(item: int | None, state: str | None, year: int | None, db: str | None,
               fmt: str) -> int:
    """列出督办通知。"""
    from taizhang.ledger.model import DubanState

    with _ledger(db) as ledger:
        found = ledger.list_duban(item_id=item, state=DubanState(state) if state else None,
                                  year=year)
    if fmt == "json":
        _json([n.to_dict() for n in found])
        return 0
    for n in found:
        click.echo(_notice_line(n))
    click.echo(f"共 {len(found)} 份督办")
    return 0


# units ----------------------------------------------------------------------------------------

@click.group(invoke_without_command=True)
@click.option("--jurisdiction", default=None, help="只列这个地区的单位")
@click.option("--merged", is_flag=True, help="也列出已合并的单位")
@db_option
@format_option
@click.pass_context
def units(ctx: click.Context, jurisdiction: str | None, merged: bool, db: str | None,
          fmt: str) -> int:
    """单位名录（按地区区分）：列出、加别名（alias）、合并（merge）。"""
    if ctx.invoked_subcommand is not None:
        return 0
    with _ledger(db) as ledger:
        found = ledger.list_units(jurisdiction=jurisdiction, include_merged=merged)
    if fmt == "json":
        _json([u.to_dict() for u in found])
        return 0
    cols = [("编号", 6), ("地区", 10), ("单位", 30), ("别名", 40)]
    rows = [[str(u.id), u.jurisdiction, u.name + (f"（已并入 {u.merged_into}）" if u.merged_into
                                                   else ""), "、".join(u.aliases)] for u in found]
    table(cols, rows, f"共 {len(found)} 个单位")
    return 0


@units.command("alias")
@click.argument("alias")
@click.argument("unit")
@click.option("--jurisdiction", default=None, help="地区（单位重名时必填）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def units_alias(alias: str, unit: str, jurisdiction: str | None, actor: str,
                db: str | None) -> int:
    """给单位加一个别名：taizhang units alias 市发改局 市发展改革委 --jurisdiction 沈阳市"""
    with _ledger(db) as ledger:
        u = ledger.add_alias(jurisdiction, alias, unit, actor=actor)
    click.echo(f"已添加：{u.jurisdiction} {u.name} 的别名现为 {'、'.join(u.aliases)}")
    return 0


@units.command("merge")
@click.argument("source")
@click.argument("into")
@click.option("--jurisdiction", default=None, help="地区（单位重名时必填）")
@click.option("--actor", default=OFFICE_ACTOR, show_default=True, help="记入留痕的操作人")
@db_option
def units_merge(source: str, into: str, jurisdiction: str | None, actor: str,
                db: str | None) -> int:
    """把 SOURCE 并入 INTO：任务转给后者，旧名继续可用。"""
    with _ledger(db) as ledger:
        u = ledger.merge_units(jurisdiction, source, into, actor=actor)
    click.echo(f"已合并：{source} → {u.jurisdiction} {u.name}")
    return 0


# history, stats -------------------------------------------------------------------------------

# audit keys worth showing, in Chinese; the rest (ids, versions) stays in --format json
FIELDS = {"status": "状态", "percent": "进度", "step": "环节", "unit": "单位", "text": "进展",
          "occurrence": "报送期", "number": "文号", "level": "级别", "reason": "事由",
          "reply_due": "回复时限", "reply_text": "回复", "state": "督办状态", "task_key": "序号",
          "lead": "牵头", "support": "配合", "due": "时限", "title": "任务", "note": "说明",
          "leaders": "责任领导"}


def _label(key: str, value: Any) -> Any:
    from taizhang.ledger.model import DubanLevel, DubanState, Status

    kinds = {"status": Status, "level": DubanLevel, "state": DubanState}
    if key in kinds and isinstance(value, str):
        return kinds[key](value).label
    if isinstance(value, list):
        return "、".join(map(str, value))
    return value


def _change(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    parts = []
    for key, value in (after or {}).items():
        if key not in FIELDS or value in (None, "", []):
            continue
        new, old = _label(key, value), _label(key, (before or {}).get(key))
        parts.append(f"{FIELDS[key]} {old} → {new}" if old not in (None, "", new)
                     else f"{FIELDS[key]} {new}")
    return "；".join(parts)


@click.command()
@click.argument("item", type=int)
@db_option
@format_option
def history(item: int, db: str | None, fmt: str) -> int:
    """一项任务的全部留痕：谁、何时、做了什么、改前改后。"""
    with _ledger(db) as ledger:
        entries = ledger.history(item)
    if fmt == "json":
        _json([e.to_dict() for e in entries])
        return 0
    for e in entries:
        click.echo(f"{e.at:%Y-%m-%d %H:%M}  {e.actor}  {ACTIONS.get(e.action, e.action)}  "
                   f"{_change(e.before, e.after)}")
    click.echo(f"共 {len(entries)} 条记录")
    return 0


@click.command()
@click.option("--jurisdiction", default=None, help="只统计这个地区")
@today_option
@db_option
@format_option
def stats(jurisdiction: str | None, today: str | None, db: str | None, fmt: str) -> int:
    """按单位统计：牵头/配合任务数、已完成、超期、按时完成率、红黄灯。"""
    from taizhang.store.unit_stats import unit_stats

    day = _today(today)
    found = None
    with _no_gc():
        # an SQLite file: the read-only listing of `tasks` (no SQLAlchemy), counted alike
        with _reader(db) as reader:
            if reader is not None:
                found = unit_stats(reader.list_items(today=day, jurisdiction=jurisdiction,
                                                     texts=False), day)
        if found is None:
            with _ledger(db) as ledger:
                found = ledger.stats(today=day, jurisdiction=jurisdiction)
    if fmt == "json":
        _json([u.to_dict() for u in found])
        return 0
    cols = [("地区", 8), ("单位", 26), ("牵头", 5), ("配合", 5), ("完成", 5), ("超期", 5),
            ("按时率", 7), ("红灯", 5), ("黄灯", 5)]
    rows = [[u.jurisdiction, u.unit, str(u.lead), str(u.support), str(u.done), str(u.overdue),
             f"{u.on_time_rate:.0%}" if u.on_time_rate is not None else "—", str(u.red),
             str(u.yellow)] for u in found]
    table(cols, rows, f"共 {len(found)} 个单位")
    return 0
