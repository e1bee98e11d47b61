""".docx: paragraphs and task tables in document order, rows flattened with " | "."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from taizhang.errors import FileUnreadable
from taizhang.readers import read_path
from taizhang.readers.numbering import chinese, render

from .conftest import build_docx


def test_docx_text_in_document_order(docx_file: Path) -> None:
    read = read_path(docx_file)
    assert read.format == "docx"
    assert read.text.split("\n") == [
        "关于印发沈阳市开发区改革创新工作方案的通知",
        "经市政府同意，现将方案印发给你们。",
        "1.加强组织领导",  # Word's own list numbers, rebuilt from numbering.xml
        "2.强化督促检查",
        "序号 | 任务 | 牵头单位 | 责任单位 | 完成时限",
        "一、重点任务",  # a row merged across all columns appears once
        "1 | 推进开发区体制机制创新 | 市发展改革委 | 市财政局 | 2018年底前",
        "2 | 建设人才公寓 | 市发展改革委 | 市人社局、市住房局 | 长期坚持",
        "附件：任务分工表",
    ]


def test_docx_sniffed_under_a_txt_name(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "renamed.txt")
    assert read_path(path).format == "docx"


def test_docx_chinese_outline_numbering(tmp_path: Path) -> None:
    """A list whose level format is chineseCounting with lvlText "%1、" shows 一、 二、."""
    import docx

    path = build_docx(tmp_path / "outline.docx")
    d = docx.Document(str(path))
    numbering = d.part.numbering_part.element
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    # rewrite level 0 of every abstract list to Chinese counting, as 公文 templates do
    for lvl in numbering.iter(f"{ns}lvl"):
        if lvl.get(f"{ns}ilvl") == "0":
            lvl.find(f"{ns}numFmt").set(f"{ns}val", "chineseCounting")
            lvl.find(f"{ns}lvlText").set(f"{ns}val", "%1、")
    d.save(str(path))
    lines = read_path(path).text.split("\n")
    assert lines[2:4] == ["一、加强组织领导", "二、强化督促检查"]


@pytest.mark.parametrize(("n", "fmt", "shown"), [
    pytest.param(1, "chineseCounting", "一", id="one"),
    pytest.param(10, "chineseCounting", "十", id="ten"),
    pytest.param(12, "chineseCountingThousand", "十二", id="twelve"),
    pytest.param(21, "chineseCounting", "二十一", id="twenty_one"),
    pytest.param(105, "chineseCounting", "一百零五", id="hundred_five"),
    pytest.param(3, "decimalEnclosedCircle", "③", id="circled"),
    pytest.param(4, "lowerRoman", "iv", id="roman"),
    pytest.param(7, "decimal", "7", id="decimal"),
    pytest.param(2, "bullet", "", id="bullet"),
])
def test_number_formats(n: int, fmt: str, shown: str) -> None:
    assert render(n, fmt) == shown
    assert chinese(20) == "二十"


def test_zip_with_broken_document_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    good = build_docx(tmp_path / "good.docx")
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]  # cut mid-element
            dst.writestr(item, data)
    with pytest.raises(FileUnreadable, match="Word 文档已损坏"):
        read_path(path)


def test_truncated_docx(tmp_path: Path) -> None:
    good = build_docx(tmp_path / "good.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(good[:2000])
    with pytest.raises(FileUnreadable, match="损坏"):
        read_path(path)


def test_empty_docx(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "empty.docx"
    docx.Document().save(str(path))
    with pytest.raises(FileUnreadable, match="没有可读的文字"):
        read_path(path)
