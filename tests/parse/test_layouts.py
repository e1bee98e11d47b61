"""Layouts met in held-out batches, each in a small document: what must come out."""
from __future__ import annotations

from taizhang.parse import parse


def test_a_duty_list_by_unit_leads_with_the_unit_before_the_colon() -> None:
    doc = parse("二、成员单位职责\n（一）市发展改革委：负责领导小组办公室日常工作。\n"
                "（二）市自然资源局、市农牧局：负责高标准农田建设，2026年11月中旬前完成。\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [(("市发展改革委",), ()),
                                                        (("市自然资源局",), ("市农牧局",))]


def test_a_heading_leader_goes_to_items_that_name_their_own_units() -> None:
    doc = parse("一、截污治污（责任领导：杨建华副市长）\n"
                "（一）修复管网68公里。（牵头单位：市住房城乡建设局；配合单位：澄江市人民政府）\n"
                "（二）提标改造污水处理厂。（牵头单位：江川区人民政府）\n")
    assert [t.leaders for t in doc.tasks] == [("杨建华",), ("杨建华",)]


def test_a_joint_document_is_signed_by_both_issuers() -> None:
    doc = parse("中共某市委 某市人民政府关于印发工作要点的通知\n\n一、优化服务。（牵头单位：市政务服务局）\n\n"
                "中共某市委\n某市人民政府\n2026年2月5日\n")
    assert doc.issuer == "中共某市委 某市人民政府"


def test_a_full_width_space_after_a_unit_separates_units() -> None:
    doc = parse("1.开展项目招标。\n牵头单位：县农业农村局\n配合单位：县发展改革局\u3000县财政局\u3000县公共资源交易中心\n")
    assert doc.tasks[0].support == ("县发展改革局", "县财政局", "县公共资源交易中心")


def test_closing_remarks_after_the_last_duty_are_no_part_of_it() -> None:
    doc = parse("（一）市财政局：负责资金保障，每年1月底前完成绩效评价。\n\n"
                "　　各成员单位要明确一名联络员，于2026年3月20日前报领导小组办公室。\n")
    assert [(d.due, d.rrule) for d in doc.tasks[0].deadlines] == [(None, "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=-1")]
    assert "联络员" not in doc.tasks[0].text


BOX = """序号任务分解表

┌──┬──────────┬────────┬──────────┬──────┐
│序号│工作任务            │牵头单位        │配合单位            │完成时限    │
├──┴──────────┴────────┴──────────┴──────┤
│一、保障和改善民生                                                          │
├──┬──────────┬────────┬──────────┬──────┤
│1   │实施防洪提升工程，完│市水利局        │宛城区、卧龙区人民政│汛期前      │
│    │成堤防加固35公里    │                │府                  │            │
│2   │开展养老保险参保扩面│市人力资源社会保│市财政局            │每双月      │
│    │                    │障局            │                    │            │
└──┴──────────┴────────┴──────────┴──────┘
"""


def test_a_box_drawn_table_is_read_with_its_wrapped_cells_joined() -> None:
    doc = parse(BOX)
    assert [t.key for t in doc.tasks] == ["一/1", "一/2"]
    first, second = doc.tasks
    assert first.title.startswith("实施防洪提升工程,完成堤防加固35公里")
    assert first.support == ("宛城区人民政府", "卧龙区人民政府")
    assert second.lead == ("市人力资源社会保障局",)
    assert [d.rrule for d in second.deadlines] == ["FREQ=MONTHLY;INTERVAL=2"]
    for t in doc.tasks:  # the spans still slice the text as read
        assert BOX[t.span[0]:t.span[1]] == t.text


def test_a_wrapped_row_of_a_pipe_table_continues_the_row_above() -> None:
    text = ("序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限\n"
            "1 | 新建管网180公里左右， | 县建设局 | 县农业农村局，各乡镇人民政府、 | 2027年10月底前\n"
            "  | 新增受益农户5000户以上 |  | 街道办事处 | \n"
            "2 | 推进雨污分流改造 | 县住建局 | 县财政局 | 汛期前\n")
    doc = parse(text)
    assert len(doc.tasks) == 2
    assert doc.tasks[0].support == ("县农业农村局", "各乡镇人民政府、街道办事处")
    assert "5000户" in doc.tasks[0].title or any(tg.value == 5000 for tg in doc.tasks[0].targets)


def test_a_closing_clause_inside_an_item_names_its_lead() -> None:
    doc = parse("（四）促进就业增收。一是开展技能培训；二是开发公益性岗位。以上工作由市人社局牵头，"
                "市财政局、向阳区人民政府配合。\n")
    assert doc.tasks[0].lead == ("市人社局",)
    assert doc.tasks[0].support == ("市财政局", "向阳区人民政府")  # 向阳: a place, not 向 + 阳区


def test_a_body_that_opens_a_measure_is_its_lead() -> None:
    doc = parse("三、保障措施\n（一）强化考核督查。县治水办每双月开展一次专项督查。\n"
                "（二）强化资金保障。县财政局按每亩不低于500元标准落实配套资金。\n")
    assert [t.lead for t in doc.tasks] == [("县治水办",), ("县财政局",)]


def test_a_block_repeated_behind_a_pager_line_adds_nothing_to_the_item_above() -> None:
    doc = parse("二、重点任务\n（一）整治占道经营，每双月开展一次集中整治行动。责任单位：市综合行政执法局（牵头），市公安局。\n"
                "（二）规范电单车停放，11月中旬前完成。责任单位：市交通运输局（牵头）。\n\n共2页　上一页　1　2　下一页\n\n"
                "（一）整治占道经营，每双月开展一次集中整治行动。责任单位：市综合行政执法局（牵头），市公安局。\n"
                "（二）规范电单车停放，11月中旬前完成。责任单位：市交通运输局（牵头）。\n"
                "（三）推进背街小巷改造。责任单位：市住房城乡建设局。\n")
    assert [t.key for t in doc.tasks] == ["二/(一)", "二/(二)", "二/(三)"]
    assert doc.tasks[1].lead == ("市交通运输局",) and doc.tasks[1].support == ()
    assert "上一页" not in doc.tasks[1].text


JIYAO = """某市人民政府
常务会议纪要

一、关于城市内涝治理工作
　　会议听取了市城市管理局关于城市内涝治理情况的汇报。
　　会议议定：由市城市管理局牵头，市水利局配合，汛期前完成易涝点整治。
　　会议要求，颍州区、颍东区人民政府要落实属地责任，每月25日前报送进展，由副市长王海燕同志负责统筹协调。

二、关于老旧小区改造工作
　　会议议定：
　　1.市住房城乡建设局要会同市财政局，于2026年上半年完成项目申报。
　　2.某某经济技术开发区管委会参照执行，11月中旬前完成改造任务。
　　会议要求，后续管养工作由市住房城乡建设局牵头，市民政局配合，于2026年9月底前完成办法制定。

三、关于停车设施管理办法
　　会议原则通过《停车设施管理办法（送审稿）》，请市司法局根据会议意见修改完善。

　　会议强调，各地各部门要对照议定事项逐项抓好落实。
"""


def test_meeting_minutes_decisions() -> None:
    doc = parse(JIYAO)
    got = [(t.key, t.lead, t.support) for t in doc.tasks]
    assert got == [
        ("一/1", ("市城市管理局",), ("市水利局",)),
        ("一/2", ("颍州区人民政府",), ("颍东区人民政府",)),
        ("二/1", ("市住房城乡建设局",), ("市财政局",)),
        ("二/2", ("某某经济技术开发区管委会",), ()),
        ("二/3", ("市住房城乡建设局",), ("市民政局",)),
        ("三", ("市司法局",), ()),
    ]
    assert "各地各部门" not in doc.tasks[-1].text  # the closing exhortation is no part of it


SPACED = """附件
重点任务清单

序号  重点任务                            责任领导    责任单位                          完成时限
----  ----------------------------------  ----------  --------------------------------  ----------
一、守牢粮食安全底线
 1    稳定粮食播种面积，全年稳定在155万   陈光明      县农业农村局、财政局，            10月底前
      亩以上                                          各乡镇人民政府
 2    健全防止返贫监测机制，每月开展一次  周  慧      县农业农村局、民政局、医疗保障局  每月10日前
      集中排查                                                                        报送数据
 3    推动脱贫人口稳岗就业，务工规模稳定  周  慧      县人力资源和社会保障局、农业农    年底前
      在11万人以上                                    村局
"""


def test_a_fixed_width_table_joins_each_cell_wrapped_onto_the_next_lines() -> None:
    doc = parse(SPACED)
    assert [t.key for t in doc.tasks] == ["一/1", "一/2", "一/3"]
    assert doc.tasks[0].title.startswith("稳定粮食播种面积")
    assert doc.tasks[0].support == ("县财政局", "各乡镇人民政府")
    assert "陈光明" not in doc.tasks[0].title and "亩以上" in doc.tasks[0].title  # the task cell, wrapped, alone
    assert doc.tasks[1].leaders == ("周慧",)
    assert doc.tasks[2].lead == ("县人力资源和社会保障局",)
    assert doc.tasks[2].support == ("县农业农村局",)  # 农 / 村局: a name wrapped inside its cell
    for t in doc.tasks:  # every span still slices back to the original text
        for a in t.assignments:
            for _, ev in a.evidence:
                assert SPACED[ev.span[0]:ev.span[1]].replace(" ", "").replace("\n", "")


def test_the_next_number_of_a_list_opens_an_item_though_digits_follow_its_point() -> None:
    doc = parse("二、督办事项\n6.城乡居民医保参保扩面。市医保局牵头。\n7.12345热线诉求办理。市政务服务局牵头。\n")
    assert [(t.key, t.lead) for t in doc.tasks] == [("二/6", ("市医保局",)), ("二/7", ("市政务服务局",))]


def test_a_caption_before_a_clause_names_nobody() -> None:
    doc = parse("1.参保扩面。督办要求：市医保局牵头，市税务局配合，6月底前完成。\n")
    assert (doc.tasks[0].lead, doc.tasks[0].support) == (("市医保局",), ("市税务局",))


def test_a_lead_label_whose_value_marks_the_helpers() -> None:
    doc = parse("1.子项目用地手续。承办单位：市自然资源局，市生态环境局、财政局配合。\n")
    assert (doc.tasks[0].lead, doc.tasks[0].support) == (("市自然资源局",), ("市生态环境局", "市财政局"))


def test_places_joined_by_he_share_the_government_and_a_bare_one_takes_the_next_level() -> None:
    doc = parse("1.完成数据复核。（阳朔、平乐县和荔浦市人民政府分别牵头，市农业农村局配合）\n")
    assert doc.tasks[0].lead == ("阳朔县人民政府", "平乐县人民政府", "荔浦市人民政府")


def test_a_leader_named_before_the_office_and_the_headings_leader_both_answer() -> None:
    doc = parse("二、李卫东副省长牵头的重点工作\n"
                "4.做强新能源产业，9月底前建成配套电源项目（王小军副省长协助）。\n责任单位：省能源局、省工信厅\n"
                "5.推动传统产业转型升级。\n责任单位：省工信厅\n")
    assert [t.leaders for t in doc.tasks] == [("李卫东", "王小军"), ("李卫东",)]


def test_a_table_cell_that_holds_a_whole_clause() -> None:
    doc = parse("序号 | 任务 | 责任单位\n1 | 汽车以旧换新补贴 | 市商务局、财政局牵头，市公安局交警支队配合\n"
                "2 | 发展养老托育消费 | 市民政局、卫生健康委分别牵头，市发展改革委配合\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [
        (("市商务局", "市财政局"), ("市公安局交警支队",)), (("市民政局", "市卫生健康委"), ("市发展改革委",))]


def test_a_convention_note_inside_the_units_bracket_is_no_unit() -> None:
    doc = parse("1.加快超低排放改造。（责任单位：市生态环境局、工信局，闻喜县人民政府，排在第一位的为牵头单位，下同）\n"
                "2.严格项目准入。（责任单位：市发展改革委、生态环境局）\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [
        (("市生态环境局",), ("市工信局", "闻喜县人民政府")), (("市发展改革委",), ("市生态环境局",))]


def test_a_labelled_value_ends_its_line_at_a_page_break_and_a_preview_prompt_is_chrome() -> None:
    doc = parse("一、村容村貌\n（一）创建美丽乡村12个，9月底前完成。\n"
                "牵头单位：县农业农村局；配合单位：县住建局；责任县领导：张  磊\n— 3 —\n剩余3页未读，继续阅读\n")
    assert doc.tasks[0].leaders == ("张磊",)


def test_a_cell_spanning_rows_of_a_web_table_belongs_to_each_row() -> None:
    from taizhang.readers import read_bytes
    page = ("<html><body><table><tr><th>序号</th><th>重点任务</th><th>牵头市领导</th><th>牵头单位</th></tr>"
            "<tr><td>1</td><td>推动地区生产总值增长5.5%左右</td><td rowspan='2'>郑海</td><td>市发展改革局</td></tr>"
            "<tr><td>2</td><td>新增规上工业企业150家</td><td>市工业和信息化局</td></tr>"
            "<tr><td>3</td><td>加快港区二期工程建设</td><td>林晓东</td><td>市交通运输局</td></tr>"
            "</table></body></html>").encode()
    doc = parse(read_bytes(page, name="分工.html").text)
    assert [(t.leaders, t.lead) for t in doc.tasks] == [
        (("郑海",), ("市发展改革局",)), (("郑海",), ("市工业和信息化局",)), (("林晓东",), ("市交通运输局",))]


def test_the_documents_own_year_for_dates_written_without_one() -> None:
    doc = parse("某县审计整改清单\n说明：整改时限未注明年份的均为2025年。\n1.规范专项资金管理，6月底前完成。（责任单位：县财政局）\n"
                "\n某县人民政府办公室\n2024年12月20日\n")
    assert [d.due for d in doc.tasks[0].deadlines] == ["2025-06-30"]


def test_a_ministry_names_the_departments_of_a_sector_at_a_level_and_its_own_by_name() -> None:
    doc = parse("二、落实责任\n（一）落实养护责任。县级林业和草原主管部门要逐株确定养护责任人。\n"
                "（二）强化科技支撑。我局科学技术司要会同生态保护修复司开展关键技术攻关。\n"
                "请各单位于2025年12月15日前将本通知贯彻落实情况书面报送我局。\n")
    assert [t.lead for t in doc.tasks] == [("县级林业和草原主管部门",), ("科学技术司",)]
    assert not doc.tasks[-1].deadlines  # the notice's closing request is no part of the last task


def test_work_grouped_by_leader_then_by_lead_unit_with_helpers_in_brackets() -> None:
    doc = parse("一、李文华常务副市长分管的工作\n（一）市发展改革委牵头的工作\n"
                "1.全力扩大有效投资，完成投资1200亿元以上。（市财政局、自然资源局，各县（市、区）人民政府配合）\n"
                "2.深化零基预算改革，9月底前完成项目库清理。\n")
    assert [(t.lead, t.support, t.leaders) for t in doc.tasks] == [
        (("市发展改革委",), ("市财政局", "市自然资源局", "各县(市、区)人民政府"), ("李文华",)),
        (("市发展改革委",), (), ("李文华",))]


def test_a_persons_title_is_no_role_word() -> None:
    doc = parse("二、严格过程监管\n\n    深化校园食品安全守护行动，落实中小学校负责人陪餐制度，每半年开展一次检查。"
                "（市教育局牵头，市市场监管局、卫生健康委配合）\n\n"
                "    加强网络餐饮服务监管。（市市场监管局牵头，市商务局配合）\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [
        (("市教育局",), ("市市场监管局", "市卫生健康委")), (("市市场监管局",), ("市商务局",))]


def test_a_minutes_decisions_enumerated_in_one_paragraph() -> None:
    doc = parse("某市人民政府常务会议纪要\n某市人民政府第二十七次常务会议纪要\n"
                "一、关于城市更新工作\n会议听取了市住房城乡建设局的汇报。\n"
                "会议议定：一是原则同意《城市更新实施方案》，由市住房城乡建设局按程序印发实施；二是由副市长王海峰同志负责，"
                "市自然资源和规划局牵头，市财政局配合，6月底前完成专项规划编制；三是城中村改造由鸠江区人民政府负责。\n")
    assert doc.title == "某市人民政府第二十七次常务会议纪要"
    assert [(t.key, t.lead, t.leaders) for t in doc.tasks] == [
        ("一/一是", ("市住房城乡建设局",), ()), ("一/二是", ("市自然资源和规划局",), ("王海峰",)),
        ("一/三是", ("鸠江区人民政府",), ())]


def test_a_list_of_problems_with_their_rectification_is_work() -> None:
    doc = parse("二、存在的问题及整改要求\n（一）县城老旧小区改造项目进度滞后。12个小区中仅3个开工。\n"
                "整改责任单位：县住房和城乡建设局　整改时限：6月30日前\n"
                "（二）政府投资项目前期手续办理缓慢。\n"
                "整改责任单位：县发展和改革局、财政局　督导县领导：副县长 刘　畅　整改时限：5月31日前\n")
    assert [(t.lead, t.support, t.leaders) for t in doc.tasks] == [
        (("县住房和城乡建设局",), (), ()), (("县发展和改革局",), ("县财政局",), ("刘畅",))]


def test_a_report_listing_the_work_unit_by_unit_in_one_paragraph() -> None:
    doc = parse("三年打造产业集群 我市出台行动方案\n本报讯 近日，市政府办公室印发《行动方案》。\n"
                "《方案》明确了各部门责任分工。市发展改革委牵头负责发展规划编制，2026年底前建成通用机场；"
                "市财政局负责统筹设立产业基金；市交通运输局会同市公安局推进航线开通；"
                "各县（市、区）人民政府负责落实属地责任，每月报送推进情况。\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [
        (("市发展改革委",), ()), (("市财政局",), ()), (("市交通运输局",), ("市公安局",)),
        (("各县(市、区)人民政府",), ())]


def test_the_offices_of_a_leader_name_no_body() -> None:
    doc = parse("1.深化网格建设。（牵头领导：党工委副书记、办事处主任 何　立；责任部门：党建工作办公室）\n")
    assert doc.tasks[0].leaders == ("何立",)


def test_a_notice_whose_items_run_on_after_its_opening_sentence() -> None:
    doc = parse("某市人民政府办公室关于做好当前森林防火工作的通知\n各县（市）、区人民政府：\n"
                "　　为切实做好防火工作，现就有关事项通知如下：1.严格管控野外火源，3月31日前设置检查站（市林业和草原局负责）；"
                "2.加强火险监测预警（市应急管理局、气象局负责）；3.落实属地管护责任（各县（市）、区人民政府负责）。\n"
                "\n某市人民政府办公室\n2026年3月9日\n")
    assert [(t.key, t.lead) for t in doc.tasks] == [
        ("1", ("市林业和草原局",)), ("2", ("市应急管理局",)), ("3", ("各县(市)、区人民政府",))]


def test_a_guiding_office_helps_the_bodies_that_do_the_work() -> None:
    doc = parse("一、重点任务\n（一）加强演出市场监管，每季度开展一次联合检查。"
                "（各市（州）文化广播电视和旅游局负责，省厅市场管理处负责指导）\n"
                "（二）完善村庄规划。\n包村领导：各包村领导；责任站所：村镇规划建设发展中心、综合行政执法大队\n")
    assert [(t.lead, t.support, t.leaders) for t in doc.tasks] == [
        (("各市(州)文化广播电视和旅游局",), ("省厅市场管理处",), ()),
        (("村镇规划建设发展中心",), ("综合行政执法大队",), ())]


def test_the_lines_under_an_item_that_only_say_who_does_it_are_its_own() -> None:
    doc = parse("三、重点任务\n（一）建设和美乡村示范村。推进示范村建设，9月底前完成景观节点改造。\n"
                "责任单位：村镇建设办，大溪村、五鹤村村民委员会\n（责任人：副镇长 章立新，配合人：俞　峰）\n"
                "（二）深化乡村治理。每季度开展一次矛盾纠纷排查化解。\n责任单位：综治中心，司法所\n（责任人：胡　敏，配合人：潘建军）\n")
    assert [(t.key, t.lead, t.leaders) for t in doc.tasks] == [
        ("三/(一)", ("村镇建设办",), ("章立新", "俞峰")), ("三/(二)", ("综治中心",), ("胡敏", "潘建军"))]


def test_dates_without_a_year_take_the_year_of_the_documents_number_when_nothing_else_dates_it() -> None:
    doc = parse("某县人民政府办公室关于第一季度重点工作督查情况的通报\n某政办通〔2026〕2号\n"
                "二、存在的问题及整改要求\n（一）老旧小区改造进度滞后。\n整改责任单位：县住房和城乡建设局　整改时限：6月30日前\n")
    assert [d.due for d in doc.tasks[0].deadlines] == ["2026-06-30"]


def test_a_unit_named_with_dui_wai_is_a_unit() -> None:
    doc = parse("（一）推进内外贸一体化，10月底前培育领跑企业30家。（市场体系建设处牵头，对外贸易处配合）\n"
                "（二）引导对外投资合作有序发展。（对外投资和经济合作处）\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [(("市场体系建设处",), ("对外贸易处",)),
                                                        (("对外投资和经济合作处",), ())]
    assert not any(f.field == "lead" for t in doc.tasks for f in t.flags)


def test_a_one_character_county_keeps_its_level_under_a_shared_government() -> None:
    doc = parse("（一）修订应急预案。（牵头单位：市生态环境局；配合单位：市气象局，苍梧、藤县、蒙山县人民政府）\n")
    assert doc.tasks[0].support == ("市气象局", "苍梧县人民政府", "藤县人民政府", "蒙山县人民政府")


def test_the_span_the_text_states_is_the_period() -> None:
    campaign = parse("梧州市2026—2027年秋冬季大气污染防治攻坚方案\n为做好秋冬季大气污染防治工作，制定本方案。"
                     "攻坚期为2026年10月1日至2027年3月31日。\n一、加强监测。（牵头单位：市生态环境局）\n")
    assert (campaign.period.start, campaign.period.end) == ("2026-10-01", "2027-03-31")
    action = parse("关于开展文化市场专项行动的通知\n省厅决定于2026年4月至10月在全省开展文化市场专项行动。\n"
                   "一、加强巡查。（牵头单位：市场管理处）\n")
    assert (action.period.start, action.period.end) == ("2026-04-01", "2026-10-31")
    rule = parse("某市考核办法\n第一条 市发展改革委于每年12月10日前报送考核结果。\n"
                 "第二条 本办法自2026年5月1日起施行，有效期为2026年5月1日至2028年12月31日。\n")
    assert rule.period is None  # a rule's validity is no span it plans for


def test_an_article_whose_subject_acts_by_a_date_assigns_it() -> None:
    doc = parse("某市营商环境考核办法\n第一条 为压实责任，制定本办法。\n"
                "第二条 考核工作由市发展改革委牵头组织实施，市统计局配合。\n"
                "第三条 各县（市、区）人民政府于每年12月10日前向市发展改革委报送年度自评报告。\n"
                "第四条 考核结果由市发展改革委于次年1月底前报市委、市政府。\n"
                "第五条 本办法由市发展改革委负责解释。\n")
    assert [(t.key, t.lead) for t in doc.tasks] == [("第二条", ("市发展改革委",)),
                                                    ("第三条", ("各县(市、区)人民政府",)),
                                                    ("第四条", ("市发展改革委",))]


def test_a_closing_request_to_report_is_no_part_of_the_last_item() -> None:
    doc = parse("三、整改要求\n（一）医务科要加强核心制度培训。\n（二）各临床科室要全面开展自查，长期坚持。\n"
                "各科室于8月5日前将整改情况书面报质控办。\n")
    assert "质控办" not in doc.tasks[-1].text


def test_a_quarter_without_di_is_a_deadline_unless_reported_on() -> None:
    doc = parse("2026年工作要点\n一、推进改造，三季度完成改造任务。（牵头单位：区住建局）\n"
                "二、建设平台。完成时限：四季度\n牵头单位：区数据局\n")
    assert [d.due for t in doc.tasks for d in t.deadlines] == ["2026-09-30", "2026-12-31"]
    report = parse("关于2025年第一季度重点工作落实情况的督查通报\n1.管网项目。计划一季度完成投资3.2亿元，实际完成1.9亿元。"
                   "督办要求：6月底前完成。承办单位：市住建局\n市委督查室\n2025年4月15日\n")
    assert [d.due for t in report.tasks for d in t.deadlines] == ["2025-06-30"]


def test_a_label_after_a_unit_glued_to_it_leaves_the_unit_whole() -> None:
    doc = parse("1.推进产业升级，年底前完成。 责任领导：李明 牵头单位：区工业和信息化局 配合单位：区发展改革局 完成时限：年底前\n")
    assert (doc.tasks[0].lead, doc.tasks[0].support, doc.tasks[0].leaders) == (("区工业和信息化局",), ("区发展改革局",), ("李明",))


def test_a_title_broken_before_its_kind_of_document() -> None:
    doc = parse("宿州市人民政府办公室文件\n宿政办秘〔2026〕9号\n宿州市人民政府办公室\n关于做好2026年秸秆综合利用和禁烧工作的\n通知\n"
                "各县、区人民政府：\n现就有关工作通知如下。\n一、推进秸秆还田。（牵头单位：市农业农村局）\n")
    assert doc.title == "宿州市人民政府办公室关于做好2026年秸秆综合利用和禁烧工作的通知"


def test_streets_and_towns_share_the_body_named_after_the_last() -> None:
    doc = parse("1.推进老旧小区改造。（牵头单位：区住建局；配合单位：柯桥街道、华舍街道办事处）\n"
                "2.加强基层党建。（牵头单位：县委组织部；配合单位：郓州街道、唐塔街道党工委）\n"
                "3.激发民间投资。（牵头单位：市发改委、工商联）\n")
    assert [t.support for t in doc.tasks[:2]] == [("柯桥街道办事处", "华舍街道办事处"), ("郓州街道党工委", "唐塔街道党工委")]
    assert doc.tasks[2].lead == ("市发改委", "市工商联")


def test_a_news_page_credit_after_the_signature_is_chrome() -> None:
    doc = parse("我市出台工作方案\n记者从市发改委获悉，《方案》全文如下：\n某市工作方案\n一、重点任务\n"
                "（一）抓好项目建设。（牵头单位：市发改委）\n某市人民政府办公室\n2026年3月16日\n（责任编辑：陈瑶）\n")
    assert (doc.issuer, doc.issued_on) == ("某市人民政府办公室", "2026-03-16")


def test_a_lone_list_of_units_that_do_the_work_is_led_by_its_first() -> None:
    """承办单位 in a 督办单: alone, the first of a list leads (as a lone 责任单位 does); beside 协办单位
    or with 配合 after a comma, the 承办单位 leads."""
    doc = parse("一、议定事项：做好陶瓷企业用工服务。\n承办单位：市人社局、市陶瓷工业发展局\n办理时限：3月31日前\n"
                "二、议定事项：推进城市更新。\n承办单位：市住建局；协办单位：珠山区人民政府\n"
                "三、议定事项：加快用地报批。承办单位：市自然资源局，市生态环境局、财政局配合。\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [
        (("市人社局",), ("市陶瓷工业发展局",)), (("市住建局",), ("珠山区人民政府",)),
        (("市自然资源局",), ("市生态环境局", "市财政局"))]


def test_a_name_broken_over_two_lines_is_one_name() -> None:
    doc = parse("一、排查隐患。6月底前完成。（牵头单位：市城管局；配合单位：市\n住房城乡建设局、许昌燃气有限公司）\n"
                "二、整治餐饮场所。（牵头单位：市市场监管局）\n")
    assert doc.tasks[0].support == ("市住房城乡建设局", "许昌燃气有限公司")


def test_a_subject_line_of_the_banners_own_kind_is_the_title() -> None:
    doc = parse("景德镇市人民政府办公室\n督 办 单\n景府办督〔2026〕4号\n市政府第四十七次常务会议议定事项督办单\n"
                "各县（市、区）人民政府：\n一、议定事项：做好用工服务。\n承办单位：市人社局\n")
    assert doc.title == "市政府第四十七次常务会议议定事项督办单"


def test_a_problem_handed_to_someone_by_its_own_label_is_a_task() -> None:
    doc = parse("一、总体情况\n上半年全市项目推进较快。\n二、存在问题\n1.部分项目开工滞后。冀州区5个项目未按计划开工。\n"
                "整改责任单位：冀州区人民政府、市发展改革委 整改时限：2024年9月底前\n"
                "2.部分项目投资统计不实。滨湖新区2个项目虚报投资。\n")
    assert [(t.key, t.lead, t.support) for t in doc.tasks] == [("二/1", ("冀州区人民政府",), ("市发展改革委",))]


def test_measures_enumerated_in_a_news_paragraph_are_tasks() -> None:
    doc = parse("我市出台外贸工作方案\n本报讯 近日，《方案》明确，一是支持企业开拓国际市场，由市商务局牵头，市财政局、市贸促会配合。"
                "二是培育外贸主体，由市商务局会同泉州海关推进。三是提升通关便利化水平，由泉州海关负责。\n责任编辑：黄晓燕\n")
    assert [(t.key, t.lead, t.support) for t in doc.tasks] == [
        ("一是", ("市商务局",), ("市财政局", "市贸促会")), ("二是", ("市商务局",), ("泉州海关",)),
        ("三是", ("泉州海关",), ())]


def test_a_closing_line_after_items_that_name_nobody_is_every_items() -> None:
    doc = parse("一、保障防洪安全\n1.压实防汛责任。5月底前完成公示。\n2.加快水库除险加固。\n二、加强党的建设\n"
                "3.深入推进从严治党。\n以上工作由厅各处室按职责分工负责。\n")
    assert [t.lead for t in doc.tasks] == [("厅各处室",)] * 3


def test_a_title_in_its_own_frame_under_the_sites_name() -> None:
    doc = parse("泸溪县人民政府门户网站\n首页 > 政务公开 > 县政府文件\n【泸溪县人民政府关于加快推进农村产业融合发展的实施意见】\n"
                "泸政发〔2020〕11号\n各乡镇人民政府：\n一、壮大主导产业。（县农业农村局牵头）\n泸溪县人民政府\n2020年6月5日\n"
                "扫一扫在手机打开当前页\n")
    assert doc.title == "泸溪县人民政府关于加快推进农村产业融合发展的实施意见"
    assert (doc.issuer, doc.issued_on) == ("泸溪县人民政府", "2020-06-05")


def test_with_no_title_line_the_breadcrumbs_last_step_names_the_document() -> None:
    doc = parse("铜仁市碧江区人民政府\n首页 > 乡镇(街道) > 灯塔街道 > 信息公开 > 灯塔街道2026年民生实事项目清单\n"
                "| 序号 | 项目名称 | 责任科室 | 完成时限 |\n| 1 | 老旧小区加装电梯 | 城市建设管理办公室 | 10月底前 |\n")
    assert doc.title == "灯塔街道2026年民生实事项目清单"


def test_a_note_on_the_lists_order_after_its_last_unit_is_no_part_of_the_name() -> None:
    doc = parse("1.推进城镇老旧小区改造。\n责任单位:市住房城乡建设局、市财政局,各县(市、区)人民政府(列第一位的为牵头单位)\n")
    assert (doc.tasks[0].lead, doc.tasks[0].support) == (("市住房城乡建设局",), ("市财政局", "各县(市、区)人民政府"))


def test_a_bare_fuze_after_a_named_lead_supports_it() -> None:
    """(A牵头，各市州人民政府负责): the lead is named, the others do their part; but 攻关，B负责编制规程
    is B's own piece of work, which it leads."""
    doc = parse("（一）推进政务数据共享。（省政务局牵头，各市州人民政府负责）\n"
                "（二）强化科技支撑。我局科学技术司要会同生态保护修复司开展攻关，中国林业科学研究院负责编制技术规程。\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [
        (("省政务局",), ("各市州人民政府",)), (("科学技术司", "中国林业科学研究院"), ("生态保护修复司",))]


def test_a_notice_whose_work_is_listed_in_its_attachment() -> None:
    """附件：title / title / 1.…: the page dropped the attachment's own 附件 line; the notice's own
    一、提高思想认识 is no task when the attachment lists the work; the site's footer is no unit."""
    doc = parse("发布机构：淮北市人民政府   生成日期：2023-03-08\n淮北市人民政府关于做好2023年城市更新工作的通知\n"
                "各县、区人民政府：\n现就有关工作通知如下：\n一、提高思想认识。各县区要把城市更新作为重要抓手。\n"
                "二、压实工作责任。各责任单位要每月5日前将进展报市城市更新工作领导小组办公室（市住房城乡建设局）。\n"
                "淮北市人民政府\n2023年3月6日\n（此件公开发布）\n附件：2023年城市更新重点任务清单\n2023年城市更新重点任务清单\n"
                "1.实施老旧小区改造。责任单位：市住房城乡建设局\n2.推进生命线工程建设。责任单位：市城市管理局\n"
                "3.开展城市体检。责任单位：市住房城乡建设局\n"
                "主办单位：淮北市人民政府办公室  网站标识码：3406000001  皖ICP备05003268号\n")
    assert (doc.issuer, doc.issued_on) == ("淮北市人民政府", "2023-03-06")
    assert [(t.key, t.lead) for t in doc.tasks] == [
        ("附件/1", ("市住房城乡建设局",)), ("附件/2", ("市城市管理局",)), ("附件/3", ("市住房城乡建设局",))]


def test_the_body_named_after_huitong_stops_before_the_work_it_does() -> None:
    doc = parse("第五条 由县住建局会同县自然资源局规划建设镇级生活垃圾转运站，2021年6月底前全部建成。\n"
                "第六条 县农业农村局会同县卫生健康局推进农村厕所粪污协同治理。\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [
        (("县住建局",), ("县自然资源局",)), (("县农业农村局",), ("县卫生健康局",))]


def test_the_manner_of_a_role_word_keeps_the_role() -> None:
    """市乡村振兴局、市财政局共同参与 · 各协办单位要主动配合 (everyone of a kind: the closing remark
    stays a remark, it does not split the last item)."""
    doc = parse("（一）推进乡村振兴。由市农业农村局牵头负责，市乡村振兴局、市财政局共同参与。\n"
                "（二）建设乡镇综合文化站。\n建成文化站5个。\n主办单位：区文化局\n协办单位：区财政局\n\n"
                "各主办单位要制定实施方案。各协办单位要主动配合，形成工作合力。\n")
    assert [(t.key, t.lead, t.support) for t in doc.tasks] == [
        ("(一)", ("市农业农村局",), ("市乡村振兴局", "市财政局")), ("(二)", ("区文化局",), ("区财政局",))]


def test_a_township_and_a_body_named_after_its_city_are_units_of_their_own() -> None:
    doc = parse("（三）整合农村供水工程。（区水利局牵头，杜店街道、秦皇台乡、梁才街道配合）\n"
                "（四）发展普惠金融。（市农业农村局牵头，市财政局、萍乡农商银行配合）\n")
    assert [t.support for t in doc.tasks] == [("杜店街道", "秦皇台乡", "梁才街道"), ("市财政局", "萍乡农商银行")]


def test_an_article_making_a_body_answerable_counts_even_under_general_provisions() -> None:
    doc = parse("第一章 总则\n第一条 为规范户外广告设施设置，制定本办法。\n"
                "第二条 市城管局负责全市户外广告设施设置的监督管理工作，按季度组织开展安全检查。\n")
    assert [(t.key, t.lead) for t in doc.tasks] == [("第一章/第二条", ("市城管局",))]


def test_the_lead_in_of_a_paragraph_listing_duties_names_nobody() -> None:
    doc = parse("市政府出台养老服务方案\n在工作分工上，《方案》明确：市民政局负责养老服务规划的编制；"
                "市发展改革委负责将养老设施纳入规划；市财政局负责统筹安排发展资金。\n"
                "乌海市人民政府 | 首页 > 政务公开 > 新闻\n")
    assert [t.lead for t in doc.tasks] == [("市民政局",), ("市发展改革委",), ("市财政局",)]


def test_a_units_work_run_on_after_its_name_is_a_list_under_it() -> None:
    doc = parse("二、任务分工\n　　市应急管理局：1.组织开展专项整治，2023年6月底前完成。2.会同市消防救援支队开展风险评估。\n"
                "　　各辖市、区人民政府：1.落实属地管理责任，年底前完成标准化建设。\n")
    assert [(t.key, t.lead, t.support) for t in doc.tasks] == [
        ("二/市应急管理局/1", ("市应急管理局",), ()),
        ("二/市应急管理局/2", ("市应急管理局",), ("市消防救援支队",)),
        ("二/各辖市、区人民政府/1", ("各辖市、区人民政府",), ())]


def test_a_header_of_two_rows_names_the_columns_by_its_lower_row() -> None:
    doc = parse("重点工作安排\n序号 | 工作任务 | 责任分工 | 责任分工 | 完成时限\n序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限\n"
                "1 | 推进明厨亮灶工程。 | 市市场监管局 | 市商务局 | 2016年10月31日前\n")
    assert [(t.title or t.text[:6], t.lead, t.support) for t in doc.tasks][0][1:] == (("市市场监管局",), ("市商务局",))
    assert len(doc.tasks) == 1


def test_a_second_name_in_brackets_is_the_same_office() -> None:
    doc = parse("一、产业帮扶\n1.巩固脱贫成果。\n牵头单位：县农业农村局（县乡村振兴局）\n配合单位：县民政局、县医保局\n")
    assert (doc.tasks[0].lead, doc.tasks[0].support) == (("县农业农村局(县乡村振兴局)",), ("县民政局", "县医保局"))


def test_a_guiding_bureau_beside_the_bodies_that_do_the_work_supports() -> None:
    doc = parse("二、主要任务\n（一）落实日常养护。（各乡镇人民政府、街道办事处负责，区交通运输局指导）\n"
                "（二）整治燃气管网。（市燃气公司负责，市住房城乡建设局督促指导）\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [
        (("各乡镇人民政府、街道办事处",), ("区交通运输局",)), (("市燃气公司",), ("市住房城乡建设局",))]


def test_the_stages_of_an_action_are_its_schedule_not_tasks() -> None:
    doc = parse("二、主要任务\n（一）排查燃气隐患。（市住房城乡建设局牵头）\n三、时间安排\n"
                "第一阶段：动员部署（2022年4月15日前）。各地各有关部门制定具体实施方案。\n"
                "第二阶段：排查整治（2022年4月16日至9月30日）。全面开展隐患排查。\n")
    assert [t.key for t in doc.tasks] == ["二/(一)"]


def test_the_span_of_a_campaign_stated_in_the_notice_is_the_period() -> None:
    doc = parse("关于印发2017年秋冬季大气污染综合治理攻坚任务分工的通知\n各县（区）人民政府：\n"
                "市政府决定开展攻坚行动，攻坚时间为2017年10月1日至2018年3月31日。\n"
                "1.淘汰燃煤锅炉。（市环保局牵头）\n")
    assert doc.period is not None and (doc.period.start, doc.period.end) == ("2017-10-01", "2018-03-31")


def test_letters_ocr_read_for_digits_inside_numbers_are_digits() -> None:
    doc = parse("某镇人民政府文件\n某政发〔2O17〕18号\n关于做好秸秆禁烧工作的通知\n"
                "一、工作任务\n（一）全面排查火点，2017年l0月底前完成。（镇农业站牵头）\n某镇人民政府\n2O17年9月2O日\n")
    assert (doc.doc_number, doc.issued_on) == ("某政发〔2017〕18号", "2017-09-20")
    assert [d.due for a in doc.tasks[0].assignments for d in a.deadlines] == ["2017-10-31"]


def test_the_chief_named_for_a_river_answers_for_its_work() -> None:
    doc = parse("二、重点任务\n1.开展河道清四乱行动，2018年6月底前完成。（镇级河长：王海峰；责任单位：镇水利站、沿河各村民委员会）\n"
                "2.建立林长责任区。\n责任林长：谢建华　牵头单位：镇林业工作站　配合单位：各村民委员会\n")
    assert [(t.leaders, t.lead, t.support) for t in doc.tasks] == [
        (("王海峰",), ("镇水利站",), ("沿河各村民委员会",)),
        (("谢建华",), ("镇林业工作站",), ("各村民委员会",))]


def test_a_season_of_a_year_in_the_title_is_no_years_plan() -> None:
    doc = parse("某镇人民政府关于做好2017年秋季秸秆禁烧工作的通知\n各村：\n一、全面排查火点。（镇农业站牵头）\n")
    assert doc.period is None


def test_the_body_after_a_time_lead_in_does_the_work() -> None:
    doc = parse("四、办理要求\n1.保障资金拨付。镇财政所要及时拨付项目资金。\n"
                "2.按时报送进度。即日起至2024年10月31日，镇农业综合服务中心每周一12时前将进展报镇党政综合办公室。\n")
    assert [t.lead for t in doc.tasks] == [("镇财政所",), ("镇农业综合服务中心",)]


def test_a_closing_division_names_items_by_ranges_and_lists() -> None:
    doc = parse("二、主要任务\n（一）摸清底数。\n（二）编制计划。\n（三）争取资金。\n（四）推进改造。\n（五）完善配套。\n"
                "三、责任分工\n第（一）至（三）项由市发展改革委牵头，市财政局配合；第（四）、（五）项由市住房城乡建设局负责。\n")
    assert [(t.key, t.lead, t.support) for t in doc.tasks] == [
        ("二/(一)", ("市发展改革委",), ("市财政局",)), ("二/(二)", ("市发展改革委",), ("市财政局",)),
        ("二/(三)", ("市发展改革委",), ("市财政局",)), ("二/(四)", ("市住房城乡建设局",), ()),
        ("二/(五)", ("市住房城乡建设局",), ())]


def test_how_a_body_is_made_answerable_in_so_many_words() -> None:
    doc = parse("一、重点任务\n（一）排查危化企业。市安全监管局为责任主体，2017年6月底前完成。\n"
                "（二）水库安全度汛。东丰县、东辽县人民政府负主体责任，市水利局负监管责任。\n"
                "（三）道路交通治理。市交通运输局抓总，各县区交通运输管理部门具体实施。\n"
                "（四）安全生产大检查。市安委会办公室统筹，市安全监管局、市质监局按职责分工落实。\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [
        (("市安全监管局",), ()), (("东丰县人民政府", "东辽县人民政府"), ("市水利局",)),
        (("市交通运输局",), ("各县区交通运输管理部门",)), (("市安委会办公室",), ("市安全监管局", "市质监局"))]


def test_a_year_long_past_describes_and_sets_no_deadline() -> None:
    doc = parse("某市2019年老旧小区改造实施方案\n一、主要任务\n（一）改造2000年以前建成的老旧小区，2019年底前完成。（市住房城乡建设局牵头）\n")
    assert [d.due for a in doc.tasks[0].assignments for d in a.deadlines] == ["2019-12-31"]


def test_a_plan_whose_numbering_was_lost_is_read_by_its_paragraphs() -> None:
    doc = parse("某县2025年安全生产工作要点\n2025年全县安全生产工作的总体要求是：坚持人民至上。\n压实安全生产责任\n"
                "健全安全生产责任体系。修订成员单位职责，2025年3月底前印发实施。（责任单位：县安委办、县委编办）\n"
                "开展安全生产巡查。年底前实现全覆盖。（责任单位：县安委办）\n提升应急处置能力\n"
                "完善应急预案体系。2025年5月底前修订预案。（责任单位：县应急管理局，配合单位：县消防救援大队）\n")
    assert [(t.key, t.lead) for t in doc.tasks] == [
        ("#1/#1", ("县安委办",)), ("#1/#2", ("县安委办",)), ("#2/#1", ("县应急管理局",))]


def test_a_list_written_as_records_has_a_task_in_each() -> None:
    doc = parse("某县2020年农牧业重点工作任务清单\n------\n任务名称：稳定粮食生产\n具体内容：推广脱毒种薯8万亩。\n"
                "牵头单位：县农牧局\n配合单位：各乡镇人民政府\n完成时限：2020年6月底前\n------\n"
                "任务名称：加强动物疫病防控\n具体内容：每周开展一次疫情排查。\n牵头单位：县动物疫病预防控制中心\n完成时限：长期坚持\n"
                "------\n\n注：县政府督查室每季度对清单任务进行一次督查。\n")
    assert [(t.key, t.title, t.lead) for t in doc.tasks] == [
        ("#1", "稳定粮食生产", ("县农牧局",)), ("#2", "加强动物疫病防控", ("县动物疫病预防控制中心",))]
    assert [d.rrule for a in doc.tasks[1].assignments for d in a.deadlines if d.rrule] == ["FREQ=WEEKLY"]


def test_work_set_out_under_bullets_has_a_task_under_each() -> None:
    doc = parse("上思县2024年城乡环境卫生整治行动方案出台\n02\n整治重点\n▌城区“六乱”整治\n\n集中整治乱摆乱卖。\n\n"
                "2024年5月底前完成老城区背街小巷整治。\n\n牵头单位：县城市管理局\n配合单位：县市场监管局\n\n"
                "▌集贸市场整治\n\n全县12个乡镇集贸市场实行划行归市。\n\n牵头单位：县市场监管局\n配合单位：各乡镇人民政府\n\n"
                "03\n工作要求\n\n各乡镇要高度重视，每月报送进展。\n")
    assert [(t.title, t.lead, t.support) for t in doc.tasks] == [
        ("城区“六乱”整治", ("县城市管理局",), ("县市场监管局",)), ("集贸市场整治", ("县市场监管局",), ("各乡镇人民政府",))]


def test_an_attachments_rows_that_name_the_plans_items_fill_them() -> None:
    doc = parse("某县饮水安全巩固提升方案\n二、主要任务\n（一）工程建设\n1.实施水厂扩建工程。\n2.改造老旧供水管网。\n"
                "（二）运行管护\n1.加强水质监测。对出厂水每月检测一次。\n"
                "附件：任务分解表\n附件\n任务分解表\n序号 | 方案条目 | 工作任务 | 牵头单位 | 配合单位 | 完成时限\n"
                "1 | （一）1 | 实施水厂扩建工程 | 县水利局 | 陈庄镇人民政府 | 2016年10月底前\n"
                "2 | （一）2 | 改造老旧供水管网 | 县水务集团 | 各相关乡镇人民政府 | 2016年11月30日前\n"
                "3 | （二）1 | 加强水质监测 | 县卫生计生局 | 县环保局 | 长期坚持\n")
    assert [(t.key, t.lead, t.support) for t in doc.tasks] == [
        ("二/(一)/1", ("县水利局",), ("陈庄镇人民政府",)), ("二/(一)/2", ("县水务集团",), ("各相关乡镇人民政府",)),
        ("二/(二)/1", ("县卫生计生局",), ("县环保局",))]
    assert [d.rrule for a in doc.tasks[2].assignments for d in a.deadlines if d.rrule] == ["FREQ=MONTHLY"]


def test_the_body_before_what_it_is_to_do_leads_after_a_date() -> None:
    doc = parse("三、完善保障机制\n6.每年5月底前，各县区人民政府向市食品安全委员会书面报告上年度工作情况。\n"
                "7.2022年9月底前，市财政局将抽检经费足额纳入本级预算，市市场监管局配合。\n"
                "8.到2022年底，各县区人民政府完成监管所标准化建设，市市场监管局配合。\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [
        (("各县区人民政府",), ()), (("市财政局",), ("市市场监管局",)), (("各县区人民政府",), ("市市场监管局",))]


def test_the_leader_a_meeting_decision_names() -> None:
    doc = parse("会议纪要\n一、关于防汛。会议要求，由区住房和城乡建设局负责，区财政局配合，7月10日前完成清淤，分管领导为副区长高明辉。\n"
                "二、关于疫情防控。会议要求，区卫生健康局每日调度采样点运行情况，各街道办事处配合。分管领导为副区长刘雅琴。\n")
    assert [(t.lead, t.leaders) for t in doc.tasks] == [
        (("区住房和城乡建设局",), ("高明辉",)), (("区卫生健康局",), ("刘雅琴",))]


def test_a_word_header_whose_spanning_cell_is_read_once_is_named_by_its_lower_row() -> None:
    doc = parse("任务分工表\n序号 | 工作任务 | 责任单位 | 完成时限\n序号 | 工作任务 | 牵头 | 配合 | 完成时限\n"
                "1 | 整治机动车乱停乱放。 | 县公安局交警大队 | 县城市管理局 | 2016年6月30日前\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [(("县公安局交警大队",), ("县城市管理局",))]


def test_a_bureaus_own_sections_and_a_note_cells_rule() -> None:
    doc = parse("一、深化改革\n1.压缩企业开办时间。（责任股室：登记注册股；配合：办公室；分管领导：刘建军）\n")
    assert (doc.tasks[0].lead, doc.tasks[0].support, doc.tasks[0].leaders) == (("登记注册股",), ("办公室",), ("刘建军",))
    table = parse("序号 | 工作任务 | 责任单位 | 完成时限 | 备注\n1 | 实施黑土滩治理6万亩 | 县林业和草原局 | 2022年10月底前 | 按月调度进度\n")
    assert [d.rrule for a in table.tasks[0].assignments for d in a.deadlines if d.rrule] == ["FREQ=MONTHLY"]


def test_a_rows_sub_rows_are_more_of_the_same_task() -> None:
    doc = parse("序号 | 重点任务 | 具体措施 | 责任单位 | 完成时限\n"
                "2 | 打造红色文化旅游线路 | 修缮会址，更新陈列展览 | 县文化体育和旅游局 | 2023年7月31日前\n"
                "2 | 打造红色文化旅游线路 | 推出精品线路，每季度开展一次宣传推介 | 县文化体育和旅游局、县委宣传部 | 2023年底前\n")
    assert len(doc.tasks) == 1
    task = doc.tasks[0]
    assert (task.lead, task.support) == (("县文化体育和旅游局",), ("县委宣传部",))
    assert [d.due for a in task.assignments for d in a.deadlines if d.due] == ["2023-07-31", "2023-12-31"]


def test_a_table_set_apart_by_full_width_spaces_keeps_its_cells() -> None:
    doc = parse("附件1\n任务分工表\n序号　工作任务　牵头单位　配合单位　完成时限\n"
                "1　清理背街小巷积存垃圾　县城市管理局　文武坝镇人民政府　2018年6月10日前\n"
                "2　规范户外广告　县城市管理局　县市场监管局　2018年8月20日前\n")
    assert [(t.lead, t.support) for t in doc.tasks] == [
        (("县城市管理局",), ("文武坝镇人民政府",)), (("县城市管理局",), ("县市场监管局",))]
