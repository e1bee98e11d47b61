"""The parser's rule names in Chinese, for ``taizhang parse --explain`` and anything else that
shows why a value was extracted.

A rule name is made of parts joined by ``:`` (``bracket_labels:牵头单位:as_written``: how the
clause was found, which marker decided the role, how the name was written out) and ``+`` for
a rule combining two. Each part is looked up in ``data/rule_glosses.tsv``; a Chinese part that
is not there is a role marker copied from the text (牵头单位, 配合) and reads as 标注“…”; any
other unknown part is shown as it is, so a rule added to the parser is never hidden — the test
in tests/test_explain.py names the parts that still need a row.

Kept outside ``taizhang.parse`` (the parser names its rules; people read them here) and free of
heavy imports: ``taizhang parse --explain`` stays quick.
"""
from __future__ import annotations

import os

_TABLE = os.path.join(os.path.dirname(__file__), "data", "rule_glosses.tsv")
_glosses: dict[str, str] | None = None

# the field names of a Document's and an Assignment's evidence, as a reader says them
FIELD_NAMES = {"title": "标题", "doc_number": "发文字号", "issuer": "发文机关", "issued_on": "成文日期",
               "period": "规划期", "lead": "牵头单位", "support": "配合单位", "leaders": "责任领导",
               "due": "时限", "target": "目标"}


def glosses() -> dict[str, str]:
    """part → Chinese description, read once from the table."""
    global _glosses
    if _glosses is None:
        table: dict[str, str] = {}
        with open(_TABLE, encoding="utf-8") as handle:
            for line in handle:
                if line.strip() and not line.startswith("#"):
                    part, _, text = line.rstrip("\n").partition("\t")
                    table[part.strip()] = text.strip()
        _glosses = table
    return _glosses


def part_text(part: str) -> str | None:
    """One part in Chinese; None when the table does not know an ASCII part."""
    known = glosses().get(part)
    if known is not None:
        return known
    if part and not part.isascii():
        return f"标注“{part}”"  # a role marker as the text wrote it
    return None


def rule_text(rule: str) -> str:
    """``bracket_labels:牵头单位:as_written`` → ``括号内的分工标注…；标注“牵头单位”；单位名称照原文``.

    Unknown parts stay as they are; "" for no rule.
    """
    if not rule:
        return ""
    out = []
    for group in rule.split(":"):
        words = [part_text(p) or p for p in group.split("+") if p]
        if words:
            out.append("，又".join(words))
    return "；".join(out)


def unknown_parts(rule: str) -> list[str]:
    """The parts of ``rule`` that have no Chinese description (what the test reports)."""
    return [p for group in rule.split(":") for p in group.split("+") if p and part_text(p) is None]


def field_text(field: str) -> str:
    """``lead=市发展改革委`` → ``牵头单位=市发展改革委``: the evidence's field in Chinese."""
    name, eq, value = field.partition("=")
    return f"{FIELD_NAMES.get(name, name)}{eq}{value}"
