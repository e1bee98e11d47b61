"""OCR of scans made here: a seed's text drawn at 300 dpi in a CJK font, turned 0.7°, with noise,
a red 版头 and a red seal over the 落款 — as a picture and as a PDF page without a text layer.
What parse() finds in the OCR'd text is held against what it finds in the clean text."""
from __future__ import annotations

import io
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rapidfuzz import fuzz

from taizhang import parse
from taizhang.errors import FileUnreadable
from taizhang.parse.model import WarningCode
from taizhang.readers import read_bytes, read_path

from .conftest import render_scan

if TYPE_CHECKING:
    from PIL import Image

TAIZHANG = str(Path(sys.executable).parent / "taizhang")
SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "002_0c7ffc69b25063d5.txt"
SIGNATURE = ["吉林省人民政府", "2016年12月9日"]


def _seed_lines(start: str, budget: int) -> list[str]:
    """The seed's lines from the one starting with ``start``, as many as fill ``budget``
    printed lines of 28 characters."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if line.startswith(start))
    taken, used = [], 0
    for line in lines[first:]:
        need = -(-len(line) // 28)
        if used + need > budget:
            break
        taken.append(line)
        used += need
    return taken


@pytest.fixture(scope="module")
def scan() -> tuple[list[str], Image.Image]:
    lines = _seed_lines("(二)全面深化国有企业改革", 22) + SIGNATURE
    return lines, render_scan(lines, red_header="吉林省人民政府文件", seal="吉林省人民政府")


def task_recall(clean: str, ocred: str) -> float:
    """Share of the clean text's tasks found again: same key, text ≥ 85 % alike, same leads."""
    found = {t.key: t for t in parse(ocred).tasks}
    tasks = parse(clean).tasks
    assert tasks
    hits = 0
    for task in tasks:
        other = found.get(task.key)
        hits += other is not None and fuzz.ratio(task.text, other.text) >= 85 and \
            [a.lead for a in other.assignments] == [a.lead for a in task.assignments]
    return hits / len(tasks)


def test_scanned_picture(scan: tuple[list[str], Image.Image], tmp_path: Path) -> None:
    lines, image = scan
    path = tmp_path / "扫描件.png"
    image.save(path)
    read = read_path(path)
    assert read.format == "image" and read.pages == (0,)
    assert [w.code for w in read.warnings] == [WarningCode.OCR_USED]
    assert task_recall("\n".join(lines), read.text) >= 0.9
    assert read.text.startswith("吉林省人民政府文件\n")  # the red 版头, once
    assert read.text.endswith("吉林省人民政府\n2016年12月9日")  # the seal over it left no trace
    assert "★" not in read.text


def test_mixed_pdf_keeps_its_text_page(scan: tuple[list[str], Image.Image], tmp_path: Path) -> None:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from .conftest import build_pdf

    first = _seed_lines("一、全面深化改革", 26)
    printed = [line[i:i + 28] for line in first for i in range(0, len(line), 28)]  # as typeset
    text_only = read_path(build_pdf(tmp_path / "一页.pdf", [printed]))
    # page 1 drawn as build_pdf draws it (a text layer), page 2 the scan, a picture only
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(tmp_path / "混合.pdf"))
    pdf.setFont("STSong-Light", 14)
    for i, line in enumerate(printed):
        pdf.drawString(70, 780 - 22 * i, line)
    pdf.showPage()
    picture = io.BytesIO()
    scan[1].save(picture, "PNG")
    pdf.drawImage(ImageReader(picture), 0, 0, width=595, height=842)
    pdf.showPage()
    pdf.save()
    read = read_path(tmp_path / "混合.pdf")
    assert read.format == "pdf" and len(read.pages) == 2
    assert read.text[:read.pages[1]].rstrip("\n") == text_only.text  # the text page as it was
    assert read.text[read.pages[1]:].startswith("吉林省人民政府文件")
    [warning] = read.warnings
    assert warning.code == WarningCode.OCR_USED and warning.message.startswith("第2页为扫描件")
    assert task_recall("\n".join(first + scan[0]), read.text) >= 0.9


def test_missing_ocr_extra_names_the_install(scan: tuple[list[str], Image.Image], tmp_path: Path) -> None:
    """A real `taizhang ingest` in a process where the OCR package cannot be imported."""
    path = tmp_path / "扫描件.pdf"
    scan[1].save(path, "PDF", resolution=300)
    db = tmp_path / "l.db"
    code = ("import sys; sys.modules['rapidocr_onnxruntime'] = None; "
            "from taizhang.cli import entry; sys.argv = ['taizhang'] + sys.argv[1:]; entry()")
    run = subprocess.run([sys.executable, "-c", code, "ingest", str(path), "--db", f"sqlite:///{db}"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert 'pip install "taizhang[ocr]"' in run.stderr and "Traceback" not in run.stderr
    assert not db.exists()


def _png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims a huge picture (its data would inflate to that)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + chunk(b"IEND", b""))


def test_broken_and_oversized_pictures(scan: tuple[list[str], Image.Image], tmp_path: Path) -> None:
    buffer = io.BytesIO()
    scan[1].save(buffer, "PNG")
    with pytest.raises(FileUnreadable, match="图片已损坏"):
        read_bytes(buffer.getvalue()[:5000], name="半张.png")
    with pytest.raises(FileUnreadable, match="图片 9000×9000 像素，超过上限 60 百万像素"):
        read_bytes(_png_claiming(9000, 9000), name="巨幅.png")
    with pytest.raises(FileUnreadable, match="疑似解压炸弹"):
        read_bytes(_png_claiming(20000, 20000), name="炸弹.png")
    bad = tmp_path / "坏.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 200)
    db = tmp_path / "l.db"
    run = subprocess.run([TAIZHANG, "ingest", str(bad), "--db", f"sqlite:///{db}"],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "图片已损坏" in run.stderr and "Traceback" not in run.stderr
    assert not db.exists()


def test_multipage_tiff_pages_and_the_red_header_once(tmp_path: Path) -> None:
    """Two frames of a TIFF (the top of two scanned pages), each under the same red 版头."""
    frames = [render_scan(lines, red_header="吉林省人民政府文件", seed=i).crop((0, 0, 2480, 1600))
              for i, lines in enumerate([["一、全面深化改革，激发内在活力"], ["二、推进开放合作，扩大对外开放"]])]
    path = tmp_path / "扫描.tif"
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_lzw")
    read = read_path(path)
    assert read.text == "吉林省人民政府文件\n一、全面深化改革，激发内在活力\n二、推进开放合作，扩大对外开放"
    assert read.pages == (0, read.text.index("二、"))
    assert "全部 2 页为扫描件" in read.warnings[0].message
