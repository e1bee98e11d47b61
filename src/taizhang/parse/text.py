"""The text as read and a normalised view of it, with an exact offset map between the two.

Rules run on the view: half-width punctuation, simplified characters, no spaces inside names or
ordinals, no pinyin glosses. Every span found in the view maps back to the text as read, so each
field can be shown where it came from.

    >>> v = View.of("（ 一 ）牽頭單位：市 財政局")
    >>> v.view
    '(一)牵头单位:市财政局'
    >>> v.orig_span(5, 8)
    (9, 13)
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from typing import NamedTuple

from taizhang.parse.lexicon import t2s_table, traditional_chars


def _width_table() -> dict[int, str]:
    """One character for one, so offsets stay: full-width ASCII (！..～), the small and vertical
    forms some pages print (1﹒ · ﹙一﹚ · ︰), half-width 。「」、 → their usual forms; ideographic,
    no-break and zero-width spaces → space; line and paragraph separators → newline."""
    table = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
    for c in [*range(0xFE10, 0xFE1A), *range(0xFE30, 0xFE45), *range(0xFE50, 0xFE6C), *range(0xFF61, 0xFF65)]:
        form = unicodedata.normalize("NFKC", chr(c))
        if len(form) == 1 and form != chr(c):
            table[c] = form
    table.update({0x3000: " ", 0x00A0: " ", 0x2002: " ", 0x2003: " ", 0x200B: " ", 0xFEFF: " ",
                  0x2028: "\n", 0x2029: "\n"})
    return table


_WIDTH = _width_table()
_WIDTH_PAIRS = tuple((chr(c), half) for c, half in _WIDTH.items())
_ANY_WIDE = re.compile("[" + "".join(re.escape(wide) for wide, _ in _WIDTH_PAIRS) + "]")


def half_width(text: str) -> str:
    """The text with _WIDTH applied: one scan finds the characters that occur (most never do),
    then a replace for each of them."""
    present = set(_ANY_WIDE.findall(text))
    for wide, half in _WIDTH_PAIRS:
        if wide in present:
            text = text.replace(wide, half)
    return text

CJK = "\u4e00-\u9fff\u3400-\u4dbf"
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"


@cache
def _pinyin() -> re.Pattern[str]:
    """A pinyin gloss a page injected after a character: 督(dū)办 or 督dū办. Compiled on first
    need only: it is costly to compile and most texts have no tone marks at all."""
    return re.compile(
        rf"(?<=[{CJK}])(?:\((?:[a-zü{_TONE}]*[{_TONE}][a-zü{_TONE}]*\s?)+\)"
        rf"|[a-zü{_TONE}]*[{_TONE}][a-zü{_TONE}]*(?=[{CJK}\s,.;:，。；：、)]|$))",
        re.M,
    )

# horizontal space; what happens to it depends on its neighbours (see _space)
_TONE_CHAR = re.compile(f"[{_TONE}]")
_SPACE = re.compile(r"[ \t\r\f\v][ \t\r\f\v]*")  # not [ …]+: a class first lets the engine jump to it
_ALNUM = re.compile(r"[A-Za-z0-9]")


class View(NamedTuple):
    orig: str
    view: str
    idx: tuple[int, ...]  # idx[i] = offset in orig of view[i]; idx[len(view)] = len(orig)
    traditional: bool = False
    pinyin_removed: int = 0
    lines_joined: int = 0  # hard wraps undone (text copied from a PDF at a fixed width)
    lines_split: int = 0  # line breaks put back into a text that lost them (a page flattened)
    # view offsets where a space inside a line was dropped (市 财政局 → 市财政局): a table whose cells
    # are set apart by single spaces (1 居民消费价格涨幅3%左右 发展改革委) is split there
    gaps: tuple[int, ...] = ()  # sorted
    back: dict[int, str] | None = None  # simplified → traditional as this text writes them (traditional texts)

    def bulleted(self, at: int) -> bool:
        """Whether the line starting at view offset ``at`` opened with a bullet in the text as read
        (▌ · ■ · ●: the view drops them)."""
        line = self.orig.rfind("\n", 0, self.idx[at]) + 1
        return _BULLET.match(self.orig, line) is not None

    @classmethod
    def of(cls, orig: str) -> "View":
        text = half_width(orig)
        traditional = _is_traditional(text)
        if traditional:
            text = text.translate(t2s_table())
        if "." in text:  # 加大金融支持.人民银行……: a Latin full stop typed for 。 ends the sentence
            text = _LATIN_STOP.sub("。", text)
        if "," in text:
            text = _comma_ordinals(text)
        text = _ocr_digits(text)
        # collect edits (start, end, replacement) in order, then rebuild view + map in one pass
        edits: list[tuple[int, int, str]] = []
        pinyin = 0
        if _TONE_CHAR.search(text):  # glosses are rare: skip the costly pattern when none can match
            for m in _pinyin().finditer(text):
                edits.append((m.start(), m.end(), ""))
                pinyin += 1
        pages = _page_breaks(text) if "\f" in text or "—" in text or "-" in text else []
        edits += pages

        def outside(at: int) -> bool:
            return not any(a <= at < b for a, b, _ in pages)

        for m in _SPACE.finditer(text):
            if outside(m.start()):
                edits.append((m.start(), m.end(), _space(text, m.start(), m.end(), orig)))
        if "〔" in text or "[" in text:  # 〔 20 21 〕 15 号: the digits of a 发文字号 belong together
            for m in _SPACED_NUMBER.finditer(text):
                edits.extend((a.start(), a.end(), "") for a in _DIGIT_SPACE.finditer(text, m.start(), m.end()))
        edits += _vertical_text(text)
        edits += [(m.start(1), m.end(1), "") for m in _BULLET.finditer(text)]
        wrapped = [at for at in _hard_wraps(text) if outside(at)]
        edits.extend((at, at + 1, "") for at in wrapped)
        breaks = _flat_breaks(text)
        edits.extend((at, at, "\n") for at in breaks)
        # a table drawn with box characters: rows of | cells, a row's wrapped lines joined (the
        # only edits whose characters come from elsewhere than their own start: see _joined_tables)
        moved = _joined_tables(text) if "|" in text or "│" in text or "┃" in text or "║" in text else {}
        if "--" in text or "──" in text or "==" in text:  # a table typed in a fixed-width font
            moved.update((a, m) for a, m in _spaced_tables(text, orig).items()
                         if not any(x <= a < y for x, (y, _, _) in moved.items()))
        if moved:  # a table's block is rebuilt whole: no other edit inside it
            edits = [e for e in edits if not any(a <= e[0] < b for a, (b, _, _) in moved.items())]
            edits.extend((a, b, repl) for a, (b, repl, _) in moved.items())
        edits.sort()
        pieces: list[str] = []
        idx: list[int] = []
        gaps: list[int] = []
        pos = 0
        for start, end, repl in edits:
            if start < pos:  # overlapping edit (a space inside a gloss): already removed
                continue
            pieces.append(text[pos:start])
            idx.extend(range(pos, start))
            if repl:
                pieces.append(repl)
                idx.extend(moved[start][2] if start in moved else [start] * len(repl))
                if repl == "、" and text[start] in " \t":  # 县城市管理局　文武坝镇人民政府: a list, or two cells
                    gaps.append(len(idx))
            elif text[start] in " \t" and 0 < start and end < len(text) and text[start - 1] != "\n" \
                    and text[end] != "\n":
                gaps.append(len(idx))
            pos = end
        pieces.append(text[pos:])
        idx.extend(range(pos, len(text)))
        idx.append(len(orig))
        view = "".join(pieces)
        back = _back_map(orig, view, idx) if traditional else None
        return cls(orig, view, tuple(idx), traditional, pinyin, len(wrapped), len(breaks), tuple(gaps), back)

    def written(self, name: str, start: int, end: int) -> str:
        """A unit name read at view[start:end], as the text writes it: 市商务局 → 市商務局 in a
        traditional text, 青島藍(lán)谷管理局 with the page's gloss. A level carried over from
        the list (市 + 財政局) is written back character by character."""
        if not self.traditional:
            return name
        piece = self.view[start:end]
        if piece and name.endswith(piece):
            a, b = self.orig_span(start, end)
            return name[: len(name) - len(piece)].translate(self._back()) + re.sub(r"\s+", "", self.orig[a:b])
        return name.translate(self._back())

    def written_text(self, text: str, start: int, end: int) -> str:
        """Text taken from view[start:end] (line breaks and spaces dropped, maybe trimmed), in the
        characters the text writes it with, one for one (a title, a 发文字号: 國辦函〔2014〕31號)."""
        if not self.traditional:
            return text
        table = t2s_table()
        pairs = [(self.view[i], self.orig[self.idx[i]]) for i in range(start, end) if not self.view[i].isspace()]
        seq = "".join(c for c, _ in pairs)
        at = seq.find(text)
        if at < 0:
            return text.translate(self._back())
        return "".join(o if o != c and o.translate(table) == c else c for c, o in pairs[at:at + len(text)])

    def _back(self) -> dict[int, str]:
        return self.back or {}

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the text as read that a view span [start, end) came from."""
        if end <= start:
            o = self.idx[start]
            return (o, o)
        a, b = self.idx[start], self.idx[end - 1] + 1
        if b <= a:  # a span across the joined lines of a box table's row: cover all it came from
            part = self.idx[start:end]
            a, b = min(part), max(part) + 1
        return (a, b)

    def orig_text(self, start: int, end: int) -> str:
        a, b = self.orig_span(start, end)
        return self.orig[a:b]


# a 发文字号 written with spaces inside: 〔 20 21 〕 15 号
_SPACED_NUMBER = re.compile(r"[〔\[][ \t]*(?:\d[ \t]*){4}[〕\]][ \t]*第?[ \t]*(?:\d[ \t]*){1,5}号")
_DIGIT_SPACE = re.compile(r"[ \t]+")
# a line of one character: text set vertically in a table's narrow cell (市 / 监 / 察 / 局)
_ONE_CHAR_LINES = re.compile(rf"(?m)^[ \t]*[{CJK}][ \t]*(?:\n[ \t]*[{CJK}][ \t]*)+$")


_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
# ▍一、… · ■ 牵头单位：… : a bullet a page (a WeChat post) sets before a line
_BULLET = re.compile(r"(?m)^[ \t]*([▍▌▎■□●◆◇★☆▶►▸◎※•▪◉➤➢✦❖]+)")


# 3,加强宣传: an item number typed with a comma, at the start of a line
_COMMA_ORDINAL = re.compile(r"^([ \t\u3000]*)(\d{1,2}),(?=[\u4e00-\u9fff])", re.M)
_NUMBER_ORDINAL = re.compile(r"^[ \t\u3000]*(\d{1,2})[、.](?=[\u4e00-\u9fff])", re.M)


def _comma_ordinals(text: str) -> str:
    """``3,`` read as ``3、`` where the numbers around it say it is an item of the list: ``2、`` is
    an item above it and ``4、`` below (a comma after a number is otherwise just a comma)."""
    found = list(_COMMA_ORDINAL.finditer(text))
    if not found:
        return text
    numbered = [(m.start(), int(m.group(1))) for m in _NUMBER_ORDINAL.finditer(text)]
    chars = list(text)
    for m in found:
        n = int(m.group(2))
        if any(at < m.start() and v == n - 1 for at, v in numbered) \
                and any(at > m.start() and v == n + 1 for at, v in numbered):
            chars[m.end() - 1] = "、"
    return "".join(chars)


def _vertical_text(text: str) -> list[tuple[int, int, str]]:
    """The line breaks inside a run of one-character lines, as edits that remove them: a narrow
    table cell flattened one character a line (市\n监\n察\n局 → 市监察局)."""
    return [(b.start(), b.end(), "") for m in _ONE_CHAR_LINES.finditer(text)
            for b in _LINE_BREAK.finditer(text, m.start(), m.end())]


def _back_map(orig: str, view: str, idx: list[int]) -> dict[int, str]:
    """simplified → traditional, as the text writes each character it converted."""
    back: dict[int, str] = {}
    for i, ch in enumerate(view):
        o = orig[idx[i]]
        if o != ch and "\u4e00" <= ch <= "\u9fff":
            back.setdefault(ord(ch), o)
    return back


_LINE_END = ("。", ";", "!", "?", ":", "。”", "。\"", "!”", "?”")
# a page break in text from a PDF: blank lines, the page number (— 2 — · - 2 - · 第2页), a form feed
_PAGE_BREAK = re.compile(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*)*(?:(?:[—\-–]\s*\d{1,3}\s*[—\-–]|第\s*\d{1,3}\s*页(?:\s*共\s*\d{1,3}\s*页)?)"
                         r"[ \t\u3000]*(?:\n[ \t\u3000]*)*\f?|\f)")


def _page_breaks(text: str) -> list[tuple[int, int, str]]:
    """Page breaks as edits: gone inside a paragraph (…市河长办每 / — 2 — / 半年开展…), a blank
    line where the page ended a sentence, a signature or a title. A running header printed at the
    top of each page (the 发文字号, the issuer's banner) goes with the break."""
    from taizhang.parse.outline import match_ordinal

    matches = list(_PAGE_BREAK.finditer(text))
    if not matches:
        return []
    # the first page's top lines (before its break: a short text's own lines are no header)
    top = {ln.strip() for ln in text[:min(3000, matches[0].start())].split("\n")[:15]
           if 4 <= len(ln.strip()) <= 40}
    firsts = [_line_at(text, m.end()) for m in matches]
    repeated = {ln for ln in firsts if firsts.count(ln) >= 2}
    out: list[tuple[int, int, str]] = []
    for m, first in zip(matches, firsts):
        end = m.end()
        if first and (first in top or first in repeated) and match_ordinal(first, 0) is None \
                and not first.endswith("|"):  # a table's cell (a leader's name) recurs, and stays
            nl = text.find("\n", end)
            end = len(text) if nl < 0 else nl + 1
            while end < len(text) and text[end] in "\n \t\u3000":
                end += 1
        line_start = text.rfind("\n", 0, m.start()) + 1
        last_line = text[line_start:m.start()].strip()
        after = end
        while after < len(text) and text[after] in " \t\u3000":
            after += 1
        # joined only where the page cut a long line of running text (not a signature or a title)
        ends = (len(last_line) < 16 or last_line.endswith(_LINE_END + (")", "》", "”"))
                or _LABEL_VALUE_END.search(last_line) is not None or match_ordinal(text, after) is not None)
        if last_line.endswith("|"):  # a table's cell, one a line: the row goes on
            out.append((m.start(), end, "\n"))
            continue
        out.append((m.start(), end, "\n\n" if ends else ""))  # a paragraph break stays one
    return out


# a line closed by a short labelled value (责任县领导：张  磊 · 完成时限：6月底前): whole, though unpunctuated
_LABEL_VALUE_END = re.compile(r"(?:领导|单位|部门|处室|责任人|负责人|联系人|时限|时间|期限)\s*:\s*[^:,;。]{1,10}$")


def _line_at(text: str, at: int) -> str:
    while at < len(text) and text[at] in " \t\u3000":
        at += 1
    nl = text.find("\n", at)
    return text[at:nl if nl >= 0 else len(text)].strip()


_ROW_START = re.compile(r"\s*(?:\d{1,4}|序\s?号)\s*\|")


def _hard_wraps(text: str) -> list[int]:
    """Newlines that only wrap a paragraph at a fixed width (a text copied from a PDF or a
    page of 28 characters a line): many lines of the same length, each running into the next.
    A line that opens a table's row (12 | …, 序号 | …) starts anew, however alike the lengths."""
    lines = text.split("\n")
    lengths = [len(ln.rstrip()) for ln in lines if len(ln.rstrip()) >= 16]
    if len(lengths) < 6:
        return []
    counts = Counter(lengths)
    width = max(set(lengths), key=counts.__getitem__)
    if counts[width] < max(5, len(lengths) * 0.3):
        return []
    from taizhang.parse.outline import match_ordinal

    joins, pos = [], 0
    for this, nxt in zip(lines, lines[1:]):
        end = pos + len(this)
        body = this.rstrip()
        # a line pushed right by many spaces is centred or right-aligned (a title, a signature,
        # a date), not running text, and neither is the one after it
        if len(body) >= width - 1 and not body.endswith(_LINE_END) and nxt.strip() \
                and match_ordinal(nxt.lstrip(), 0) is None and _ROW_START.match(nxt) is None \
                and len(this) - len(this.lstrip()) <= 4 and len(nxt) - len(nxt.lstrip()) <= 4:
            joins.append(end)
        pos = end + 1
    return joins


# where a flattened text had its line breaks: before an ordinal that opens a heading or an item
_FLAT_BREAK = re.compile(
    r"(?=(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]"
    r"|(?<!\d)\d{1,3}[.、．](?!\d)|[(（]\d{1,3}[)）]|第[一二三四五六七八九十百]{1,4}[章条部])"
    r"[\u4e00-\u9fff“])")
_CLOSE = "。;:!?)）]】〕"


def _flat_breaks(text: str) -> list[int]:
    """A page that lost its line breaks (一、……。（一）……1.…… on one line): put them back before
    each ordinal that continues a numbering (一、 only after the end of a sentence or clause, since
    统一、高效 reads like one)."""
    from taizhang.parse.outline import match_ordinal

    out: list[int] = []
    pos = 0
    for line in text.split("\n"):
        if len(line) > 800:
            last: dict[str, int] = {}
            found = []
            half = half_width(line)
            for m in _FLAT_BREAK.finditer(line):
                at = m.start()
                hit = match_ordinal(half, at)
                if hit is None or at == 0:
                    continue
                style, _, value, _ = hit
                after_stop = line[at - 1] in _CLOSE or line[at - 1].isspace()
                follows = value == 1 or value == last.get(style, 0) + 1
                if (style == "cn" and after_stop and follows) or (style != "cn" and follows):
                    last[style] = value
                    found.append(pos + at)
            if len(found) >= 3:
                out += found
        pos += len(line) + 1
    return out


_BOX_BORDER = frozenset("┌┬┐├┼┤└┴┘─━┏┓┗┛┣┫┳┻╋═╔╗╚╝╠╣╦╩╬╤╧╪╟╢╞╡┠┨┯┷┿ \t\u3000")
_BOX_BAR = "│┃║"
_PIPE_BAR = "|｜"


def _joined_tables(text: str) -> dict[int, tuple[int, str, list[int]]]:
    """Tables whose rows span several lines, as edits {start: (end, replacement, where each
    replacement character came from)}: one line of | cells per row, a line whose first cell is
    empty continuing the row above cell by cell (a task or a unit name wrapped inside its cell:
    市人力资源社会保 / 障局). A table drawn with box characters (┌─┬─┐ / │序号│任务│…│, as Word and
    WPS copy one) always, its rules gone; a | table only when a row of it wraps."""
    out: dict[int, tuple[int, str, list[int]]] = {}
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    i = 0
    while i < len(lines):
        j, rows, bars = i, 0, _BOX_BAR
        while j < len(lines):  # a block of box rule and row lines
            a, b = lines[j]
            body = text[a:b].strip()
            if body and body[0] in _BOX_BAR:
                rows += 1
            elif not body or any(ch not in _BOX_BORDER for ch in body):
                break
            j += 1
        if rows < 2:  # else a block of | rows
            j, bars = i, _PIPE_BAR
            while j < len(lines) and sum(text.count(bar, *lines[j]) for bar in _PIPE_BAR) >= 2:
                j += 1
        if j - i >= 2:
            joined = _join_rows(text, lines[i:j], bars)
            if joined is not None:
                out[lines[i][0]] = (lines[j - 1][1], *joined)
        i = max(j, i + 1)
    return out


def _join_rows(text: str, lines: list[tuple[int, int]], bars: str) -> tuple[str, list[int]] | None:
    first = next(text[a:b].strip() for a, b in lines if any(bar in text[a:b] for bar in bars))
    edged = first[:1] in bars  # |a|b| rather than a | b
    records: list[list[list[tuple[int, int]]]] = []  # row → cell → fragments
    ends: list[int] = []  # where each row's last line ends (its newline)
    seps: list[list[int]] = []  # where each row's cell separators stand
    joined = False
    follows = False  # a line continues the row above only with no rule line between
    for a, b in lines:
        cuts = [k for k in range(a, b) if text[k] in bars]
        if not cuts:
            follows = False
            continue
        edges = [cuts[0]] + cuts[1:-1] + [cuts[-1]] if edged else [a - 1] + cuts + [b]
        cells = [(x + 1, y) for x, y in zip(edges, edges[1:])]
        if follows and records and len(cells) == len(records[-1]) > 1 \
                and not text[cells[0][0]:cells[0][1]].strip():
            for frags, cell in zip(records[-1], cells):
                frags.append(cell)
            ends[-1] = b
            joined = True
        else:
            records.append([[cell] for cell in cells])
            ends.append(b)
            seps.append(edges[1:-1])
        follows = True
    if not joined and bars == _PIPE_BAR:
        return None  # a | table whose rows stand on one line each: as it is
    chars: list[str] = []
    where: list[int] = []
    for n, (row, at) in enumerate(zip(records, seps)):
        if n:
            chars.append("\n")
            where.append(ends[n - 1])
        for c, frags in enumerate(row):
            if c:
                chars.append("|")
                where.append(at[c - 1])
            for x, y in frags:
                while x < y and text[x] in " \t\u3000":
                    x += 1
                while y > x and text[y - 1] in " \t\u3000":
                    y -= 1
                chars.append(text[x:y])
                where.extend(range(x, y))
    return "".join(chars), where


# the rule of dashes under a fixed-width table's header, one run per column: ----  --------  ----
_DASH_RULE = re.compile(r"[ \t]*[-─━=]{2,}(?:[ \t]+[-─━=]{2,})+[ \t]*")
_ROW_KEY = re.compile(r"\d{1,3}|\(\d{1,3}\)")


def _spaced_tables(text: str, orig: str) -> dict[int, tuple[int, str, list[int]]]:
    """Tables typed in a fixed-width font (a text from an office system or a mail): the header,
    a rule of dashes whose runs mark the columns, then rows whose cells wrap onto lines with an
    empty first column. Each is rewritten as | rows, a row's wrapped lines joined cell by cell
    (县农业农村局、生态环境局、农 / 业农村局): edits as _joined_tables gives them. Widths are
    read on the original characters (a full-width comma takes two columns there)."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    out: dict[int, tuple[int, str, list[int]]] = {}
    for k in range(1, len(lines) - 1):
        a, b = lines[k]
        if not _DASH_RULE.fullmatch(text, a, b) or not text[slice(*lines[k - 1])].strip():
            continue
        cols = _display_columns(orig, a, b)
        starts = [cols[i] for i in range(a, b) if text[i] not in " \t" and (i == a or text[i - 1] in " \t")]
        end = k + 1
        while end < len(lines) and text[slice(*lines[end])].strip():
            end += 1
        built = _spaced_rows(text, orig, [lines[k - 1]] + lines[k + 1:end], starts)
        if built is not None:
            out[lines[k - 1][0]] = (lines[end - 1][1], *built)
    return out


_SLACK = 2  # screen columns


def _words(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The runs of non-space characters in text[a:b]."""
    out, start = [], None
    for i in range(a, b):
        if text[i] in " \t\u3000":
            if start is not None:
                out.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        out.append((start, b))
    return out


def _display_columns(orig: str, a: int, b: int) -> dict[int, int]:
    """The screen column each character of orig[a:b] starts at (CJK and full-width take two)."""
    cols, col = {}, 0
    for i in range(a, b):
        cols[i] = col
        col += 2 if unicodedata.east_asian_width(orig[i]) in "WFA" else 1  # “” and ① are wide in CJK fonts
    return cols


def _spaced_rows(text: str, orig: str, lines: list[tuple[int, int]], starts: list[int]) -> tuple[str, list[int]] | None:
    """The header and rows cut at the columns' starts: (the | text, where each character came from)."""
    records: list[list[list[int]] | tuple[int, int]] = []  # a row's cells (character indexes), or a line kept whole
    for n, (a, b) in enumerate(lines):
        cols = _display_columns(orig, a, b)
        cells: list[list[int]] = [[] for _ in starts]
        for x, y in _words(text, a, b):
            # a word belongs to the column it starts in, or to the next one when it starts a
            # column or two early (a typist's slip, a quote mark drawn narrower than counted)
            c = max((j for j, s in enumerate(starts) if cols[x] + _SLACK >= s), default=0)
            cells[c].extend(range(x, y))
        first = "".join(text[i] for i in cells[0]).strip()
        if n == 0 or _ROW_KEY.fullmatch(first):
            records.append(cells)
        elif not first and records and isinstance(records[-1], list) and len(records) > 1:
            for frags, more in zip(records[-1], cells):
                frags.extend(more)  # the row above goes on, cell by cell
        else:
            records.append((a, b))  # 一、守牢粮食安全……: a category line across the table
    if sum(isinstance(r, list) for r in records) < 3:
        return None  # a header and a row or two: not worth reading as a table
    chars: list[str] = []
    where: list[int] = []
    for n, record in enumerate(records):
        if n:
            chars.append("\n")
            where.append(where[-1] if where else lines[0][0])
        if isinstance(record, tuple):
            x, y = record
            while x < y and text[x] in " \t\u3000":
                x += 1
            chars.append(text[x:y])
            where.extend(range(x, y))
            continue
        for c, cell in enumerate(record):
            if c:
                chars.append("|")
                where.append(where[-1] if where else lines[0][0])
            kept = [i for i in cell if text[i] not in " \t\u3000"]  # padding, and the gaps of 周  慧
            chars.extend(text[i] for i in kept)
            where.extend(kept)
    return "".join(chars), where


# the last characters of a body's name: a full-width space after one separates two units
_UNIT_FINAL = frozenset("局委办府心院会部厅室站所队行司处社")


def _word_before(text: str, at: int) -> int:
    """How many CJK characters run up to ``at``."""
    n = 0
    while at - n > 0 and "\u4e00" <= text[at - n - 1] <= "\u9fff":
        n += 1
    return n


def _word_after(text: str, at: int) -> int:
    n = 0
    while at + n < len(text) and "\u4e00" <= text[at + n] <= "\u9fff":
        n += 1
    return n


def _space(text: str, start: int, end: int, orig: str) -> str:
    """Keep a space between two Latin letters or digits; a run of 2+ inside a line is a column
    break (tab); one full-width space after a body's name (县发展改革局　县财政局) separates units,
    as 、 would; anything else (indentation, a space inside 市 财政局 or （ 一 ）) goes."""
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if before == "\n" or after == "\n":
        return ""
    run = text[start:end]
    if "\t" in run or len(run) >= 2:
        return "\t"
    if before in _UNIT_FINAL and orig[start] == "\u3000" and "\u4e00" <= after <= "\u9fff" \
            and _word_before(text, start) >= 3 and _word_after(text, end) >= 3:
        return "、"  # (not 督　办　单, a word spaced letter by letter)
    if _ALNUM.match(before) and _ALNUM.match(after):
        return " "
    return ""


_CJK_CHAR = re.compile(f"[{CJK}]")
# a Latin full stop after a character (or its closing quote or bracket) and not before a digit or a
# letter: 1.2亿元 and 1. are numbers and ordinals, 完成.下一句 is the end of a sentence
_LATIN_STOP = re.compile(rf"(?<=[{CJK}”\"')])\.(?![0-9A-Za-z.])")
# a letter that OCR read for a digit inside a number: 〔2O17〕 · 2O17年l0月3O日 · 〔2020〕l5号 (after a
# digit and before a digit or a date's character, or not after a letter and before the digits of a
# date or number); one character for one, so offsets stay
_OCR_DIGIT = re.compile(r"[OolI](?:(?<=\d[OolI])(?=[\d年月日号〕\]])|(?<![A-Za-z][OolI])(?=\d{1,3}[年月日号〕\]]))")
_OCR_DIGIT_OF = {"O": "0", "o": "0", "l": "1", "I": "1"}


def _ocr_digits(text: str) -> str:
    return _OCR_DIGIT.sub(lambda m: _OCR_DIGIT_OF[m.group(0)], text)


def _is_traditional(text: str) -> bool:
    sample = text[:4000]
    # first a test in C: traditional characters lie outside GB2312, the simplified set, so a text
    # that GB2312 can write all but a few characters of (rare names, symbols) is simplified. The
    # count below walks the sample character by character in Python, ≈ 20× slower.
    outside = sample.encode("gb2312", "replace").count(b"?") - sample.count("?")
    if outside * 100 < len(sample):
        return False
    hits = sum(sample.count(c) for c in set(sample) & traditional_chars())
    if hits < 2:
        return False
    cjk = len(_CJK_CHAR.findall(sample)) or 1
    return hits / cjk > 0.02
