"""Unit lists → unit names as they would stand alone (CONTRACT §2.1–2.5).

    >>> [u.name for u in split_units("市发展改革委、财政局")]
    ['市发展改革委', '市财政局']
    >>> [u.name for u in split_units("于洪区、苏家屯区、新民市、辽中县政府")]
    ['于洪区政府', '苏家屯区政府', '新民市政府', '辽中县政府']
    >>> [u.name for u in split_units("相关部门及区、县(市)政府")]
    ['相关部门', '相关区、县(市)政府']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from taizhang.parse.lexicon import collectives, places, unit_suffixes

LEVELS = "省市区县州盟旗乡镇"
# a level word that opens a list and carries over (自治区 before 区)
# (镇 and 乡 in a township's own lists: 镇财政所、社会事务综合服务中心; not 乡镇…, 镇村…)
_LEVEL_PREFIX = re.compile(r"(自治区|自治州|师市|经开区|高新区|开发区|园区|新区|省|市(?!场)|区|县|州|盟|旗|镇(?![乡村街])|乡(?![镇村]))(?!直|级)")
_NAMED_STREET = re.compile(r"[\u4e00-\u9fff]{2,10}(?:街道办事处|街道办|街道)")
# 市直机关工委 · 县直各单位: a level word with 直/级 already says which level the body belongs to
_OWN_LEVEL = re.compile(r"(?:自治区|自治州|省|市|区|县|州|盟|旗|镇|乡)(?:直|级)|村|社区|居委会|村委会")
# 区、县(市) · 市(州)、县(市、区): a run of bare level words is one collective, 、 and all
_LEVEL_RUN = re.compile(
    rf"(?:(?<![\u4e00-\u9fff])|(?<=[及和与]))(?:各|相关|有关|所在)?辖?[{LEVELS}](?:\([{LEVELS}、]{{1,5}}\))?(?:、[{LEVELS}](?:\([{LEVELS}、]{{1,5}}\))?)+"
)
_QUALIFIER = re.compile(r"^(各|相关|有关|所在)")
# trailing words that are not part of a name (CONTRACT §2.4)
_TRAILING = re.compile(r"(?:等有关部门|等相关部门|等有关单位|等相关单位|等|等单位|等部门|分别负责|按职责分工负责|按职责分工|分别牵头|双牵头|共同牵头|牵头负责|牵头|配合|负责|参与|协办|主办|为牵头单位)+$")
# a note of the document's own after a list, not part of the last name: 市卫生健康委（除标注“分别牵头”外，
# 列第一位为牵头或汇总单位，下同） · 市财政局（第一责任单位为牵头单位，下同）
_NOTE = re.compile(r"\((?!(?:(?!第一|首位)[^()]){2,20}?为(?:牵头|第一责任|主责)(?:单位|部门)?\))"
                   r"(?=[^()]*(?:下同|汇总|除|第一|首位|不分先后))[^()]{4,}\)$")
# (the note names a place in the list, 列第一位的为牵头单位; (市发改委为牵头单位) names the lead itself)
# the same note written as a part of the list itself, after a comma
_CONVENTION_PART = re.compile(r"\s*(?:(?:排在|列在?|位列)?第一(?:位|个|责任单位)的?(?:单位)?为牵头|下同$|(?:排名)?不分先后$)")
_LEADING = re.compile(r"^(?:由|请|其中|以及|会同|协同|联合|及|和(?![\u4e00-\u9fff](?:县|区|市|旗))|与)?(?:[我本][局厅委部办署](?=[\u4e00-\u9fff]{3}))?")
# (我局科学技术司: the issuing ministry's own department goes by its name, as its other mentions write it)
# a place's own government or committee: 浑南区政府 · 经济技术开发区管委会
_OWN_PLACE = re.compile(rf"^[^、]{{1,10}}[{LEVELS}](?:人民)?(?:政府|管委会|党委|管理委员会)$")
_GOVERNMENT = re.compile(rf"([{LEVELS}]?)((?:人民)?政府|党委|管委会)$|(社区)?(村委会|居委会|村民委员会|居民委员会)$")
# local branches of vertical (central) bodies never take a carried-over 省/市
_VERTICAL = re.compile(r"(海关|银保监局|银监局|证监局|保监局|检验检疫局|分行|支行|营管部|通信管理局|海事局|海事处)$"
                       r"|^公安[\u4e00-\u9fff]{1,4}分局|^[\u4e00-\u9fff]{2,4}公安分局")  # 公安河西分局(交警大队) · 西工公安分局 name their district
# the departments of a party committee (市委组织部 · 市委政法委), as a list after 市委… names them
_PARTY_DEPT = re.compile(r"(?<!人武)部$|^(?:政法委|编办|网信办|政研室|农办|深改办|巡察办|老干部局|党校|党史研究室)$")
# a company or group goes by its registered name: 市商务局、云水谣景区管理有限公司 (no 市 carried)
_ENTERPRISE = re.compile(r"(?:有限公司|有限责任公司|集团|集团公司)$")
# 各苏木镇 · 各乡镇 · 有关街道: every body of one level is a collective
_EACH_PLACE = re.compile(r"^(?:各|有关|相关)[\u4e00-\u9fff]{0,4}(?:镇|乡|街道|镇街|村|社区|嘎查|苏木|旗|县|区|市|州|盟)$")
# 棠香街道 · 宝顶镇: a town or street named as the body that governs it (not 城镇, 特色小镇)
_NAMED_TOWN = re.compile(r"^[\u4e00-\u9fff]{2,4}(?:镇|街道|乡|苏木)$")
# (城镇 · 小城镇 · 城乡 · 下乡 · 返乡: words, not places)
_TOWN_WORDS = re.compile(r"(?:城|乡|村|集|重|小|市)镇$|(?:城|家|下|返|故|回|老|异|水|思|各|全|本)乡$"
                         r"|^(?:各|有关|相关|全|本|该|每)")
# a kind of body named by its level alone: 镇人民政府 · 街道办事处 · 乡(镇)人民政府 · 县(市、区)政府
_GENERIC_BODY = re.compile(
    r"(?:各|有关|相关)?(?:[乡镇村县区市旗州盟]|街道|社区|苏木|嘎查|\([乡镇县区市旗、]{1,7}\))+"
    r"(?:人民政府|政府|办事处|管委会|居委会|村委会|党委|行政公署)")
# punctuation and function words never stand inside a unit's name (本办法由区商务委 is no unit)
_NOT_IN_NAMES = re.compile(r"[,;:。“”《》由的将把对向在从了要按]|本办法|本方案|制定|开展|提交|审议|做好|加强|建立|完善|安排|确定|作为"
                           r"|规定|\d名")
# 向阳区人民政府 · 从化区人民政府: a place whose name opens with what is elsewhere a function word
_PLACE_GOVERNMENT = re.compile(r"[\u4e00-\u9fff]{2,3}[区县市旗](?:人民)?政府")
_SUB_OFFICE = re.compile(r"(?<=.)\([^()]{1,8}\)$")
# separators of a list: 、 always; 及/以及/和/与 only between whole units (not 工业和信息化厅)
_CONJ = re.compile(r"以及|及|和|与")
# 各县(市、区)党委和政府: a body named by its kind alone belongs to the place before the 和
_BARE_BODY = re.compile(r"(?:人民)?政府|党委|党组|管委会")


class UnitName(NamedTuple):
    name: str
    start: int  # offsets relative to the parsed string
    end: int
    rule: str


@lru_cache(maxsize=8192)
def is_unit(name: str) -> bool:
    """A phrase that names a body: ends like one, or is a standing collective."""
    name = _TRAILING.sub("", name)
    name = _SUB_OFFICE.sub("", name)  # 市委组织部(人才办) · 市财政局(牵头)
    if len(name) < 2 or len(name) > 30:
        return False
    if name in collectives() or _LEVEL_RUN.fullmatch(name.rstrip("政府人民")) or _EACH_PLACE.match(name):
        return True
    if _LEVEL_RUN.match(name) and name.endswith(("政府", "部门", "单位", "管委会")):
        return True
    if _NOT_IN_NAMES.search(name.replace("对外", "")) and not _PLACE_GOVERNMENT.fullmatch(name):
        # (对外贸易处 · 对外联络部: 对外 is a word of the name, not the 对 of 对……负责)
        return False
    return name.endswith(unit_suffixes()) or (_NAMED_TOWN.match(name) is not None and not _TOWN_WORDS.search(name))


def split_units(text: str, offset: int = 0) -> list[UnitName]:
    """Split a unit list (as the view writes it) into full names with their spans."""
    if not offset:
        return list(_split_cached(text))
    return [UnitName(u.name, u.start + offset, u.end + offset, u.rule) for u in _split_cached(text)]


@lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[UnitName, ...]:
    # the same lists recur within a document (and across documents of one office)
    out: list[UnitName] = []
    for g_start, g_end in _groups(text):
        if _CONVENTION_PART.match(text, g_start, g_end):
            continue  # （责任单位：A、B，排在第一位的为牵头单位，下同）: the document's own note, no unit
        out.extend(_group_units(text, g_start, g_end, 0))
    return tuple(out)


def _groups(text: str) -> list[tuple[int, int]]:
    """Comma/semicolon groups, ignoring separators inside parentheses."""
    spans, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "(（":
            depth += 1
        elif ch in ")）":
            depth = max(0, depth - 1)
        elif ch in ",;，；" and depth == 0:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _raw_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split one group on 、 (not inside parentheses or a level run) and on 及/和 between units."""
    protected = [(m.start(), m.end()) for m in _LEVEL_RUN.finditer(text, start, end)]
    cuts: list[tuple[int, int]] = []  # (cut start, cut end) separators
    i = text.find("、", start, end)
    bracketed = "(" in text[start:end] or "（" in text[start:end]
    depth, seen = 0, start  # parentheses counted up to `seen`, only when there are any
    while i >= 0:
        if bracketed:
            for ch in text[seen:i]:
                if ch in "(（":
                    depth += 1
                elif ch in ")）":
                    depth = max(0, depth - 1)
            seen = i
        if depth == 0 and not any(a < i < b for a, b in protected):
            cuts.append((i, i + 1))
        i = text.find("、", i + 1, end)
    items, pos = [], start
    for a, b in cuts:
        items.append((pos, a))
        pos = b
    items.append((pos, end))
    # 及/和 between two whole units
    out: list[tuple[int, int]] = []
    for a, b in items:
        out.extend(_split_conj(text, a, b))
    return [(a, b) for a, b in out if b > a]


# what follows a 和 that begins a place's name (和平县 · 和田市 · 和龙市): one character and a level
_ONE_CHARACTER_PLACE = re.compile(r"[\u4e00-\u9fff](?:县|区|市|旗)")


def _split_conj(text: str, a: int, b: int) -> list[tuple[int, int]]:
    for m in _CONJ.finditer(text, a, b):
        left, right = text[a:m.start()], text[m.end():b]
        if m.group(0) == "和" and _ONE_CHARACTER_PLACE.match(right):
            continue  # 国家税务总局和平县税务局: 和平县 is a place, not 和 + 平县
        if left and right and (is_unit(left) and (is_unit(right) or _LEVEL_RUN.match(right))
                               and not _BARE_BODY.fullmatch(right)
                               # 平乐县和荔浦市人民政府: two places sharing the government named last
                               or _PLACE_GOVERNMENT.fullmatch(right) and left[-1] in "区县市旗"
                               and _is_bare_place(left)):
            return _split_conj(text, a, m.start()) + _split_conj(text, m.end(), b)
    return [(a, b)]


def _group_units(text: str, start: int, end: int, offset: int) -> list[UnitName]:
    items: list[tuple[str, int, int]] = []
    for a, b in _raw_items(text, start, end):
        raw = text[a:b]
        stripped = _LEADING.sub("", raw)
        a += len(raw) - len(stripped)
        name = _TRAILING.sub("", _NOTE.sub("", stripped)).strip()
        if not name:
            continue
        # 长春市等有关地方政府: a list closed by 等 + a collective is two units
        if "等" in name:
            head, _, tail = name.partition("等")
            if tail and is_unit(tail) and head and (is_unit(head) or _is_bare_place(head)):
                items.append((head, a, a + len(head)))
                items.append((tail, a + len(head) + 1, a + len(head) + 1 + len(tail)))
                continue
        # a line wrapped inside a name (配合单位：市\n住房城乡建设局, a page's last line): no name holds a break
        items.append((name.replace("\n", "") if "\n" in name else name, a, a + len(name)))
    if len(items) > 1 and _QUALIFIER.match(items[0][0]) and all(_GENERIC_BODY.fullmatch(n) for n, _, _ in items):
        # 各镇人民政府、街道办事处 · 各街道办事处、乡(镇)人民政府: every body of these kinds is one
        # collective (CONTRACT §2.3), not a list of units
        a, b = items[0][1], items[-1][2]
        return [UnitName(text[a:b], offset + a, offset + b, "collective_list")]
    if len(items) > 2:
        items = _kind_runs(text, items)
    return _complete(_owned_collectives(text, items), offset)


def _kind_runs(text: str, items: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """区自然资源和规划分局、各乡镇人民政府、街道办事处: inside a longer list too, bare kinds of body
    after 各…人民政府 continue that collective (every town's government and every street office)."""
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(items):
        name, a, b = items[i]
        j = i + 1
        if _QUALIFIER.match(name) and _GENERIC_BODY.fullmatch(name):
            while j < len(items) and _GENERIC_BODY.fullmatch(items[j][0]) and not _QUALIFIER.match(items[j][0]):
                j += 1
        out.append((text[a:items[j - 1][2]], a, items[j - 1][2]) if j > i + 1 else items[i])
        i = j
    return out


# 省政府各部门、各直属机构: the bodies of one owner, named as one collective
_OWNER_EACH = re.compile(r"(?:国务院|[省市县区州旗]政府|[省市县区州旗]委|[省市县区]直)各[\u4e00-\u9fff]{1,8}")
_BARE_EACH = re.compile(r"各[\u4e00-\u9fff]{1,8}(?:机构|单位|部门|委办局|办局)")


def _owned_collectives(text: str, items: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for name, a, b in items:
        if out and _BARE_EACH.fullmatch(name) and _OWNER_EACH.fullmatch(out[-1][0].split("、")[0]):
            _, start, _ = out[-1]
            out[-1] = (text[start:b], start, b)
        else:
            out.append((name, a, b))
    return out


def _complete(items: list[tuple[str, int, int]], offset: int) -> list[UnitName]:
    """Carry the shared 政府, the opening level word and the opening qualifier to the items."""
    names = [name for name, _, _ in items]
    rules = ["as_written"] * len(names)
    # shared 政府: 于洪区、苏家屯区、辽中县政府 · 沈阳、大连、营口市政府 · 长春市等有关地方政府
    # (a mark such as （牵头） after the shared 政府 is shared too)
    bases = [_SUB_OFFICE.sub("", n) for n in names]
    gov_at = next((i for i in range(len(names) - 1, -1, -1) if _GOVERNMENT.search(bases[i])), None)
    if gov_at is not None and gov_at > 0:
        m = _GOVERNMENT.search(bases[gov_at])
        assert m is not None
        gov_level, gov = m.group(1) or m.group(3), m.group(2) or m.group(4)
        mark = names[gov_at][len(bases[gov_at]):]
        for i in range(gov_at):
            if _is_bare_place(names[i]):
                # 福州 is a name, 新民市 has its 市; 颐和路 takes the 社区 of 江苏路社区居委会
                # 华容、湘阴县和临湘市人民政府: a place without its level takes the next one's (华容县)
                level_next = next((n[-1] for n in names[i + 1:gov_at] if n[-1] in LEVELS and len(n) >= 3), None)
                # 苍梧、藤县、蒙山县人民政府: a one-character place with the level the list shares is whole
                leveled = (names[i][-1] in LEVELS and (len(names[i]) >= 3 or names[i][-1] in (level_next, gov_level))) \
                    or names[i].endswith(("社区", "村"))
                suffix = gov if leveled else (level_next or gov_level or "") + gov
                names[i] += suffix + mark
                rules[i] = "shared_government"
    elif len(names) > 1:
        # 襄阳市、十堰市、随州市、神农架林区发改委: a department named once for every place before it
        split = _PLACE_BODY.fullmatch(bases[-1])
        if split is not None and is_unit(split.group(3)) and all(_is_bare_place(n) for n in names[:-1]) \
                and not _LEVEL_PREFIX.match(bases[-1]):  # 宝顶镇、区住房城乡建委: the 区's own body
            place_level, body = split.group(2), split.group(3)
            for i in range(len(names) - 1):
                leveled = names[i].endswith(_PLACE_LEVELS) and len(names[i]) >= 3
                names[i] += body if leveled else place_level + body
                rules[i] = "shared_body"
    # the level word that opens the list: 市发展改革委、财政局 → 市财政局
    # (or that a later item opens a run with: 各乡镇人民政府、县公安局、气象局 → 县气象局)
    level: str | None = None
    party = False
    for i, name in enumerate(names):
        opens = _LEVEL_PREFIX.match(name)
        if opens and not _QUALIFIER.match(name) and name not in collectives():
            level = opens.group(1)
            party = name.startswith(level + "委") and not name.startswith(level + "委员")
        elif level is not None and i > 0 and _takes_level(name):
            # 市委组织部、统战部 → 市委统战部: a party department takes the party committee's 市委
            names[i] = (level + "委" if party and _PARTY_DEPT.search(name) else level) + name
            rules[i] = "level_carry_over"
    # 相关部门及区、县(市)政府: the qualifier that opens the list carries to a bare level run
    q = _QUALIFIER.match(names[0]) if names else None
    if q:
        for i in range(1, len(names)):
            if _LEVEL_RUN.match(names[i]) and not _QUALIFIER.match(names[i]):
                names[i] = q.group(1) + names[i]
                rules[i] = "qualifier_carry_over"
    return [UnitName(n, offset + a, offset + b, r)
            for n, (_, a, b), r in zip(names, items, rules)]


# a place, then the body of it the list is about: 神农架林区 + 发改委 · 营口市 + 住建局
_PLACE_LEVELS = ("自治州", "自治县", "林区", "地区", "街道", "社区", "市", "区", "县", "州", "盟", "旗", "镇", "乡", "村")
_PLACE_BODY = re.compile(rf"([\u4e00-\u9fff]{{1,8}}?)({'|'.join(_PLACE_LEVELS)})(?![市区县州盟旗])((?:人民)?[\u4e00-\u9fff]{{2,8}})")
_ZONES = ("新区", "开发区", "高新区", "经开区", "园区", "示范区", "试验区")


def _is_bare_place(name: str) -> bool:
    """沈阳 · 苏家屯区 · 新民市: a place named without its body."""
    if (is_unit(name) and not name.endswith(_ZONES) and not _NAMED_TOWN.match(name)) or name in collectives() \
            or name.startswith(("各", "有关", "相关")):
        return False  # (沈北新区、沈河区政府: a zone named as a place takes the shared 政府)
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", name):
        return False
    if name[0] in "省市区县" and len(name) <= 3:
        return False  # 市人行 · 区法院: a body of the level named, not a place
    return (name[-1] in LEVELS and len(name) <= 7) or len(name) <= 3 or name.startswith(places()) \
        or name.endswith(("村", "社区", "街道"))  # 石桥村、河坑村村委会 · 柯桥街道、华舍街道办事处


def _takes_level(name: str) -> bool:
    if _SUB_OFFICE.sub("", name).endswith(("处", "科", "站")):
        return False  # 综合规划处 · 环卫处: a department's own office goes by its own name
    if _LEVEL_PREFIX.match(name) or _OWN_LEVEL.match(name) or _QUALIFIER.match(name) or name in collectives():
        return False
    if "各" in name:
        return False  # 沿河各村民委员会 · 沿线各乡镇: every body of a kind along it, no level of its own
    if _NAMED_STREET.fullmatch(name):
        return False  # 花园路街道办事处 names its own street
    if _LEVEL_RUN.match(name) or _OWN_PLACE.match(name) or _VERTICAL.search(name) or _ENTERPRISE.search(name):
        return False
    if name.startswith(places()) or _named_zone(name) or _OWN_PLACE_FIRST.match(name):
        return False
    return is_unit(name)


# 邵阳市生态环境局隆回分局 · 鼓楼公安分局: a place of two or more characters and its level open the name
_OWN_PLACE_FIRST = re.compile(r"[\u4e00-\u9fff]{2,4}?(?:自治州|自治县|市|县|区|州|盟|旗)(?![场委])[\u4e00-\u9fff]{2,}"
                             r"|[\u4e00-\u9fff]{1,4}?(?:村|社区)(?:村委会|居委会|(?:村民|居民)委员会|党支部|党总支)$")
_ZONE_WORDS = re.compile(r"(?:经济|技术|高新|产业|工业|农业|科技|综合|保税|现代|开发|新)+(?:区|园区|示范区|试验区)$")


def _named_zone(name: str) -> bool:
    """崇川经济开发区 · 中新苏滁高新区: a zone named by its own place keeps its name (no 市 carried)."""
    if not name.endswith(_ZONES):
        return False
    m = _ZONE_WORDS.search(name)
    return m is not None and m.start() >= 2


def complete_cut_names(names: list[str], known: set[str]) -> dict[str, str]:
    """Names cut short by a slip (省发展改革) → the full name the document uses elsewhere; a name
    written without its level word (综合执法大队) → the one full name with it (镇综合执法大队)."""
    leveled: dict[str, list[str]] = {}
    for k in known:
        m = _LEVEL_PREFIX.match(k)
        if m is not None:
            leveled.setdefault(k[m.end():], []).append(k)
    fixes: dict[str, str] = {}
    for name in dict.fromkeys(names):  # each once, in order: the warnings follow this order
        if is_unit(name):
            full = leveled.get(name)
            if full is not None and len(full) == 1 and not _LEVEL_PREFIX.match(name):
                fixes[name] = full[0]
            continue
        longer = sorted(k for k in known if k.startswith(name) and 0 < len(k) - len(name) <= 2
                        and is_unit(k))
        if longer:
            fixes[name] = longer[0]
    return fixes
