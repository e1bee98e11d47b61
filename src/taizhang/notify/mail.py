"""Mail over SMTP: STARTTLS (587), implicit TLS (465) or a plain internal relay, with login.

One connection serves a whole run (500 units are 500 mails, not 500 handshakes) and is opened
again after a failure. Subjects, sender names and attachment names are Chinese: the standard
library's ``email`` package encodes them (RFC 2047 headers, RFC 2231 file names). The password
comes from the settings and appears in no message, record or log.
"""
from __future__ import annotations

import datetime as dt
import smtplib
import socket
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from taizhang.errors import DeliveryFailed
from taizhang.notify import formats
from taizhang.notify.message import Message
from taizhang.notify.settings import NotifySettings

DEFAULT_SENDER_NAME = "台账督查室"


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    data: bytes
    mime: str  # e.g. application/vnd.openxmlformats-officedocument.spreadsheetml.sheet


def build(msg: Message, to: str, sender: str, *, now: dt.datetime,
          attachments: Sequence[Attachment] = ()) -> EmailMessage:
    """The mail: plain text and HTML alternatives, then the attachments."""
    mail = EmailMessage()
    mail["Subject"] = msg.subject
    mail["From"] = sender
    mail["To"] = to
    mail["Date"] = format_datetime(now)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "taizhang.local"
    mail["Message-ID"] = make_msgid(domain=domain)
    mail.set_content(formats.plain(msg))
    mail.add_alternative(formats.html(msg), subtype="html")
    for a in attachments:
        maintype, _, subtype = a.mime.partition("/")
        mail.add_attachment(a.data, maintype=maintype, subtype=subtype, filename=a.filename)
    return mail


def sender_of(settings: NotifySettings) -> str:
    """``TAIZHANG_SMTP_FROM``, else the login name when it is an address, with a Chinese name."""
    given = settings.smtp_from or (settings.smtp_user if settings.smtp_user and
                                   "@" in settings.smtp_user else None)
    if not given:
        raise DeliveryFailed("未设置发件地址", hint="请设置环境变量 TAIZHANG_SMTP_FROM，"
                             "例如 '台账督查室 <duchashi@example.gov.cn>'")
    name, address = parseaddr(given)
    if "@" not in address:
        raise DeliveryFailed(f"发件地址“{given}”格式不对", hint="例如 台账督查室 <duchashi@example.gov.cn>")
    from email.headerregistry import Address

    local, _, domain = address.partition("@")
    return str(Address(display_name=name or DEFAULT_SENDER_NAME, username=local, domain=domain))


class Mailer:
    """A run's SMTP session, opened on the first mail."""

    def __init__(self, settings: NotifySettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> "Mailer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self._smtp = None

    def _where(self) -> str:
        return f"{self.settings.smtp_host}:{self.settings.port}"

    def _open(self) -> smtplib.SMTP:
        s = self.settings
        if not s.smtp_host:
            raise DeliveryFailed("未配置邮件服务器", hint="请设置环境变量 TAIZHANG_SMTP_HOST（及端口、"
                                 "TAIZHANG_SMTP_SECURITY、用户名和密码），见 docs/remind.md")
        context = ssl.create_default_context(cafile=s.smtp_cafile)
        smtp: smtplib.SMTP
        if s.smtp_security == "ssl":
            smtp = smtplib.SMTP_SSL(s.smtp_host, s.port, timeout=s.timeout, context=context)
        else:
            smtp = smtplib.SMTP(s.smtp_host, s.port, timeout=s.timeout)
            smtp.ehlo()
            if s.smtp_security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
        if s.smtp_user:
            # one mechanism, PLAIN when offered (it is what TLS makes safe): smtplib's login()
            # would try the next mechanism after a refusal, so a wrong password counted twice
            # against servers that lock accounts after a few failures
            smtp.ehlo_or_helo_if_needed()
            offered = smtp.esmtp_features.get("auth", "").upper().split()
            if "PLAIN" in offered:
                smtp.user, smtp.password = s.smtp_user, s.smtp_password or ""
                smtp.auth("PLAIN", smtp.auth_plain)
            else:
                smtp.login(s.smtp_user, s.smtp_password or "")
        return smtp

    def send(self, mail: EmailMessage) -> None:
        """Send one mail; DeliveryFailed (``retry`` when a later try may succeed) otherwise."""
        try:
            if self._smtp is None:
                self._smtp = self._open()
            self._smtp.send_message(mail)
        except DeliveryFailed:
            raise
        except Exception as err:  # noqa: BLE001 - every failure becomes one Chinese message
            self._drop()
            raise _explain(err, self._where()) from None

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.close()
            except OSError:
                pass


def _explain(err: Exception, where: str) -> DeliveryFailed:
    """A Chinese reason that names the server, never the password; retry for passing trouble."""
    if isinstance(err, smtplib.SMTPAuthenticationError):
        return DeliveryFailed(f"邮件服务器 {where} 拒绝登录（{err.smtp_code}）",
                              hint="请检查 TAIZHANG_SMTP_USER 和 TAIZHANG_SMTP_PASSWORD")
    if isinstance(err, smtplib.SMTPRecipientsRefused):
        codes = ", ".join(str(code) for code, _ in err.recipients.values())
        return DeliveryFailed(f"邮件服务器 {where} 拒收该收件地址（{codes}）",
                              hint="请核对该单位的邮箱地址", retry=codes.startswith("4"))
    if isinstance(err, smtplib.SMTPResponseException):
        return DeliveryFailed(f"邮件服务器 {where} 返回 {err.smtp_code}",
                              hint="稍后会自动重试" if 400 <= err.smtp_code < 500 else "请联系邮件管理员",
                              retry=400 <= err.smtp_code < 500)
    if isinstance(err, smtplib.SMTPNotSupportedError):
        return DeliveryFailed(f"邮件服务器 {where} 不支持所需功能（{err}）",
                              hint="请检查 TAIZHANG_SMTP_SECURITY（starttls/ssl/none）是否与服务器一致")
    if isinstance(err, ssl.SSLError):
        return DeliveryFailed(f"与邮件服务器 {where} 的加密连接失败（{err.reason or err}）",
                              hint="请检查端口与 TAIZHANG_SMTP_SECURITY；内网自签证书请设置 TAIZHANG_SMTP_CAFILE")
    if isinstance(err, ConnectionRefusedError):
        return DeliveryFailed(f"连不上邮件服务器 {where}（连接被拒绝）", hint="请检查服务器地址和端口",
                              retry=True)
    if isinstance(err, (socket.timeout, TimeoutError)):
        return DeliveryFailed(f"邮件服务器 {where} 无响应（超时）", hint="稍后会自动重试", retry=True)
    if isinstance(err, (smtplib.SMTPServerDisconnected, OSError)):
        return DeliveryFailed(f"与邮件服务器 {where} 的连接中断（{type(err).__name__}）",
                              hint="稍后会自动重试", retry=True)
    return DeliveryFailed(f"发送邮件失败（{type(err).__name__}）", hint="请联系管理员查看日志")
