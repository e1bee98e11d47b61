"""``taizhang corpus …``: build a Parquet corpus on Dask, query it with DuckDB, bridge to a ledger.

A thin click layer over :mod:`taizhang.corpus`; every heavy library (dask, pyarrow, duckdb,
datasketch, matplotlib) is imported inside the command that needs it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from taizhang.cli.output import chosen, output_options
from taizhang.errors import InputError

FILE_FORMATS = ("csv", "json", "xlsx", "md")


@click.group()
def corpus() -> None:
    """语料库：在 Dask 集群上把大批政策文件解析成 Parquet 数据集，用 DuckDB 查询和分析。"""


@corpus.command()
@click.argument("sources", nargs=-1)
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="语料库目录（不存在则新建；已有的语料库只处理有变化的文件）")
@click.option("--scheduler", default=None, metavar="tcp://主机:8786",
              help="已启动的 Dask 调度器地址（默认在本机启动临时集群）")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="本机临时集群的工作进程数（默认等于 CPU 核数）")
@click.option("--batch-size", type=click.IntRange(min=1, max=100_000), default=200, show_default=True,
              help="每个任务处理的文件数")
@click.option("--connect-timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="等待调度器应答的秒数")
@click.option("--db", default=None, help="同时把这个台账数据库中的文件（当前版本）纳入语料库")
@click.option("--progress/--no-progress", default=None, help="显示进度条（默认：在终端中显示）")
def build(sources: tuple[str, ...], out: Path, scheduler: str | None, workers: int | None,
          batch_size: int, connect_timeout: float, db: str | None, progress: bool | None) -> None:
    """解析 SOURCES（文件、目录、zip 或 tar 压缩包、@清单文件）中的全部政策文件，写入 Parquet 语料库。

    未变化的文件（内容和解析器版本都相同）直接跳过；中断后重新运行同一命令即可接着完成；
    读不了的文件记入 failures 表，不影响其余文件。
    """
    from taizhang.corpus.build import build as run_build

    if not sources and not db:
        raise InputError("没有给出来源", hint="请列出文件、目录、压缩包或 @清单 文件，或用 --db 指定台账")
    extra, fill = [], None
    if db:
        from taizhang.corpus.bridge import ledger_sources

        extra, fill = ledger_sources(db)
    with _progress_bar(progress) as advance:
        summary = run_build(list(sources), out, scheduler=scheduler, workers=workers,
                            batch_size=batch_size, timeout=connect_timeout, extra=extra, fill=fill,
                            progress=advance)
    for line in summary.lines():
        click.echo(line)


class _progress_bar:
    """rich's progress bar on stderr while documents are parsed; nothing when not a terminal."""

    def __init__(self, wanted: bool | None) -> None:
        self.wanted = wanted
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Any:
        import sys

        if not (self.wanted if self.wanted is not None else sys.stderr.isatty()):
            return None
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeElapsedColumn, TimeRemainingColumn)

        self.bar = Progress(TextColumn("解析"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("份 · 已用"), TimeElapsedColumn(), TextColumn("· 剩余"),
                            TimeRemainingColumn(), console=Console(stderr=True))
        self.bar.start()
        return self.advance

    def advance(self, done: int, total: int) -> None:
        if self.task is None:
            self.task = self.bar.add_task("corpus", total=total)
        self.bar.update(self.task, completed=done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@corpus.command()
@click.argument("count", type=click.IntRange(min=1, max=10_000_000))
@click.option("--out", "out", required=True, type=click.Path(path_type=Path),
              help="写入的目录")
@click.option("--seed", type=int, default=0, show_default=True, help="随机种子（同一种子生成同样的文件）")
@click.option("--bad", type=click.IntRange(min=0), default=0, show_default=True,
              help="另外生成的无法读取的文件数（空文件、损坏的 docx/pdf）")
def generate(count: int, out: Path, seed: int, bad: int) -> None:
    """由五份样例文件生成 COUNT 份测试文件（换地名、年份、文号和序号写法），用于试用和测速。"""
    from taizhang.corpus.generate import generate as run

    paths = run(out, count, seed=seed, bad=bad)
    click.echo(f"已在 {out} 生成 {len(paths)} 个文件（其中无法读取的 {bad} 个）。")


# queries and analyses ----------------------------------------------------------------------------

def _output_options(f: Any) -> Any:
    f = click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True,
                     help="终端表格最多显示的行数")(f)
    f = click.option("--out", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="写入文件，格式按扩展名：.csv、.json、.xlsx、.md；不给则输出到终端")(f)
    return output_options(f)


def _fmt(fmt: str, out: Path | None) -> str:
    """The terminal takes --format; a file is what its name says (or --format, if given)."""
    if out is None:
        return fmt
    suffix = out.suffix.lower().lstrip(".")
    if suffix in FILE_FORMATS:
        return suffix
    if fmt != "table":
        return fmt
    raise InputError(f"不知道要把结果写成什么格式：“{out.name}”的扩展名不是 .csv、.json、.xlsx 或 .md",
                     hint="请换个文件名，例如 --out 结果.xlsx，或同时给出 --format csv")


def _emit(con: Any, sql: str, fmt: str, no_bom: bool, as_json: bool, out: Path | None, limit: int,
          title: str) -> None:
    from taizhang.corpus.query import emit

    kind = _fmt(chosen(fmt, as_json), out)
    n = emit(con, sql, kind, out, limit=limit, title=title, bom=not no_bom)
    if out is not None:
        click.echo(f"已写入 {out}（{n} 行）。", err=True)


def _connect(directory: Path) -> Any:
    from taizhang.corpus.query import connect

    return connect(directory)


def _png(draw: Any, con: Any, sql: str, png: Path | None, **kw: Any) -> None:
    if png is not None:
        draw(con, sql, png, **kw)
        click.echo(f"已画出 {png}。", err=True)


DIR_ARG = click.argument("directory", type=click.Path(path_type=Path))
PNG_OPTION = click.option("--png", type=click.Path(dir_okay=False, path_type=Path), default=None,
                          help="同时画出 PNG 图")


@corpus.command()
@DIR_ARG
@click.argument("sql")
@_output_options
def query(directory: Path, sql: str, fmt: str, no_bom: bool, as_json: bool, out: Path | None,
          limit: int) -> None:
    """用 DuckDB SQL 查询语料库（只读）。

    \b
    表：documents（文件，含 parse_json）、texts（全文）、tasks、assignments、units、
        deadlines、targets、refs（引用的文号）、warnings、failures（读不了的文件及原因）；
        汇总表 unit_load（地区×单位的任务数）、unit_pairs（地区×单位对的共同任务数）
    例：taizhang corpus query 语料 "SELECT place, COUNT(*) FROM documents GROUP BY place"
    """
    _emit(_connect(directory), sql, fmt, no_bom, as_json, out, limit, "查询结果")


@corpus.command()
@DIR_ARG
@click.option("--view", type=click.Choice(("diffusion", "adopters")), default="diffusion",
              show_default=True, help="diffusion：各文号每年新增与累计的采纳地区；adopters：每个地区首次采纳的年份和文件")
@click.option("--number", default=None, help="只看这个被引文号，如 国发〔2016〕62号")
@click.option("--measures", is_flag=True, help="逐项列出 --number 文件的措施各被多少下级地区采纳（该文件须在语料库中）")
@click.option("--min-places", type=click.IntRange(min=1), default=2, show_default=True,
              help="只列出至少被这么多地区引用的文号")
@PNG_OPTION
@_output_options
def adoption(directory: Path, view: str, number: str | None, measures: bool, min_places: int,
             png: Path | None, fmt: str, no_bom: bool, as_json: bool, out: Path | None,
             limit: int) -> None:
    """政策扩散：哪些地区在哪一年引用（贯彻）了哪些文件；可逐项看措施的采纳情况。"""
    from taizhang.corpus import analyses, charts

    con = _connect(directory)
    if measures:
        if not number:
            raise InputError("--measures 需要同时给出 --number 文号", hint="例如 --number 国发〔2016〕62号")
        _emit(con, analyses.measures(con, number), fmt, no_bom, as_json, out, limit, "措施采纳")
        return
    sql = analyses.adoption(con, view=view, number=number, min_places=min_places)
    _emit(con, sql, fmt, no_bom, as_json, out, limit, "政策扩散")
    if png is not None:
        _png(charts.diffusion_png, con, analyses.adoption(con, view="diffusion", number=number,
                                                           min_places=min_places), png)


@corpus.command()
@DIR_ARG
@click.option("--view", type=click.Choice(("missing", "edges", "tree")), default="missing",
              show_default=True, help="missing：被引用但不在语料库中的文号；edges：全部引用关系；tree：--root 之下的文件树")
@click.option("--root", default=None, help="tree 视图的起点文号，如 国发〔2016〕62号")
@click.option("--depth", type=click.IntRange(min=1, max=20), default=6, show_default=True,
              help="tree 视图最多展开的层数")
@_output_options
def chains(directory: Path, view: str, root: str | None, depth: int, fmt: str, no_bom: bool,
           as_json: bool, out: Path | None, limit: int) -> None:
    """按所引文号串起的政策链条，以及缺失的环节（被引用却不在语料库中的文件）。"""
    from taizhang.corpus import analyses

    con = _connect(directory)
    sql = analyses.chains(con, view=view, root=root, depth=depth)
    _emit(con, sql, fmt, no_bom, as_json, out, limit, "政策链条")


@corpus.command()
@DIR_ARG
@click.option("--min-places", type=click.IntRange(min=1), default=2, show_default=True,
              help="只列出出现在至少这么多地区的重复任务组")
@click.option("--place", default=None, help="只在这个地区的文件中找，如 大连市")
@_output_options
def duplicates(directory: Path, min_places: int, place: str | None, fmt: str, no_bom: bool,
               as_json: bool, out: Path | None, limit: int) -> None:
    """跨地区的近似重复任务（MinHash LSH 分桶，按连通分量成组），看哪些措施被各地照搬。"""
    from taizhang.corpus import analyses

    con = _connect(directory)
    sql = analyses.duplicates(con, min_places=min_places, place=place)
    _emit(con, sql, fmt, no_bom, as_json, out, limit, "近似重复任务")


@corpus.command()
@DIR_ARG
@click.option("--place", default=None, help="只看这个地区，如 大连市")
@click.option("--include-collectives", is_flag=True, help="也统计“各区县政府”之类的集合名称")
@PNG_OPTION
@_output_options
def load(directory: Path, place: str | None, include_collectives: bool, png: Path | None,
         fmt: str, no_bom: bool, as_json: bool, out: Path | None, limit: int) -> None:
    """各地各单位的任务负担：牵头、配合的任务数，其中有时限和定期的。"""
    from taizhang.corpus import analyses, charts

    con = _connect(directory)
    sql = analyses.load(con, place=place, include_collectives=include_collectives)
    _emit(con, sql, fmt, no_bom, as_json, out, limit, "单位负担")
    _png(charts.load_png, con, sql, png)


@corpus.command()
@DIR_ARG
@click.option("--place", default=None, help="只看这个地区，如 大连市（画图时建议指定）")
@click.option("--include-collectives", is_flag=True, help="也包括“各区县政府”之类的集合名称")
@click.option("--top", type=click.IntRange(min=2, max=2000), default=80, show_default=True,
              help="画图时取最强的这么多条关系")
@PNG_OPTION
@_output_options
def network(directory: Path, place: str | None, include_collectives: bool, top: int,
            png: Path | None, fmt: str, no_bom: bool, as_json: bool, out: Path | None,
            limit: int) -> None:
    """协同网络：同一条分工中一起出现的单位，按共同承担的任务数排序。"""
    from taizhang.corpus import analyses, charts

    con = _connect(directory)
    sql = analyses.network(con, place=place, include_collectives=include_collectives)
    _emit(con, sql, fmt, no_bom, as_json, out, limit, "协同网络")
    _png(charts.network_png, con, sql, png, top=top,
         title=f"{place or '全部地区'}协同网络（最强的 {top} 条关系）")


# the bridge to a ledger ----------------------------------------------------------------------------

@corpus.command()
@DIR_ARG
@click.option("--where", "where", required=True,
              help="选取文件的条件（documents 表的列，SQL 写法），如 \"place = '大连市' AND year >= 2018\"")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="最多导入的文件数")
@click.option("--jurisdiction", default=None, help="文件看不出所属地区时使用的地区，如 沈阳市（能看出的仍按文件自身）")
@click.option("--draft", is_flag=True, help="作为草稿导入，审核后用 taizhang publish 发布")
@click.option("--actor", default="cli:corpus", show_default=True, help="记入留痕的操作人")
@click.option("--db", default=None, help="台账数据库（默认 TAIZHANG_DB 或 ./taizhang.db）")
def ingest(directory: Path, where: str, limit: int | None, jurisdiction: str | None, draft: bool,
           actor: str, db: str | None) -> int:
    """把语料库中符合条件的文件导入台账（按语料库中保存的解析结果，不重新解析）。

    与 taizhang ingest 相同：数据库不存在时新建；一个文件也没导入成功时不留下新建的数据库文件。
    """
    from taizhang.cli.ledger_common import open_ledger
    from taizhang.config import Settings
    from taizhang.corpus.bridge import selected
    from taizhang.errors import StorageError, TaizhangError
    from taizhang.store.opening import discard_new_file, missing_sqlite_file

    done = failed = 0
    counts: dict[str, int] = {}
    # an ingest, as `taizhang ingest` is: the one kind of command that makes a ledger (issue 18)
    fresh = missing_sqlite_file(Settings.from_env(db_url=db).db_url)
    try:
        with open_ledger(db, create=True) as ledger:
            for source, place, doc in selected(directory, where, limit=limit):
                # no issuer in the text: the place the corpus read from its number or text
                where_from = jurisdiction or (place if not doc.issuer else None)
                try:
                    result = ledger.ingest(doc, actor=actor, jurisdiction=where_from,
                                           draft=draft)
                except TaizhangError as err:
                    if isinstance(err, StorageError):
                        raise
                    click.echo(f"错误：{source}：{err}", err=True)
                    failed += 1
                    continue
                done += 1
                counts[result.outcome] = counts.get(result.outcome, 0) + 1
            ledger.refresh_search_index()
    finally:
        if fresh is not None and not done:
            discard_new_file(fresh)  # a first ingest that stored nothing leaves no file
    names = {"new": "新导入", "new_version": "新版本", "unchanged": "未变化"}
    parts = "，".join(f"{names.get(k, k)} {v} 份" for k, v in sorted(counts.items()))
    click.echo(f"符合条件的文件 {done + failed} 份：{parts or '无'}" + (f"，失败 {failed} 份" if failed else "") + "。")
    if done + failed == 0:
        click.echo("没有文件符合条件；可先用 taizhang corpus query 查看 documents 表。", err=True)
    return 2 if failed else 0
