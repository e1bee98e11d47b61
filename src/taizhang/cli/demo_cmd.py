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
    from taizhang.cli.ledger_cmd import ingest, tasks
    from taizhang.cli.units_cmd import stats

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
    click.echo("\n④ 网页端演示账号（仅供本机演示，正式使用请用 taizhang users add 另建并设强密码）")
    _demo_users(db)
    click.echo(f"\n下一步：taizhang serve --db {db} --today {today} 打开网页端；"
               "taizhang export --help 导出 xlsx 台账；taizhang tasks --overdue --today 2018-12-31 查看超期任务。")
    return 0


# (username, role, unit, password): one account per role, so each view of the app can be tried
DEMO_USERS = (
    ("admin", "admin", None, "taizhang-demo"),
    ("fgw", "reporter", "市发展改革委", "taizhang-demo"),
    ("leader", "leader", None, "taizhang-demo"),
)


def _demo_users(db: str) -> None:
    from taizhang.config import Settings
    from taizhang.store import Ledger
    from taizhang.web.auth import hash_password

    with Ledger.from_settings(Settings.from_env(db_url=db)) as ledger:
        existing = {u.username for u in ledger.list_users()}
        for name, role, unit, password in DEMO_USERS:
            if name not in existing:
                unit_id = ledger.resolve_unit("沈阳市", unit).id if unit else None
                ledger.create_user(name, hash_password(password), role, unit_id=unit_id, actor="demo")
            where = f"（{unit}）" if unit else ""
            click.echo(f"  {role:8s} 用户名 {name:6s} 密码 {password}{where}")
