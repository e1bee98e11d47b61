"""Money as offices write it ⇄ whole 元.

``parse_amount("5.2亿元") == 520_000_000``; ``parse_amount("3,500", default_unit="万元") ==
35_000_000``; ``format_amount(520_000_000) == "5.2亿元"``. A number with no unit in the cell nor
in the column header is refused rather than guessed: a bare ``5`` may mean 5亿元 to one office and
5万元 to another, and a register that is silently wrong by four orders of magnitude is worse
than one that asks. Decimal arithmetic throughout, so 0.1亿元 is exactly 10,000,000 元.
"""
from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# unit word → 元 per unit; longest first so 亿元 wins over 元 and 万亿元 over 亿元
UNITS: tuple[tuple[str, int], ...] = (
    ("万亿元", 10**12), ("万亿", 10**12), ("亿元", 10**8), ("亿", 10**8),
    ("千万元", 10**7), ("百万元", 10**6), ("万元", 10**4), ("万", 10**4), ("元", 1),
)
_UNIT = dict(UNITS)
MAX_YUAN = 10**16  # a hundred 万亿: beyond any project, a slip of the keyboard
_HEDGES = ("约", "大约", "预计", "计划", "左右", "余")  # 约5亿元, 5亿元左右: kept as written
_FOREIGN = ("美元", "美金", "欧元", "日元", "港元", "港币", "英镑", "韩元")
_NUMBER = re.compile(r"^([0-9]+(?:\.[0-9]+)?)(.*)$")


class AmountError(ValueError):
    """The text is not an amount we can stand behind; ``reason`` says why, in Chinese."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(text)
        self.text = text
        self.reason = reason

    def __str__(self) -> str:
        return f"金额“{self.text}”{self.reason}"


def unit_of_header(header: str) -> str | None:
    """The unit a column header names: ``总投资（亿元）`` → ``亿元``; none → None."""
    text = unicodedata.normalize("NFKC", header)
    found = re.search(r"\(([^()]*)\)\s*$", text)
    inner = found.group(1) if found else text
    for word, _ in UNITS:
        if inner.strip().endswith(word) or inner.strip() == word:
            return word
    return None


def parse_amount(value: object, *, default_unit: str | None = None) -> int | None:
    """Whole 元 from a cell or an option; None for an empty one; AmountError otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise AmountError(str(value), "不是金额")
    if isinstance(value, (int, float, Decimal)):
        if isinstance(value, float) and value != value:  # NaN
            raise AmountError(str(value), "不是金额")
        return _scaled(Decimal(str(value)), default_unit, str(value))
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text or text in ("-", "—", "/", "无"):
        return None
    shown = text
    text = text.replace(",", "").replace(" ", "")
    if any(word in text for word in _FOREIGN):
        raise AmountError(shown, "不是人民币金额；请折算为万元或亿元")
    for hedge in _HEDGES:
        text = text.removeprefix(hedge).removesuffix(hedge)
    match = _NUMBER.match(text)
    if match is None:
        raise AmountError(shown, "不是数字；应写作 5.2亿元、3500万元 或在表头注明单位后只写数字")
    number, unit = match.group(1), match.group(2).strip()
    if unit and unit not in _UNIT:
        if re.match(r"^[-~～至到]", unit):
            raise AmountError(shown, "是一个区间；请填写一个确定的金额")
        raise AmountError(shown, f"的单位“{unit}”无法识别；可用：万元、亿元、元")
    return _scaled(Decimal(number), unit or default_unit, shown)


def _scaled(number: Decimal, unit: str | None, shown: str) -> int:
    if unit is None:
        raise AmountError(shown, "没有单位，表头也没有注明；请写成 5亿元、3500万元，或在表头注明（万元）")
    if number < 0:
        raise AmountError(shown, "是负数")
    try:
        yuan = (number * _UNIT[unit]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    except (InvalidOperation, KeyError):
        raise AmountError(shown, "无法换算为元") from None
    if yuan >= MAX_YUAN:
        raise AmountError(shown, "大得不合常理（超过一百万亿元）；请检查单位")
    return int(yuan)


def format_amount(yuan: int | None, *, unit: str | None = None) -> str:
    """``520_000_000`` → ``5.2亿元``; below 1亿 in 万元; ``unit`` forces one (``万元``)."""
    if yuan is None:
        return ""
    word = unit or ("亿元" if yuan >= 10**8 else "万元")
    value = Decimal(yuan) / _UNIT[word]
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return f"{text}{word}"


def in_wan(yuan: int | None) -> float | None:
    """元 → 万元 as a number, for spreadsheet cells that sum."""
    return None if yuan is None else yuan / 10**4
