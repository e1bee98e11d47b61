"""``taizhang links``: suggest, confirm, list and remove report-once links; report once."""
from __future__ import annotations

import datetime as dt
from typing import Any

import click

from taizhang.cli.analysis_cmd import _corpus, _ledger, db_option
from taizhang.cli.ledger_common import parse_date
from taizhang.cli.output import Listing, chosen, emit, output_options

ACTOR_HELP = "操作人（记入留痕），如 督查室张三"


@click.group()
def links() -> None:
    """只报一次：把不同文件中同一单位的同一项工作关联起来，一次填报即同步到各关联事项。"""


@links.command("suggest")
@click.argument("files", nargs=-1)
@click.option("--min-score", default=None, type=click.FloatRange(0, 1),
              help="相似度下限（默认 0.15）")
@click.option("--top", type=click.IntRange(min=1), default=30, show_default=True,
              help="最多列出几对")
@db_option
@output_options
def suggest_cmd(files: tuple[str, ...], min_score: float | None, top: int, db_url: str | None,
                fmt: str, no_bom: bool, as_json: bool) -> None:
    """按相似度列出可能是同一项工作的任务对（同一地方、同一牵头单位），供人工确认。"""
    from taizhang.analysis.links import MIN_SCORE, suggest

    corpus = _corpus(list(files), db_url)
    found = suggest(corpus, min_score=MIN_SCORE if min_score is None else min_score)[:top]

    def text() -> str:
        if not found:
            return "没有找到可关联的任务对。\n"
        lines = []
        for s in found:
            d = s.to_dict()
            ids = f"  → taizhang links confirm {d['a_item']} {d['b_item']}" if d["a_item"] and \
                d["b_item"] else ""
            lines.append(f"{s.score:.3f}　{'、'.join(s.units)}\n    {s.a.ref}《{s.a.title}》\n"
                         f"    {s.b.ref}《{s.b.title}》{ids}")
        return "\n".join(lines) + "\n"

    rows = [[f"{s.score:.3f}", "、".join(s.units), s.a.ref, s.a.title, s.b.ref, s.b.title,
             s.to_dict()["a_item"], s.to_dict()["b_item"]] for s in found]
    emit(Listing([("相似度", 6), ("单位", 20), ("任务A", 16), ("标题A", 30), ("任务B", 16),
                  ("标题B", 30), ("台账编号A", 8), ("台账编号B", 8)], rows,
                 [s.to_dict() for s in found], text=text), chosen(fmt, as_json), no_bom=no_bom)


@links.command("confirm")
@click.argument("a", type=int)
@click.argument("b", type=int)
@click.option("--unit", help="只报一次的单位（两项任务共同的单位；唯一时可省）")
@click.option("--by", "actor", required=True, help=ACTOR_HELP)
@click.option("--note", default="", help="备注")
@db_option
def confirm_cmd(a: int, b: int, unit: str | None, actor: str, note: str,
                db_url: str | None) -> None:
    """确认台账任务 A 与 B 是同一项工作：此后该单位对其一的填报同步到另一项。"""
    from taizhang.analysis.similarity import NgramIndex
    from taizhang.analysis.sources import corpus_from_ledger
    from taizhang.store import links as store_links

    with _ledger(db_url) as ledger:
        score = None
        corpus = corpus_from_ledger(ledger)
        rows = {i: r for r in corpus.tasks for i in r.extra.get("item_ids", ())}  # type: ignore[union-attr]
        if a in rows and b in rows:
            index = NgramIndex(corpus.tasks)
            score = next((m.score for m in index.similar(rows[a], k=len(corpus.tasks),
                                                         other_docs=False)
                          if m.row.ref == rows[b].ref), None)
        link = store_links.confirm(ledger, a, b, actor=actor, unit=unit, score=score, note=note)
    shown = f"，相似度 {link.score:.3f}" if link.score is not None else ""
    click.echo(f"已关联：任务 {link.item_a} ⇄ {link.item_b}（{link.unit}{shown}）")


@links.command("list")
@click.option("--item", "item_id", type=int, help="只看与这项任务有关的关联")
@click.option("--all", "include_removed", is_flag=True, help="也列出已撤销的")
@db_option
@output_options
def list_cmd(item_id: int | None, include_removed: bool, db_url: str | None, fmt: str,
             no_bom: bool, as_json: bool) -> None:
    """列出已确认的关联。"""
    from taizhang.store import links as store_links

    with _ledger(db_url) as ledger:
        if item_id is not None:
            ledger.get_item(item_id)  # an id that names no task is said, not listed as nothing
        found = store_links.list_links(ledger, item_id=item_id, include_removed=include_removed)

    def state(x: Any) -> str:
        return "已确认" if x.state == "confirmed" else "已撤销"

    def text() -> str:
        if not found:
            return "还没有关联。用 taizhang links suggest 查看建议。\n"
        return "".join(f"#{x.id} 任务 {x.item_a} ⇄ {x.item_b}　{x.unit}　{x.created_by} "
                       f"{x.created_at:%Y-%m-%d %H:%M}{'' if x.state == 'confirmed' else '（已撤销）'}\n"
                       for x in found)

    rows = [[x.id, x.item_a, x.item_b, x.unit, x.created_by, f"{x.created_at:%Y-%m-%d %H:%M}",
             state(x)] for x in found]
    emit(Listing([("编号", 5), ("任务A", 6), ("任务B", 6), ("单位", 20), ("确认人", 12),
                  ("时间", 16), ("状态", 6)], rows, [x.to_dict() for x in found], text=text),
         chosen(fmt, as_json), no_bom=no_bom)


@links.command("remove")
@click.argument("a", type=int)
@click.argument("b", type=int)
@click.option("--by", "actor", required=True, help=ACTOR_HELP)
@db_option
def remove_cmd(a: int, b: int, actor: str, db_url: str | None) -> None:
    """撤销任务 A 与 B 的关联（留痕保留）。"""
    from taizhang.store import links as store_links

    with _ledger(db_url) as ledger:
        store_links.remove(ledger, a, b, actor=actor)
    click.echo(f"已撤销任务 {a} 与 {b} 的关联")


@links.command("report")
@click.argument("item_id", type=int)
@click.option("--unit", required=True, help="填报单位")
@click.option("--by", "actor", required=True, help=ACTOR_HELP)
@click.option("--text", default=None, help="进展情况")
@click.option("--percent", type=click.IntRange(0, 100), default=None, help="进度（0–100）")
@click.option("--status", default=None, help="新状态或办理环节（推进中、已完成、办结……）")
@click.option("--today", default=None, metavar="YYYY-MM-DD", help="填报日期（默认今天）")
@db_option
def report_cmd(item_id: int, unit: str, actor: str, text: str | None, percent: int | None,
               status: str | None, today: str | None, db_url: str | None) -> None:
    """填报一次，同步记入与该任务关联的各事项（同一单位）。"""
    from taizhang.cli.progress_cmd import status_value
    from taizhang.store import links as store_links

    st = status_value(status)  # a status or a step (办结), as `taizhang report --status`
    day = parse_date(today, "--today") or dt.date.today()
    with _ledger(db_url) as ledger:
        reports = store_links.report_once(ledger, item_id, unit=unit, actor=actor, today=day,
                                          status=st, percent=percent, text=text)
    click.echo(f"已填报任务 {item_id}，并同步到 {len(reports) - 1} 项关联任务："
               + ("、".join(str(r.item_id) for r in reports[1:]) or "（无）"))
