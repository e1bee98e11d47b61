"""单位: the unit list with its load, one unit's page, its fill-in sheet out and back, its .ics."""
from __future__ import annotations

import datetime as dt
import io
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from taizhang.errors import InputError, PermissionDenied
from taizhang.ledger.lights import is_overdue
from taizhang.ledger.model import FINISHED
from taizhang.web.auth import CurrentUser, require_writer
from taizhang.web.deps import current_user, flash, ledger, page

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(data: bytes, filename: str, media_type: str) -> Response:
    # RFC 5987 so a Chinese file name survives every browser
    disposition = f"attachment; filename=\"download\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get("/units", include_in_schema=False)
def units_page(request: Request, jurisdiction: str = "", user: CurrentUser = Depends(current_user),
               lg: Any = Depends(ledger)) -> Response:
    today = request.app.state.today()
    stats = lg.stats(today=today, jurisdiction=jurisdiction or None)
    ids = {(u.jurisdiction, u.name): u.id for u in lg.list_units()}
    return page(request, "units.html", stats=stats, ids=ids, jurisdiction=jurisdiction,
                jurisdictions=sorted({j for j, _ in ids}))


@router.get("/units/by-name", include_in_schema=False)
def unit_by_name(name: str, jurisdiction: str = "", user: CurrentUser = Depends(current_user),
                 lg: Any = Depends(ledger)) -> Response:
    unit = lg.resolve_unit(jurisdiction or None, name)
    return RedirectResponse(f"/units/{unit.id}", status_code=303)


@router.get("/units/{unit_id}", include_in_schema=False)
def unit_page(request: Request, unit_id: int, user: CurrentUser = Depends(current_user),
              lg: Any = Depends(ledger)) -> Response:
    today = request.app.state.today()
    unit = lg.get_unit(unit_id)
    items = lg.list_items(unit=unit.name, jurisdiction=unit.jurisdiction, today=today)
    soon = today + dt.timedelta(days=30)
    open_items = [i for i in items if i.status not in FINISHED]
    due_soon = sorted((i for i in open_items if i.due and today <= i.due <= soon),
                      key=lambda i: i.due)
    # overdue as everywhere else (ledger/lights.is_overdue: 暂缓 is not overdue); the /units
    # table counts the items a unit leads, and so does the tile of the same name here
    overdue = sorted((i for i in items if is_overdue(i, today)), key=lambda i: (i.due, i.id))
    lead = [i for i in items if i.lead == unit.name]
    mine = user.is_admin or (user.role == "reporter" and user.unit_id == unit.id)
    return page(request, "unit.html", unit=unit, items=items, due_soon=due_soon, overdue=overdue,
                overdue_lead=[i for i in overdue if i.lead == unit.name],
                can_report=mine and user.can_write, lead=lead,
                support=[i for i in items if i.lead != unit.name])


def _own_unit(user: CurrentUser, lg: Any, unit_id: int) -> Any:
    """The unit, when the user may fill in for it (its reporter, or an admin)."""
    require_writer(user)
    unit = lg.get_unit(unit_id)
    if not user.is_admin and user.unit_id != unit.id:
        raise PermissionDenied(f"您的账号属于“{user.unit_name}”，不能替“{unit.name}”填报",
                               hint="请下载并上传本单位的填报表")
    return unit


@router.get("/units/{unit_id}/fillin.xlsx", include_in_schema=False)
def fillin_download(request: Request, unit_id: int, user: CurrentUser = Depends(current_user),
                    lg: Any = Depends(ledger)) -> Response:
    from taizhang.exports.xlsx import write_fillin

    today = request.app.state.today()
    unit = lg.get_unit(unit_id)
    items = lg.list_items(unit=unit.name, jurisdiction=unit.jurisdiction, today=today)
    buf = io.BytesIO()
    write_fillin(items, buf, unit=unit.name, today=today)
    return download(buf.getvalue(), f"{unit.name}-填报表-{today.isoformat()}.xlsx", XLSX)


@router.post("/units/{unit_id}/fillin", include_in_schema=False)
async def fillin_upload(request: Request, unit_id: int, file: UploadFile = File(None),
                        user: CurrentUser = Depends(current_user),
                        lg: Any = Depends(ledger)) -> Response:
    """A unit's filled-in sheet: read in a worker process (web/uploads.py), checked row by
    row, applied in one transaction — all rows or none."""
    from starlette.concurrency import run_in_threadpool

    from taizhang.web.routes.documents import read_limited, upload_name
    from taizhang.web.uploads import read_fill_in

    unit = await run_in_threadpool(_own_unit, user, lg, unit_id)
    if file is None or not file.filename:
        raise InputError("没有选择文件", hint="请选择填写好的填报表（.xlsx）")
    settings = request.app.state.settings
    name = upload_name(file.filename)
    data = await read_limited(file, settings.max_file_bytes, name)
    sheet = await request.app.state.uploads.run(read_fill_in, data, name, shown=name)
    today = request.app.state.today()
    count = await run_in_threadpool(_apply_sheet, lg, unit, sheet, user.username, today)
    flash(request, f"已导入“{name}”：更新 {count} 项" if count
          else f"“{name}”中没有修改过的行，未做任何更新", "ok" if count else "warn")
    return RedirectResponse(f"/units/{unit_id}", status_code=303)


def _apply_sheet(lg: Any, unit: Any, sheet: Any, actor: str, today: dt.date) -> int:
    from taizhang.exports.progress_import import plan_progress

    # only this unit's items can be matched: another unit's row reads as "not in the ledger"
    current = {i.id: i for i in lg.list_items(unit=unit.name, jurisdiction=unit.jurisdiction,
                                              today=today)}
    changes = plan_progress(sheet, current, unit=unit.name)
    if changes:
        lg.apply_progress([c.update for c in changes], actor=actor, today=today)
    return len(changes)


@router.get("/units/{unit_id}/calendar.ics", include_in_schema=False)
def unit_ics(request: Request, unit_id: int, user: CurrentUser = Depends(current_user),
             lg: Any = Depends(ledger)) -> Response:
    from taizhang.exports.ics import write_ics

    unit = lg.get_unit(unit_id)
    items = lg.list_items(unit=unit.name, jurisdiction=unit.jurisdiction,
                          today=request.app.state.today())
    buf = io.BytesIO()
    write_ics(items, buf, name=f"{unit.jurisdiction}{unit.name}任务时限",
              stamp=dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    return download(buf.getvalue(), f"{unit.name}.ics", "text/calendar; charset=utf-8")
