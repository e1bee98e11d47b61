""".eml mails → the document they carry: an attachment, or else the mail's own text.

OA systems and colleagues forward 公文 as mail attachments. The largest attachment that is a
document we read (docx, doc, wps, pdf, ofd, txt, html, a scan) is read through
:func:`taizhang.readers.read_bytes`, with a warning naming it and the ones left aside; a mail
with no such attachment is read from its body (plain text first, else HTML). The standard
library's parser handles MIME, encoded headers (=?GB18030?B?…?=) and transfer encodings.
"""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from taizhang.errors import FileUnreadable
from taizhang.parse.model import ParseWarning, WarningCode

if TYPE_CHECKING:
    from taizhang.readers import ReadResult

DOCUMENT_SUFFIXES = frozenset({".docx", ".doc", ".wps", ".pdf", ".ofd", ".txt", ".html", ".htm",
                               ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".eml"})
MAX_DEPTH = 2  # a mail forwarded as an attachment of a mail, and no deeper


def read_mail(data: bytes, source: str, *, encoding: str | None, max_bytes: int,
              depth: int = 0) -> ReadResult:
    from email import policy
    from email.parser import BytesParser

    from taizhang.readers import ReadResult, read_bytes

    if depth > MAX_DEPTH:
        raise FileUnreadable(source, f"邮件里套着邮件超过 {MAX_DEPTH} 层", hint="请直接提供公文附件")
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
        attachments = [(part.get_filename() or "", part) for part in message.iter_attachments()]
    except Exception as err:  # the email package raises assorted errors on broken MIME
        raise FileUnreadable(source, f"邮件（.eml）格式已损坏，无法解析（{type(err).__name__}）",
                             hint="请在邮件客户端中重新另存，或直接保存附件") from None
    if not message.keys():
        raise FileUnreadable(source, "这不是有效的邮件（.eml）文件：没有邮件头",
                             hint="请在邮件客户端中重新另存，或直接保存附件")
    documents = [(name, part) for name, part in attachments
                 if os.path.splitext(name)[1].lower() in DOCUMENT_SUFFIXES]
    others = [name or "（无名附件）" for name, part in attachments if (name, part) not in documents]
    if documents:
        payloads = [(name, _payload(part, source)) for name, part in documents]
        payloads.sort(key=lambda item: -len(item[1]))
        name, payload = payloads[0]
        read = read_bytes(payload, name=name, encoding=encoding, max_bytes=max_bytes,
                          shown=f"{source} 的附件“{name}”", depth=depth + 1)
        skipped = [n for n, _ in payloads[1:]] + others
        said = f"邮件有 {len(attachments)} 个附件，读取的是“{name}”"
        if skipped:
            said += "；未读取：" + "、".join(f"“{n}”" for n in skipped[:10]) + "，如需解析请单独提供"
        return read._replace(
            warnings=(ParseWarning(WarningCode.ATTACHMENT_CHOSEN, said), *read.warnings))
    body = message.get_body(preferencelist=("plain", "html"))
    text = _body_text(body) if body is not None else ""
    if not text.strip():
        raise FileUnreadable(source, "邮件里既没有公文附件（docx、doc、wps、pdf、ofd、txt、html、图片），"
                                     "正文也是空的" + (f"；附件：{'、'.join(others[:10])}" if others else ""),
                             hint="请直接提供公文文件")
    if body is not None and body.get_content_subtype() == "html":
        from taizhang.readers.html_page import read_html

        text, _ = read_html(text, source)
    return ReadResult(text=text.replace("\r\n", "\n"), source=source, format="eml",
                      encoding=body.get_content_charset() if body is not None else None)


def _payload(part: Any, source: str) -> bytes:
    if part.get_content_type() == "message/rfc822":  # a forwarded mail: its own bytes
        inner = part.get_payload()
        return bytes(inner[0].as_bytes()) if inner else b""
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        raise FileUnreadable(source, f"邮件附件“{part.get_filename()}”编码已损坏，无法取出",
                             hint="请在邮件客户端中直接保存附件")
    return data


def _body_text(body: Any) -> str:
    try:
        return str(body.get_content())
    except (LookupError, UnicodeDecodeError):  # an unknown or lying charset
        raw = body.get_payload(decode=True) or b""
        return raw.decode("gb18030", "replace")
