"""``taizhang demo``: the main job on the bundled sample documents, with no setup."""
from __future__ import annotations

from importlib import resources

import click


@click.command()
@click.option("--db", default="sqlite:///taizhang-demo.db", show_default=True,
              help="台账数据库（默认在当前目录建 SQLite 文件）")
@click.option("--today", default="2018-07-01", show_default=True, metavar="YYYY-MM-DD",
              help="按这一天计算亮灯（样例文件是 2015–2021 年的）")
@click.pass_context
def demo(ctx: click.Context, db: str, today: str) -> int:
    """用自带的 5 份东北振兴政策文件演示：解析 → 入台账 → 亮灯 → 按单位统计。"""
    from taizhang.cli.ledger_cmd import ingest, stats, tasks

    samples = resources.files("taizhang").joinpath("samples")
    files = sorted(str(p) for p in samples.iterdir() if p.name.endswith(".txt"))
    with_issuer = [f for f in files if not f.endswith("004_d9f934d189bcf9a8.txt")]
    untitled = [f for f in files if f.endswith("004_d9f934d189bcf9a8.txt")]
    click.echo(f"① 解析并导入 {len(files)} 份样例文件到 {db}")
    ctx.invoke(ingest, files=tuple(with_issuer), db=db)
    # 004 is a 工作要点 without header or signature: its units are Shenyang's
    ctx.invoke(ingest, files=tuple(untitled), db=db, jurisdiction="沈阳市")
    click.echo(f"\n② 沈阳市发展改革委牵头的任务（按 {today} 亮灯，*为默认时限：规划期末）")
    ctx.invoke(tasks, unit="市发展改革委", jurisdiction="沈阳市", role="lead", today=today, limit=12, db=db)
    click.echo(f"\n③ 各单位负担与完成情况（按 {today}）")
    ctx.invoke(stats, today=today, db=db)
    click.echo("\n下一步：taizhang serve 打开网页端；taizhang export --help 导出 xlsx 台账；"
               "taizhang tasks --overdue --today 2018-12-31 查看超期任务。")
    return 0
