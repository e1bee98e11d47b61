"""Reading files into text: the only place the parser's input touches the disk.

    read_path("方案.docx")                  → ReadResult(text, source, format, encoding, warnings)
    read_bytes(upload, name="方案.pdf")     → the same, for bytes from a web upload

Formats: plain text (UTF-8, GB18030/GBK, Big5, UTF-16), .docx, .doc/.wps (LibreOffice), .pdf
(text layer; pages without one are OCR'd), scanned pictures (png/jpg/tiff, OCR), .ofd
(GB/T 33190), HTML pages and .eml mails (their document attachment). The format comes from the
bytes first (see :mod:`taizhang.readers.sniff`). Every heavy library (python-docx, pdfminer, bs4,
charset-normalizer, the OCR engine) is imported only by the reader that needs it, so
``taizhang parse x.txt`` on a UTF-8 file loads none of them.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from taizhang.errors import FileUnreadable
from taizhang.limits import MAX_FILE_BYTES
from taizhang.parse.model import ParseWarning, WarningCode

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["SHOWN_FORMATS", "Paged", "ReadResult", "read_bytes", "read_path"]

# formats whose pages the review page can show as pictures: a PDF page is rendered (pypdfium2),
# a picture is itself the page. An OFD keeps its page offsets but has no renderer here.
SHOWN_FORMATS = ("pdf", "image")


class ReadResult(NamedTuple):
    text: str
    source: str  # the file name as given
    format: str  # txt | docx | doc | wps | pdf | image | ofd | html | eml
    encoding: str | None = None
    warnings: tuple[ParseWarning, ...] = ()
    # where each page starts in ``text`` (character offsets, one per page) for paged formats
    # (pdf, image, ofd), so a review can show the page image beside the extraction
    pages: tuple[int, ...] = ()
    # an HTML page's <title> as the site wrote it (with its name: "…的通知_沈阳市人民政府"):
    # the ledger names a document without a title line from it (ledger/doc_titles.py)
    page_title: str | None = None
    # the file's own bytes when its pages can be shown beside the extraction (pdf, picture),
    # else None: the ledger keeps them with the page offsets (ledger/pages.py)
    original: bytes | None = None


class Paged(NamedTuple):
    """What a paged reader returns: the text, each page's start offset, its warnings."""

    text: str
    pages: tuple[int, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()


def read_path(path: "str | Path", *, encoding: str | None = None,
              max_bytes: int = MAX_FILE_BYTES) -> ReadResult:
    """Read a document file into text.

    Raises :class:`~taizhang.errors.FileUnreadable` (or its subclass ``DecodeError``) with a
    Chinese message naming the file, what is wrong and what to do.
    """
    # os rather than pathlib: `taizhang parse` should not pay for importing pathlib
    p = os.fspath(path)
    shown = str(path)
    try:
        if not os.path.exists(p):
            raise FileUnreadable(shown, "文件不存在", hint="请检查路径和文件名")
        if os.path.isdir(p):
            raise FileUnreadable(shown, "这是一个目录，不是文件", hint="请指定目录中的文件")
        size = os.path.getsize(p)  # refuse before reading: a huge file never enters memory
        if size > max_bytes:
            raise FileUnreadable(shown, _too_large(size, max_bytes), hint="请只提供公文本身")
        with open(p, "rb") as f:
            data = f.read()
    except PermissionError:
        raise FileUnreadable(shown, "没有读取这个文件的权限", hint="请检查文件权限") from None
    except OSError as err:
        raise FileUnreadable(shown, f"无法读取文件（{err.strerror or err}）") from None
    return read_bytes(data, name=os.path.basename(p), encoding=encoding, max_bytes=max_bytes, shown=shown)


def read_bytes(data: bytes, *, name: str, encoding: str | None = None,
               max_bytes: int = MAX_FILE_BYTES, shown: str | None = None,
               depth: int = 0) -> ReadResult:
    """Read an uploaded file's bytes; ``name`` gives the extension hint and the source name.

    ``depth`` counts mails inside mails: an attachment is read by this same function.
    """
    from taizhang.readers.sniff import detect_format

    shown = shown or name
    if len(data) > max_bytes:
        raise FileUnreadable(shown, _too_large(len(data), max_bytes), hint="请只提供公文本身")
    if not data.strip():
        raise FileUnreadable(shown, "文件是空的（没有任何文字）", hint="请确认选择了正确的文件")
    fmt = detect_format(data, shown)
    warnings: tuple[ParseWarning, ...] = ()
    used: str | None = None
    pages: tuple[int, ...] = ()
    page_title: str | None = None
    if fmt == "docx":
        from taizhang.readers.word import read_docx

        text = read_docx(data, shown)
    elif fmt in ("doc", "wps"):
        from taizhang.readers.office import read_legacy

        text = read_legacy(data, shown)
    elif fmt in ("pdf", "image", "ofd"):
        if fmt == "pdf":
            from taizhang.readers.pdf import read_pdf as read_paged
        elif fmt == "image":
            from taizhang.readers.ocr import read_image as read_paged
        else:
            from taizhang.readers.ofd import read_ofd as read_paged
        text, pages, warnings = read_paged(data, shown)
    elif fmt == "eml":
        from taizhang.readers.mail import read_mail

        read = read_mail(data, shown, encoding=encoding, max_bytes=max_bytes, depth=depth)
        return read._replace(source=name)
    else:
        from taizhang.readers.text import decode

        declared = None
        if fmt == "html":
            from taizhang.readers.html_page import declared_charset

            declared = declared_charset(data)
        decoded, used, warnings = decode(data, source=shown, encoding=encoding, declared=declared)
        if fmt == "html":
            from taizhang.readers.html_page import read_page

            text, removed, page_title = read_page(decoded, shown)
            if removed:
                warnings += (ParseWarning(WarningCode.BOILERPLATE_REMOVED,
                                          "已去除网页的导航、页眉页脚等非正文内容"),)
        else:
            text = decoded
    if not text.strip():
        raise FileUnreadable(shown, "文件里没有可读的文字", hint="请确认文件内容是否为公文正文")
    return ReadResult(text=text, source=name, format=fmt, encoding=used, warnings=warnings,
                      pages=pages, page_title=page_title,
                      original=data if fmt in SHOWN_FORMATS else None)


def too_large(size: int, limit: int) -> str:
    """``文件大小 25.3 MiB，超过上限 20 MiB（20971520 字节）``: the file's real size."""
    return _too_large(size, limit)


def _too_large(size: int, limit: int) -> str:
    return f"文件大小 {_size(size)}（{size} 字节），超过上限 {_size(limit)}（{limit} 字节）"


def _size(n: int) -> str:
    if n >= 1048576:
        return f"{n / 1048576:.1f}".rstrip("0").rstrip(".") + " MiB"
    return f"{n / 1024:.0f} KiB" if n >= 1024 else f"{n} 字节"
