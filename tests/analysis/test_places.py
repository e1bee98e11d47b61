import pytest

from taizhang.analysis.places import doc_code, place_from_issuer, place_from_number, place_of


@pytest.mark.parametrize("number, place, level", [
    pytest.param("国发〔2014〕28号", "全国", "national", id="guofa"),
    pytest.param("国办发〔2016〕1号", "全国", "national", id="guobanfa"),
    pytest.param("中发〔2016〕18号", "全国", "national", id="zhongfa"),
    pytest.param("吉政发〔2016〕41号", "吉林省", "province", id="jilin"),
    pytest.param("辽政办发〔2021〕1号", "辽宁省", "province", id="liaoning"),
    pytest.param("沈政办发〔2018〕78号", "沈阳市", "city", id="shenyang"),
    pytest.param("沈委发[2018]9号", "沈阳市", "city", id="square_brackets"),
    pytest.param("吉市政发〔2018〕1号", "吉林市", "city", id="longest_prefix_wins"),
])
def test_place_from_number(number: str, place: str, level: str) -> None:
    p = place_from_number(number)
    assert p is not None and (p.name, p.level) == (place, level)


def test_unknown_code_gives_none() -> None:
    assert place_from_number("某某发〔2020〕1号") is None
    assert doc_code("吉政发〔2016〕41号") == "吉政发"


@pytest.mark.parametrize("issuer, place, level", [
    ("沈阳市人民政府办公厅", "沈阳市", "city"),
    ("吉林省人民政府", "吉林省", "province"),
    ("国务院办公厅", "全国", "national"),
    ("浑南区人民政府", "浑南区", "county"),
])
def test_place_from_issuer(issuer: str, place: str, level: str) -> None:
    p = place_from_issuer(issuer)
    assert p is not None and (p.name, p.level, p.rule) == (place, level, "issuer")


def test_text_fallback_when_header_is_missing() -> None:
    p = place_of(None, None, "推进沈阳经济区建设，沈阳市要……沈阳")
    assert (p.name, p.rule) == ("沈阳市", "text")
    assert place_of(None, None, "").rule == "none"
