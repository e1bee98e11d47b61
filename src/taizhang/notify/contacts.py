"""Contacts: a unit's mail address or group robot, checked before it is stored, masked when shown.

A robot's webhook URL carries its access key (企业微信 ``key=``, 钉钉 ``access_token=``, 飞书 the
last path segment), so the URL is as secret as the signing secret: neither is ever shown back,
logged or written into a record; pages and records carry :attr:`Contact.target`, a masked form.
"""
from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from taizhang.errors import InputError

CHANNELS: dict[str, str] = {"email": "邮件", "wecom": "企业微信群机器人",
                            "dingtalk": "钉钉群机器人", "feishu": "飞书群机器人"}
AUDIENCES: dict[str, str] = {"unit": "单位", "leaders": "领导通报名单"}

# the hosts each robot is served from; a self-hosted relay goes in TAIZHANG_ROBOT_HOSTS
OFFICIAL_HOSTS: dict[str, tuple[str, ...]] = {
    "wecom": ("qyapi.weixin.qq.com",),
    "dingtalk": ("oapi.dingtalk.com",),
    "feishu": ("open.feishu.cn", "open.larksuite.com"),
}
MAX_ADDRESS = 500
MAX_SECRET = 200

# RFC 5321 in practice: ASCII local part, a dotted domain of labels; no display names, no lists
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@"
                    r"(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


@dataclass(frozen=True, slots=True)
class Contact:
    """Where one unit (or the leaders' list) is reached; ``address`` and ``secret`` stay inside."""

    id: int
    unit_id: int | None
    audience: str  # unit | leaders
    channel: str  # email | wecom | dingtalk | feishu
    address: str = field(repr=False)
    secret: str | None = field(default=None, repr=False)
    attach: bool = False  # mail: attach the unit's fill-in sheet (the monthly report for leaders)
    enabled: bool = True
    unit: str | None = None  # the unit's name, for display
    jurisdiction: str | None = None

    @property
    def target(self) -> str:
        return mask(self.channel, self.address)

    @property
    def channel_label(self) -> str:
        return CHANNELS.get(self.channel, self.channel)

    def to_dict(self) -> dict[str, Any]:
        """What may be shown: the masked target and whether a secret is set, never either."""
        return {"id": self.id, "unit_id": self.unit_id, "unit": self.unit,
                "jurisdiction": self.jurisdiction, "audience": self.audience,
                "channel": self.channel, "channel_label": self.channel_label,
                "target": self.target, "has_secret": bool(self.secret), "attach": self.attach,
                "enabled": self.enabled}


def mask(channel: str, address: str) -> str:
    """``zhangsan@fgw.gov.cn`` → ``z***@fgw.gov.cn``; a webhook keeps its host and the last
    four characters of its key: ``https://qyapi.weixin.qq.com/…send?key=…9f3c``."""
    if channel == "email":
        local, _, domain = address.partition("@")
        return f"{local[:1]}***@{domain}"
    parts = urlsplit(address)
    token = _token(channel, address) or ""
    tail = token[-4:] if len(token) >= 12 else ""
    return f"{parts.scheme}://{parts.netloc}/…{tail}"


def _token(channel: str, url: str) -> str | None:
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    if channel == "wecom":
        return (query.get("key") or [None])[0]
    if channel == "dingtalk":
        return (query.get("access_token") or [None])[0]
    if channel == "feishu":
        prefix = "/open-apis/bot/v2/hook/"
        return parts.path[len(prefix):] if parts.path.startswith(prefix) else None
    return None


def check_channel(channel: str) -> str:
    code = channel.strip().lower()
    words = {label: c for c, label in CHANNELS.items()} | {"企业微信": "wecom", "钉钉": "dingtalk",
                                                           "飞书": "feishu", "mail": "email",
                                                           "邮箱": "email"}
    code = words.get(channel.strip(), code)
    if code not in CHANNELS:
        raise InputError(f"发送渠道“{channel}”无法识别",
                         hint="可选：" + "、".join(f"{c}（{label}）" for c, label in CHANNELS.items()))
    return code


def check_email(address: str) -> str:
    value = address.strip()
    if len(value) > 254 or not _EMAIL.match(value):
        raise InputError(f"邮箱地址“{address[:80]}”格式不对",
                         hint="应为一个地址，如 bangongshi@fgw.shenyang.gov.cn（不带姓名、不用逗号分隔多个）")
    return value


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_webhook(channel: str, url: str, *, extra_hosts: Iterable[str] = ()) -> str:
    """The URL, when it has the published shape of ``channel``'s robot webhook.

    The host must be the robot's own (or one listed in TAIZHANG_ROBOT_HOSTS, for a relay), over
    https (plain http only to a listed loopback relay): a mistyped URL fails here, not at 8 am.
    """
    value = url.strip()
    name = CHANNELS[channel]
    shapes = {"wecom": "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
              "dingtalk": "https://oapi.dingtalk.com/robot/send?access_token=…",
              "feishu": "https://open.feishu.cn/open-apis/bot/v2/hook/…"}
    hint = f"{name}的地址应形如 {shapes[channel]}（在群设置的机器人详情中复制）"
    if len(value) > MAX_ADDRESS or any(ch.isspace() for ch in value):
        raise InputError(f"{name}地址太长或含空白", hint=hint)
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").lower()
        port = parts.port
    except ValueError:
        raise InputError(f"{name}地址“{mask(channel, value)}”无法解析", hint=hint) from None
    extra = {h.strip().lower() for h in extra_hosts if h.strip()}
    listed = host in extra or (port is not None and f"{host}:{port}" in extra)
    if host not in OFFICIAL_HOSTS[channel] and not listed:
        raise InputError(f"{name}地址的主机“{host or '（空）'}”不是{name}的服务器", hint=hint)
    if parts.scheme != "https" and not (parts.scheme == "http" and listed and _is_loopback(host)):
        raise InputError(f"{name}地址必须用 https", hint=hint)
    if parts.username or parts.password or parts.fragment:
        raise InputError(f"{name}地址不应含用户名、密码或 # 片段", hint=hint)
    expected_path = {"wecom": "/cgi-bin/webhook/send", "dingtalk": "/robot/send"}.get(channel)
    if expected_path is not None and parts.path != expected_path:
        raise InputError(f"{name}地址的路径不对", hint=hint)
    token = _token(channel, value)
    if not token or not re.fullmatch(r"[A-Za-z0-9_-]{8,200}", token):
        what = {"wecom": "key", "dingtalk": "access_token", "feishu": "hook 后的令牌"}[channel]
        raise InputError(f"{name}地址缺少有效的 {what}", hint=hint)
    return value


def check_secret(channel: str, secret: str | None) -> str | None:
    """A robot's signing secret (钉钉 ``SEC…``, 飞书 any text); mail and 企业微信 take none."""
    if secret is None or not secret.strip():
        return None
    value = secret.strip()
    if channel in ("email", "wecom"):
        raise InputError(f"{CHANNELS[channel]}不使用加签密钥", hint="去掉 --secret")
    if len(value) > MAX_SECRET or not value.isascii() or any(ch.isspace() for ch in value):
        raise InputError("加签密钥格式不对（应为一串不含空白的字母数字）",
                         hint="在机器人安全设置中复制“加签”密钥，钉钉的以 SEC 开头")
    if channel == "dingtalk" and not value.startswith("SEC"):
        raise InputError("钉钉的加签密钥应以 SEC 开头", hint="在机器人安全设置中复制“加签”一栏")
    return value


def check_address(channel: str, address: str, *, extra_hosts: Iterable[str] = ()) -> str:
    if channel == "email":
        return check_email(address)
    return check_webhook(channel, address, extra_hosts=extra_hosts)
