"""Build the three .docx documents of the fourteenth held-out corpus (q05, q09, q10).

    /work/main/.venv/bin/python tests/corpus14/build_docx.py

The text of each document is written here as code so that it can be reviewed in a diff; the
generated files are committed as well (the evaluation reads them directly and must not need this
script). Layout follows GB/T 9704 as offices apply it in Word: a red 版头 line, 发文字号, a centred
title, 仿宋 body with a two-character first-line indent, 黑体/楷体 headings. Core properties are
pinned so that a rebuild gives the same metadata. The helpers are tests/held_out_kit.py's.

- q05 宜宾 (a college's party committee): 整改方案 whose problems `1.`…`7.` under `（一）`…`（三）` are
  each followed by labelled paragraphs `整改措施：` (with in-paragraph sub-steps `1.`/`2.`),
  `责任领导：`, `责任部门：`, `完成时限：`.
- q09 岳阳: the 任务分工表 is a real Word table whose 责任单位 cell holds lead and support together
  (`A牵头，B、C配合`, `A、B分别牵头，C配合`); category rows are merged across the table; the last
  row is a note merged across all columns.
- q10 荆门高新区: each project is a heading paragraph followed by ONE paragraph whose label lines
  (`建设内容：`/`年度目标：`/`包保领导：`/`责任单位：`/`时间节点：`) are separated by soft line
  breaks (w:br, Shift+Enter), as clerks type them.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import (  # noqa: E402
    para, new_doc, red_header, cell_text, set_widths, landscape_section, page_break, soft_para,
    merged_row, body, signature, HEITI, XBS, CENTER,
)


# ---------------------------------------------------------------------------------------------
# q05 四川 宜宾: a college's 巡察反馈问题整改 方案 with labelled lines

Q05_BODY = """
# 一、总体要求
坚持以习近平新时代中国特色社会主义思想为指导，把抓好巡察反馈问题整改作为重大政治任务，坚持问题导向、目标导向、结果导向，做到问题不查清不放过、整改不到位不放过、群众不满意不放过，确保反馈问题全部整改到位。
# 二、整改任务
## （一）党的领导方面
1.落实“第一议题”制度不够到位。部分党总支理论学习中心组学习流于形式，学习后研究落实不够。
整改措施：1.修订学院党委理论学习中心组学习制度，建立“第一议题”学习落实台账；2.每季度对各党总支理论学习情况开展一次督导检查。
责任领导：党委书记　杨志刚
责任部门：党委办公室牵头，党委宣传部、各党总支配合
完成时限：2024年10月底前，长期坚持
2.意识形态工作责任制落实有差距。课堂、讲座、论坛等阵地管理制度执行不严，舆情研判不及时。
整改措施：1.完善哲学社会科学报告会、讲座、论坛审批备案制度；2.建立网络舆情每月研判机制。
责任领导：党委副书记　周玉兰
责任部门：党委宣传部、各二级学院
完成时限：2024年12月31日前
## （二）全面从严治党方面
3.物资采购管理不规范。存在化整为零规避集中采购、验收程序缺失等问题。
整改措施：1.全面清理2022年以来采购项目，建立问题清单；2.修订《学院采购管理办法》，11月30日前提交院长办公会审议。
责任领导：副院长　何建军
责任部门：国有资产管理处（招标采购中心）牵头，财务处、审计处配合
完成时限：2024年11月30日前
4.科研经费使用监管不严。个别项目存在超范围列支、票据不规范问题。
整改措施：1.对在研项目经费使用情况开展全面自查；2.每半年开展一次科研经费使用专项抽查。
责任领导：副院长　罗　敏
责任部门：科技处、财务处
完成时限：2025年3月底前
## （三）办学治校方面
5.高层次人才引进培养成效不明显。人才引进计划完成率偏低，“双师型”教师占比未达到要求。
整改措施：1.修订高层次人才引进办法，完善配套待遇；2.实施“双师型”教师培养计划，选派专业教师到企业实践。
责任领导：院长　吴国庆
责任部门：人事处牵头，教务处、各二级学院配合
完成时限：2025年6月底前
6.学生资助工作精准度不够。家庭经济困难学生认定程序不规范，部分资助资金发放滞后。
整改措施：1.重新核查2024级家庭经济困难学生认定情况；2.资助资金于每月10日前足额发放到位。
责任领导：党委副书记　周玉兰
责任部门：党委学生工作部（学生处）、财务处
完成时限：2024年12月底前
7.校园安全隐患排查整治不彻底。部分实验室危化品管理台账不全，学生宿舍消防设施老化。
整改措施：1.开展实验室安全和消防安全专项整治；2.每季度开展一次校园安全隐患全面排查。
责任领导：副院长　何建军、副院长　罗　敏
责任部门：保卫处、后勤管理处、实验实训中心
完成时限：年底前完成专项整治，长期坚持
# 三、保障措施
（一）加强组织领导。学院成立巡察整改工作领导小组，党委书记任组长，对整改工作负总责，领导小组办公室设在党委办公室，具体负责整改工作的统筹协调和跟踪督办。
（二）压实整改责任。各责任领导要切实履行“一岗双责”，各责任部门主要负责人是整改第一责任人，要逐项制定整改措施，做到责任到人、措施到位。
（三）强化督查问责。对整改不力、敷衍整改、虚假整改的，依规依纪严肃追究相关人员责任。整改完成情况纳入年度目标考核。
"""


def build_q05() -> Path:
    doc = new_doc("中共宜宾临港职业技术学院委员会文件", dt.datetime(2024, 9, 6, 9, 0))
    red_header(doc, "中共宜宾临港职业技术学院委员会文件", "宜临职院委〔2024〕18号")
    para(doc, "中共宜宾临港职业技术学院委员会", XBS, 22, CENTER)
    para(doc, "关于印发《学院落实省委教育工委第三巡察组", XBS, 22, CENTER)
    para(doc, "巡察反馈问题整改工作方案》的通知", XBS, 22, CENTER)
    para(doc, "", indent=False)
    para(doc, "各党总支（直属党支部），各部门、各二级学院：", indent=False)
    para(doc, "《学院落实省委教育工委第三巡察组巡察反馈问题整改工作方案》已经学院党委会研究同意，现印发给你们，"
              "请认真抓好落实。各责任部门于每月28日前将整改进展情况报学院巡察整改工作领导小组办公室（党委办公室），"
              "整改完成后及时报送整改报告和佐证材料。")
    signature(doc, "中共宜宾临港职业技术学院委员会", "2024年9月6日")
    page_break(doc)
    para(doc, "学院落实省委教育工委第三巡察组巡察反馈问题整改工作方案", XBS, 22, CENTER)
    para(doc, "", indent=False)
    para(doc, "2024年6月至7月，省委教育工委第三巡察组对学院党委开展了巡察，并于8月20日反馈了巡察意见。"
              "为切实抓好反馈问题整改落实，制定本方案。")
    body(doc, Q05_BODY)
    para(doc, "", indent=False)
    para(doc, "中共宜宾临港职业技术学院委员会办公室　　　　2024年9月6日印发", size=14, indent=False)
    out = HERE / "q05_sichuan_yibin_xueyuan_xuncha_zhenggai.docx"
    doc.save(out)
    return out


# ---------------------------------------------------------------------------------------------
# q09 湖南 岳阳: 提振消费专项行动 任务分工表 (Word table; lead and support in one cell)

Q09_ROWS: list[tuple] = [
    ("一、促进城乡居民增收",),
    ("1", "促进工资性收入合理增长", "落实最低工资标准调整政策，开展根治欠薪专项行动，全年城镇新增就业4.5万人。",
     "市人力资源社会保障局牵头，市财政局、市总工会配合", "2025年6月底前"),
    ("2", "拓宽财产性收入渠道", "引导金融机构丰富理财产品，支持符合条件的企业上市挂牌融资。",
     "市委金融办牵头，国家金融监督管理总局岳阳监管分局、人民银行岳阳市分行配合", "持续推进"),
    ("二、加力扩围消费品以旧换新",),
    ("3", "汽车以旧换新", "落实汽车报废更新和置换更新补贴政策，每月10日前公布补贴资金使用进度。",
     "市商务局、财政局牵头，市公安局交警支队、市生态环境局配合", "2025年12月底前"),
    ("4", "家电家装以旧换新", "组织家电销售企业开展以旧换新促销活动，每季度举办一次家装消费节。",
     "市商务局牵头，各县市区人民政府配合", "每季度"),
    ("三、扩大服务消费",),
    ("5", "做旺文旅消费", "推出洞庭湖、岳阳楼精品旅游线路10条，打造夜间文旅消费集聚区3个。",
     "市文旅广体局牵头，岳阳楼区、君山区、云溪区人民政府配合", "2025年9月底前"),
    ("6", "发展养老托育消费", "新增普惠托育托位1200个，建设社区嵌入式养老服务设施20个。",
     "市民政局、卫生健康委分别牵头，市发展改革委配合", "2025年10月底前"),
    ("7", "培育体育赛事消费", "办好岳阳马拉松等品牌赛事，带动住宿餐饮消费。",
     "市文旅广体局、市体育总会", "2025年11月底前"),
    ("四、优化消费环境",),
    ("8", "创建放心消费环境", "开展放心消费示范单位创建，每季度开展一次消费领域专项执法检查。",
     "市市场监管局牵头，市商务局、文旅广体局配合", "2025年12月底前"),
    ("9", "完善县域商业体系", "建设县级物流配送中心3个、乡镇商贸中心20个。",
     "华容、湘阴县和临湘市人民政府牵头，市商务局、市供销合作社配合", "2025年12月底前"),
    ("10", "加强消费统计监测", "建立重点商贸企业监测名录，按月调度社会消费品零售总额运行情况。",
     "市统计局牵头，市商务局配合", "每月"),
]

Q09_BODY = """
# 一、工作目标
到2025年底，全市社会消费品零售总额增长6%左右，服务消费占比持续提升，消费对经济增长的拉动作用进一步增强。
# 二、重点任务
围绕促进城乡居民增收、加力扩围消费品以旧换新、扩大服务消费、优化消费环境四个方面，实施10项重点任务，具体任务分工见附件。
# 三、保障措施
（一）加强统筹协调。建立提振消费专项行动工作专班，定期研究解决工作推进中的重大问题。
（二）强化要素保障。统筹用好各类财政资金，加大对消费领域重点项目的支持力度。
（三）加强督促落实。市政府督查室将专项行动落实情况纳入重点督查内容，对工作推进不力的单位进行通报。
"""


def build_q09() -> Path:
    doc = new_doc("岳阳市人民政府办公室文件", dt.datetime(2025, 4, 3, 10, 0))
    red_header(doc, "岳阳市人民政府办公室文件", "岳政办发〔2025〕9号")
    para(doc, "岳阳市人民政府办公室", XBS, 22, CENTER)
    para(doc, "关于印发《岳阳市提振消费专项行动实施方案》的通知", XBS, 22, CENTER)
    para(doc, "", indent=False)
    para(doc, "各县市区人民政府，岳阳经济技术开发区、城陵矶新港区、南湖新区、屈原管理区管委会，市直各单位：", indent=False)
    para(doc, "《岳阳市提振消费专项行动实施方案》已经市人民政府同意，现印发给你们，请认真组织实施。"
              "各牵头单位要于每月5日前将上月工作进展情况报市商务局汇总。")
    signature(doc, "岳阳市人民政府办公室", "2025年4月2日")
    para(doc, "（此件主动公开）", indent=True)
    page_break(doc)
    para(doc, "岳阳市提振消费专项行动实施方案", XBS, 22, CENTER)
    para(doc, "", indent=False)
    para(doc, "为贯彻落实《湖南省提振消费专项行动方案》（湘政办发〔2025〕6号）精神，大力提振消费，"
              "推动全市经济持续回升向好，结合我市实际，制定本方案。")
    body(doc, Q09_BODY)
    para(doc, "附件：岳阳市提振消费专项行动任务分工表", indent=True)
    sec = landscape_section(doc)
    para(doc, "附件", HEITI, 16, indent=False)
    para(doc, "岳阳市提振消费专项行动任务分工表", XBS, 20, CENTER)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head in zip(table.rows[0].cells, ("序号", "重点任务", "具体措施", "责任单位", "完成时限")):
        cell_text(cell, head, face=HEITI, center=True)
    for row in Q09_ROWS:
        if len(row) == 1:
            merged_row(table, row[0])
            continue
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell_text(cell, text, center=(text == row[0]))
    merged_row(table, "注：责任单位栏未标注“牵头”“配合”的，列第一位的为牵头单位，其余为配合单位。", bold=False)
    set_widths(table, [12, 40, 95, 80, 32])
    out = HERE / "q09_hunan_yueyang_tizhen_xiaofei_fengong.docx"
    doc.save(out)
    return out


# ---------------------------------------------------------------------------------------------
# q10 湖北 荆门高新区: 重点项目推进计划, label lines joined by soft line breaks

Q10_PROJECTS: list[tuple[str, list[str]] | str] = [
    "# 一、产业项目",
    "## （一）新能源新材料",
    ("1.荆门楚能新材料有限公司年产5万吨正极材料项目",
     ["建设内容：新建正极材料生产车间4栋及配套仓储、研发楼，总投资32亿元。",
      "年度目标：完成投资12亿元，实现一期投产。",
      "包保领导：管委会副主任　刘　强",
      "责任单位：项目推进局牵头，招商服务局、规划建设局配合",
      "时间节点：3月底前完成设备招标；6月底前主体完工；10月底前试生产"]),
    ("2.荆门高新区储能电池回收利用项目",
     ["建设内容：建设退役动力电池拆解、再生利用生产线，总投资9.5亿元。",
      "年度目标：完成投资4亿元。",
      "包保领导：管委会副主任　刘　强",
      "责任单位：经济发展局、市生态环境局高新区分局，团林铺、麻城镇人民政府",
      "时间节点：5月底前开工建设；12月底前完成厂房主体建设"]),
    "## （二）生物医药和精细化工",
    ("3.湖北荆楚康源药业原料药产业化项目",
     ["建设内容：建设原料药合成车间及GMP标准仓库，总投资6.8亿元。",
      "年度目标：完成投资3亿元，取得药品生产许可证。",
      "包保领导：管委会副主任　陈丽华",
      "责任单位：招商服务局牵头，市场监管分局、应急管理局配合",
      "时间节点：8月底前竣工；项目建设期间每月5日前报送项目进度"]),
    ("4.精细化工园区公共管廊项目",
     ["建设内容：建设园区公共管廊12公里及配套消防、监控设施。",
      "年度目标：完成投资2.6亿元，建成管廊8公里。",
      "包保领导：管委会副主任　陈丽华、党工委委员　黄志远",
      "责任单位：规划建设局、应急管理局、荆门高新区城市建设投资有限公司",
      "时间节点：每周调度一次施工进度；11月底前建成投用"]),
    "# 二、基础设施和民生项目",
    ("5.掇刀石街道老旧小区改造项目",
     ["建设内容：改造老旧小区14个，惠及居民3200户。",
      "年度目标：全面完成改造任务。",
      "包保领导：党工委委员　黄志远",
      "责任单位：规划建设局牵头，掇刀石、白庙街道办事处负责具体实施",
      "时间节点：4月底前开工；年底前完工"]),
    ("6.高新区第二实验小学建设项目",
     ["建设内容：新建36个班规模小学一所，新增学位1620个。",
      "年度目标：完成主体工程并具备招生条件。",
      "包保领导：管委会副主任　王　军",
      "责任单位：社会事业局、规划建设局、自然资源和规划分局",
      "时间节点：8月15日前交付使用"]),
]

Q10_TAIL = """
# 三、推进机制
（一）实行领导包保。每个重点项目明确一名包保领导、一个责任单位、一套推进方案，包保领导每月至少到项目现场调研一次，协调解决项目推进中的困难和问题。
（二）强化调度通报。建立“周调度、月通报、季拉练”工作机制，项目推进局每月通报项目进展情况，每季度组织一次重点项目观摩拉练。
（三）严格考核奖惩。项目推进情况纳入年度综合考评，对推进不力、进度滞后的责任单位进行约谈。
"""


def build_q10() -> Path:
    doc = new_doc("荆门高新区管委会办公室文件", dt.datetime(2025, 2, 14, 15, 0))
    red_header(doc, "荆门高新区管委会办公室文件", "荆高管办发〔2025〕4号")
    para(doc, "关于印发《荆门高新区2025年重点项目推进计划》的通知", XBS, 22, CENTER)
    para(doc, "", indent=False)
    para(doc, "各镇（街道）、各局（办、中心），区属各国有企业：", indent=False)
    para(doc, "经管委会研究同意，现将《荆门高新区2025年重点项目推进计划》印发给你们，请认真抓好落实。"
              "各责任单位要倒排工期、挂图作战，确保项目按时间节点推进。")
    signature(doc, "荆门高新区管委会办公室", "2025年2月14日")
    page_break(doc)
    para(doc, "荆门高新区2025年重点项目推进计划", XBS, 22, CENTER)
    para(doc, "", indent=False)
    para(doc, "2025年，全区共安排重点项目6个，总投资60.9亿元，年度计划投资24.6亿元。"
              "各项目责任单位中排在第一位的为牵头单位。具体安排如下：")
    for item in Q10_PROJECTS:
        if isinstance(item, str):
            body(doc, item)
            continue
        head, lines = item
        para(doc, head, bold=True)
        soft_para(doc, lines)
    body(doc, Q10_TAIL)
    para(doc, "", indent=False)
    para(doc, "抄送：荆门市人民政府办公室，荆门市发展和改革委员会。", size=14, indent=False)
    para(doc, "荆门高新区管委会办公室　　　　　　　　2025年2月14日印发", size=14, indent=False)
    out = HERE / "q10_hubei_jingmen_gaoxinqu_zhongdian_xiangmu.docx"
    doc.save(out)
    return out


if __name__ == "__main__":
    for build in (build_q05, build_q09, build_q10):
        print(build().relative_to(HERE.parent.parent))
