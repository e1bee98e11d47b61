"""分析 · 协同网络 and 负担与考核: units across documents.

The network reads the shared ``Analysis`` (task texts and units change only with documents);
the load page reads the live ledger each time, because reports and 督办 change it. The 考核
weights an admin sets are kept as a TSV under the evidence directory (analysis_views.py).
"""
from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from taizhang.errors import InputError
from taizhang.web.actions import parse_date
from taizhang.web.analysis_views import file_bytes, load_weights, parse_weights, save_weights, \
    weights_path
from taizhang.web.auth import CurrentUser, require_admin
from taizhang.web.deps import current_user, flash, ledger, page
from taizhang.web.routes.analysis_docs import analysis_of

router = APIRouter()
FORMATS = {"graphml": "application/graphml+xml", "gexf": "application/gexf+xml"}


def _place(an: Any, jurisdiction: str) -> str:
    places = an.jurisdictions()
    if not places:
        return ""
    if not jurisdiction:
        # the jurisdiction with the most tasks: the richest network is the useful default
        counts = {p: 0 for p in places}
        for row in an.corpus.tasks:
            if row.place in counts:
                counts[row.place] += 1
        return str(max(places, key=lambda p: (counts[p], p)))
    if jurisdiction not in places:
        raise InputError(f"没有“{jurisdiction}”的已发布任务",
                         hint=f"可选的地方：{'、'.join(places)}")
    return jurisdiction


@router.get("/analysis/network", include_in_schema=False)
def network_page(request: Request, jurisdiction: str = "",
                 user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Response:
    from taizhang.analysis.network import TIE_NAMES, busiest_pairs, centrality

    an = analysis_of(request, lg)
    place = _place(an, jurisdiction.strip())
    if not place:
        return page(request, "analysis_network.html", tab="network", place="", places=[])
    g = an.network(place)
    item_of = {r.ref: r.item_id for r in an.corpus.tasks}
    pairs = [{"a": p.a, "b": p.b, "weight": p.weight, "counts": p.counts,
              "tasks": [(ref, item_of.get(ref)) for ref in p.tasks]}
             for p in busiest_pairs(g, 10)]
    return page(request, "analysis_network.html", tab="network", place=place,
                places=an.jurisdictions(), svg=an.network_svg(place), central=centrality(g),
                pairs=pairs, tie_names=TIE_NAMES, nodes=g.number_of_nodes(),
                edges=g.number_of_edges())


@router.get("/analysis/network.{fmt}", include_in_schema=False)
def network_file(request: Request, fmt: str, jurisdiction: str = "",
                 user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Response:
    from taizhang.analysis.network import export

    if fmt not in FORMATS:
        raise InputError(f"不支持的网络文件格式“{fmt}”", hint="可下载 .graphml 或 .gexf（Gephi 都能打开）")
    an = analysis_of(request, lg)
    place = _place(an, jurisdiction.strip())
    if not place:
        raise InputError("还没有已发布的任务，无法导出协同网络", hint="请先上传并发布文件")
    data = file_bytes(lambda p: export(an.network(place), p), f".{fmt}")
    name = f"协同网络-{place}.{fmt}"
    return Response(data, media_type=FORMATS[fmt], headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


@router.get("/analysis/load", include_in_schema=False)
def load_page(request: Request, jurisdiction: str = "", start: str = "", end: str = "",
              user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Response:
    from taizhang.analysis.load import METRIC_NAMES, METRICS, default_weights, rank, unit_load
    from taizhang.analysis.sources import load_items_from_ledger

    today = request.app.state.today()
    settings = request.app.state.settings
    weights, saved = load_weights(settings.evidence_dir)
    first, last = parse_date(start, "开始日期"), parse_date(end, "结束日期")
    if first and last and first > last:
        raise InputError(f"开始日期 {first} 晚于结束日期 {last}", hint="请把较早的日期填在“从”")
    place = jurisdiction.strip() or None
    items = load_items_from_ledger(lg, today=today, jurisdiction=place)
    loads = rank(unit_load(items, today=today, start=first, end=last), weights)
    months = sorted({m for u in loads for m in u.by_month})
    top = max((n for u in loads for n in u.by_month.values()), default=1)
    groups: dict[str, list[Any]] = {}
    for u in loads:
        groups.setdefault(u.jurisdiction, []).append(u)
    return page(request, "analysis_load.html", tab="load", groups=groups, months=months,
                top=top, weights=weights, defaults=default_weights(), saved=saved,
                metrics=METRICS, metric_names=METRIC_NAMES, place=place or "",
                places=sorted({u.jurisdiction for u in lg.list_units()}),
                start=start, end=end, weights_file=weights_path(settings.evidence_dir).name)


@router.post("/analysis/load/weights", include_in_schema=False)
async def save_weights_form(request: Request, user: CurrentUser = Depends(current_user)) -> Response:
    from taizhang.analysis.load import METRIC_NAMES, METRICS

    require_admin(user)  # the 督查室 sets how units are assessed
    form = await request.form()
    evidence_dir = request.app.state.settings.evidence_dir
    if form.get("reset"):
        weights_path(evidence_dir).unlink(missing_ok=True)
        flash(request, "考核权重已恢复默认值")
    else:
        values = {m: str(form.get(m, "")) for m in METRICS}
        weights = parse_weights(values, METRICS, METRIC_NAMES)
        save_weights(evidence_dir, weights, actor=user.username,
                     when=dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
        flash(request, "考核权重已保存：" + "，".join(
            f"{METRIC_NAMES[m]} {w:g}" for m, w in weights.items()))
    return RedirectResponse("/analysis/load", status_code=303)
