"""Group robots of 企业微信, 钉钉 and 飞书: their published webhook formats, signatures and limits.

    企业微信  POST …/cgi-bin/webhook/send?key=K  {"msgtype":"markdown","markdown":{"content":…}}
              markdown content at most 4,096 bytes (UTF-8); answer {"errcode":0,"errmsg":"ok"}
    钉钉      POST …/robot/send?access_token=T[&timestamp=ms&sign=S]
              {"msgtype":"markdown","markdown":{"title":…,"text":…}}; answer {"errcode":0,…}
              加签: S = urlencode(base64(HMAC-SHA256(key=secret, msg=f"{ms}\\n{secret}")))
    飞书      POST …/open-apis/bot/v2/hook/T  {"msg_type":"interactive","card":{…markdown…}}
              with "timestamp" (seconds) and "sign" when 签名校验 is on:
              sign = base64(HMAC-SHA256(key=f"{s}\\n{secret}", msg=b"")); answer {"code":0,…}

钉钉 and 飞书 requests are kept under 20,000 bytes. A 5xx, a 429, a time-out or the robots'
"too many messages" codes are worth another try; a wrong key or signature is not.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from taizhang.errors import DeliveryFailed
from taizhang.notify import formats
from taizhang.notify.contacts import CHANNELS, Contact, _token
from taizhang.notify.message import Message

WECOM_MARKDOWN_BYTES = 4096
BODY_BYTES = {"dingtalk": 20_000, "feishu": 20_000}
MAX_ANSWER = 64 * 1024  # a robot's answer is a few dozen bytes; read no more than this
# the robots' own "too many messages, slow down" codes: a later try may pass
RATE_LIMITED = {"wecom": {45009}, "dingtalk": {130101, 130102}, "feishu": {9499, 11232}}


@dataclass(frozen=True, slots=True)
class Request:
    url: str
    body: bytes
    message: Message  # what was kept after fitting the size limit


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """钉钉 加签, URL-encoded, as their documentation computes it."""
    text = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), text, hashlib.sha256).digest()
    return quote_plus(base64.b64encode(digest))


def feishu_sign(secret: str, timestamp_s: int) -> str:
    """飞书 签名校验: the string to sign is the HMAC key and the message is empty."""
    key = f"{timestamp_s}\n{secret}".encode()
    return base64.b64encode(hmac.new(key, b"", hashlib.sha256).digest()).decode()


def _json(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def request(contact: Contact, msg: Message, *, now_s: float) -> Request:
    """The HTTP request that posts ``msg`` to the contact's robot, within its size limit."""
    channel, url = contact.channel, contact.address
    if channel == "wecom":
        kept, content = formats.fit(msg, lambda m: formats.markdown(m, "wecom").encode(),
                                    WECOM_MARKDOWN_BYTES)
        body = _json({"msgtype": "markdown", "markdown": {"content": content.decode()}})
        return Request(url, body, kept)
    if channel == "dingtalk":
        if contact.secret:
            ms = int(now_s * 1000)
            url = f"{url}&timestamp={ms}&sign={dingtalk_sign(contact.secret, ms)}"

        def ding(m: Message) -> bytes:
            return _json({"msgtype": "markdown",
                          "markdown": {"title": m.subject, "text": formats.markdown(m, "dingtalk")}})

        kept, body = formats.fit(msg, ding, BODY_BYTES["dingtalk"])
        return Request(url, body, kept)
    if channel == "feishu":
        extra: dict[str, Any] = {}
        if contact.secret:
            s = int(now_s)
            extra = {"timestamp": str(s), "sign": feishu_sign(contact.secret, s)}
        urgent = any(sec.urgent for sec in msg.sections)

        def card(m: Message) -> bytes:
            return _json(extra | {"msg_type": "interactive", "card": {
                "config": {"wide_screen_mode": True},
                "header": {"title": {"tag": "plain_text", "content": m.title},
                           "template": "red" if urgent else "blue"},
                "elements": [{"tag": "markdown", "content": formats.markdown(m, "feishu")}]}})

        kept, body = formats.fit(msg, card, BODY_BYTES["feishu"])
        return Request(url, body, kept)
    raise DeliveryFailed(f"“{channel}”不是群机器人渠道")


def check_answer(contact: Contact, status: int, answer: bytes) -> None:
    """Raise DeliveryFailed unless the robot said it took the message."""
    name = CHANNELS[contact.channel]
    if status >= 500 or status == 429:
        raise DeliveryFailed(f"{name}服务器返回 HTTP {status}", hint="稍后会自动重试", retry=True)
    if status >= 400:
        raise DeliveryFailed(f"{name}拒收（HTTP {status}）", hint="请核对机器人地址是否仍有效")
    try:
        data = json.loads(answer.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise DeliveryFailed(f"{name}的应答不是 JSON（HTTP {status}）",
                             hint="请核对机器人地址；若经代理转发，请检查代理", retry=True) from None
    if not isinstance(data, dict):
        raise DeliveryFailed(f"{name}的应答格式不对", hint="请核对机器人地址")
    if contact.channel == "feishu":
        code = data.get("code", data.get("StatusCode", -1))
        text = data.get("msg", data.get("StatusMessage", ""))
    else:
        code, text = data.get("errcode", -1), data.get("errmsg", "")
    if code == 0:
        return
    token = _token(contact.channel, contact.address) or ""
    said = str(text)[:200].replace(token, "…") if token else str(text)[:200]
    retry = code in RATE_LIMITED[contact.channel]
    hints = {"dingtalk": "若开启了加签，请核对密钥；关键词、IP 限制也会导致拒收",
             "feishu": "若开启了签名校验，请核对密钥与本机时间", "wecom": "请核对机器人地址中的 key"}
    raise DeliveryFailed(f"{name}拒收（错误码 {code}：{said}）",
                         hint="发送过于频繁，稍后会自动重试" if retry else hints[contact.channel],
                         retry=retry)


class Poster:
    """One HTTP client for a run's robot messages (connections kept alive between them)."""

    def __init__(self, timeout: float) -> None:
        import httpx

        self._httpx = httpx
        self.timeout = timeout
        # no redirects: a webhook that answers with one is not the robot (HTTPS_PROXY, if the
        # office needs one to reach the robots, is honoured as httpx does by default)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False)

    def __enter__(self) -> "Poster":
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def post(self, contact: Contact, req: Request) -> None:
        import time

        httpx = self._httpx
        name = CHANNELS[contact.channel]
        # the client's timeout bounds each read; this bounds the whole answer, so a robot (or
        # relay) that drips bytes cannot hold a run for long
        deadline = time.monotonic() + 2 * self.timeout
        try:
            with self.client.stream("POST", req.url, content=req.body, headers={
                    "Content-Type": "application/json; charset=utf-8"}) as r:
                answer = b""
                for chunk in r.iter_bytes():
                    answer += chunk
                    if len(answer) > MAX_ANSWER or time.monotonic() > deadline:
                        break
                status = r.status_code
        except httpx.TimeoutException:
            raise DeliveryFailed(f"{name}服务器无响应（超时）", hint="稍后会自动重试",
                                 retry=True) from None
        except httpx.ConnectError:
            raise DeliveryFailed(f"连不上{name}服务器（{contact.target}）",
                                 hint="请检查网络；稍后会自动重试", retry=True) from None
        except httpx.HTTPError as err:
            raise DeliveryFailed(f"发往{name}时连接出错（{type(err).__name__}）",
                                 hint="稍后会自动重试", retry=True) from None
        check_answer(contact, status, answer[:MAX_ANSWER])
