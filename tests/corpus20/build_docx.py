"""Make the Word file of the twentieth held-out corpus (u02).

    /work/main/.venv/bin/python tests/corpus20/build_docx.py

- u02 河北 邯郸市: a notice and, after a page break, its 附件 分工方案 whose tasks are **a real Word table**
  序号/重点任务/牵头单位/配合单位/完成时限 with cells **merged vertically** (牵头单位 over rows 1–2,
  完成时限 over rows 4–5), and a table note saying that two units in a 牵头单位 cell both lead.
Layout helpers (GB/T 9704 margins, faces in w:eastAsia, red 版头 and rule) are tests/held_out_kit.py's.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import (CENTER, HEITI, XBS, body, cell_text, landscape_section, new_doc,  # noqa: E402
                          para, red_header, set_widths, signature)

ROWS = [
    ("1", "实施工业企业技术改造提升行动，全年实施技改项目300项以上，工业技改投资增长10%以上。",
     "市工业和信息化局", "市发展改革委、财政局", "2026年12月底前"),
    ("2", "推动钢铁产业高端化智能化绿色化转型，6月底前完成2家钢铁企业超低排放改造评估监测。",
     None, "市生态环境局，武安市、涉县人民政府", "2026年9月底前"),
    ("3", "培育专精特新中小企业，新增省级专精特新中小企业100家以上。",
     "市工业和信息化局、科技局", "市市场监管局", "2026年11月底前"),
    ("4", "建设邯郸经济技术开发区新材料产业园，完成一期基础设施建设。",
     "邯郸经济技术开发区管委会", "市自然资源和规划局、住房城乡建设局", "2027年6月底前"),
    ("5", "推进冀南新区高端装备制造产业集群建设，新引进亿元以上项目8个。",
     "冀南新区管委会", "市发展改革委、商务局", None),
    ("6", "推动工业互联网平台建设，每季度组织一次“企业上云用数赋智”供需对接活动。",
     "市数据和政务服务局", "市工业和信息化局", "每季度"),
    ("7", "强化工业用地保障，盘活低效工业用地3000亩以上。",
     "市自然资源和规划局", "各县（市、区）人民政府", "2026年10月底前"),
    ("8", "加强工业经济运行监测，每月15日前分析上月全市工业运行情况。",
     "市统计局", "市工业和信息化局、发展改革委", "每月15日前"),
    ("9", "落实惠企纾困政策，各项税费优惠和奖补资金年底前兑现到位。",
     "市财政局", "国家税务总局邯郸市税务局", "2026年12月底前"),
    ("10", "开展工业领域安全生产隐患排查整治，严防重特大事故发生。",
     "市应急管理局", "市工业和信息化局、各县（市、区）人民政府", "长期坚持"),
]


def u02() -> None:
    doc = new_doc("邯郸市2026年推进新型工业化重点任务分工方案", dt.datetime(2026, 3, 9, 10, 20))
    red_header(doc, "邯郸市人民政府办公室文件", "邯政办字〔2026〕12号")
    para(doc, "邯郸市人民政府办公室关于印发邯郸市2026年推进新型工业化重点任务分工方案的通知", XBS, 22, CENTER)
    para(doc, "各县（市、区）人民政府，邯郸经济技术开发区、冀南新区管委会，市政府有关部门：", indent=False)
    body(doc, """
《邯郸市2026年推进新型工业化重点任务分工方案》已经市政府同意，现印发给你们，请认真贯彻落实。
各牵头单位要会同配合单位细化工作措施，于每月5日前将上月工作进展报市工业和信息化局，由其汇总后报市政府督查室。
""")
    signature(doc, "邯郸市人民政府办公室", "2026年3月9日")
    para(doc, "（此件公开发布）")
    landscape_section(doc)
    para(doc, "附件", HEITI, 16, indent=False)
    para(doc, "邯郸市2026年推进新型工业化重点任务分工方案", XBS, 22, CENTER)
    para(doc, "为贯彻落实《河北省推进新型工业化三年行动方案》（冀政办字〔2025〕88号），加快建设现代化产业体系，"
              "制定本分工方案。")
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, head in zip(table.rows[0].cells, ("序号", "重点任务", "牵头单位", "配合单位", "完成时限")):
        cell_text(cell, head, 12, HEITI, center=True)
    for number, task, lead, support, due in ROWS:
        cells = table.add_row().cells
        cell_text(cells[0], number, center=True)
        cell_text(cells[1], task)
        if lead is not None:
            cell_text(cells[2], lead)
        cell_text(cells[3], support)
        if due is not None:
            cell_text(cells[4], due, center=True)
    # vertical merges as offices draw them: one 牵头单位 for rows 1–2, one 完成时限 for rows 4–5
    table.cell(1, 2).merge(table.cell(2, 2))
    table.cell(4, 4).merge(table.cell(5, 4))
    set_widths(table, [14, 110, 45, 55, 30])
    para(doc, "注：牵头单位栏列有两个单位的，均为牵头单位。", size=12, indent=False)
    doc.save(HERE / "u02_hebei_handan_gongyehua_fengong.docx")


if __name__ == "__main__":
    u02()
