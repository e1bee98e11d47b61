"""Findings 1 and 3 of issue 13: no forgeable sessions, and a logout that ends the session.

Each test here failed on the main of before: a cookie signed with the constant key opened
/users as admin, the calendar answered 500 with no secret set, and a copied cookie kept working
for 12 hours after 退出.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from taizhang.config import Settings
from taizhang.errors import InputError
from taizhang.store import Ledger
from taizhang.web import create_app
from taizhang.web.auth import hash_password

from .conftest import PASSWORD, TODAY, login, seed_ledger

# every constant a deployment might have been signed with: the member descriptor the old
# from_env read by mistake, the old default, and the usual guesses
CONSTANT_KEYS = [
    pytest.param("<member 'secret_key' of 'Settings' objects>", id="member_descriptor"),
    pytest.param("taizhang-dev-secret-change-me", id="old_default"),
    pytest.param("", id="empty"),
    pytest.param("secret", id="secret"),
    pytest.param("change-me", id="change_me"),
]
ADMIN = {"username": "admin", "role": "admin", "unit_id": None, "unit_name": None,
         "unit_jurisdiction": None}


def starlette_cookie(key: str, data: dict[str, Any]) -> str:
    """A session cookie as Starlette's SessionMiddleware signs it (what an attacker forges)."""
    from itsdangerous import TimestampSigner

    payload = base64.b64encode(json.dumps(data).encode())
    return TimestampSigner(key).sign(payload).decode()


def app_without_secret(ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.delenv("TAIZHANG_SECRET", raising=False)
    settings = Settings.from_env(db_url=ledger.url)
    assert settings.secret_key is None
    settings = Settings(db_url=ledger.url, evidence_dir=tmp_path / "evidence")
    return create_app(settings, ledger=ledger, today=lambda: TODAY)


@pytest.mark.parametrize("key", CONSTANT_KEYS)
def test_forged_cookie_signed_with_a_constant_key_is_refused(
        key: str, ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    client = TestClient(app_without_secret(ledger, tmp_path, monkeypatch),
                        raise_server_exceptions=False)
    cookie = starlette_cookie(key, {"user": ADMIN, "csrf": "x" * 43})
    for name in ("taizhang_session", "session", "taizhang_state"):
        client.cookies.set(name, cookie)
    assert client.get("/users", follow_redirects=False).status_code == 303
    assert client.get("/api/me").status_code == 401
    users_before = [u.username for u in ledger.list_users()]
    r = client.post("/users", data={"username": "mallory", "password": "long-enough-9",
                                    "role": "admin", "csrf_token": "x" * 43},
                    follow_redirects=False)
    assert r.status_code in (303, 401, 403)
    assert [u.username for u in ledger.list_users()] == users_before


def test_calendar_and_its_links_work_with_no_secret_set(
        ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    client = TestClient(app_without_secret(ledger, tmp_path, monkeypatch),
                        raise_server_exceptions=False)
    for user in ("admin", "fgw", "leader"):
        client.cookies.clear()
        login(client, user)
        page = client.get("/calendar?month=2018-06")
        assert page.status_code == 200 and "日历订阅" in page.text
    link = page.text.split('href="/ics/', 1)[1].split('"', 1)[0]
    ics = client.get(f"/ics/{link}")
    assert ics.status_code == 200 and ics.text.startswith("BEGIN:VCALENDAR")
    forged = client.get("/ics/" + link.replace(link[-6:], "AAAAAA"))
    assert forged.status_code == 404


def test_the_secret_is_made_once_per_ledger_and_the_environment_overrides_it(
        ledger: Ledger, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = app_without_secret(ledger, tmp_path, monkeypatch).state
    again = app_without_secret(ledger, tmp_path, monkeypatch).state
    assert first.secret == again.secret and len(first.secret) >= 48 and first.secret_persistent
    other = Ledger(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        assert other.instance_secret() != first.secret
    finally:
        other.close()
    given = "e" * 40
    monkeypatch.setenv("TAIZHANG_SECRET", given)
    assert Settings.from_env().secret_key == given
    monkeypatch.setenv("TAIZHANG_SECRET", "short")
    with pytest.raises(InputError, match="太短"):
        Settings.from_env()


def test_the_session_cookie_is_an_opaque_token_with_safe_flags(client: TestClient) -> None:
    login(client, "fgw")
    token = client.cookies.get("taizhang_session")
    assert token and 40 <= len(token) <= 64
    for word in ("fgw", "reporter", "市发展改革委"):
        assert word not in token and word.encode() not in _b64_tries(token)
    r = client.post("/api/login", json={"username": "fgw", "password": PASSWORD})
    cookie = next(h for h in r.headers.get_list("set-cookie") if h.startswith("taizhang_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def _b64_tries(token: str) -> bytes:
    out = b""
    for pad in ("", "=", "=="):
        try:
            out += base64.urlsafe_b64decode(token + pad)
        except ValueError:
            pass
    return out


def test_a_replayed_cookie_after_logout_gets_401(client: TestClient, ledger: Ledger,
                                                 tmp_path: Path) -> None:
    r = client.post("/api/login", json={"username": "fgw", "password": PASSWORD})
    csrf = r.json()["csrf_token"]
    copied = client.cookies.get("taizhang_session")
    assert client.get("/api/me").status_code == 200
    assert client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    thief = TestClient(client.app, raise_server_exceptions=False)
    thief.cookies.set("taizhang_session", copied)
    assert thief.get("/api/me").status_code == 401
    assert thief.get("/api/items").status_code == 401
    assert thief.get("/tasks", follow_redirects=False).status_code == 303
    item = ledger.list_items(unit="市发展改革委", jurisdiction="沈阳市", today=TODAY)[0]
    r = thief.post(f"/api/items/{item.id}/reports", json={"percent": 50},
                   headers={"X-CSRF-Token": csrf})
    assert r.status_code in (401, 403)
    assert ledger.reports(item.id) == []


def test_a_new_password_and_the_administrator_end_sessions(client: TestClient, ledger: Ledger,
                                                           tmp_path: Path) -> None:
    login(client, "fgw")
    assert client.get("/api/me").status_code == 200
    ledger.set_password_hash("fgw", hash_password("another-pass-8"), actor="test")
    assert client.get("/api/me").status_code == 401
    login(client, "fgw", "another-pass-8")
    admin = TestClient(client.app, raise_server_exceptions=False)
    token = login(admin, "admin")
    page = admin.get("/users").text
    assert "注销会话" in page
    r = admin.post("/users/fgw/sessions/end", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/api/me").status_code == 401
    assert admin.get("/api/me").status_code == 200  # only fgw's sessions ended
    trail = ledger.audit_log(entity="user")
    assert trail[-1].action == "user.sessions_end" and trail[-1].after["ended"] == 1


def test_idle_and_absolute_timeouts(tmp_path: Path) -> None:
    now = [dt.datetime(2019, 6, 1, 8, 0)]
    ledger = Ledger(f"sqlite:///{tmp_path / 'clock.db'}", clock=lambda: now[0])
    try:
        seed_ledger(ledger)
        settings = Settings(db_url=ledger.url, evidence_dir=tmp_path / "ev",
                            session_idle_minutes=30, session_max_hours=2)
        client = TestClient(create_app(settings, ledger=ledger, today=lambda: TODAY),
                            raise_server_exceptions=False)
        login(client, "leader")
        now[0] += dt.timedelta(minutes=29)
        assert client.get("/api/me").status_code == 200
        now[0] += dt.timedelta(minutes=31)  # 31 minutes since the last request
        assert client.get("/api/me").status_code == 401
        login(client, "leader")
        for _ in range(7):  # busy all along: 7 × 20 minutes, past the 2-hour limit
            now[0] += dt.timedelta(minutes=20)
            status = client.get("/api/me").status_code
        assert status == 401
    finally:
        ledger.close()


def test_login_does_not_keep_a_session_from_before(client: TestClient, ledger: Ledger) -> None:
    login(client, "leader")
    before = client.cookies.get("taizhang_session")
    login(client, "admin")
    assert client.cookies.get("taizhang_session") != before
    thief = TestClient(client.app, raise_server_exceptions=False)
    thief.cookies.set("taizhang_session", before)
    assert thief.get("/api/me").status_code == 401
