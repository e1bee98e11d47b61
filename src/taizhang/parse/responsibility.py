"""Responsibility clauses inside a task: who leads, who supports, which leader (CONTRACT §2.6).

Three shapes cover the layouts of real documents:
- a bracket at the end of a sentence: 〔牵头单位：A；责任单位：B〕 · (A、B等) · [责任部门：A]
- a clause sentence: 由X同志负责，A牵头，B配合 · 由A会同B负责 · A、B分别牵头
- labelled lines: 牵头单位：A / 责任单位：B / 牵头领导：X / 完成时限：…
"""
from __future__ import annotations

import re

from taizhang.parse.labels import (
    DEADLINE_LABEL,
    is_label,
    label_marks,
    label_role,
    opens_with_label,
)
from taizhang.parse.lexicon import places, role_markers, surnames
from taizhang.parse.units import UnitName, is_unit, split_units

_OPEN = {"(": ")", "〔": "〕", "[": "]", "【": "】"}
_OPENER = re.compile(r"[(〔\[【]")
_SUFFIXES = [m for m in role_markers() if m.where == "suffix"]
# 由A负责 · 具体由A承办 · 后续管养工作由A牵头 (the work named first)
_BY_PREFIX = re.compile(r"(?:(?!本)[^,。;由]{2,20}?)?(?:具体|统一|分别)?由")  # 老旧小区改造由A牵头 (not 本办法由A负责解释)
# 会议议定： · 会议要求， · 会议强调: the words a 纪要 opens each decision with
OPENER = re.compile(r"(?:会议|会上)(?:还|同时|进一步)?(?:议定|要求|明确|强调|指出|决定|同意|认为|提出)[,:]?")
# 督办要求： · 整改措施： · 办理意见：: a caption before the clause, naming what follows, not who does it
_CAPTION = re.compile(r"[\u4e00-\u9fff]{0,6}(?:要求|意见|措施|事项|内容|安排):")
# 请市司法局根据会议意见修改完善: the body asked leads
_PLEASE = re.compile(r"^请(.{2,40}?)(?=根据|按照|按|牵头|会同|负责|于\d|在\d|抓紧|尽快|做好|认真|进一步|加快|研究|修改|制定|组织)")
_ANY_SUFFIX = re.compile("|".join(re.escape(m.marker) for m in _SUFFIXES))


def _cue(marker: str) -> str:
    """A marker's last two characters (牵头 · 配合 · 负责), or the whole marker where those two are a
    word of every other sentence (负主体责任: 责任)."""
    return marker if marker.endswith("责任") else marker[-2:]


# a sentence without any of these cannot be a clause sentence (a cheap test before the real one)
_ANY_MARKER = re.compile("|".join(sorted({re.escape(_cue(m.marker)) for m in _SUFFIXES} | {"会同", "同志", "领导为"}))
                         + "|请(?=[省市县区州盟旗乡镇各])")
# one person in a list: a name with titles around it and perhaps a bracket of titles after it
_PERSON = re.compile(r"([^、,，;；及\s()（）]+)(?:[(（][^)）]*[)）])?")
_PERSON_DUTY = re.compile(r"由([\u4e00-\u9fff、]{2,20}?)同志(?:负责|牵头)"
                          r"|(?:由)?((?:[\u4e00-\u9fff]{0,10}?)(?:副?[省市县区州旗镇乡]长|常委|副?书记|副?主任)"
                          r"[\u4e00-\u9fff]{2,4}?)(?:同志)?负责(?:协调|统筹|督导|督办)?$"
                          # (王小军副省长协助): the name, then the office
                          r"|^([\u4e00-\u9fff]{2,4}?(?:常务)?副?[省市县区州旗]长)(?:同志)?(?:负责|协助|牵头)(?:协调|统筹)?$"
                          # 分管领导为副区长高明辉: the leader a 纪要's decision names
                          r"|^(?:分管|责任|牵头|包保|联系)(?:[省市县区]级?)?领导(?:为|是)([\u4e00-\u9fff、]{2,16})(?:同志)?$")


def _may_name_person(seg: str) -> bool:
    """Whether _PERSON_DUTY can match: it needs a duty word and a 同志 or an office (most clauses
    have neither, and the pattern, which may open with any character, would try every position)."""
    return ("负责" in seg or "牵头" in seg or "协助" in seg or "领导为" in seg or "领导是" in seg) \
        and ("同志" in seg or "长" in seg or "常委" in seg or "书记" in seg or "主任" in seg)


# 由分管医疗副院长负责督导 · 由分管副县长带队: a leader named by the office held
_ROLE_DUTY = re.compile(r"由((?:分管|主要)[\u4e00-\u9fff]{0,10}?(?:领导|副?[省市县区镇乡]长|副?主任|副?院长|副?校长|副?书记))"
                        r"(?:同志)?(?:负责|牵头|带队|统筹|督导)")
_LEAD_WITH = re.compile(r"^由(.+?)会同(.+?)(?:负责|推进|组织实施|实施|落实|办理)?$")
_BY = re.compile(r"^由(.+?)(?:负责|牵头负责|牵头)$")
# a person's title after or before the name (黄志强总经理 · 张海涛副镇长 · 党委书记王芳), longest first
_TITLE_WORDS = ("常务副市长", "常务副省长", "常务副县长", "常务副区长", "副市长", "市长", "副省长", "省长", "副区长", "区长",
                "副县长", "县长", "副镇长", "镇长", "副乡长", "乡长", "副州长", "州长", "副旗长", "旗长", "副盟长", "盟长",
                "副主任", "主任", "副秘书长", "秘书长", "副局长", "局长", "副厅长", "厅长", "副部长", "部长", "副处长", "处长",
                "副科长", "科长", "站长", "所长", "副队长", "队长", "党委书记", "副书记", "书记", "副主席", "主席", "常委",
                "委员", "同志", "一级巡视员", "二级巡视员", "巡视员", "调研员", "总经济师", "总工程师", "总会计师", "总经理",
                "副总经理", "董事长", "副董事长", "总监", "副院长", "院长", "副校长", "校长", "组长", "副组长", "社长",
                "主任科员", "总河长", "副总河长", "河长", "湖长", "总林长", "林长", "行长", "副行长", "副经理", "经理")
_TITLES = re.compile("(" + "|".join(sorted(_TITLE_WORDS, key=len, reverse=True)) + ")")


class Clause:
    """A responsibility clause being read: the units and leaders it names so far
    (a plain class: see model.py on dataclasses)."""

    __slots__ = ("start", "end", "lead", "support", "leaders", "rule")

    def __init__(self, start: int, end: int, lead: list[UnitName] | None = None,
                 support: list[UnitName] | None = None,
                 leaders: list[tuple[str, int, int]] | None = None, rule: str = "") -> None:
        self.start = start  # view offsets of the whole clause
        self.end = end
        self.lead: list[UnitName] = lead if lead is not None else []
        self.support: list[UnitName] = support if support is not None else []
        self.leaders: list[tuple[str, int, int]] = leaders if leaders is not None else []
        self.rule = rule

    def __repr__(self) -> str:
        return (f"Clause([{self.start}, {self.end}), lead={[u.name for u in self.lead]}, "
                f"support={[u.name for u in self.support]}, rule={self.rule!r})")

    def empty(self) -> bool:
        return not (self.lead or self.support or self.leaders)


def find_clauses(view: str, start: int, end: int, *, duty: bool = False) -> list[Clause]:
    """Every responsibility clause in view[start:end], in order, not overlapping. ``duty``: the text
    is an article of a 办法, where 区商务委负责编制…… assigns the work."""
    # a clause read one way is not read again another way: the later readers skip the stretches
    # the earlier ones took (a bracket, then label lines, then sentences)
    found = _brackets(view, start, end)
    found += _labelled_lines(view, start, end, [(c.start, c.end) for c in found])
    found += _sentences(view, start, end, duty, [(c.start, c.end) for c in found])
    found = [c for c in found if not c.empty()]
    found.sort(key=lambda c: c.start)
    return found


def _close(view: str, i: int, end: int) -> int:
    """Index of the bracket closing the one at i (nesting respected), or -1."""
    opener, closer = view[i], _OPEN[view[i]]
    limit = min(end, i + 600)
    j = view.find(closer, i, limit)
    while j >= 0:  # the first closer with as many openers as closers before it (str methods, in C)
        if view.count(opener, i, j) == view.count(closer, i, j) + 1:
            return j
        j = view.find(closer, j + 1, limit)
    return -1


def _brackets(view: str, start: int, end: int) -> list[Clause]:
    out: list[Clause] = []
    i = start
    while True:
        m = _OPENER.search(view, i, end)
        if m is None:
            return out
        i = m.start()
        j = _close(view, i, end)
        clause = _bracket_clause(view, i, j) if j > i else None
        if clause is not None:
            out.append(clause)
            i = j + 1
        else:
            i += 1


def _bracket_clause(view: str, i: int, j: int) -> Clause | None:
    inner_start, inner_end = i + 1, j
    inner = view[inner_start:inner_end]
    if is_label(inner.strip()) or DEADLINE_LABEL.fullmatch(f"{inner}:"):
        return None  # 【牵头单位】 is a label, read with what follows it
    if _NAMED_LEAD.fullmatch(f"({inner.strip()})") and view[i - 1:i] not in ("", "\n", "。"):
        return None  # A、B（B为牵头单位）: a note on the list before it (see _split_marked)
    marks = label_marks(view, inner_start, inner_end) if _has_label_end(view, inner_start, inner_end) else []
    if marks:
        clause = _labelled(view, inner_start, inner_end, i, j + 1, "bracket_labels", marks)
        if marks[0][0] > inner_start:  # （A牵头，B配合，联系县领导：X）: a clause, then labels
            before = _verb_clause(view, inner_start, marks[0][0])
            if before is not None:
                clause.lead, clause.support = before.lead + clause.lead, before.support + clause.support
                clause.leaders = before.leaders + clause.leaders
                clause.rule = before.rule + "+labels"
        return clause
    tail = _LIST_SEPARATOR.split(inner.rstrip("等)"))[-1]
    if not (is_unit(tail) or _ANY_MARKER.search(inner) or _BODY_TAIL.search(tail)):
        return None  # (PPP) · (试行) · (2018-2035年): no list of units can end like this
    after = view[j + 1:j + 2]
    prev = view[i - 1:i] if i > 0 else "\n"
    at_sentence_edge = after in ("", "\n", "。", ";", ",", "\t") or prev in ("。", ";", "\n")
    if not at_sentence_edge:
        return None
    found = _verb_clause(view, inner_start, inner_end)
    if found is not None:
        found.start, found.end = i, j + 1
        return found
    if _SEATED_OFFICE.search(view, max(0, i - 24), i):
        return None  # 报领导小组办公室（市住房城乡建设局）: where the office sits, nobody's duty
    if _other_name(view, i, inner):
        return None  # 县农业农村局（县乡村振兴局）: one office under two names, read with the name
    units = split_units(inner, inner_start)
    if not _mostly_units(units):
        return None
    marked = _split_marked(units)
    if marked is not None and marked[0]:
        return Clause(i, j + 1, lead=marked[0], support=marked[1], rule="bracket_marked_in_list")
    return Clause(i, j + 1, lead=_tag(units[:1], "首位"), support=_tag(units[1:], "其后"),
                  rule="bracket_list_first_leads")


_NAME_BEFORE = re.compile(r"[^:,;、。\n()]{2,30}$")


def _other_name(view: str, i: int, inner: str) -> bool:
    """A bracket right after a unit's name holding one other unit and no role word: the second
    name of the same office (加挂牌子: 县农业农村局（县乡村振兴局）), not a clause of its own."""
    if _LIST_SEPARATOR.search(inner) or _ANY_MARKER.search(inner) or not is_unit(inner.strip()):
        return False
    before = _NAME_BEFORE.search(view, max(0, i - 30), i)
    return before is not None and is_unit(before.group(0))


def _mostly_units(units: list[UnitName]) -> bool:
    """All names are units, or all but a few short ones cut by a slip (省发展改革)."""
    good = [u for u in units if is_unit(u.name) or u.rule != "as_written"]
    if len(good) == len(units):
        return bool(units)
    rest = [u for u in units if u not in good]
    return (len(good) >= 2 and len(good) / len(units) >= 0.6 and is_unit(units[0].name)
            and all(len(u.name) <= 8 and _HAN_ONLY.fullmatch(u.name) for u in rest))


_LIST_SEPARATOR = re.compile(r"[、,;]")
# an office named just before a bracket of bodies: the bracket says which body houses it
_SEATED_OFFICE = re.compile(r"(?:领导小组|指挥部|委员会|联席会议|工作专班)办公室$|(?:领导小组|指挥部|工作专班)$")
_BODY_TAIL = re.compile(r"\(|政府|管委会")  # what a list of units may end with besides a unit
_HAN_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_MARKED = re.compile(r"\((牵头|共同牵头|牵头单位|主责|负责|配合|配合单位|协办|协助|参与)\)$|([*★▲])$")
_NAMED_LEAD = re.compile(r"\(([^()]{2,20}?)为(?:牵头|第一责任|主责)(?:单位|部门)?\)$")


def _tag(units: list[UnitName], marker: str) -> list[UnitName]:
    """Record which marker decided the role: 牵头单位:level_carry_over."""
    return [UnitName(u.name, u.start, u.end, f"{marker}:{u.rule}") for u in units]


def _split_marked(units: list[UnitName]) -> tuple[list[UnitName], list[UnitName]] | None:
    """责任单位：市发展改革委（牵头）、市财政局 → lead and support by the marks in the list;
    责任单位：A、B、C（C为牵头单位） → the unit the closing note names leads."""
    at = next((k for k, u in enumerate(units) if _NAMED_LEAD.search(u.name)), None)  # (C为牵头单位), after any unit
    if at is not None:
        named = _NAMED_LEAD.search(units[at].name)
        assert named is not None
        noted = units[at]
        name = noted.name[: named.start()]
        units = units[:at] + [UnitName(name, noted.start, noted.start + len(name), noted.rule)] + units[at + 1:]
        wanted = named.group(1)
        hit = [u for u in units if u.name == wanted or u.name.endswith(wanted) or wanted.endswith(u.name)]
        if hit:
            return ([UnitName(u.name, u.start, u.end, u.rule + ":named_lead") for u in hit],
                    [u for u in units if u not in hit])
    marks = [_MARKED.search(u.name) for u in units]
    if not any(marks):
        return None
    if marks[-1] is not None and marks[-1].group(1) == "共同牵头" and not any(marks[:-1]):
        # 市生态环境局、市公安局（共同牵头）: the mark closes the list and covers all of it
        last = units[-1]
        name = last.name[: marks[-1].start()]
        units = units[:-1] + [UnitName(name, last.start, last.start + len(name), last.rule)]
        return [UnitName(u.name, u.start, u.end, u.rule + ":marked") for u in units], []
    lead: list[UnitName] = []
    support: list[UnitName] = []
    for u, m in zip(units, marks):
        name = u.name[: m.start()] if m else u.name
        clean = UnitName(name, u.start, u.start + len(name), u.rule + ":marked")
        (lead if m and (m.group(1) in ("牵头", "共同牵头", "牵头单位", "主责", "负责") or m.group(2)) else support).append(clean)
    return lead, support


def _labelled(view: str, a: int, b: int, start: int, end: int, rule: str,
              marks: list[tuple[int, int, str]] | None = None) -> Clause:
    """牵头单位：A；责任单位：B → lead A, support B; a lone 责任单位 list: the first leads. ``marks``:
    the labels in view[a:b] when the caller has read them already."""
    clause = Clause(start, end, rule=rule)
    if marks is None:
        marks = label_marks(view, a, b)
    stops = [m_start for m_start, _, _ in marks[1:]] + [b]
    dl = DEADLINE_LABEL.search(view, a, b)
    has_lead = any(label_role(label) in ("lead", "lead_each") for _, _, label in marks)
    for (_, m_end, label), stop in zip(marks, stops):
        if dl and m_end <= dl.start() < stop:
            stop = dl.start()
        cut = _TIME_AFTER_COMMA.search(view, m_end, stop)
        if cut is not None:
            stop = cut.start()  # （责任单位：A、B，2024年12月底前完成）: the deadline is no unit
        stop = _value_end(view, m_end, stop)
        seg = view[m_end:stop].strip(_VALUE_EDGE)
        role = label_role(label)
        offset = m_end + (len(view[m_end:stop]) - len(view[m_end:stop].lstrip(_VALUE_EDGE)))
        if role == "leader":
            clause.leaders += people(seg, offset)
            continue
        comma = seg.find(",") if role == "lead" or (role == "resp" and not has_lead and not _LEAD_MARK.search(seg)) \
            else -1
        if comma > 0 and _SUPPORT_MARK.search(seg, comma):
            # 承办单位：市自然资源局，市生态环境局、财政局配合: the label's own units lead, the marked ones support
            rest = _verb_clause(view, offset + comma + 1, offset + len(seg))
            if rest is not None and rest.support and not rest.lead:
                clause.lead += _tag(split_units(seg[:comma], offset), label)
                clause.support += rest.support
                clause.leaders += rest.leaders
                continue
        if role == "resp" and _LEAD_MARK.search(seg):
            role = "clause"  # 责任单位：市人力社保局、市农业农村局分别牵头 · 责任单位：A牵头，B配合
        if role == "clause":  # 部门分工：省发展改革委牵头，各地、各部门配合。
            inner = _verb_clause(view, offset, offset + len(seg))
            if inner is not None and (inner.lead or label_role(label) == "clause"):
                clause.lead += inner.lead
                clause.support += inner.support
                clause.leaders += inner.leaders
                clause.rule = f"{rule}:{inner.rule}"
                continue
            if label_role(label) == "clause":
                continue
            role = "resp"
        units = _tag(split_units(seg, offset), label)
        marked = _split_marked(units)
        if marked is not None:
            clause.lead += marked[0]
            clause.support += marked[1]
            clause.rule = rule + ":marked_in_list"
        elif role == "lead" or role == "lead_each":
            clause.lead += units
        elif has_lead or role == "support":
            clause.support += units  # 配合单位：B is support even when no lead is named
        else:
            clause.lead += units[:1]
            clause.support += units[1:]
            clause.rule = rule + ":first_leads"
    return clause


_VALUE_EDGE = " ;,。\t\n"
# a modal between a body and its role word: A要配合 · A应当会同B
# (and the manner of it: A、B共同参与 · B积极配合 · C全力协助)
_MODAL = re.compile(r"(?:要|应|须|应当|必须|务必)?(?:共同|积极|协同|密切|全力|主动|具体)?$")
# a lead named inside a 责任单位 list makes it a clause of its own: A、B分别牵头 · A牵头，B配合
_LEAD_MARK = re.compile(r"牵头|主办|主责")
_COMMA_PARTS = re.compile(r"([,，])")  # a clause's parts, the commas kept
_WITH_OTHERS = re.compile(r"会同|协同|联合")
_SUPPORT_MARK = re.compile(r"配合|协办|参与|协助")


def _value_end(view: str, start: int, stop: int) -> int:
    """A label's value ends at the end of its sentence (责任单位：A、B。以下政策措施均需……): what
    follows a full stop is another sentence, unless only another label follows."""
    at = view.find("。", start, stop)
    return at if at >= 0 and view[at + 1:stop].strip(_VALUE_EDGE) else stop


def _has_label_end(view: str, start: int, end: int) -> bool:
    """Whether view[start:end] holds what every label ends with (: or 】; the view has no ：): most
    items hold none, and this scan is far cheaper than the label pattern's."""
    return view.find(":", start, end) >= 0 or view.find("】", start, end) >= 0


def _labelled_lines(view: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[Clause]:
    """Labels outside brackets — on lines of their own (牵头单位：A / 责任单位：B) or after a
    sentence (……。牵头单位：A；责任单位：B。): one clause per run of labels, unless the run overlaps
    a stretch in ``taken``."""
    out: list[Clause] = []
    if not _has_label_end(view, start, end):
        return out
    marks = [m_start for m_start, _, _ in label_marks(view, start, end)
             if m_start == start or view[m_start - 1] in "。;\n\t"]
    i = 0
    while i < len(marks):
        a = marks[i]
        line_end = view.find("\n", a, end)
        b = line_end if line_end >= 0 else end
        # the run continues over following label lines (牵头单位 / 责任单位 / 完成时限 lines)
        while True:
            nxt = b + 1
            while nxt < end and view[nxt] in "\n\t ":
                nxt += 1
            rest = view[nxt:end]
            if nxt < end and opens_with_label(rest):
                line_end = view.find("\n", nxt, end)
                b = line_end if line_end >= 0 else end
            else:
                break
        # text after a full stop that is not a label belongs to the next sentence
        stop = view.find("。", a, b)
        while stop >= 0:
            after = view[stop + 1:b].lstrip()
            if after and not opens_with_label(after):
                b = stop + 1
                break
            stop = view.find("。", stop + 1, b)
        if not _overlaps(a, b, taken):
            out.append(_labelled(view, a, b, a, b, "label"))
        while i < len(marks) and marks[i] < b:
            i += 1
    return out


_SENTENCE = re.compile(r"[^。;\n]+[。;]?")


def _positions(view: str, ch: str, a: int, b: int) -> list[int]:
    """Where ``ch`` stands in view[a:b]."""
    out = []
    at = view.find(ch, a, b)
    while at >= 0:
        out.append(at)
        at = view.find(ch, at + 1, b)
    return out


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(x < b and a < y for x, y in spans)


def _sentences(view: str, start: int, end: int, duty: bool = False,
               taken: list[tuple[int, int]] | None = None) -> list[Clause]:
    """The clauses of the sentences in view[start:end] that do not overlap a stretch in ``taken``."""
    # only sentences holding a marker can be clause sentences (_verb_clause's first test): the
    # markers are found in one pass over the item, not sentence by sentence
    every = duty or _IN_CHARGE_CUE.search(view, start, end) is not None
    marks = [] if every else [m.start() for m in _ANY_MARKER.finditer(view, start, end)]
    if not every and not marks:
        return []
    out: list[Clause] = []
    i = 0
    for m in _SENTENCE.finditer(view, start, end):
        a, b = m.start(), m.end()
        if not every:
            while i < len(marks) and marks[i] < a:
                i += 1
            if i == len(marks):
                break
            if marks[i] >= b:
                continue
        if taken and _overlaps(a, b, taken):
            continue
        clause = _verb_clause(view, a, b, duty)
        if clause is not None:
            out.append(clause)
    return out


def _verb_clause(view: str, a: int, b: int, duty: bool = False) -> Clause | None:
    """由X同志负责，A牵头，B配合。 · 由A会同B负责 · A、B分别牵头 · A负责"""
    if not _ANY_MARKER.search(view, a, b) and not _IN_CHARGE_CUE.search(view, a, b) \
            and not (duty and (_opens_with_body(view, a, b) or view.find("由", a, b) >= 0)):
        return None  # most sentences name no role: one cheap test before reading them closely
    clause = Clause(a, b, rule="verb")
    pending: list[UnitName] = []  # A牵头，B、C，D配合: an unmarked list takes the next marker's role
    pos = a
    for part in _COMMA_PARTS.split(view[a:b]):
        seg_start, pos = pos, pos + len(part)
        seg = part.strip().rstrip("。;")
        if not seg or seg in ",，":
            continue
        caption = _CAPTION.match(seg) if ":" in seg else None
        if caption is not None and caption.end() < len(seg):  # 督办要求：市医保局牵头: the caption names nobody
            seg, seg_start = seg[caption.end():], seg_start + part.find(seg) + caption.end()
        opener = OPENER.match(seg) if seg[0] in "会" else None
        if opener is not None:  # 会议议定：由A牵头: the opening words name nobody
            if opener.end() == len(seg):
                continue
            seg, seg_start = seg[opener.end():], seg_start + part.find(seg) + opener.end()
        above = _WORK_ABOVE.match(seg) if seg[0] in "以上" else None
        if above is not None and above.end() < len(seg):  # 以上工作由A牵头: the clause of what precedes
            seg, seg_start = seg[above.end():], seg_start + part.find(seg) + above.end()
        person = _may_name_person(seg)
        for m in _PERSON_DUTY.finditer(seg) if person else ():
            g = next(k for k in (1, 2, 3, 4) if m.group(k))
            clause.leaders += people(m.group(g), seg_start + m.start(g))
        for m in _ROLE_DUTY.finditer(seg) if "由" in seg else ():
            clause.leaders += people(m.group(1), seg_start + m.start(1))
        if person and _PERSON_DUTY.fullmatch(seg):
            continue
        if clause.lead and _WITH_OTHERS.match(seg) and not _ANY_ROLE_END.search(seg):
            units = split_units(seg, seg_start)  # 由A牵头，会同B等部门，……
            if units and all(_named_body(u.name) for u in units):
                clause.support += _tag(units, "会同")
                continue
        # each pattern needs its own word (是 · 对 · 请 · 由), absent from most parts
        charge = (_IN_CHARGE.match(seg) if "是" in seg or "为" in seg else None) or (_ANSWERS_FOR.match(seg) if "对" in seg else None) \
            or (_PLEASE.match(seg) if seg[0] == "请" else None) \
            or ((_BY_DOER.match(seg) if "由" in seg else None) or _DUTY_VERB.match(seg) if duty else None)
        if charge is not None and not clause.lead and not _ANY_MARKER.search(charge.group(1)) \
                and not charge.group(1).startswith("由"):
            units = split_units(charge.group(1), seg_start + charge.start(1))
            if units and all((_named_body(u.name) or u.rule == "collective_list")
                             and (charge.re not in (_DUTY_VERB, _BY_DOER, _PLEASE) or _subject_body(u.name))
                             for u in units):
                # 市城管局是……的主管部门 · (办法) 各街道办事处指导……: the body named does the work
                asked = charge.re is _PLEASE
                duty_read = charge.re in (_DUTY_VERB, _BY_DOER)
                clause.lead += _tag(units[:1], "请" if asked else "首位" if duty_read else "主管")
                clause.support += _tag(units[1:], "其后")
                clause.rule = "verb:please" if asked else "verb:duty" if duty_read else "verb:in_charge"
                continue
        together = _together(seg, seg_start)
        if together is not None:
            clause.lead += together[0]
            clause.support += together[1]
            clause.rule = "verb:会同"
            continue
        for marker in _SUFFIXES if _ANY_SUFFIX.search(seg) else ():
            if marker.marker not in seg:
                continue  # most markers are absent: skip the call
            at = _marker_after_units(seg, marker.marker, duty)
            if at < 0:
                continue
            body = _MODAL.sub("", seg[:at])
            by = _BY_PREFIX.match(body)  # 由A负责 · 具体由A承办
            body_start = seg_start + (by.end() if by else 0)
            body = body[by.end():] if by else body
            units = _tag(split_units(body, body_start), marker.marker)
            role = marker.role
            if _WITH_OTHERS.match(body) and clause.lead:
                role = "support"  # 由A牵头，会同B负责: B works with the lead
            if role == "support_else_lead" and not clause.lead:
                role = "lead_first"  # 由市城管局具体负责 with no lead named: it is the lead
            elif role == "lead_first" and clause.lead and (marker.marker.startswith("按")
                                                           or not seg[at + len(marker.marker):].strip("。;) ")):
                # A牵头，B、C按职责分工负责 · (A牵头，各市州人民政府负责): the lead is named, the rest do
                # their part (not ……攻关，B负责编制规程: B's own piece of work, which it leads)
                role = "support"
            if role in ("lead", "lead_each"):
                clause.lead += pending + units
            elif role == "lead_first":
                clause.lead += (pending + units)[:1]
                clause.support += (pending + units)[1:]
            else:
                clause.support += pending + units
            pending = []
            clause.rule = f"verb:{marker.marker}"
            break
        else:
            # (A、B，C配合) · A牵头，B、C，D配合: a list without a marker takes the next one's role
            units = split_units(seg, seg_start)
            if units and all(_named_body(u.name) for u in units):
                pending += units  # kept if a marker follows (A牵头，B、C，D配合)
            else:
                pending = []
    if pending and clause.lead and clause.rule.startswith("verb:") and all(_subject_body(u.name) for u in pending):
        clause.support += _tag(pending, "其后")  # （A、B分别牵头，C）: the bodies after the leads work with them
    if (clause.support or clause.leaders) and not clause.lead:
        # 管委会要加快推进……，州工业和信息化局配合……: the body the sentence opens with leads
        # (or a later part of it: 建立……制度，市统计局每季度发布……，市商务局配合)
        opener = OPENER.match(view, a, b)
        starts = [opener.end() if opener is not None else a] + [at + 1 for at in _positions(view, ",", a, b)]
        first_support = min([u.start for u in clause.support] or [b])
        for at in starts:
            if at >= first_support:
                break
            first = _SUBJECT_FIRST.match(view, at, b)
            if first is None:
                continue
            units = split_units(first.group(1), first.start(1))
            # a later part's subject must name its place or level (市统计局, not 专班)
            later = at != starts[0]
            if units and all(_named_body(u.name) and (not later or _subject_body(u.name)) for u in units) \
                    and not any(u in clause.support for u in units):
                clause.lead += _tag(units[:1], "主语")
                clause.support = _tag(units[1:], "其后") + clause.support
                break
    if clause.lead:
        named = {u.name for u in clause.lead + clause.support}
        clause.support += [u for u in _joined_later(view, a, b) if u.name not in named]
    elif not clause.support and view.startswith("会同", a):
        # 3.会同市消防救援支队开展……: the sentence leaves its subject to the heading (the unit
        # whose work is listed); the body after 会同 works with it
        clause.support = _joined_later(view, a, b)
    return None if clause.empty() else clause


# 以上工作 · 上述各项任务均: the work named before, as the subject of a clause
_WORK_ABOVE = re.compile(r"(?:以上|上述)(?:各项|几项|\d+项)?(?:任务|工作|事项|措施)(?:均|统一)?")
# the body a sentence opens with, before what it is asked to do (要/负责/牵头/于…前)
_SUBJECT_FIRST = re.compile(r"(?:由)?([^,。;由]{2,40}?)(?=要|应|须|将|向|完成|负责|牵头|于\d|在\d|每[年月周日季半两三四六])")


_JOINED = re.compile(r"(?<!由)会同")


def _joined_later(view: str, a: int, b: int) -> list[UnitName]:
    """……于11月底前会同区财政局制定…… · ，会同区商务委开展……: a body the lead works with,
    named later in the sentence (the longest unit list right after 会同)."""
    out: list[UnitName] = []
    for m in _JOINED.finditer(view[a:b]):  # the slice: a 由 before view[a] is another clause's
        at = a + m.end()
        rest = view[at:min(b, at + 80)]
        # a list cut by the window is no list (…粮食局等部|门): start below the cut
        for stop in range(len(rest) - (1 if at + 80 < b else 0), 1, -1):
            cand = rest[:stop]
            if cand[-1] in "、,，" or not is_unit(cand.split("、")[-1]) or _RUNS_ON.search(cand.split("、")[-1]):
                continue
            units = split_units(cand, at)
            if units and all(_named_body(u.name) for u in units):
                out += _tag(units, "会同")
            break  # the longest list decides: 省级财政部门 is no 省级财政部 cut short
    return out


def _marker_after_units(seg: str, marker: str, duty: bool = False) -> int:
    """Where ``marker`` follows a unit list that opens the segment, or -1: at the end for any marker
    (A、B牵头 · A负责), inside the segment only for role words and named bodies (A牵头推进…)."""
    at = seg.find(marker)
    while at > 0:
        if seg.startswith(("人", "同志"), at + len(marker)):  # 学校负责人陪餐: a person's title, no role
            at = seg.find(marker, at + 1)
            continue
        body = _MODAL.sub("", seg[:at])  # 街道城管中队要配合
        by = _BY_PREFIX.match(body)
        body = body[by.end():] if by else body
        units = split_units(body)
        at_end = at + len(marker) == len(seg)
        if units and all(is_unit(u.name) or not u.rule.endswith("as_written") for u in units) and (
                at_end or ((marker in _MID_MARKERS or (duty and marker == "负责"))
                           and all(_named_body(u.name) or u.rule == "collective_list" for u in units))):
            return at
        at = seg.find(marker, at + 1)
    return -1


_IN_CHARGE_CUE = re.compile(r"[是为][^,。;]{0,30}?(?:主管部门|责任主体|牵头部门|牵头单位|责任单位)")


def _opens_with_body(view: str, a: int, b: int) -> bool:
    """Whether the sentence starts the way a body's name does (by level or place)."""
    while a < b and view[a] in " \t\n":
        a += 1
    lead_in = _TIME_LEAD.match(view, a, b)
    if lead_in is not None:  # 即日起至2024年10月31日，镇农业综合服务中心每周一……: the body after the time
        a = lead_in.end()
    return bool(_LEVEL_START.match(view, a)) or view.startswith(places(), a) or bool(_ZONE_BODY.match(view, a)) \
        or bool(_PLACES_GOVERNMENT.match(view, a))


# 即日起至2024年10月31日， · 自2021年起， · 在6月底前， — when, before who
_TIME_LEAD = re.compile(r"(?:即日起|自|从|在)?[^,。;]{0,20}?(?:\d{1,2}[日月]|\d{4}年|即日)(?:底|末)?(?:起|前|止|以前|以后)?"
                        r"(?:至[^,。;]{1,16})?,")


# 凌海市、北镇市人民政府要……: places sharing their 政府, as a sentence's subject
_PLACES_GOVERNMENT = re.compile(r"[\u4e00-\u9fff]{2,10}?(?:市|县|区|旗)(?:、[\u4e00-\u9fff]{2,10}?(?:市|县|区|旗))*(?:人民)?政府")


# 各镇乡人民政府、街道办事处对辖区禁捕工作负总责
_ANSWERS_FOR = re.compile(r"^(.{2,40}?)对[^,。;]{1,24}?(?:负总责|负主体责任|负主要责任|负责)$")
# a comma and then a time, inside a list of units: where the list ends
_TIME_AFTER_COMMA = re.compile(r"[,;]\s*(?=(?:19|20)\d{2}年|\d{1,2}月|每|持续|长期|常态化|年底|年内|即日起|按[月季周]|上半年|下半年)")
# 市城市管理局是本市生活垃圾分类工作的主管部门
# 市城管局是……的主管部门 · 市安全监管局为责任主体
_IN_CHARGE = re.compile(r"^(.{2,40}?)[是为][^,。;]{0,30}?(?:主管部门|责任主体|牵头部门|牵头单位|责任单位)$")
# in an article of a 办法: a body named first, then what it does (各街道办事处指导……)
_DUTY_VERB = re.compile(r"^(.{2,40}?)(?=指导|组织|督促|推动|推进|建立|制定|开展|做好|落实|加强|统筹|依法|应当|要|将|须|参照"
                        r"|每[两三四六双]?个?[年月周季半旬]|加大|汇总|召开|负责|牵头|按(?:照|每)?|于(?:每|次年|当年|\d)|向|完成)")
# in an article of a 办法: 考核结果由州委组织部纳入…… — the body after 由 does what follows (not 本办法由A负责解释)
_BY_DOER = re.compile(r"^(?:(?!本)[^,。;由]{2,20}?)?由((?:(?!会同)[^,。;由]){1,28}(?:局|委|办|厅|部|院|中心|政府|管委会|组|室|处|所|站|队|会))"
                      r"(?=纳入|组织(?![部委办])|统一|会同|实施|开展|制定|审核|审定|认定|核定|发放|拨付|兑现|汇总|指导|督促|监督|考核|评估"
                      r"|确定|公布|提出|按(?!职责|照职责|各自职责)|根据|负责(?!解释)|于(?:每|次年|当年|\d))")
# role words that may be followed by the work itself: 呼和浩特市政府牵头推进…，农牧厅配合做好…
_ANY_ROLE_END = re.compile(r"(牵头|配合|负责)$")
_MID_MARKERS = frozenset({"牵头", "分别牵头", "牵头负责", "配合", "协办", "主办", "负总责", "按职责分工",
                          "按照职责分工", "按照各自职责", "按各自职责", "负责"})
_GENERIC = re.compile(r"(企业|机构|单位|部门|主体|组织|群众|个人|人员)$")


def _subject_body(name: str) -> bool:
    """A body that can stand as the subject of a sentence: one named by its place or level
    (县财政局, 各街道办事处), not 各部门 / 各地, nor a verb run into a name (发挥市……小组)."""
    if _VAGUE.fullmatch(name):
        return False
    return bool(_LEVEL_START.match(name)) or name.startswith(places()) or bool(_ZONE_BODY.match(name)) \
        or bool(_PLACE_GOVERNMENT.fullmatch(name))  # 凌海市人民政府: a place's own government


# 凌海市人民政府 · 北镇市政府 · 宽甸满族自治县人民政府
_PLACE_GOVERNMENT = re.compile(r"[\u4e00-\u9fff]{2,10}(?:市|县|区|旗|州|盟|镇|乡)(?:人民)?政府")


# 阜阳经济技术开发区管委会: a zone's committee, named by a place the lexicon need not know
_ZONE_BODY = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:经济技术开发区|高新技术产业开发区|开发区|高新区|产业园区|新区|试验区|园区)"
                        r"(?:管委会|管理委员会)")
_VAGUE = re.compile(r"(?:各|有关|相关)(?:部门|单位|地|地区|方面|级|级部门|有关部门)")
_LEVEL_START = re.compile(r"(?:各|经开区|高新区|开发区|自治区|自治州|省|市|区|县|州|盟|旗|乡|镇|街道)")


def _named_body(name: str) -> bool:
    """A unit named as a body (市财政局, 各区县政府), not a generic noun that ends like one (企业)."""
    if not is_unit(name):
        return False
    if _GENERIC.search(name):
        # 县级林业和草原主管部门 · 省级财政部门: the departments of a sector at a level, as a ministry names them
        return bool(re.match(r"(各|有关|相关|市直|省直|县直|区直|旗直|中省直|(?:省|市|县|区|地市|州|乡镇)级[\u4e00-\u9fff]{2})",
                             name))
    return True


def _together(seg: str, offset: int) -> tuple[list[UnitName], list[UnitName]] | None:
    """由A会同B负责 · A会同B统筹安排……: A leads, B supports (B is the longest unit list)."""
    at = seg.find("会同")
    if at <= 0:
        return None
    by = _BY_PREFIX.match(seg, 0, at)  # 由A会同B · 农村危房改造扫尾工作由A会同B
    left_start = by.end() if by is not None else 0
    left = _MODAL.sub("", seg[left_start:at])  # 平安建设办公室要会同B
    if not left or not all(is_unit(u.name) for u in split_units(left)):
        return None
    rest = seg[at + 2:]
    for stop in range(min(len(rest), 60), 1, -1):
        cand = rest[:stop]
        units = split_units(cand)
        if units and is_unit(cand.split("、")[-1]) and all(is_unit(u.name) or u.rule != "as_written"
                                                          for u in units) \
                and not _RUNS_ON.search(cand.split("、")[-1]):
            return (_tag(split_units(left, offset + left_start), "会同前"),
                    _tag(split_units(cand, offset + at + 2), "会同后"))
    return None


# 县自然资源局规划建设……转运站: a body's name, then the work it does (which may end like a name)
_RUNS_ON = re.compile(r"(?:局|委|办|厅|部|府|院|中心)(?:规划|建设|推进|开展|组织|制定|编制|做好|加强|完善|落实|实施|指导"
                      r"|督促|研究|提出|建立|健全|统筹|协调|负责|抓好|加快|强化|推动|完成|办理|修改|审核|起草|整治|改造)")
_BODY_WORD = re.compile(r"政府|委员会|人大|政协|党委|工委|市委|省委|区委|县委|州委|办事处|管委会")
_PERSON_NAME = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f·]+")


def people(text: str, offset: int) -> list[tuple[str, int, int]]:
    """Persons named in a leader field: 张三副市长、李四（副县长） → 张三, 李四; a role where no name is
    given: 省政府分管领导同志 → 省政府分管领导."""
    text, at = _unspaced_names(text)
    out = []
    for m in _PERSON.finditer(text):
        part = m.group(1)
        pieces = [p for p in _TITLES.split(part) if p and not _TITLES.fullmatch(p)]
        # 党工委副书记、办事处主任 何立: the bodies whose offices are named are no persons
        pieces = [p for p in pieces if not _BODY_WORD.search(p)]
        name = pieces[-1].strip() if pieces else ""
        if (2 <= len(name) <= 4 or ("·" in name and len(name) <= 16)) and not name.startswith(("分管", "主要", "有关", "各")) \
                and _PERSON_NAME.fullmatch(name):
            start = m.start(1) + part.rfind(name)
            out.append((name, offset + at[start], offset + at[start + len(name) - 1] + 1))
    if not out:
        role = _LEADER_ROLE.fullmatch(text.strip())
        if role is not None and not role.group(1).startswith("各"):  # 各包村领导: everyone, nobody named
            start = text.find(role.group(1))
            out.append((role.group(1), offset + at[start], offset + at[start + len(role.group(1)) - 1] + 1))
    return out


# 副区长张　浩: a two-character name set out to the width of three, as forms align names
_SPACED_NAME = re.compile(r"([\u4e00-\u9fff])[ \t\u3000]{1,4}(?=[\u4e00-\u9fff](?:$|[、,;(\s]))")


def _unspaced_names(text: str) -> tuple[str, list[int]]:
    """The text with the spaces inside such names taken out, and where each character was."""
    kept: list[str] = []
    at: list[int] = []
    cut = {m.end(1) for m in _SPACED_NAME.finditer(text) if m.group(1) in surnames()}
    skip_to = -1
    for i, ch in enumerate(text):
        if i in cut:
            skip_to = i
        if skip_to >= 0 and ch in " \t\u3000":
            continue
        skip_to = -1
        kept.append(ch)
        at.append(i)
    return "".join(kept), at


# 省政府分管领导同志 · 市政府分管副市长 · 各县区主要负责同志: a leader named by office
_LEADER_ROLE = re.compile(r"([\u4e00-\u9fff]{0,16}(?:领导|负责人|负责同志)|(?:[\u4e00-\u9fff]{0,8})?分管[\u4e00-\u9fff]{0,10}?"
                          r"(?:副?[省市县区镇乡州旗]长|副?主任|副?总经理|副?院长|副?校长))(?:同志)?")
