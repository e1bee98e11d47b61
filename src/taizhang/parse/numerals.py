"""Chinese numerals, as official documents write them (十三, 二十一, 二〇一八)."""
from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "○": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
           "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def cn_to_int(s: str) -> int:
    """Whole numbers written in Chinese: 十 → 10, 二十一 → 21, 一百零五 → 105; -1 if not a numeral.

    >>> cn_to_int("二十一"), cn_to_int("十三"), cn_to_int("甲")
    (21, 13, -1)
    """
    if s.isdigit():
        return int(s)
    total, current = 0, 0
    for ch in s:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        elif ch in _UNITS:
            total += (current or 1) * _UNITS[ch]
            current = 0
        else:
            return -1
    return total + current


def cn_digits(s: str) -> int:
    """A number written digit by digit, as years are: 二〇一八 → 2018.

    >>> cn_digits("二〇一八")
    2018
    """
    if any(ch in _UNITS for ch in s):
        return cn_to_int(s)
    out = 0
    for ch in s:
        if ch not in _DIGITS:
            return -1
        out = out * 10 + _DIGITS[ch]
    return out
