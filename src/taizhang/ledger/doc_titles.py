"""A name for a document whose text has no title line — never its file name.

The parser's ``title`` stays what the text shows (None when it shows none: the contract scores
that); the ledger needs something to list, so it looks, in order, for the 印发 sentence
(现将《X》印发给你们 → X), a title-like line among the first lines, and — for a web page —
the page's ``<title>`` without the site's name. Nothing → None, and the document is flagged
``untitled`` (shown as “（无标题）”).

    >>> fallback_title("经研究，现将《沈阳市2016年工作要点》印发给你们，请认真贯彻执行。")
    ('沈阳市2016年工作要点', 'issued_sentence')
    >>> title_from_page("关于印发沈阳市开发区改革创新工作方案的通知_沈阳市人民政府")
    '关于印发沈阳市开发区改革创新工作方案的通知'
"""
from __future__ import annotations

import re

from taizhang.parse.titles import is_title_end

# 现将《X》印发给你们 · 关于印发《X》的通知 · 特将《X》转发给你们
_ISSUED = re.compile(r"(?:现将|特将|将|关于印发|关于转发)《(?P<title>[^《》]{4,150}?)》"
                     r"(?:印发|转发|的通知|予以印发)")
HEAD_CHARS = 2000  # the 印发 sentence stands in a cover notice, near the top
HEAD_LINES = 8  # a title line, when there is one, is among the first lines


# what sites put between a page's title and their own name: _ | ｜ and dashes (- － – — ——),
# a dash only where it is not a range of years (2021—2025年, 2021-2025)
_PAGE_SEPARATOR = re.compile(r"\s*(?:_+|[|｜]|(?<!\d)[-－–—]+(?!\d)|\s[-－–—]+\s)\s*")
# a part that names the site or its column, not the document: 中国政府网, 沈阳市人民政府网站,
# 辽宁省人民政府门户网站, 政策文件, 通知公告, 政府信息公开, 首页
_SITE_PART = re.compile(
    r"(?:网站?|门户|首页|频道|栏目|专题|人民政府|政府|办公厅|政府文件|政策文件|文件库|规范性文件"
    r"|通知公告|公示公告|信息公开|政策法规|政策解读|最新文件|政务公开|新闻中心|要闻)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PAGE_TITLE_MIN = 6  # characters: shorter leftovers (新闻, 正文) are no document's name


def title_from_page(raw: str | None) -> str | None:
    """A page's ``<title>`` without the site's name: the part that reads like a document's title.

    Split on the separators sites use; a part ending in a kind of document (通知, 方案 …)
    wins, else the longest part that is not a site or column name; None when none is left.

        >>> title_from_page("国务院关于加快推进政务服务标准化规范化便利化的指导意见 - 中国政府网")
        '国务院关于加快推进政务服务标准化规范化便利化的指导意见'
        >>> title_from_page("首页 | 沈阳市人民政府") is None
        True
    """
    if not raw:
        return None
    parts = [p.strip("《》【】 ") for p in _PAGE_SEPARATOR.split(raw.strip())]
    kept = [p for p in parts if len(p) >= _PAGE_TITLE_MIN and _CJK.search(p)
            and not _SITE_PART.search(p)]
    for part in kept:
        if is_title_end(part):
            return part
    return max(kept, key=len) if kept else None


def fallback_title(text: str) -> tuple[str | None, str]:
    """(title, rule): rule ``issued_sentence`` or ``first_heading``; (None, "none")."""
    head = text[:HEAD_CHARS]
    m = _ISSUED.search(head)
    if m:
        return m.group("title").strip(), "issued_sentence"
    lines = [ln.strip() for ln in head.splitlines() if ln.strip()][:HEAD_LINES]
    for line in lines:
        if is_title_end(line):
            return line.strip("《》 "), "first_heading"
    return None, "none"
