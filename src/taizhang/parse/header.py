"""The document's own facts: title, 发文字号, issuer, 成文日期, period, references (CONTRACT §1).

Works on the view's lines outside the numbered items: the header (印发通知, 版头, title block,
主送机关, preamble) and the footer (署名, 成文日期, 此件公开发布).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from taizhang.parse.lexicon import doc_types
from taizhang.parse.model import Period
from taizhang.parse.numerals import cn_digits, cn_to_int

if TYPE_CHECKING:
    from collections.abc import Iterator

# 发文字号: 机关代字 + year in 〔〕/[]/()/【】 + serial (第 and leading zeros tolerated)
DOC_NUMBER = re.compile(
    r"(?:(?<=[\s(《》、,;:。“”\"'和及与])|^)"
    r"([\u4e00-\u9fff]{1,10}?)[〔\[【(]((?:19|20)\d{2})[〕\]】)]第?0*(\d{1,5})号",
    re.M,
)
DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
CN_DATE = re.compile(r"([二〇零○O一三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
ISO_DATE = re.compile(r"((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})")
# the endings of an issuing body's name (a signature line, an issuer above a title); the footer
# split in diagnostics uses the same list
ORG_ENDINGS = ("人民政府|政府|办公厅|办公室|委员会|委|部|局|厅|办|院|中心|党委|市委|省委|管委会|督查室|督查处|室|处"
               "|专班|领导小组|指挥部")
_ORG_END = re.compile(f"({ORG_ENDINGS})$")
_NOTICE = re.compile(r"《(.+?)》[^。《》]{0,30}?(?:印发|转发|予以印发|印送)给?你们")  # 现将《X》印发给你们 · 《X》已经国务院同意，现印发给你们
_LABEL = re.compile(r"^(发文字号|文件编号|文号|成文日期|发文机关|发布机构|标题|文件名称|名称)[:\t]\s*(.*)$")
# the lines of a page's index block that state the document's own facts: kept for the header
# wherever the block stands (above the text or below it), never read as the text
INDEX_LABEL = re.compile(r"(?:发文字号|文件编号|文号|成文日期|发文机关|标题|文件名称)[:\t]")
_TITLE_TAIL = re.compile(r"\((?:(?:19|20)\d{2}\s*(?:-|—|–|至)\s*(?:19|20)\d{2}年|(?:19|20)\d{2}年|试行|草案|征求意见稿)\)")
_TITLE_PERIOD = re.compile(r"((?:19|20)\d{2})\s*(?:-|—|–|~|至|到)\s*((?:19|20)\d{2})\s*年")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})年(?:度)?(?=[^年]{0,20}$)")
_FIVE_YEAR = re.compile(r"[“\"]?(十[一二三四五六])五[”\"]?")
# 根据《…》（…号），制定本办法: whatever the place, the document names its own basis
_BANNER = re.compile(r"(?!关于)[^,。;:]{2,30}纪要")
_ENACTS = re.compile(r"[^。]*?制定本(?:办法|方案|意见|细则|规定|计划|要点|措施|实施方案|实施意见|实施细则)")
_BASIS = re.compile(r"贯彻|落实|根据|依据|按照|为了|为")


class Header:
    """What the header says, filled in as it is read (a plain class: see model.py on dataclasses)."""

    __slots__ = ("title", "title_span", "notice_title", "doc_number", "doc_number_span", "issuer",
                 "issuer_span", "issued_on", "issued_span", "period", "references", "rules")

    def __init__(self) -> None:
        self.title: str | None = None
        self.title_span: tuple[int, int] | None = None
        self.notice_title: str | None = None
        self.doc_number: str | None = None
        self.doc_number_span: tuple[int, int] | None = None
        self.issuer: str | None = None
        self.issuer_span: tuple[int, int] | None = None
        self.issued_on: str | None = None
        self.issued_span: tuple[int, int] | None = None
        self.period: Period | None = None
        self.references: list[tuple[str, str | None, str, tuple[int, int]]] = []
        self.rules: dict[str, str] = {}


def normalize_number(m: re.Match[str]) -> str:
    return f"{m.group(1)}〔{m.group(2)}〕{int(m.group(3))}号"


def parse_date(s: str) -> str | None:
    for pattern, conv in ((DATE, int), (CN_DATE, None), (ISO_DATE, int)):
        m = pattern.search(s)
        if not m:
            continue
        if conv is None:
            y, mo, d = cn_digits(m.group(1)), cn_to_int(m.group(2)), cn_to_int(m.group(3))
        else:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= mo <= 12 and 1 <= d <= 31 and y > 1900:
            return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def is_date_line(line: str) -> bool:
    s = line.strip()
    for pattern in (DATE, CN_DATE):
        m = pattern.fullmatch(s)
        if m:
            return True
    return False


def is_title_end(line: str) -> bool:
    """A line that can close a title: no sentence punctuation, ends with a document type."""
    s = re.sub(r"\((?:草案|试行|征求意见稿|\d{4}\s*(?:-|—|–|至)\s*\d{4}年|\d{4}年)\)$", "", line.strip())
    s = s.strip("《》 ")
    if not s or len(s) > 80 or re.search(r"[。;:,!?]", s):
        return False
    return s.endswith(doc_types()) and len(s) >= 6


def is_title_part(line: str) -> bool:
    s = line.strip()
    if s[:1] in "(【[〔":
        return False  # (此件公开发布) · 【转载】: a note beside the title, not part of it
    return (0 < len(s) <= 40 and not re.search(r"[。;:,!?\t]", s) and not is_date_line(s)
            and not DOC_NUMBER.search(s) and not s.endswith("文件"))


def parse_header(view: str, lines: list[tuple[int, int]], body_start: int,
                 footer: list[tuple[int, int]]) -> Header:
    h = Header()
    head = [(a, b) for a, b in lines if b <= body_start]
    texts = [view[a:b] for a, b in head]

    # index-block labels (发文字号：…, 成文日期：…) from scraped pages
    labels: dict[str, tuple[str, int, int]] = {}
    for a, b in head + [ln for ln in footer if INDEX_LABEL.match(view, ln[0])]:
        t = view[a:b]
        m = _LABEL.match(t)
        if m and m.group(2).strip():
            labels.setdefault(m.group(1), (m.group(2).strip(), a + m.start(2), b))

    # 发文字号: a labelled one, else one standing at the start of a header line
    for key in ("发文字号", "文件编号", "文号"):
        if key in labels:
            m = DOC_NUMBER.search(labels[key][0])
            if m:
                h.doc_number = normalize_number(m)
                h.doc_number_span = (labels[key][1] + m.start(), labels[key][1] + m.end())
                h.rules["doc_number"] = f"label:{key}"
                break
    if h.doc_number is None:
        for (a, b), t in zip(head, texts):
            m = DOC_NUMBER.match(t)
            if m:
                h.doc_number, h.doc_number_span = normalize_number(m), (a, a + m.end())
                h.rules["doc_number"] = "header_line"
                break

    # the notice that wraps the plan, and the plan's title after the notice's date
    notice_at = next((i for i, t in enumerate(texts) if _NOTICE.search(t)), None)
    title_at = _find_title(texts, start=notice_at + 1 if notice_at is not None else 0)
    if title_at is None and notice_at is not None:
        title_at = _find_title(texts, start=0)
    if title_at is not None and _BANNER.fullmatch("".join(t.strip() for t in texts[title_at[0]:title_at[1] + 1])):
        # 海西州人民政府专题会议纪要 / 海西府专纪〔2025〕12号 / 关于研究……的会议纪要: the banner names the
        # series; the subject line under it is the title
        subject = _find_title(texts, start=title_at[1] + 1)
        if subject is not None and texts[subject[0]].strip().startswith("关于"):
            title_at = subject
    if title_at is not None:
        first, last = title_at
        h.title = re.sub(r"^【[^】]{1,6}】", "", "".join(texts[i].strip().strip("《》") for i in range(first, last + 1)))
        h.title_span = (head[first][0], head[last][1])
        h.rules["title"] = "title_block_after_notice" if notice_at is not None else "title_block"
    elif "标题" in labels:
        h.title = labels["标题"][0]
        h.rules["title"] = "label:标题"
    if notice_at is not None:
        before = _find_title(texts[:notice_at], start=0)
        if before is not None:
            h.notice_title = "".join(texts[i].strip().strip("《》") for i in range(before[0], before[1] + 1))

    # 成文日期 and 署名: a date line after an organisation line (header first, then footer)
    candidates = head + footer
    ctexts = [view[a:b] for a, b in candidates]
    for i, t in enumerate(ctexts):
        if is_date_line(t):
            h.issued_on = parse_date(t)
            h.issued_span = candidates[i]
            h.rules["issued_on"] = "signature_date"
            if i > 0 and _is_org(ctexts[i - 1]):
                h.issuer = " ".join(ctexts[i - 1].split())
                h.issuer_span = candidates[i - 1]
                h.rules["issuer"] = "signature"
                if i > 1 and _is_org(ctexts[i - 2]) \
                        and view.count("\n", candidates[i - 2][1], candidates[i - 1][0]) == 1:
                    # 中共盐城市委 / 盐城市人民政府 / date: a joint document signed by both, in order
                    h.issuer = " ".join(ctexts[i - 2].split()) + " " + h.issuer
                    h.issuer_span = (candidates[i - 2][0], candidates[i - 1][1])
                    h.rules["issuer"] = "signature_joint"
            break
    if h.issued_on is None:
        # 陵水黎族自治县人民政府办公室        2024年11月18日: issuer and date on one line (纪要, 简报)
        for (a, b), t in zip(candidates, ctexts):
            left, sep, right = t.strip().rpartition("\t")
            if sep and is_date_line(right) and _is_org(left):
                h.issued_on, h.issued_span = parse_date(right), (b - len(right), b)
                h.issuer, h.issuer_span = " ".join(left.split()), (a, a + len(left))
                h.rules["issued_on"] = h.rules["issuer"] = "signature_one_line"
                break
    if h.issued_on is None and "成文日期" in labels:
        h.issued_on = parse_date(labels["成文日期"][0])
        h.rules["issued_on"] = "label:成文日期"
    if h.issuer is None and "发文机关" in labels:
        h.issuer = labels["发文机关"][0]
        h.rules["issuer"] = "label:发文机关"
    if h.issuer is None and h.notice_title and "关于" in h.notice_title:
        h.issuer = h.notice_title.split("关于")[0] or None
        h.rules["issuer"] = "notice_title"
    if h.issuer is None and h.title and "关于" in h.title and _is_org(h.title.split("关于")[0]):
        h.issuer = h.title.split("关于")[0]
        h.rules["issuer"] = "title"

    h.period = _period(h.title, view[:body_start] if not h.title else "")
    return h


def _find_title(texts: list[str], *, start: int) -> tuple[int, int] | None:
    for i in range(start, len(texts)):
        if is_title_end(texts[i]) and not _NOTICE.search(texts[i]):
            first = i
            while first > start and is_title_part(texts[first - 1]) and not _is_org(texts[first - 1]) \
                    and not is_title_end(texts[first - 1]) \
                    and not re.fullmatch(r"附件\s*\d*\s*:?", texts[first - 1].strip()):  # the 附件 label line
                first -= 1
            # 兰考县人民政府 / 关于……的实施意见: the issuer's line opens a title split before 关于
            # (and 陵水黎族自治县人民政府 / 常务会议纪要: a bare kind of document under its issuer)
            if (texts[first].strip().startswith("关于") or len(texts[first].strip()) <= 8) \
                    and first > start and _is_org(texts[first - 1]) \
                    and len(texts[first - 1].strip()) <= 20:
                first -= 1
            # a title may close on a line of its own: (2024—2025年) · (试行)
            last = i + 1 if i + 1 < len(texts) and _TITLE_TAIL.fullmatch(texts[i + 1].strip()) else i
            return first, last
    return None


def _is_org(line: str) -> bool:
    s = line.strip()
    return 2 < len(s) <= 40 and not re.search(r"[。,;:]", s) and bool(_ORG_END.search(s)) \
        and not is_title_end(s)


def _period(title: str | None, preamble: str) -> Period | None:
    """The span the document plans for, from its title; else a year the preamble plans for."""
    if title:
        m = _TITLE_PERIOD.search(title)
        if m:
            return Period(f"{m.group(1)}-01-01", f"{m.group(2)}-12-31")
        m = _FIVE_YEAR.search(title)
        if m and "规划" in title:
            end = {"十一": 2010, "十二": 2015, "十三": 2020, "十四": 2025, "十五": 2030}.get(m.group(1))
            if end:
                return Period(f"{end - 4}-01-01", f"{end}-12-31")
        plain = re.sub(r"《[^》]*》", "", title)
        years = re.findall(r"((?:19|20)\d{2})年(?!底|末)", plain)
        if re.search(r"通报$|情况的|督办", plain):
            return None  # a report on how the work went (督查通报) plans no span of its own
        if len(set(years)) == 1:
            return Period(f"{years[0]}-01-01", f"{years[0]}-12-31")
        return None
    # no title: a preamble that plans one year's work (全年/年度 … 2016年推进……)
    first = preamble.strip().split("\n")[0] if preamble.strip() else ""
    planned = set(re.findall(r"((?:19|20)\d{2})年(?![底末])", first))
    if len(planned) == 1 and re.search(r"全年|年度|本年", first):
        y = planned.pop()
        return Period(f"{y}-01-01", f"{y}-12-31")
    return None


# the bracketed year every 发文字号 has (〔2018〕): cheap to find, unlike the whole number, whose
# pattern opens with a lazy run of characters and is tried at every position of the text
_YEAR_BRACKET = re.compile(r"[〔\[【(](?:19|20)\d{2}[〕\]】)]")


def _doc_numbers(view: str) -> Iterator[re.Match[str]]:
    """``DOC_NUMBER.finditer(view)``, tried only around bracketed years: a number's issuer code
    runs at most ten characters before its bracket."""
    done = 0
    for anchor in _YEAR_BRACKET.finditer(view):
        if anchor.start() < done:
            continue
        m = DOC_NUMBER.search(view, max(done, anchor.start() - 10), anchor.end() + 24)
        if m is not None:
            yield m
            done = m.end()


def find_references(view: str, own: str | None, preamble: tuple[int, int],
                    skip_spans: list[tuple[int, int]]) -> list[tuple[str, str | None, str, tuple[int, int]]]:
    """Every other 发文字号 in the text: ``implements`` when the preamble names it as its basis."""
    out: dict[str, tuple[str, str | None, str, tuple[int, int]]] = {}
    for m in _doc_numbers(view):
        number = normalize_number(m)
        if number == own or any(a <= m.start() < b for a, b in skip_spans):
            continue
        title = None
        before = view[max(0, m.start() - 160):m.start()].rstrip("(")
        if before.endswith("》"):
            open_at = before.rfind("《")
            if open_at >= 0:
                title = before[open_at + 1:-1]
        sentence_start = max(view.rfind(c, 0, m.start()) for c in "。;\n") + 1
        sentence = view[sentence_start:m.start()]
        in_preamble = preamble[0] <= m.start() < preamble[1]
        basis = (in_preamble and _BASIS.search(sentence)) or _ENACTS.match(view, m.end(), m.end() + 60)
        relation = "implements" if basis else "cites"
        if number not in out or (relation == "implements" and out[number][2] == "cites"):
            out[number] = (number, title, relation, (m.start(), m.end()))
    return list(out.values())
