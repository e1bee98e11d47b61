"""A real server (uvicorn in a thread, loopback, free port, temp SQLite) and Debian's Chromium."""
from __future__ import annotations

import datetime as dt
import socket
import threading
import time
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from taizhang.config import Settings
from taizhang.store import Ledger
from taizhang.web import create_app
from taizhang.web.auth import hash_password

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TODAY = dt.date(2019, 6, 1)
PASSWORD = "browser-pass-7"
OWN_UNIT = "市发展改革委"
ROOT = Path(__file__).resolve().parents[2]
# screenshots go to a scratch folder; TAIZHANG_SCREENSHOTS=docs/img refreshes the README's pictures
SHOTS = Path(os.environ.get("TAIZHANG_SCREENSHOTS") or (Path(tempfile.gettempdir()) / "taizhang-shots"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, ledger: Ledger, tmp: Path, today: dt.date = TODAY) -> None:
        import uvicorn

        self.ledger = ledger
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings = Settings(db_url=ledger.url, secret_key="browser-secret",
                            evidence_dir=tmp / "evidence")
        app = create_app(settings, ledger=ledger, today=lambda: today)
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                    log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        for _ in range(200):  # bounded: 10 s
            if self.server.started:
                return self
            time.sleep(0.05)
        raise RuntimeError("uvicorn did not start within 10 s")

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("browser")
    ledger = Ledger(f"sqlite:///{tmp / 'browser.db'}")
    digest = hash_password(PASSWORD)
    ledger.create_user("admin", digest, "admin")
    ledger.create_user("leader", digest, "leader")
    with Server(ledger, tmp) as srv:
        yield srv
    ledger.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def new_page(browser: Any, server: Server, username: str) -> Any:
    """A fresh context (own cookies) logged in through the form."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN",
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{server.url}/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{server.url}/")
    return page


def shot(page: Any, name: str, *, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"web-{name}.png"), full_page=full)
