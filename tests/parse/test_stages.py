"""Each named stage of the parser on its own: text in, what the stage makes of it out."""
from __future__ import annotations

import pytest

from taizhang.parse import fields
from taizhang.parse.labels import label_role, opens_with_label
from taizhang.parse.layout import lay_out
from taizhang.parse.lines import DROPPED, Role, read_lines, role_of
from taizhang.parse.tables import column_role, find_table
from taizhang.parse.text import View
from taizhang.parse.titles import clean_title, is_title_end, same_title
from taizhang.parse.units import split_units


# ── stage 1: the view ────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("text, view", [
    pytest.param("1﹒全省生产总值", "1.全省生产总值", id="small_full_stop"),
    pytest.param("﹙一﹚推进", "(一)推进", id="small_brackets"),
    pytest.param("市\n监\n察\n局", "市监察局", id="vertical_cell"),
    pytest.param("〔 20 21 〕 15 号", "〔2021〕15号", id="spaced_doc_number"),
    pytest.param("市 财政局", "市财政局", id="space_in_a_name"),
])
def test_the_view_normalises(text: str, view: str) -> None:
    assert View.of(text).view == view


def test_the_view_remembers_where_a_space_was() -> None:
    v = View.of("1 居民消费价格涨幅3%左右 发展改革委")
    assert [v.view[g:] [:1] for g in v.gaps] == ["居", "发"]


@pytest.mark.parametrize("text, kept, gone", [
    pytest.param("通知\n一、加强服务。全面推行一网通办，\n\n— 2 —\n\n提升效率。（市营商局牵头）\n二、推进改革。",
                 "全面推行一网通办,提升效率。(市营商局牵头)", "— 2 —", id="a_short_text_keeps_its_lines"),
    pytest.param("辽政办发〔2021〕1号\n通知\n" + "各地要抓好落实。\n" * 20 + "— 2 —\n辽政办发〔2021〕1号\n三、做好。",
                 "各地要抓好落实。\n\n三、做好。", "— 2 —", id="a_running_header_goes_with_the_break"),
    pytest.param("序号 |\n任务 |\n分管领导 |\n1 |\n甲。 |\n张三 |\n城管局 |\n||\n2 |\n乙。 |\n\n— 2 —\n\n张三 |\n城管局 |",
                 "2|\n乙。|\n张三|\n城管局|", "— 2 —", id="a_table_row_goes_on_over_the_break"),
])
def test_a_page_break_joins_what_it_cut(text: str, kept: str, gone: str) -> None:
    view = View.of(text).view
    assert kept in view and gone not in view


def test_names_come_back_as_the_text_writes_them() -> None:
    v = View.of("牽頭單位：市商務局。國辦函〔2014〕31號")
    at = v.view.index("市商务局")
    assert v.written("市商务局", at, at + 4) == "市商務局"
    n = v.view.index("国办函")
    assert v.written_text("国办函〔2014〕31号", n, n + 12) == "國辦函〔2014〕31號"


# ── stage 2: line roles, the index block, the page's parts ─────────────────────────────────────

@pytest.mark.parametrize("line, role", [
    pytest.param("一、推进改革", Role.ITEM, id="item"),
    pytest.param("牵头负责领导:刘惠。", Role.LABEL, id="label_made_of_words"),
    pytest.param("2023年3月28日", Role.DATE, id="date"),
    pytest.param("2019116", Role.DATE, id="garbled_date"),
    pytest.param("湄潭县人民政府督查室2019年8月12日", Role.DATE, id="signature_glued_to_date"),
    pytest.param("(此件公开发布)", Role.NOTE, id="note"),
    pytest.param("附件1", Role.ANNEX, id="annex"),
    pytest.param("(长府办发〔2012〕19号)", Role.DOC_NUMBER, id="number_in_brackets"),
    pytest.param("各市人民政府,省政府各厅委、各直属机构:", Role.SALUTATION, id="salutation"),
    pytest.param("立山区人民政府", Role.ORG, id="org"),
    pytest.param("【关闭窗口】【打印本页】", Role.CHROME, id="buttons"),
    pytest.param("现将《方案》印发给你们,请认真贯彻落实:", Role.TEXT, id="issuing_sentence_is_no_salutation"),
])
def test_a_line_has_a_role(line: str, role: Role) -> None:
    assert role_of(line, fields.read(line)) is role


@pytest.mark.parametrize("line, facts", [
    pytest.param("发文机关:国务院办公厅成文日期:2014年02月23日",
                 {"issuer": "国务院办公厅", "issued_on": "2014年02月23日"}, id="glued_fields"),
    pytest.param("文\t号\t蔡政办〔2023〕1号", {"doc_number": "蔡政办〔2023〕1号"}, id="label_spaced_out"),
    pytest.param("发布单位 | 区政府 | 发文日期 | 2022-07-14 |", {"issuer": "区政府", "issued_on": "2022-07-14"},
                 id="cells"),
    pytest.param("名称将在全市推广", {}, id="prose_is_no_index_line"),
])
def test_the_index_block_gives_the_documents_own_facts(line: str, facts: dict[str, str]) -> None:
    got = {k: v[1] for k, v in fields.read(line).items() if fields.is_fact(k)}
    assert got == facts


COVER = """某市人民政府办公室关于印发重点工作分工方案的通知
各区县人民政府,市政府各部门:
现将《某市2024年重点工作分工方案》印发给你们,并就有关事项通知如下:
一、各单位要高度重视,狠抓落实。
二、每季度末报送进展。
某市人民政府办公室
2024年2月1日
(此件公开发布)
某市2024年重点工作
分工方案
一、推进改革。(市发展改革委牵头)
"""


def test_a_cover_notice_issues_the_plan_whose_title_follows_its_signature() -> None:
    v = View.of(COVER)
    lines = read_lines(v.view, v.gaps)
    layout = lay_out(v.view, [ln for ln in lines if ln.role not in DROPPED])
    assert layout.cover is not None and "各单位要高度重视" in v.view[layout.cover[0]:layout.cover[1]]
    assert "".join(ln.text(v.view) for ln in layout.plan_title) == "某市2024年重点工作分工方案"
    assert layout.body[0].text(v.view).startswith("一、推进改革")


def test_repeated_label_lines_are_no_repeated_block() -> None:
    text = "1.甲事项推进。\n牵头单位:省财政厅\n责任单位:省税务局,各市人民政府\n2.乙事项推进。\n牵头单位:省财政厅\n责任单位:省税务局,各市人民政府\n"
    assert [ln.role for ln in read_lines(text)].count(Role.REPEAT) == 0


# ── labels: read by their words ────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("label, role", [
    ("牵头单位", "lead"), ("牵头责任单位", "lead"), ("主办单位", "lead"),
    ("协同责任单位", "support"), ("数据提供单位", "support"), ("协办单位", "support"),
    ("督办指导单位", "support"), ("会办单位", "support"),
    ("责任单位", "resp"), ("责任处室", "resp"),
    ("牵头负责领导", "leader"), ("分管省领导", "leader"), ("责任人", "leader"),
    ("部门分工", "clause"),
    ("单位", None), ("工作目标", None),
])
def test_a_label_is_read_by_what_it_is_made_of(label: str, role: str | None) -> None:
    assert label_role(label) == role


def test_a_label_line_continues_the_item_above() -> None:
    assert opens_with_label("分管省领导:林克庆") and opens_with_label("完成时限:持续推进")
    assert not opens_with_label("推进改革:加快")


# ── tables ───────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("name, role", [
    ("序 号", "key"), ("工 作 任 务", "task"), ("2022年预期目标", "task"), ("牵头负责部门", "lead"),
    ("责任主体与协同单位", "support"), ("分管 市领导", "leaders"), ("分管副市长", "leaders"),
    ("牵头单位及 主要负责人", "lead_person"), ("1-10月推进情况", "note"), ("完成时限", "due"),
    ("会办单位", "support"), ("标题", "task"), ("举办时间", "due"), ("领衔代表(提案者)", None),
    ("分管市领导:刘建军", None),
])
def test_a_column_is_known_by_its_words(name: str, role: str | None) -> None:
    assert column_role(name) == role


def _rows(text: str) -> list[dict[str, str]]:
    v = View.of(text)
    spans = [(ln.start, ln.end) for ln in read_lines(v.view, v.gaps)]
    table = find_table(v.view, spans, v.gaps)
    assert table is not None
    return [{k: c.text.strip() for k, c in row.cells.items()} for row in table.rows]


def test_a_table_set_out_by_single_spaces() -> None:
    rows = _rows("序号 工 作 任 务 牵头负责部门\n1 居民消费价格涨幅3%左右 发展改革委\n2 城镇新增就业1000万人以上 人力资源社会保障部\n")
    assert [(r["key"], r["lead"]) for r in rows] == [("1", "发展改革委"), ("2", "人力资源社会保障部")]


def test_a_row_missing_a_cell_is_matched_by_content() -> None:
    rows = _rows("大类 | 序号 | 工作任务 | 分管市领导 | 牵头单位 |\n"
                 "一、民生保障 | 1 | 提高低保标准到每人每月609元 | 陈宣群 | 市民政局 |\n"
                 "2 | 提高特困人员供养标准 | 陈宣群 | 市民政局 |\n")
    assert [(r["key"], r["leaders"], r["lead"]) for r in rows] == [("1", "陈宣群", "市民政局"), ("2", "陈宣群", "市民政局")]


def test_one_cell_a_line_with_a_category_before_each_group() -> None:
    rows = _rows("类别\n序号\n重点工作任务\n牵头单位\n完成时限\n产业发展\n1\n建成数字经济产业园二期\n区发展改革委\n年底前\n"
                 "2\n提升老字号商业街区\n区商务局\n每季度\n城市更新\n3\n改造老旧小区35个\n区住建局\n2026年10月底前\n")
    assert [(r["key"], r["lead"], r["due"]) for r in rows] == [
        ("1", "区发展改革委", "年底前"), ("2", "区商务局", "每季度"), ("3", "区住建局", "2026年10月底前")]


# ── titles and units ─────────────────────────────────────────────────────────────────────────

def test_titles() -> None:
    assert clean_title("文件库【天水市人民政府办公室关于加快推进养老服务体系建设的实施意见】") \
        == "天水市人民政府办公室关于加快推进养老服务体系建设的实施意见"
    assert clean_title("【市政府重点工作】滁州市人民政府关于2020年市政府重点工作及责任分解的通知").startswith("滁州")
    assert is_title_end("市政府工作报告重点工作责任分解") is False
    assert same_title("2023年区《政府工作报告》确定的主要目标任务责任分解方案", "区〈政府工作报告〉确定的主要目标任务责任分解方案")


@pytest.mark.parametrize("text, names", [
    pytest.param("襄阳市、十堰市、随州市、神农架林区发改委",
                 ["襄阳市发改委", "十堰市发改委", "随州市发改委", "神农架林区发改委"], id="shared_body"),
    pytest.param("王城路、唐宫路街道办事处", ["王城路街道办事处", "唐宫路街道办事处"], id="shared_street_office"),
    pytest.param("宝顶镇、区住房城乡建委", ["宝顶镇", "区住房城乡建委"], id="a_town_then_the_districts_body"),
    pytest.param("复兴镇、马山镇人民政府", ["复兴镇人民政府", "马山镇人民政府"], id="towns_share_a_government"),
    pytest.param("镇农业办、汪口村村委会、西湖社区居委会", ["镇农业办", "汪口村村委会", "西湖社区居委会"],
                 id="a_village_committee_names_its_own_place"),
    pytest.param("自治区环保厅和内蒙古电力监管办及相关盟市", ["自治区环保厅", "内蒙古电力监管办", "相关盟市"], id="and_both_ways"),
    pytest.param("省政府各部门、各直属机构", ["省政府各部门、各直属机构"], id="owned_collective"),
    pytest.param("市财政局等有关部门", ["市财政局"], id="and_other_departments"),
    pytest.param("市卫生健康委(除标注“分别牵头”外,列第一位为牵头或汇总单位,下同)", ["市卫生健康委"], id="note_of_the_document"),
    pytest.param("市政局、环卫处、崇川经济开发区", ["市政局", "环卫处", "崇川经济开发区"], id="offices_and_named_zones_keep_names"),
    pytest.param("园区市场监管局、司法局", ["园区市场监管局", "园区司法局"], id="zone_level_carried"),
])
def test_unit_lists(text: str, names: list[str]) -> None:
    assert [u.name for u in split_units(text)] == names


def test_an_item_number_typed_with_a_comma_between_its_neighbours() -> None:
    got = View.of("2、排查隐患。\n3,加强宣传。\n4、落实管护。\n共3,5个").view
    assert "3、加强宣传" in got and "共3,5个" in got


def test_a_notice_handing_over_a_list_keeps_its_title_and_its_requirements_are_no_tasks() -> None:
    from taizhang.parse import parse

    doc = parse("某市人民政府办公室关于交办代表建议的通知\n各县区人民政府，市政府各部门：\n"
                "现将第一批重点建议交办如下。\n一、压实办理责任。主办单位要负总责。\n二、严格办理时限。\n"
                "某市人民政府办公室\n2024年3月8日\n附件\n重点建议交办表\n"
                "序号|标题|主办单位|会办单位|办理时限\n1|关于加快城际铁路建设的建议|市发展改革委|市交通运输局|2024年6月30日前\n")
    assert doc.title == "某市人民政府办公室关于交办代表建议的通知"
    assert [(t.title, t.lead, t.support) for t in doc.tasks] == [
        ("关于加快城际铁路建设的建议", ("市发展改革委",), ("市交通运输局",))]
    assert doc.tasks[0].deadlines[0].due == "2024-06-30"
