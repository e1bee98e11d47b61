"""What a document keeps of its file besides the text: pages, the original, the page's <title>.

A scanned or printed PDF and a scanned picture keep their own bytes and where each page starts
in the text, so the review page can show the page an extracted task stands on (第 N 页) beside
the extraction; a web page's ``<title>`` names a document without a title line. Pure: the
readers fill it in, the store keeps it, the web renders it.

    >>> page_of(120, (0, 100, 250))
    2
    >>> span_pages((90, 260), (0, 100, 250))
    (1, 2, 3)
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

# magic bytes → the media type a browser is told (a picture is served as it is, but a TIFF,
# which browsers do not show, is turned into PNG page by page)
_MEDIA: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
MAX_SHOWN_PAGES = 3  # a task running over more pages shows its first three


@dataclass(frozen=True, slots=True)
class SourceFile:
    """``format``: the reader's (pdf, image, ofd, html …); ``pages``: each page's start offset
    in the text; ``data``: the original bytes when its pages can be shown, else None."""

    format: str
    pages: tuple[int, ...] = ()
    data: bytes | None = None
    page_title: str | None = None

    @classmethod
    def of(cls, read: Any) -> "SourceFile | None":
        """From a :class:`taizhang.readers.ReadResult`; None when there is nothing to keep."""
        pages = tuple(getattr(read, "pages", ()) or ())
        data = getattr(read, "original", None)
        title = getattr(read, "page_title", None)
        if not pages and data is None and not title:
            return None
        return cls(format=str(read.format), pages=pages, data=data, page_title=title)

    @property
    def media_type(self) -> str | None:
        return media_type(self.data)


def media_type(data: bytes | None) -> str | None:
    """``application/pdf``, ``image/png``, ``image/jpeg``, ``image/tiff``; None for others."""
    if not data:
        return None
    if b"%PDF-" in data[:1024]:
        return "application/pdf"
    for magic, kind in _MEDIA:
        if data.startswith(magic):
            return kind
    return None


def page_of(offset: int, starts: tuple[int, ...]) -> int:
    """The 1-based page an offset of the text falls on (page 1 before the first start)."""
    return max(1, bisect_right(starts, offset))


def span_pages(span: tuple[int, int], starts: tuple[int, ...]) -> tuple[int, ...]:
    """The pages a span of the text touches, first to last, at most MAX_SHOWN_PAGES of them;
    () for a document without pages or an empty span."""
    if not starts or span[1] <= span[0]:
        return ()
    first = page_of(span[0], starts)
    last = page_of(span[1] - 1, starts)  # a span ends before its end offset
    return tuple(range(first, min(last, first + MAX_SHOWN_PAGES - 1) + 1))
