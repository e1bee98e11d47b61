"""Scans → text by OCR: pictures (png/jpg/tiff) and PDF pages without a text layer.

The engine is RapidOCR on onnxruntime (the optional extra ``taizhang[ocr]``): PP-OCRv4's
Chinese detection and recognition models ship inside its wheel, so nothing is downloaded when
it runs (docs/readers.md compares it with tesseract). What the engine gives is boxes with
text; :mod:`taizhang.readers.layout` puts them in reading order, drops stamp text and
repeated red headers, and the PDF reader's line joining makes paragraphs of the lines.

    read_image(data, "扫描件.png")  → Paged(text, pages=(0,), warnings=(ocr_used,))
"""
from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING, Any

from taizhang.errors import FileUnreadable
from taizhang.limits import OCR_MAX_PAGES, OCR_MAX_PIXELS
from taizhang.readers import Paged
from taizhang.readers.layout import Box, reading_order

if TYPE_CHECKING:
    from PIL.Image import Image

    from taizhang.parse.model import ParseWarning

INSTALL = 'pip install "taizhang[ocr]"'
# pages are OCR'd at this long side in pixels (A4 at ≈170 dpi): body text of a 公文 (三号,
# 16 pt) is then ≈45 px high, plenty for the recogniser, and detection runs 2–4x faster than
# on a 300-dpi scan with the same text found (benchmarks/bench_ocr.py)
LONG_SIDE = 2000
_MIN_SCORE = 0.5  # the recogniser's confidence below which a box is noise (specks, seal rings)

_ENGINE: Any = None


def engine(source: str) -> Any:
    """The RapidOCR engine, built once per process (loading the models takes about a second)."""
    global _ENGINE
    if _ENGINE is None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            raise FileUnreadable(source, "这是扫描件，需要做文字识别（OCR），但没有安装 OCR 组件",
                                 hint=f"请安装：{INSTALL}") from None
        # no angle classifier: it turned whole lines of a slightly skewed scan upside down
        # ("1.加快转变政府职能……" came back empty); pages are upright or straightened by scanners.
        # Boxes grown a little more than the default 1.6: a line's last character (the ）
        # that closes a task's units) was cut off at times, and with it the lead unit.
        _ENGINE = RapidOCR(use_cls=False, det_unclip_ratio=2.0)
    return _ENGINE


def read_image(data: bytes, source: str) -> Paged:
    """A scanned picture (every frame of a multi-page TIFF is a page) → text by OCR."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        picture = Image.open(io.BytesIO(data))
        frames = getattr(picture, "n_frames", 1)
        _check_size(picture.size, source)
        if frames > OCR_MAX_PAGES:
            raise FileUnreadable(source, f"图片有 {frames} 页，超过一次文字识别的上限 {OCR_MAX_PAGES} 页",
                                 hint="请拆分后分别提供")
        engine(source)
        pages: list[list[str]] = []
        seen_red: set[str] = set()
        for frame in range(frames):
            picture.seek(frame)
            _check_size(picture.size, source)
            image = ImageOps.exif_transpose(picture.convert("RGB"))
            pages.append(page_lines(image, source, seen_red=seen_red))
    except Image.DecompressionBombError:  # Pillow's own guard, past twice its 89 million pixels
        raise FileUnreadable(source, f"图片像素数远超上限 {OCR_MAX_PIXELS // 1_000_000} 百万像素，疑似解压炸弹，已拒绝读取",
                             hint="请以 300 dpi 以下重新扫描，或缩小后再试") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as err:
        raise FileUnreadable(source, f"图片已损坏或格式不受支持，无法读取（{type(err).__name__}）",
                             hint="请用看图软件打开确认，或重新扫描为 PNG/JPEG/TIFF") from None
    from taizhang.readers.pdf import join_pages

    text, starts = join_pages(pages)
    if not text.strip():
        raise FileUnreadable(source, "图片里没有识别出文字",
                             hint="请确认扫描件清晰、方向正确（建议 300 dpi 黑白或灰度扫描）")
    return Paged(text, starts, (ocr_warning(list(range(frames)), frames, picture=True),))


def ocr_pdf_pages(data: bytes, source: str, indexes: list[int]) -> dict[int, list[str]]:
    """Render the given pages of a PDF (pypdfium2) and OCR them: page index → its lines."""
    if len(indexes) > OCR_MAX_PAGES:
        raise FileUnreadable(source, f"PDF 有 {len(indexes)} 页是扫描件（没有文字层），"
                                     f"超过一次文字识别的上限 {OCR_MAX_PAGES} 页",
                             hint="请拆分后分别提供，或提供带文字层的 PDF")
    engine(source)  # a missing extra is said before any page is rendered
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise FileUnreadable(source, "需要对扫描页做文字识别（OCR），但没有安装 OCR 组件",
                             hint=f"请安装：{INSTALL}") from None
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise FileUnreadable(source, f"PDF 文件已损坏，无法渲染扫描页（{err}）",
                             hint="请用 PDF 阅读器打开确认，或重新下载") from None
    out: dict[int, list[str]] = {}
    seen_red: set[str] = set()
    try:
        for i in indexes:
            if i >= len(document):
                continue
            page = document[i]
            width, height = page.get_size()  # in points
            # rendered at twice the size (up to 300 dpi) and scaled down by Pillow: PDFium's
            # own small rendering is grainier, and lost the ） at line ends that a task's
            # units close with (benchmarks/bench_ocr.py; tests/readers/test_ocr.py)
            scale = min(2 * LONG_SIDE / max(width, height, 1.0), 300 / 72)
            image = page.render(scale=scale).to_pil().convert("RGB")
            out[i] = page_lines(image, source, seen_red=seen_red)
    finally:
        document.close()
    return out


def page_lines(image: "Image", source: str, *, seen_red: set[str] | None = None) -> list[str]:
    """One page picture → its lines in reading order."""
    import numpy as np

    if max(image.size) > LONG_SIDE:
        from PIL import Image

        ratio = LONG_SIDE / max(image.size)
        image = image.resize((max(1, round(image.width * ratio)), max(1, round(image.height * ratio))),
                             Image.Resampling.LANCZOS)
    pixels = np.asarray(image)
    try:
        found, _ = engine(source)(pixels)
    except MemoryError:
        raise _no_memory(source) from None
    except Exception as err:  # onnxruntime and OpenCV raise their own exception types
        if "bad_alloc" in str(err) or "alloc" in str(err).lower():
            raise _no_memory(source) from None
        raise FileUnreadable(source, f"文字识别失败（{type(err).__name__}）",
                             hint="请确认扫描件完整清晰，或提供 txt/docx 版本") from None
    boxes = [_box(points, text, float(score), pixels) for points, text, score in found or []]
    return reading_order([b for b in boxes if b.score >= _MIN_SCORE], image.width,
                         height=image.height, seen_red=seen_red)


def ocr_warning(pages: list[int], total: int, *, picture: bool = False) -> "ParseWarning":
    """``第3页为扫描件，已做文字识别（OCR），请核对`` naming the pages (1-based)."""
    from taizhang.parse.model import ParseWarning, WarningCode

    if picture and total == 1:
        message = "图片已做文字识别（OCR），识别结果可能有错字，请对照原件核对"
    elif len(pages) == total:
        message = f"全部 {total} 页为扫描件，已做文字识别（OCR），识别结果可能有错字，请对照原件核对"
    else:
        shown = "、".join(str(p + 1) for p in pages[:20]) + ("等" if len(pages) > 20 else "")
        message = f"第{shown}页为扫描件，已做文字识别（OCR），请核对"
    return ParseWarning(WarningCode.OCR_USED, message)


def _no_memory(source: str) -> FileUnreadable:
    # the web's upload workers run under an address-space cap (TAIZHANG_UPLOAD_MEMORY_MB, 1024
    # by default); recognising one A4 page takes about 1.9 GB of address space (0.8 GB resident)
    return FileUnreadable(source, "文字识别所需内存超过了本进程的上限，未能识别",
                          hint="网页上传时请把 TAIZHANG_UPLOAD_MEMORY_MB 设为 3072 或更大、"
                               "TAIZHANG_UPLOAD_TIMEOUT 按每页 30 秒估计；或用命令行 taizhang ingest 导入")


def _check_size(size: tuple[int, int], source: str) -> None:
    if size[0] * size[1] > OCR_MAX_PIXELS:
        raise FileUnreadable(source, f"图片 {size[0]}×{size[1]} 像素，超过上限 {OCR_MAX_PIXELS // 1_000_000} 百万像素",
                             hint="请以 300 dpi 以下重新扫描，或缩小后再试")


def _box(points: list[list[float]], text: str, score: float, pixels: Any) -> Box:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    (ax, ay), (bx, by) = points[0], points[1]  # the top edge, left to right
    tilt = abs(math.degrees(math.atan2(by - ay, bx - ax)))
    x0, y0, x1, y1 = int(min(xs)), int(min(ys)), int(math.ceil(max(xs))), int(math.ceil(max(ys)))
    return Box(x0, y0, x1, y1, text.strip(), score, red=_is_red(pixels[y0:y1, x0:x1]),
               tilt=min(tilt, 180 - tilt))


def _is_red(crop: Any) -> bool:
    """Most of the ink in the box is red: a seal or the red 版头, not the black body text."""
    if crop.size == 0:
        return False
    rgb = crop.reshape(-1, 3).astype("int16")
    ink = rgb[rgb.min(axis=1) < 160]
    if len(ink) < 20:
        return False
    red = (ink[:, 0] > 150) & (ink[:, 0] - ink[:, 1:].max(axis=1) > 60)
    return bool(red.mean() > 0.5)
