"""Commands about units across documents: network, load, topics, links (re-exported by
analysis_cmd, where the command table points)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import click

from taizhang.cli.analysis_cmd import _corpus, _echo_json, _ledger, _split, db_option, json_option
from taizhang.errors import InputError


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name} 的日期“{value}”看不懂", hint="请写成 2026-03-01 这样的格式") from None


@click.command()
@click.argument("files", nargs=-1)
@click.option("-j", "--jurisdiction", help="只看这一地方（如 沈阳市）；默认每个地方各一张网")
@click.option("--top", default=10, show_default=True, help="列出中心度最高的单位和最忙的单位对的条数")
@click.option("--collectives", is_flag=True, help="把“各区、县(市)政府”这类集合性单位也作为节点")
@click.option("--png", "png_path", type=click.Path(dir_okay=False), help="画成 PNG 图片（需中文字体）")
@click.option("--svg", "svg_path", type=click.Path(dir_okay=False), help="输出 SVG 图")
@click.option("--export", "export_path", type=click.Path(dir_okay=False),
              help="导出 .graphml 或 .gexf，供 Gephi 打开")
@db_option
@json_option
def network(files: tuple[str, ...], jurisdiction: str | None, top: int, collectives: bool,
            png_path: str | None, svg_path: str | None, export_path: str | None,
            db_url: str | None, as_json: bool) -> None:
    """协同网络：单位为节点，共同承担任务（牵头—配合、配合—配合）为加权边；中心度与最忙的单位对。"""
    from taizhang.analysis import network as nw

    corpus = _corpus(list(files), db_url)
    places = nw.jurisdictions(corpus.tasks)
    if jurisdiction and jurisdiction not in places:
        raise InputError(f"没有“{jurisdiction}”的任务", hint=f"已有的地方：{'、'.join(places) or '（无）'}")
    chosen = [jurisdiction] if jurisdiction else places
    drawing = png_path or svg_path or export_path
    if drawing and len(chosen) > 1:
        raise InputError(f"有 {len(chosen)} 个地方（{'、'.join(chosen)}），一张图只画一个",
                         hint="请用 -j 指定地方，如 -j 沈阳市")
    out: list[dict[str, Any]] = []
    for place in chosen:
        g = nw.build_network(corpus.tasks, jurisdiction=place, include_collectives=collectives)
        cent = nw.centrality(g)
        pairs = nw.busiest_pairs(g, top)
        if png_path:
            from taizhang.analysis.drawing import draw_png

            draw_png(g, png_path, title=f"{place} 协同网络")
            click.echo(f"已画出 {png_path}（{g.number_of_nodes()} 个单位，{g.number_of_edges()} 条边）")
        if svg_path:
            from pathlib import Path

            from taizhang.analysis.drawing import svg

            Path(svg_path).write_text(svg(g, title=f"{place} 协同网络"), "utf-8")
            click.echo(f"已写出 {svg_path}")
        if export_path:
            nw.export(g, export_path)
            click.echo(f"已导出 {export_path}")
        out.append({"jurisdiction": place, "nodes": g.number_of_nodes(),
                    "edges": g.number_of_edges(),
                    "centrality": [_cent(c) for c in cent[:top]],
                    "pairs": [{"a": p.a, "b": p.b, "weight": p.weight, **p.counts,
                               "tasks": list(p.tasks)} for p in pairs]})
    if drawing:
        return
    if as_json:
        _echo_json(out)
        return
    for net in out:
        click.echo(f"【{net['jurisdiction']}】{net['nodes']} 个单位，{net['edges']} 条协同关系")
        click.echo("  中心单位（加权度 / 度中心性 / 中介中心性 / 特征向量中心性，牵头/配合项数）：")
        for c in net["centrality"]:
            click.echo(f"    {c['unit']}　{c['strength']:.1f} / {c['degree']:.2f} / "
                       f"{c['betweenness']:.2f} / {c['eigenvector']:.2f}　牵头{c['led']} 配合{c['supported']}")
        click.echo("  最忙的单位对（权重：牵头—配合、配合—配合、共同牵头次数）：")
        for p in net["pairs"]:
            click.echo(f"    {p['a']} — {p['b']}　{p['weight']:g}（{p['lead_support']}、"
                       f"{p['support_support']}、{p['lead_lead']}）")


def _cent(c: Any) -> dict[str, Any]:
    return {f: getattr(c, f) for f in ("unit", "led", "supported", "strength", "degree",
                                       "betweenness", "eigenvector")}


@click.command()
@click.argument("files", nargs=-1)
@click.option("-j", "--jurisdiction", help="只看这一地方")
@click.option("--from", "start", metavar="DATE", help="只计时限在此日及以后的事项")
@click.option("--to", "end", metavar="DATE", help="只计时限在此日及以前的事项")
@click.option("--today", metavar="DATE", help="按哪一天计算逾期（默认今天）")
@click.option("--weights", "weights_path", type=click.Path(dir_okay=False),
              help="考核权重表（.tsv：指标<TAB>权重），未列的指标用默认值")
@click.option("--top", default=20, show_default=True, help="列出前几名")
@click.option("--months", is_flag=True, help="同时列出各单位每月到期事项数")
@db_option
@json_option
def load(files: tuple[str, ...], jurisdiction: str | None, start: str | None, end: str | None,
         today: str | None, weights_path: str | None, top: int, months: bool,
         db_url: str | None, as_json: bool) -> None:
    """单位负担与考核：牵头/配合事项数、每月到期数、按时完成率、逾期天数、收到督办，按权重排名。"""
    from taizhang.analysis import load as ld

    day = _date(today, "--today") or dt.date.today()  # the edge reads the clock, the core never
    weights = ld.read_weights(weights_path) if weights_path else ld.default_weights()
    if files:
        items = ld.items_from_tasks(_corpus(list(files), None).tasks)
    else:
        from taizhang.analysis.sources import load_items_from_ledger

        with _ledger(db_url) as ledger:
            items = load_items_from_ledger(ledger, today=day, jurisdiction=jurisdiction)
    if jurisdiction:
        items = [i for i in items if i.jurisdiction == jurisdiction]
    loads = ld.rank(ld.unit_load(items, today=day, start=_date(start, "--from"),
                                 end=_date(end, "--to")), weights)
    shown = [u for u in loads if u.rank <= top]
    if as_json:
        _echo_json({"today": day, "weights": weights, "units": [u.to_dict() for u in shown]})
        return
    if files:
        click.echo("（直接分析文件：只有事项数和时限；按时完成率、逾期、督办需用台账 --db）")
    click.echo("权重：" + "，".join(f"{ld.METRIC_NAMES[m]}{weights.get(m, 0):g}" for m in ld.METRICS))
    place = None
    for u in shown:
        if u.jurisdiction != place:
            place = u.jurisdiction
            click.echo(f"【{place}】名次 单位 牵头 配合 按时率 逾期项/天 督办 得分")
        rate = f"{u.on_time_rate:.0%}" if u.on_time_rate is not None else "—"
        click.echo(f"  {u.rank:>3} {u.unit}　{u.led} {u.supported} {rate} "
                   f"{u.overdue_items}/{u.overdue_days} {u.duban} {u.score:.1f}")
        if months and u.by_month:
            click.echo("        到期：" + "，".join(f"{m} {n}" for m, n in sorted(u.by_month.items())))


@click.command()
@click.argument("args", nargs=-1, metavar="[DOC] [FILES]...")
@click.option("--summary", is_flag=True, help="只列每个文件的领域和工具类型分布")
@db_option
@json_option
def topics(args: tuple[str, ...], summary: bool, db_url: str | None, as_json: bool) -> None:
    """政策领域与政策工具：按关键词表给每个任务标领域，并判定供给/需求/环境型及其依据词。"""
    from taizhang.analysis.topics import profile, tag

    handle, files = _split(args)
    corpus = _corpus(files, db_url)
    rows = corpus.tasks_of(corpus.doc(handle).id) if handle else list(corpus.tasks)
    if summary:
        prof = profile(rows)
        if as_json:
            _echo_json(prof)
            return
        for doc_id, counts in prof.items():
            click.echo(f"{corpus.doc(doc_id).label}：" + "，".join(
                f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))
        return
    tags = [tag(r) for r in rows]
    if as_json:
        _echo_json([t.to_dict() for t in tags])
        return
    for r, t in zip(rows, tags):
        areas = "、".join(f"{a}({'/'.join(ws)})" for a, ws in t.areas) or "—"
        kind = f"{t.instrument}型（{'、'.join(t.decided_by())}）" if t.instrument else "未判定"
        click.echo(f"{r.ref}《{r.title}》\n    领域：{areas}\n    工具：{kind}")


from taizhang.cli.analysis_links_cmd import links  # noqa: E402

__all__ = ["links", "load", "network", "topics"]
