"""Stage 5b — what is uncertain: the tasks and fields a person should check first, and why.

A flag is raised where the reading rests on weak evidence, not on every guess: a name that does
not read as a body's, a lead taken from a sentence's subject for want of any marker, a table row
that lacked cells and was matched by content, a paragraph with no ordinal read as a task, a task
left without units among tasks that name theirs (outside 保障措施, which names none as a rule). A
reading most of a document's tasks share (no ordinals, leads as subjects) is its convention and is not
flagged. `taizhang evaluate` reports how many of the wrong fields are flagged and how few of the right.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from taizhang.parse.lexicon import t2s_table
from taizhang.parse.model import Flag, FlagCode, Task
from taizhang.parse.units import is_unit

# a name with what no body's name holds: digits, sentence punctuation, a verb run into it
_ODD_NAME = re.compile(r"[,;:。!?“”\"《》]|[要将把对向在]|^.{26,}$")
# a level carried over a list in front of a name that has its own place: 县 + 邵阳市生态环境局
_DOUBLE_PLACE = re.compile(r"[省市县区][\u4e00-\u9fff]{2,4}[省市县区州](?!场)")
_LONG_TASK = 800  # characters: more than a task usually runs to
# 保障措施 · 组织保障 · 工作要求: measures every body keeps, written without units as a rule
_GUARANTEES = re.compile(r"保障|工作要求|整改要求|组织领导|组织实施")

MESSAGES = {
    FlagCode.NO_UNIT: "未找到责任单位，而本文件其他任务都写明了",
    FlagCode.NO_LEAD: "写了配合单位，却没找到牵头单位",
    FlagCode.UNIT_UNRECOGNISED: "“{name}”不像单位名称",
    FlagCode.LEAD_FROM_SUBJECT: "没有“牵头”等字样，按句子主语“{name}”认定为牵头单位",
    FlagCode.LEAD_BY_NUMBER: "单位写在另一段“第X项由……”中，按序号对应到本条",
    FlagCode.NAME_COMPLETED: "“{name}”原文不完整，已按文中全称补全",
    FlagCode.ROW_FITTED: "表格此行少了单元格，已按内容对应到各列",
    FlagCode.NO_ORDINAL: "本条没有序号，按段落认定为一项任务",
    FlagCode.LONG_TEXT: "本条很长，可能包含几项任务",
    FlagCode.SAFEGUARD: "本条在“{section}”下，是各单位共同的保障要求还是一项任务，请核对",
}


# 锦城街道 · 天目山镇 · 石桥村: a named place standing for its government or office
_NAMED_PLACE = re.compile(r"[\u4e00-\u9fff]{2,8}(?:镇|乡|街道|村|社区|苏木|嘎查)")


@lru_cache(maxsize=4096)  # the same units recur in every task of a document
def _reads_as_body(name: str) -> bool:
    """Whether a unit's name reads as a body's (in simplified characters, as the lexicon has them)."""
    plain = name.translate(t2s_table())
    return (is_unit(plain) or _NAMED_PLACE.fullmatch(plain) is not None) \
        and not _ODD_NAME.search(plain.replace("对外", ""))  # 对外贸易处: a word of the name


def flag(code: FlagCode, field: str, **values: object) -> Flag:
    return Flag(field, code, MESSAGES[code].format(**values))


def review(tasks: Sequence[Task], structural: Sequence[Sequence[Flag]], completed: dict[str, str]) -> list[Task]:
    """Each task with its flags: those its layout gave it (``structural``, one list per task) and
    those its fields call for. ``completed``: names completed from elsewhere (cut → full)."""
    with_units = sum(1 for t in tasks if t.lead or t.support)
    peers_named = bool(tasks) and with_units * 2 >= len(tasks)
    out = []
    for task, given in zip(tasks, structural):
        flags: list[Flag] = list(given)
        if not (task.lead or task.support) and peers_named and not _GUARANTEES.search("".join(task.section)):
            flags.append(flag(FlagCode.NO_UNIT, "lead"))
        elif task.support and not task.lead:
            flags.append(flag(FlagCode.NO_LEAD, "lead"))
        for a in task.assignments:
            for key, ev in a.evidence:
                field, _, name = key.partition("=")
                if field not in ("lead", "support"):
                    continue
                if name in completed:  # the evidence keeps the name as the text cut it
                    flags.append(flag(FlagCode.NAME_COMPLETED, field, name=completed[name]))
                elif not _reads_as_body(name) or ("level_carry_over" in ev.rule and _DOUBLE_PLACE.match(name)):
                    flags.append(flag(FlagCode.UNIT_UNRECOGNISED, field, name=name))
                if field == "lead" and (":主语" in ev.rule or ev.rule.startswith("verb:首位")):
                    flags.append(flag(FlagCode.LEAD_FROM_SUBJECT, "lead", name=name))
                if field == "lead" and ev.rule.startswith("by_number"):
                    flags.append(flag(FlagCode.LEAD_BY_NUMBER, "lead"))
        guarantee = next((h for h in task.section if _GUARANTEES.search(h)), None)
        if guarantee is not None and not (task.lead or task.support):
            # offices differ on these: some keep 加强组织领导 in the ledger, some leave it out
            flags.append(flag(FlagCode.SAFEGUARD, "task", section=guarantee[:16]))
        if len(task.text) > _LONG_TASK:
            flags.append(flag(FlagCode.LONG_TEXT, "task"))
        out.append(task._replace(flags=tuple(dict.fromkeys(flags))) if flags else task)
    return _without_conventions(out)


# readings that are doubtful as an exception and the document's own way when most tasks share them:
# a plan whose every paragraph is unnumbered, or names its lead as the sentence's subject
_CONVENTIONS = (FlagCode.NO_ORDINAL, FlagCode.LEAD_FROM_SUBJECT, FlagCode.LEAD_BY_NUMBER)


def _without_conventions(tasks: list[Task]) -> list[Task]:
    common = {code for code in _CONVENTIONS
              if 2 * sum(any(f.code == code for f in t.flags) for t in tasks) >= len(tasks) > 2}
    if not common:
        return tasks
    return [t._replace(flags=tuple(f for f in t.flags if f.code not in common)) if t.flags else t
            for t in tasks]
