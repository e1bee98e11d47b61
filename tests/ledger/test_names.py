"""The closest known names to one that named nothing (taizhang.ledger.names)."""
from __future__ import annotations

import pytest

from taizhang.errors import NotFound
from taizhang.ledger.names import closest, document_not_found, unknown_message

PLACES = ["吉林省", "沈阳市", "辽宁省", "大连市"]
NUMBERS = ["沈政办发〔2018〕78号", "吉政发〔2016〕41号", "1", "5"]


@pytest.mark.parametrize(("value", "known", "expected"), [
    pytest.param("沈阳", PLACES, ["沈阳市"], id="place_without_level"),
    pytest.param("辽宁", PLACES, ["辽宁省"], id="province"),
    pytest.param("沈阳市 ", PLACES, [], id="exact_is_not_a_suggestion"),
    pytest.param("北京市", PLACES, [], id="nothing_close"),
    pytest.param("市发改局", ["市发展改革委", "市财政局", "市科技局"], ["市发展改革委"], id="similar_unit"),
    pytest.param("沈政办发〔2018〕79号", NUMBERS, ["沈政办发〔2018〕78号"], id="number_typo"),
    pytest.param("完成", ["待签收", "推进中", "已完成", "已销号"], ["已完成"], id="status"),
    pytest.param("", PLACES, [], id="empty"),
])
def test_closest(value: str, known: list[str], expected: list[str]) -> None:
    assert closest(value, known)[:len(expected) or None] == expected


def test_a_lone_character_inside_a_name_is_no_suggestion() -> None:
    assert "1" not in closest("沈政办发〔2018〕79号", NUMBERS)


def test_messages() -> None:
    message, hint = unknown_message("地区", "沈阳", PLACES)
    assert message == "没有地区“沈阳”" and hint.startswith("是不是：沈阳市？已有的地区：吉林省")
    err = document_not_found("沈政办发〔2018〕79号", NUMBERS)
    assert isinstance(err, NotFound) and "是不是：沈政办发〔2018〕78号" in str(err)
