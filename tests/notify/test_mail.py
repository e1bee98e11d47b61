"""Mail through a real SMTP server on loopback: STARTTLS or implicit TLS, a login, Chinese headers,
the fill-in sheet attached; a wrong password and a closed port recorded as failures."""
from __future__ import annotations

import email
import email.policy
import io
from typing import Any

import openpyxl
import pytest

from taizhang.notify.runner import run
from taizhang.store.notify import NoticeBook

from tests.notify.conftest import MORNING, SMTP_PASSWORD, TODAY, Mailbox, free_port


def _parsed(box: Mailbox, i: int = 0) -> Any:
    return email.message_from_bytes(box.messages[i].content, policy=email.policy.default)


@pytest.mark.parametrize("server", ["smtp_server", "smtps_server"], ids=["starttls", "ssl"])
def test_digest_mail_with_chinese_subject_and_sheet(server: str, sqlite_ledger: Any,
                                                    request: pytest.FixtureRequest) -> None:
    box: Mailbox = request.getfixturevalue(server)
    book = NoticeBook(sqlite_ledger)
    contact = book.add_contact(channel="email", address="fgw@example.gov.cn", unit="市发展改革委",
                               jurisdiction="沈阳市", attach=True, actor="test")
    result = run(sqlite_ledger, box.settings(), today=TODAY, now=MORNING, actor="test",
                 holder="t")
    assert [o.state for o in result.outcomes] == ["sent"]
    assert len(box.messages) == 1 and box.logins == ["duchashi@example.gov.cn"]
    envelope = box.messages[0]
    assert envelope.rcpt_tos == ["fgw@example.gov.cn"]
    raw = envelope.content.decode("ascii")  # every header 7-bit: Chinese only as encoded words
    subject_line = next(line for line in raw.splitlines() if line.startswith("Subject:"))
    assert "=?utf-8?" in subject_line.lower()
    mail = _parsed(box)
    assert mail["Subject"] == "【催办】市发展改革委 2026-03-02：已超期1项、临近时限1项"
    assert mail["From"].addresses[0].display_name == "台账督查室"
    assert mail["To"] == "fgw@example.gov.cn" and mail["Message-ID"] and mail["Date"]
    text = mail.get_body(("plain",)).get_content()
    assert "开展产业优势调查（牵头）：时限2026-02-20，已超期10天" in text
    assert "推行管委会模式（牵头）：时限2026-03-05，还有3天" in text
    assert "https://taizhang.example.gov.cn/units/" in text
    assert "<a href=" in mail.get_body(("html",)).get_content()
    files = list(mail.iter_attachments())
    assert [f.get_filename() for f in files] == ["市发展改革委-填报表-2026-03-02.xlsx"]
    sheet = openpyxl.load_workbook(io.BytesIO(files[0].get_content())).active
    cells = {c.value for row in sheet.iter_rows() for c in row if c.value}
    assert {"推行管委会模式", "开展产业优势调查"} <= cells
    assert "优化营商环境" not in cells  # another unit's item
    [record] = book.records()
    assert (record.state, record.attempts, record.contact_id) == ("sent", 1, contact.id)
    assert record.target == "f***@example.gov.cn"


def test_wrong_password_fails_at_once_and_is_recorded(smtp_server: Mailbox,
                                                      sqlite_ledger: Any) -> None:
    book = NoticeBook(sqlite_ledger)
    book.add_contact(channel="email", address="fgw@example.gov.cn", unit="市发展改革委",
                     actor="test")
    result = run(sqlite_ledger, smtp_server.settings(smtp_password="wrong-password"),
                 today=TODAY, now=MORNING, actor="test", holder="t")
    [outcome] = result.outcomes
    assert (outcome.state, outcome.attempts) == ("failed", 1)  # a refused login is not retried
    assert "拒绝登录" in outcome.error and "wrong-password" not in outcome.error
    assert smtp_server.messages == []
    [record] = book.records()
    assert record.state == "failed" and "拒绝登录" in record.error


def test_closed_port_is_retried_then_recorded_as_failed(sqlite_ledger: Any,
                                                         smtp_server: Mailbox) -> None:
    book = NoticeBook(sqlite_ledger)
    book.add_contact(channel="email", address="fgw@example.gov.cn", unit="市发展改革委",
                     actor="test")
    waits: list[float] = []
    settings = smtp_server.settings(smtp_port=free_port())  # nobody listens there
    result = run(sqlite_ledger, settings, today=TODAY, now=MORNING, actor="test", holder="t",
                 sleep=waits.append)
    [outcome] = result.outcomes
    assert (outcome.state, outcome.attempts) == ("failed", 3)
    assert waits == [0.01, 0.02]  # doubling waits between the tries
    assert "连不上邮件服务器" in outcome.error and SMTP_PASSWORD not in outcome.error
    [record] = book.records()
    assert (record.state, record.attempts) == ("failed", 3)
    # nothing was marked as said: the next run (the server back) sends the same entries
    again = run(sqlite_ledger, smtp_server.settings(), today=TODAY, now=MORNING, actor="test",
                holder="t")
    assert [o.state for o in again.outcomes] == ["sent"]
    assert len(smtp_server.messages) == 1
