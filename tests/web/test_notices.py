"""The 催办 pages: records with failures first, contacts (admin only, masked, secrets never shown),
the 发送测试 button against a real robot receiver on loopback."""
from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from taizhang.config import Settings
from taizhang.store import Ledger
from taizhang.web import create_app

from tests.notify.conftest import DING_SECRET, Robots, robots  # noqa: F401 (the fixture)
from tests.web.conftest import TODAY, login


def _client(ledger: Ledger, robots: Robots, tmp_path: Path) -> TestClient:  # noqa: F811
    settings = Settings(db_url=ledger.url, secret_key="test-" + uuid.uuid4().hex,
                        evidence_dir=tmp_path / "evidence")
    app = create_app(settings, ledger=ledger, today=lambda: TODAY, notify=robots.settings())
    return TestClient(app, raise_server_exceptions=False)


def _add(client: TestClient, token: str, **form: str) -> object:
    unit = re.search(r'<option value="(\d+)">沈阳市 · 市发展改革委</option>',
                     client.get("/notices/contacts").text)
    assert unit
    data = {"unit_id": unit.group(1), "csrf_token": token} | form
    return client.post("/notices/contacts", data=data, follow_redirects=False)


def test_admin_adds_tests_and_sees_records(ledger: Ledger, robots: Robots,  # noqa: F811
                                           tmp_path: Path) -> None:
    client = _client(ledger, robots, tmp_path)
    token = login(client, "admin")
    url = robots.dingtalk("webToken000001")
    r = _add(client, token, channel="dingtalk", address=url, secret=DING_SECRET)
    assert r.status_code == 303
    page = client.get("/notices/contacts").text
    assert "市发展改革委" in page and "钉钉群机器人" in page and "已设置" in page
    assert "webToken000001" not in page and DING_SECRET not in page  # never shown back
    contact_id = re.search(r'/notices/contacts/(\d+)/test', page).group(1)  # type: ignore[union-attr]
    r = client.post(f"/notices/contacts/{contact_id}/test", data={"csrf_token": token})
    assert r.status_code == 200 and "测试消息已发送" in r.text
    [hit] = robots.hits
    assert hit.query["access_token"] == ["webToken000001"] and "sign" in hit.query
    assert hit.json["markdown"]["title"] == "【测试】台账催办通道测试"
    # a second contact that fails: its record comes first on the records page
    _add(client, token, channel="wecom", address=robots.wecom("fail500token"))
    failing = re.findall(r'/notices/contacts/(\d+)/test', client.get("/notices/contacts").text)[-1]
    r = client.post(f"/notices/contacts/{failing}/test", data={"csrf_token": token})
    assert "测试消息发送失败" in r.text and "HTTP 500" in r.text
    records = client.get("/notices").text
    rows = records.split("<tbody>")[1]
    assert rows.index("发送失败") < rows.index("已发送")
    assert "有 1 条发送失败" in records and "fail500token" not in records
    only_failed = client.get("/notices?state=failed").text
    assert "发送失败" in only_failed and "钉钉群机器人" not in only_failed.split("<tbody>")[1]
    preview = client.get("/notices/preview")
    assert preview.status_code == 200 and "预览今日催办" in preview.text


@pytest.mark.parametrize("user", ["fgw", "leader"])
def test_contacts_are_admin_only(ledger: Ledger, robots: Robots, tmp_path: Path,  # noqa: F811
                                 user: str) -> None:
    client = _client(ledger, robots, tmp_path)
    token = login(client, user)
    assert client.get("/notices/contacts").status_code == 403
    r = client.post("/notices/contacts", data={"channel": "email", "address": "a@b.cn",
                                               "csrf_token": token})
    assert r.status_code == 403
    assert client.get("/notices").status_code == 200  # the records can be read


def test_bad_address_in_the_form_is_refused(ledger: Ledger, robots: Robots,  # noqa: F811
                                            tmp_path: Path) -> None:
    client = _client(ledger, robots, tmp_path)
    token = login(client, "admin")
    r = _add(client, token, channel="email", address="办公室")
    assert r.status_code == 400 and "邮箱地址“办公室”格式不对" in r.text  # type: ignore[attr-defined]
    assert "还没有联系方式" in client.get("/notices/contacts").text
