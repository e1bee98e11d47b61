"""`taizhang ingest` of a PDF keeps its pages; a ledger from before migration 0010 gets the
original of an already ingested PDF when the same file is ingested again."""
from __future__ import annotations

from pathlib import Path

from taizhang.store import Ledger

from tests.readers.conftest import build_marked_pdf
from tests.store.test_migrations import _alembic

from .conftest import Run


def test_an_older_ledger_gets_the_pages_on_a_second_ingest(cli: Run, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    pdf = build_marked_pdf(tmp_path / "方案.pdf")
    code, out, err = cli("ingest", pdf, "--db", url)
    assert code == 0 and out.startswith("已导入："), err
    _alembic(url, "downgrade", "0009")  # as a ledger made before page images were kept
    _alembic(url, "upgrade", "head")
    with Ledger(url) as ledger:
        assert ledger.document_pages(1) is None
    code, out, err = cli("ingest", pdf, "--db", url)
    assert code == 0, err
    assert "未变化" in out and "补存了原件（2 页）" in out
    with Ledger(url) as ledger:
        assert ledger.document_file(1) == pdf.read_bytes()
        assert len(ledger.list_documents(all_versions=True)) == 1
    code, out, err = cli("ingest", pdf, "--db", url)  # the third time: nothing at all
    assert "未做任何修改" in out
