"""``taizhang backup`` and ``taizhang restore``: the ledger and its evidence files, one archive.

A thin layer over :mod:`taizhang.store.backup`; the messages say what was saved or restored
and what to do next.
"""
from __future__ import annotations

from pathlib import Path

import click

from taizhang.cli.web_cmd import db_option

evidence_option = click.option(
    "--evidence-dir", "evidence_dir", default=None, metavar="目录",
    help="佐证材料目录（默认取环境变量 TAIZHANG_EVIDENCE_DIR，否则当前目录的 taizhang-evidence）")


def _evidence(value: str | None) -> Path:
    from taizhang.config import Settings

    return Path(value) if value else Settings.from_env().evidence_dir


def _db(value: str | None) -> str:
    from taizhang.config import Settings

    return Settings.from_env(db_url=value).db_url


@click.command()
@click.argument("archive", type=click.Path(dir_okay=False))
@db_option
@evidence_option
def backup(archive: str, db: str | None, evidence_dir: str | None) -> int:
    """备份台账：数据库（SQLite 在线备份，PostgreSQL 用 pg_dump）和佐证材料打包成一个 .tar.gz 文件。"""
    from taizhang.store.backup import backup as run

    info = run(_db(db), _evidence(evidence_dir), Path(archive))
    counts = info.counts
    click.echo(f"已备份到 {info.path}（{info.size / 1048576:.1f} MiB）：{counts.get('documents', 0)} 份文件、"
               f"{counts.get('items', 0)} 项任务、{counts.get('reports', 0)} 次报送、"
               f"{counts.get('users', 0)} 个用户，佐证材料 {info.evidence_files} 个。")
    click.echo(f"恢复：taizhang restore {info.path} --db 新数据库地址 --evidence-dir 新目录")
    return 0


@click.command()
@click.argument("archive", type=click.Path(dir_okay=False))
@db_option
@evidence_option
@click.option("--replace", is_flag=True,
              help="目标 SQLite 文件或佐证材料目录已存在时仍恢复（原文件和目录改名保留，不删除）")
def restore(archive: str, db: str | None, evidence_dir: str | None, replace: bool) -> int:
    """从 taizhang backup 的文件恢复台账：先校验全部内容，再写入空的数据库和目录（请先停止网页端）。"""
    from taizhang.store.backup import restore as run

    info = run(Path(archive), _db(db), _evidence(evidence_dir), replace=replace)
    counts = info.counts
    click.echo(f"已恢复 {info.path}：{counts.get('documents', 0)} 份文件、{counts.get('items', 0)} 项任务、"
               f"{counts.get('reports', 0)} 次报送、{counts.get('users', 0)} 个用户，佐证材料 "
               f"{info.evidence_files} 个。原有登录会话不恢复，用户需重新登录。")
    return 0
