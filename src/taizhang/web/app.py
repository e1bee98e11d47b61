"""``create_app(settings)``: the FastAPI application over one Ledger.

Nothing is built at import: the ledger, the templates and the clock are made here and kept on
``app.state``. Pages are server-rendered Jinja2 in Chinese; ``/api`` serves JSON with its
OpenAPI schema at ``/api/openapi.json``.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from taizhang.config import Settings
from taizhang.web import errors
from taizhang.web.analysis_cache import AnalysisCache
from taizhang.web.auth import Throttle
from taizhang.web.cache import ItemCache
from taizhang.web.project_cache import ProjectCache
from taizhang.web.deps import HERE, csrf_protect, make_templates

SESSION_HOURS = 12
THREADS = 4  # worker threads per process for the synchronous routes (more processes beat more threads: the GIL)


def create_app(settings: Settings, *, ledger: Any = None,
               today: Callable[[], dt.date] | None = None) -> FastAPI:
    """The web app on ``settings.db_url`` (or on the given Ledger, which the app then does not own).

    ``today`` decides 亮灯 and overdue lists; it defaults to the real date, read per request.
    """
    from taizhang.store import Ledger

    owned = ledger is None
    ledger = ledger if ledger is not None else Ledger.from_settings(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        # the pages and the API are synchronous and run in anyio's threads; forty of them
        # fighting for one interpreter lock spent more time handing it over than working
        limit = int(os.environ.get("TAIZHANG_WEB_THREADS", THREADS))
        anyio.to_thread.current_default_thread_limiter().total_tokens = limit
        if os.environ.get("TAIZHANG_WEB_WARM", "1") != "0":
            threading.Thread(target=warm_up, args=(app,), name="taizhang-warm-up",
                             daemon=True).start()
        yield
        if owned:  # a ledger handed in belongs to the caller
            ledger.close()

    app = FastAPI(
        lifespan=lifespan,
        title="台账 taizhang",
        description="政策文件任务台账：文件、任务、单位填报、督办。页面为中文；接口位于 /api。",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        dependencies=[Depends(csrf_protect)],
    )
    app.state.settings = settings
    app.state.ledger = ledger
    app.state.today = today or dt.date.today
    app.state.templates = make_templates()
    app.state.throttle = Throttle()
    app.state.items = ItemCache(ledger)  # listed items, valid until the next audited change
    app.state.cache = {}  # small per-process caches (dashboard charts), keyed and time-stamped
    app.state.analysis = AnalysisCache()  # cross-document analyses, rebuilt when documents change
    app.state.projects = ProjectCache(ledger)  # the project register listed with its lights

    # the time spent in the app, for browsers' dev tools and benchmarks/bench_web.py
    app.add_middleware(ServerTiming)
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key,
                       session_cookie="taizhang_session", max_age=SESSION_HOURS * 3600,
                       same_site="lax", https_only=False)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    errors.install(app)

    from taizhang.web.routes import ROUTERS

    for router in ROUTERS:
        app.include_router(router)

    return app


def warm_up(app: FastAPI) -> None:
    """At start, in the background: the item list the dashboard, /tasks and /api/items share
    (20,000 items with their lights: most of a second of CPU), the project register's listing
    (/projects, the ranking and the chart share it) and the busiest templates, so
    the first person to open a page after a restart does not wait for them. A request that
    comes meanwhile waits for this listing instead of making its own (web/cache.py).

    ``TAIZHANG_WEB_WARM=0`` turns it off. A failure here is only logged: the first request
    then lists the items itself and reports the error as usual."""
    try:
        for name in ("dashboard.html", "tasks.html"):
            app.state.templates.env.get_template(name)
        app.state.items.list_items(today=app.state.today())
        app.state.projects.listing(app.state.today())
    except Exception:  # noqa: BLE001 - a warm-up must never take the server down
        logging.getLogger(__name__).warning("预热任务列表失败（不影响服务）", exc_info=True)


class ServerTiming:
    """Adds ``Server-Timing: app;dur=<ms>`` to every response.

    Plain ASGI rather than ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware runs
    each request in an extra task with its own streams, which cost a report request more
    than the header is worth.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()

        async def timed(message: Any) -> None:
            if message["type"] == "http.response.start":
                took = (time.perf_counter() - start) * 1000
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"],
                                       (b"server-timing", f"app;dur={took:.1f}".encode())]
            await send(message)

        await self.app(scope, receive, timed)


def app_from_env() -> FastAPI:
    """For ``uvicorn --factory`` and worker processes: settings from TAIZHANG_* variables.

    ``TAIZHANG_TODAY`` (YYYY-MM-DD) fixes the day lights are computed for (demos, checks).
    """
    import os

    settings = Settings.from_env()
    fixed = os.environ.get("TAIZHANG_TODAY")
    day = dt.date.fromisoformat(fixed) if fixed else None
    return create_app(settings, today=(lambda: day) if day else None)  # type: ignore[return-value]
