"""The three group robots against an HTTP receiver on loopback: each payload in its published
format, 钉钉 and 飞书 signatures recomputed from what arrived, the size limits, a 500 retried and
recorded as failed, a signature refusal not retried, and no key or secret in any record."""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any
from urllib.parse import quote_plus

import pytest

from taizhang.notify.runner import run
from taizhang.store.notify import NoticeBook
from taizhang.store import Ledger

from tests.notify.conftest import (
    DING_SECRET, FEISHU_SECRET, MORNING, TODAY, Robots, seeded,
)


def _run(ledger: Ledger, robots: Robots, **kw: Any) -> Any:
    return run(ledger, robots.settings(), today=TODAY, now=MORNING, actor="test", holder="t",
               sleep=lambda s: None, **kw)


def _add(ledger: Ledger, channel: str, url: str, secret: str | None = None,
         unit: str = "市发展改革委") -> Any:
    return NoticeBook(ledger).add_contact(channel=channel, address=url, secret=secret, unit=unit,
                                          actor="test", extra_hosts=("127.0.0.1",))


def test_wecom_markdown(sqlite_ledger: Ledger, robots: Robots) -> None:
    _add(sqlite_ledger, "wecom", robots.wecom())
    result = _run(sqlite_ledger, robots)
    assert [o.state for o in result.outcomes] == ["sent"]
    [hit] = robots.hits
    assert hit.path == "/cgi-bin/webhook/send" and hit.query == {"key": ["wecomKey0001"]}
    assert hit.headers["Content-Type"].startswith("application/json")
    body = hit.json
    assert set(body) == {"msgtype", "markdown"} and body["msgtype"] == "markdown"
    content = body["markdown"]["content"]
    assert len(content.encode()) <= 4096
    assert content.startswith("## 【催办】市发展改革委")
    assert '<font color="warning">**一、已超期（1项）**</font>' in content
    assert "[开展产业优势调查（牵头）：时限2026-02-20，已超期10天](https://taizhang.example.gov.cn/tasks/" in content


def test_dingtalk_markdown_and_signature(sqlite_ledger: Ledger, robots: Robots) -> None:
    _add(sqlite_ledger, "dingtalk", robots.dingtalk(), DING_SECRET)
    before = int(time.time() * 1000)
    _run(sqlite_ledger, robots)
    [hit] = robots.hits
    assert hit.path == "/robot/send"
    assert hit.query["access_token"] == ["dingToken0001"]
    stamp = int(hit.query["timestamp"][0])
    assert before - 1000 <= stamp <= int(time.time() * 1000)  # milliseconds, now
    # 钉钉's documented check: base64(HMAC-SHA256(secret, "timestamp\nsecret")), URL-encoded
    digest = hmac.new(DING_SECRET.encode(), f"{stamp}\n{DING_SECRET}".encode(),
                      hashlib.sha256).digest()
    assert hit.query["sign"] == [base64.b64encode(digest).decode()]
    assert f"sign={quote_plus(base64.b64encode(digest))}" in hit.raw_query  # URL-encoded
    body = hit.json
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["title"].startswith("【催办】市发展改革委 2026-03-02")
    text = body["markdown"]["text"]
    assert text.startswith("### 【催办】市发展改革委") and "\n\n" in text
    assert len(hit.body) <= 20_000


def test_feishu_card_and_signature(sqlite_ledger: Ledger, robots: Robots) -> None:
    _add(sqlite_ledger, "feishu", robots.feishu(), FEISHU_SECRET)
    _run(sqlite_ledger, robots)
    [hit] = robots.hits
    assert hit.path == "/open-apis/bot/v2/hook/feishuHook0001"
    body = hit.json
    stamp = int(body["timestamp"])
    assert abs(stamp - time.time()) < 5  # seconds
    key = f"{stamp}\n{FEISHU_SECRET}".encode()
    assert body["sign"] == base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()
    assert body["msg_type"] == "interactive"
    card = body["card"]
    assert card["header"]["title"] == {"tag": "plain_text", "content": "【催办】市发展改革委"}
    assert card["header"]["template"] == "red"  # something is overdue
    [element] = card["elements"]
    assert element["tag"] == "markdown" and "已超期" in element["content"]


def test_unsigned_robots_carry_no_signature(sqlite_ledger: Ledger, robots: Robots) -> None:
    _add(sqlite_ledger, "dingtalk", robots.dingtalk())
    _add(sqlite_ledger, "feishu", robots.feishu())
    _run(sqlite_ledger, robots)
    ding, feishu = sorted(robots.hits, key=lambda h: h.path, reverse=True)
    assert "sign" not in ding.query and "timestamp" not in ding.query
    assert "sign" not in feishu.json and "timestamp" not in feishu.json


def test_size_limit_keeps_the_first_lines_and_the_rest_come_next(tmp_path: Any,
                                                                  robots: Robots) -> None:
    ledger = seeded(f"sqlite:///{tmp_path / 'many.db'}", many=300)
    try:
        _add(ledger, "wecom", robots.wecom(), unit="市营商局")
        first = _run(ledger, robots)
        content = robots.hits[0].json["markdown"]["content"]
        assert len(content.encode()) <= 4096
        assert "另有" in content and "项未列出" in content
        shown = first.outcomes[0].shown
        said = {k for k, _ in shown.keys()}
        assert 0 < len(said) < 300
        [record] = NoticeBook(ledger).records(with_keys=True)
        assert set(record.keys) == said  # only what was shown counts as said
        # markdown in a task's own text cannot break the message: brackets made full-width
        assert "［0］" in content and "[0]" not in content.replace("](", "")
        second = _run(ledger, robots)  # the same day: the lines left out, and only those
        again = {k for k, _ in second.outcomes[0].shown.keys()}
        assert again and not again & said
    finally:
        ledger.close()


@pytest.mark.parametrize("channel", ["wecom", "dingtalk", "feishu"])
def test_http_500_is_retried_then_recorded_failed(channel: str, sqlite_ledger: Ledger,
                                                  robots: Robots) -> None:
    url = getattr(robots, channel)("fail500token")
    _add(sqlite_ledger, channel, url)
    result = _run(sqlite_ledger, robots)
    [outcome] = result.outcomes
    assert (outcome.state, outcome.attempts) == ("failed", 3)
    assert len(robots.hits) == 3
    assert "HTTP 500" in outcome.error
    [record] = NoticeBook(sqlite_ledger).records()
    assert (record.state, record.attempts) == ("failed", 3)
    assert "fail500token" not in record.target + record.error


@pytest.mark.parametrize("channel, secret", [("dingtalk", DING_SECRET),
                                             ("feishu", FEISHU_SECRET)])
def test_signature_refused_is_not_retried(channel: str, secret: str, sqlite_ledger: Ledger,
                                          robots: Robots) -> None:
    _add(sqlite_ledger, channel, getattr(robots, channel)("badsignToken"), secret)
    [outcome] = _run(sqlite_ledger, robots).outcomes
    assert (outcome.state, outcome.attempts) == ("failed", 1)
    assert ("310000" if channel == "dingtalk" else "19021") in outcome.error
    assert len(robots.hits) == 1


def test_closed_port_is_retried(sqlite_ledger: Ledger, robots: Robots) -> None:
    from tests.notify.conftest import free_port

    _add(sqlite_ledger, "wecom", f"http://127.0.0.1:{free_port()}/cgi-bin/webhook/send?key=closedPort01")
    [outcome] = _run(sqlite_ledger, robots).outcomes
    assert (outcome.state, outcome.attempts) == ("failed", 3)
    assert "连不上企业微信群机器人服务器" in outcome.error


def test_no_key_or_secret_leaves_the_contact(sqlite_ledger: Ledger, robots: Robots) -> None:
    book = NoticeBook(sqlite_ledger)
    c = _add(sqlite_ledger, "dingtalk", robots.dingtalk("leakyToken12345"), DING_SECRET)
    _run(sqlite_ledger, robots)
    shown = json.dumps([c.to_dict(), repr(c)] + [r.to_dict() for r in book.records()],
                       ensure_ascii=False, default=str)
    shown += json.dumps([e.to_dict() for e in sqlite_ledger.audit_log()], ensure_ascii=False,
                        default=str)
    assert "leakyToken12345" not in shown and DING_SECRET not in shown
    assert c.target.endswith("2345")  # enough to tell two robots apart
