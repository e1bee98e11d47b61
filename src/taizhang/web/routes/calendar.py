"""日历: deadlines by month, and the .ics subscription link per unit.

Calendar programs subscribe without logging in, so each unit's link carries a signed token
(itsdangerous, the instance secret with its own salt — see ``instance_secret`` in app.py): the
link names the unit and cannot be forged for another one.
"""
from __future__ import annotations

import calendar as cal
import datetime as dt
import io
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from itsdangerous import BadSignature, URLSafeSerializer

from taizhang.errors import InputError, NotFound
from taizhang.web.auth import CurrentUser
from taizhang.web.deps import current_user, ledger, page

router = APIRouter()


def _signer(request: Request) -> URLSafeSerializer:
    return URLSafeSerializer(request.app.state.secret, salt="taizhang-ics")


def ics_token(request: Request, unit_id: int) -> str:
    return str(_signer(request).dumps({"unit": unit_id}))


def _month(value: str, today: dt.date) -> dt.date:
    if not value:
        return today.replace(day=1)
    try:
        year, month = (int(x) for x in value.split("-")[:2])
        return dt.date(year, month, 1)
    except ValueError:
        raise InputError(f"月份“{value}”格式不对", hint="请按 2026-03 的格式填写") from None


@router.get("/calendar", include_in_schema=False)
def calendar_page(request: Request, month: str = "", unit: str = "",
                  user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Response:
    today = request.app.state.today()
    first = _month(month, today)
    last = first.replace(day=cal.monthrange(first.year, first.month)[1])
    chosen = lg.get_unit(int(unit)) if unit.isdigit() else None
    kw: dict[str, Any] = {"today": today, "due_after": first, "due_before": last}
    if chosen is not None:
        kw.update(unit=chosen.name, jurisdiction=chosen.jurisdiction)
    items = [i for i in lg.list_items(**kw) if i.due and first <= i.due <= last]
    by_day: dict[dt.date, list[Any]] = {}
    for item in sorted(items, key=lambda i: (i.due, i.id)):
        by_day.setdefault(item.due, []).append(item)
    weeks = cal.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    prev_month = (first - dt.timedelta(days=1)).replace(day=1)
    next_month = last + dt.timedelta(days=1)
    units = lg.list_units()
    links = [(u, f"/ics/{ics_token(request, u.id)}.ics") for u in units
             if chosen is None or u.id == chosen.id]
    return page(request, "calendar.html", first=first, weeks=weeks, by_day=by_day,
                count=len(items), prev_month=prev_month, next_month=next_month, units=units,
                chosen=chosen, links=links[:200], base=str(request.base_url).rstrip("/"))


@router.get("/ics/{token}.ics", include_in_schema=False)
def unit_subscription(request: Request, token: str, lg: Any = Depends(ledger)) -> Response:
    from taizhang.exports.ics import write_ics
    from taizhang.web.routes.units import download

    try:
        unit_id = int(_signer(request).loads(token)["unit"])
    except (BadSignature, KeyError, TypeError, ValueError):
        raise NotFound("日历订阅链接无效", hint="请在“日历”页面重新复制本单位的订阅链接") from None
    unit = lg.get_unit(unit_id)
    items = lg.list_items(unit=unit.name, jurisdiction=unit.jurisdiction,
                          today=request.app.state.today())
    buf = io.BytesIO()
    write_ics(items, buf, name=f"{unit.jurisdiction}{unit.name}任务时限",
              stamp=dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
    return download(buf.getvalue(), f"{unit.name}.ics", "text/calendar; charset=utf-8")
