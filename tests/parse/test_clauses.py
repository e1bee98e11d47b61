"""Responsibility grammar (CONTRACT §2.6), one snippet per layout: who leads, who supports, who is
the responsible leader."""
from __future__ import annotations

import pytest

from taizhang.parse import parse

CASES = [
    pytest.param("一、推进改革。〔牵头单位：市编委办；责任单位：各区县(市)政府、开发区管委会〕",
                 ["市编委办"], ["各区县(市)政府", "开发区管委会"], [], id="bracket_labels"),
    pytest.param("一、推进改革，完善机制。(省国资委,长春市、吉林市政府等)",
                 ["省国资委"], ["长春市政府", "吉林市政府"], [], id="unmarked_list_first_leads"),
    pytest.param("一、推进改革。[责任部门：市发展改革委、科技局]", ["市发展改革委"], ["市科技局"], [],
                 id="lone_responsible_list"),
    pytest.param("一、推进改革。\n由顾春明同志负责，市编委办牵头，市发展改革委、政务服务办配合。",
                 ["市编委办"], ["市发展改革委", "市政务服务办"], ["顾春明"], id="sentence_verbs"),
    pytest.param("一、开展试点。由市科技局会同市教育局负责。", ["市科技局"], ["市教育局"], [], id="huitong"),
    pytest.param("一、开展试点。由市财政局、市发展改革委负责。", ["市财政局"], ["市发展改革委"], [],
                 id="fuze_is_unmarked_first_leads"),
    pytest.param("一、建设平台。市商务局、市交通局分别牵头，市财政局配合。",
                 ["市商务局", "市交通局"], ["市财政局"], [], id="fenbie_qiantou"),
    pytest.param("一、推进改革。\n牵头单位：市财政局\n责任单位：市统计局\n牵头领导：张三副市长",
                 ["市财政局"], ["市统计局"], ["张三"], id="label_lines"),
    pytest.param("一、推进改革。牵头单位：市河长办；责任单位：各县（区）河长办。",
                 ["市河长办"], ["各县(区)河长办"], [], id="labels_after_sentence"),
    pytest.param("一、推进改革。责任单位：市发展改革委（牵头）、市财政局。",
                 ["市发展改革委"], ["市财政局"], [], id="marked_in_list"),
    pytest.param("一、推进改革。（州文化和旅游局牵头，州发展改革委、州自然资源局，各县（市）人民政府配合）",
                 ["州文化和旅游局"], ["州发展改革委", "州自然资源局", "各县(市)人民政府"], [],
                 id="unmarked_between_markers"),
    pytest.param("一、推进改革。由自治区人民政府副主席黄志强同志负责。", [], [], ["黄志强"], id="leader_after_title"),
    pytest.param("一、推广PPP模式(试行)，编制《规划(2018-2035年)》。", [], [], [], id="ordinary_brackets"),
    pytest.param("一、促进消费。由市商务局牵头，会同市财政局等部门，于2024年9月底前完成补贴发放。",
                 ["市商务局"], ["市财政局"], [], id="huitong_after_lead"),
    pytest.param("一、建设集群。呼和浩特市、包头市人民政府分别牵头推进奶业集群建设，自治区农牧厅配合做好统筹指导。",
                 ["呼和浩特市人民政府", "包头市人民政府"], ["自治区农牧厅"], [], id="role_word_before_the_work"),
    pytest.param("一、支持企业。支持开发区内企业参与电力市场化交易。", [], [], [], id="generic_noun_is_no_unit"),
    pytest.param("一、推进改革。【牵头单位】市发展改革委【责任单位】市财政局、市统计局【完成时限】2024年6月底前",
                 ["市发展改革委"], ["市财政局", "市统计局"], [], id="labels_in_lenticular_brackets"),
    pytest.param("一、推进改革。牵头单位：市发展改革委 责任单位：市财政局 完成时限：2024年底前",
                 ["市发展改革委"], ["市财政局"], [], id="labels_on_one_line"),
    pytest.param("一、推进营销。（区文化旅游委牵头，区融媒体中心配合，区政府副区长李晓燕负责协调）",
                 ["区文化旅游委"], ["区融媒体中心"], ["李晓燕"], id="a_leader_by_title_in_the_bracket"),
    pytest.param("一、整治河道。由县级河长王立新同志负责协调推进。（责任单位：县水利局）",
                 ["县水利局"], [], ["王立新"], id="a_river_chief"),
    pytest.param("一、整改隐患。\n承办单位：滨海新区安委会\n督办指导单位：市应急管理局\n督办责任人：滨海新区副区长张　浩\n"
                 "办理时限：2024年6月30日前完成整改", ["滨海新区安委会"], ["市应急管理局"], ["张浩"],
                 id="a_duban_form_with_a_spaced_name"),
    pytest.param("一、创建街区。（棠香街道、区文化旅游委、区商务委按职责分工负责）",
                 ["棠香街道"], ["区文化旅游委", "区商务委"], [], id="a_street_named_as_a_body"),
    pytest.param("一、发展冷链。（责任单位：省农业农村厅、省供销社分别牵头，省财政厅）",
                 ["省农业农村厅", "省供销社"], ["省财政厅"], [], id="bodies_after_the_leads_support"),
]


def _norm(names: tuple[str, ...]) -> list[str]:
    return [n.replace("（", "(").replace("）", ")") for n in names]


@pytest.mark.parametrize("text, lead, support, leaders", CASES)
def test_clause_layouts(text: str, lead: list[str], support: list[str], leaders: list[str]) -> None:
    (task,) = parse(text).tasks
    assert (_norm(task.lead), _norm(task.support), list(task.leaders)) == (lead, support, leaders)


def test_two_assignments_keep_their_own_deadlines() -> None:
    text = ("1.推行模式。〔牵头单位：市编委办；责任单位：开发区管委会〕2018年6月底前，成立平台公司。"
            "〔牵头单位：市发展改革委；责任单位：开发区管委会〕")
    (task,) = parse(text).tasks
    first, second = task.assignments
    assert (first.lead, first.deadlines) == (("市编委办",), ())
    assert (second.lead, [d.due for d in second.deadlines]) == (("市发展改革委",), ["2018-06-30"])


def test_heading_clause_is_inherited_by_its_items() -> None:
    text = "(一)推进改革。(牵头单位：市财政局)\n1.清理收费。\n2.规范基金。\n"
    doc = parse(text)
    assert [t.lead for t in doc.tasks] == [("市财政局",), ("市财政局",)]


def test_goals_are_not_tasks() -> None:
    text = "一、总体要求\n(一)指导思想。以新发展理念为指导。\n(二)工作目标。到2025年建成。\n二、主要任务\n(一)推进改革。(市财政局)\n"
    assert [t.key for t in parse(text).tasks] == ["二/(一)"]


def test_plan_divided_by_department() -> None:
    text = "一、市发展改革委\n1.推进改革，完善机制。\n2.优化环境。\n二、市财政局\n3.规范基金。\n4.清理收费。（市审计局配合）\n"
    doc = parse(text)
    assert [(t.key, t.lead, t.support) for t in doc.tasks] == [
        ("一/1", ("市发展改革委",), ()), ("一/2", ("市发展改革委",), ()),
        ("二/3", ("市财政局",), ()), ("二/4", ("市财政局",), ("市审计局",))]


def test_own_place_keeps_its_name() -> None:
    doc = parse("上海市闵行区人民政府办公室\n关于做好平安建设工作的通知\n"
                "一、加强治安防控。(区委政法委牵头，区司法局、闵行公安分局配合)\n")
    (task,) = doc.tasks
    assert task.support == ("区司法局", "闵行公安分局")


def test_a_line_closing_a_section_assigns_every_item_above() -> None:
    doc = parse("一、做强海洋产业\n(一)推进渔业转型。新建网箱50组。\n(二)发展生物医药。培育企业3家。\n"
                "以上任务由市海洋局牵头，市科技局配合，2025年底前完成。\n二、扩大开放\n(三)推动港口升级。(市交通运输局负责)\n")
    first, second, third = doc.tasks
    for task in (first, second):
        assert (task.lead, task.support) == (("市海洋局",), ("市科技局",))
        assert [d.due for d in task.deadlines] == ["2025-12-31"]
    assert "以上任务" not in second.text and third.lead == ("市交通运输局",)


def test_a_latin_full_stop_ends_a_sentence() -> None:
    doc = parse("一、保障措施\n(一)加大金融支持.人民银行定西市分行会同市财政局推广贷款产品.\n")
    (task,) = doc.tasks
    assert (task.lead, task.support) == (("人民银行定西市分行",), ("市财政局",))


def test_the_body_opening_a_sentence_leads_its_supporters() -> None:
    doc = parse("①试验区管委会要加快推进产业园建设，州工业和信息化局、格尔木市人民政府配合做好要素保障。\n")
    (task,) = doc.tasks
    assert (task.lead, task.support) == (("试验区管委会",), ("州工业和信息化局", "格尔木市人民政府"))


def test_markdown_table_rows() -> None:
    doc = parse("| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n| :---: | --- | --- | --- | :---: |\n"
                "| 一、提升政务服务 | | | | |\n| 1 | 推行一网通办 | 市政务服务局 | 市数据局 | 2025年底前 |\n")
    (task,) = doc.tasks
    assert (task.key, task.lead, task.support) == ("一/1", ("市政务服务局",), ("市数据局",))
