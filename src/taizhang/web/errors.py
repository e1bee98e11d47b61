"""The one place errors become responses: a Chinese HTML page, or JSON under /api.

The core raises TaizhangError subclasses carrying ``http_status``; validation failures and
unknown URLs get the same treatment so users never see an English stack of field names.
"""
from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from taizhang.errors import StorageError, TaizhangError
from taizhang.web.deps import page, wants_json

log = logging.getLogger("taizhang.web")

_HTTP_TEXT = {
    400: "请求有误", 401: "请先登录", 403: "无权访问", 404: "页面或数据不存在",
    405: "不支持这种请求方式", 409: "操作与当前数据冲突", 413: "上传的文件太大",
    422: "提交的内容不完整或格式不对", 429: "请求太频繁", 500: "服务器内部错误",
    503: "数据库暂时无法使用",
}

_FIELD_NAMES = {"file": "文件", "password": "密码", "username": "用户名", "percent": "完成百分比",
                "status": "状态", "text": "进展情况", "item_id": "事项编号", "level": "督办级别"}


def _respond(request: Request, status: int, message: str, hint: str | None,
             code: str) -> Response:
    if wants_json(request):
        return JSONResponse({"error": {"code": code, "message": message, "hint": hint,
                                       "status": status}}, status_code=status)
    if status == 401:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    return page(request, "error.html", status_code=status, status=status,
                title=_HTTP_TEXT.get(status, "出错了"), message=message, hint=hint)


def install(app: FastAPI) -> None:
    @app.exception_handler(TaizhangError)
    async def taizhang_error(request: Request, err: TaizhangError) -> Response:
        if isinstance(err, StorageError):
            return storage_response(request, err)
        return _respond(request, err.http_status, err.message, err.hint, type(err).__name__)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, err: RequestValidationError) -> Response:
        parts = []
        for e in err.errors()[:5]:
            loc = [str(x) for x in e.get("loc", ()) if x not in ("body", "query", "form", "path")]
            name = "、".join(_FIELD_NAMES.get(x, x) for x in loc) or "请求"
            given = e.get("input")
            shown = "" if given is None or isinstance(given, (dict, list)) else f"（收到“{given}”）"
            parts.append(f"{name}{'缺失' if e.get('type') == 'missing' else '格式不对'}{shown}")
        return _respond(request, 422, "；".join(parts) or "提交的内容格式不对",
                        "请检查表单后重新提交", "ValidationError")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> Response:
        detail: Any = err.detail
        message = detail if isinstance(detail, str) and not detail.isascii() else \
            _HTTP_TEXT.get(err.status_code, "出错了")
        hint = "请检查地址是否正确，或从导航栏重新进入" if err.status_code == 404 else None
        return _respond(request, err.status_code, message, hint, f"HTTP{err.status_code}")

    @app.exception_handler(Exception)
    async def unexpected(request: Request, err: Exception) -> Response:
        # a database down (503), a value it cannot hold (400), or a bug (500, logged)
        return storage_response(request, err)



def _storage_failure(err: BaseException) -> TaizhangError | None:
    from taizhang.store.failures import storage_failure

    return storage_failure(err)


def storage_response(request: Request, err: BaseException) -> Response:
    """503 for a database that is down, gone or read-only: one log line, a Chinese page.
    (A value the database cannot hold is a 400; anything else a logged 500.)"""
    from taizhang.store.failures import value_failure

    bad = value_failure(err)
    if bad is not None:
        log.warning("数据库拒绝了输入的值（%s）：%s %s", type(err).__name__, request.method,
                    request.url.path)
        return _respond(request, 400, bad.message, bad.hint, "InputError")
    failure = _storage_failure(err)
    if failure is None:  # not about the database: a bug, logged with its trace
        log.error("unexpected error on %s", request.url.path, exc_info=err)
        return _respond(request, 500, "服务器内部错误，操作没有完成",
                        "请稍后重试；若反复出现，请联系管理员查看服务日志", "InternalError")
    log.warning("数据库不可用（%s）：%s %s", failure.message, request.method, request.url.path)
    response = _respond(request, 503, failure.message, failure.hint, "DatabaseUnavailable")
    response.headers["Retry-After"] = "30"
    return response
