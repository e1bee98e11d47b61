"""A name for a document whose text has no title line — never its file name.

The parser's ``title`` stays what the text shows (None when it shows none: the contract scores
that); the ledger needs something to list, so it looks, in order, for the 印发 sentence
(现将《X》印发给你们 → X) and a title-like line among the first lines. Nothing → None, and
the document is flagged ``untitled`` (shown as “（无标题）”).

    >>> fallback_title("经研究，现将《沈阳市2016年工作要点》印发给你们，请认真贯彻执行。")
    ('沈阳市2016年工作要点', 'issued_sentence')
"""
from __future__ import annotations

import re

from taizhang.parse.titles import is_title_end

# 现将《X》印发给你们 · 关于印发《X》的通知 · 特将《X》转发给你们
_ISSUED = re.compile(r"(?:现将|特将|将|关于印发|关于转发)《(?P<title>[^《》]{4,150}?)》"
                     r"(?:印发|转发|的通知|予以印发)")
HEAD_CHARS = 2000  # the 印发 sentence stands in a cover notice, near the top
HEAD_LINES = 8  # a title line, when there is one, is among the first lines


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
