"""Deadlines (CONTRACT §3): one-off dates, recurring rules (RFC 5545), plan periods, ongoing work.

Relative dates (6月底前) resolve against a reference year handed in (the document's own), never
the clock.

    >>> [(d.due, d.rrule) for d in find_deadlines("2018年6月底前，完成。每年5月底前报送。")]
    [('2018-06-30', None), (None, 'FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=-1')]
"""

from __future__ import annotations

import re
from calendar import monthrange
from typing import NamedTuple

from taizhang.parse.lexicon import festivals
from taizhang.parse.numerals import cn_digits, cn_to_int

_CN_NUM = "一二三四五六七八九十〇零两"
_N = rf"(?:\d{{1,2}}|[{_CN_NUM}]{{1,3}})"
_YEAR = r"((?:19|20)\d{2})"
_BEFORE = r"(?:以前|之前|前)"
# one-off dates; each (name, pattern); the named groups give year/month/day/whole-year
_ONE_OFF: tuple[tuple[str, re.Pattern[str]], ...] = (
    # 2021年2月3日前 · 2021年2月3日之前 · 于2021年2月3日完成
    # 办结时限：2024年10月15日 (a date closing a clause or a cell)
    ("date_before", re.compile(rf"{_YEAR}年(\d{{1,2}})月(\d{{1,2}})日(?:{_BEFORE}|止|(?=完成|建成|办结)"
                               rf"|(?=\s*(?:[。;,)\]】\n]|$)))"
                               # 即日起至2024年12月31日 · 截至2024年10月1日
                               rf"|(?<=至){_YEAR}年(\d{{1,2}})月(\d{{1,2}})日")),
    # 2024年9月中旬前 → the 20th; 上旬 → the 10th; 下旬 → the month's end
    ("dekad", re.compile(rf"{_YEAR}年(\d{{1,2}})月(上|中|下)旬(?:{_BEFORE})?")),
    # 2018年6月底前 · 2018年6月底 · 2018年6月末 · 2018年6月前 · 2018年6月完成
    ("month_end", re.compile(rf"{_YEAR}年(\d{{1,2}})月(?:份)?(?:底|末)?{_BEFORE}|{_YEAR}年(\d{{1,2}})月(?:份)?(?:底|末)"
                             rf"|{_YEAR}年(\d{{1,2}})月(?:份)?(?=完成|建成|出台|印发|实现|办结)"
                             # 即日起至2026年12月
                             rf"|(?<=至){_YEAR}年(\d{{1,2}})月(?!\d|份?(?:底|末|上|中|下))"
                             # a month standing alone at the end of a clause or a cell: 【完成时限】2024年8月
                             rf"|(?<![\d-]){_YEAR}年(\d{{1,2}})月(?:份)?(?=\s*(?:[。;,)\]】\n]|$))")),
    # 2018年上半年 · 2018年年中
    ("half_year", re.compile(rf"{_YEAR}年(?:上半年|年中)(?:底|末)?{_BEFORE}?")),
    # 2018年下半年 · 2018年全年
    ("second_half", re.compile(rf"{_YEAR}年(?:下半年|全年)(?:底|末)?{_BEFORE}?")),
    # 2018年一季度 · 第三季度末
    ("quarter", re.compile(rf"{_YEAR}年(?:第)?([一二三四1-4])季度(?:末|底)?{_BEFORE}?")),
    # 2025年春节前 · 2024年国庆节前 (the holiday's date; a year outside festivals.tsv gives nothing)
    ("festival", re.compile(rf"{_YEAR}年(元旦|春节|国庆|端午|中秋)节?{_BEFORE}")),
    # 2025年4月至9月 · 2025年6—11月: due at the end of the span's last month
    ("month_range", re.compile(rf"{_YEAR}年(\d{{1,2}})月(?:份)?\s*(?:至|到|-|—|–|~)\s*(\d{{1,2}})月(?:份)?(?:底|末)?{_BEFORE}?")),
    # 2019年底前 · 2019年年底 · 2019年末 · 2019年内
    ("year_end", re.compile(rf"{_YEAR}年(?:年)?(?:底|末){_BEFORE}?|{_YEAR}年{_BEFORE}|{_YEAR}年(?:年|度)?内")),
    # 2024—2025年完成 · 2024-2025年底前: due at the end of the range (not (2018-2020年) in a title)
    ("year_range", re.compile(rf"(?<![(\d]){_YEAR}\s*(?:-|—|–|~|至|到)\s*{_YEAR}年(?:底|末)?{_BEFORE}?(?![)\d]|以来)")),
    # 2026年全面完成 · 2025年建成 · 2027年基本实现: a year and the verb that completes the work
    ("year_done", re.compile(rf"(?<![\d\-—–~至到]){_YEAR}年(?:前)?(?=(?:全面|基本|全部|如期)?(?:完成|建成|实现|完工|竣工|到位))")),
    # 到2020年 · 至2020年 · 力争2020年 · 截至2020年 (not 2020年以来, not 到2020年5月 which month_end takes)
    ("by_year", re.compile(rf"(?:到|至|截至|截止|力争|争取|(?<![关对由属等基])于)\s*{_YEAR}年(?![\d上下一二三四第]|以来|起|开始"
                           rf"|汛期|春节|国庆|元旦|采暖季|供暖季|冬季|夏季|秋季|春季|开学)")),
)
# the words each one-off family cannot match without: a pattern runs only on texts holding one
# (most patterns cannot skip ahead to a first character, so each run tries every position)
_FESTIVALS = ("元旦", "春节", "国庆", "端午", "中秋")
_ONE_OFF_NEEDS: dict[str, tuple[str, ...]] = {
    "date_before": ("日",), "dekad": ("旬",), "month_end": ("月",), "half_year": ("半年", "年中"),
    "second_half": ("下半年", "全年"), "quarter": ("季度",), "festival": _FESTIVALS, "month_range": ("月",),
    "year_done": ("完成", "建成", "实现", "完工", "竣工", "到位"),
    "by_year": ("到", "至", "截", "力争", "争取", "于"),
}
_MONTH_ONLY_NEEDS = ("月", "季度", "半年", "年中", *_FESTIVALS)
_YEAR_END_NEEDS = ("年底", "年末", "年内")


def _holds(text: str, words: tuple[str, ...]) -> bool:
    return any(w in text for w in words)


# "十三五"期间 / 末 → the plan period's last day
_PLAN = re.compile(r"[“\"']?(十[一二三四五六七])五[”\"']?(?:期间|末|时期|内|规划期(?:内|末))")
_PLAN_END = {"十一": 2010, "十二": 2015, "十三": 2020, "十四": 2025, "十五": 2030, "十六": 2035}
# 6月底前 with no year: resolved against the reference year
_MONTH_ONLY = re.compile(
    rf"(?<![\d年月每])(\d{{1,2}})月(?:份)?(?:底|末){_BEFORE}?"
    rf"|(?<![\d年月每])(\d{{1,2}})月(\d{{1,2}})日{_BEFORE}"
    # 第三季度 · 三季度完成 · 完成时限：三季度 — not 前三季度 (the first three together), nor a
    # quarter reported on (计划一季度完成投资…，实际… · 一季度按时办结率为88.6%)
    rf"|(?<![\d年每前第])(?:第|(?<!计划)(?=[一二三四1-4]季度(?:末|底|前|内|完成|建成|开工|实现|启动|出台|[,;。\s]|$)))"
    rf"([一二三四1-4])季度(?:末|底)?{_BEFORE}?"
    rf"|(?<![\d年每])(上半年|年中|下半年)(?:底|末)?{_BEFORE}?(?![的以])"
    # 9月中旬前 with no year
    rf"|(?<![\d年月每])(\d{{1,2}})月(上|中|下)旬{_BEFORE}?"
    # 次年1月底前: the month of the year after
    rf"|(?<![\d年每])(次年|明年|翌年)(\d{{1,2}})月(?:份)?(?:(\d{{1,2}})日|底|末)?{_BEFORE}?"
    # 国庆节前 with no year
    rf"|(?<![\d年每])(元旦|春节|国庆|端午|中秋)节?{_BEFORE}")
# 年底前 with no year: the document's own year
_YEAR_END_NO_YEAR = re.compile(r"(?<![\d每])(?:今年|本年|年)(?:底|末)(?:前|以前|之前)"
                               r"|(?<![\d每年一二三四五六七八九十两几])(?:今年|本年)?年内")
# words that make a following number a quota or pace, not a date (每年至少引进1个, 每年减少1/3)
_QUOTA = re.compile(r"^(?:至少|不少于|不低于|减少|增长|增加|提高|新增|引进|完成|达到|安排|培育|建设|策划|推出|组织)?\d|^(?:至少|不少于|不超过|不高于|减少|增长|增加|提高)")


class Found(NamedTuple):
    text: str
    start: int
    end: int
    due: str | None
    rrule: str | None
    kind: str  # date | recurring | period | ongoing
    rule: str


def month_end(year: int, month: int) -> str:
    """The month's last day, ISO: 2024-02-29."""
    return f"{year:04d}-{month:02d}-{monthrange(year, month)[1]:02d}"


def find_deadlines(text: str, *, ref_year: int | None = None,
                   skip: list[tuple[int, int]] | None = None) -> list[Found]:
    """Every deadline phrase in ``text`` (a view slice), in order; ``skip`` spans are ignored
    (titles in 《》 name periods, not deadlines)."""
    if not _CUE_DIGIT.search(text) and not _CUE_WORD.search(text):
        return []  # most sentences name no time at all: one cheap test before a dozen patterns
    skip = list(skip or [])
    if "原" in text:  # 原定时限：2025年4月30日 — the deadline that was missed, not the one to meet
        skip += [(m.start(), m.end()) for m in _FORMER.finditer(text)]
    found: list[Found] = []

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in skip)

    def add(f: Found) -> None:
        if free(f.start, f.end):
            found.append(f)
            skip.append((f.start, f.end))

    # each family of patterns needs a word of its own: look for the word before running them
    if _WITH_YEAR.search(text):
        for rule, pattern in _ONE_OFF:
            needs = _ONE_OFF_NEEDS.get(rule)
            for m in pattern.finditer(text) if needs is None or _holds(text, needs) else ():
                due = _due(rule, m)
                if due:
                    add(Found(m.group(0), m.start(), m.end(), due, None, "date", rule))
    if "五" in text:
        for m in _PLAN.finditer(text):
            year = _PLAN_END.get(m.group(1))
            if year:
                add(Found(m.group(0), m.start(), m.end(), f"{year}-12-31", None, "period", "plan_period"))
    if "每" in text or "按" in text or "逐" in text or "各" in text:
        for f in find_recurring(text):
            add(f)
    dated = sorted((f.start, int(f.due[:4])) for f in found if f.due and f.kind == "date")
    for m in _MONTH_ONLY.finditer(text) if _holds(text, _MONTH_ONLY_NEEDS) else ():
        # a date without a year: the year of the date written before it, else the document's
        year = next((y for at, y in reversed(dated) if at < m.start()), ref_year)
        if not year:
            continue
        if m.group(1):
            due = month_end(year, int(m.group(1))) if 1 <= int(m.group(1)) <= 12 else None
        elif m.group(2):
            due = _safe_date(year, int(m.group(2)), int(m.group(3)))
        elif m.group(5):
            due = f"{year}-12-31" if m.group(5) == "下半年" else f"{year}-06-30"
        elif m.group(6):
            due = _dekad(year, int(m.group(6)), m.group(7))
        elif m.group(8):
            month = int(m.group(9))
            if m.group(10):  # 次年1月20日前
                due = _safe_date(year + 1, month, int(m.group(10)))
            else:
                due = month_end(year + 1, month) if 1 <= month <= 12 else None
        elif m.group(11):
            due = _festival(m.group(11), year)
        else:
            q = m.group(4)
            due = month_end(year, (int(q) if q.isdigit() else cn_to_int(q)) * 3)
        if due:
            add(Found(m.group(0), m.start(), m.end(), due, None, "date", "month_in_context_year"))
    if ref_year and _holds(text, _YEAR_END_NEEDS):
        for m in _YEAR_END_NO_YEAR.finditer(text):
            add(Found(m.group(0), m.start(), m.end(), f"{ref_year}-12-31", None, "date", "year_end_in_doc_year"))
    for m in _ONGOING.finditer(text) if "长期" in text or "持续" in text or "常态化" in text else ():
        add(Found(m.group(0), m.start(), m.end(), None, None, "ongoing", "ongoing"))
    found.sort(key=lambda f: f.start)
    if ref_year:  # 2000年以前建成的小区 in a plan of 2019: a time long past describes, it sets no deadline
        found = [f for f in found if not (f.due and f.kind == "date" and int(f.due[:4]) < ref_year - 1)]
    return found


def _dekad(year: int, month: int, part: str) -> str | None:
    """上旬/中旬/下旬: the 10th, the 20th, the month's last day."""
    if not 1 <= month <= 12:
        return None
    return month_end(year, month) if part == "下" else f"{year:04d}-{month:02d}-{10 if part == '上' else 20}"


def _festival(name: str, year: int) -> str | None:
    """春节 2025 → 2025-01-29 (festivals.tsv: lunar ones by year, fixed ones for every year)."""
    day = festivals().get((name, str(year))) or festivals().get((name, "*"))
    return f"{year}-{day}" if day else None


def _safe_date(y: int, m: int, d: int) -> str | None:
    if 1 <= m <= 12 and 1 <= d <= monthrange(y, m)[1]:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _due(rule: str, m: re.Match[str]) -> str | None:
    g = [x for x in m.groups() if x]
    year = int(g[0])
    if rule == "date_before":
        return _safe_date(year, int(g[1]), int(g[2]))
    if rule == "dekad":
        return _dekad(year, int(g[1]), g[2])
    if rule == "month_end":
        month = int(g[1])
        return month_end(year, month) if 1 <= month <= 12 else None
    if rule == "half_year":
        return f"{year}-06-30"
    if rule == "second_half":
        return f"{year}-12-31"
    if rule == "year_range":
        return f"{max(int(g[0]), int(g[1]))}-12-31"
    if rule == "month_range":
        month = int(g[2])
        return month_end(year, month) if 1 <= month <= 12 else None
    if rule == "festival":
        return _festival(g[1], year)
    if rule == "quarter":
        q = int(g[1]) if g[1].isdigit() else cn_to_int(g[1])
        return month_end(year, q * 3)
    return f"{year}-12-31"


# anything any deadline pattern needs; a text without one of these has no deadline
_FORMER = re.compile(r"原(?:定|计划)(?:于|在)?(?:完成)?(?:时限|时间|期限)?[:：]?[^\n;。,)]*")  # 原定6月底前完成
# a year written in digits, as every one-off pattern opens with (2019年底, 2024—2025年)
_WITH_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:年|-|—|–|~|至|到)")
# (two patterns: one of words and one from a digit let the regex engine jump to the characters
# they open with; one pattern mixing both is tried at every position)
_CUE_WORD = re.compile(r"季度|半年|年中|每|按[月季周半]|按年度|逐[月季周]|五[”\"']?(?:期间|末|时期|内|规划期)|长期|持续推进|常态化|年[底末内]"
                       r"|元旦|春节|国庆|端午|中秋")
_CUE_DIGIT = re.compile(r"\d[月年]")

# ── recurring ───────────────────────────────────────────────────────────────────────────────
# what is done once a year (a count after it makes a quota instead: 每年举办3场 → target)
_YEARLY_EVENT = ("(?:开展|举办|召开|组织|举行|公布|发布|通报|评选|评估|考核|检查|修订|更新|复核|核查|普查|"
                 "排查|体检|评议|述职|表彰)")
_COUNTED = re.compile(r"[^,。;]{0,10}?(?:\d|[两二三四五六七八九十几多]+(?:个|家|项|场|次|批|所|期|轮))")
_ONGOING = re.compile(r"长期坚持|长期推进|持续推进(?=[)）\]】]|$|\s)|常态化推进(?=[)）\]】]|$)")
_EVERY = re.compile(
    # 每年4月、10月 → BYMONTH=4,10
    rf"每年(?:的)?(?P<m1>\d{{1,2}})月(?:份)?[、和及与](?P<m2>\d{{1,2}})月(?:份)?(?P<pend>底|末)?"
    # 每年5月底前 · 每年6月30日前 · 每年4月
    rf"|每年(?:的)?(?P<month>\d{{1,2}})月(?:份)?(?:(?P<day>\d{{1,2}})日|底|末)?{_BEFORE}?"
    # 每年年底前
    rf"|(?P<year_end>每年(?:年底|年末|底){_BEFORE}?)"
    # 每年一季度 · 每年第三季度末前 → the quarter's last month, its last day
    rf"|每年(?:第)?(?P<yq>[一二三四1-4])季度(?:末|底)?{_BEFORE}?"
    # 每周五前 · 每周一
    rf"|每周(?:星期)?(?P<wday>[一二三四五六日天])(?:前|之前|以前)?"
    # 每月25日前
    rf"|每月(?P<mday>\d{{1,2}})日{_BEFORE}?"
    # 每季度首月5日前 · 每季度末月25日前: a day of one month of each quarter
    rf"|每季度(?P<qmonth>首月|第一个月|末月|最后一个月)(?P<qday>\d{{1,2}})日{_BEFORE}?"
    # 6月、12月底前各报送一次: the same months of every year
    rf"|(?<![\d年])(?P<e1>\d{{1,2}})月(?:份)?[、和](?P<e2>\d{{1,2}})月(?:份)?(?P<epend>底|末)?{_BEFORE}?(?=[^,。;]{{0,4}}?各)"
    # 每半月: twice a month, mid-month and month-end
    rf"|(?P<half_month>每半个?月)"
    # 每日报告 · 每天推送: work done every day
    rf"|(?P<daily>每(?:日|天))(?:(?=[\u4e00-\u9fff])(?!都|均|的)|(?=[,;。]|$))"
    # 每两个月 · 每季度 · 每半年 · 每周 · 每季度末
    rf"|每(?P<count>两|二|三|四|六|双)?个?(?P<unit>月|季度|季|半年|周|旬)(?:末|底)?"
    # 按月调度 · 按季度开展
    rf"|(?:按|逐)(?P<by>月|季度|季|半年|周)(?=[\u4e00-\u9fff])(?!份)"
    # 按年度考核: once a year
    rf"|(?P<by_year>按年度)(?=[\u4e00-\u9fff,。;]|$)"
    # 每年……4月份……10月份 (two months named later in the sentence)
    rf"|每年(?=[^。;]{{0,60}}?(?<![\d年])(?P<l1>\d{{1,2}})月[^。;]{{0,60}}?(?<![\d年])(?P<l2>\d{{1,2}})月)"
    # 每年开展一次考核 · 每年向社会公布 · 每年举办购物节: an event held every year
    rf"|(?P<yearly>每年)(?=[^,。;]{{0,5}}?{_YEARLY_EVENT})"
    # 每年招引亿元以上制造业项目100个 · 每年培育星级上云企业50家: work to do again every year
    rf"|(?P<yearly_work>每年)(?=[\u4e00-\u9fff])"
)
# 每年至少引进1个 · 每年负责策划5个 · 每年组织两次: a count right after the verb is a quota (a target);
# 每年减少1/3 · 每年新开工项目占50%以上 · 转化率达到50%: a pace or a share is a target too
_QUOTA_AFTER = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:\d|[一两二三四五六七八九十几多]+(?:个|次|场|批|家|项|所|期|轮))"
                          r"|(?:至少|不少于|不低于|不超过)")
_QUOTA_WORDS = re.compile(r"不少于|不低于|至少|不超过|新增")
_PACE = re.compile(r"减少|增长|增加|新增|提高|降低|下降|占|率|比例|比重|%|以内|不少于|不低于|至少|不超过|以上的")


_CLOCK = re.compile(r"\d{1,2}(?:时|点|:\d{2})")  # an hour of the day after the day itself


def find_recurring(text: str) -> list[Found]:
    out: list[Found] = []
    for m in _EVERY.finditer(text):
        rrule = _rrule(m)
        if not rrule:
            continue
        rest = text[m.end():m.end() + 8]
        if _QUOTA.match(rest) and "日" not in m.group(0) and "底" not in m.group(0) and not _CLOCK.match(rest):
            continue  # 每月新增3家: a pace, not a date (每周一12时前: an hour, not a count)
        if m.group("yearly") and _COUNTED.match(text, m.end()):
            continue  # 每年举办3场: a quota
        clause_end = min((i for i in (text.find(c, m.end()) for c in ",。;") if i >= 0), default=len(text))
        if m.group("yearly_work"):
            if _QUOTA_AFTER.match(text, m.end()) or _PACE.search(text, m.end(), clause_end):
                continue
        elif (m.group("unit") or m.group("by") or m.group("daily")) and _QUOTA_WORDS.search(text, m.end(), clause_end):
            continue  # 每月提供助餐服务不少于20次 · 每月新增泊位不少于100个: a quota, not a date
        out.append(Found(m.group(0), m.start(), m.end(), None, rrule, "recurring", "recurring"))
    return out


def _rrule(m: re.Match[str]) -> str | None:
    s, g = m.group(0), m.groupdict()
    pair = (g["m1"], g["m2"]) if g["m1"] else (g["l1"], g["l2"]) if g["l1"] else None
    if pair:
        by_month = sorted({int(pair[0]), int(pair[1])})
        if all(1 <= x <= 12 for x in by_month):
            end = ";BYMONTHDAY=-1" if g["pend"] else ""  # 每年6月、12月底前
            return "FREQ=YEARLY;BYMONTH=" + ",".join(map(str, by_month)) + end
        return None
    if g["month"]:
        month = int(g["month"])
        if not 1 <= month <= 12:
            return None
        if not g["day"] and not re.search(r"底|末|前", s):
            return f"FREQ=YEARLY;BYMONTH={month}"
        day = f"BYMONTHDAY={int(g['day'])}" if g["day"] else "BYMONTHDAY=-1"
        return f"FREQ=YEARLY;BYMONTH={month};{day}"
    if g["yearly"] or g["yearly_work"] or g["by_year"]:
        return "FREQ=YEARLY"
    if g["qmonth"]:
        first = g["qmonth"] in ("首月", "第一个月")
        qday = int(g["qday"])
        if not 1 <= qday <= 31:
            return None
        return f"FREQ=YEARLY;BYMONTH={'1,4,7,10' if first else '3,6,9,12'};BYMONTHDAY={qday}"
    if g["e1"]:
        m1, m2 = int(g["e1"]), int(g["e2"])
        if not (1 <= m1 < m2 <= 12):
            return None
        return f"FREQ=YEARLY;BYMONTH={m1},{m2}" + (";BYMONTHDAY=-1" if g["epend"] else "")
    if g["yq"]:
        q = int(g["yq"]) if g["yq"].isdigit() else cn_to_int(g["yq"])
        return f"FREQ=YEARLY;BYMONTH={q * 3};BYMONTHDAY=-1"
    if g["wday"]:
        return "FREQ=WEEKLY;BYDAY=" + {"一": "MO", "二": "TU", "三": "WE", "四": "TH", "五": "FR", "六": "SA",
                                       "日": "SU", "天": "SU"}[g["wday"]]
    if g["year_end"]:
        return "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=-1"
    if g["mday"]:
        return f"FREQ=MONTHLY;BYMONTHDAY={int(g['mday'])}"
    if g["daily"]:
        return "FREQ=DAILY"
    if g["half_month"]:
        return "FREQ=MONTHLY;BYMONTHDAY=15,-1"
    unit = g["unit"] or g["by"]
    count = 2 if g["count"] == "双" else cn_digits(g["count"]) if g["count"] else 1  # 每双月 · 每双周
    if unit == "周":
        return "FREQ=WEEKLY" if count == 1 else f"FREQ=WEEKLY;INTERVAL={count}"
    if unit == "旬":  # 每旬: the 10th, the 20th and the month's end, as 每半月 is the 15th and the end
        return "FREQ=MONTHLY;BYMONTHDAY=10,20,-1"
    months = {"月": 1, "季度": 3, "季": 3, "半年": 6}[unit] * count
    rule = "FREQ=MONTHLY" if months == 1 else f"FREQ=MONTHLY;INTERVAL={months}"
    return rule + (";BYMONTHDAY=-1" if s.endswith(("末", "底")) else "")
