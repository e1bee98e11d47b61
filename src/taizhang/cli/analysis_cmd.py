"""Commands across documents: chain, similar, adoption, links, network, load, topics.

Each reads either FILES (parsed on the fly) or, with none given, the ledger at ``--db``
(default TAIZHANG_DB, else sqlite:///taizhang.db). Heavy modules (numpy, networkx,
SQLAlchemy, matplotlib, openpyxl) are imported inside the commands, so ``taizhang parse``
stays quick to start.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from taizhang.cli.output import Listing, chosen, emit, output_options
from taizhang.errors import InputError

DB_HELP = ("台账数据库地址（默认取环境变量 TAIZHANG_DB，否则当前目录的 taizhang.db）；"
           "在命令后列出文件时直接分析文件，不读数据库")
db_option = click.option("--db", "db_url", default=None, metavar="URL", help=DB_HELP)


def _split(args: tuple[str, ...]) -> tuple[str | None, list[str]]:
    """``[HANDLE] [FILES]...``: the first argument is a handle unless it is an existing path."""
    if args and not Path(args[0]).exists():
        return args[0], list(args[1:])
    return None, list(args)


def _corpus(files: list[str], db_url: str | None) -> Any:
    from taizhang.analysis.sources import corpus_from_files, corpus_from_ledger

    if files:
        corpus = corpus_from_files(files)
        for d in corpus.docs:
            if not d.place.name:  # as ingest stores it: under 未确定, flagged
                click.echo(f"提示：{d.source} 看不出所属地区，未归入任何地区（入库时记为“未确定”，"
                           "可用 --jurisdiction 指定）", err=True)
        return corpus
    with _ledger(db_url) as ledger:
        corpus = corpus_from_ledger(ledger)
    if not corpus.docs:
        raise InputError("台账中还没有已发布的文件",
                         hint="请先 taizhang ingest 文件并发布，或直接在命令后列出要分析的文件")
    return corpus


def _ledger(db_url: str | None) -> Any:
    """The ledger at ``--db`` as it is: analyses never create one (taizhang.store.opening)."""
    from taizhang.config import Settings
    from taizhang.store.opening import refuse_missing_file

    settings = Settings.from_env(db_url=db_url)
    refuse_missing_file(settings.db_url, create=False)  # answered before SQLAlchemy's import
    from taizhang.store import Ledger

    return Ledger.from_settings(settings, create=False)


def _units(row: Any) -> str:
    lead = "、".join(row.lead) or "—"
    return f"牵头：{lead}" + (f"；配合：{'、'.join(row.support)}" if row.support else "")


@click.command()
@click.argument("args", nargs=-1, metavar="[DOC] [FILES]...")
@db_option
@output_options
def chain(args: tuple[str, ...], db_url: str | None, fmt: str, no_bom: bool,
          as_json: bool) -> None:
    """文件链：按所贯彻、引用的发文字号连成 国家 → 省 → 市 的树；未入库的上级也列出。"""
    from taizhang.analysis.chains import build_chains, chain_rows, render_tree

    handle, files = _split(args)
    corpus = _corpus(files, db_url)
    g = build_chains(corpus.docs)
    focus = corpus.doc(handle).id if handle else None
    keep = None if focus is None else g.ancestors(focus) | g.descendants(focus) | {focus}
    found = [r for r in chain_rows(g) if keep is None or r["id"] in keep]
    missing = [n for n in g.missing() if focus is None or n.id in g.ancestors(focus)]

    def text() -> str:
        out = render_tree(g, focus)
        if missing:
            out += f"未入库的被引文件 {len(missing)} 件：" + "、".join(n.label for n in missing) + "\n"
        return out

    relation = {"implements": "贯彻", "cites": "引用"}
    rows = [[r["id"], r["label"], r["title"] or "", r["level_name"], r["place"],
             "是" if r["missing"] else "否",
             "、".join(f"{relation.get(p['relation'], p['relation'])} {p['id']}" for p in r["parents"])]
            for r in found]
    emit(Listing([("编号", 8), ("文件", 20), ("标题", 40), ("层级", 4), ("地区", 8), ("未入库", 6),
                  ("上级", 30)], rows, found, text=text), chosen(fmt, as_json), no_bom=no_bom)


@click.command()
@click.argument("task")
@click.argument("files", nargs=-1)
@click.option("-k", "--top", "k", type=click.IntRange(min=1), default=5, show_default=True,
              help="列出几条")
@click.option("--same-doc", is_flag=True, help="也在同一文件内查找")
@db_option
@output_options
def similar(task: str, files: tuple[str, ...], k: int, same_doc: bool, db_url: str | None,
            fmt: str, no_bom: bool, as_json: bool) -> None:
    """相似任务：TASK 写作 文件:序号（如 000:二）或台账任务编号，列出其他文件中最相似的任务。"""
    from taizhang.analysis.similarity import NgramIndex

    corpus = _corpus(list(files), db_url)
    row = corpus.task(task)
    matches = NgramIndex(corpus.tasks).similar(row, k=k, other_docs=not same_doc)
    docs = {d.id: d for d in corpus.docs}
    payload = {"task": row.ref, "title": row.title,
               "matches": [{"task": m.row.ref, "item_id": m.row.item_id,
                            "title": m.row.title, "place": m.row.place,
                            "lead": list(m.row.lead), "score": round(m.score, 4)}
                           for m in matches]}

    def text() -> str:
        lines = [f"任务 {row.ref}《{row.title}》［{row.place or '地区不明'}；{_units(row)}］"]
        for i, m in enumerate(matches, 1):
            lines.append(f"{i:>2}. {m.score:.3f}  {docs[m.row.doc_id].label} {m.row.key}  "
                         f"《{m.row.title}》［{m.row.place or '地区不明'}；{_units(m.row)}］")
        return "\n".join(lines) + "\n"

    rows = [[i, f"{m.score:.3f}", docs[m.row.doc_id].label, m.row.key, m.row.title, m.row.place,
             "、".join(m.row.lead), "、".join(m.row.support), m.row.item_id]
            for i, m in enumerate(matches, 1)]
    emit(Listing([("名次", 4), ("相似度", 6), ("文件", 20), ("序号", 12), ("任务", 36), ("地区", 8),
                  ("牵头", 16), ("配合", 20), ("台账编号", 8)], rows, payload, text=text),
         chosen(fmt, as_json), no_bom=no_bom)


@click.command()
@click.argument("doc")
@click.argument("files", nargs=-1)
@click.option("--against", multiple=True, metavar="DOC", help="只与这些文件比较（可多次给出）")
@click.option("--xlsx", "xlsx_path", type=click.Path(dir_okay=False), help="导出为 xlsx")
@click.option("--strong", type=float, default=None, help="“采纳”的相似度下限（默认 0.22）")
@click.option("--weak", type=float, default=None, help="“调整”的相似度下限（默认 0.12）")
@db_option
@output_options
def adoption(doc: str, files: tuple[str, ...], against: tuple[str, ...], xlsx_path: str | None,
             strong: float | None, weak: float | None, db_url: str | None, fmt: str,
             no_bom: bool, as_json: bool) -> None:
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
        from taizhang.cli.files import atomic_write

        atomic_write(xlsx_path, lambda f: ad.to_xlsx(a, f))
        click.echo(f"已导出 {xlsx_path}（{len(a.measures)} 条措施 × {len(a.columns)} 个文件）")
        return
    payload = {"parent": a.parent.id, "from_chain": a.from_chain,
               "columns": [a.column_name(c) for c in a.columns], "rows": a.rows(),
               "summary": a.summary()}

    def text() -> str:
        scope = "下级文件" if a.from_chain else "其他全部文件（库中没有它的下级文件）"
        lines = [f"《{a.parent.title or a.parent.label}》的措施在{scope}中的采纳情况"]
        for m, cells in zip(a.measures, a.cells):
            lines.append(f"{m.key}　{m.title}")
            for c, cell in zip(a.columns, cells):
                where = f"{cell.match.key}《{cell.match.title}》" if cell.match and \
                    cell.state != ad.ABSENT else ""
                lines.append(f"    {a.column_name(c)}：{ad.STATE_NAMES[cell.state]} {where}"
                             f"（{cell.score:.2f}）")
        lines.append("合计：" + "；".join(
            f"{col} 采纳{n['picked']} 调整{n['changed']} 未见{n['absent']}"
            for col, n in a.summary().items()))
        return "\n".join(lines) + "\n"

    rows = [[m.key, m.title, a.column_name(c), ad.STATE_NAMES[cell.state],
             cell.match.key if cell.match and cell.state != ad.ABSENT else "",
             cell.match.title if cell.match and cell.state != ad.ABSENT else "",
             f"{cell.score:.2f}"]
            for m, cells in zip(a.measures, a.cells) for c, cell in zip(a.columns, cells)]
    emit(Listing([("措施序号", 8), ("措施", 30), ("文件", 24), ("判定", 4), ("对应序号", 10),
                  ("对应任务", 30), ("相似度", 6)], rows, payload, text=text),
         chosen(fmt, as_json), no_bom=no_bom)


from taizhang.cli.analysis_units_cmd import links, load, network, topics  # noqa: E402

__all__ = ["adoption", "chain", "links", "load", "network", "similar", "topics"]
