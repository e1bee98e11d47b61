"""``taizhang corpus …``: build a Parquet corpus on Dask, query it with DuckDB, bridge to a ledger.

A thin click layer over :mod:`taizhang.corpus`; every heavy library (dask, pyarrow, duckdb,
datasketch, matplotlib) is imported inside the command that needs it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

OUT_FORMATS = ("table", "csv", "json", "xlsx")


@click.group()
def corpus() -> None:
    """语料库：在 Dask 集群上把大批政策文件解析成 Parquet 数据集，用 DuckDB 查询和分析。"""


@corpus.command()
@click.argument("sources", nargs=-1)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
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
    """解析 SOURCES（文件、目录、zip/tar 压缩包、@清单文件）中的全部政策文件，写入 Parquet 语料库。

    未变化的文件（内容和解析器版本都相同）直接跳过；中断后重新运行同一命令即可接着完成；
    读不了的文件记入 failures 表，不影响其余文件。
    """
    from taizhang.corpus.build import build as run_build
    from taizhang.errors import InputError

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
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="写入的目录")
@click.option("--seed", type=int, default=0, show_default=True, help="随机种子（同一种子生成同样的文件）")
@click.option("--bad", type=click.IntRange(min=0), default=0, show_default=True,
              help="另外生成的无法读取的文件数（空文件、损坏的 docx/pdf）")
def generate(count: int, out: Path, seed: int, bad: int) -> None:
    """由五份样例文件生成 COUNT 份测试文件（换地名、年份、文号和序号写法），用于试用和测速。"""
    from taizhang.corpus.generate import generate as run

    paths = run(out, count, seed=seed, bad=bad)
    click.echo(f"已在 {out} 生成 {len(paths)} 个文件（其中无法读取的 {bad} 个）。")
