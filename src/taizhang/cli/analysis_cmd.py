"""Commands across documents: chain, similar, adoption, links, network, load, topics.

Each reads either FILES (parsed on the fly) or, with none given, the ledger at ``--db``
(default TAIZHANG_DB, else sqlite:///taizhang.db). Heavy modules (numpy, networkx,
SQLAlchemy, matplotlib, openpyxl) are imported inside the commands, so ``taizhang parse``
stays quick to start.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from taizhang.errors import InputError

DB_HELP = "台账数据库地址（默认取 TAIZHANG_DB，否则 sqlite:///taizhang.db）；给出文件时不用"
db_option = click.option("--db", "db_url", default=None, metavar="URL", help=DB_HELP)
json_option = click.option("--json", "as_json", is_flag=True, help="输出 JSON")


def _split(args: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """``[HANDLE] [FILES]...``: the first argument is a handle unless it is an existing path."""
    if args and not Path(args[0]).exists():
        return args[0], list(args[1:])
    return None, list(args)


def _corpus(files: list[str], db_url: str | None) -> Any:
    from taizhang.analysis.sources import corpus_from_files, corpus_from_ledger

    if files:
        return corpus_from_files(files)
    with _ledger(db_url) as ledger:
        corpus = corpus_from_ledger(ledger)
    if not corpus.docs:
        raise InputError("台账中还没有已发布的文件",
                         hint="请先 taizhang ingest 文件并发布，或直接在命令后列出要分析的文件")
    return corpus


def _ledger(db_url: str | None) -> Any:
    from taizhang.config import Settings
    from taizhang.store import Ledger

    return Ledger.from_settings(Settings.from_env(db_url=db_url))


def _echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _units(row: Any) -> str:
    lead = "、".join(row.lead) or "—"
    return f"牵头：{lead}" + (f"；配合：{'、'.join(row.support)}" if row.support else "")


@click.command()
@click.argument("args", nargs=-1, metavar="[DOC] [FILES]...")
@db_option
@json_option
def chain(args: tuple[str, ...], db_url: str | None, as_json: bool) -> None:
    """文件链：按所贯彻、引用的发文字号连成 国家 → 省 → 市 的树；未入库的上级也列出。"""
    from taizhang.analysis.chains import build_chains, chain_rows, render_tree

    handle, files = _split(args)
    corpus = _corpus(files, db_url)
    g = build_chains(corpus.docs)
    focus = corpus.doc(handle).id if handle else None
    if as_json:
        keep = None if focus is None else g.ancestors(focus) | g.descendants(focus) | {focus}
        _echo_json([r for r in chain_rows(g) if keep is None or r["id"] in keep])
        return
    click.echo(render_tree(g, focus), nl=False)
    missing = [n for n in g.missing() if focus is None or n.id in g.ancestors(focus)]
    if missing:
        click.echo(f"未入库的被引文件 {len(missing)} 件：" + "、".join(n.label for n in missing))


@click.command()
@click.argument("task")
@click.argument("files", nargs=-1)
@click.option("-k", "--top", "k", default=5, show_default=True, help="列出几条")
@click.option("--same-doc", is_flag=True, help="也在同一文件内查找")
@db_option
@json_option
def similar(task: str, files: tuple[str, ...], k: int, same_doc: bool, db_url: str | None,
            as_json: bool) -> None:
    """相似任务：TASK 写作 文件:序号（如 000:二）或台账任务编号，列出其他文件中最相似的任务。"""
    from taizhang.analysis.similarity import NgramIndex

    corpus = _corpus(list(files), db_url)
    row = corpus.task(task)
    matches = NgramIndex(corpus.tasks).similar(row, k=k, other_docs=not same_doc)
    if as_json:
        _echo_json({"task": row.ref, "title": row.title,
                    "matches": [{"task": m.row.ref, "item_id": m.row.item_id,
                                 "title": m.row.title, "place": m.row.place,
                                 "lead": list(m.row.lead), "score": round(m.score, 4)}
                                for m in matches]})
        return
    docs = {d.id: d for d in corpus.docs}
    click.echo(f"任务 {row.ref}《{row.title}》［{row.place}；{_units(row)}］")
    for i, m in enumerate(matches, 1):
        d = docs[m.row.doc_id]
        click.echo(f"{i:>2}. {m.score:.3f}  {d.label} {m.row.key}  《{m.row.title}》"
                   f"［{m.row.place}；{_units(m.row)}］")


@click.command()
@click.argument("doc")
@click.argument("files", nargs=-1)
@click.option("--against", multiple=True, metavar="DOC", help="只与这些文件比较（可多次给出）")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="导出为 xlsx")
@click.option("--strong", type=float, default=None, help="“采纳”的相似度下限（默认 0.22）")
@click.option("--weak", type=float, default=None, help="“调整”的相似度下限（默认 0.12）")
@db_option
@json_option
def adoption(doc: str, files: tuple[str, ...], against: tuple[str, ...], xlsx_path: str | None,
             strong: float | None, weak: float | None, db_url: str | None,
             as_json: bool) -> None:
    """采纳矩阵：上级文件的每条措施在各地文件中是采纳、调整还是未见。"""
    from taizhang.analysis import adoption as ad

    s = ad.STRONG if strong is None else strong
    w = ad.WEAK if weak is None else weak
    if not 0 <= w <= s <= 1:
        raise InputError(f"阈值不合理：--weak {w}、--strong {s}",
                         hint="须满足 0 ≤ weak ≤ strong ≤ 1")
    corpus = _corpus(list(files), db_url)
    a = ad.adoption(corpus, doc, against=against, strong=s, weak=w)
    if xlsx_path:
        ad.to_xlsx(a, xlsx_path)
        click.echo(f"已导出 {xlsx_path}（{len(a.measures)} 条措施 × {len(a.columns)} 个文件）")
        return
    if as_json:
        _echo_json({"parent": a.parent.id, "from_chain": a.from_chain,
                    "columns": [a.column_name(c) for c in a.columns], "rows": a.rows(),
                    "summary": a.summary()})
        return
    scope = "下级文件" if a.from_chain else "其他全部文件（库中没有它的下级文件）"
    click.echo(f"《{a.parent.title or a.parent.label}》的措施在{scope}中的采纳情况")
    for m, cells in zip(a.measures, a.cells):
        click.echo(f"{m.key}　{m.title}")
        for c, cell in zip(a.columns, cells):
            name = ad.STATE_NAMES[cell.state]
            where = f"{cell.match.key}《{cell.match.title}》" if cell.match and \
                cell.state != ad.ABSENT else ""
            click.echo(f"    {a.column_name(c)}：{name} {where}（{cell.score:.2f}）")
    click.echo("合计：" + "；".join(
        f"{col} 采纳{n['picked']} 调整{n['changed']} 未见{n['absent']}"
        for col, n in a.summary().items()))


from taizhang.cli.analysis_units_cmd import links, load, network, topics  # noqa: E402

__all__ = ["adoption", "chain", "links", "load", "network", "similar", "topics"]
