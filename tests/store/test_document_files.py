"""A PDF's or scan's own bytes and page offsets are kept with each document version
(document_files, migration 0010), on SQLite and PostgreSQL; other formats keep none."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from taizhang.ledger.pages import SourceFile
from taizhang.parse import parse
from taizhang.readers import read_path
from taizhang.store import Ledger

from tests.readers.conftest import PAGED, build_marked_pdf


def _ingest(ledger: Ledger, path: Path) -> tuple[Any, Any]:
    read = read_path(path)
    result = ledger.ingest(parse(read.text, source=read.source), actor="test",
                           source=SourceFile.of(read))
    return result, read


def test_a_pdf_keeps_its_bytes_and_page_offsets(db_url: str, tmp_path: Path) -> None:
    pdf = build_marked_pdf(tmp_path / "方案.pdf")
    with Ledger(db_url) as ledger:
        result, read = _ingest(ledger, pdf)
        stored = ledger.document_pages(result.document.id)
        assert stored is not None and stored.shown
        assert stored.starts == read.pages and len(stored.starts) == 2 and stored.starts[0] == 0
        assert (stored.format, stored.media_type) == ("pdf", "application/pdf")
        assert ledger.document_file(result.document.id) == pdf.read_bytes()
        assert stored.sha256 == hashlib.sha256(pdf.read_bytes()).hexdigest()
        assert stored.size == pdf.stat().st_size
        # page 2 starts where its first task does
        text = ledger.document_text(result.document.id)
        assert text[stored.starts[1]:].startswith("二、建设人才公寓")


def test_a_new_version_keeps_the_old_versions_pages(db_url: str, tmp_path: Path) -> None:
    first = build_marked_pdf(tmp_path / "v1.pdf")
    second = build_marked_pdf(tmp_path / "v2.pdf", [
        PAGED[0], PAGED[1], ["四、建立开发区工作报告制度。每半年报告一次。（市发展改革委牵头）"]])
    with Ledger(db_url) as ledger:
        old, _ = _ingest(ledger, first)
        new, _ = _ingest(ledger, second)
        assert new.outcome == "new_version" and new.document.version == 2
        before = ledger.document_pages(old.document.id)
        after = ledger.document_pages(new.document.id)
        assert len(before.starts) == 2 and len(after.starts) == 3
        assert ledger.document_file(old.document.id) == first.read_bytes()
        assert ledger.document_file(new.document.id) == second.read_bytes()
        again, _ = _ingest(ledger, second)  # unchanged: nothing written, the same pages
        assert again.outcome == "unchanged" and ledger.document_pages(new.document.id) == after


def test_documents_without_pages_keep_no_file(db_url: str, tmp_path: Path) -> None:
    txt = tmp_path / "方案.txt"
    txt.write_text("\n".join(PAGED[0] + PAGED[1]), encoding="utf-8")
    page = tmp_path / "方案.html"
    page.write_text("<html><head><title>开发区改革创新工作方案_沈阳市人民政府</title></head><body>"
                    + "".join(f"<p>{line}</p>" for line in PAGED[1]) + "</body></html>",
                    encoding="utf-8")
    with Ledger(db_url) as ledger:
        for path in (txt, page):
            result, _ = _ingest(ledger, path)
            assert result.outcome == "new"
            assert ledger.document_pages(result.document.id) is None
            assert ledger.document_file(result.document.id) is None


def test_a_mail_keeps_its_pdf_attachment_as_the_pages(db_url: str, tmp_path: Path) -> None:
    from email.message import EmailMessage

    pdf = build_marked_pdf(tmp_path / "方案.pdf")
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "ban@example.gov.cn", "fgw@example.gov.cn", "转发方案"
    mail.set_content("请查收附件。")
    mail.add_attachment(pdf.read_bytes(), maintype="application", subtype="pdf", filename="方案.pdf")
    path = tmp_path / "转发.eml"
    path.write_bytes(bytes(mail))
    with Ledger(db_url) as ledger:
        result, read = _ingest(ledger, path)
        stored = ledger.document_pages(result.document.id)
        assert stored is not None and stored.media_type == "application/pdf"
        assert len(stored.starts) == 2
        assert ledger.document_file(result.document.id) == pdf.read_bytes()  # the attachment


def test_an_ofd_keeps_its_page_offsets_but_no_picture(db_url: str, tmp_path: Path) -> None:
    from tests.readers.conftest import build_ofd

    ofd = build_ofd(tmp_path / "通知.ofd", PAGED)
    with Ledger(db_url) as ledger:
        result, read = _ingest(ledger, ofd)
        stored = ledger.document_pages(result.document.id)
        assert stored is not None and stored.starts == read.pages and len(stored.starts) == 2
        assert stored.media_type is None and not stored.shown  # nothing here draws an OFD
        assert ledger.document_file(result.document.id) is None


def test_a_version_stored_without_its_original_gets_it_on_the_same_file_again(
        db_url: str, tmp_path: Path) -> None:
    """Stored before migration 0010 (here: without a source), the same PDF again adds the
    original and its pages to that version, audited; the text and items stay as they were."""
    pdf = build_marked_pdf(tmp_path / "方案.pdf")
    read = read_path(pdf)
    doc = parse(read.text, source=read.source)
    with Ledger(db_url) as ledger:
        first = ledger.ingest(doc, actor="test")
        assert ledger.document_pages(first.document.id) is None
        items = ledger.list_items(document=first.document.id)
        again = ledger.ingest(doc, actor="办公室", source=SourceFile.of(read))
        assert (again.outcome, again.document.id, again.pages_added) == ("unchanged", first.document.id, 2)
        assert ledger.document_file(first.document.id) == pdf.read_bytes()
        assert ledger.list_items(document=first.document.id) == items
        entry = ledger.audit_log(entity="document", entity_id=first.document.id)[-1]
        assert (entry.action, entry.actor, entry.after["pages"]) == ("document.file", "办公室", 2)
        third = ledger.ingest(doc, actor="test", source=SourceFile.of(read))  # now nothing to add
        assert third.pages_added == 0
        assert len(ledger.audit_log(entity="document", entity_id=first.document.id)) == 2
