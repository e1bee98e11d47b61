"""Uploading the formats added for issue 16 through the page: .ofd, .eml, .doc and a scan.

Uploads are read in worker processes with an address-space cap (web/uploads.py). OCR needs
more than the default 1024 MiB: with it, the user gets a Chinese message naming the setting;
with the cap and time raised as docs/readers.md says, the scan becomes a draft."""
from __future__ import annotations

import re
import shutil
import subprocess
import uuid
from email.message import EmailMessage
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from taizhang.config import Settings
from taizhang.store import Ledger
from taizhang.web import create_app

from tests.readers.conftest import SEED, build_docx, build_ofd, render_scan
from .conftest import TODAY, login


def _upload(client: TestClient, name: str, data: bytes) -> tuple[int, str]:
    """Upload through the form; (status, the review page when it went through, else the answer)."""
    token = login(client, "admin")
    r = client.post("/documents", data={"csrf_token": token, "jurisdiction": "沈阳市"},
                    files={"file": (name, data, "application/octet-stream")}, follow_redirects=False)
    if r.status_code == 303:
        return r.status_code, client.get(r.headers["location"]).text
    return r.status_code, r.text


def _client(ledger: Ledger, tmp_path: Path, **limits: float) -> TestClient:
    settings = Settings(db_url=ledger.url, secret_key="test-secret-" + uuid.uuid4().hex,
                        evidence_dir=tmp_path / "evidence", max_file_bytes=20_000_000, **limits)
    return TestClient(create_app(settings, ledger=ledger, today=lambda: TODAY), raise_server_exceptions=False)


def _documents(tmp_path: Path) -> dict[str, bytes]:
    docx = build_docx(tmp_path / "方案.docx")
    subprocess.run([shutil.which("soffice") or "soffice", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--headless", "--convert-to", "doc:MS Word 97", "--outdir", str(tmp_path), str(docx)],
                   check=True, capture_output=True, timeout=120)
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "ban@example.gov.cn", "fgw@example.gov.cn", "转发通知"
    mail.set_content("请查收附件。")
    mail.add_attachment(build_ofd(tmp_path / "附件.ofd", [SEED.split("\n")[:-1]]).read_bytes(),
                        maintype="application", subtype="ofd", filename="通知.ofd")
    return {"通知.ofd": (tmp_path / "附件.ofd").read_bytes(), "转发.eml": bytes(mail),
            "方案.doc": (tmp_path / "方案.doc").read_bytes()}


def test_ofd_eml_doc_become_drafts(ledger: Ledger, tmp_path: Path) -> None:
    client = _client(ledger, tmp_path, upload_timeout=120)
    shown = {"通知.ofd": "沈政办发〔2018〕78号", "转发.eml": "沈政办发〔2018〕78号", "方案.doc": "推进开发区体制机制创新"}
    for name, data in _documents(tmp_path).items():
        status, page = _upload(client, name, data)
        assert status == 303, (name, status, page[:300])
        assert shown[name] in page, name


@pytest.fixture(scope="module")
def scan_jpg() -> bytes:
    import io

    buffer = io.BytesIO()
    render_scan(SEED.split("\n")[:-1]).save(buffer, "JPEG", quality=80)  # as scanners send it
    return buffer.getvalue()


def test_scan_under_the_default_cap_is_refused_with_the_setting_named(
        ledger: Ledger, tmp_path: Path, scan_jpg: bytes) -> None:
    before = len(ledger.list_documents())
    status, text = _upload(_client(ledger, tmp_path, upload_timeout=120), "扫描件.jpg", scan_jpg)
    assert 400 <= status < 500
    message = re.search(r'<p class="error">(.*?)</p>', text, re.S)
    assert message and "文字识别所需内存超过了本进程的上限" in message.group(1)
    assert "TAIZHANG_UPLOAD_MEMORY_MB" in text  # the hint says which setting to raise
    assert len(ledger.list_documents()) == before


def test_scan_with_the_cap_raised_becomes_a_draft(ledger: Ledger, tmp_path: Path, scan_jpg: bytes) -> None:
    client = _client(ledger, tmp_path, upload_timeout=300, upload_memory_mb=3072)
    status, page = _upload(client, "扫描件.jpg", scan_jpg)
    assert status == 303, page[:500]
    # the OCR'd text went through the parser: the task's lead unit is marked on the review page
    assert '<mark class="hl-lead" title=' in page and "市发展改革委" in page and "扫描件.jpg" in page
