"""Downloads of the whole (filtered) ledger: the 台账 xlsx and the monthly 调度 report docx."""
from __future__ import annotations

import io
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from taizhang.web.auth import CurrentUser
from taizhang.web.deps import current_user, ledger
from taizhang.web.routes.duban import DOCX
from taizhang.web.routes.tasks import find_items
from taizhang.web.routes.units import XLSX, download

router = APIRouter()


@router.get("/export/ledger.xlsx", include_in_schema=False)
def ledger_xlsx(request: Request, by: str = "document", user: CurrentUser = Depends(current_user),
                lg: Any = Depends(ledger)) -> Response:
    from taizhang.exports.xlsx import write_ledger

    today = request.app.state.today()
    items = find_items(lg, dict(request.query_params), today)
    buf = io.BytesIO()
    write_ledger(items, buf, by="unit" if by == "unit" else "document", today=today)
    return download(buf.getvalue(), f"台账-{today.isoformat()}.xlsx", XLSX)


@router.get("/export/monthly.docx", include_in_schema=False)
def monthly_docx(request: Request, user: CurrentUser = Depends(current_user),
                 lg: Any = Depends(ledger)) -> Response:
    from taizhang.exports.word import write_monthly_report

    today = request.app.state.today()
    items = find_items(lg, dict(request.query_params), today)
    buf = io.BytesIO()
    write_monthly_report(items, buf, today=today)
    return download(buf.getvalue(), f"{today.year}年{today.month}月调度报告.docx", DOCX)
