""".eml mails: the document attachment is read (the largest, with a warning naming it and the
rest); a mail without one is read from its body; broken ones are refused in Chinese."""
from __future__ import annotations

import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest

from taizhang.errors import FileUnreadable
from taizhang.parse.model import WarningCode
from taizhang.readers import read_bytes, read_path

from .conftest import SEED, build_docx

TAIZHANG = str(Path(sys.executable).parent / "taizhang")
DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


def _mail(body: str, attachments: list[tuple[str, bytes, tuple[str, str]]]) -> bytes:
    mail = EmailMessage()
    mail["From"] = "市政府办公厅 <ban@example.gov.cn>"
    mail["To"] = "fgw@example.gov.cn"
    mail["Subject"] = "关于印发沈阳市开发区改革创新工作方案的通知"
    mail.set_content(body)
    for name, data, (main, sub) in attachments:
        mail.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return bytes(mail)


@pytest.fixture()
def docx_bytes(tmp_path: Path) -> bytes:
    return build_docx(tmp_path / "方案.docx").read_bytes()


def test_docx_attachment_is_read(tmp_path: Path, docx_bytes: bytes) -> None:
    path = tmp_path / "转发.eml"
    path.write_bytes(_mail("请查收附件。", [("方案.docx", docx_bytes, DOCX_TYPE),
                                           ("说明.txt", "附件说明".encode(), ("text", "plain"))]))
    read = read_path(path)
    assert read.text == read_bytes(docx_bytes, name="方案.docx").text
    assert read.format == "docx" and read.source == "转发.eml"
    chosen = [w for w in read.warnings if w.code == WarningCode.ATTACHMENT_CHOSEN]
    assert chosen and "“方案.docx”" in chosen[0].message and "未读取：“说明.txt”" in chosen[0].message


def test_mail_without_attachment_reads_its_body() -> None:
    read = read_bytes(_mail(SEED, []), name="通知.eml")
    assert read.format == "eml"
    assert "沈政办发〔2018〕78号" in read.text and "市发展改革委牵头" in read.text


def test_mail_is_known_by_its_headers_whatever_its_name(docx_bytes: bytes) -> None:
    read = read_bytes(_mail("见附件", [("方案.docx", docx_bytes, DOCX_TYPE)]), name="下载的文件")
    assert "推进开发区体制机制创新" in read.text


def test_broken_attachment_and_empty_mail(docx_bytes: bytes) -> None:
    with pytest.raises(FileUnreadable) as err:
        read_bytes(_mail("见附件", [("方案.docx", docx_bytes[:400], DOCX_TYPE)]), name="坏.eml")
    assert "坏.eml 的附件“方案.docx”" in str(err.value) and "已损坏" in str(err.value)
    with pytest.raises(FileUnreadable, match="不是有效的邮件（.eml）文件：没有邮件头"):
        read_bytes("一、加强组织领导。".encode(), name="假.eml")
    with pytest.raises(FileUnreadable, match="既没有公文附件"):
        read_bytes(_mail("", [("a.bin", b"\x00\x01", ("application", "octet-stream"))]), name="空.eml")


def test_cli_parse_and_ingest(tmp_path: Path, docx_bytes: bytes) -> None:
    good = tmp_path / "转发.eml"
    good.write_bytes(_mail("请查收。", [("方案.docx", docx_bytes, DOCX_TYPE)]))
    ok = subprocess.run([TAIZHANG, "parse", str(good), "--format", "json"],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    assert "attachment_chosen" in ok.stdout
    bad = tmp_path / "坏.eml"
    bad.write_bytes(_mail("见附件", [("方案.docx", docx_bytes[:400], DOCX_TYPE)]))
    db = tmp_path / "l.db"
    run = subprocess.run([TAIZHANG, "ingest", str(bad), "--db", f"sqlite:///{db}"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "已损坏" in run.stderr and "Traceback" not in run.stderr
    assert not db.exists()
