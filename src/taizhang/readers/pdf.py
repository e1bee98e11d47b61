""".pdf → text from its text layer, with the page-width line breaks taken out again.

A PDF only knows lines: every paragraph of a 公文 (28 characters a line) comes out cut into
pieces. A line is joined to the next when it runs (nearly) the full width, does not end a
sentence, and the next line does not open a new outline item (一、 （一） 1. （1）). Page numbers
in the official form (— 1 —) and page breaks are dropped. A page that holds no text at all is
a scan: it is OCR'd (:mod:`taizhang.readers.ocr`) and its lines join the others, so a mixed PDF
keeps its text pages as they are. Each page's start offset in the text is kept.
"""
from __future__ import annotations

import io
import logging
import math
import re
from typing import TYPE_CHECKING

from taizhang.errors import FileUnreadable
from taizhang.readers import Paged
from taizhang.readers.rows import CELL_SEPARATOR

if TYPE_CHECKING:
    from taizhang.parse.model import ParseWarning

# pdfminer logs English warnings (e.g. "CropBox missing") that mean nothing to our users
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# lines that are only a page number: "— 1 —", "- 2 -", "－3－", "第 4 页", "第4页 共9页", "5/9"
# (OCR reads the dashes of a scanned "— 1 —" as 一 at times)
PAGE_NUMBER = re.compile(
    r"^(?:[—–\-－─一]+\s*\d{1,4}\s*[—–\-－─一]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})$")
# what opens an outline item, so a line starting with it is never glued to the previous one
_ORDINAL = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}[.．、](?!\d)"
    r"|[（(]\d{1,3}[）)]|[①-⑳⑴-⒇]|第[一二三四五六七八九十百]+[章节条部分]|附件|[一二三四五六七八九十]是)")
# a full line ending in one of these is taken to end its paragraph (the page rarely breaks a
# paragraph exactly there); ） and 〕 close the (牵头单位：…) of a task. Not ： or 》: a line
# ending "牵头单位：" or "《…》" goes on, and splitting it would cut a unit from its role.
_SENTENCE_END = tuple("。；;！？!?）)〕】]")
_DOC_NUMBER_REST = re.compile(r"^\d{1,4}号")  # 国发〔2014〕| 28号: a document number cut in two
# a colon at a full line's end closes the 主送机关 line, unless a role label waits for its units
_ROLE_COLON = re.compile(r"(?:(?:牵头|责任|配合|协办|主办|参与|承办)(?:单位|部门)|责任领导|责任人)[：:]$")
# after a full line, a bracket that is no ordinal is the task's own (牵头单位…) / 〔责任单位…〕
_UNIT_BRACKET = re.compile(r"^[〔（(【［]")
# 沈政办发〔2018〕78号 · 鞍立政发〔2023〕2 号 (pdfminer puts a space between digits and CJK at times)
_DOC_NUMBER_LINE = re.compile(r"^\S{1,15}\s?[〔\[［(（]\s?\d{4}\s?[〕\]］)）]\s?第?\s?\d{1,4}\s?号$")
_ROW_NUMBER = re.compile(r"^(\d{1,3})\s+(?!\d)\S")  # 6 推进5万个行政村通光纤 工业和信息化部 (not 2016 年)
_DOC_NUMBER_OPEN = re.compile(r"^\S{1,15}\s?[〔\[［]\s?\d{4}\s?[〕\]］]\s?第?\s?\d{1,4}\s?号")
_KIND_END = ("通知", "意见", "方案", "办法", "规定", "决定", "通报", "要点", "计划", "纪要", "批复", "报告", "细则", "清单",
             "通知》", "意见》", "方案》", "办法》", "计划》", "要点》")
# a page's index field opens a line of its own (发布时间：2020-02-03 · 索引号：…)
_FIELD_LINE = re.compile(r"^(?:发布时间|发布日期|发文日期|成文日期|印发日期|索引号|发文字号|文号|发文机关|发布机构|来源|信息来源)\s?[:：]")
_HEADER_ROW = re.compile(r"^序\s?号(?:\s|$)")  # 序号 工作任务 牵头单位: a table's header opens a line of its own
_WIDTH_SHARE = 0.8  # a line this share of the typical full line is "full": the page broke it
_PAGE_LINES = 8  # a page with fewer lines takes the whole document's full width
_NARROW_PAGE = 0.7  # a typeset page whose lines all stay below this share of the others' has no full line


def read_pdf(data: bytes, source: str) -> Paged:
    from pdfminer.high_level import extract_text  # only when a .pdf is read
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psexceptions import PSException

    from taizhang.readers.archive import check_pdf

    check_pdf(data, source)  # a Flate bomb is refused before pdfminer inflates it
    try:
        raw = extract_text(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise FileUnreadable(source, "PDF 已加密，需要密码才能读取",
                             hint="请先用 PDF 阅读器解除密码保护，或另存为无密码的 PDF") from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AssertionError) as err:
        raise FileUnreadable(source, f"PDF 文件已损坏，无法读取（{type(err).__name__}）",
                             hint="请用 PDF 阅读器打开确认，或重新下载") from None
    texts = raw.split("\x0c")  # pdfminer ends every page with a form feed
    if len(texts) > 1 and not texts[-1].strip():
        texts.pop()
    pages = [page_lines(t) for t in texts]
    scans = [i for i, lines in enumerate(pages) if not lines]
    tables = _table_pages(data, [i for i in range(len(pages)) if i not in scans])
    for i, (lines, _) in tables.items():
        pages[i] = lines
    warnings: tuple[ParseWarning, ...] = ()
    if scans:
        from taizhang.readers.ocr import ocr_pdf_pages, ocr_warning

        for i, lines in ocr_pdf_pages(data, source, scans).items():
            pages[i] = lines
        warnings = (ocr_warning(scans, len(pages)),)
    firsts = [sum(len(page) for page in pages[:i]) for i in range(len(pages))]
    rows = frozenset(firsts[i] + k for i, (_, at) in tables.items() for k in at)
    text, starts = join_pages(pages, frozenset(i for i in range(len(pages)) if i not in scans), rows)
    if not text.strip():
        raise FileUnreadable(source, "PDF 里没有可读的文字（文字层为空，文字识别也没有认出文字）",
                             hint="请确认扫描件清晰、方向正确，或提供 txt/docx 版本")
    return Paged(text, starts, warnings)


def _table_pages(data: bytes, wanted: list[int]) -> dict[int, tuple[list[str], list[int]]]:
    """The lines of the pages (of ``wanted``) that hold a ruled table, its rows as `` | `` lines
    (:mod:`taizhang.readers.pdf_tables`), and which of the lines are rows; a page pdfplumber cannot
    take apart keeps pdfminer's text."""
    import pdfplumber  # only when a .pdf is read
    from pdfminer.psexceptions import PSException

    from taizhang.readers.pdf_tables import table_page_lines

    out: dict[int, tuple[list[str], list[int]]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for i in wanted:
                try:
                    lines = table_page_lines(pdf.pages[i])
                except (PSException, ValueError, KeyError, TypeError, AssertionError, IndexError):
                    continue
                if lines is not None:
                    kept = [ln.strip() for ln in lines if ln.strip() and not PAGE_NUMBER.match(ln.strip())]
                    out[i] = kept, [k for k, ln in enumerate(kept) if CELL_SEPARATOR in ln]
    except (PSException, ValueError, KeyError, TypeError, AssertionError):
        return {}
    return out


def page_lines(raw: str) -> list[str]:
    """One page's lines, stripped, without blank lines and page numbers."""
    lines = (line.strip() for line in raw.split("\n"))
    return [line for line in lines if line and not PAGE_NUMBER.match(line)]


def join_lines(raw: str) -> str:
    """pdfminer's output → paragraphs: drop page numbers and breaks, undo width wrapping."""
    return join_pages([page_lines(raw.replace("\x0c", "\n"))], frozenset({0}))[0]


def join_pages(pages: list[list[str]], typeset: frozenset[int] = frozenset(),
               rows: frozenset[int] = frozenset()) -> tuple[str, tuple[int, ...]]:
    """Lines page by page → (paragraphs, each page's start offset in them).

    A paragraph that runs over a page break is joined as any other, so a page may start in
    the middle of a paragraph; its offset is where its first line landed. ``typeset``: the
    pages that had a text layer (the others were read by OCR); ``rows``: the lines (by their
    number over all pages) that are a table's rows, each a line of its own.
    """
    lines = [line for page in pages for line in page]
    if not lines:
        return "", tuple(0 for _ in pages)
    firsts: list[int] = []  # the index in ``lines`` of each page's first line
    seen = 0
    overall = _full_width(lines)
    # a full line is judged page by page: a scanned page OCR'd beside text pages, or a cover set
    # in a larger font, differs in width; a page of a few lines has too few to tell. A typeset
    # page far narrower than the others has no full line at all (table cells, one per line):
    # its widest cell must not pass for one
    set_lines = [line for i, page in enumerate(pages) if i in typeset for line in page]
    set_full = _full_width(set_lines) if set_lines else overall
    fulls: list[float] = []
    for i, page in enumerate(pages):
        firsts.append(seen)
        seen += len(page)
        full = _full_width(page) if len(page) >= _PAGE_LINES else overall
        if i in typeset and full < _NARROW_PAGE * set_full:
            full = set_full
        fulls += [full] * len(page)
    out: list[str] = [lines[0]]
    # where each line landed: (paragraph index, offset in that paragraph)
    landed: list[tuple[int, int]] = [(0, 0)]
    tail = lines[0]  # the last physical line: the width test is about it, not the paragraph
    for number, line in enumerate(lines[1:]):
        full = fulls[number]  # the width test is about the previous line, on its own page
        ends = (tail.endswith(_SENTENCE_END) and not (
            tail.endswith("〕") and _DOC_NUMBER_REST.match(line))
            or tail.endswith(("：", ":")) and not _ROLE_COLON.search(tail)
            or _DOC_NUMBER_LINE.match(line) is not None)
        if _UNIT_BRACKET.match(line) and not _ORDINAL.match(line):
            ends = False
        if number in rows or number + 1 in rows:
            ends = True  # a table's row is a line of its own (see pdf_tables)
        if _next_row(out[-1], line) or _FIELD_LINE.match(line) or _HEADER_ROW.match(line) \
                or (tail.endswith(_KIND_END) and _DOC_NUMBER_OPEN.match(line)):
            # …的通知 / 鞍立政发〔2023〕2号…… · …的通知 / 发布时间：……: the title ends at the line's end
            ends = True
        if _line_width(tail) >= full * _WIDTH_SHARE and not ends and not _ORDINAL.match(line):
            out[-1] += " " if _ascii_join(tail, line) else ""
            landed.append((len(out) - 1, len(out[-1])))
            out[-1] += line
        else:
            landed.append((len(out), 0))
            out.append(line)
        tail = line
    starts = [0]
    for paragraph in out[:-1]:
        starts.append(starts[-1] + len(paragraph) + 1)
    total = starts[-1] + len(out[-1])
    offsets = tuple(starts[landed[i][0]] + landed[i][1] if i < len(lines) else total
                    for i in firsts)
    return "\n".join(out), offsets


def _next_row(paragraph: str, line: str) -> bool:
    """A table set in spaces numbers its rows (5 中央财政安排…… 财政部 / 6 推进……): a line opening
    with the number after the paragraph's own starts the next row, however full the line above."""
    here, there = _ROW_NUMBER.match(line), _ROW_NUMBER.match(paragraph)
    return here is not None and there is not None and int(here.group(1)) == int(there.group(1)) + 1


def _line_width(line: str) -> float:
    # CJK characters are twice as wide as Latin letters and digits on the page
    return sum(1.0 if ord(c) > 0x2E80 else 0.5 for c in line)


def _full_width(lines: list[str]) -> float:
    """The width of a full line: the 90th percentile, so titles and short lines do not count (nor
    a table's rows, set as one line each)."""
    widths = sorted(_line_width(line) for line in lines if CELL_SEPARATOR not in line) or [0.0]
    return widths[math.ceil(0.9 * (len(widths) - 1))]


def _ascii_join(left: str, right: str) -> bool:
    """English words wrapped at a line end need their space back; Chinese and numbers none."""
    return bool(left) and bool(right) and left[-1].isascii() and left[-1].isalpha() \
        and right[0].isascii() and right[0].isalpha()
