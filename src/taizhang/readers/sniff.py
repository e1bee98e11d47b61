"""Which reader a file needs, decided by its first bytes and only then by its extension.

Downloads from government sites are often misnamed: a .doc that is really HTML, a .txt that is
a saved page, a .docx renamed .txt. The bytes are the truth; the extension only breaks the tie
between plain text and HTML, and flags a .docx/.pdf whose bytes are not what it claims.
"""
from __future__ import annotations

import os
import re

from taizhang.errors import FileUnreadable

SUPPORTED = "请提供 .txt、.docx、.doc、.wps、.pdf、.ofd、.html、.eml 或图片（png/jpg/tiff）格式的公文"

_HTML_EXT = frozenset({".html", ".htm", ".shtml", ".xhtml", ".jsp", ".asp", ".aspx", ".php"})
# a page starts with one of these, maybe after a BOM, spaces or an XML declaration / comment
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta)\b",
                         re.I | re.S)

# scans come as these pictures: read by OCR (readers/ocr.py)
_IMAGES: tuple[bytes, ...] = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
# (magic bytes, what it is) for files that are certainly not a document we can read
_FOREIGN: tuple[tuple[bytes, str], ...] = (
    (b"GIF87a", "GIF 图片"),
    (b"GIF89a", "GIF 图片"),
    (b"Rar!\x1a\x07", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩文件"),
    (b"\x7fELF", "可执行程序"),
    (b"MZ", "Windows 可执行程序"),
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc / .xls / .wps / .ppt of the Office 97 era

# zip members that tell an Office/ODF package apart
_ZIP_KINDS: tuple[tuple[str, str], ...] = (
    ("xl/workbook.xml", "Excel 表格（.xlsx）"),
    ("ppt/presentation.xml", "PowerPoint 演示文稿（.pptx）"),
    ("content.xml", "OpenDocument 文档（.odt/.ods）"),
)
# a mail saved from a client (.eml) opens with header lines; MIME-Version is in every MIME mail
_MAIL_HEADER = re.compile(rb"^(?:[A-Za-z][A-Za-z0-9-]*:[^\n]*\r?\n(?:[ \t][^\n]*\r?\n)*){2,}", re.S)
_MAIL_NEEDS = re.compile(rb"^MIME-Version:", re.I | re.M)


def detect_format(data: bytes, name: str) -> str:
    """Return ``txt``, ``html``, ``docx``, ``pdf``, ``doc``, ``wps``, ``ofd``, ``eml`` or
    ``image``; raise FileUnreadable for anything else."""
    ext = os.path.splitext(name)[1].lower()
    if b"%PDF-" in data[:1024]:  # the spec lets junk precede the header
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, name)
    if data.startswith(_OLE):
        from taizhang.readers.office import ole_kind

        return ole_kind(data, name)
    if data.startswith(_IMAGES):
        return "image"
    for magic, what in _FOREIGN:
        if data.startswith(magic):
            hint = "请转存为 PNG、JPEG 或 TIFF 图片后再试" if "图片" in what else SUPPORTED
            raise FileUnreadable(name, f"这是{what}，不是文本或公文文件", hint=hint)
    if data[8:12] == b"WEBP" and data.startswith(b"RIFF"):
        raise FileUnreadable(name, "这是 WEBP 图片，暂不支持",
                             hint="请转存为 PNG、JPEG 或 TIFF 图片后再试")
    if ext == ".eml" or _MAIL_HEADER.match(data[:8192]) and _MAIL_NEEDS.search(data[:8192]):
        return "eml"
    if ext == ".docx":
        raise FileUnreadable(name, "扩展名是 .docx，但内容不是 Word 文档（文件可能已损坏）",
                             hint="请用 Word/WPS 打开确认，或重新下载")
    if ext == ".ofd":
        raise FileUnreadable(name, "扩展名是 .ofd，但内容不是 OFD 版式文件（缺少 zip 文件头，可能已损坏）",
                             hint="请用 OFD 阅读器（如数科、福昕 OFD 版）打开确认，或重新下载")
    if ext in (".doc", ".wps"):
        raise FileUnreadable(name, f"扩展名是 {ext}，但内容不是 Word/WPS 文档（可能已损坏）",
                             hint="请用 Word/WPS 打开确认，或重新下载")
    if ext == ".pdf":
        raise FileUnreadable(name, "扩展名是 .pdf，但内容不是 PDF（缺少 %PDF 文件头，可能已损坏）",
                             hint="请用 PDF 阅读器打开确认，或重新下载")
    if ext in _HTML_EXT or looks_like_html(data):
        return "html"
    return "txt"


def looks_like_html(data: bytes) -> bool:
    # UTF-16 pages carry their markup with NULs in between; drop them to see the tags
    head = data[:2048].lstrip(b"\xef\xbb\xbf\xff\xfe").replace(b"\x00", b"")
    return bool(_HTML_START.match(head))


def _zip_kind(data: bytes, name: str) -> str:
    import io
    import zipfile  # only zip files pay for it (≈4 ms with shutil, bz2, lzma)

    from taizhang.readers.archive import check_zip

    check_zip(data, name)  # a bomb is refused from its directory, before anything inflates
    try:
        members = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise FileUnreadable(name, "文件头是 zip/Word 格式，但内容已损坏，无法打开",
                             hint="请用 Word/WPS 打开确认，或重新下载") from None
    if "word/document.xml" in members:
        return "docx"
    if "OFD.xml" in members:  # GB/T 33190: the entry file sits at the package root
        return "ofd"
    for member, what in _ZIP_KINDS:
        if member in members:
            hint = "台账表格请用 taizhang import-sheet 导入" if "Excel" in what else SUPPORTED
            raise FileUnreadable(name, f"这是{what}，不是公文", hint=hint)
    if os.path.splitext(name)[1].lower() == ".ofd":
        raise FileUnreadable(name, "扩展名是 .ofd，但压缩包里没有 OFD.xml（不是 OFD 版式文件，或已损坏）",
                             hint="请用 OFD 阅读器打开确认，或重新下载")
    raise FileUnreadable(name, "这是 zip 压缩包，不是 Word 文档", hint=f"请解压后{SUPPORTED[1:]}")
