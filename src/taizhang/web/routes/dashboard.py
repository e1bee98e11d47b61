"""总览: counts by 亮灯 and status, overdue and due-soon lists, per-unit table, two SVG charts."""
from __future__ import annotations

import threading
import time
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from taizhang.web import charts
from taizhang.web.auth import CurrentUser
from taizhang.web.deps import current_user, ledger, page
from taizhang.web.stats import status_over_time, summarize

router = APIRouter()
HISTORY_TTL = 60.0  # seconds: the status-over-time replay reads the whole audit trail


def dashboard_filters(request: Request) -> dict[str, Any]:
    q = request.query_params
    kw: dict[str, Any] = {}
    doc = q.get("document", "").strip()
    if doc:
        kw["document"] = int(doc) if doc.isdigit() else doc
    jur = q.get("jurisdiction", "").strip()
    if jur:
        kw["jurisdiction"] = jur
    return kw


def history_chart(request: Request, lg: Any, items: list[Any], docs: list[Any],
                  key: tuple[Any, ...]) -> Any:
    """Cached per filter for a minute: it replays every audited status change."""
    cache = request.app.state.cache
    hit = cache.get(("history",) + key)
    if hit and time.monotonic() - hit[0] < HISTORY_TTL:
        return hit[1]
    today = request.app.state.today()
    ingested = {d.id: d.ingested_at.date() for d in docs}
    labels, series = status_over_time(items, status_entries(request.app.state, lg), ingested,
                                      today)
    svg = charts.lines("各状态事项数（月末）", labels, series)
    cache[("history",) + key] = (time.monotonic(), svg)
    return svg


def status_entries(state: Any, lg: Any) -> list[Any]:
    """The audited status changes, read once and then only the new ones: the trail only grows
    (the database refuses to change it), and item creations, which the replay skips anyway,
    are most of it."""
    with _ENTRIES_LOCK:
        last, entries = state.cache.get("status_entries", (0, []))
        new = lg.status_changes(after=last)
        if new:
            entries = entries + new
            state.cache["status_entries"] = (new[-1].id, entries)
        return entries


_ENTRIES_LOCK = threading.Lock()


@router.get("/", include_in_schema=False)
def dashboard(request: Request, user: CurrentUser = Depends(current_user),
              lg: Any = Depends(ledger)) -> Response:
    today = request.app.state.today()
    kw = dashboard_filters(request)
    items = request.app.state.items.list_items(today=today, **kw)
    docs = lg.list_documents()
    summary = summarize(items, today)
    key = (today, tuple(sorted(kw.items())), len(items))
    return page(request, "dashboard.html", s=summary, documents=docs,
                jurisdictions=sorted({d.jurisdiction for d in docs}),
                params=dict(request.query_params),
                due_chart=charts.stacked_bars(f"各{summary.due_period}到期事项（按亮灯）",
                                              summary.months, summary.due_by_month),
                status_chart=history_chart(request, lg, items, docs, key),
                drafts=[d for d in docs if d.state.value == "draft"])
