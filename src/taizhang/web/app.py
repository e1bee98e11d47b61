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

from taizhang.config import Settings
from taizhang.projects.lights import ProjectThresholds
from taizhang.web import errors
from taizhang.web.analysis_cache import AnalysisCache
from taizhang.web.auth import Throttle
from taizhang.web.cache import ItemCache
from taizhang.web.deps import HERE, csrf_protect, make_templates
from taizhang.web.project_cache import ProjectCache
from taizhang.web.headers import SecurityHeaders
from taizhang.web.sessions import Sessions

THREADS = 4  # worker threads per process for the synchronous routes (more processes beat more threads: the GIL)


def create_app(settings: Settings, *, ledger: Any = None,
               today: Callable[[], dt.date] | None = None, notify: Any = None) -> FastAPI:
    """The web app on ``settings.db_url`` (or on the given Ledger, which the app then does not own).

    ``today`` decides 亮灯 and overdue lists; it defaults to the real date, read per request.
    ``notify`` (NotifySettings, default from TAIZHANG_* variables) drives the 催办 pages, and
    with ``remind_at`` set, the daily run in this process (taizhang.notify.scheduler).
    """
    from taizhang.notify.settings import NotifySettings
    from taizhang.store import Ledger
    from taizhang.store.projects import ProjectRegister

    owned = ledger is None
    ledger = ledger if ledger is not None else Ledger.from_settings(settings)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        import anyio.to_thread

        # the pages and the API are synchronous and run in anyio's threads; forty of them
        # fighting for one interpreter lock spent more time handing it over than working
        limit = int(os.environ.get("TAIZHANG_WEB_THREADS", THREADS))
        anyio.to_thread.current_default_thread_limiter().total_tokens = limit
        app.state.uploads.start()  # the upload workers, ready before the first file
        if os.environ.get("TAIZHANG_WEB_WARM", "1") != "0":
            threading.Thread(target=warm_up, args=(app,), name="taizhang-warm-up",
                             daemon=True).start()
        scheduler = None
        if app.state.notify.remind_at is not None:
            from taizhang.notify.scheduler import Scheduler

            scheduler = Scheduler(ledger, app.state.notify, today=app.state.today)
            scheduler.start()
        yield
        if scheduler is not None:
            scheduler.stop()
        app.state.uploads.close()
        if owned:  # a ledger handed in belongs to the caller
            ledger.close()

    app = FastAPI(
        lifespan=lifespan,
        title="台账 taizhang",
        description="政策文件任务台账：文件、任务、单位填报、督办。页面为中文；接口位于 /api。",
        version="0.1.0",
        openapi_url="/api/openapi.json",
        docs_url=None,  # served by web/routes/api_docs.py from local files (no CDN, no inline script)
        redoc_url=None,
        dependencies=[Depends(csrf_protect)],
    )
    from taizhang.web.uploads import UploadPool

    app.state.settings = settings
    app.state.notify = notify if notify is not None else NotifySettings.from_env()
    app.state.ledger = ledger
    app.state.secret, app.state.secret_persistent = instance_secret(settings, ledger)
    app.state.uploads = UploadPool(settings)  # uploads are read and parsed in other processes
    from taizhang.web.page_images import PageCache

    app.state.page_images = PageCache()  # pictures of pages for the review page, bounded in bytes
    app.state.today = today or dt.date.today
    app.state.templates = make_templates()
    app.state.throttle = Throttle()
    app.state.items = ItemCache(ledger)  # listed items, valid until the next audited change
    app.state.cache = {}  # small per-process caches (dashboard charts), keyed and time-stamped
    app.state.analysis = AnalysisCache()  # cross-document analyses, rebuilt when documents change
    # the register's lights follow this app's settings (TAIZHANG_YELLOW_DAYS …), whoever made
    # the ledger (a ledger handed in keeps its own register for its other users)
    app.state.register = ProjectRegister(
        ledger, thresholds=ProjectThresholds.from_lights(settings.lights))
    app.state.projects = ProjectCache(ledger, app.state.register)  # listed with its lights

    # innermost first: sessions (server-side, web/sessions.py), then the time spent in the app
    # (for browsers' dev tools and benchmarks/bench_web.py), the security headers, and the
    # proxies whose X-Forwarded-Proto/-For are believed (none unless configured)
    app.add_middleware(Sessions, ledger=ledger, secret=app.state.secret,
                       policy=settings.session_policy)
    app.add_middleware(ServerTiming)
    app.add_middleware(SecurityHeaders)
    if settings.trusted_proxies:
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies))
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    errors.install(app)

    from taizhang.web.routes import ROUTERS

    for router in ROUTERS:
        app.include_router(router)

    return app


def instance_secret(settings: Settings, ledger: Any) -> tuple[str, bool]:
    """The secret that signs calendar links and the state cookie, and whether it lasts.

    TAIZHANG_SECRET when given; else the ledger's own, generated on first run and kept in its
    database. A database that cannot keep one (read-only, down) gets a random secret for this
    process only: nothing forgeable, but links and flash messages do not survive a restart —
    ``taizhang serve`` refuses that on any address but loopback.
    """
    import secrets

    if settings.secret_key:
        return settings.secret_key, True
    try:
        return ledger.instance_secret(), True
    except Exception as err:  # noqa: BLE001 - only a database failure is expected here
        from taizhang.store.failures import storage_failure

        if storage_failure(err) is None:
            raise
        logging.getLogger(__name__).warning("无法在数据库中保存会话密钥（%s），本次运行使用临时密钥",
                                            storage_failure(err))
        return secrets.token_urlsafe(48), False


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
