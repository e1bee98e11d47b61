"""Stage 4, responsibility by scope, and stage 5b, the uncertainty flags: small documents."""
from __future__ import annotations

from taizhang.parse import parse
from taizhang.parse.model import FlagCode


def _units(text: str) -> list[tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]]:
    return [(t.lead, t.support, t.leaders) for t in parse(text).tasks]


def test_headings_that_group_work_by_leader_or_unit() -> None:
    doc = ("一、王建国副省长负责的工作\n（一）推进高标准农田建设。（省农业农村厅牵头，省财政厅配合）\n"
           "二、省监察厅牵头的工作\n（一）加强行政效能监察。\n（二）深化政务公开。（省政府办公厅配合）\n")
    assert _units(doc) == [(("省农业农村厅",), ("省财政厅",), ("王建国",)),
                           (("省监察厅",), (), ()), (("省监察厅",), ("省政府办公厅",), ())]


def test_a_heading_lead_and_its_leader_line_reach_the_items() -> None:
    doc = "（一）区财政局牵头的工作\n牵头负责领导：周文斌\n1.完成税收收入增长。（协办单位：区税务局）\n"
    assert _units(doc) == [(("区财政局",), ("区税务局",), ("周文斌",))]


def test_work_assigned_by_item_number_in_a_paragraph_of_its_own() -> None:
    doc = ("二、重点任务\n（一）打造城市消费新场景。\n（二）扩大汽车消费。\n三、任务分工\n"
           "第（一）项由市商务局牵头，翠屏区人民政府配合；第（二）项由市经济合作局牵头。\n")
    got = parse(doc)
    assert [(t.key, t.lead, t.support) for t in got.tasks] == [
        ("二/(一)", ("市商务局",), ("翠屏区人民政府",)), ("二/(二)", ("市经济合作局",), ())]
    assert all(FlagCode.LEAD_BY_NUMBER in {f.code for f in t.flags} for t in got.tasks)


def test_a_standing_rule_adds_its_units_to_every_later_task() -> None:
    doc = ("1.落实财税政策。(责任单位:市工信局、市财政局等有关部门,各县区人民政府、园区管委会。以下政策措施均需"
           "各县区人民政府、园区管委会落实,不再单独列出)\n2.推进智改数转。(责任单位:市工信局、市财政局)\n")
    assert _units(doc)[1] == (("市工信局",), ("市财政局", "各县区人民政府", "园区管委会"), ())


def test_a_convention_of_the_document_and_a_lead_named_in_a_list() -> None:
    doc = ("1.固定资产投资增长10%。\n责任单位：市发改委、市经信局（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同）\n"
           "2.城乡居民收入增速领先。\n责任单位：市人力社保局、市农业农村局分别牵头\n")
    assert _units(doc) == [(("市发改委",), ("市经信局",), ()), (("市人力社保局", "市农业农村局"), (), ())]


def test_a_cover_notices_instructions_are_no_tasks() -> None:
    doc = ("某区人民政府办公室关于印发2023年重点工作责任分解方案的通知\n"
           "《2023年重点工作责任分解方案》已经区政府同意，现印发给你们，并就有关事项通知如下：\n"
           "一、各责任单位要高度重视，于2023年1月15日前报送工作方案。\n二、区绩效考评机构要纳入考核。\n"
           "某区人民政府办公室\n2023年1月3日\n2023年重点工作责任分解方案\n"
           "一、地区生产总值增长7%以上\n责任单位：区发展和改革局\n")
    got = parse(doc)
    assert [t.title for t in got.tasks] == ["地区生产总值增长7%以上"]
    assert (got.issuer, got.issued_on) == ("某区人民政府办公室", "2023-01-03")


def test_flags_point_at_weak_readings_not_at_every_field() -> None:
    doc = ("一、推进改革。（市发展改革委牵头，市财政局配合）\n二、优化服务。（市政务服务局负责）\n"
           "三、加强监管。（牵头单位：市市场监管局）\n四、强化宣传。\n")
    tasks = parse(doc).tasks
    assert [t.flags for t in tasks[:3]] == [(), (), ()]
    assert [f.code for f in tasks[3].flags] == [FlagCode.NO_UNIT]
    odd = parse("序号 | 工作任务 | 牵头单位 |\n1 | 推进改革 | 待定 |\n").tasks[0]
    assert [(f.field, f.code) for f in odd.flags] == [("lead", FlagCode.UNIT_UNRECOGNISED)]


def test_a_safeguard_without_units_is_flagged_for_the_office_to_decide() -> None:
    """加强组织领导 under 保障措施: some offices keep it in the ledger, some leave it out; it names
    nobody, and is flagged as a question, not as a missing unit."""
    doc = ("一、重点任务\n（一）推进改革。（市发展改革委牵头）\n（二）优化服务。（市政务服务局牵头）\n"
           "二、保障措施\n（一）加强组织领导。各地要建立工作机制。\n（二）强化督查考核。（市政府督查室负责）\n")
    tasks = parse(doc).tasks
    assert [[f.code for f in t.flags] for t in tasks] == [[], [], [FlagCode.SAFEGUARD], []]
    assert "保障措施" in tasks[2].flags[0].message


def test_flags_are_in_the_json_with_a_chinese_reason() -> None:
    task = parse("一、甲。（市财政局牵头）\n二、乙。（市税务局牵头）\n三、丙。\n").to_dict()["tasks"][2]
    assert task["uncertain"] == [{"field": "lead", "code": "no_unit", "message": "未找到责任单位，而本文件其他任务都写明了"}]


def test_what_most_tasks_share_is_the_documents_way_not_a_doubt() -> None:
    """Leads read off each paragraph's subject, in a plan that marks none: its convention, unflagged;
    the same reading as the one exception in a plan that marks its leads is flagged."""
    subjects = ("一、重点任务\n（一）县农业局要推进高标准农田建设。\n（二）县水务局要完成水库除险加固。\n"
                "（三）县财政局要落实配套资金。\n")
    assert [(t.lead, t.flags) for t in parse(subjects).tasks] == [
        (("县农业局",), ()), (("县水务局",), ()), (("县财政局",), ())]
    marked = ("一、推进改革。（市发展改革委牵头）\n二、优化服务。（市政务服务局牵头）\n"
              "三、加强监管。（市市场监管局牵头）\n四、市财政局要落实资金，市税务局配合。\n")
    last = parse(marked).tasks[3]
    assert last.lead == ("市财政局",) and [f.code for f in last.flags] == [FlagCode.LEAD_FROM_SUBJECT]
