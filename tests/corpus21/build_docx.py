"""Make the Word files of the twenty-first held-out corpus (v04, v05).

    /work/main/.venv/bin/python tests/corpus21/build_docx.py

- v04 广东 韶关市: a notice and, after a page break, its 附件 民生实事 分工表 as **a real Word table**
  序号/工作任务/责任单位/完成时限 whose **责任单位 cells list one unit per line, the lines separated
  by line breaks inside one cell paragraph** (`w:br`, as offices type them with Shift+Enter); the
  notice says the first unit listed leads.
- v05 山西 临汾市: a notice and its 附件 重点工作任务 whose outline is **typed `一、` … `九、`** (plain
  paragraphs that look like Word's automatic numbering) with own-line `责任领导：` / `牵头单位：` /
  `配合单位：` / `完成时限：` paragraphs after each item; the number uses square brackets `[2026]`.
Layout helpers (GB/T 9704 margins, faces in w:eastAsia, red 版头 and rule) are tests/held_out_kit.py's.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import (CENTER, FANGSONG, HEITI, XBS, body, cell_text, new_doc, page_break,  # noqa: E402
                          para, red_header, run_font, set_widths, signature)

# 序号, 工作任务, 责任单位 (one per line inside the cell), 完成时限
V04_ROWS = [
    ("1", "新建改扩建公办幼儿园15所，新增公办学位4500个，普惠性幼儿园覆盖率达到92%以上。",
     "市教育局\n市发展改革局\n市财政局\n各县（市、区）人民政府", "2026年8月31日前"),
    ("2", "推进紧密型县域医疗卫生共同体建设，实现县域医共体心电、影像诊断结果互认。",
     "市卫生健康局\n市医疗保障局", "年底前"),
    ("3", "新建社区长者饭堂30个，为辖区80周岁以上老年人提供助餐服务。",
     "市民政局\n市财政局、市场监管局\n各县（市、区）人民政府", "2026年6月30日前"),
    ("4", "开展“粤菜师傅”“广东技工”“南粤家政”技能培训2万人次，促进城乡劳动者技能就业。",
     "市人力资源社会保障局\n市农业农村局\n市商务局", "每季度末"),
    ("5", "完成农村公路危旧桥梁改造50座，提升农村群众出行安全水平。",
     "市交通运输局\n乐昌市、南雄市、仁化县人民政府", "三季度"),
    ("6", "筹集建设保障性租赁住房1200套，上半年完成项目选址和用地保障。",
     "市住房城乡建设局\n市自然资源局", "年底前"),
    ("7", "实施农村供水规模化建设和小型工程标准化改造，新增受益人口8万人。",
     "市水务局\n市卫生健康局\n各县（市、区）人民政府", "2026年10月底前"),
    ("8", "开展校园食品安全守护行动，对全市中小学校食堂开展全覆盖检查。",
     "市市场监管局\n市教育局", "每月10日前"),
    ("9", "新建改造社区运动场地30个，推进学校体育场地错时向社会开放。",
     "市文化广电旅游体育局\n市住房城乡建设局\n市教育局", "2026年11月底前"),
    ("10", "为有需求的持证残疾人提供基本康复服务，基本康复服务覆盖率保持在90%以上。",
     "市残联\n市卫生健康局\n市民政局", "长期坚持"),
]


def unit_cell(cell, text: str) -> None:
    """One paragraph with one unit per line, separated by soft line breaks."""
    p = cell.paragraphs[0]
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = p.add_run(line)
        run_font(run, FANGSONG, 10.5)
        if i < len(lines) - 1:
            run.add_break()


def v04() -> None:
    doc = new_doc("韶关市2026年十件民生实事任务分工表", dt.datetime(2026, 2, 27, 16, 5))
    red_header(doc, "韶关市人民政府办公室文件", "韶府办函〔2026〕6号")
    para(doc, "韶关市人民政府办公室关于印发韶关市2026年十件民生实事任务分工表的通知", XBS, 22, CENTER)
    para(doc, "各县（市、区）人民政府，市府直属各单位：", indent=False)
    body(doc, """
经市人民政府同意，现将《韶关市2026年十件民生实事任务分工表》印发给你们，请认真组织实施。
责任单位栏中列第一位的为牵头单位，其余为配合单位。各牵头单位要会同配合单位制定具体实施方案，于每季度最后一个月20日前将进展情况报市政府督查室。
""")
    signature(doc, "韶关市人民政府办公室", "2026年2月27日")
    para(doc, "（此件公开发布）")
    page_break(doc)
    para(doc, "附件", HEITI, 16, indent=False)
    para(doc, "韶关市2026年十件民生实事任务分工表", XBS, 22, CENTER)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, ("序号", "工作任务", "责任单位", "完成时限")):
        cell_text(cell, head, 12, HEITI, center=True)
    for number, task, units, due in V04_ROWS:
        cells = table.add_row().cells
        cell_text(cells[0], number, center=True)
        cell_text(cells[1], task)
        unit_cell(cells[2], units)
        cell_text(cells[3], due, center=True)
    set_widths(table, [12, 82, 45, 22])
    doc.save(HERE / "v04_guangdong_shaoguan_minsheng_shishi.docx")


V05_NOTICE = """
《临汾市2026年文旅融合发展重点工作任务》已经市人民政府同意，现印发给你们，请认真抓好落实。
各牵头单位要于每月10日前将上月工作推进情况报市文化和旅游局，由其汇总后报市政府办公室。
"""

V05_ITEMS = """
为贯彻落实省委、省政府关于文旅康养产业发展的决策部署，加快建设文旅强市，现将2026年全市文旅融合发展重点工作任务明确如下。
一、推进壶口瀑布旅游区提质升级。完成游客服务中心改造和智慧景区二期建设，提升景区承载能力和服务水平。
责任领导：刘建军
牵头单位：市文化和旅游局
配合单位：吉县人民政府，市交通运输局
完成时限：2026年6月30日前
二、打造洪洞大槐树寻根祭祖文化品牌。办好第三十六届洪洞大槐树寻根祭祖活动，开发寻根文化系列研学产品。
责任领导：刘建军
牵头单位：洪洞县人民政府
配合单位：市文化和旅游局、市委统战部
完成时限：上半年
三、加快尧文化旅游区建设。推进尧庙、尧陵文物保护利用工程，三季度完成尧陵遗址展示工程主体建设。
责任领导：刘建军、王海燕
牵头单位：尧都区人民政府
配合单位：市文物局、财政局
完成时限：三季度
四、推动文旅项目招商引资。举办文旅项目专场推介会，全年签约文旅项目20个以上，签约金额100亿元以上。
责任领导：赵文斌
牵头单位：市投资促进中心
配合单位：市文化和旅游局、发展改革委
完成时限：年底前
五、完善旅游交通基础设施。建成黄河一号旅游公路临汾段配套服务区5个，完善重点景区旅游交通标识。
责任领导：赵文斌
牵头单位：市交通运输局
配合单位：乡宁县、吉县、大宁县、永和县人民政府
完成时限：2026年10月底前
六、丰富文旅消费业态。培育夜间文旅消费集聚区3个，每季度末发布文旅消费监测数据。
责任领导：王海燕
牵头单位：市商务局
配合单位：市文化和旅游局、统计局
完成时限：每季度末
七、加强文旅市场监管。开展旅游市场秩序专项整治，严厉打击“不合理低价游”和非法一日游。
责任领导：王海燕
牵头单位：市文化和旅游局
配合单位：市市场监管局、公安局
完成时限：长期坚持
八、推动文物保护利用。完成全市第四次全国文物普查成果汇总，推进丁村遗址、陶寺遗址考古和保护利用。
责任领导：刘建军
牵头单位：市文物局
配合单位：襄汾县人民政府
完成时限：2026年12月31日前
九、加强文旅宣传推广。在主要客源地城市开展“华夏之根·黄河之魂”主题宣传推广，每月10日前报送上月宣传推广情况。
责任领导：王海燕
牵头单位：市委宣传部
配合单位：市文化和旅游局，市融媒体中心
完成时限：每月10日前
"""


def v05() -> None:
    doc = new_doc("临汾市2026年文旅融合发展重点工作任务", dt.datetime(2026, 3, 12, 9, 40))
    red_header(doc, "临汾市人民政府办公室", "临政办函[2026]11号")
    para(doc, "临汾市人民政府办公室关于印发临汾市2026年文旅融合发展重点工作任务的通知", XBS, 22, CENTER)
    para(doc, "各县（市、区）人民政府，临汾经济开发区管委会，市直有关单位：", indent=False)
    body(doc, V05_NOTICE)
    signature(doc, "临汾市人民政府办公室", "2026年3月12日")
    para(doc, "（此件公开发布）")
    page_break(doc)
    para(doc, "附件", HEITI, 16, indent=False)
    para(doc, "临汾市2026年文旅融合发展重点工作任务", XBS, 22, CENTER)
    for line in V05_ITEMS.strip().splitlines():  # typed ordinals and label lines: plain paragraphs
        para(doc, line)
    doc.save(HERE / "v05_shanxi_linfen_wenlv_renwu.docx")


if __name__ == "__main__":
    v04()
    v05()
