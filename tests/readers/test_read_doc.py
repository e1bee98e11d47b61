"""Old Word .doc and WPS .wps, made here by LibreOffice from a .docx, read back through it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from taizhang.errors import FileUnreadable
from taizhang.readers import read_bytes, read_path

from .conftest import build_docx

TAIZHANG = str(Path(sys.executable).parent / "taizhang")


@pytest.fixture(scope="module")
def legacy(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """方案.docx saved as Word 97 (.doc) by LibreOffice; the .wps is that same binary under a
    .wps name, which is what Kingsoft WPS writes (a Word 97 body in an OLE container)."""
    where = tmp_path_factory.mktemp("legacy")
    docx = build_docx(where / "方案.docx")
    assert shutil.which("soffice"), "LibreOffice (apt-get install libreoffice-writer-nogui) is needed"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{where}/profile", "--headless",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(where), str(docx)],
                   check=True, capture_output=True, timeout=120)
    doc = where / "方案.doc"
    wps = where / "方案.wps"
    wps.write_bytes(doc.read_bytes())
    return {"docx": docx, "doc": doc, "wps": wps}


@pytest.mark.parametrize("kind", ["doc", "wps"])
def test_legacy_reads_as_its_docx(legacy: dict[str, Path], kind: str) -> None:
    read = read_path(legacy[kind])
    assert read.format == kind
    assert read.text == read_path(legacy["docx"]).text  # tables, list numbers and all
    assert "1 | 推进开发区体制机制创新 | 市发展改革委 | 市财政局 | 2018年底前" in read.text


def test_broken_legacy_files(legacy: dict[str, Path], tmp_path: Path) -> None:
    import olefile

    data = legacy["doc"].read_bytes()
    with pytest.raises(FileUnreadable, match="旧版 Office/WPS 文件，但内容已损坏"):
        read_bytes(data[:700], name="半个.doc")
    with pytest.raises(FileUnreadable, match="没有 Word/WPS 正文（文件可能已损坏）"):
        read_bytes(data[:2048] + b"\x00" * (len(data) - 2048), name="空壳.doc")
    gutted = tmp_path / "坏.wps"  # the container intact, the Word body inside it noise
    gutted.write_bytes(data)
    with olefile.OleFileIO(str(gutted), write_mode=True) as ole:
        size = ole.get_size("WordDocument")
        ole.write_stream("WordDocument", bytes(range(256)) * (size // 256) + b"\x07" * (size % 256))
    with pytest.raises(FileUnreadable, match="LibreOffice 无法打开|LibreOffice 转换超过"):
        read_path(gutted)
    with pytest.raises(FileUnreadable, match="不是 Word/WPS 文档"):
        read_bytes("一、加强组织领导".encode(), name="假.doc")


def test_missing_libreoffice_names_the_install(legacy: dict[str, Path], tmp_path: Path) -> None:
    """A real run with no soffice on PATH: the message names the Debian package."""
    db = tmp_path / "l.db"
    run = subprocess.run([TAIZHANG, "ingest", str(legacy["doc"]), "--db", f"sqlite:///{db}"],
                         capture_output=True, text=True, timeout=120,
                         env={"PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path)})
    assert run.returncode != 0
    assert "apt-get install libreoffice-writer-nogui" in run.stderr
    assert not db.exists()


def test_cli_parse_and_ingest(legacy: dict[str, Path], tmp_path: Path) -> None:
    ok = subprocess.run([TAIZHANG, "parse", str(legacy["wps"]), "--format", "json"],
                        capture_output=True, text=True, timeout=180)
    assert ok.returncode == 0, ok.stderr
    assert "推进开发区体制机制创新" in ok.stdout
    bad = tmp_path / "坏.doc"
    bad.write_bytes(legacy["doc"].read_bytes()[:700])
    db = tmp_path / "l.db"
    run = subprocess.run([TAIZHANG, "ingest", str(bad), "--db", f"sqlite:///{db}"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and "已损坏" in run.stderr and "Traceback" not in run.stderr
    assert not db.exists()
