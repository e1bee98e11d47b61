"""Labels that assign work: 牵头单位：A · 协同责任单位：B · 分管省领导：X · 部门分工：A牵头，B配合.

Offices coin these freely (牵头负责领导, 牵头责任单位, 协同责任单位, 数据提供单位 …), so a label is read
by what it is made of rather than looked up whole: a head that says what is named (单位, 部门, 领导,
分工 …) after words that say which part it plays (牵头, 协同, 责任, 分管 …). The labels in
data/roles.tsv keep the meaning written there; any other label built this way is read from its
words.

    >>> [label_role(x) for x in ("牵头责任单位", "协同责任单位", "牵头负责领导", "部门分工", "责任单位")]
    ['lead', 'support', 'leader', 'clause', 'resp']
"""
from __future__ import annotations

import re
from functools import cache

from taizhang.parse.lexicon import role_markers

# words before the head, any number of them: 牵头 · 协同 · 责任 · 分管 · 省 · 数据提供 …
_MODIFIERS = ("牵头", "协同", "配合", "协办", "参与", "协助", "主办", "主责", "主抓", "责任", "承办", "提供", "数据",
              "实施", "落实", "分管", "挂钩", "包保", "包联", "包抓", "挂点", "联点", "挂联", "联系", "督办", "主要", "具体",
              "共同", "负责", "其他", "指导", "会办", "整改", "督导", "督查", "包村", "包片", "驻村",
              "相关", "部门", "单位", "省", "市", "县", "区", "州", "旗", "厅", "局", "镇", "街道", "及",
              "省级", "市级", "县级", "区级", "镇级", "乡级", "村级", "总", "副总")
# what the label names: units, people, or a whole clause (部门分工：A牵头，B配合)
# 河长 · 林长 · 路长: the officials named for a river, forest or road (河长制, 林长制) answer for its work
_CHIEFS = ("河长", "湖长", "林长", "路长", "田长", "山长")
_HEADS = ("单位", "部门", "处室", "科室", "股室", "站所", "主体", "机构", "领导", "责任人", "负责人", "配合人", "分工", "牵头", "配合",
          "参与", "协办", *_CHIEFS)
_LEADER_HEADS = ("领导", "责任人", "负责人", "配合人", *_CHIEFS)  # (责任人：X，配合人：Y): persons both
_LEAD_WORDS = ("牵头", "主办", "主责", "主抓")
_SUPPORT_WORDS = ("协同", "配合", "协办", "参与", "协助", "提供", "指导", "会办")
_LABEL_BODY = "(?:" + "|".join(sorted(_MODIFIERS, key=len, reverse=True)) + "){0,5}(?:" + \
    "|".join(sorted(_HEADS, key=len, reverse=True)) + ")"
_MADE_OF = re.compile("((?:" + "|".join(sorted(_MODIFIERS, key=len, reverse=True)) + "){0,5})(" +
                      "|".join(sorted(_HEADS, key=len, reverse=True)) + ")")
# a label where it can stand: 牵头单位：… · 【牵头单位】…
LABEL = re.compile(rf"【?({_LABEL_BODY})(?:】|\s*:)")
# the same without the optional 【 in front, for scanning (a pattern that opens with words lets the
# engine jump to their first characters)
LABEL_WORD = re.compile(rf"({_LABEL_BODY})(?:】|\s*:)")
_LONGEST_LABEL = 5 * max(map(len, _MODIFIERS)) + max(map(len, _HEADS))  # before its : or 】 and any spaces
DEADLINE_LABEL = re.compile(r"【?(完成时限|完成时间|时间要求|时限要求|办结时限|办理时限|整改时限|时间节点|完成期限|进度安排|进度要求|时限)"
                            r"(?:】|\s*:)")


@cache
def label_role(label: str) -> str | None:
    """lead · support · resp (first unit leads unless a lead is named beside) · leader · lead_each ·
    clause (the value is a sentence: A牵头，B配合) · None (not a label of ours: 单位 alone)."""
    written = {m.marker: m.role for m in role_markers() if m.where == "label"}
    if label in written:
        role = written[label]
        return "resp" if label in _RESP_LABELS else role
    made = _MADE_OF.fullmatch(label)
    if made is None:
        return None
    head = made.group(2)
    words = made.group(1)
    if head in _LEADER_HEADS:
        return "leader"
    if head == "分工":
        return "clause" if words else None
    if head in ("牵头", "配合", "参与", "协办") and not words:
        return "lead" if head == "牵头" else "support"
    if not words:
        return None  # 单位：· 部门：· 主体：— too bare to say who does what
    if any(w in words for w in _LEAD_WORDS) or head == "牵头":
        return "lead"
    if any(w in words for w in _SUPPORT_WORDS) or head in ("配合", "参与", "协办"):
        return "support"
    if any(w in words for w in ("责任", "承办", "实施", "落实", "负责", "主要", "具体")):
        return "resp"
    return None


# labels whose units lead when no 牵头 label stands beside them (the first of them)
# the unit that does the work, not said to lead: alone, the first of a list leads (as the contract
# reads a lone 责任单位); beside a 牵头单位 label, they support
_RESP_LABELS = frozenset({"责任单位", "责任部门", "承办单位"})


def is_label(label: str) -> bool:
    return label_role(label) is not None


def label_marks(view: str, a: int, b: int) -> list[tuple[int, int, str]]:
    """The labels of ours in view[a:b] as (start, end, label): 【牵头单位】 starts at its 【."""
    out = []
    pos = a
    for end in _label_ends(view, a, b):
        # a label ends at the first : or 】 after it and cannot span one, so it lies between the
        # previous one and this one: the pattern runs over that short stretch, not the whole item
        back = end
        while back > pos and view[back - 1].isspace():
            back -= 1
        m = LABEL_WORD.search(view, max(pos, back - _LONGEST_LABEL), end + 1)
        if m is not None and m.group(1)[0] in _ONE_CHARACTER and m.start() > a and _glued(view[m.start() - 1]):
            # 区工业和信息化局配合单位：(a space the view dropped): the 局 ends the unit before, the
            # label is 配合单位 — a one-character word opens a label only where nothing is glued to it
            m = LABEL_WORD.search(view, m.start() + 1, end + 1)
        pos = end + 1
        if m is None or not is_label(m.group(1)):
            continue
        start = m.start() - 1 if m.start() > a and view[m.start() - 1] == "【" else m.start()
        out.append((start, m.end(), m.group(1)))
    return out


_ONE_CHARACTER = frozenset(w for w in _MODIFIERS if len(w) == 1)


def _glued(ch: str) -> bool:
    """Whether a character before a label binds to it: a CJK ideograph (not punctuation, a
    bracket or a space)."""
    return "\u4e00" <= ch <= "\u9fff"


def _label_ends(view: str, a: int, b: int) -> list[int]:
    """Where each : and 】 in view[a:b] stands, in order (str.find runs in C; items hold few)."""
    ends = []
    for ch in ":】":
        at = view.find(ch, a, b)
        while at >= 0:
            ends.append(at)
            at = view.find(ch, at + 1, b)
    ends.sort()
    return ends


def label_at(text: str, pos: int = 0) -> re.Match[str] | None:
    """The label that opens text[pos:], if it is one of ours."""
    m = LABEL.match(text, pos)
    return m if m is not None and is_label(m.group(1)) else None


def opens_with_label(text: str, pos: int = 0) -> bool:
    """Whether text[pos:] opens with a label of ours or a deadline label (牵头单位：… · 完成时限：…):
    such a line only continues the item above."""
    return label_at(text, pos) is not None or DEADLINE_LABEL.match(text, pos) is not None
