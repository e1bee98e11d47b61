"""Logging in: password check, throttling, CSRF on every form, redirects for pages, 401 for /api."""
from __future__ import annotations

from fastapi.testclient import TestClient

from .conftest import PASSWORD, csrf_of, login


def test_pages_redirect_to_login_and_api_says_401(client: TestClient) -> None:
    r = client.get("/tasks", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login?next=/tasks"
    r = client.get("/api/items")
    assert r.status_code == 401
    assert r.json()["error"]["message"] == "请先登录"


def test_login_shows_user_and_logout_ends_session(client: TestClient) -> None:
    token = login(client, "fgw")
    page = client.get("/").text
    assert "fgw" in page and "单位填报员" in page and "市发展改革委" in page
    r = client.post("/logout", data={"csrf_token": token}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/", follow_redirects=False).status_code == 303


def test_wrong_password_is_refused_in_chinese(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post("/login", data={"username": "admin", "password": "nope-nope",
                                    "csrf_token": token})
    assert r.status_code == 401
    assert "用户名或密码不正确" in r.text
    assert client.get("/", follow_redirects=False).status_code == 303


def test_unknown_user_gets_the_same_answer(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post("/login", data={"username": "ghost", "password": PASSWORD,
                                    "csrf_token": token})
    assert r.status_code == 401 and "用户名或密码不正确" in r.text


def test_login_is_throttled_after_repeated_failures(client: TestClient) -> None:
    token = csrf_of(client)
    codes = [client.post("/login", data={"username": "admin", "password": f"bad-{i}-pass",
                                         "csrf_token": token}).status_code for i in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    # even the right password waits now: the name is locked for the window
    r = client.post("/login", data={"username": "admin", "password": PASSWORD,
                                    "csrf_token": token})
    assert r.status_code == 429 and "登录失败次数过多" in r.text


def test_login_without_csrf_token_is_refused(client: TestClient) -> None:
    client.get("/login")
    r = client.post("/login", data={"username": "admin", "password": PASSWORD})
    assert r.status_code == 403 and "CSRF" in r.text


def test_next_parameter_cannot_leave_the_site(client: TestClient) -> None:
    token = csrf_of(client)
    r = client.post("/login", data={"username": "admin", "password": PASSWORD,
                                    "csrf_token": token, "next": "//evil.example/x"},
                    follow_redirects=False)
    assert r.headers["location"] == "/"


def test_api_login_returns_a_csrf_token_that_posts_need(client: TestClient) -> None:
    r = client.post("/api/login", json={"username": "admin", "password": PASSWORD})
    assert r.status_code == 200
    token = r.json()["csrf_token"]
    body = {"item_id": 1, "reason": "测试"}
    assert client.post("/api/duban", json=body).status_code == 403
    assert client.post("/api/duban", json=body, headers={"X-CSRF-Token": "forged"}).status_code == 403
    assert client.post("/api/duban", json=body, headers={"X-CSRF-Token": token}).status_code == 200
