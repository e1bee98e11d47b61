"""项目库 views over the whole register: the ranking (排座次) with the office's weights, the
挂图作战 chart, the blockers, and the files (台账 xlsx, fill-in sheets out and back, an office's
own sheet in, a zone's half-year report, a blocker's 督办单)."""
from __future__ import annotations

import io
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from taizhang.errors import InputError, PermissionDenied
from taizhang.projects.indicators import METRIC_NAMES, METRICS
from taizhang.projects.model import UNSOLVED, BlockerState
from taizhang.web.auth import CurrentUser, require_admin, require_writer
from taizhang.web.deps import current_user, flash, ledger, page, register
from taizhang.web.routes.duban import DOCX
from taizhang.web.routes.projects import cache, filtered
from taizhang.web.routes.units import XLSX, download

router = APIRouter()


def ranking(request: Request, reg: Any, by: str, year: int | None = None) -> list[Any]:
    from taizhang.store.project_stats import ranking as rank

    today = request.app.state.today()
    listing = cache(request).listing(today, year)
    return listing.derived(("ranking", by), lambda: rank(  # type: ignore[no-any-return]
        listing.projects, listing.blockers, listing.weights, by=by, year=year or today.year,
        today=today))


def _year(request: Request) -> int | None:
    raw = request.query_params.get("year", "").strip()
    if not raw:
        return None
    if not raw.isdigit() or not 1990 <= int(raw) <= 2100:
        raise InputError(f"年度“{raw}”不是有效年份", hint="如 2026")
    return int(raw)


@router.get("/projects/ranking", include_in_schema=False)
def ranking_page(request: Request, user: CurrentUser = Depends(current_user),
                 reg: Any = Depends(register)) -> Response:
    today = request.app.state.today()
    year = _year(request)
    listing = cache(request).listing(today, year)
    return page(request, "project_ranking.html", zones=ranking(request, reg, "zone", year),
                units=ranking(request, reg, "unit", year), year=year or today.year,
                weights=listing.weights, saved=listing.weights_saved, metrics=METRICS,
                metric_names=METRIC_NAMES)


@router.post("/projects/ranking/weights", include_in_schema=False)
async def weights_form(request: Request, user: CurrentUser = Depends(current_user),
                       reg: Any = Depends(register)) -> Response:
    require_admin(user)
    form = await request.form()
    if form.get("reset"):
        reg.set_weights(None, actor=user.username)
        flash(request, "已恢复默认权重")
    else:
        values = {m: str(form.get(m, "")).strip() for m in METRICS if str(form.get(m, "")).strip()}
        reg.set_weights(values, actor=user.username)
        flash(request, "已保存权重")
    return RedirectResponse("/projects/ranking", status_code=303)


@router.get("/projects/chart", include_in_schema=False)
def chart_page(request: Request, user: CurrentUser = Depends(current_user),
               reg: Any = Depends(register)) -> Response:
    from taizhang.exports.project_chart import svg
    from taizhang.projects.timeline import build

    today = request.app.state.today()
    found, params = filtered(request, reg, today)
    chart = build(found, today)
    return page(request, "project_chart.html", chart=svg(chart), count=len(found),
                params=params, zones=reg.zones(), omitted=chart.omitted)


@router.get("/projects/chart.{kind}", include_in_schema=False)
def chart_file(request: Request, kind: str, user: CurrentUser = Depends(current_user),
               reg: Any = Depends(register)) -> Response:
    import tempfile
    from pathlib import Path

    from taizhang.exports.project_chart import draw
    from taizhang.projects.timeline import build

    if kind not in ("png", "svg"):
        raise InputError(f"不支持的图片格式“{kind}”", hint="可选：png、svg")
    today = request.app.state.today()
    found, params = filtered(request, reg, today)
    title = f"{params.get('zone') or params.get('unit') or '重点项目'}挂图作战（{today.isoformat()}）"
    with tempfile.TemporaryDirectory() as tmp:
        path = draw(build(found, today), Path(tmp) / f"chart.{kind}", title=title)
        data = path.read_bytes()
    media = "image/png" if kind == "png" else "image/svg+xml"
    return download(data, f"挂图作战-{today.isoformat()}.{kind}", media)


@router.get("/projects/blockers", include_in_schema=False)
def blockers_page(request: Request, state: str = "", user: CurrentUser = Depends(current_user),
                  reg: Any = Depends(register)) -> Response:
    chosen = {"open": UNSOLVED}.get(state) or next(
        (frozenset({s}) for s in BlockerState if s.value == state), None)
    found = reg.blockers(states=chosen)
    return page(request, "project_blockers.html", blockers=found, state=state,
                states=list(BlockerState))


@router.post("/projects/blockers/escalate-due", include_in_schema=False)
async def escalate_due(request: Request, user: CurrentUser = Depends(current_user),
                       reg: Any = Depends(register)) -> Response:
    require_admin(user)
    today = request.app.state.today()
    done = reg.escalate_due(actor=user.username, today=today)
    flash(request, f"按 {today.isoformat()} 检查：升级 {len(done)} 个逾期未解决的问题"
                   + ("：" + "、".join(f"{b.number}→{b.level.label}" for b, _ in done) if done else ""))
    return RedirectResponse("/projects/blockers?state=open", status_code=303)


@router.get("/projects/blockers/{blocker_id}/notice.docx", include_in_schema=False)
def blocker_docx(request: Request, blocker_id: int, user: CurrentUser = Depends(current_user),
                 reg: Any = Depends(register)) -> Response:
    from taizhang.exports.project_word import write_blocker_notice

    b = reg.blocker(blocker_id)
    p = reg.get(b.project_id, today=request.app.state.today())
    buf = io.BytesIO()
    write_blocker_notice(b, p, buf)
    return download(buf.getvalue(), f"{b.number}督办单.docx", DOCX)


@router.get("/projects/export.xlsx", include_in_schema=False)
def export_xlsx(request: Request, user: CurrentUser = Depends(current_user),
                reg: Any = Depends(register)) -> Response:
    from taizhang.exports.project_xlsx import write_projects

    today = request.app.state.today()
    found, _ = filtered(request, reg, today)
    buf = io.BytesIO()
    write_projects(found, buf, today=today)
    return download(buf.getvalue(), f"项目台账-{today.isoformat()}.xlsx", XLSX)


def _fillin_unit(user: CurrentUser, lg: Any, unit_id: int) -> Any:
    require_writer(user)
    unit = lg.get_unit(unit_id)
    if not user.is_admin and user.unit_id != unit.id:
        raise PermissionDenied(f"您的账号属于“{user.unit_name}”，不能替“{unit.name}”填报",
                               hint="请下载并上传本单位的项目填报表")
    return unit


@router.get("/projects/fillin/{unit_id}.xlsx", include_in_schema=False)
def fillin_xlsx(request: Request, unit_id: int, user: CurrentUser = Depends(current_user),
                lg: Any = Depends(ledger),
                reg: Any = Depends(register)) -> Response:
    from taizhang.exports.project_xlsx import write_project_fillin

    unit = lg.get_unit(unit_id)
    today = request.app.state.today()
    found = reg.list_projects(today=today, unit=unit.name, jurisdiction=unit.jurisdiction)
    month = today.replace(day=1)
    buf = io.BytesIO()
    write_project_fillin(found, buf, unit=unit.name, month=month, today=today,
                         last=reg.latest_reports([p.id for p in found]))
    return download(buf.getvalue(), f"{unit.name}-项目月报-{month.isoformat()[:7]}.xlsx", XLSX)


async def _upload(request: Request, file: UploadFile | None) -> tuple[bytes, str]:
    """The upload's bytes (refused past the size limit with its real size) and its name."""
    from taizhang.web.routes.documents import read_limited, upload_name

    if file is None or not file.filename:
        raise InputError("没有选择文件", hint="请选择 .xlsx 表格")
    name = upload_name(file.filename)
    return await read_limited(file, request.app.state.settings.max_file_bytes, name), name


@router.post("/projects/fillin/{unit_id}", include_in_schema=False)
async def fillin_upload(request: Request, unit_id: int, file: UploadFile = File(None),
                        user: CurrentUser = Depends(current_user),
                        lg: Any = Depends(ledger),
                        reg: Any = Depends(register)) -> Response:
    """A unit's filled-in sheet: read in a worker process (web/uploads.py), checked row by
    row, applied in one transaction in a thread — all rows or none."""
    from starlette.concurrency import run_in_threadpool

    from taizhang.web.uploads import read_project_fillin

    unit = await run_in_threadpool(_fillin_unit, user, lg, unit_id)
    data, name = await _upload(request, file)
    sheet = await request.app.state.uploads.run(read_project_fillin, data, name, shown=name)
    count = await run_in_threadpool(_apply_fillin, reg, unit, sheet, user.username,
                                    request.app.state.today(), name)
    flash(request, f"已导入“{name}”：报送 {count} 个项目的月报" if count
          else f"“{name}”中没有修改过的行，未做任何更新", "ok" if count else "warn")
    return RedirectResponse(f"/projects?unit={quote(unit.name)}", status_code=303)


def _apply_fillin(reg: Any, unit: Any, sheet: Any, actor: str, today: Any, name: str) -> int:
    from taizhang.exports.project_fillin import plan_fillin

    # only this unit's projects can be matched: another unit's row reads as unknown
    current = {p.id: p for p in reg.list_projects(unit=unit.name,
                                                           jurisdiction=unit.jurisdiction)}
    updates = plan_fillin(sheet, current, unit=unit.name, month=None,
                          last=reg.latest_reports(list(current)))
    if updates:
        reg.apply_reports(updates, actor=actor, today=today, source=name)
    return len(updates)


@router.post("/projects/import", include_in_schema=False)
async def import_upload(request: Request, file: UploadFile = File(None),
                        user: CurrentUser = Depends(current_user),
                        reg: Any = Depends(register)) -> Response:
    """An office's own project sheet (admin): read in a worker process, then all rows right
    or nothing written."""
    from starlette.concurrency import run_in_threadpool

    from taizhang.web.uploads import read_project_sheet

    require_admin(user)
    data, name = await _upload(request, file)
    today = request.app.state.today()
    zones = await run_in_threadpool(reg.zones)
    places = {z.jurisdiction for z in zones}
    place = places.pop() if len(places) == 1 else None
    reading = await request.app.state.uploads.run(read_project_sheet, data, name, today, place,
                                                  shown=name)
    result = await run_in_threadpool(
        lambda: reg.import_drafts(reading.drafts, actor=user.username, today=today,
                                          jurisdiction=place, source=name,
                                          problems=reading.problems))
    flash(request, f"已导入“{name}”：新增 {len(result.added)} 个项目，更新 "
                   f"{len(result.updated)} 个，{result.unchanged} 个未变化")
    return RedirectResponse("/projects", status_code=303)


@router.get("/projects/report.docx", include_in_schema=False)
def report_docx(request: Request, zone: str, half: str = "",
                user: CurrentUser = Depends(current_user), reg: Any = Depends(register)) -> Response:
    import re

    from taizhang.exports.project_word import HALVES, half_of, write_half_year_report

    today = request.app.state.today()
    m = re.fullmatch(r"((?:19|20)\d{2})[Hh]([12])", half.strip()) if half.strip() else None
    if half.strip() and m is None:
        raise InputError(f"半年“{half}”无法识别", hint="请写成 2026H1 或 2026H2")
    year, part = (int(m.group(1)), int(m.group(2))) if m else half_of(today)
    z = reg.zone(None, zone)
    found = [p for p in cache(request).listing(today, year).projects if p.zone == z.name]
    figures = next((g for g in ranking(request, reg, "zone", year) if g.key == z.name), None)
    if figures is None:
        from taizhang.projects.indicators import GroupStats

        figures = GroupStats(z.name, "zone", z.level)
    buf = io.BytesIO()
    write_half_year_report(z, found, reg.blockers(zone=z.name, jurisdiction=z.jurisdiction),
                           figures, buf, year=year, half=part, today=today,
                           last=reg.latest_reports([p.id for p in found]))
    return download(buf.getvalue(), f"{z.name}{year}年{HALVES[part]}报告.docx", DOCX)
