"""Money as written ⇄ whole 元: units in the cell or the header, never guessed."""
from __future__ import annotations

from decimal import Decimal

import pytest

from taizhang.projects.amounts import AmountError, format_amount, parse_amount, unit_of_header


@pytest.mark.parametrize(("value", "unit", "yuan"), [
    pytest.param("5.2亿元", None, 520_000_000, id="yi"),
    pytest.param("3,500万元", None, 35_000_000, id="wan_with_comma"),
    pytest.param("3500万", None, 35_000_000, id="wan_short"),
    pytest.param("约5亿元左右", None, 500_000_000, id="hedged"),
    pytest.param("０．１亿", None, 10_000_000, id="full_width"),
    pytest.param(12, "亿元", 1_200_000_000, id="number_with_header_unit"),
    pytest.param(35000.5, "万元", 350_005_000, id="float_wan"),
    pytest.param("12", "万元", 120_000, id="text_number_header_unit"),
    pytest.param(Decimal("0.3"), "亿元", 30_000_000, id="decimal"),
    pytest.param("", None, None, id="empty"),
    pytest.param("—", None, None, id="dash"),
])
def test_parse(value: object, unit: str | None, yuan: int | None) -> None:
    assert parse_amount(value, default_unit=unit) == yuan


@pytest.mark.parametrize(("value", "unit", "reason"), [
    pytest.param("12", None, "没有单位", id="no_unit_anywhere"),
    pytest.param("约五亿元", None, "不是数字", id="words"),
    pytest.param("5亿美元", None, "不是人民币", id="dollars"),
    pytest.param("3-5亿元", None, "区间", id="range"),
    pytest.param("5亿斤", None, "无法识别", id="odd_unit"),
    pytest.param(-3, "万元", "负数", id="negative"),
    pytest.param("999999999亿元", None, "不合常理", id="absurd"),
    pytest.param(True, "万元", "不是金额", id="boolean"),
])
def test_refused(value: object, unit: str | None, reason: str) -> None:
    with pytest.raises(AmountError) as err:
        parse_amount(value, default_unit=unit)
    assert reason in str(err.value)


@pytest.mark.parametrize(("yuan", "text"), [
    pytest.param(520_000_000, "5.2亿元", id="yi"),
    pytest.param(35_000_000, "3500万元", id="wan"),
    pytest.param(123_456_789, "1.2346亿元", id="rounded_to_four_places"),
    pytest.param(None, "", id="none"),
])
def test_format(yuan: int | None, text: str) -> None:
    assert format_amount(yuan) == text


@pytest.mark.parametrize(("header", "unit"), [
    pytest.param("总投资（亿元）", "亿元", id="full_width_brackets"),
    pytest.param("投资额(万元)", "万元", id="ascii_brackets"),
    pytest.param("总投资", None, id="none"),
])
def test_header_unit(header: str, unit: str | None) -> None:
    assert unit_of_header(header) == unit
