"""What a scraped or damaged text carries besides the document: page chrome, a block captured
twice, a footer (署名, 日期, 附件), text cut off in the middle of an item."""
from __future__ import annotations

import re

from taizhang.parse.header import DOC_NUMBER, INDEX_LABEL, ORG_ENDINGS, is_date_line
from taizhang.parse.lexicon import chrome_starts
from taizhang.parse.outline import Item, match_ordinal

Lines = list[tuple[int, int]]
_FOOTER_LINE = re.compile(r"^(\(此件[^)]*\)|此件公开发布|附件[:\t]?.*|抄送[:].*|.{0,30}印发$|\d{4}年\d{1,2}月\d{1,2}日印发"
                          r"|(?:联系人|联系电话|联系方式)[:].*)$")
_ORG_LINE = re.compile(rf"^[\u4e00-\u9fff()、\t]{{2,40}}({ORG_ENDINGS})$")
_END_PUNCT = "。;!?)〕]】”\"'."


def lines_of(view: str) -> Lines:
    """Non-empty lines as (start, end) offsets, surrounding tabs trimmed."""
    out = []
    pos = 0
    for line in view.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        while a < b and view[a] in "\t ":
            a += 1
        while b > a and view[b - 1] in "\t ":
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def drop_duplicates(view: str, lines: Lines) -> tuple[Lines, Lines]:
    """Remove a run of lines that repeats an earlier run (a page captured twice)."""
    first_seen: dict[str, int] = {}
    texts = [view[a:b] for a, b in lines]
    drop: set[int] = set()
    removed: Lines = []
    i = 0
    while i < len(lines):
        t = texts[i]
        j = first_seen.get(t)
        if j is not None and len(t) >= 12 and i not in drop:
            k = 0
            while i + k < len(lines) and j + k < i and texts[i + k] == texts[j + k]:
                k += 1
            # a cut-off copy: its last line is a prefix of the original's line
            if i + k < len(lines) and j + k < i and texts[j + k].startswith(texts[i + k]) and k >= 2:
                k += 1
            if k >= 3 or (k >= 1 and sum(len(texts[i + x]) for x in range(k)) >= 60):
                drop.update(range(i, i + k))
                removed.append((lines[i][0], lines[i + k - 1][1]))
                i += k
                continue
        first_seen.setdefault(t, i)
        i += 1
    return [ln for n, ln in enumerate(lines) if n not in drop], removed


# markers that make a short line chrome wherever they stand in it
_CHROME_ANYWHERE = re.compile(r"二维码|微信公众号|公众号|版权所有|ICP备|网站地图|联系我们|技术支持|浏览次数|阅读次数|"
                              r"\[打印\]|【打印】|【关闭】|返回顶部|分享到|上一页|下一页|共\d+页")
_TIMESTAMP = re.compile(r"^(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}(?:\t|\s)*(?:\d{1,2}:\d{2}(?::\d{2})?)?$")


def is_chrome(line: str) -> bool:
    if len(line) > 120:
        return False
    chrome = (line.startswith(chrome_starts()) or _TIMESTAMP.match(line) is not None
              or (len(line) <= 60 and _CHROME_ANYWHERE.search(line) is not None))
    return chrome and match_ordinal(line, 0) is None


_LINKS_BLOCK = re.compile(r"\s*(?:往期推荐|往期回顾|相关阅读|相关文章|相关新闻|相关链接|推荐阅读|猜你喜欢|延伸阅读"
                          r"|喜欢此内容的人还喜欢)\s*[:]?\s*$")


def drop_chrome(view: str, lines: Lines) -> tuple[Lines, Lines]:
    """Remove page chrome lines (浏览量, 扫描二维码, 本文链接 …); index-block lines that name the
    document's own facts (发文字号：…, 成文日期：…) are kept for the header."""
    keep: Lines = []
    removed: Lines = []
    # a block of links to other pages (往期推荐, 相关阅读 …) runs to the end of the page: drop it
    # whole when no numbered item follows it (its lines are other articles' titles, not chrome words)
    for k, (a, b) in enumerate(lines):
        if _LINKS_BLOCK.match(view, a, b) and not any(match_ordinal(view, x) for x, _ in lines[k + 1:]):
            lines, tail = lines[:k], lines[k:]
            removed.append((tail[0][0], tail[-1][1]))
            break
    for a, b in lines:
        t = view[a:b]
        if is_chrome(t) and not INDEX_LABEL.match(t):
            if removed and _adjacent(view, removed[-1][1], a):
                removed[-1] = (removed[-1][0], b)
            else:
                removed.append((a, b))
        else:
            keep.append((a, b))
    return keep, removed


def _adjacent(view: str, end: int, start: int) -> bool:
    return not view[end:start].strip()


def split_footer(view: str, lines: Lines) -> tuple[Lines, Lines]:
    """Split trailing 署名 / 成文日期 / 此件公开发布 / 附件 lines off the body."""
    cut = len(lines)
    attach = next((i for i, (a, b) in enumerate(lines) if re.match(r"^附件[:\t]?", view[a:b])), None)
    if attach is not None:
        cut = attach
    while cut > 0:
        t = view[lines[cut - 1][0]:lines[cut - 1][1]]
        if is_date_line(t) or _FOOTER_LINE.match(t) or (_ORG_LINE.match(t) and len(t) <= 40) \
                or DOC_NUMBER.fullmatch(t) or INDEX_LABEL.match(t):  # an index block after the text
            cut -= 1
        else:
            break
    return lines[:cut], lines[cut:]


# 附件1 / 附件 / 附件2：联络员名单 — the label that opens an attachment after the document (GB/T 9704
# puts each on a page of its own); 附件：1.…… is the 附件说明 list instead, and stays in the footer
_ANNEX_LABEL = re.compile(r"附件\t?(\d{1,2}|[一二三四五六七八九十]{1,2})?\t?:?|附件\t?(\d{1,2})[:\t]\t?(?=[^\d\t])(.{2,60})")


class Annex:
    __slots__ = ("label", "line", "lines")

    def __init__(self, label: str, line: tuple[int, int]) -> None:
        self.label = label  # as the key writes it: 附件1, 附件
        self.line = line
        self.lines: Lines = []


def split_annexes(view: str, lines: Lines) -> tuple[Lines, list[Annex]]:
    """The lines before the first attachment label, and each attachment with its own lines."""
    main: Lines = []
    annexes: list[Annex] = []
    for a, b in lines:
        m = _ANNEX_LABEL.fullmatch(view, a, b) if view.startswith("附件", a) else None
        if m is not None:
            n = m.group(1) or m.group(2) or ""
            annexes.append(Annex(f"附件{n}", (a, b)))
        elif annexes:
            annexes[-1].lines.append((a, b))
        else:
            main.append((a, b))
    return main, annexes


def truncated_at(view: str, items: list[Item], body_end: int) -> int | None:
    """The start of the last item when the text stops in its middle (no closing punctuation)."""
    if not items:
        return None
    tail = view[:body_end].rstrip()
    if not tail or tail[-1] in _END_PUNCT:
        return None
    last = items[-1]
    return last.start if last.start < body_end else None
