"""Stage 2 — line roles: every line of the view gets what it is in the page.

A page as offices get it mixes the document with what surrounds it: site chrome, an index block
(索引号 / 发文字号 / 成文日期 …), the cover notice and its signature, the plan, a table, attachments.
Each line is read once here and given a role; the later stages work on roles, not on raw lines.

    >>> view = "发文字号:沈政办发〔2018〕78号\\n一、推进改革\\n牵头单位:市发展改革委\\n2018年5月31日"
    >>> [ln.role.value for ln in read_lines(view)]
    ['field', 'item', 'label', 'date']
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from enum import StrEnum
from typing import NamedTuple

from taizhang.parse import fields
from taizhang.parse.labels import opens_with_label
from taizhang.parse.lexicon import chrome_starts
from taizhang.parse.outline import match_ordinal
from taizhang.parse.titles import is_title_end

Span = tuple[int, int]


class Role(StrEnum):
    CHROME = "chrome"  # the site's furniture: 浏览次数, 打印, 当前位置 …
    REPEAT = "repeat"  # a block captured twice
    FIELD = "field"  # an index block's labelled facts: 发文字号:… 成文日期:…
    DOC_NUMBER = "doc_number"  # a line that is a 发文字号 and nothing else
    DATE = "date"  # a date alone on its line (a signature's 成文日期), garbled ones too
    NOTE = "note"  # (此件公开发布) · (本文有删减)
    ANNEX = "annex"  # 附件1 · 附件:1.…… (the label or list of attachments)
    ITEM = "item"  # opens with an ordinal: 一、 (一) 1. ⑴ ①
    LABEL = "label"  # 牵头单位:… · 完成时限:… on a line of its own
    SALUTATION = "salutation"  # 主送机关: 各市人民政府,省政府各厅委:
    ORG = "org"  # a body's name alone (署名, 发文机关 above a title)
    TEXT = "text"


class Line(NamedTuple):
    start: int  # view offsets, surrounding spaces and tabs trimmed
    end: int
    role: Role
    facts: dict[str, fields.Fact] | None = None  # an index line's labelled facts (offsets in the line)

    def text(self, view: str) -> str:
        return view[self.start:self.end]


DROPPED = frozenset({Role.CHROME, Role.REPEAT})

# 2018年5月31日 · 二〇一八年五月三十一日 · 2018-05-31 (a signature line)
DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
CN_DATE = re.compile(r"([二〇零○O一三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
# a date the page garbled (2019116 · 2022121日): still a signature's date line, of no known day
_GARBLED_DATE = re.compile(r"(?:19|20)\d{4,6}日?")
# 发文字号 alone on a line, perhaps in brackets under the title: (长府办发〔2012〕19号)
_NUMBER_LINE = re.compile(r"[(\[]?[\u4e00-\u9fff]{1,12}[〔\[【(]\s*(?:19|20)\d{2}\s*[〕\]】)]\s*第?\s*\d{1,5}\s*号[)\]]?")
_NOTE = re.compile(r"[(\[【](?:此件|本件|本文|注|编者按)[^()\[\]【】]{0,30}[)\]】]")
# 主持：… · 出席：… · 列席：… · 记录：… · 送：… · 发：…: who a 纪要 was held by and sent to
_MEETING_LIST = re.compile(r"(?:主持|出席|列席|参加|请假|记录|送|发|分送|报|抄报|抄送)(?:人员|单位)?[:]")
_ANNEX = re.compile(r"附件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})?\s*[:：]?(?:\s*\d{1,2}[.、].*)?"
                    # 附件：2023年城市更新重点任务清单: the one attachment named by its title
                    r"|附件\s*[:：]\s*[^。;:,\s]{4,60}")
# a body's name: what a signature or an issuer line ends with
ORG_ENDINGS = ("人民政府|政府|办公厅|办公室|委员会|委|部|局|厅|办|院|中心|党委|市委|省委|管委会|督查室|督查处|室|处"
               "|专班|领导小组|指挥部|公司|集团")
# (代章) · （盖章）: a seal's note after the name that signs
SEAL = re.compile(r"\((?:代章|盖章|印章|章)\)$")
_ORG_LINE = re.compile(rf"[\u4e00-\u9fff()、\t ]{{2,40}}(?:{ORG_ENDINGS})")
# markers that make a short line chrome wherever they stand in it
_CHROME_ANYWHERE = re.compile(r"二维码|微信公众号|公众号|版权所有|ICP备|网站地图|联系我们|技术支持|浏览次数|阅读次数|"
                              r"\[打印\]|【打印】|【关闭】|返回顶部|分享到|上一页|下一页|共\d+页"
                              # a document-sharing site's preview: 剩余3页未读，继续阅读 · 展开全文
                              r"|页未读|继续阅读|展开全文|阅读全文|查看全文|免费下载|下载文档"
                              # 乌海市人民政府|首页>政务公开>会议纪要: the site's name before its breadcrumb
                              r"|首页\s*[>»]")
# the site's registration, at any length (主办单位：X办公室  网站标识码：…  皖ICP备…号: no 主办单位 label)
_SITE_FOOTER = re.compile(r"ICP备|公网安备|网站标识码")
# 【关闭窗口】【打印本页】 · [打印] [关闭]: a row of the site's buttons
_BUTTONS = re.compile(r"(?:[【\[]\s*[\u4e00-\u9fff:：]{1,6}\s*[】\]]\s*)+")
_TIMESTAMP = re.compile(r"(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}(?:[\t ]*\d{1,2}:\d{2}(?::\d{2})?)?"
                        r"|\d{1,2}\.\d{1,2}\.(?:19|20)\d{2}(?:[\t ]*\d{1,2}:\d{2})?")
# a block of links to other pages (往期推荐, 相关阅读 …): it runs to the end of the page
_LINKS_BLOCK = re.compile(r"\s*(?:往期推荐|往期回顾|相关阅读|相关文章|相关新闻|相关链接|推荐阅读|猜你喜欢|延伸阅读"
                          r"|喜欢此内容的人还喜欢)\s*[:]?\s*$")
_SENTENCE_PUNCT = re.compile(r"[。;,:!?]")


def spans_of(view: str) -> list[Span]:
    """Non-empty lines as (start, end) offsets, surrounding tabs and spaces trimmed."""
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


def read_lines(view: str, gaps: tuple[int, ...] = ()) -> list[Line]:
    """Every non-empty line with its role (``gaps``: the view offsets where the page had a space)."""
    spans = spans_of(view)
    repeats = _repeats(view, spans)
    links_from = next((k for k, (a, b) in enumerate(spans) if _LINKS_BLOCK.match(view, a, b)
                       and not any(match_ordinal(view, x) for x, _ in spans[k + 1:])), len(spans))
    out = []
    for k, (a, b) in enumerate(spans):
        here = frozenset(g - a for g in gaps[bisect_right(gaps, a):bisect_left(gaps, b)])
        facts = fields.read(view[a:b], here) if k not in repeats and k < links_from else {}
        role = Role.REPEAT if k in repeats else Role.CHROME if k >= links_from else role_of(view[a:b], facts)
        out.append(Line(a, b, role, facts or None))
    return out


def role_of(line: str, facts: dict[str, fields.Fact] | None = None) -> Role:
    """The role a line has by itself (repeats and link blocks need the page: see read_lines);
    ``facts``: what fields.read found in it."""
    if match_ordinal(line, 0) is not None or _RUN_ON_LIST.search(line):
        return Role.ITEM
    if facts:
        return Role.FIELD if any(fields.is_fact(k) for k in facts) else Role.CHROME
    if is_chrome(line):
        return Role.CHROME
    if opens_with_label(line):
        return Role.LABEL
    s = line.strip()
    if is_date_line(s) or _GARBLED_DATE.fullmatch(s) or signed_by(s) is not None:
        return Role.DATE
    if _NUMBER_LINE.fullmatch(s):
        return Role.DOC_NUMBER
    if _NOTE.fullmatch(s) or _MEETING_LIST.match(s):
        return Role.NOTE
    if s.startswith("附件") and _ANNEX.fullmatch(s):
        return Role.ANNEX
    if _is_salutation(s):
        return Role.SALUTATION
    if is_org(s):
        return Role.ORG
    return Role.TEXT


# ……现就有关事项通知如下：1.……；2.……: the items run on in the notice's own paragraph
_RUN_ON_LIST = re.compile(r"如下:1[.、].*?[;。)]2[.、]")
_NOT_ADDRESSEES = re.compile(r"印发|通知如下|如下|现将|现就|同意|根据|为了|。")


def _is_salutation(s: str) -> bool:
    """主送机关: 各市人民政府，省政府各厅委、各直属机构： — a list of bodies closed by a colon."""
    if not s.endswith(":") or len(s) > 200 or _NOT_ADDRESSEES.search(s):
        return False
    parts = re.split(r"[,、;]", s[:-1])
    return all(0 < len(p) <= 24 for p in parts) and ("各" in s or "有关" in s or "：" in s)


# （责任编辑：陈瑶） · 【编辑：王敏】: a news page's credits in brackets, after the text it carries
_CREDIT = re.compile(r"\s*[(\[【]\s*(?:责任编辑|编辑|审核|校对|来源|作者|供稿|撰稿|摄影|审校)\s*:")


def is_chrome(line: str) -> bool:
    if len(line) > 120:
        return False
    chrome = (line.startswith(chrome_starts()) or _TIMESTAMP.fullmatch(line.strip()) is not None
              or _CREDIT.match(line) is not None
              or (len(line) <= 60 and _CHROME_ANYWHERE.search(line) is not None)
              or _SITE_FOOTER.search(line) is not None
              or _BUTTONS.fullmatch(line.strip()) is not None)
    return chrome and match_ordinal(line, 0) is None


def is_date_line(line: str) -> bool:
    s = line.strip()
    return DATE.fullmatch(s) is not None or CN_DATE.fullmatch(s) is not None


def signed_by(line: str) -> str | None:
    """湄潭县人民政府督查室2019年8月12日: a signature whose name and date a page glued together; the
    name, or None."""
    m = DATE.search(line) or CN_DATE.search(line)
    if m is None or m.end() != len(line) or m.start() == 0:
        return None
    name = line[:m.start()].strip()
    return name if is_org(name) else None





def is_org(line: str) -> bool:
    """A body's name standing alone: 沈阳市人民政府办公厅 · 中共盐城市委 (no sentence, no title)."""
    s = SEAL.sub("", line.strip())
    return 2 < len(s) <= 40 and not _SENTENCE_PUNCT.search(s) and _ORG_LINE.fullmatch(s) is not None \
        and not is_title_end(s)


def _repeats(view: str, spans: list[Span]) -> set[int]:
    """Indexes of lines in a run that repeats an earlier run (a page captured twice). A run opens
    on a line of text: label lines (牵头单位：省财政厅) repeat in any plan."""
    first_seen: dict[str, int] = {}
    texts = [view[a:b] for a, b in spans]
    drop: set[int] = set()
    i = 0
    while i < len(spans):
        t = texts[i]
        j = first_seen.get(t)
        if j is not None and len(t) >= 12 and i not in drop and not opens_with_label(t):
            k = 0
            while i + k < len(spans) and j + k < i and texts[i + k] == texts[j + k]:
                k += 1
            # a cut-off copy: its last line is a prefix of the original's line
            if i + k < len(spans) and j + k < i and texts[j + k].startswith(texts[i + k]) and k >= 2:
                k += 1
            if k >= 3 or (k >= 1 and sum(len(texts[i + x]) for x in range(k)) >= 60):
                drop.update(range(i, i + k))
                i += k
                continue
        first_seen.setdefault(t, i)
        i += 1
    return drop


def dropped_blocks(view: str, lines: list[Line], role: Role) -> list[Span]:
    """Runs of lines of one dropped role, as spans (adjacent lines joined): for the warnings."""
    out: list[Span] = []
    last = -1
    for k, ln in enumerate(lines):
        if ln.role is not role:
            continue
        if out and last == k - 1:
            out[-1] = (out[-1][0], ln.end)
        else:
            out.append((ln.start, ln.end))
        last = k
    return out
