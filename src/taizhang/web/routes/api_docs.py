"""/api/docs: Swagger UI from the swagger-ui-bundle package, served by the app itself.

FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script; an office
network often reaches no CDN, and the Content-Security-Policy (web/headers.py) allows neither.
Here the files come from the installed package and the start-up script is /static/api-docs.js.
"""
from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, Response

from taizhang.errors import NotFound

router = APIRouter()
_ASSETS = frozenset({"swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png"})


def _bundle() -> Path:
    import swagger_ui_bundle  # only when the docs are opened

    return Path(swagger_ui_bundle.swagger_ui_path)


@router.get("/api/docs", include_in_schema=False)
def api_docs(request: Request) -> Response:
    return HTMLResponse(request.app.state.templates.get_template("api_docs.html").render())


@router.get("/api/docs/assets/{name}", include_in_schema=False)
def api_docs_asset(name: str) -> Response:
    if name not in _ASSETS:
        raise NotFound(f"接口文档的文件“{name[:40]}”不存在", hint="请打开 /api/docs")
    return FileResponse(_bundle() / name, headers={"Cache-Control": "public, max-age=86400"})
