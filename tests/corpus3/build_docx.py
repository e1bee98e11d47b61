"""Build the three .docx inputs of the third held-out corpus (e05, e06, e07).

    /work/main/.venv/bin/python tests/corpus3/build_docx.py

The documents are written here as code so that their text can be reviewed in a diff; the
generated files are committed too (evaluate.py reads them directly). Layout follows what offices
send each other: a red 版头 line, 发文字号, a centred title, 仿宋 body, 黑体/楷体 outline headings,
and, in e06, a task table with merged category rows. Core properties are pinned so a rebuild
does not change the metadata.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent
FANGSONG, HEITI, KAITI, XBS = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"


def run_font(run, face: str, size: float, bold: bool = False, red: bool = False) -> None:
    """Chinese faces live in w:eastAsia, which python-docx does not set by itself."""
    run.font.name = face
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
    if red:
        run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)


def para(doc, text: str, face: str = FANGSONG, size: float = 16, align=None,
         indent: bool = True, bold: bool = False, red: bool = False):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent and align is None:
        p.paragraph_format.first_line_indent = Pt(size * 2)  # 首行缩进两字
    run_font(p.add_run(text), face, size, bold, red)
    return p


def lead_in(doc, heading: str, rest: str, face: str = KAITI):
    """`（一）标题。正文……`: the heading run in 楷体, the rest in 仿宋, one paragraph."""
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(32)
    run_font(p.add_run(heading), face, 16)
    run_font(p.add_run(rest), FANGSONG, 16)
    return p


def new_doc(title: str, created: dt.datetime):
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = "办公室"
    doc.core_properties.created = created
    doc.core_properties.modified = created
    doc.core_properties.last_modified_by = "办公室"
    return doc


def header_block(doc, banner: str, number: str, title: str, to: str) -> None:
    para(doc, banner, XBS, 26, WD_ALIGN_PARAGRAPH.CENTER, red=True)
    para(doc, number, FANGSONG, 16, WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "", indent=False)
    para(doc, title, XBS, 22, WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "", indent=False)
    para(doc, to, indent=False)


def signature(doc, issuer: str, date: str) -> None:
    para(doc, "", indent=False)
    para(doc, issuer, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc, date, align=WD_ALIGN_PARAGRAPH.RIGHT)


def build_e05() -> Path:
    """湖南省茶陵县: notice + 工作方案; clause lines (牵头单位/配合单位/责任领导) under each item."""
    doc = new_doc("茶陵县2024年农村人居环境整治提升工作方案", dt.datetime(2024, 3, 20, 9, 0))
    header_block(
        doc, "茶陵县人民政府办公室文件", "茶政办发〔2024〕12号",
        "茶陵县人民政府办公室关于印发《茶陵县2024年农村人居环境整治提升工作方案》的通知",
        "各乡镇人民政府，县直有关单位：")
    para(doc, "现将《茶陵县2024年农村人居环境整治提升工作方案》印发给你们，请结合实际，认真组织实施。")
    signature(doc, "茶陵县人民政府办公室", "2024年3月20日")
    para(doc, "（此件主动公开）")
    para(doc, "", indent=False)
    para(doc, "茶陵县2024年农村人居环境整治提升工作方案", XBS, 22, WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "为贯彻落实《湖南省农村人居环境整治提升五年行动实施方案》（湘办发〔2022〕9号）和株洲市"
              "有关工作部署，持续改善农村人居环境，结合我县实际，制定本方案。")
    para(doc, "一、工作目标", HEITI)
    para(doc, "2024年，全县农村卫生厕所普及率达到90%以上，农村生活垃圾收运处置体系行政村覆盖率"
              "稳定在100%，农村生活污水治理率提高5个百分点。")
    para(doc, "二、重点任务", HEITI)
    lead_in(doc, "（一）推进农村厕所革命。", "新（改）建农村户厕1500户，5月底前完成摸底排查，"
            "10月底前完成建设任务并组织验收。")
    para(doc, "牵头单位：县农业农村局")
    para(doc, "配合单位：县卫生健康局、财政局，各乡镇人民政府")
    para(doc, "责任领导：谭海波（副县长）")
    lead_in(doc, "（二）加强生活垃圾治理。", "健全“户分类、村收集、乡镇转运、县处理”收运体系，"
            "每月开展一次村庄清洁行动，建立“红黑榜”通报制度。")
    para(doc, "牵头单位：县城市管理和综合执法局")
    para(doc, "配合单位：各乡镇人民政府")
    para(doc, "责任领导：陈志强（县委常委、副县长）")
    lead_in(doc, "（三）推进生活污水治理。", "完成15个行政村生活污水治理，第三季度完成项目招标，"
            "优先治理洣水沿线村庄。")
    para(doc, "牵头单位：株洲市生态环境局茶陵分局")
    para(doc, "配合单位：县住房和城乡建设局、县水利局")
    para(doc, "责任领导：谭海波（副县长）")
    lead_in(doc, "（四）提升村容村貌。", "开展“美丽屋场”创建，全年创建美丽屋场30个，"
            "11月30日前完成验收。")
    para(doc, "牵头单位：县住房和城乡建设局")
    para(doc, "配合单位：县自然资源局，各乡镇人民政府")
    para(doc, "责任领导：谭海波（副县长）、陈志强（县委常委、副县长）")
    para(doc, "三、保障措施", HEITI)
    lead_in(doc, "（一）强化组织领导。", "成立由县长任组长的工作领导小组，统筹推进整治提升各项工作。")
    lead_in(doc, "（二）强化资金保障。", "县财政每年安排农村人居环境整治专项资金不少于2000万元，"
            "整合涉农资金向整治提升倾斜。（责任单位：县财政局）")
    lead_in(doc, "（三）强化督查考核。", "每季度开展一次专项督查，督查结果纳入乡镇年度绩效考核。"
            "（责任单位：县委督查室、县政府督查室）")
    para(doc, "", indent=False)
    para(doc, "抄送：县委办，县人大常委会办，县政协办。", indent=False)
    para(doc, "茶陵县人民政府办公室　　　　　　　　2024年3月21日印发", indent=False)
    out = HERE / "e05_hunan_county.docx"
    doc.save(out)
    return out


# e06 table rows: (序号, 重点任务, 牵头单位, 配合单位, 完成时限, 责任领导); a 1-tuple is a category row
E06_ROWS: list[tuple[str, ...]] = [
    ("一、实施黑土地保护工程",),
    ("1", "建设高标准农田，全年新建高标准农田42万亩", "市农业农村局",
     "市财政局、自然资源局、水利局", "2024年10月底前", "刘洪涛（副市长）"),
    ("2", "推广保护性耕作，实施面积稳定在500万亩以上", "市农业农村局",
     "各县（市、区）人民政府", "2024年5月20日前", "刘洪涛（副市长）"),
    ("3", "开展侵蚀沟综合治理，全年治理侵蚀沟300条", "市水利局",
     "市农业农村局、市财政局", "2024年第三季度", "孙立新（副市长）"),
    ("二、强化监测和执法",),
    ("4", "开展黑土地质量监测，发布年度黑土地质量状况报告", "市农业农村局",
     "市自然资源局、市生态环境局", "每年4月、10月", "刘洪涛（副市长）"),
    ("5", "严厉打击盗挖盗采黑土等违法行为", "市公安局、市自然资源局",
     "市农业农村局，各县（市、区）人民政府", "长期坚持", "孙立新（副市长）、刘洪涛（副市长）"),
    ("6", "全面推行黑土地保护田长制，各级田长每月开展巡田", "市农业农村局",
     "市委组织部，各县（市、区）人民政府", "每月", "刘洪涛（副市长）"),
    ("7", "统筹整合涉农资金用于黑土地保护，整合资金不低于3亿元", "市财政局",
     "/", "2024年6月30日前", "孙立新（副市长）"),
]


def build_e06() -> Path:
    """吉林省四平市: a task list that is mostly one table, with merged category rows."""
    doc = new_doc("四平市2024年黑土地保护利用重点任务分工表", dt.datetime(2024, 3, 8, 10, 0))
    para(doc, "四平市2024年黑土地保护利用重点任务分工表", XBS, 22, WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "为深入贯彻《吉林省黑土地保护条例》，落实《吉林省人民政府办公厅关于印发吉林省黑土地保护"
              "工程实施方案（2021—2025年）的通知》（吉政办发〔2021〕40号）部署，现将2024年黑土地保护"
              "利用重点任务分解如下。请各地各部门抓好落实，每月5日前将上月工作进展报送市黑土地保护工作"
              "领导小组办公室。", size=14)
    table = doc.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(table.rows[0].cells, ("序号", "重点任务", "牵头单位", "配合单位", "完成时限", "责任领导")):
        cell.text = ""
        run_font(cell.paragraphs[0].add_run(name), HEITI, 12, bold=True)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in E06_ROWS:
        cells = table.add_row().cells
        if len(row) == 1:
            merged = cells[0].merge(cells[-1])  # a category row spans the whole table
            run_font(merged.paragraphs[0].add_run(row[0]), HEITI, 12)
            continue
        for cell, value in zip(cells, row):
            run_font(cell.paragraphs[0].add_run(value), FANGSONG, 12)
    para(doc, "", indent=False)
    para(doc, "四平市黑土地保护工作领导小组办公室", size=14, align=WD_ALIGN_PARAGRAPH.RIGHT)
    para(doc, "2024年3月8日", size=14, align=WD_ALIGN_PARAGRAPH.RIGHT)
    out = HERE / "e06_jilin_table.docx"
    doc.save(out)
    return out


def build_e07() -> Path:
    """安徽省: notice + 三年行动方案 with 一、（一）1. outline, ——goal lines, sentence clauses."""
    doc = new_doc("安徽省加快发展新能源汽车产业三年行动方案（2024—2026年）", dt.datetime(2024, 4, 18, 15, 0))
    header_block(
        doc, "安徽省人民政府办公厅", "皖政办〔2024〕9号",
        "安徽省人民政府办公厅关于印发安徽省加快发展新能源汽车产业三年行动方案（2024—2026年）的通知",
        "各市人民政府，省政府各部门、各直属机构：")
    para(doc, "《安徽省加快发展新能源汽车产业三年行动方案（2024—2026年）》已经省政府同意，现印发给你们，"
              "请认真贯彻落实。")
    signature(doc, "安徽省人民政府办公厅", "2024年4月18日")
    para(doc, "（此件公开发布）")
    para(doc, "", indent=False)
    para(doc, "安徽省加快发展新能源汽车产业三年行动方案（2024—2026年）", XBS, 22, WD_ALIGN_PARAGRAPH.CENTER)
    para(doc, "为贯彻落实《国务院办公厅关于印发新能源汽车产业发展规划（2021—2035年）的通知》"
              "（国办发〔2020〕39号）精神，加快建设具有国际竞争力的新能源汽车产业集群，制定本方案。")
    para(doc, "一、行动目标", HEITI)
    para(doc, "到2026年，全省新能源汽车产业发展水平显著提升。")
    para(doc, "——产业规模持续壮大。新能源汽车年产量达到300万辆，产业营业收入突破1万亿元。")
    para(doc, "——创新能力明显增强。建成国家级创新平台10个以上，关键零部件本地配套率达到70%。")
    para(doc, "二、重点任务", HEITI)
    para(doc, "（一）提升整车制造能级", KAITI)
    para(doc, "1.支持整车企业做优做强。支持省内整车企业加快新车型研发投产，2024年底前新投产车型15款以上。"
              "（省经济和信息化厅牵头，省发展改革委、省科技厅配合）")
    para(doc, "2.推动重大整车项目落地。合肥、芜湖、安庆市人民政府分别牵头，推进重点整车项目建设，"
              "2025年6月底前建成投产。")
    para(doc, "（二）完善产业链供应链", KAITI)
    para(doc, "3.壮大动力电池产业。由省经济和信息化厅会同省科技厅、省生态环境厅，布局固态电池等新型电池"
              "研发和产业化，每年6月底前发布产业链重点企业名单。")
    para(doc, "4.建设汽车芯片和软件生态。支持建设车规级芯片检测认证平台，到2026年培育汽车软件企业50家"
              "以上。（责任单位：省科技厅、省经济和信息化厅、省数据资源局）")
    para(doc, "（三）扩大推广应用", KAITI)
    para(doc, "5.加快充换电基础设施建设。“十四五”期间全省累计建成公共充电桩20万个以上；每季度通报各市"
              "建设进度。（省能源局牵头，省住房城乡建设厅、国网安徽省电力有限公司配合）")
    para(doc, "6.推动公共领域车辆电动化。新增或更新公交、出租、环卫车辆中新能源汽车比例不低于80%。"
              "（省交通运输厅、省住房城乡建设厅按职责分工负责）")
    para(doc, "三、保障措施", HEITI)
    lead_in(doc, "（一）强化统筹调度。", "建立新能源汽车产业发展调度机制，按月调度重点项目进展，"
            "协调解决项目建设中的困难和问题。")
    lead_in(doc, "（二）加大政策支持。", "统筹省级制造业高质量发展专项资金支持新能源汽车产业发展，落实好"
            "《安徽省人民政府关于印发支持新能源汽车产业高质量发展若干政策的通知》（皖政〔2022〕60号）。"
            "（省财政厅牵头，省经济和信息化厅配合）")
    para(doc, "", indent=False)
    para(doc, "抄送：省委各部门，省人大常委会办公厅，省政协办公厅。", indent=False)
    para(doc, "安徽省人民政府办公厅　　　　　　　　2024年4月19日印发", indent=False)
    out = HERE / "e07_anhui_plan.docx"
    doc.save(out)
    return out


if __name__ == "__main__":
    for path in (build_e05(), build_e06(), build_e07()):
        print(path.name, path.stat().st_size, "bytes")
