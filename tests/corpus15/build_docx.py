"""Build the two .docx documents of the fifteenth held-out corpus (r02, r04).

    /work/main/.venv/bin/python tests/corpus15/build_docx.py

The text is written here as code so that it can be reviewed in a diff; the generated files are
committed (the evaluation reads them directly). Layout after GB/T 9704 as offices apply it in
Word; the helpers are tests/held_out_kit.py's.

- r02 吉林省农业农村厅: a 省直部门 分工方案 with a two-level outline 一、/（一）; each item is followed
  by ONE label paragraph `牵头处室：…；配合处室：…；分管厅领导：…；完成时限：…`.
- r04 安徽 六安市霍山县: an 审计查出问题整改清单 as a real Word table with 问题类别 and 责任领导 cells
  merged down over several rows (vMerge), multi-paragraph 整改措施 cells.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path


HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import (  # noqa: E402
    run_font, para, new_doc, red_header, cell_text, set_widths, landscape_section, page_break, body,
    signature, FANGSONG, HEITI, XBS, CENTER,
)


# ---------------------------------------------------------------------------------------------
# r02 吉林省农业农村厅: 分工方案 with 牵头处室/配合处室 label paragraphs

R02_BODY = """
# 一、确保粮食等重要农产品稳定安全供给
## （一）稳定粮食生产
全年粮食播种面积稳定在8700万亩以上，粮食产量保持在850亿斤以上，压实粮食生产目标责任。
牵头处室：种植业管理处；配合处室：计划财务处、农田建设管理处；分管厅领导：孙　波；完成时限：2025年10月底前
## （二）实施玉米单产提升工程
在30个县（市、区）整建制推进玉米单产提升，集成推广密植精准调控等关键技术，每季度调度一次推进情况。
牵头处室：种植业管理处；配合处室：科技教育处、省农业技术推广总站；分管厅领导：孙　波；完成时限：全年
## （三）做大做强肉牛产业
深入实施“秸秆变肉”暨千万头肉牛建设工程，全省肉牛发展到780万头，6月底前兑现上年度基础母牛扩群补贴。
牵头处室：省畜牧业管理局；配合处室：计划财务处、乡村产业发展处；分管厅领导：刘振宇；完成时限：2025年12月底前
# 二、加强耕地保护和高标准农田建设
## （一）推进高标准农田建设
新建和改造提升高标准农田500万亩，6月底前完成年度项目初步设计批复，同步开展已建项目“回头看”。
牵头处室：农田建设管理处；配合处室：计划财务处；分管厅领导：孙　波；完成时限：2025年12月底前
## （二）加强黑土地保护利用
实施保护性耕作面积3500万亩以上，建设黑土地保护利用示范区20个，落实“田长制”巡查要求。
牵头处室：农田建设管理处、种植业管理处；配合处室：科技教育处；分管厅领导：孙　波；完成时限：2025年11月底前
# 三、推进乡村产业高质量发展
## （一）实施农产品加工业提升行动
培育省级以上农业产业化龙头企业50户，农产品加工业产值增长6%以上。
牵头处室：乡村产业发展处；配合处室：农村合作经济指导处、计划财务处；分管厅领导：刘振宇；完成时限：2025年12月底前
## （二）加强农业品牌建设
完善“吉字号”农产品品牌目录，9月底前举办吉林农业品牌推介活动，组织企业参加中国国际农产品交易会。
牵头处室：市场与信息化处；配合处室：乡村产业发展处、省农业技术推广总站；分管厅领导：刘振宇；完成时限：9月底前
# 四、深化农村改革和依法治农
## （一）稳妥推进第二轮土地承包到期后再延长30年试点
在试点县开展延包工作，做好承包地确权登记成果应用，试点期间每月10日前报送工作进展。
牵头处室：农村合作经济指导处；配合处室：法规处；分管厅领导：王　丽；完成时限：2025年12月底前
## （二）开展农资打假专项治理
聚焦种子、农药、肥料、兽药等重点品种，每季度组织一次跨区域交叉执法检查，依法查处违法案件。
牵头处室：法规处；配合处室：省农业综合行政执法总队、种植业管理处、省畜牧业管理局；分管厅领导：王　丽；完成时限：长期坚持
# 五、工作要求
各牵头处室是任务落实的第一责任单位，要会同配合处室于3月31日前制定具体落实方案，明确时间表、路线图。厅督查室将分工任务纳入年度绩效考核，对推进不力的处室进行通报。
"""


def build_r02() -> Path:
    doc = new_doc("吉林省农业农村厅办公室文件", dt.datetime(2025, 2, 26, 9, 0))
    red_header(doc, "吉林省农业农村厅办公室文件", "吉农办发〔2025〕9号")
    para(doc, "吉林省农业农村厅办公室关于印发《贯彻落实〈中共吉林省委 吉林省人民政府关于2025年推进乡村全面振兴重点工作的实施意见〉分工方案》的通知", XBS, 22, CENTER)
    para(doc, "", indent=False)
    para(doc, "厅机关各处室，各直属单位：", indent=False)
    para(doc, "为贯彻落实《中共吉林省委 吉林省人民政府关于2025年推进乡村全面振兴重点工作的实施意见》（吉发〔2025〕2号），经厅党组会议研究同意，现将《分工方案》印发给你们。请各牵头处室会同配合处室抓好落实，每季度末月20日前将进展情况报厅办公室（督查室）。")
    signature(doc, "吉林省农业农村厅办公室", "2025年2月26日")
    para(doc, "（此件公开发布）", indent=True)
    page_break(doc)
    para(doc, "贯彻落实《中共吉林省委 吉林省人民政府关于2025年推进乡村全面振兴重点工作的实施意见》分工方案", XBS, 22, CENTER)
    para(doc, "", indent=False)
    body(doc, R02_BODY)
    out = HERE / "r02_jilin_nongyenongcunting_fengong.docx"
    doc.save(out)
    return out


# ---------------------------------------------------------------------------------------------
# r04 安徽 霍山县: 审计查出问题整改清单 in a Word table with vertically merged cells

R04_ROWS = [
    # 序号, 问题类别, 存在问题, 整改目标, 整改措施, 责任领导, 责任单位, 整改时限
    ("1", "预算管理", "部分项目预算编制不细化，年初代编预算比例达23.6%，预算执行进度偏慢。", "提高年初预算到位率",
     "1.规范代编预算管理，代编比例控制在10%以内；\n2.9月底前修订县级部门预算编制规程。", "常务副县长　储　伟", "县财政局", "2025年9月底前"),
    ("2", "预算管理", "3个单位结转结余资金未及时清理盘活，涉及金额1865万元。", "存量资金全部清理盘活",
     "1.全面清理结转两年以上资金，统筹用于急需领域；\n2.建立存量资金清理机制，每季度通报一次。", "常务副县长　储　伟",
     "县财政局，县教育局、卫生健康委", "6月30日前"),
    ("3", "预算管理", "部分政府采购项目未按规定公开采购意向，涉及金额3210万元。", "采购意向公开率达到100%",
     "1.对未公开项目逐项整改；\n2.开展政府采购领域专项检查。", "常务副县长　储　伟", "县财政局、公共资源交易中心", "立行立改，长期坚持"),
    ("4", "专项资金管理", "高标准农田建设项目资金拨付滞后，年末结存资金2140万元。", "资金按进度拨付到位",
     "1.督促项目乡镇加快工程结算；\n2.8月底前将结存资金全部拨付到位。", "副县长　王　娟",
     "县农业农村局、财政局，但家庙、落儿岭、诸佛庵镇人民政府", "2025年8月底前"),
    ("5", "专项资金管理", "就业补助资金存在重复发放问题，涉及42人8.6万元。", "追回违规资金，完善数据比对",
     "1.5月底前追回全部违规发放资金；\n2.每月开展一次社保、民政数据比对。", "副县长　王　娟\n副县长　吴　涛", "县人力资源社会保障局", "5月底前"),
    ("6", "专项资金管理", "农村公路养护资金被挤占用于其他支出，涉及金额376万元。", "资金归垫，专款专用",
     "1.7月底前完成资金归垫；\n2.完善农村公路养护资金管理办法。", "副县长　吴　涛", "县交通运输局、财政局", "7月31日前"),
    ("7", "国有资产管理", "部分行政事业单位资产账实不符，12处闲置房产未盘活。", "账实相符，闲置资产有效利用",
     "1.开展行政事业单位资产全面清查；\n2.10月底前出台闲置资产盘活方案。", "常务副县长　储　伟",
     "县财政局、机关事务管理中心，各乡镇人民政府", "10月底前"),
    ("8", "国有资产管理", "县属国有企业2笔对外担保未履行审批程序。", "规范对外担保管理",
     "1.清理存量担保事项；\n2.建立对外担保事前审批制度。", "常务副县长　储　伟", "县国资委，霍山县城市建设投资有限公司", "6月底前"),
]


def vmerge(table, col: int, first: int, last: int) -> None:
    """Merge a column down over rows first..last (table row indices), keeping one text."""
    top = table.cell(first, col)
    text = top.text
    merged = top.merge(table.cell(last, col))
    for p in merged.paragraphs[1:]:
        p._p.getparent().remove(p._p)
    merged.paragraphs[0].text = ""
    run_font(merged.paragraphs[0].add_run(text), FANGSONG, 10.5)


def build_r04() -> Path:
    doc = new_doc("霍山县人民政府办公室文件", dt.datetime(2025, 3, 14, 10, 0))
    red_header(doc, "霍山县人民政府办公室文件", "霍政办秘〔2025〕21号")
    para(doc, "霍山县人民政府办公室关于印发霍山县2024年度县级预算执行和其他财政收支审计查出问题整改清单的通知", XBS, 22, CENTER)
    para(doc, "", indent=False)
    para(doc, "各乡镇人民政府，县政府各部门、各直属机构：", indent=False)
    para(doc, "《霍山县2024年度县级预算执行和其他财政收支审计查出问题整改清单》已经县政府第36次常务会议研究同意，现印发给你们，请认真抓好整改。各责任单位要建立整改台账，整改完成一项、销号一项，每月5日前向县审计局报送整改进展，全部整改完成后15个工作日内报送整改报告。县审计局要会同县政府督查室加强跟踪检查，对整改不力的单位提请县政府约谈。")
    para(doc, "附件：霍山县2024年度县级预算执行和其他财政收支审计查出问题整改清单")
    signature(doc, "霍山县人民政府办公室", "2025年3月14日")
    para(doc, "（此件公开发布）", indent=True)
    landscape_section(doc)
    para(doc, "附件", HEITI, 16, indent=False)
    para(doc, "霍山县2024年度县级预算执行和其他财政收支审计查出问题整改清单", XBS, 20, CENTER)
    para(doc, "说明：责任单位栏排在第一位的为牵头单位；整改时限未注明年份的均为2025年。", FANGSONG, 12, indent=False)
    header = ("序号", "问题类别", "存在问题", "整改目标", "整改措施", "责任领导", "责任单位", "整改时限")
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell_text(cell, text, face=HEITI, center=True)
    for row in R04_ROWS:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row)):
            cell_text(cell, text, center=i in (0, 1, 5))
    set_widths(table, [12, 22, 50, 32, 58, 18, 42, 26])
    vmerge(table, 1, 1, 3)
    vmerge(table, 1, 4, 6)
    vmerge(table, 1, 7, 8)
    vmerge(table, 5, 1, 3)   # 储伟 over rows 1-3
    vmerge(table, 5, 7, 8)   # 储伟 over rows 7-8
    para(doc, "抄送：县委办公室，县人大常委会办公室，县政协办公室，县纪委监委。", FANGSONG, 14, indent=False)
    para(doc, "霍山县人民政府办公室　　　　　　　　　　2025年3月14日印发", FANGSONG, 14, indent=False)
    out = HERE / "r04_anhui_huoshan_shenji_zhenggai_qingdan.docx"
    doc.save(out)
    return out


if __name__ == "__main__":
    for build in (build_r02, build_r04):
        print(build().relative_to(HERE.parent.parent))
