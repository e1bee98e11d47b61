"""Finding 4 of issue 13: security headers, Secure cookies behind https (trusting only the
configured proxies), and a login throttle that slows a guesser without locking the owner out."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from collections.abc import Iterator

from taizhang.config import Settings
from taizhang.store import Ledger
from taizhang.web import create_app
from taizhang.web.auth import Allowance, Throttle

from .conftest import PASSWORD, TODAY, csrf_of, login, seed_ledger

PAGES = [
    pytest.param("/login", id="login"),
    pytest.param("/", id="dashboard"),
    pytest.param("/tasks", id="tasks"),
    pytest.param("/units", id="units"),
    pytest.param("/calendar", id="calendar"),
    pytest.param("/api/items?limit=1", id="api"),
    pytest.param("/no/such/page", id="not_found"),
    pytest.param("/static/style.css", id="static"),
    pytest.param("/api/docs", id="api_docs"),
]


def _app(ledger: Ledger, tmp_path: Path, **kw: object) -> object:
    settings = Settings(db_url=ledger.url, evidence_dir=tmp_path / "ev", **kw)  # type: ignore[arg-type]
    return create_app(settings, ledger=ledger, today=lambda: TODAY)


@pytest.fixture(scope="module")
def admin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One logged-in administrator for the read-only checks of this module."""
    tmp = tmp_path_factory.mktemp("headers")
    lg = Ledger(f"sqlite:///{tmp / 'web.db'}")
    seed_ledger(lg)
    client = TestClient(_app(lg, tmp), raise_server_exceptions=False)
    login(client, "admin")
    yield client
    lg.close()


@pytest.mark.parametrize("path", PAGES)
def test_every_answer_carries_the_security_headers(admin: TestClient, path: str) -> None:
    r = admin.get(path)
    csp = r.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"  # no inline script, no other origin
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"
    assert "strict-transport-security" not in r.headers  # plain http: no HSTS


def test_pages_hold_no_inline_script_or_style(admin: TestClient) -> None:
    client = admin
    item = client.app.state.ledger.list_items(today=TODAY)[0]
    for path in ("/", "/tasks", f"/tasks/{item.id}", f"/documents/{item.document_id}", "/units",
                 "/calendar", "/users", "/duban", "/analysis/load", "/analysis/chains",
                 "/analysis/network", "/analysis/adoption", "/api/docs"):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\son[a-z]+=", html), path  # onchange=, onclick=
        assert "javascript:" not in html, path
        assert not re.search(r"<[a-z]+[^>]*\sstyle=", html), path  # style attributes (SVG uses presentation attributes)
        assert "<style" not in html, path


def test_secure_cookies_behind_a_trusted_https_proxy_only(ledger: Ledger, tmp_path: Path) -> None:
    app = _app(ledger, tmp_path, trusted_proxies=("10.1.1.1",))
    proxied = TestClient(app, client=("10.1.1.1", 4000))
    r = proxied.post("/api/login", json={"username": "admin", "password": PASSWORD},
                     headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"})
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("taizhang_session="))
    assert "Secure" in cookie and "HttpOnly" in cookie
    assert r.headers["strict-transport-security"].startswith("max-age=")
    # the same header from anyone else is ignored: no Secure flag, no HSTS
    stranger = TestClient(app, client=("10.9.9.9", 4000))
    r = stranger.post("/api/login", json={"username": "admin", "password": PASSWORD},
                      headers={"X-Forwarded-Proto": "https"})
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("taizhang_session="))
    assert "Secure" not in cookie and "strict-transport-security" not in r.headers


def _try(client: TestClient, name: str, password: str) -> int:
    token = csrf_of(client)
    return client.post("/login", data={"username": name, "password": password,
                                       "csrf_token": token}, follow_redirects=False).status_code


def test_a_guesser_elsewhere_cannot_lock_the_owner_out(ledger: Ledger, tmp_path: Path) -> None:
    app = _app(ledger, tmp_path)
    attacker = TestClient(app, client=("198.51.100.7", 5000), raise_server_exceptions=False)
    codes = [_try(attacker, "leader", f"guess-{i}-x") for i in range(7)]
    assert codes[:5] == [401] * 5 and codes[5:] == [429, 429]  # slowed after five
    owner = TestClient(app, client=("192.0.2.20", 5000), raise_server_exceptions=False)
    assert _try(owner, "leader", PASSWORD) == 303  # the finding: this was refused


def test_many_addresses_slow_strangers_but_not_the_owners_browser(ledger: Ledger,
                                                                  tmp_path: Path) -> None:
    app = _app(ledger, tmp_path)
    # the per-name allowance made small (default 20) so that few argon2 checks show it
    app.state.throttle = Throttle(name=Allowance(6, cap=60.0))
    owner = TestClient(app, client=("192.0.2.20", 5000), raise_server_exceptions=False)
    assert _try(owner, "leader", PASSWORD) == 303  # the owner's browser gets a device cookie
    owner.post("/logout", data={"csrf_token": csrf_of(owner, "/")})
    for n in range(3):  # a botnet: two tries from each of three addresses
        bot = TestClient(app, client=(f"203.0.113.{n + 1}", 5000), raise_server_exceptions=False)
        assert [_try(bot, "leader", f"bot-{n}-{i}-x") for i in range(2)] == [401] * 2
    newcomer = TestClient(app, client=("192.0.2.99", 5000), raise_server_exceptions=False)
    token = csrf_of(newcomer)
    r = newcomer.post("/login", data={"username": "leader", "password": PASSWORD,
                                      "csrf_token": token})
    assert r.status_code == 429  # a stranger trying that name now waits …
    wait = int(re.search(r"请 (\d+) 秒后再试", r.text).group(1))
    assert wait <= 60  # … a minute at most, never a lockout
    assert _try(owner, "leader", PASSWORD) == 303  # the owner's own browser is not slowed
