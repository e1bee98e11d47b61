"""分析 · 文件链 and 采纳矩阵: how the stored documents hang together and what each took up.

Both read the process-wide ``Analysis`` (web/analysis_cache.py), rebuilt only when the
published documents change.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from taizhang.errors import InputError, NotFound
from taizhang.web.analysis_views import cell_view, chain_tree, doc_display, file_bytes, \
    missing_parents
from taizhang.web.auth import CurrentUser
from taizhang.web.deps import current_user, ledger, page

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def analysis_of(request: Request, lg: Any) -> Any:
    """The shared analysis of the published ledger (built on first use in this process)."""
    return request.app.state.analysis.get(lg)


@router.get("/analysis", include_in_schema=False)
def analysis_home(user: CurrentUser = Depends(current_user)) -> Response:
    return RedirectResponse("/analysis/chains", status_code=303)


@router.get("/analysis/chains", include_in_schema=False)
def chains_page(request: Request, user: CurrentUser = Depends(current_user),
                lg: Any = Depends(ledger)) -> Response:
    from taizhang.analysis.chains import chain_rows

    an = analysis_of(request, lg)
    g = an.chains()
    rows: list[dict[str, Any]] = chain_rows(g)
    for r in rows:  # parents by label, for the table
        r["parent_labels"] = [(g.nodes[p["id"]].label, p["relation"], g.nodes[p["id"]].missing)
                              for p in r["parents"]]
        r["doc_id"] = int(r["id"]) if not r["missing"] and r["id"].isdigit() else None
        doc = g.nodes[r["id"]].doc
        r["name"] = doc_display(doc) if doc is not None else r["label"]
    return page(request, "analysis_chains.html", tab="chains", tree=chain_tree(g),
                missing=missing_parents(g), rows=rows, n_docs=len(an.corpus.docs))


def _parent(an: Any, handle: str) -> Any:
    handle = handle.strip()
    if not handle:
        return None
    try:
        return an.corpus.doc(handle)
    except NotFound:
        raise NotFound(f"已发布的文件中没有“{handle}”",
                       hint="请在下拉框中选择上级文件（只有已发布的文件参与分析）") from None


@router.get("/analysis/adoption", include_in_schema=False)
def adoption_page(request: Request, parent: str = "", user: CurrentUser = Depends(current_user),
                  lg: Any = Depends(ledger)) -> Response:
    from taizhang.analysis.adoption import STATE_NAMES

    an = analysis_of(request, lg)
    chosen = _parent(an, parent)
    docs = [(d.id, doc_name_info(d)) for d in an.corpus.docs]
    if chosen is None:
        # no parent chosen: every document against its descendants, else all the others
        overview = []
        for d in an.corpus.docs:
            a = an.adoption(d.id)
            overview.append({"id": d.id, "name": doc_name_info(d), "place": d.place.name,
                             "measures": len(a.measures), "from_chain": a.from_chain,
                             "summary": dict(zip([column_name(c) for c in a.columns],
                                                 a.summary().values()))})
        return page(request, "analysis_adoption.html", tab="adoption", docs=docs,
                    parent=None, overview=overview, states=STATE_NAMES)
    a = an.adoption(chosen.id)
    columns = [column_name(c) for c in a.columns]
    rows = []
    for m, cells, view in zip(a.measures, a.cells, a.rows()):
        rows.append({**view, "item_id": m.item_id,
                     "cells": [cell_view(c, cell.match, col)
                               for c, cell, col in zip(view["cells"], cells, columns)]})
    return page(request, "analysis_adoption.html", tab="adoption", docs=docs, parent=chosen,
                parent_name=doc_name_info(chosen), adoption=a, rows=rows,
                columns=columns, summary=dict(zip(columns, a.summary().values())),
                states=STATE_NAMES, overview=None)


def doc_name_info(d: Any) -> str:
    return doc_display(d)


def column_name(d: Any) -> str:
    """A matrix column: place and a short document name (titles run to 60 characters)."""
    return f"{d.place.name or '未知'}·{doc_display(d, width=18)}"


@router.get("/analysis/adoption.xlsx", include_in_schema=False)
def adoption_xlsx(request: Request, parent: str = "", user: CurrentUser = Depends(current_user),
                  lg: Any = Depends(ledger)) -> Response:
    from taizhang.analysis.adoption import to_xlsx

    an = analysis_of(request, lg)
    chosen = _parent(an, parent)
    if chosen is None:
        raise InputError("没有选择上级文件，无法导出采纳矩阵",
                         hint="请先在“采纳矩阵”页选择一份上级文件，再点“下载 xlsx”")
    a = an.adoption(chosen.id)
    data = file_bytes(lambda p: to_xlsx(a, p), ".xlsx")
    name = f"采纳矩阵-{doc_name_info(chosen)}.xlsx"
    return Response(data, media_type=XLSX, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})
