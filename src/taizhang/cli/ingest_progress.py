"""How far ``taizhang ingest`` is, and what it did: a bar on a terminal, plain lines when piped.

On a terminal (stderr is one) rich draws a bar with counts, rate and time left; the per-file
lines printed meanwhile go above it. Piped or redirected, a plain line every tenth of the batch
says the same in words (a log keeps them readable). Either way :meth:`IngestTally.summary` ends
the run: 读入 N、未变化跳过 N、需核对 N、拒绝 N.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any

import click

PLAIN_FROM = 10  # files; fewer finish before a progress line could tell anything


@dataclass
class IngestTally:
    """Counts for the closing summary line."""

    read: int = 0  # new documents and new versions
    unchanged: int = 0
    flagged: int = 0  # read, and carrying review flags (地区未确定、无标题 …)
    refused: int = 0
    undecided: list[str] = field(default_factory=list)  # file names stored under 未确定

    def add(self, name: str, result: Any) -> None:
        if result.outcome == "unchanged":
            self.unchanged += 1
            return
        self.read += 1
        flags = result.document.review_flags
        if flags:
            self.flagged += 1
        if "jurisdiction_undecided" in flags:
            self.undecided.append(name)

    def summary(self) -> str:
        return (f"读入 {self.read}、未变化跳过 {self.unchanged}、需核对 {self.flagged}、"
                f"拒绝 {self.refused}。")


class IngestProgress:
    """Context manager; ``step()`` after each file. ``bar``: None decides by the terminal
    (a bar on one, plain lines otherwise), True always a bar, False no progress at all."""

    def __init__(self, total: int, *, bar: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self.bar_wanted = sys.stderr.isatty() if bar is None else bar
        self.lines_wanted = bar is None
        self._bar: Any = None
        self._task: Any = None
        self._every = max(1, total // 10)

    def __enter__(self) -> "IngestProgress":
        if self.bar_wanted and self.total > 1:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)

            # redirect_stdout: the per-file lines printed meanwhile scroll above the bar
            self._bar = Progress(TextColumn("导入"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("份 · {task.fields[rate]} 份/秒 · 已用"),
                                 TimeElapsedColumn(), TextColumn("· 剩余"),
                                 TimeRemainingColumn(), console=Console(stderr=True),
                                 transient=True)
            self._bar.start()
            self._task = self._bar.add_task("ingest", total=self.total, rate="—")
        return self

    def step(self) -> None:
        self.done += 1
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        if self._bar is not None:
            self._bar.update(self._task, completed=self.done, rate=f"{rate:.1f}")
        elif self.lines_wanted and self.total >= PLAIN_FROM \
                and (self.done % self._every == 0 or self.done == self.total):
            left = (self.total - self.done) / rate if rate else 0
            click.echo(f"进度：{self.done}/{self.total}（{100 * self.done // self.total}%），"
                       f"{rate:.1f} 份/秒，预计还需 {_duration(left)}", err=True)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _duration(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 60} 分 {s % 60} 秒" if s >= 60 else f"{s} 秒"
