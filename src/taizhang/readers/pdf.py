""".pdf → text from its text layer, with the page-width line breaks taken out again.

A PDF only knows lines: every paragraph of a 公文 (28 characters a line) comes out cut into
pieces. A line is joined to the next when it runs (nearly) the full width, does not end a
sentence, and the next line does not open a new outline item (一、 （一） 1. （1）). Page numbers
in the official form (— 1 —) and page breaks are dropped. A PDF whose pages hold no text at all
is a scan: it needs OCR, which this reader does not do.
"""
from __future__ import annotations

import io
import math
import re

from taizhang.errors import FileUnreadable

# lines that are only a page number: "— 1 —", "- 2 -", "－3－", "第 4 页", "第4页 共9页", "5/9"
_PAGE_NUMBER = re.compile(
    r"^(?:[—–\-－─]+\s*\d{1,4}\s*[—–\-－─]+|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?"
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
_DOC_NUMBER_LINE = re.compile(r"^\S{1,15}[〔\[［(（]\d{4}[〕\]］)）]\d{1,4}号$")  # 沈政办发〔2018〕78号
_WIDTH_SHARE = 0.8  # a line this share of the typical full line is "full": the page broke it


def read_pdf(data: bytes, source: str) -> str:
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
    text = join_lines(raw)
    if not text.strip():
        raise FileUnreadable(source, "PDF 没有文字层（可能是扫描件），无法直接提取文字",
                             hint="需要先做 OCR 文字识别，再以文本或带文字层的 PDF 提供")
    return text


def join_lines(raw: str) -> str:
    """pdfminer's output → paragraphs: drop page numbers and breaks, undo width wrapping."""
    lines = [line.strip() for line in raw.replace("\x0c", "\n").split("\n")]
    lines = [line for line in lines if line and not _PAGE_NUMBER.match(line)]
    if not lines:
        return ""
    full = _full_width(lines)
    out: list[str] = [lines[0]]
    tail = lines[0]  # the last physical line: the width test is about it, not the paragraph
    for line in lines[1:]:
        ends = (tail.endswith(_SENTENCE_END) and not (
            tail.endswith("〕") and _DOC_NUMBER_REST.match(line))
            or tail.endswith(("：", ":")) and not _ROLE_COLON.search(tail)
            or _DOC_NUMBER_LINE.match(line) is not None)
        if _UNIT_BRACKET.match(line) and not _ORDINAL.match(line):
            ends = False
        if _line_width(tail) >= full * _WIDTH_SHARE and not ends and not _ORDINAL.match(line):
            out[-1] += (" " if _ascii_join(tail, line) else "") + line
        else:
            out.append(line)
        tail = line
    return "\n".join(out)


def _line_width(line: str) -> float:
    # CJK characters are twice as wide as Latin letters and digits on the page
    return sum(1.0 if ord(c) > 0x2E80 else 0.5 for c in line)


def _full_width(lines: list[str]) -> float:
    """The width of a full line: the 90th percentile, so titles and short lines do not count."""
    widths = sorted(_line_width(line) for line in lines)
    return widths[math.ceil(0.9 * (len(widths) - 1))]


def _ascii_join(left: str, right: str) -> bool:
    """English words wrapped at a line end need their space back; Chinese and numbers none."""
    return bool(left) and bool(right) and left[-1].isascii() and left[-1].isalpha() \
        and right[0].isascii() and right[0].isalpha()
