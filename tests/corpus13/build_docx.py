"""Build the three .docx documents of the thirteenth held-out corpus (p01, p03, p12).

    /work/main/.venv/bin/python tests/corpus13/build_docx.py

The text of each document is written here as code so that it can be reviewed in a diff; the
generated files are committed as well (the evaluation reads them directly and must not need this
script). Layout follows GB/T 9704 as offices apply it in Word: a red 版头 line, 发文字号, a centred
title, 仿宋 body with a two-character first-line indent, 黑体/楷体 headings. Core properties are
pinned so that a rebuild gives the same metadata.

- p01 晋城: the 整改任务清单 is a real Word table with category rows merged across the whole
  table (gridSpan), 责任领导 cells merged down over two or three rows (vMerge), and 整改措施 cells
  that hold several paragraphs (`1.…` / `2.…`).
- p03 银川: the 交办表 is a Word table with merged category rows and 办理时限 cells merged down.
- p12 大足: the items under `（一）`…`（三）` carry NO typed ordinal: they are Word auto-numbered
  paragraphs (style `List Number`, one list running 1–10 across the sections), so the `1.` a reader
  sees on screen is not in the paragraph text. The 附件 is a small table whose last row is a note
  merged across all columns.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import (  # noqa: E402
    run_font, para, new_doc, red_header, cell_text, set_widths, landscape_section, FANGSONG, HEITI,
    KAITI, XBS, CENTER, RIGHT,
)


# ---------------------------------------------------------------------------------------------
# p01 山西 晋城市: 中央生态环境保护督察 整改方案 + 整改任务清单 (Word table, merged cells)

P01_ROWS: list[tuple] = [
    ("一、大气污染防治方面",),
    ("1",
     "钢铁行业超低排放改造滞后，晋城钢铁控股集团有限公司烧结机、球团工序超低排放改造未按期完成。",
     "完成钢铁企业全流程超低排放改造，并通过评估监测。",
     "1.实行“一企一策”，倒排改造工期，明确节点目标；\n2.按月调度改造进度，对进度滞后的企业实施约谈；\n3.改造完成后及时组织评估监测并向社会公示。",
     "张晓峰", "市生态环境局、工信局，泽州县政府", "2023年12月底前"),
    ("2",
     "城区建筑施工工地扬尘管控不到位，督察期间抽查的14个工地中有6个未落实“六个百分之百”要求。",
     "建筑工地扬尘防治措施全面落实到位，问题不反弹。",
     "1.立即对全市在建工地开展拉网式排查，发现问题立行立改；\n2.建成工地扬尘视频监控平台，实现规模以上工地全覆盖。",
     None, "市住建局、市城市管理局，城区政府、晋城经济技术开发区管委会", "立行立改、长期坚持"),
    ("3",
     "重型柴油货车监管不严，部分重点运输企业未建立车辆维护台账，过境货车绕行管控落实不到位。",
     "重型柴油货车排放监管形成闭环，过境货车绕行管控常态化。",
     "1.公安、生态环境、交通运输部门每季度开展一次路检路查联合执法；\n2.督促重点运输企业建立车辆维护和排放检验台账。",
     "李文斌", "市公安局、市生态环境局、市交通运输局", "2024年6月底前"),
    ("二、水污染防治方面",),
    ("4",
     "丹河流域部分国控断面水质不能稳定达标，2022年有3个月超过Ⅲ类标准。",
     "丹河流域国控断面水质稳定达到Ⅲ类。",
     "1.开展入河排污口排查整治，2023年10月底前完成溯源；\n2.实施沿河截污纳管工程，杜绝污水直排入河。",
     "王建平", "市生态环境局、市水务局，高平市、泽州县政府", "2024年12月底前"),
    ("5",
     "城镇生活污水收集处理存在短板，中心城区污水处理厂进水生化需氧量浓度长期偏低，部分片区雨污混接。",
     "城市生活污水集中收集率提高到70%以上。",
     "1.开展中心城区管网排查，建立混接错接点位清单；\n2.分年度实施雨污分流改造。",
     None, "市住建局、城区政府、晋城经济技术开发区管委会", "2025年6月底前"),
    ("6",
     "农村生活污水治理滞后，部分村庄生活污水乱排乱放。",
     "农村生活污水治理率达到30%以上。",
     "1.编制县域农村生活污水治理专项规划；\n2.优先治理水源保护区、黑臭水体周边村庄。",
     None, "市生态环境局、市农业农村局，各县（市、区）政府", "2025年12月底前"),
    ("三、生态保护和固体废物污染防治方面",),
    ("7",
     "历史遗留矿山生态修复进展缓慢，陵川县、阳城县部分废弃露天矿山未开展治理。",
     "完成历史遗留废弃矿山生态修复年度任务。",
     "1.建立废弃矿山图斑台账，逐图斑明确修复主体；\n2.统筹使用专项资金实施修复。",
     "郭志刚", "市自然资源局、林业局，陵川、阳城县政府", "2025年底前"),
    ("8",
     "煤矸石综合利用率低，部分煤矿矸石场未按规范建设，存在扬尘和淋溶水污染隐患。",
     "煤矸石场规范化整治全部完成。",
     "1.对全市煤矸石场逐一排查，建立问题清单；\n2.督促煤炭企业落实主体责任，完成整治后组织验收。",
     None, "市能源局、市生态环境局、市自然资源局", "2024年6月底前"),
    ("9",
     "部分县（市、区）对督察整改重视不够，一些问题整改标准不高，存在“表面整改”现象。",
     "整改责任全面压实，坚决杜绝敷衍整改、表面整改。",
     "1.开展整改“回头看”，对已销号问题逐一复核；\n2.对敷衍整改、表面整改的严肃追责问责。",
     "张晓峰、王建平", "市督察整改办、市纪委监委，各县（市、区）政府", "立行立改"),
]


def build_p01() -> Path:
    doc = new_doc("晋城市人民政府办公室关于印发晋城市贯彻落实中央生态环境保护督察报告整改方案的通知",
                  dt.datetime(2023, 8, 18, 9, 30))
    red_header(doc, "晋城市人民政府办公室", "晋市政办〔2023〕41号")
    para(doc, "晋城市人民政府办公室", XBS, 22, CENTER)
    para(doc, "关于印发晋城市贯彻落实中央生态环境保护督察", XBS, 22, CENTER)
    para(doc, "报告整改方案的通知", XBS, 22, CENTER)
    para(doc, "")
    para(doc, "各县（市、区）人民政府，市人民政府各委、局，各有关单位：", indent=False)
    para(doc, "《晋城市贯彻落实中央生态环境保护督察报告整改方案》已经市人民政府同意，现印发给你们，请认真组织实施。"
              "各责任单位要于每月25日前将整改进展情况报送市生态环境保护督察整改工作领导小组办公室（设在市生态环境局）。")
    para(doc, "")
    para(doc, "晋城市人民政府办公室", align=RIGHT)
    para(doc, "2023年8月18日", align=RIGHT)
    para(doc, "（此件公开发布）")
    doc.add_page_break()
    para(doc, "晋城市贯彻落实中央生态环境保护督察报告整改方案", XBS, 22, CENTER)
    para(doc, "")
    para(doc, "2023年4月10日至5月10日，中央第三生态环境保护督察组对山西省开展了第三轮生态环境保护督察，"
              "并于2023年7月12日向山西省反馈了督察报告。为切实抓好督察报告涉及我市问题的整改落实，根据《山西省贯彻落实"
              "中央生态环境保护督察报告整改方案》（晋办发〔2023〕29号）要求，结合我市实际，制定本方案。")
    para(doc, "一、总体要求", HEITI)
    para(doc, "坚持以习近平生态文明思想为指导，坚持问题导向、目标导向，把督察整改作为检验“两个维护”的试金石，"
              "坚持边督边改、立行立改，一个问题一个问题研究，一项措施一项措施落实，确保整改到位。")
    para(doc, "二、整改目标", HEITI)
    para(doc, "督察报告涉及我市的9个问题，于2025年底前全部完成整改；能立即整改的立行立改，需要长期坚持的建立长效机制。"
              "到2025年，全市空气质量优良天数比例达到72%，国控断面水质优良比例达到85%以上。")
    para(doc, "三、保障措施", HEITI)
    p = para(doc, "")
    run_font(p.add_run("（一）加强组织领导。"), KAITI, 16)
    run_font(p.add_run("各级各部门要把督察整改作为重大政治任务，主要负责同志亲自部署、亲自协调，分管负责同志具体抓好落实。"), FANGSONG, 16)
    p = para(doc, "")
    run_font(p.add_run("（二）严格销号管理。"), KAITI, 16)
    run_font(p.add_run("整改任务完成后，由责任单位提出销号申请，经验收合格后予以销号，销号材料一并归档备查。"), FANGSONG, 16)
    p = para(doc, "")
    run_font(p.add_run("（三）强化督查问责。"), KAITI, 16)
    run_font(p.add_run("对整改工作推进不力、敷衍应付、弄虚作假的，依规依纪依法严肃追究责任。"), FANGSONG, 16)
    para(doc, "")
    para(doc, "附件：晋城市贯彻落实中央生态环境保护督察报告整改任务清单", indent=False)

    landscape_section(doc)
    para(doc, "附件", HEITI, 16, indent=False)
    para(doc, "晋城市贯彻落实中央生态环境保护督察报告整改任务清单", XBS, 18, CENTER)
    header = ("序号", "问题", "整改目标", "整改措施", "责任领导", "责任单位", "整改时限")
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, header):
        cell_text(cell, name, 11, HEITI, center=True)
    leader_top = None  # the row whose 责任领导 cell is merged down over the rows with None
    for row in P01_ROWS:
        cells = table.add_row().cells
        if len(row) == 1:
            merged = cells[0].merge(cells[-1])
            cell_text(merged, row[0], 11, HEITI)
            leader_top = None
            continue
        for i, value in enumerate(row):
            if i == 4 and value is None:
                continue
            cell_text(cells[i], value, center=i in (0, 4, 6))
        if row[4] is None and leader_top is not None:
            leader_top.merge(cells[4])
        elif row[4] is not None:
            leader_top = cells[4]
    set_widths(table, [12, 52, 40, 66, 18, 40, 22])
    para(doc, "注：责任单位中排在第一位的为牵头单位，其他为配合单位。", size=12, indent=False)

    out = HERE / "p01_shanxi_jincheng_ducha_zhenggai.docx"
    doc.save(out)
    return out


# ---------------------------------------------------------------------------------------------
# p03 宁夏 银川市: 人大代表建议和政协提案 交办 (Word table, merged cells)

P03_ROWS: list[tuple] = [
    ("一、人大代表建议（6件）",),
    ("1", "第12号", "关于加快推进银川都市圈城际铁路建设的建议", "马明", "市发展改革委",
     "市交通运输局、自然资源局", "2024年6月30日前"),
    ("2", "第35号", "关于破解老旧小区加装电梯资金难题的建议", "李秀兰", "市住房城乡建设局",
     "市财政局，兴庆区、金凤区人民政府", "2024年5月31日前"),
    ("3", "第41号", "关于加强中小学校园周边交通安全管理的建议", "王志军等5人", "市公安局",
     "市教育局", None),
    ("4", "第78号", "关于推动贺兰山东麓葡萄酒产业高质量发展的建议", "张伟", "市农业农村局",
     "市商务局、文化旅游广电局，永宁县、西夏区人民政府", "2024年6月30日前"),
    ("5", "第102号", "关于加强黄河银川段生态保护修复的建议", "丁红梅", "市生态环境局、市水务局",
     "市自然资源局，灵武市、永宁县、兴庆区、贺兰县人民政府", None),
    ("6", "第126号", "关于加快补齐城市排水防涝设施短板的建议", "刘建国", "市住房城乡建设局",
     "市水务局、市自然资源局，金凤区人民政府", None),
    ("二、政协提案（6件）",),
    ("1", "第7号", "关于持续优化营商环境的提案", "民建银川市委会", "市审批服务管理局",
     "市发展改革委、市场监管局", "2024年5月31日前"),
    ("2", "第23号", "关于完善社区居家养老服务体系的提案", "杨洁", "市民政局",
     "市卫生健康委、市财政局", None),
    ("3", "第56号", "关于加强历史文化街区保护利用的提案", "九三学社银川市委会", "市文化旅游广电局、市住房城乡建设局",
     "兴庆区人民政府", "2024年6月30日前"),
    ("4", "第88号", "关于规范网络预约出租汽车经营管理的提案", "陈立新", "市交通运输局",
     "市公安局、市市场监管局，国家税务总局银川市税务局", "2024年5月31日前"),
    ("5", "第131号", "关于加快发展数字经济的提案", "马骏", "市工业和信息化局",
     "市科技局，银川经济技术开发区管委会", "2024年6月30日前"),
    ("6", "第189号", "关于加强青少年心理健康教育的提案", "民盟银川市委会", "市教育局",
     "市卫生健康委、团市委", "2024年5月31日前"),
]


def build_p03() -> Path:
    doc = new_doc("银川市人民政府办公室关于交办市十六届人大三次会议代表建议和市政协十五届三次会议提案的通知",
                  dt.datetime(2024, 3, 8, 15, 0))
    red_header(doc, "银川市人民政府办公室", "银政办发〔2024〕18号")
    para(doc, "银川市人民政府办公室关于交办市十六届人大", XBS, 22, CENTER)
    para(doc, "三次会议代表建议和市政协十五届三次", XBS, 22, CENTER)
    para(doc, "会议提案的通知", XBS, 22, CENTER)
    para(doc, "")
    para(doc, "各县（市）区人民政府，市政府各部门、各直属机构，有关单位：", indent=False)
    para(doc, "市十六届人大三次会议和市政协十五届三次会议期间，市人大代表和市政协委员围绕全市经济社会发展大局，"
              "提出了许多有价值的意见和建议。经市人大常委会代表人事工作委员会、市政协提案委员会审查确定，交由市人民政府系统"
              "办理的代表建议186件、政协提案241件。根据《银川市人民政府建议提案办理工作规定》（银政发〔2021〕37号），"
              "现将第一批重点建议提案交办如下，其余建议提案通过银川市建议提案网上办理系统另行交办。")
    para(doc, "一、压实办理责任。主办单位对建议提案办理负总责，主要负责同志要亲自研究、亲自督办；会办单位要主动配合，"
              "在主办单位答复期限届满15日前提出会办意见。")
    para(doc, "二、严格办理时限。一般建议提案于2024年5月31日前办结，重点建议提案于2024年6月30日前办结并答复代表委员，"
              "答复件同时抄送市政府督查室。")
    para(doc, "三、注重办理实效。要坚持“内容”与“形式”并重，对承诺解决的问题建立台账，跟踪落实，防止“答复了事”。")
    para(doc, "四、加强督查考核。市政府督查室每月通报办理进度，办理结果纳入年度效能目标考核。")
    para(doc, "")
    para(doc, "附件：市十六届人大三次会议代表建议和市政协十五届三次会议提案交办表（第一批）", indent=False)
    para(doc, "")
    para(doc, "银川市人民政府办公室", align=RIGHT)
    para(doc, "2024年3月8日", align=RIGHT)
    para(doc, "（此件不公开）")

    landscape_section(doc)
    para(doc, "附件", HEITI, 16, indent=False)
    para(doc, "市十六届人大三次会议代表建议和市政协十五届三次会议提案交办表（第一批）", XBS, 18, CENTER)
    header = ("序号", "建议（提案）号", "标题", "领衔代表（提案者）", "主办单位", "会办单位", "办理时限")
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, header):
        cell_text(cell, name, 11, HEITI, center=True)
    due_top = None
    for row in P03_ROWS:
        cells = table.add_row().cells
        if len(row) == 1:
            merged = cells[0].merge(cells[-1])
            cell_text(merged, row[0], 11, HEITI)
            due_top = None
            continue
        for i, value in enumerate(row):
            if value is not None:
                cell_text(cells[i], value, center=i in (0, 1, 3, 6))
        if row[6] is None:
            due_top.merge(cells[6])  # the same 办理时限 as the row above, written once
        else:
            due_top = cells[6]
    set_widths(table, [12, 22, 70, 30, 40, 60, 26])

    out = HERE / "p03_ningxia_yinchuan_jianyi_tian_jiaoban.docx"
    doc.save(out)
    return out


# ---------------------------------------------------------------------------------------------
# p12 重庆 大足区: 文化旅游工作要点, items are Word auto-numbered paragraphs (no typed ordinal)

P12_SECTIONS: list[tuple[str, list[str]]] = [
    ("（一）加强大足石刻保护研究", [
        "实施大足石刻保护工程。完成宝顶山大佛湾水害治理和北山摩崖造像本体加固工程，9月底前通过国家文物局专家组验收。"
        "（大足石刻研究院牵头，区文化旅游委、区财政局配合）",
        "深化大足石刻学术研究。办好大足石刻国际学术研讨会，出版《大足石刻全集》续编成果，每季度召开一次学术委员会会议。"
        "（大足石刻研究院负责）",
        "推动大足石刻数字化。建成大足石刻数字博物馆，完成60处重点龛窟高精度数字化采集，11月底前上线运行。"
        "（区文化旅游委、大足石刻研究院负责，区大数据发展局配合）",
    ]),
    ("（二）提升旅游景区和产品品质", [
        "推进宝顶山景区提档升级。完成景区游客中心改造和智慧停车场建设，6月底前建成投用。"
        "（区文化旅游委牵头，宝顶镇、区住房城乡建委配合）",
        "创建国家级旅游休闲街区。以昌州古城为载体完善业态布局和配套设施，年底前完成创建申报。"
        "（棠香街道、区文化旅游委、区商务委按职责分工负责）",
        "发展乡村旅游。培育市级乡村旅游重点村5个，推出乡村旅游精品线路10条。"
        "（区农业农村委、区文化旅游委分别牵头，各镇街配合）",
    ]),
    ("（三）拓展文旅消费市场", [
        "加强文旅宣传营销。深化成渝地区双城经济圈文旅合作，每月开展一次线上推介活动，全年新增入境游客1万人次。"
        "（区文化旅游委牵头，区融媒体中心配合，区政府副区长李晓燕负责协调）",
        "规范旅游市场秩序。开展“不合理低价游”、景区周边强买强卖专项整治，联合执法检查每季度不少于1次。"
        "（区市场监管局、区文化旅游委、区公安局按职责分工负责）",
        "完善旅游公共服务。新建改建旅游厕所20座，8月底前完成主要景区旅游标识标牌更新。"
        "（区文化旅游委、区交通局、区城市管理局）",
        "培育文旅消费新场景。打造夜间文旅消费集聚区2个，推出“石刻+非遗”文创产品100款以上，"
        "10月底前在宝顶山景区建成文创产品展销中心。（区商务委、区文化旅游委负责）",
    ]),
]

P12_EVENTS = [
    ("1", "2024大足石刻文化旅游节", "2024年4月", "区文化旅游委", "大足石刻研究院、宝顶镇"),
    ("2", "大足区第六届乡村文化旅游节", "2024年9月", "区农业农村委", "区文化旅游委，各镇街"),
    ("3", "第十四届中国（大足）五金博览会", "2024年10月", "区商务委", "龙水镇、区文化旅游委"),
]


def build_p12() -> Path:
    doc = new_doc("重庆市大足区人民政府办公室关于印发大足区2024年文化旅游工作要点的通知",
                  dt.datetime(2024, 3, 12, 10, 0))
    red_header(doc, "重庆市大足区人民政府办公室", "大足府办发〔2024〕23号")
    para(doc, "重庆市大足区人民政府办公室", XBS, 22, CENTER)
    para(doc, "关于印发大足区2024年文化旅游工作要点的通知", XBS, 22, CENTER)
    para(doc, "")
    para(doc, "各镇人民政府、街道办事处，区政府各部门，有关单位：", indent=False)
    para(doc, "《大足区2024年文化旅游工作要点》已经区政府第52次常务会议审议通过，现印发给你们，请认真贯彻落实。"
              "各牵头单位要于每季度末月20日前将工作推进情况报送区文化旅游委，由区文化旅游委汇总后报区政府。")
    para(doc, "")
    para(doc, "重庆市大足区人民政府办公室", align=RIGHT)
    para(doc, "2024年3月12日", align=RIGHT)
    para(doc, "（此件公开发布）")
    doc.add_page_break()
    para(doc, "大足区2024年文化旅游工作要点", XBS, 22, CENTER)
    para(doc, "")
    para(doc, "2024年是实现“十四五”规划目标任务的关键一年。为深入贯彻落实《重庆市文化和旅游发展委员会关于印发2024年"
              "全市文化旅游工作要点的通知》（渝文旅发〔2024〕12号）精神，加快建设世界级文化旅游目的地，现提出如下工作要点。")
    para(doc, "一、主要目标", HEITI)
    para(doc, "全年接待游客2600万人次以上，实现旅游综合收入增长12%以上；大足石刻景区接待游客突破300万人次，"
              "新增国家4A级旅游景区1个，文化旅游产业增加值占地区生产总值比重提高到5.5%。")
    para(doc, "二、重点任务", HEITI)
    for heading, items in P12_SECTIONS:
        para(doc, heading, KAITI)
        for item in items:
            p = para(doc, item, style="List Number")  # Word draws the "1." — it is not in the text
            p.paragraph_format.first_line_indent = Pt(32)
    para(doc, "三、保障措施", HEITI)
    para(doc, "各镇街、各部门要把文化旅游工作摆在重要位置，主要负责同志亲自抓，明确专人负责，加强协调配合，"
              "确保各项任务落地见效。区政府将把文化旅游工作纳入年度目标考核。")
    para(doc, "")
    para(doc, "附件：2024年大足区重点节会活动安排表", indent=False)
    doc.add_page_break()
    para(doc, "附件", HEITI, 16, indent=False)
    para(doc, "2024年大足区重点节会活动安排表", XBS, 18, CENTER)
    header = ("序号", "活动名称", "举办时间", "承办单位", "协办单位")
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, header):
        cell_text(cell, name, 12, HEITI, center=True)
    for row in P12_EVENTS:
        cells = table.add_row().cells
        for i, value in enumerate(row):
            cell_text(cells[i], value, 12, center=i in (0, 2))
    cells = table.add_row().cells
    note = cells[0].merge(cells[-1])
    cell_text(note, "注：具体举办时间以区政府批复为准，承办单位负责制定活动方案并于活动结束后10日内报送总结。", 12)
    set_widths(table, [14, 52, 26, 30, 40])

    out = HERE / "p12_chongqing_dazu_wenlv_yaodian.docx"
    doc.save(out)
    return out


if __name__ == "__main__":
    for built in (build_p01(), build_p03(), build_p12()):
        print(built.relative_to(HERE.parent.parent))
