"""Make the documents of the twenty-seventh held-out corpus that are not written by hand.

    /work/main/.venv/bin/python tests/corpus27/build_files.py

- b03 咸宁市: a notice and its 问题整改台账 as a `|` table, saved as GB18030 text (an office PC's
  "save as text" default), CRLF line ends.
- b06 阜新市: a .docx made with python-docx (the kit's Word helpers): red 版头, notice, signature, page
  break, then the 分工 table `序号/工作任务/牵头单位/配合单位/完成时限` whose 牵头单位 cell is merged
  vertically over rows 1–3 (市环保局), rows 5–6 (市住房城乡建设局) and
  rows 7–8 (市农委).
The made files are committed; this script documents how they were made.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives

B03 = """\
咸宁市人民政府办公室
咸政办函〔2018〕22号
咸宁市人民政府办公室关于印发2017年度市级预算执行审计发现问题整改台账的通知
各县（市、区）人民政府，咸宁高新区管委会，市直各有关单位：
    市审计局对2017年度市级预算执行和其他财政收支情况进行了审计，发现了一些问题。经市人民政府同意，现将《2017年度市级预算执行审计发现问题整改台账》印发给你们。各责任单位要逐项落实整改，整改结果于每月10日前报市审计局，市审计局汇总后报市人民政府。
咸宁市人民政府办公室
2018年8月13日
2017年度市级预算执行审计发现问题整改台账
| 序号 | 存在问题 | 整改措施 | 责任单位 | 责任人 | 整改时限 |
| --- | --- | --- | --- | --- | --- |
| 1 | 部分非税收入未及时缴入国库，金额2346万元 | 立即清理应缴未缴非税收入，全部缴入国库；建立非税收入征缴定期对账制度，每季度对账一次 | 市财政局、市国土资源局 | 黄志刚 | 2018年9月30日前 |
| 2 | 专项资金结转结余规模较大，统筹使用不到位 | 对结转两年以上的专项资金收回统筹，调整用于民生急需领域 | 市财政局 | 黄志刚 | 2018年10月底前 |
| 3 | 政府采购预算执行不规范，部分项目未按规定采购 | 开展政府采购专项检查，完善采购内控制度，规范采购程序 | 市财政局、市公共资源交易中心 | 黄志刚、邓丽华 | 2018年12月底前 |
| 4 | 部分单位公务用车运行维护费超预算列支 | 严格执行公务用车管理规定，清退违规列支费用 | 市机关事务管理局 | 钱国庆 | 立行立改 |
| 5 | 城区棚户区改造项目进度滞后，资金闲置1.2亿元 | 加快项目建设进度，按月通报项目资金支付情况，盘活闲置资金 | 市住建委、咸安区人民政府 | 刘建武、万小平 | 2019年6月30日前 |
| 6 | 部分扶贫资金拨付不及时，滞留县级财政 | 督促各县（市、区）及时拨付，建立扶贫资金动态监控机制 | 市扶贫办、市财政局 | 程红梅 | 长期坚持 |
| 7 | 国有资产出租出借未履行审批程序 | 全面清查行政事业单位国有资产出租出借情况，收入全部上缴财政 | 市国资委 | 周海涛 | 2018年11月30日前 |
抄送：市委办公室，市人大常委会办公室，市政协办公室，市纪委监委。
咸宁市人民政府办公室　　　　　　　　　　2018年8月14日印发
"""


def write_b03() -> None:
    (HERE / "b03_hubei_xianning_shenji_zhenggai_taizhang.txt").write_bytes(
        B03.replace("\n", "\r\n").encode("gb18030"))


B06_NOTICE = [
    "各县（区）人民政府，市政府各部门：",
    "为打好今冬明春大气污染防治攻坚战，确保完成省下达的年度空气质量改善目标，市政府决定在全市开展秋冬季大气污染"
    "综合治理攻坚行动，攻坚时间为2017年10月1日至2018年3月31日。",
    "经市政府同意，现将《阜新市2017年秋冬季大气污染综合治理攻坚任务分工》印发给你们，请各牵头单位会同配合单位"
    "抓好落实，每月25日前将上月工作进展报市大气污染防治工作领导小组办公室（设在市环保局）。",
]
B06_ROWS = [  # 序号, 工作任务, 牵头单位 (None: merged with the cell above), 配合单位, 完成时限
    ("1", "开展燃煤锅炉专项整治，完成城市建成区10蒸吨及以下燃煤锅炉淘汰42台。", "市环保局",
     "市质监局、市住房城乡建设局", "2017年10月底前"),
    ("2", "加强重点行业企业错峰生产，对钢铁、铸造、建材企业实施采暖季错峰生产。", None,
     "市经济和信息化委", "2017年11月15日前"),
    ("3", "强化重污染天气应对，修订重污染天气应急预案，每两个月更新一次应急减排清单。", None,
     "市气象局，各县（区）人民政府", "2017年10月31日前"),
    ("4", "严格机动车尾气监管，每周开展一次柴油货车路检路查。", "市公安局",
     "市环保局、市交通局", "长期坚持"),
    ("5", "加强施工扬尘管控，建筑工地落实“六个百分之百”措施。", "市住房城乡建设局",
     "市城市管理综合行政执法局", "2017年12月底前"),
    ("6", "推进城市集中供热管网建设，新增集中供热面积80万平方米。", None,
     "阜新热电有限责任公司、海州区人民政府", "2017年10月20日前"),
    ("7", "开展秸秆禁烧专项督查，落实县、乡、村三级网格化监管责任。", "市农委",
     "各县（区）人民政府", "2017年11月底前"),
    ("8", "加强农村散煤治理，推广洁净型煤和节能环保炉具2万台（套）。", None,
     "市商务局、市工商局，各县（区）人民政府", "2017年10月底前"),
]


def write_b06() -> None:
    from docx.shared import Mm
    from held_out_kit import (CENTER, HEITI, XBS, cell_text, new_doc, page_break, para, red_header,
                              set_widths, signature)

    doc = new_doc("阜新市2017年秋冬季大气污染综合治理攻坚任务分工", dt.datetime(2017, 9, 19, 9, 30))
    red_header(doc, "阜新市人民政府办公室文件", "阜政办〔2017〕58号")
    para(doc, "阜新市人民政府办公室关于印发阜新市2017年秋冬季大气污染综合治理攻坚任务分工的通知", XBS, 22, CENTER)
    para(doc, B06_NOTICE[0], indent=False)
    para(doc, B06_NOTICE[1])
    para(doc, B06_NOTICE[2])
    signature(doc, "阜新市人民政府办公室", "2017年9月18日")
    para(doc, "（此件公开发布）")
    page_break(doc)
    para(doc, "阜新市2017年秋冬季大气污染综合治理攻坚任务分工", XBS, 22, CENTER)
    table = doc.add_table(rows=1 + len(B06_ROWS), cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("序号", "工作任务", "牵头单位", "配合单位", "完成时限")):
        cell_text(cell, text, 12, HEITI, center=True)
    start = None  # the row whose 牵头单位 cell later rows merge into
    for i, (no, task, lead, support, due) in enumerate(B06_ROWS, 1):
        cells = table.rows[i].cells
        cell_text(cells[0], no, center=True)
        cell_text(cells[1], task)
        if lead is None:
            table.cell(start, 2).merge(table.cell(i, 2))  # vertical merge: the text stays in the top cell
        else:
            cell_text(cells[2], lead, center=True)
            start = i
        cell_text(cells[3], support)
        cell_text(cells[4], due, center=True)
    set_widths(table, [12, 70, 28, 32, 14])
    para(doc, "")
    para(doc, "各牵头单位是任务落实的第一责任单位，要细化工作方案，明确时间节点；各配合单位要主动对接，形成工作合力。")
    para(doc, "")
    para(doc, "抄送：市委办公室，市人大常委会办公室，市政协办公室。", indent=False, size=14)
    para(doc, "阜新市人民政府办公室　　　　　　　　　2017年9月19日印发", indent=False, size=14)
    doc.save(str(HERE / "b06_liaoning_fuxin_qiudongji_daqi_fengong.docx"))


if __name__ == "__main__":
    write_b03()
    write_b06()
