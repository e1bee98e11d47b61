"""Commands about units across documents: network, load, topics, links (re-exported by
analysis_cmd, where the command table points)."""
from __future__ import annotations

import datetime as dt
from typing import Any

import click

from taizhang.cli.analysis_cmd import _corpus, _ledger, _split, db_option
from taizhang.cli.ledger_common import parse_date as _date
from taizhang.cli.output import Listing, chosen, emit, output_options
from taizhang.errors import InputError, NotFound
from taizhang.ledger.names import unknown_message


def _check_place(jurisdiction: str | None, places: list[str]) -> None:
    """An unknown -j is refused with the closest places, in file and database mode alike."""
    if jurisdiction and jurisdiction not in places:
        _, hint = unknown_message("地区", jurisdiction, places)
        raise NotFound(f"没有“{jurisdiction}”的任务", hint=hint)


@click.command()
@click.argument("files", nargs=-1)
@click.option("-j", "--jurisdiction", help="只看这一地方（如 沈阳市）；默认每个地方各一张网")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True,
              help="列出中心度最高的单位和最忙的单位对的条数")
@click.option("--collectives", is_flag=True, help="把“各区、县(市)政府”这类集合性单位也作为节点")
@click.option("--png", "png_path", type=click.Path(dir_okay=False), help="画成 PNG 图片（需中文字体）")
@click.option("--svg", "svg_path", type=click.Path(dir_okay=False), help="输出 SVG 图")
@click.option("--export", "export_path", type=click.Path(dir_okay=False),
              help="导出 .graphml 或 .gexf，供 Gephi 打开")
@db_option
@output_options
def network(files: tuple[str, ...], jurisdiction: str | None, top: int, collectives: bool,
            png_path: str | None, svg_path: str | None, export_path: str | None,
            db_url: str | None, fmt: str, no_bom: bool, as_json: bool) -> None:
    """协同网络：单位为节点，共同承担任务（牵头—配合、配合—配合）为加权边；中心度与最忙的单位对。

    csv 和 md 先列中心单位，再列最忙的单位对（两张表）。
    """
    from taizhang.analysis import network as nw

    corpus = _corpus(list(files), db_url)
    places = nw.jurisdictions(corpus.tasks)
    _check_place(jurisdiction, places)
    chosen_places = [jurisdiction] if jurisdiction else places
    drawing = png_path or svg_path or export_path
    if drawing and len(chosen_places) > 1:
        raise InputError(f"有 {len(chosen_places)} 个地方（{'、'.join(chosen_places)}），一张图只画一个",
                         hint="请用 -j 指定地方，如 -j 沈阳市")
    out: list[dict[str, Any]] = []
    for place in chosen_places:
        g = nw.build_network(corpus.tasks, jurisdiction=place, include_collectives=collectives)
        cent = nw.centrality(g)
        pairs = nw.busiest_pairs(g, top)
        if png_path:
            from taizhang.analysis.drawing import draw_png

            draw_png(g, png_path, title=f"{place} 协同网络")
            click.echo(f"已画出 {png_path}（{g.number_of_nodes()} 个单位，{g.number_of_edges()} 条边）")
        if svg_path:
            from taizhang.analysis.drawing import svg
            from taizhang.cli.files import write_file

            write_file(svg_path, svg(g, title=f"{place} 协同网络"))
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

    def text() -> str:
        lines = []
        for net in out:
            lines.append(f"【{net['jurisdiction']}】{net['nodes']} 个单位，{net['edges']} 条协同关系")
            lines.append("  中心单位（加权度 / 度中心性 / 中介中心性 / 特征向量中心性，牵头/配合项数）：")
            for c in net["centrality"]:
                lines.append(f"    {c['unit']}　{c['strength']:.1f} / {c['degree']:.2f} / "
                             f"{c['betweenness']:.2f} / {c['eigenvector']:.2f}　"
                             f"牵头{c['led']} 配合{c['supported']}")
            lines.append("  最忙的单位对（权重：牵头—配合、配合—配合、共同牵头次数）：")
            for p in net["pairs"]:
                lines.append(f"    {p['a']} — {p['b']}　{p['weight']:g}（{p['lead_support']}、"
                             f"{p['support_support']}、{p['lead_lead']}）")
        return "\n".join(lines) + "\n"

    central = Listing([("地区", 8), ("单位", 24), ("加权度", 6), ("度中心性", 6), ("中介中心性", 6),
                       ("特征向量中心性", 6), ("牵头", 4), ("配合", 4)],
                      [[n["jurisdiction"], c["unit"], f"{c['strength']:.1f}", f"{c['degree']:.2f}",
                        f"{c['betweenness']:.2f}", f"{c['eigenvector']:.2f}", c["led"],
                        c["supported"]] for n in out for c in n["centrality"]],
                      out, text=text, title="中心单位")
    central.more.append(Listing(
        [("地区", 8), ("单位", 24), ("单位", 24), ("权重", 6), ("牵头—配合", 6), ("配合—配合", 6),
         ("共同牵头", 6)],
        [[n["jurisdiction"], p["a"], p["b"], f"{p['weight']:g}", p["lead_support"],
          p["support_support"], p["lead_lead"]] for n in out for p in n["pairs"]],
        None, title="最忙的单位对"))
    emit(central, chosen(fmt, as_json), no_bom=no_bom)


def _cent(c: Any) -> dict[str, Any]:
    return {f: getattr(c, f) for f in ("unit", "led", "supported", "strength", "degree",
                                       "betweenness", "eigenvector")}


@click.command()
@click.argument("files", nargs=-1)
@click.option("-j", "--jurisdiction", help="只看这一地方")
@click.option("--from", "start", metavar="YYYY-MM-DD", help="只计时限在此日及以后的事项")
@click.option("--to", "end", metavar="YYYY-MM-DD", help="只计时限在此日及以前的事项")
@click.option("--today", metavar="YYYY-MM-DD", help="按哪一天计算逾期（默认今天）")
@click.option("--weights", "weights_path", type=click.Path(dir_okay=False),
              help="考核权重表（.tsv：指标<TAB>权重），未列的指标用默认值")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="列出前几名")
@click.option("--months", is_flag=True, help="同时列出各单位每月到期事项数")
@db_option
@output_options
def load(files: tuple[str, ...], jurisdiction: str | None, start: str | None, end: str | None,
         today: str | None, weights_path: str | None, top: int, months: bool,
         db_url: str | None, fmt: str, no_bom: bool, as_json: bool) -> None:
    """单位负担与考核：牵头/配合事项数、每月到期数、按时完成率、逾期天数、收到督办，按权重排名。"""
    from taizhang.analysis import load as ld

    day = _date(today, "--today") or dt.date.today()  # the edge reads the clock, the core never
    since, until = _date(start, "--from"), _date(end, "--to")
    weights = ld.read_weights(weights_path) if weights_path else ld.default_weights()
    if files:
        items = ld.items_from_tasks(_corpus(list(files), None).tasks)
        _check_place(jurisdiction, sorted({i.jurisdiction for i in items if i.jurisdiction}))
    else:
        from taizhang.analysis.sources import load_items_from_ledger

        with _ledger(db_url) as ledger:
            ledger.check_jurisdiction(jurisdiction)
            items = load_items_from_ledger(ledger, today=day, jurisdiction=jurisdiction)
    if jurisdiction:
        items = [i for i in items if i.jurisdiction == jurisdiction]
    loads = ld.rank(ld.unit_load(items, today=day, start=since, end=until), weights)
    shown = [u for u in loads if u.rank <= top]
    payload = {"today": day, "weights": weights, "units": [u.to_dict() for u in shown]}

    def text() -> str:
        lines = []
        if files:
            lines.append("（直接分析文件：只有事项数和时限；按时完成率、逾期、督办需用台账 --db）")
        lines.append("权重：" + "，".join(f"{ld.METRIC_NAMES[m]}{weights.get(m, 0):g}"
                                        for m in ld.METRICS))
        place = None
        for u in shown:
            if u.jurisdiction != place:
                place = u.jurisdiction
                lines.append(f"【{place}】名次 单位 牵头 配合 按时率 逾期项/天 督办 得分")
            rate = f"{u.on_time_rate:.0%}" if u.on_time_rate is not None else "—"
            lines.append(f"  {u.rank:>3} {u.unit}　{u.led} {u.supported} {rate} "
                         f"{u.overdue_items}/{u.overdue_days} {u.duban} {u.score:.1f}")
            if months and u.by_month:
                lines.append("        到期：" + "，".join(f"{m} {n}"
                                                      for m, n in sorted(u.by_month.items())))
        return "\n".join(lines) + "\n"

    rows = [[u.jurisdiction, u.rank, u.unit, u.led, u.supported,
             f"{u.on_time_rate:.0%}" if u.on_time_rate is not None else "", u.overdue_items,
             u.overdue_days, u.duban, f"{u.score:.1f}",
             "，".join(f"{m} {n}" for m, n in sorted(u.by_month.items()))] for u in shown]
    emit(Listing([("地区", 8), ("名次", 4), ("单位", 24), ("牵头", 4), ("配合", 4), ("按时率", 6),
                  ("逾期项", 6), ("逾期天", 6), ("督办", 4), ("得分", 6), ("每月到期", 30)],
                 rows, payload, text=text), chosen(fmt, as_json), no_bom=no_bom)


@click.command()
@click.argument("args", nargs=-1, metavar="[DOC] [FILES]...")
@click.option("--summary", is_flag=True, help="只列每个文件的领域和工具类型分布")
@db_option
@output_options
def topics(args: tuple[str, ...], summary: bool, db_url: str | None, fmt: str, no_bom: bool,
           as_json: bool) -> None:
    """政策领域与政策工具：按关键词表给每个任务标领域，并判定供给/需求/环境型及其依据词。"""
    from taizhang.analysis.topics import profile, tag

    fmt = chosen(fmt, as_json)
    handle, files = _split(args)
    corpus = _corpus(files, db_url)
    rows = corpus.tasks_of(corpus.doc(handle).id) if handle else list(corpus.tasks)
    if summary:
        prof = profile(rows)

        def summary_text() -> str:
            return "".join(f"{corpus.doc(doc_id).label}：" + "，".join(
                f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])) + "\n"
                for doc_id, counts in prof.items())

        emit(Listing([("文件", 20), ("类别", 10), ("任务数", 6)],
                     [[corpus.doc(doc_id).label, k, v] for doc_id, counts in prof.items()
                      for k, v in sorted(counts.items(), key=lambda kv: -kv[1])],
                     prof, text=summary_text), fmt, no_bom=no_bom)
        return
    tags = [tag(r) for r in rows]

    def kind(t: Any) -> str:
        return f"{t.instrument}型（{'、'.join(t.decided_by())}）" if t.instrument else "未判定"

    def text() -> str:
        return "".join(f"{r.ref}《{r.title}》\n    领域："
                       f"{'、'.join(f'{a}({chr(47).join(ws)})' for a, ws in t.areas) or '—'}"
                       f"\n    工具：{kind(t)}\n" for r, t in zip(rows, tags))

    emit(Listing([("任务", 16), ("标题", 30), ("领域", 30), ("工具", 20)],
                 [[r.ref, r.title, "、".join(f"{a}（{'/'.join(ws)}）" for a, ws in t.areas),
                   kind(t)] for r, t in zip(rows, tags)],
                 [t.to_dict() for t in tags], text=text), fmt, no_bom=no_bom)


from taizhang.cli.analysis_links_cmd import links  # noqa: E402

__all__ = ["links", "load", "network", "topics"]
