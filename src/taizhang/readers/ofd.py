""".ofd (GB/T 33190, the national format for electronic official documents) → text.

An OFD is a zip of XML: ``OFD.xml`` names each document's ``Document.xml`` (DocBody/DocRoot),
which lists its pages (Pages/Page@BaseLoc) and templates; a page's ``Content.xml`` holds
layers of ``TextObject``s, each placed by its ``Boundary`` ("x y w h" in mm) with ``TextCode``
runs at X/Y (the baseline) inside it. Producers write a line, a word or a single character per
object, in any order, so the text is put back in reading order from the positions (as OCR boxes
are, :mod:`taizhang.readers.layout`) and the lines joined into paragraphs as a PDF's are.

No library is used: the Python ones found (easyofd, ofdparser) render OFD to images or PDF
and pull in PyMuPDF and more, while reading the text needs only zipfile and lxml. The zip is
checked for bombs before anything inflates (readers/archive.py); XML with a DTD is refused.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from typing import TYPE_CHECKING, Any

from taizhang.errors import FileUnreadable
from taizhang.limits import OFD_MAX_PAGES
from taizhang.readers import Paged
from taizhang.readers.layout import Box, reading_order

if TYPE_CHECKING:
    from collections.abc import Iterator

_HINT = "请用 OFD 阅读器（如数科、福昕 OFD 版）打开确认，或重新下载"
_SCALE = 10  # boxes in tenths of a millimetre


class _Broken(Exception):
    """Something the standard requires is missing or malformed (the reason in Chinese)."""


def read_ofd(data: bytes, source: str) -> Paged:
    from taizhang.readers.archive import check_zip
    from taizhang.readers.pdf import PAGE_NUMBER, join_pages

    check_zip(data, source)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            pages = [_page_lines(package, page, width) for page, width in _pages(package)]
    except _Broken as err:
        raise FileUnreadable(source, f"OFD 文件已损坏或不符合 GB/T 33190（{err}）", hint=_HINT) from None
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as err:
        raise FileUnreadable(source, f"OFD 文件已损坏，无法读取（{type(err).__name__}）", hint=_HINT) from None
    # the folio (— 1 —) is a text object like any other: left in, it lands inside the paragraph
    # that runs over the page break
    pages = [[ln for ln in page if not PAGE_NUMBER.match(ln.strip())] for page in pages]
    text, starts = join_pages(pages, frozenset(range(len(pages))))  # every page is typeset
    if not text.strip():
        raise FileUnreadable(source, "OFD 里没有文字（可能是扫描图像，或文字已转为曲线）",
                             hint="请提供带文字的 OFD，或 PDF/docx 版本")
    return Paged(text, starts)


def _pages(package: zipfile.ZipFile) -> Iterator[tuple[list[tuple[str, Any]], float]]:
    """Each page as its (Content.xml part, root) list — template pages first — and its width."""
    root = _xml(package, "OFD.xml")
    doc_roots = [e.text.strip() for e in _all(root, "DocRoot") if e.text and e.text.strip()]
    if not doc_roots:
        raise _Broken("OFD.xml 里没有 DocBody/DocRoot")
    count = 0
    for doc_root in doc_roots:
        doc_path = _resolve("", doc_root)
        document = _xml(package, doc_path)
        base = posixpath.dirname(doc_path)
        width = _width(next(_all(document, "PhysicalBox"), None))
        templates = {t.get("ID"): _resolve(base, t.get("BaseLoc", ""))
                     for t in _all(document, "TemplatePage")}
        for page in _all(document, "Page"):
            if page.get("BaseLoc") is None:
                continue
            count += 1
            if count > OFD_MAX_PAGES:
                raise _Broken(f"页数超过上限 {OFD_MAX_PAGES} 页")
            part = _resolve(base, page.get("BaseLoc", ""))
            content = _xml(package, part)
            parts = [(t, _xml(package, t)) for t in
                     (templates.get(ref.get("TemplateID")) for ref in _all(content, "Template"))
                     if t and t in package.namelist()]
            area = next(_all(content, "PhysicalBox"), None)
            yield [*parts, (part, content)], _width(area) if area is not None else width


def _page_lines(package: zipfile.ZipFile, parts: list[tuple[str, Any]], width: float) -> list[str]:
    boxes: list[Box] = []
    for _, content in parts:
        for obj in _all(content, "TextObject"):
            boxes.extend(_text_boxes(obj))
    return reading_order(boxes, max(1, round(width * _SCALE)))


def _text_boxes(obj: Any) -> Iterator[Box]:
    try:
        x, y, _w, h = (float(v) for v in (obj.get("Boundary") or "").split())
    except ValueError:
        raise _Broken(f"TextObject 的 Boundary 不是“x y 宽 高”：{(obj.get('Boundary') or '')[:40]}") from None
    size = float(obj.get("Size") or h or 1) or 1.0
    for code in _all(obj, "TextCode"):
        text = "".join(code.itertext()).strip()
        if not text:
            continue
        left = x + float(code.get("X") or 0)
        baseline = y + float(code.get("Y") or size)
        advance = sum(_deltas(code.get("DeltaX"))) or size * (len(text) - 1)
        yield Box(round(left * _SCALE), round((baseline - size) * _SCALE),
                  round((left + advance + size) * _SCALE), round(baseline * _SCALE), text)


def _deltas(spec: str | None) -> list[float]:
    """DeltaX: numbers, where ``g 3 4.2`` repeats 4.2 three times."""
    out: list[float] = []
    parts = (spec or "").split()
    i = 0
    while i < len(parts):
        if parts[i] == "g" and i + 2 < len(parts):
            out += [float(parts[i + 2])] * int(parts[i + 1])
            i += 3
        else:
            out.append(float(parts[i]))
            i += 1
    return out


def _xml(package: zipfile.ZipFile, part: str) -> Any:
    from lxml import etree

    try:
        raw = package.read(part)
    except KeyError:
        raise _Broken(f"缺少部件 {part}") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as err:
        raise _Broken(f"{part} 不是有效的 XML：{err.msg[:80]}") from None
    if root.getroottree().docinfo.internalDTD is not None:  # OFD has no use for entities
        raise _Broken(f"{part} 含有 DTD 实体声明，已拒绝读取")
    return root


def _all(root: Any, local: str) -> Iterator[Any]:
    """Elements by local name, with or without the ofd namespace (producers differ)."""
    return (e for e in root.iter() if isinstance(e.tag, str) and e.tag.rsplit("}", 1)[-1] == local)


def _resolve(base: str, loc: str) -> str:
    loc = loc.strip()
    path = loc.lstrip("/") if loc.startswith("/") else posixpath.join(base, loc)
    return posixpath.normpath(path)


def _width(box: Any) -> float:
    try:
        return float((box.text or "").split()[2]) if box is not None else 210.0
    except (IndexError, ValueError):
        return 210.0
