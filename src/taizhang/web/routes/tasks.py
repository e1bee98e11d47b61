"""任务: the filtered, searchable list and one item's page (source, units, reports, 督办, trail)."""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from taizhang.analysis.topics import area_names
from taizhang.errors import NotFound, PermissionDenied
from taizhang.ledger.model import DubanLevel, Light, Status
from taizhang.ledger.workflow import OFFICE, UNIT, allowed_targets
from taizhang.web.actions import (
    ReportForm,
    last_report_of,
    parse_date,
    parse_percent,
    parse_status,
    submit_report_all,
)
from taizhang.web.auth import CurrentUser, require_admin
from taizhang.web.deps import current_user, flash, ledger, page
from taizhang.web.task_analysis import INSTRUMENTS, task_context, topic_filter

router = APIRouter()
PAGE_SIZE = 50
SEARCH_LIMIT = 500  # search results listed at most


def item_filters(params: dict[str, str], today: dt.date) -> dict[str, Any]:
    """Query parameters → Ledger.list_items keywords (blank ones ignored, bad ones → 400)."""
    get = {k: v.strip() for k, v in params.items() if isinstance(v, str) and v.strip()}
    kw: dict[str, Any] = {"today": today}
    if "document" in get:
        kw["document"] = int(get["document"]) if get["document"].isdigit() else get["document"]
    for key in ("jurisdiction", "unit"):
        if key in get:
            kw[key] = get[key]
    if get.get("role") in ("lead", "support"):
        kw["role"] = get["role"]
    if "status" in get:
        kw["status"] = parse_status(get["status"])
    if "light" in get:
        try:
            kw["light"] = Light.parse(get["light"])
        except ValueError:
            from taizhang.errors import InputError

            raise InputError(f"亮灯“{get['light']}”无法识别", hint="可选：红灯、黄灯、绿灯") from None
    if get.get("overdue") in ("1", "true", "on"):
        kw["overdue"] = True
    kw["due_before"] = parse_date(get.get("due_before"), "截止日期上限")
    kw["due_after"] = parse_date(get.get("due_after"), "截止日期下限")
    return kw


def find_items(lg: Any, params: dict[str, str], today: dt.date,
               cache: Any = None) -> list[Any]:
    query = params.get("q", "").strip()
    kw = item_filters(params, today)
    lister = cache.list_items if cache is not None else lg.list_items
    if not query:
        return list(lister(**kw))
    # the index gives ids; the items come from the (cached) filtered listing, in its order
    # (document, id), at most SEARCH_LIMIT of them
    matched = set(lg.search_ids(query))
    return [i for i in lister(**kw) if i.id in matched][:SEARCH_LIMIT]


def item_pages(request: Request, lg: Any, params: dict[str, str], today: dt.date
               ) -> tuple[int, Callable[[int, int], list[Any]]]:
    """How many items the list has, and a function giving the items from an offset.

    From the cached list while it is true or a patch away (a few items changed). When only
    a full listing would give it and the database can apply every filter (no search, light
    or 政策领域 filter), only the page asked for is read, with a count: after a restart or a
    burst of reports a page of 50 does not wait for all 20,000 items to be listed with their
    lights (the dashboard, which needs them all, does).
    """
    topic, instrument = params.get("topic", "").strip(), params.get("instrument", "").strip()
    cache = request.app.state.items
    kw = item_filters(params, today)
    if not params.get("q", "").strip() and not topic and not instrument and "light" not in kw:
        found = cache.cheap(**kw)
        if found is None:
            plain = {k: v for k, v in kw.items() if v is not None}
            return (lg.count_items(**plain),
                    lambda offset, limit: lg.list_items(**plain, offset=offset, limit=limit))
    else:
        found = find_items(lg, params, today, cache)
        if topic or instrument:  # 政策领域 tags come from the cross-document analysis
            found = topic_filter(request.app.state.analysis.get(lg), found, topic, instrument)
    listed = found
    return len(listed), lambda offset, limit: listed[offset:offset + limit]


@router.get("/tasks", include_in_schema=False)
def tasks_page(request: Request, user: CurrentUser = Depends(current_user),
               lg: Any = Depends(ledger)) -> Response:
    params = dict(request.query_params)
    today = request.app.state.today()
    total, items_from = item_pages(request, lg, params, today)
    try:
        page_no = max(1, int(params.get("page", "1")))
    except ValueError:
        page_no = 1
    pages = max(1, -(-total // PAGE_SIZE))
    page_no = min(page_no, pages)
    shown = items_from((page_no - 1) * PAGE_SIZE, PAGE_SIZE)
    keep = {k: v for k, v in params.items() if k != "page" and v}
    return page(request, "tasks.html", items=shown, total=total, page_no=page_no,
                pages=pages, params=params, keep=keep, statuses=list(Status),
                documents=lg.list_documents(),
                jurisdictions=sorted({u.jurisdiction for u in lg.list_units()}),
                topics=area_names(), instruments=INSTRUMENTS)


@router.get("/tasks/{item_id}", include_in_schema=False)
def task_page(request: Request, item_id: int, user: CurrentUser = Depends(current_user),
              lg: Any = Depends(ledger)) -> Response:
    today = request.app.state.today()
    item = lg.get_item(item_id, today=today)
    reports = lg.reports(item_id)
    can_report = user.is_admin or (user.role == "reporter" and user.owns(item))
    my_unit = user.unit_name if user.role == "reporter" else item.lead
    occurrences = lg.occurrences(item_id)
    return page(request, "task.html", item=item, reports=reports, occurrences=occurrences,
                open_occurrences=[o for o in occurrences if not o.reported],
                notices=lg.list_duban(item_id=item_id), history=lg.history(item_id),
                document=lg.get_document(item.document_id), can_report=can_report,
                prefill=last_report_of(reports, my_unit),
                unit_targets=allowed_targets(item.status, by=UNIT),
                office_targets=allowed_targets(item.status, by=OFFICE),
                levels=list(DubanLevel), default_reply=today + dt.timedelta(days=7),
                projects=request.app.state.register.list_projects(task_id=item_id, today=today),
                **task_context(request.app.state.analysis.get(lg), lg, item))


@router.post("/tasks/{item_id}/report", include_in_schema=False)
async def report_form(request: Request, item_id: int, user: CurrentUser = Depends(current_user),
                      lg: Any = Depends(ledger)) -> Response:
    from taizhang.web.routes.documents import read_limited, upload_name

    form = await request.form()
    settings = request.app.state.settings
    files = []
    for upload in form.getlist("evidence"):
        if hasattr(upload, "read") and getattr(upload, "filename", ""):
            name = upload_name(upload.filename)
            files.append((name, await read_limited(upload, settings.max_file_bytes, name)))
    def opt(name: str) -> str | None:
        # a field absent from the form keeps the last report's value (None); present but blank clears
        value = form.get(name)
        return value if isinstance(value, str) else None

    version = str(form.get("version", ""))
    data = ReportForm(
        status=opt("status") or None,
        percent=parse_percent(form.get("percent")),
        text=opt("text"),
        problems=opt("problems"),
        next_steps=opt("next_steps"),
        occurrence=opt("occurrence") or None,
        unit=opt("unit") or None,
        expected_version=int(version) if version.isdigit() else None)
    from starlette.concurrency import run_in_threadpool

    # in a thread: saving proof and writing the report must not hold the event loop
    item, reports = await run_in_threadpool(
        submit_report_all, lg, user, item_id, data, today=request.app.state.today(),
        evidence_dir=settings.evidence_dir, files=files, max_bytes=settings.max_file_bytes)
    report = reports[0]
    light = item.light.label if item.light else "—"
    synced = "、".join(f"#{r.item_id}" for r in reports[1:])
    flash(request, f"已报送事项 #{item_id} 的进展：{report.status.label}，{report.percent}%，当前{light}"
                   + (f"；已同步到关联事项 {synced}（只报一次）" if synced else ""))
    back = str(form.get("back", ""))
    return RedirectResponse(back if back.startswith("/") and not back.startswith("//")
                            else f"/tasks/{item_id}", status_code=303)


@router.post("/tasks/{item_id}/status", include_in_schema=False)
def status_form(request: Request, item_id: int, status: str = Form(...), note: str = Form(""),
                version: str = Form(""), user: CurrentUser = Depends(current_user),
                lg: Any = Depends(ledger)) -> Response:
    require_admin(user)  # units change status through their reports
    target = parse_status(status)
    assert target is not None
    item = lg.set_status(item_id, target, actor=user.username, note=note,
                         expected_version=int(version) if version.isdigit() else None,
                         today=request.app.state.today())
    flash(request, f"事项 #{item_id} 状态已改为“{item.status.label}”")
    return RedirectResponse(f"/tasks/{item_id}", status_code=303)


@router.get("/evidence/{item_id}/{name}", include_in_schema=False)
def evidence_file(request: Request, item_id: int, name: str,
                  user: CurrentUser = Depends(current_user),
                  lg: Any = Depends(ledger)) -> Response:
    """A report's proof, for those who may see the item's reports: the office, leaders, and
    reporters of a unit on the item. Only files a report on this item names are served."""
    missing = NotFound(f"佐证材料“{_shown(name)}”不存在",
                       hint="请从事项页面的报送记录中打开；文件可能已被移走")
    if not EVIDENCE_NAME.match(name):  # NUL, slashes, 300 characters: not a name we stored
        raise missing
    item = lg.get_item(item_id, last_report=False)
    may_see_evidence(user, item)
    rel = f"{item_id}/{name}"
    if not any(rel in r.evidence for r in lg.reports(item_id)):
        raise missing
    folder = (request.app.state.settings.evidence_dir / str(item_id)).resolve()
    path = (folder / name).resolve()
    if path.parent != folder or not path.is_file():
        raise missing
    return FileResponse(path, filename=name.split("-", 1)[-1],
                        media_type="application/octet-stream")


# what save_evidence (web/actions.py) stores: 8 hex digits, "-", a cleaned name of ≤ 80 characters
EVIDENCE_NAME = re.compile(r"^[0-9a-f]{8}-[^/\\\x00-\x1f]{1,80}$")


def may_see_evidence(user: CurrentUser, item: Any) -> None:
    if user.is_admin or user.role == "leader" or (user.role == "reporter" and user.owns(item)):
        return
    raise PermissionDenied(f"事项 #{item.id} 的佐证材料只对其责任单位、督查室和领导开放",
                           hint=f"您的账号属于“{user.unit_name or '未绑定单位'}”")


def _shown(name: str) -> str:
    clean = "".join(ch for ch in name if ch.isprintable())
    return clean if len(clean) <= 40 else clean[:39] + "…"
