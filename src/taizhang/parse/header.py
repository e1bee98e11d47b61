"""The document's own facts: title, 发文字号, issuer, 成文日期, period, references (CONTRACT §1).

Read from the page's parts (layout.py): the index block's fields, the title block, the cover
notice and its signature, the plan's title, the footer. Each fact keeps the span it came from and
the rule that found it. Spans and values are the view's; document.py writes values back in the
characters the text uses.
"""
from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from taizhang.parse import fields
from taizhang.parse.deadlines import month_end
from taizhang.parse.layout import Layout
from taizhang.parse.lexicon import doc_types
from taizhang.parse.lines import CN_DATE, DATE, SEAL, Line, Role, is_date_line, is_org, signed_by
from taizhang.parse.model import Period
from taizhang.parse.numerals import cn_digits, cn_to_int
from taizhang.parse.titles import (
    DOC_NUMBER,
    PAGE_TAG,
    clean_title,
    is_framed,
    is_title_end,
    is_title_part,
    joined,
)

Span = tuple[int, int]

ISO_DATE = re.compile(r"((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})")
_NOTICE = re.compile(r"《(.+?)》[^。《》]{0,30}?(?:印发|转发|予以印发|印送)给?你们")
_TITLE_PERIOD = re.compile(r"((?:19|20)\d{2})\s*(?:-|—|–|~|至|到)\s*((?:19|20)\d{2})\s*年")
_FIVE_YEAR = re.compile(r"[“\"]?(十[一二三四五六])五[”\"]?|第(十[一二三四五六])个五年")
_PLAN_END = {"十一": 2010, "十二": 2015, "十三": 2020, "十四": 2025, "十五": 2030, "十六": 2035}
# 海西州人民政府专题会议纪要: a banner naming the series, above the subject line (关于……的会议纪要)
_BANNER = re.compile(r"(?!关于)[^,。;:]{2,30}纪要")
_NUMBERED_MEETING = re.compile(r"[^,。;:]{2,30}第[一二三四五六七八九十百零\d]{1,6}次[^,。;:]{0,20}纪要")
_ENACTS = re.compile(r"[^。]*?制定本(?:办法|方案|意见|细则|规定|计划|要点|措施|实施方案|实施意见|实施细则)")
_BASIS = re.compile(r"贯彻|落实|根据|依据|按照|为了|为")
# a news item about a document: 安徽省人民政府发布关于……的通知 · 省政府印发了《……》
_NEWS_ISSUER = re.compile(r"([\u4e00-\u9fff]{2,20}?(?:人民政府|政府办公厅|人民政府办公厅|办公厅|办公室))(?:近日|日前|今天|昨天)?"
                          r"(?:发布|印发|下发|出台)(?:了)?《?关于")
# a preamble that says which year's work it divides: 现就2013年《政府工作报告》确定的重点工作……
_PLANNED_YEAR = re.compile(r"(?:现就|现将|就|对|将)((?:19|20)\d{2})年(?:度)?[《〈]?[\u4e00-\u9fff]")


class Fact(NamedTuple):
    """A header fact: the value as the view writes it, where it stands, and why."""

    value: str
    span: Span | None
    rule: str


@dataclass
class Header:
    title: Fact | None = None
    notice_title: str | None = None
    doc_number: Fact | None = None
    issuer: Fact | None = None
    issued_on: Fact | None = None
    period: Period | None = None
    preamble: Span = (0, 0)  # before the body's first item: where a document names its basis
    facts: dict[str, Fact] = field(default_factory=dict)  # the index block's


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


def parse_header(view: str, layout: Layout, kept: list[Line], body_start: int) -> Header:
    h = Header()
    h.facts = _index_facts(view, kept)
    h.doc_number = _doc_number(view, h.facts, layout.head)
    h.title = _title(view, layout, h.facts, body_start)
    h.notice_title = _notice_title(view, layout)
    _signature(view, h, layout)
    if h.issued_on is None and "issued_on" in h.facts:
        date = parse_date(h.facts["issued_on"].value)
        if date is not None:
            h.issued_on = Fact(date, h.facts["issued_on"].span, "index:" + h.facts["issued_on"].rule)
    indexed = h.facts.get("issuer")
    if indexed is not None and (h.issuer is None or _fuller(indexed.value, h.issuer.value)):
        h.issuer = indexed  # 湖北省人民政府办公厅 (index block) over 省人民政府办公厅 (signature)
    if h.issuer is None:
        h.issuer = _issuer_from_titles(view, h, layout)
    h.preamble = (0, body_start)
    h.period = _period(h.title.value if h.title else None, view[:body_start], view)
    return h


def _index_facts(view: str, kept: list[Line]) -> dict[str, Fact]:
    """The index block's facts (发文字号, 成文日期, 发文机关, 标题), wherever it stands; a label alone on
    its line takes the next line as its value (發文機關：/ 國務院辦公廳)."""
    out: dict[str, Fact] = {}
    for k, ln in enumerate(kept):
        if ln.role is not Role.FIELD:
            continue
        for name, (label, value, a, b) in (ln.facts or {}).items():
            span = (ln.start + a, ln.start + b)
            if not value and k + 1 < len(kept) and kept[k + 1].role is not Role.FIELD:
                nxt = kept[k + 1]
                value, span = nxt.text(view), (nxt.start, nxt.end)
            if value and fields.is_fact(name) and name not in out:
                out[name] = Fact(value.strip(), span, label)
    return out


def _doc_number(view: str, facts: dict[str, Fact], head: list[Line]) -> Fact | None:
    """发文字号: the index block's, else the first head line that is one (or opens with one)."""
    if "doc_number" in facts:
        f = facts["doc_number"]
        assert f.span is not None
        m = DOC_NUMBER.search(f.value)
        if m is not None:
            at = f.span[0] + m.start()
            return Fact(_number_text(m), (at, at + len(m.group(0))), f"index:{f.rule}")
    for ln in head:
        if ln.role in (Role.DOC_NUMBER, Role.TEXT, Role.ORG):
            at = ln.start + 1 if view[ln.start] in "([" else ln.start
            m = DOC_NUMBER.match(view, at, ln.end)
            if m is not None:
                return Fact(_number_text(m), (m.start(), m.end()), "header_line")
    return None


def _number_text(m: re.Match[str]) -> str:
    return "".join(m.group(0).split())


def _title(view: str, layout: Layout, facts: dict[str, Fact], body_start: int) -> Fact | None:
    if layout.plan_title:
        lines = layout.plan_title
        return Fact(clean_title(joined([ln.text(view) for ln in lines])), (lines[0].start, lines[-1].end),
                    "plan_title_after_notice")
    head = [ln for ln in layout.head if ln.role in (Role.TEXT, Role.ORG)]
    texts = [ln.text(view) for ln in head]
    notice_at = next((i for i, t in enumerate(texts) if _NOTICE.search(t)), None)
    # whether each line follows the one before with nothing between (a site's name above the
    # breadcrumb is no issuer opening the title under it)
    next_to = [i == 0 or not view[head[i - 1].end:head[i].start].strip() for i in range(len(head))]
    found = _find_title(texts, start=notice_at + 1 if notice_at is not None else 0, next_to=next_to)
    if found is None and notice_at is not None:
        found = _find_title(texts, start=0, next_to=next_to)
    if found is not None and (_BANNER.fullmatch(joined(texts[found[0]:found[1] + 1]))
                              or texts[found[1]].strip() in doc_types()):
        # a 纪要 or 督办单 banner names the series; the subject line under it is the title
        subject = _find_title(texts, start=found[1] + 1)
        # (or the meeting's own name under the series': 市政府常务会议纪要 / 市政府第二十七次常务会议纪要)
        # (or a subject line of the banner's own kind: 督办单 / 市政府第四十七次常务会议议定事项督办单)
        kind = texts[found[1]].strip().replace(" ", "")
        said = joined(texts[subject[0]:subject[1] + 1]) if subject is not None else ""
        if subject is not None and (texts[subject[0]].strip().startswith("关于") or _NUMBERED_MEETING.fullmatch(said)
                                    or (kind in doc_types() and said.endswith(kind) and len(said) > len(kind) + 4)):
            found = subject
    if found is not None:
        first, last = found
        return Fact(clean_title(joined(texts[first:last + 1])), (head[first].start, head[last].end),
                    "title_block_after_notice" if notice_at is not None else "title_block")
    if "title" in facts:
        return Fact(clean_title(facts["title"].value), facts["title"].span, "index:" + facts["title"].rule)
    return _breadcrumb_title(view, body_start) or _headline(view, layout, body_start) \
        or _title_above(view, layout, body_start)


# 首页 > 乡镇(街道) > 灯塔街道 > 信息公开 > 灯塔街道2026年民生实事项目清单: the page's own place
_BREADCRUMB = re.compile(r"首页\s*[>»]|当前位置|您的位置")
_CRUMB_SEP = re.compile(r"\s*[>»]\s*")


def _breadcrumb_title(view: str, body_start: int) -> Fact | None:
    """No title line: the breadcrumb's last step, when it names a document (…项目清单, …的通知)."""
    # (the breadcrumb is chrome, dropped from the lines: read it from the text above the body)
    for m in _BREADCRUMB.finditer(view, 0, body_start):
        line_start = view.rfind("\n", 0, m.start()) + 1
        line_end = view.find("\n", m.end(), body_start)
        line = view[line_start:line_end if line_end >= 0 else body_start]
        last = _CRUMB_SEP.split(line.strip())[-1].strip()
        if len(last) >= 8 and is_title_end(last):
            at = line_start + line.rfind(last)
            return Fact(clean_title(last), (at, at + len(last)), "breadcrumb")
    return None


def _headline(view: str, layout: Layout, body_start: int) -> Fact | None:
    """A news repost's headline: the page's first line, short, no sentence in it
    (重磅！2024年浦江县十方面民生实事项目来了，件件关乎你我)."""
    first = next((ln for ln in layout.head if ln.role is not Role.FIELD), None)
    if first is None or first.role is not Role.TEXT or first.start >= body_start:
        return None
    t = first.text(view)
    if 8 <= len(t) <= 40 and not re.search(r"[。:;>|\t]", t) and not t.endswith(("!", "?")) and "年" in t:
        return Fact(t, (first.start, first.end), "headline")
    return None


def _find_title(texts: list[str], *, start: int, next_to: list[bool] | None = None) -> tuple[int, int] | None:
    for i in range(start, len(texts)):
        # 公司 / 督办单 · 关于做好……工作的 / 通知: a bare kind of document under its issuer, or closing a
        # title the page broke before it
        bare_kind = texts[i].strip() in doc_types() and i > start \
            and (is_org(texts[i - 1]) or (texts[i - 1].strip().endswith("的") and is_title_part(texts[i - 1])))
        if (is_title_end(texts[i]) or bare_kind) and not _NOTICE.search(texts[i]):
            first = i
            while first > start and is_title_part(texts[first - 1]) and not is_org(texts[first - 1]) \
                    and not is_title_end(texts[first - 1]) and not _opens_title(texts[first]):
                first -= 1
            # 兰考县人民政府 / 关于……的实施意见: the issuer's line opens a title split before 关于
            # (and 陵水黎族自治县人民政府 / 常务会议纪要: a bare kind of document under its issuer)
            if (texts[first].strip().startswith("关于") or len(texts[first].strip()) <= 8) \
                    and first > start and is_org(texts[first - 1]) and len(texts[first - 1].strip()) <= 20 \
                    and (next_to is None or next_to[first]):
                first -= 1
            # a title may close on a line of its own: (2024—2025年) · (试行)
            last = i + 1 if i + 1 < len(texts) and is_title_part(texts[i + 1]) \
                and texts[i + 1].strip().startswith("(") else i
            # …重点工作 / 分工方案: a kind of document may itself end in a word that ends a title
            if last == i and i + 1 < len(texts) and is_title_end(texts[i + 1]) and len(texts[i + 1].strip()) <= 6 \
                    and not _opens_title(texts[i + 1]):
                last = i + 1
            return first, last
    return None


def _opens_title(text: str) -> bool:
    """A line that opens a whole title by itself: 国务院办公厅关于…… · 【tag】X关于…… ."""
    if is_framed(text):
        return True  # 【泸溪县人民政府关于……的实施意见】: a framed title is whole
    t = PAGE_TAG.sub("", text.strip())
    head, sep, _ = t.partition("关于")
    return bool(sep) and (not head or is_org(head))


def _title_above(view: str, layout: Layout, body_start: int) -> Fact | None:
    """No title block: the nearest title-like line above the body (a page headline, a plan title
    with no kind of document at its end: 市政府工作报告重点工作责任分解(2023年))."""
    for ln in reversed(layout.head):
        if ln.start >= body_start or ln.role not in (Role.TEXT, Role.ORG):
            continue
        t = ln.text(view)
        if is_title_part(t) and len(t) >= 8 and not is_org(t) and not re.search(r"\d{1,2}:\d{2}", t):
            return Fact(clean_title(t), (ln.start, ln.end), "title_line_above_body")
    return None


def _notice_title(view: str, layout: Layout) -> str | None:
    if not layout.plan_title and layout.cover is None:
        return None
    head = [ln for ln in layout.head if ln.role in (Role.TEXT, Role.ORG) and ln.start < layout.plan_title[0].start] \
        if layout.plan_title else []
    texts = [ln.text(view) for ln in head]
    found = _find_title(texts, start=0)
    return clean_title(joined(texts[found[0]:found[1] + 1])) if found else None


def _signature(view: str, h: Header, layout: Layout) -> None:
    """成文日期 and 署名: a date line under the issuer's name (the cover's signature first, then the
    footer's); a garbled date still marks where the signature stands, but gives no date."""
    cover_end = layout.cover[1] if layout.cover else None
    candidates = [ln for ln in layout.head if cover_end is None or ln.start < cover_end] + layout.footer
    for i, ln in enumerate(candidates):
        t = ln.text(view)
        if ln.role is Role.DATE:
            name = signed_by(t)
            date = parse_date(t) if is_date_line(t) or name else None
            if date is not None:
                h.issued_on = Fact(date, (ln.start, ln.end), "signature_date")
            if name is not None:
                h.issuer = Fact(name, (ln.start, ln.start + len(name)), "signature_glued")
                return
            prev = candidates[i - 1] if i > 0 else None
            if prev is not None and prev.role is Role.ORG and _adjacent(view, prev, ln):
                h.issuer = Fact(" ".join(SEAL.sub("", prev.text(view)).split()), (prev.start, prev.end), "signature")
                before = candidates[i - 2] if i > 1 else None
                if before is not None and before.role is Role.ORG and view.count("\n", before.end, prev.start) == 1:
                    # 中共盐城市委 / 盐城市人民政府 / date: a joint document signed by both, in order
                    h.issuer = Fact(" ".join(before.text(view).split()) + " " + h.issuer.value,
                                    (before.start, prev.end), "signature_joint")
            if date is not None or h.issuer is not None:
                return
        left, sep, right = t.strip().rpartition("\t")
        if sep and is_date_line(right) and is_org(left):
            # 陵水黎族自治县人民政府办公室        2024年11月18日: issuer and date on one line
            date = parse_date(right)
            assert date is not None
            h.issued_on = Fact(date, (ln.end - len(right), ln.end), "signature_one_line")
            h.issuer = Fact(" ".join(left.split()), (ln.start, ln.start + len(left)), "signature_one_line")
            return


def _fuller(full: str, short: str) -> bool:
    """The same body named with its place: 湖北省人民政府办公厅 for 省人民政府办公厅."""
    f, s = full.replace(" ", ""), short.replace(" ", "")
    return len(f) > len(s) and f.endswith(s) and s[0] in "省市区县州盟旗"


def _adjacent(view: str, a: Line, b: Line) -> bool:
    """Two lines with at most blank lines between them."""
    return not view[a.end:b.start].strip()


def _issuer_from_titles(view: str, h: Header, layout: Layout) -> Fact | None:
    """X关于……: the body before 关于 in the notice's title or the title, when it is one; a news item
    names the body that issued the document (安徽省人民政府发布关于……的通知)."""
    for name in (h.notice_title, h.title.value if h.title else None):
        if name and "关于" in name:
            head = name.split("关于")[0]
            if is_org(head):
                at = view.find(head)
                return Fact(head, (at, at + len(head)) if at >= 0 else None, "title")
    for ln in layout.head:
        m = _NEWS_ISSUER.search(view, ln.start, ln.end)
        if m is not None and is_org(m.group(1)):
            return Fact(m.group(1), (m.start(1), m.end(1)), "news_lead")
    return None


# the span the text itself states: 攻坚期为2026年10月1日至2027年3月31日 · 防火期为2024年3月15日至6月15日 ·
# 行动时间为2024年3月至12月 · 决定于2026年4月至10月在全省开展……专项行动 (not a 有效期, the rule's validity)
# The dates are looked for first (a pattern that opens with a year lets the engine skip to digits),
# then the words before or after them
_SPAN_AT = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(?:(\d{1,2})日)?起?(?:至|到|—|-|~)"
                      r"(?:((?:19|20)\d{2})年)?(\d{1,2})月(?:(\d{1,2})日)?")
_SPAN_BEFORE = re.compile(r"(?:(?<!有效)期限?|(?:行动|活动|实施|整治|工作|攻坚|治理|排查|督查|检查)时间)(?:为|是|:)?(?:自|从)?$")
_SPAN_AFTER = re.compile(r"(?:在[^,。;]{1,12})?(?:开展|组织开展|集中开展|实施|进行)")


def _stated_span(text: str) -> Period | None:
    m = next((m for m in _SPAN_AT.finditer(text) if _SPAN_BEFORE.search(text, max(0, m.start() - 8), m.start())
              or (text[m.start() - 1:m.start()] == "于" and _SPAN_AFTER.match(text, m.end()))), None)
    if m is None:
        return None
    year, month, day, end_year, end_month, end_day = m.groups()
    y1, m1, d1, m2 = int(year), int(month), int(day or 1), int(end_month)
    y2 = int(end_year) if end_year else y1 + (m2 < m1)  # 2026年10月至3月: the next year's March
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12 and 1 <= d1 <= monthrange(y1, m1)[1]) or (y2, m2) < (y1, m1):
        return None
    if end_day and not 1 <= int(end_day) <= monthrange(y2, m2)[1]:
        return None
    end = f"{y2:04d}-{m2:02d}-{int(end_day):02d}" if end_day else month_end(y2, m2)
    return Period(f"{y1:04d}-{m1:02d}-{d1:02d}", end)


def _period(title: str | None, preamble: str, text: str) -> Period | None:
    """The span the document plans for: one the text states, else its title's; else a year
    the preamble plans for."""
    stated = _stated_span(text)
    if stated is not None:
        return stated
    if title:
        m = _TITLE_PERIOD.search(title)
        if m:
            return Period(f"{m.group(1)}-01-01", f"{m.group(2)}-12-31")
        m = _FIVE_YEAR.search(title)
        if m and ("规划" in title or "纲要" in title):
            end = _PLAN_END.get(m.group(1) or m.group(2))
            if end:
                return Period(f"{end - 4}-01-01", f"{end}-12-31")
        plain = re.sub(r"《[^》]*》", "", title)
        # 2017年秋季…: a season of the year is no year's plan (the text may state its span: above)
        years = re.findall(r"((?:19|20)\d{2})年(?!底|末|春|夏|秋|冬|汛)", plain)
        if re.search(r"通报$|情况的|督办", plain):
            return None  # a report on how the work went (督查通报) plans no span of its own
        if len(set(years)) == 1:
            return Period(f"{years[0]}-01-01", f"{years[0]}-12-31")
        if years:
            return None
    # a preamble that plans one year's work (全年/年度 … 2016年推进…… · 现就2013年《政府工作报告》……)
    text = preamble.strip()
    for line in text.split("\n")[:1] + [ln for ln in text.split("\n")[1:] if _PLANNED_YEAR.search(ln)]:
        planned = set(re.findall(r"((?:19|20)\d{2})年(?![底末])", line))
        if len(planned) == 1 and (re.search(r"全年|年度|本年", line) or _PLANNED_YEAR.search(line)):
            y = planned.pop()
            return Period(f"{y}-01-01", f"{y}-12-31")
    return None


# the bracketed year every 发文字号 has (〔2018〕): cheap to find, unlike the whole number, whose
# pattern opens with a lazy run of characters and is tried at every position of the text
_YEAR_BRACKET = re.compile(r"[〔\[【(](?:19|20)\d{2}")


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


Ref = tuple[str, str | None, str, Span]


def find_references(view: str, own: Fact | None, preamble: Span) -> list[Ref]:
    """Every other 发文字号 in the text, as written: ``implements`` when the preamble names it as
    its basis (为贯彻落实《…》(国发〔2016〕62号)…), else ``cites``."""
    out: dict[str, Ref] = {}
    for m in _doc_numbers(view):
        number = _number_text(m)
        if own is not None and (number == own.value or own.span is not None and m.start() < own.span[1]
                                and own.span[0] < m.end()):
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
