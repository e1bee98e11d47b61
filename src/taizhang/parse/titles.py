"""What a title line and a 发文字号 look like (GB/T 9704: 发文机关 + 关于 + 事由 + 文种).

    >>> is_title_end("沈阳市贯彻落实……2015年工作要点")
    True
    >>> DOC_NUMBER.search("沈政办发〔2018〕78号").group(0)
    '沈政办发〔2018〕78号'
"""
from __future__ import annotations

import re

from taizhang.parse.lexicon import doc_types

# 发文字号: 机关代字 + year in 〔〕/[]/()/【】 + serial (第 and leading zeros tolerated); a page that
# lost the closing bracket (国办发〔2018104号) still names a number
DOC_NUMBER = re.compile(
    r"(?:(?<=[\s(《》、,;:。“”\"'和及与])|^)"
    r"([\u4e00-\u9fff]{1,10}?)[〔\[【(]((?:19|20)\d{2})(?:[〕\]】)]第?0*(\d{1,5})|(\d{1,4}))号",
    re.M,
)
_TITLE_TAIL = re.compile(r"\((?:草案|试行|征求意见稿|(?:19|20)\d{2}\s*(?:-|—|–|至)\s*(?:19|20)\d{2}年|(?:19|20)\d{2}年)\)$")
_SENTENCE = re.compile(r"[。;:,!?]")
# 【市政府重点工作及责任分解】…… · 【转载】……: a page's own tag before the title
PAGE_TAG = re.compile(r"^【[^】]{1,20}】")
_FRAMED = re.compile(r"[^【】]{0,8}【([^【】]{6,80})】")


def is_title_end(line: str) -> bool:
    """A line that can close a title: no sentence punctuation, ends with a kind of document
    (通知, 方案, 要点 …), perhaps with (试行) or (2018—2020年) after it."""
    s = line.strip()
    framed = _FRAMED.fullmatch(s)
    if framed is not None:  # 【……的实施意见】: the page shows the title in its own frame
        s = framed.group(1)
    s = _TITLE_TAIL.sub("", s)
    s = s.strip("《》 ")
    if not s or len(s) > 80 or _SENTENCE.search(s):
        return False
    return s.endswith(doc_types()) and len(s) >= 6


def is_framed(line: str) -> bool:
    """A title shown in its own frame: 【……的实施意见】 (with at most a short label before it)."""
    framed = _FRAMED.fullmatch(line.strip())
    return framed is not None and is_title_end(framed.group(1))


def is_title_part(line: str) -> bool:
    """A line that can be part of a title split over several lines."""
    s = line.strip()
    if s[:1] in "(【[〔":
        return _TITLE_TAIL.fullmatch(s) is not None  # (此件公开发布) is a note; (2024—2025年) closes a title
    return (0 < len(s) <= 40 and not re.search(r"[。;:,!?\t|>»]", s) and not s.endswith("文件")
            and DOC_NUMBER.search(s) is None and not re.fullmatch(r"[\d\s年月日.\-/:]+", s))


def clean_title(text: str) -> str:
    """A title block's text as one title: the page's 【tag】 dropped, 《》 around the whole removed."""
    t = text.strip()
    framed = _FRAMED.fullmatch(t)
    if framed is not None and is_title_end(framed.group(1)):
        t = framed.group(1)  # 文件库【……的实施意见】: the page shows the title in its own frame
    t = PAGE_TAG.sub("", t)
    if t.startswith("《") and t.endswith("》") and t.count("《") == 1:
        t = t[1:-1]
    return t


def joined(texts: list[str]) -> str:
    """Title lines joined: no spaces, 《 》 kept where they stand."""
    return "".join(t.replace(" ", "").replace("\t", "") for t in texts)


def same_title(a: str, b: str) -> bool:
    """Whether two writings name the same document: 《》〈〉, spaces and a year in front aside."""
    x, y = _bare(a), _bare(b)
    if not x or not y:
        return False
    return x == y or (len(x) >= 8 and len(y) >= 8 and (x in y or y in x) and min(len(x), len(y)) / max(len(x), len(y)) > 0.7)


def _bare(s: str) -> str:
    return re.sub(r"[《》〈〉<>\s\"“”]", "", s)
