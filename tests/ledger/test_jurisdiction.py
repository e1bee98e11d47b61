"""Where a document belongs and why (pure): issuer, 机关代字, place names in the text; and the
name of a document without a title line."""
from __future__ import annotations

import pytest

from taizhang.ledger.doc_titles import fallback_title
from taizhang.ledger.jurisdiction import (
    UNDECIDED,
    decide_jurisdiction,
    doc_code,
    document_place,
    infer_jurisdiction,
    place_mentions,
)
from taizhang.parse.model import Document

SHENYANG_TEXT = "推进沈阳经济区建设。围绕建设沈阳国家中心城市，沈阳要……带动抚顺、本溪。沈阳市发展改革委牵头。"


@pytest.mark.parametrize(("issuer", "number", "text", "place", "rule"), [
    pytest.param("沈阳市人民政府办公厅", None, "", "沈阳市", "issuer", id="issuer_city"),
    pytest.param("吉林省人民政府", "沈政发〔2016〕1号", "", "吉林省", "issuer", id="issuer_first"),
    pytest.param(None, "辽政办发〔2021〕1号", "", "辽宁省", "doc_number", id="province_code"),
    pytest.param(None, "沈政办发〔2018〕78号", "", "沈阳市", "doc_number", id="city_code"),
    pytest.param(None, "辽市政发[2019]3号", "", "辽阳市", "doc_number", id="longest_prefix"),
    pytest.param(None, "吉市政发（2019）3号", "", "吉林市", "doc_number", id="jilin_city"),
    pytest.param(None, "国办发〔2018〕104号", "", "全国", "doc_number", id="national"),
    pytest.param(None, "宁政发〔2019〕3号", "", None, "none", id="shared_code_left_out"),
    pytest.param(None, None, SHENYANG_TEXT, "沈阳市", "text", id="text_names_shenyang"),
    pytest.param(None, None, "市发展改革委牵头，市财政局配合。市发展改革委负责。", None, "none",
                 id="unit_names_are_no_place"),
    pytest.param(None, None, "大连要……大连……沈阳……沈阳", None, "none", id="too_close_to_call"),
    pytest.param(None, None, "沈阳……沈阳", None, "none", id="too_few_mentions"),
])
def test_infer_jurisdiction(issuer: str | None, number: str | None, text: str,
                            place: str | None, rule: str) -> None:
    found = infer_jurisdiction(issuer=issuer, doc_number=number, text=text)
    assert (found.place, found.rule) == (place, rule)
    assert found.evidence  # every answer, none included, says why


def test_the_evidence_reads_as_a_person_would_check_it() -> None:
    found = infer_jurisdiction(issuer=None, doc_number=None, text=SHENYANG_TEXT)
    assert found.evidence == ("正文提到 沈阳 4 次", "其次 抚顺 1 次、本溪 1 次")
    coded = infer_jurisdiction(issuer=None, doc_number="沈政办发〔2018〕78号", text="")
    assert coded.evidence == ("发文字号 沈政办发〔2018〕78号 的机关代字“沈政办发” → 沈阳市",)


def test_mentions_ignore_cited_titles_and_count_a_city_once() -> None:
    text = "贯彻《吉林省人民政府关于……吉林……吉林的意见》。吉林市、吉林市、吉林市要……"
    assert place_mentions(text) == [("吉林市", 3)]
    assert doc_code("吉政发〔2016〕41号") == "吉政发" and doc_code("第3号") == ""


def _doc(**fields: object) -> Document:
    return Document(source="x.txt", text=str(fields.pop("text", "")), **fields)  # type: ignore[arg-type]


def test_given_place_only_where_the_text_names_none() -> None:
    jilin = decide_jurisdiction(document_place(_doc(issuer="吉林省人民政府")), given="沈阳市")
    assert jilin.place == "吉林省" and "与指定的地区 沈阳市 不同" in jilin.warnings[0]
    bare = decide_jurisdiction(document_place(_doc(text="各部门要抓好落实。")), given="沈阳市")
    assert (bare.place, bare.warnings, bare.flags) == ("沈阳市", (), ())
    assert bare.evidence[0] == "文中看不出地区，按 --jurisdiction 指定为 沈阳市"
    same = decide_jurisdiction(document_place(_doc(text=SHENYANG_TEXT)), given="沈阳市")
    assert same.place == "沈阳市" and same.warnings == () and same.flags == ("jurisdiction_inferred",)


def test_nothing_found_is_undecided_and_flagged_never_refused() -> None:
    none = decide_jurisdiction(document_place(_doc(text="各部门要抓好落实。")))
    assert none.place == UNDECIDED and none.flags == ("jurisdiction_undecided",)
    assert "--set" in none.warnings[0]
    assert decide_jurisdiction(document_place(_doc(text="抓好落实")), prior="大连市").place == "大连市"
    assert decide_jurisdiction(document_place(_doc(text="抓好落实")), prior=UNDECIDED).place == UNDECIDED


@pytest.mark.parametrize(("text", "title", "rule"), [
    pytest.param("经市政府同意，现将《沈阳市2019年工作要点》印发给你们，请认真贯彻执行。",
                 "沈阳市2019年工作要点", "issued_sentence", id="issued_sentence"),
    pytest.param("省政府办公厅关于印发《营商环境三年行动方案》的通知\n各市人民政府：",
                 "营商环境三年行动方案", "issued_sentence", id="issuing_notice_title"),
    pytest.param("请选择年份\n关于对接国家重大区域发展战略的实施意见\n各市人民政府：……",
                 "关于对接国家重大区域发展战略的实施意见", "first_heading", id="title_line"),
    pytest.param("按照市委部署，2016年要紧紧围绕两大重点。\n一、全面加强规划的对接", None, "none",
                 id="none"),
])
def test_fallback_title(text: str, title: str | None, rule: str) -> None:
    assert fallback_title(text) == (title, rule)


def test_words_that_hold_a_place_name_do_not_count() -> None:
    text = "发展朝阳产业，培育朝阳产业，壮大朝阳产业，确保定期调度。"
    assert place_mentions(text) == []
    assert place_mentions("朝阳市要……朝阳……朝阳") == [("朝阳市", 3)]


def test_the_generated_cities_without_issuer_are_placed_in_their_own_city(tmp_path: object) -> None:
    """Sample 004 (no issuer, no 发文字号) rewritten for other cities by the corpus generator:
    each is placed in the city whose folder it was written to, never in a neighbour it names."""
    from pathlib import Path

    from taizhang.corpus.generate import generate

    made = [p for p in generate(Path(str(tmp_path)) / "gen", 120, seed=7) if p.stem.endswith("004")]
    assert len(made) >= 10
    placed = {p.parent.name: infer_jurisdiction(issuer=None, doc_number=None,
                                                text=p.read_text("utf-8")).place for p in made}
    assert placed == {city: city for city in placed}
