""".ofd (GB/T 33190) packages built to the standard's structure: text in reading order, pages,
templates, columns; broken ones refused with a Chinese message."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from taizhang import parse
from taizhang.errors import FileUnreadable
from taizhang.readers import read_bytes, read_path

from .conftest import SEED, build_ofd

LINES = SEED.split("\n")[:-1]
TAIZHANG = str(Path(sys.executable).parent / "taizhang")


def test_ofd_reads_like_the_text(tmp_path: Path) -> None:
    read = read_path(build_ofd(tmp_path / "通知.ofd", [LINES[:3], LINES[3:]], header="沈阳市人民政府办公厅文件"))
    assert read.format == "ofd"
    assert read.text.startswith("沈阳市人民政府办公厅文件\n沈阳市人民政府办公厅关于印发")  # the template's 版头 first
    assert read.pages[0] == 0 and read.text[read.pages[1]:].startswith("经市政府同意")
    doc, clean = parse(read.text), parse(SEED)
    assert [t.key for t in doc.tasks] == [t.key for t in clean.tasks] != []
    assert doc.doc_number == "沈政办发〔2018〕78号"


def test_one_object_per_character_gives_the_same_text(tmp_path: Path) -> None:
    lines = read_path(build_ofd(tmp_path / "a.ofd", [LINES])).text
    chars = read_path(build_ofd(tmp_path / "b.ofd", [LINES], per_char=True)).text
    assert chars == lines


def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    read = read_path(build_ofd(tmp_path / "两栏.ofd", [LINES], columns=2))
    one = read_path(build_ofd(tmp_path / "一栏.ofd", [LINES])).text
    assert [t.key for t in parse(read.text).tasks] == [t.key for t in parse(one).tasks]
    assert "一、推行“管委会+平台公司”运营管理模式。2018年6月底前" in read.text


def test_the_folio_at_a_pages_foot_is_not_text(tmp_path: Path) -> None:
    """— 1 — is a text object like the others; a paragraph running over the page break must not
    carry it inside a unit's name."""
    first = ["（二）排查老旧燃气管网隐患，逐条建立隐患台账。6月底前要全面完成检测评估。（牵头单位：市城市管理局；配合单位：市", "— 1 —"]  # two full lines of 28
    second = ["住房城乡建设局、许昌燃气有限公司）", "（三）整治餐饮场所用气安全。（牵头单位：市市场监管局）", "— 2 —"]
    text = read_path(build_ofd(tmp_path / "页码.ofd", [first, second])).text
    assert "—" not in text
    assert parse(text).tasks[0].support == ("市住房城乡建设局", "许昌燃气有限公司")


def _rewrite(data: bytes, part: str, new: bytes | None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info, src.read(info))
            elif new is not None:
                dst.writestr(info, new)
    return out.getvalue()


@pytest.mark.parametrize(("part", "new", "message"), [
    pytest.param("Doc_0/Document.xml", None, "缺少部件 Doc_0/Document.xml", id="no_document"),
    pytest.param("Doc_0/Pages/Page_0/Content.xml", b"<ofd:Page><unclosed", "不是有效的 XML", id="bad_xml"),
    pytest.param("OFD.xml", b'<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>', "DocRoot", id="no_docroot"),
])
def test_broken_ofd(tmp_path: Path, part: str, new: bytes | None, message: str) -> None:
    data = build_ofd(tmp_path / "a.ofd", [LINES]).read_bytes()
    with pytest.raises(FileUnreadable) as err:
        read_bytes(_rewrite(data, part, new), name="坏.ofd")
    assert message in str(err.value) and "OFD 文件已损坏" in str(err.value)


def test_truncated_ofd_and_zip_without_ofd_xml(tmp_path: Path) -> None:
    data = build_ofd(tmp_path / "a.ofd", [LINES]).read_bytes()
    with pytest.raises(FileUnreadable, match="已损坏"):
        read_bytes(data[: len(data) // 2], name="半个.ofd")
    with pytest.raises(FileUnreadable, match="没有 OFD.xml"):
        read_bytes(_rewrite(data, "OFD.xml", None), name="无入口.ofd")


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "' + "哈".encode() * 1000 + b'">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b'<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>'
            b'<ofd:TextObject Boundary="28 60 100 7" Size="5.6"><ofd:TextCode X="0" Y="5.6">&b;'
            b'</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>')
    data = _rewrite(build_ofd(tmp_path / "a.ofd", [LINES]).read_bytes(), "Doc_0/Pages/Page_0/Content.xml", bomb)
    with pytest.raises(FileUnreadable, match="DTD 实体声明"):
        read_bytes(data, name="实体.ofd")


def test_cli_parse_and_ingest(tmp_path: Path) -> None:
    good = build_ofd(tmp_path / "通知.ofd", [LINES])
    bad = tmp_path / "坏.ofd"
    bad.write_bytes(good.read_bytes()[:300])
    ok = subprocess.run([TAIZHANG, "parse", str(good)], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0 and "沈政办发〔2018〕78号" in ok.stdout
    db = tmp_path / "l.db"
    failed = subprocess.run([TAIZHANG, "ingest", str(bad), "--db", f"sqlite:///{db}"],
                            capture_output=True, text=True, timeout=120)
    assert failed.returncode != 0 and "已损坏" in failed.stderr and "Traceback" not in failed.stderr
    assert not db.exists()  # nothing stored
