"""Rule names in Chinese (taizhang.explain): every rule the parser uses has a gloss."""
from __future__ import annotations

import pytest

from taizhang.explain import field_text, rule_text, unknown_parts


def test_every_rule_on_the_seeds_and_corpora_has_a_gloss(corpus_rules: set[str]) -> None:
    """The lead renames and adds rules in parse/; this names each part that still needs a row
    in src/taizhang/data/rule_glosses.tsv."""
    missing = sorted({p for rule in corpus_rules for p in unknown_parts(rule)})
    assert len(corpus_rules) > 50 and not missing, f"add to rule_glosses.tsv: {missing}"


@pytest.mark.parametrize(("rule", "words"), [
    pytest.param("bracket_labels:牵头单位:as_written", "括号内的分工标注；标注“牵头单位”；名称照原文",
                 id="marker_from_text"),
    pytest.param("verb:配合:level_carry_over", "句中的分工说法（如“由…牵头，…配合”）；标注“配合”；"
                 "补上清单开头的级别字（“市发展改革委、财政局”→“市财政局”）", id="carry_over"),
    pytest.param("bracket_labels+heading_leaders", "括号内的分工标注，又沿用上级标题中的责任领导",
                 id="combined"),
    pytest.param("verb:首位:as_written", "句中的分工说法（如“由…牵头，…配合”）；清单首位（牵头）；名称照原文",
                 id="position_not_marker"),
    pytest.param("month_in_context_year", "未写年份的月份，按文件年度（如“6月底前”）", id="deadline"),
    pytest.param("brand_new_rule:as_written", "brand_new_rule；名称照原文", id="unknown_shown_raw"),
    pytest.param("", "", id="none"),
])
def test_rule_text(rule: str, words: str) -> None:
    assert rule_text(rule) == words


def test_unknown_parts_are_named() -> None:
    assert unknown_parts("brand_new_rule+verb:牵头:other_thing") == ["brand_new_rule", "other_thing"]


@pytest.mark.parametrize(("field", "shown"), [
    pytest.param("lead=市发展改革委", "牵头单位=市发展改革委", id="lead"),
    pytest.param("doc_number=沈政办发〔2018〕78号", "发文字号=沈政办发〔2018〕78号", id="header"),
    pytest.param("odd=x", "odd=x", id="unknown_field"),
])
def test_field_text(field: str, shown: str) -> None:
    assert field_text(field) == shown
