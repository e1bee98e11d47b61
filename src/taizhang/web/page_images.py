"""Pictures of a document's pages for the review page: rendered on request, kept a while.

The ledger keeps a PDF's or scan's own bytes (store/files.py), not pictures of its pages: a
100-page PDF would cost a hundred renderings at ingest for pages nobody opens, and the
original is smaller than its pictures. A page is rendered when the review page asks for it:

* a PDF page by PDFium (pypdfium2) at ``LONG_SIDE`` pixels on its long side, whatever size the
  page claims, so no page can ask for a picture larger than that;
* a PNG or JPEG scan of one page is served as it is; a TIFF (which browsers do not show) is
  turned into PNG frame by frame, scaled down to ``LONG_SIDE``.

Rendering runs in the upload workers (web/uploads.py), bounded in time and address space like
an upload: a PDF whose page never finishes drawing, or draws a huge picture, costs that worker,
not the server. Rendered pictures stay in a small per-process cache bounded in bytes, and the
browser may keep them (a stored document's file never changes: its hash is the ETag).
"""
from __future__ import annotations

import asyncio
import io
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from taizhang.errors import FileUnreadable

if TYPE_CHECKING:
    from PIL.Image import Image

LONG_SIDE = 1600  # pixels: an A4 page's 三号 body text stays legible beside the form
CACHE_BYTES = 64 * 1024 * 1024  # rendered pictures kept per process (≈ 300 A4 pages of text)
_AS_THEY_ARE = ("image/png", "image/jpeg")


def served_as_is(media_type: str | None, pages: int) -> bool:
    """A one-page PNG or JPEG scan is its own page picture."""
    return media_type in _AS_THEY_ARE and pages == 1


def render_page(data: bytes, media_type: str, page: int, *, long_side: int = LONG_SIDE,
                shown: str = "原件") -> bytes:
    """Page ``page`` (1-based) of a stored PDF or TIFF as PNG bytes; runs in a worker."""
    if media_type == "application/pdf":
        image = _pdf_page(data, page, long_side, shown)
    else:
        image = _picture_frame(data, page, long_side, shown)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=False, compress_level=6)
    return out.getvalue()


def _pdf_page(data: bytes, page: int, long_side: int, shown: str) -> "Image":
    try:
        import pypdfium2 as pdfium
    except ImportError:
        raise FileUnreadable(shown, "显示 PDF 页面需要 pypdfium2，但没有安装",
                             hint='请安装：pip install "pypdfium2>=4.30"') from None
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        raise FileUnreadable(shown, f"PDF 无法渲染（{err}）", hint="可在核对页对照文字核对") from None
    try:
        if not 1 <= page <= len(document):
            raise FileUnreadable(shown, f"PDF 没有第 {page} 页（共 {len(document)} 页）")
        sheet = document[page - 1]
        width, height = sheet.get_size()  # points; a page may claim any size
        scale = long_side / max(width, height, 1.0)
        # PDFium's default background is white, so a page without one is not see-through
        return sheet.render(scale=scale).to_pil().convert("RGB")
    except pdfium.PdfiumError as err:
        raise FileUnreadable(shown, f"PDF 页面无法渲染（{err}）", hint="可在核对页对照文字核对") from None
    finally:
        document.close()


def _picture_frame(data: bytes, page: int, long_side: int, shown: str) -> "Image":
    from PIL import Image, ImageOps

    try:
        picture = Image.open(io.BytesIO(data))
        if not 1 <= page <= getattr(picture, "n_frames", 1):
            raise FileUnreadable(shown, f"图片没有第 {page} 页")
        picture.seek(page - 1)
        # draft decoding (JPEG) and thumbnail keep memory at the size shown, not the scan's
        picture.draft("RGB", (long_side, long_side))
        image = ImageOps.exif_transpose(picture.convert("RGB"))
        image.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
        return image
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as err:
        raise FileUnreadable(shown, f"图片无法显示（{type(err).__name__}）") from None


class PageCache:
    """Rendered page pictures, least recently used dropped past ``limit`` bytes in all."""

    def __init__(self, limit: int = CACHE_BYTES) -> None:
        self.limit = limit
        self._entries: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self._making: dict[tuple[object, ...], asyncio.Future[bytes]] = {}
        self.made = 0  # pictures rendered (not served from memory)

    async def fetch(self, key: tuple[object, ...],
                    make: Callable[[], Awaitable[bytes]]) -> bytes:
        """The picture for ``key``, made once however many requests ask for it at the same
        time (two tasks on one page open together; a page reloaded while it renders)."""
        found = self.get(key)
        if found is not None:
            return found
        making = self._making.get(key)
        if making is None:
            making = self._making[key] = asyncio.ensure_future(make())
            self.made += 1
            making.add_done_callback(lambda _: self._making.pop(key, None))
        # shielded: a reader who leaves does not cancel the picture the others wait for
        picture = await asyncio.shield(making)
        self.put(key, picture)
        return picture

    def get(self, key: tuple[object, ...]) -> bytes | None:
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
            return found

    def put(self, key: tuple[object, ...], picture: bytes) -> None:
        if len(picture) > self.limit // 4:  # one huge picture must not empty the cache
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = picture
            self._size += len(picture)
            while self._size > self.limit:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped)
