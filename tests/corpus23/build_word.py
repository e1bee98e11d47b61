"""Build the Word-based documents of the twenty-third held-out corpus (x02, x03).

    /work/main/.venv/bin/python tests/corpus23/build_word.py

- x02 山西 吕梁市交城县: a 县政府办公室 notice and its 任务分工方案, written with python-docx through
  tests/held_out_kit.py, then saved as `.wps` by LibreOffice (`soffice --headless --convert-to wps`,
  which writes the Word 97 binary under the WPS suffix, as WPS Office files often are). The 分工 is a
  Word table 序号/工作任务/责任领导/牵头单位/配合单位/完成时限 whose **责任领导 cell is merged
  vertically over three rows** (three times) and whose **牵头单位 cells list two or three units, one
  per line** (a paragraph each). The intermediate .docx is not kept.
- x03 湖北 黄冈市: a 市委办公室 notice as a `.docx`, **attached to an `.eml` mail** sent by the city's
  协同办公 (OA) platform to one receiving office, made with Python's email package. Only the .eml is
  kept; the .docx lives inside it (base64).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
import datetime as dt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import (CENTER, HEITI, XBS, body, cell_text, new_doc, para, red_header,  # noqa: E402
                          set_widths, signature)
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT  # noqa: E402

# ── x02 交城县 ────────────────────────────────────────────────────────────────────────────────
X02_NOTICE = """\
《交城县2026年县城建设提质年活动任务分工方案》已经县人民政府同意，现印发给你们，请结合实际认真贯彻执行。
各牵头单位要于每季度末月25日前将工作进展情况报县住房和城乡建设局（县城建设提质年活动领导小组办公室）。
"""
X02_PLAN_HEAD = """\
为深入推进以县城为重要载体的城镇化建设，全面提升县城承载能力和宜居水平，根据《吕梁市2026年县城建设提质年活动实施方案》（吕政办发〔2026〕8号）要求，结合我县实际，制定本方案。
# 一、工作目标
到2026年底，县城建成区人均公园绿地面积达到12.5平方米，城市生活污水集中收集率达到75%以上，老旧小区改造、管网更新等重点任务全面完成，县城综合承载能力明显提升。
# 二、任务分工
各项任务的责任领导、牵头单位、配合单位和完成时限见下表。
"""
X02_ROWS = [  # 序号, 工作任务, 责任领导 (None: merged with the cell above), 牵头单位 (one per line), 配合单位, 完成时限
    ("1", "改造老旧小区。完成城区32个老旧小区改造，同步实施水、电、气、暖等管网更新和加装电梯试点。", "王海平",
     "县住房和城乡建设局\n天宁镇人民政府", "县财政局、县发展和改革局", "2026年10月底前"),
    ("2", "更新改造燃气、供热老旧管网。改造老旧燃气、供热管网45公里，采暖季前全部完成通气通热。", None,
     "县住房和城乡建设局\n县城市管理局", "国网交城县供电公司", "2026年9月底前"),
    ("3", "建设城市生命线安全工程。对县城燃气、供水、桥梁等设施加装监测设备，实现风险实时预警。", None,
     "县住房和城乡建设局", "县应急管理局、县工业和信息化局", "2026年底前"),
    ("4", "整治背街小巷。整治背街小巷28条，完成路面修复、立面整饬和强弱电线缆规整。", "刘晓东",
     "县城市管理局\n天宁镇人民政府\n夏家营镇人民政府", "县住房和城乡建设局、交通运输局", "6月底前"),
    ("5", "提升县城绿化品质。新建口袋公园6个，完成文峪河沿岸绿化提升。", None,
     "县城市管理局\n县自然资源局", "县林业局", "2026年11月底前"),
    ("6", "开展市容环境秩序整治。规范占道经营和户外广告设置，清理乱搭乱建、乱堆乱放。", None,
     "县城市管理局", "县公安局、市场监督管理局", "长期坚持"),
    ("7", "完善县城交通设施。新建公共停车泊位1200个，优化公交线路3条。", "张建军",
     "县交通运输局\n县公安局", "县住房和城乡建设局、县自然资源局", "2026年底前"),
    ("8", "推进城区雨污分流改造。完成瓦窑河以东片区雨污分流管网改造8公里。", None,
     "县水利局\n县住房和城乡建设局", "县财政局", "汛期前"),
    ("9", "开展县城建设项目督导。对县城建设项目实行清单化管理，逐项督导进度、质量和安全。", None,
     "县人民政府办公室\n县住房和城乡建设局", "县发展和改革局", "每月"),
    ("10", "加强县城建设资金保障。积极争取中央预算内投资和地方政府专项债券，统筹用好各类资金。", "李红梅",
     "县财政局\n县发展和改革局", "县自然资源局、县住房和城乡建设局", "2026年底前"),
]
X02_PLAN_TAIL = """\
# 三、保障措施
（一）加强组织领导。县城建设提质年活动领导小组统筹推进各项工作，领导小组办公室设在县住房和城乡建设局，负责日常协调调度。
（二）强化督导考核。县政府督查室按月对重点任务推进情况进行督查，督查结果纳入年度目标责任考核。
（三）营造良好氛围。各乡镇、各部门要充分利用各类媒体，广泛宣传县城建设成效，引导群众积极参与。
"""


def build_x02(out: Path) -> None:
    doc = new_doc("交城县人民政府办公室关于印发交城县2026年县城建设提质年活动任务分工方案的通知",
                  dt.datetime(2026, 2, 27, 10, 30))
    red_header(doc, "交城县人民政府办公室文件", "交政办发〔2026〕11号")
    para(doc, "交城县人民政府办公室关于印发交城县2026年", XBS, 22, CENTER)
    para(doc, "县城建设提质年活动任务分工方案的通知", XBS, 22, CENTER)
    para(doc, "", indent=False)
    para(doc, "各乡（镇）人民政府，县直各有关单位：", indent=False)
    body(doc, X02_NOTICE)
    signature(doc, "交城县人民政府办公室", "2026年2月27日")
    para(doc, "（此件公开发布）")
    para(doc, "", indent=False)
    para(doc, "交城县2026年县城建设提质年活动任务分工方案", XBS, 22, CENTER)
    para(doc, "", indent=False)
    body(doc, X02_PLAN_HEAD)
    header = ("序号", "工作任务", "责任领导", "牵头单位", "配合单位", "完成时限")
    table = doc.add_table(rows=1 + len(X02_ROWS), cols=6)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell_text(cell, text, 10.5, HEITI, center=True)
    top = None
    for i, row in enumerate(X02_ROWS, start=1):
        cells = table.rows[i].cells
        for j, text in enumerate(row):
            if j == 2:
                continue
            cell_text(cells[j], text, 10.5, center=j in (0, 5))
        if row[2] is not None:
            top = cells[2]
            cell_text(top, row[2], 10.5, center=True)
        else:  # 责任领导 merged vertically with the rows above
            top = top.merge(cells[2])
        top.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    set_widths(table, [10, 58, 16, 28, 26, 18])
    body(doc, X02_PLAN_TAIL)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / (out.stem + ".docx")
        doc.save(str(src))
        subprocess.run(["soffice", "--headless", "--convert-to", "wps", "--outdir", str(out.parent), str(src)],
                       check=True, capture_output=True)
    print(out.name)


# ── x03 黄冈市 ────────────────────────────────────────────────────────────────────────────────
X03_BODY = """\
为贯彻落实《中共湖北省委办公厅关于加强基层治理体系和治理能力现代化建设的实施意见》（鄂办发〔2025〕21号）精神，深化“党建引领、网格治理”，推动基层治理重心下移、力量下沉，经市委同意，现就有关事项通知如下。
# 一、夯实基层组织基础
1.建强网格党组织。一是优化网格设置，按照每个网格300户左右的标准调整城市社区网格，2026年5月底前完成网格调整（责任单位：市委组织部、市委社会工作部）；二是推动机关党员干部下沉网格报到，每季度参加网格活动不少于2次（责任单位：市直机关工委）。
2.配强社区工作者队伍。一是按照每万名城镇常住人口不少于18人的标准配齐社区工作者（责任单位：市委社会工作部、市委编办）；二是年底前建立社区工作者岗位等级序列和薪酬体系（责任单位：市人力资源社会保障局、财政局）。
3.规范村（社区）工作事务。一是全面落实村级组织工作事务、机制牌子和证明事项清单，6月底前完成清理规范（责任单位：市委社会工作部、市民政局）；二是严控面向基层的督查检查考核，每半年开展一次专项监测（责任单位：市委办公室、市政府办公室）。
# 二、提升网格治理效能
4.推进矛盾纠纷多元化解。一是完善市、县、乡三级矛盾纠纷调处化解中心，实现群众诉求“一站式”受理（责任单位：市委政法委、市司法局）；二是每月开展一次矛盾纠纷集中排查，做到早发现、早化解（责任单位：市委政法委、市公安局，各县（市、区）委）。
5.加强网格数字化建设。一是整合各部门网格数据，2026年9月底前建成市级网格化服务管理平台（责任单位：市数据局、市委政法委）；二是推动公安、民政、卫生健康等部门数据向网格回流共享（责任单位：市数据局）。
6.健全网格服务机制。一是推行网格员“一员多用”，统筹做好政策宣传、民情收集、隐患排查等工作（责任单位：市委社会工作部、宣传部）；二是建立网格事项准入制度，未经审核的事项不得交由网格员承担（责任单位：市委社会工作部、市委编办）。
# 三、强化保障支撑
7.落实基层经费保障。一是将网格员补贴纳入县级财政预算（责任单位：市财政局）；二是按照每个社区每年不低于20万元的标准落实服务群众专项经费（责任单位：市财政局、市民政局）。
8.加强考核激励。一是将基层治理工作纳入县（市、区）和市直单位年度综合考核（责任单位：市委组织部）；二是适时评选表彰一批优秀网格员和社区工作者（责任单位：市委社会工作部、市人力资源社会保障局）。
# 四、工作要求
各地各部门要把深化“党建引领、网格治理”摆上重要议事日程，主要负责同志亲自过问、亲自部署。各责任单位要于6月25日前和12月25日前将贯彻落实情况书面报市委办公室。
"""


def build_x03(out: Path) -> None:
    title = "中共黄冈市委办公室关于深化“党建引领、网格治理”提升基层治理效能的通知"
    doc = new_doc(title, dt.datetime(2026, 3, 4, 15, 0))
    red_header(doc, "中共黄冈市委办公室文件", "黄办发〔2026〕5号")
    para(doc, "中共黄冈市委办公室关于深化“党建引领、", XBS, 22, CENTER)
    para(doc, "网格治理”提升基层治理效能的通知", XBS, 22, CENTER)
    para(doc, "", indent=False)
    para(doc, "各县（市、区）委，市委各部委，市直各单位党组（党委）：", indent=False)
    body(doc, X03_BODY)
    signature(doc, "中共黄冈市委办公室", "2026年3月4日")
    para(doc, "（此件发至县级党委）")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "黄办发〔2026〕5号.docx"
        doc.save(str(path))
        data = path.read_bytes()
    msg = EmailMessage()
    msg["From"] = "黄冈市协同办公平台 <oa-noreply@xtbg.hgdj.example.cn>"
    msg["To"] = "市民政局办公室 <mzj-bgs@xtbg.hgdj.example.cn>"
    msg["Subject"] = "【收文转办】" + title
    msg["Date"] = format_datetime(dt.datetime(2026, 3, 5, 9, 12, 33, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    msg["Message-ID"] = "<20260305091233.4471@xtbg.hgdj.example.cn>"
    msg["X-OA-Doc-Id"] = "SW-2026-000318"
    msg.set_content(
        "市民政局：\n\n"
        "　　现将《" + title + "》（黄办发〔2026〕5号）转发给你单位，请按照文件要求认真抓好落实。\n"
        "　　收文编号：SW-2026-000318\n"
        "　　缓急程度：平件\n"
        "　　办理要求：请于2026年3月13日前在协同办公平台签收并反馈承办意见。\n\n"
        "　　附件：黄办发〔2026〕5号.docx\n\n"
        "市委办公室机要文电科\n2026年3月5日\n\n"
        "————————————————\n本邮件由黄冈市协同办公平台自动发送，请勿直接回复。如有疑问请联系平台运维：0713-0000000。\n")
    msg.add_attachment(data, maintype="application",
                       subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                       filename="黄办发〔2026〕5号.docx")
    out.write_bytes(bytes(msg))
    print(out.name)


if __name__ == "__main__":
    build_x02(HERE / "x02_shanxi_jiaocheng_xiancheng_tizhi_fengong.wps")
    build_x03(HERE / "x03_hubei_huanggang_wangge_zhili_tongzhi.eml")
