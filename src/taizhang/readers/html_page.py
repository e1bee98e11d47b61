"""HTML page → the document's text, without the site around it.

Government pages wrap a 公文 in chrome: header and navigation, breadcrumb (当前位置), share and
print buttons, related links, a footer with 网站地图 / 版权所有 / 扫描二维码. Those are dropped
by tag and by id/class words. The 信息公开 index block (索引号, 发文机关, 成文日期, 发文字号 …)
is kept as ``label：value`` lines, because the parser reads the header fields from it. Block
elements and ``<br>`` become line breaks; data tables become `` | `` rows as in .docx.
The page's ``<title>`` is not part of the text (it repeats the site's name), but is kept apart:
a document without a title line is named from it at ingest (ledger/doc_titles.py).
"""
from __future__ import annotations

import re
from typing import Any, NamedTuple

from taizhang.readers.rows import INDEX_LABELS, index_line, join_cell_lines, row_lines

# never part of the document
_DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside",
              "form", "iframe", "svg", "canvas", "button", "input", "select", "textarea",
              "object", "embed", "video", "audio", "map")
# id/class words of site chrome (whole words after splitting on - _ and spaces)
_CHROME_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "menus", "submenu", "footer", "foot", "bottom",
    "breadcrumb", "breadcrumbs", "crumb", "crumbs", "share", "sharing", "bdshare", "sidebar",
    "comment", "comments", "copyright", "related", "relate", "weizhi", "dqwz", "qrcode", "ewm", "erweima", "toolbar", "print", "topbar", "search",
    "friendlink", "links", "yqlj", "advert", "ads", "banner", "skip",
})
# … and words that are chrome even inside a longer id (mainNav, pageFooter, shareBox)
_CHROME_PARTS = ("breadcrumb", "copyright", "sidebar", "navbar", "footer", "menu", "share",
                 "comment", "related", "qrcode")
# breadcrumb names that are also common layout words (position-relative, side-by-side):
# chrome only as the whole id or class
_CHROME_EXACT = frozenset({"position", "location", "side", "top", "head", "crumb", "dh"})
_SPLIT = re.compile(r"[\s_\-]+")
# lines of chrome that sit in unmarked elements
_CHROME_LINE = re.compile(
    r"^(?:当前位置|您现在的位置|您的位置|现在位置)|版权所有|ICP备|公网安备|网站标识码|网站地图"
    r"|扫描二维码|扫一扫|【\s*字体|字号[：:]\s*[大中小]|打印本页|关闭窗口|【\s*打印\s*】|【\s*关闭\s*】"
    r"|^分享到")
_BLOCK = frozenset({
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure", "figcaption",
    "hr", "caption", "body", "html", "tbody", "thead", "tfoot", "title",
})
_WS = re.compile(r"[ \t\r\n\f\v]+")  # HTML whitespace; the ideographic space is content
# a source line break between two Chinese characters is the editor's wrapping, not a space
_CJK = "\u2e80-\u9fff\uff00-\uffef"
_WRAP = re.compile(rf"(?<=[{_CJK}])[ \t]*\r?\n[ \t\r\n]*(?=[{_CJK}])")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_\-]+)", re.IGNORECASE)
_LAYOUT_CELL_CHARS = 1500  # a cell holding this much text is a page column, not table data


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` (or http-equiv content-type charset) in the page's first 4 KiB."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


class HtmlPage(NamedTuple):
    text: str
    removed: bool  # site chrome was dropped
    title: str | None  # the page's <title>, whitespace folded, as the site wrote it


_TITLE_CHARS = 300  # a <title> longer than this is not a title


def read_html(text: str, source: str) -> tuple[str, bool]:
    """Return (document text, whether chrome was removed)."""
    page = read_page(text, source)
    return page.text, page.removed


def read_page(text: str, source: str) -> HtmlPage:
    """The document text, whether chrome was removed, and the page's ``<title>``."""
    from bs4 import BeautifulSoup  # only when a page is read

    soup = BeautifulSoup(text, "lxml")
    title = _page_title(soup)
    removed = _drop_chrome(soup)
    lines: list[str] = []
    _walk(soup.body or soup, lines)
    kept: list[str] = []
    for line in "".join(lines).split("\n"):
        line = line.strip(" \u3000\t\xa0")
        if not line:
            continue
        if _CHROME_LINE.search(line):
            removed = True
            continue
        kept.append(index_line(line))
    return HtmlPage("\n".join(kept), removed, title)


def _page_title(soup: Any) -> str | None:
    tag = soup.find("title")  # in <head>, or where a sloppy page put it
    if tag is None:
        return None
    title = " ".join(tag.get_text().replace("\u3000", " ").split())
    return title[:_TITLE_CHARS] or None


def _drop_chrome(soup: Any) -> bool:
    removed = False
    for tag in soup.find_all(["head", *_DROP_TAGS]):
        if tag.decomposed or tag.name != "head" and _holds_index(tag):
            continue
        removed = removed or tag.name != "head"
        tag.decompose()
    total = len(soup.get_text(strip=True)) or 1
    for tag in soup.find_all(attrs={"id": True}) + soup.find_all(attrs={"class": True}):
        if tag.decomposed or tag.name in ("body", "html", "main", "article"):
            continue
        if not _is_chrome(tag):
            continue
        # a class word can be misleading (page-comment-on on the main column): never drop
        # the bulk of the page or the index block
        if len(tag.get_text(strip=True)) > 0.5 * total or _holds_index(tag):
            continue
        tag.decompose()
        removed = True
    return removed


def _is_chrome(tag: Any) -> bool:
    names = [tag.get("id") or ""] + list(tag.get("class") or [])
    for name in names:
        lowered = name.lower()
        if lowered in _CHROME_EXACT:
            return True
        if any(word in _CHROME_WORDS for word in _SPLIT.split(lowered)):
            return True
        if any(part in lowered for part in _CHROME_PARTS):
            return True
    return False


def _holds_index(tag: Any) -> bool:
    """Two or more index-block labels inside: this is the 信息公开 block, keep it."""
    text = re.sub(r"[\s\u3000]+", "", tag.get_text())
    return sum(1 for label in ("索引号", "发文字号", "成文日期", "发文机关", "主题分类")
               if label in text) >= 2


def _walk(node: Any, out: list[str]) -> None:
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Doctype, ProcessingInstruction

    for child in node.children:
        if isinstance(child, (Comment, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            out.append(_WS.sub(" ", _WRAP.sub("", str(child))))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            out.append("\n")
        elif name == "table" and _is_data_table(child):
            out.append("\n" + "\n".join(_table_lines(child)) + "\n")
        elif name == "pre":
            out.append("\n" + child.get_text() + "\n")
        elif name in _BLOCK or name in ("table", "tr", "td", "th"):
            out.append("\n")
            _walk(child, out)
            out.append("\n")
        else:
            _walk(child, out)


def _rows(table: Any) -> list[Any]:
    """The table's own rows, not those of tables nested in its cells."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def _is_data_table(table: Any) -> bool:
    """Old sites lay whole pages out in tables; only a grid of short cells is data."""
    if table.find("table") is not None:
        return False
    rows = _rows(table)
    widths = [len(tr.find_all(["td", "th"], recursive=False)) for tr in rows]
    if not rows or max(widths, default=0) < 2:
        return False
    return all(len(cell.get_text(strip=True)) < _LAYOUT_CELL_CHARS
               for tr in rows for cell in tr.find_all(["td", "th"], recursive=False))


def _table_lines(table: Any) -> list[str]:
    """One line per row; a cell spanning rows (rowspan, a 牵头市领导 over three tasks) or columns
    (colspan) is repeated in each of them, as a Word table's merged cell is."""
    lines: list[str] = []
    spanning: dict[int, list[Any]] = {}  # column → [text, rows still to fill]
    for tr in _rows(table):
        cells: list[str] = []

        def carry_down() -> None:
            while len(cells) in spanning:
                held = spanning[len(cells)]
                cells.append(held[0])
                held[1] -= 1
                if held[1] <= 0:
                    del spanning[len(cells) - 1]

        own = tr.find_all(["td", "th"], recursive=False)
        # an index row (标题： | value over three columns) pairs labels with values: nothing to align
        labelled = any(c.get_text(strip=True).endswith((":", "：")) for c in own)
        for cell in own:
            carry_down()
            parts: list[str] = []
            _walk(cell, parts)
            text = join_cell_lines("".join(parts).split("\n"))
            rows = _span(cell.get("rowspan"))
            # a cell spanning columns (责任分工 over 牵头单位 | 配合单位) stands in each of them, so
            # the columns below keep their places; a row of one cell across the table (一、教育医疗类)
            # stays one cell: it heads the rows below
            wide = _span(cell.get("colspan")) if len(own) > 1 and not labelled else 1
            for _ in range(min(wide, _MAX_COLUMNS)):
                if rows > 1:
                    spanning[len(cells)] = [text, rows - 1]
                cells.append(text)
        carry_down()
        lines.extend(row_lines(cells))
    return lines


_MAX_COLUMNS = 64  # a colspan of thousands is a page's mistake, not a table that wide


def _span(value: Any) -> int:
    """A rowspan or colspan attribute as a count (a page may write it badly: 1 then)."""
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


__all__ = ["INDEX_LABELS", "HtmlPage", "declared_charset", "read_html", "read_page"]
