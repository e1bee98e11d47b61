"""Make the documents of the thirty-fourth held-out corpus that are not written by hand.

    /work/main/.venv/bin/python tests/corpus34/build_files.py

- d01 会理市: a notice and a 任务分解表 printed to PDF (Chromium through Playwright, the kit's `render`,
  CSS and `— N —` footer); the ruled table runs over two pages: rows 1–4 on page 2, then a page break,
  a `续表` caption and the header row repeated above rows 5–7 on page 3; the 工作内容 cells are long
  and wrap over several lines.
- d02 康乐县: a notice and a 责任清单 printed the same way; the table's 类别 column is merged over groups
  of rows (rowspan 3, 3, 2) and the 牵头单位 cell of rows 1–3 is merged over those three rows.
- d07 和平县: a Word .docx (python-docx, the kit's Word helpers) with a table whose 责任单位 cells mark the
  lead with `*`, and a paragraph under it `注：1.标*的为牵头单位；2.未注明年份的均为2024年。`.
The made files are committed; this script documents how they were made.
"""
from __future__ import annotations

import datetime as dt
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives

# ── d01 会理市 ───────────────────────────────────────────────────────────────────────────────
D01 = """\
@banner 会理市人民政府办公室文件
@number 会府办发〔2021〕17号
@rule
@title 会理市人民政府办公室
@title 关于印发会理市2021年老旧小区改造和城市更新重点任务分解表的通知
@to 各乡镇人民政府、街道办事处，市级各部门：
为贯彻落实《凉山州2021年城镇老旧小区改造工作方案》（凉府办发〔2021〕9号），经市政府同意，现将《会理市2021年老旧小区改造和城市更新重点任务分解表》印发给你们，请各牵头单位于每月5日前将上月工作进展报市住房城乡建设局。
@keep
@sign 会理市人民政府办公室
@date 2021年3月22日
@endkeep
@newpage
@title 会理市2021年老旧小区改造和城市更新重点任务分解表
"""
D01_HEAD = ("序号", "重点任务", "工作内容", "牵头单位", "配合单位", "完成时限")
D01_ROWS = [
    ("1", "实施老旧小区改造", "对古城片区、北关片区等2000年以前建成的32个老旧小区实施水、电、气、路改造，同步加装充电设施和"
     "安防监控设施，改造完成后移交物业企业或社区管理", "市住房城乡建设局", "市财政局、古城街道办事处", "2021年10月底前"),
    ("2", "推进背街小巷整治", "整治城区背街小巷46条，修复破损路面，规范架空管线入地，统一设置店招店牌，清理乱搭乱建和占道经营",
     "市综合行政执法局", "市住房城乡建设局、市市场监管局", "2021年9月30日前"),
    ("3", "完善排水防涝设施", "改造雨污合流管网18公里，疏浚城区排洪沟3条，对易涝点设置警示标识，汛期实行每日巡查，"
     "发现险情及时处置", "市水利局", "市住房城乡建设局", "2021年5月31日前"),
    ("4", "提升城市绿化水平", "新建口袋公园6个，补植行道树1200株，对城区主干道绿化带进行提质改造，推行绿地认建认养",
     "市自然资源局", "市住房城乡建设局", "2021年11月底前"),
    ("5", "规范物业服务管理", "推动无物业小区引入专业化物业服务或实行社区托管，每季度开展一次物业服务质量考评，考评结果向社会公布",
     "市住房城乡建设局", "各街道办事处", "2021年12月31日前"),
    ("6", "保护古城历史风貌", "编制古城保护利用规划，对历史建筑挂牌保护，修缮传统民居，严禁在改造中拆真建假、大拆大建",
     "市文化广播电视和旅游局", "市自然资源局、古城街道办事处", "2021年8月底前"),
    ("7", "强化项目资金保障", "积极争取中央和省级补助资金，引导社会资本参与改造，建立项目资金按月调度机制，确保资金专款专用",
     "市财政局", "市发展和改革局", "长期坚持"),
]

# ── d02 康乐县 ───────────────────────────────────────────────────────────────────────────────
D02 = """\
@banner 康乐县人民政府办公室文件
@number 康政办发〔2018〕24号
@rule
@title 康乐县人民政府办公室
@title 关于印发康乐县2018年脱贫攻坚重点任务责任清单的通知
@to 各乡镇人民政府，县直各部门：
根据《临夏州2018年脱贫攻坚工作要点》（临州办发〔2018〕11号），县政府研究制定了《康乐县2018年脱贫攻坚重点任务责任清单》，现印发给你们。各牵头单位要细化措施，每月20日前向县扶贫办报送任务进展情况。
今年是脱贫攻坚的关键之年，全县计划实现14个贫困村退出、1.2万贫困人口脱贫。各乡镇、各部门要把脱贫攻坚作为头等大事，主要负责同志亲自抓，对照责任清单逐项落实，确保按期完成各项目标任务。
@keep
@sign 康乐县人民政府办公室
@date 2018年4月16日
@endkeep
@newpage
@title 康乐县2018年脱贫攻坚重点任务责任清单
"""
D02_HEAD = ("类别", "序号", "工作任务", "牵头单位", "配合单位", "完成时限")
# (类别 or None when merged into the cell above, rowspan of 类别, 序号, 任务, 牵头 or None, rowspan of 牵头, 配合, 时限)
D02_ROWS = [
    ("产业扶贫", 3, "1", "发展牛羊养殖产业，新建标准化养殖小区12个", "县农牧局", 3, "各乡镇人民政府", "2018年10月底前"),
    (None, 0, "2", "扩大中药材种植面积至3.5万亩", None, 0, "县林业局", "2018年9月30日前"),
    (None, 0, "3", "培育扶贫龙头企业和农民专业合作社", None, 0, "县扶贫办、县工信局", "年底前"),
    ("基础设施", 3, "4", "实施通村道路硬化工程120公里", "县交通运输局", 1, "县财政局", "2018年11月30日前"),
    (None, 0, "5", "巩固提升农村饮水安全", "县水务局", 1, "各乡镇人民政府", "2018年8月底前"),
    (None, 0, "6", "改造农村危房1860户，每月通报改造进度", "县住房城乡建设局", 1, "县扶贫办", "2018年10月31日前"),
    ("社会保障", 3, "7", "落实农村低保兜底保障政策", "县民政局", 1, "县扶贫办、县财政局", "每季度末"),
    (None, 0, "8", "推进健康扶贫，落实先诊疗后付费", "县卫生计生局", 1, "县人社局", "2018年12月31日前"),
    (None, 0, "9", "落实教育扶贫资助政策，做好控辍保学", "县教育局", 1, "各乡镇人民政府", "2018年9月30日前"),
]
D02_AFTER = ("说明：1.各牵头单位是任务落实的第一责任单位，要会同配合单位制定具体实施方案，明确时间表、路线图；"
             "2.县脱贫攻坚领导小组办公室每季度对清单任务完成情况进行一次督查，督查结果纳入年度脱贫攻坚考核；"
             "3.因客观原因确需调整任务或时限的，由牵头单位报县脱贫攻坚领导小组审定。")

TABLE_CSS = ("table.grid { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 15pt; }"
             "table.grid th, table.grid td { border: 0.75pt solid #000; padding: 3pt 4pt; text-align: center; }"
             "table.grid td.left { text-align: left; }"
             "table.grid th { font-family: 'TZSans'; font-weight: 400; }"
             "p.caption { text-indent: 0; font-family: 'TZSans'; font-size: 12pt; }")


def esc(s: str) -> str:
    return html.escape(s)


def d01_tables() -> tuple[str, str]:
    widths = (5, 22, 31, 14, 15, 13)
    cols = "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>"
    head = "<tr>" + "".join(f"<th>{esc(c)}</th>" for c in D01_HEAD) + "</tr>"

    def rows(rs):
        return "".join("<tr>" + "".join(f'<td class="{"left" if i == 2 else ""}">{esc(c)}</td>'
                                         for i, c in enumerate(r)) + "</tr>" for r in rs)
    html_ = (f'<table class="grid">{cols}{head}{rows(D01_ROWS[:4])}</table>'
             '<div class="newpage"></div><p class="caption">续表</p>'
             f'<table class="grid">{cols}{head}{rows(D01_ROWS[4:])}</table>')
    text = "".join(D01_HEAD) + "".join("".join(r) for r in D01_ROWS) + "续表"
    return html_, text


def d02_tables() -> tuple[str, str]:
    widths = (12, 7, 33, 16, 17, 15)
    cols = "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>"
    out = ["<tr>" + "".join(f"<th>{esc(c)}</th>" for c in D02_HEAD) + "</tr>"]
    for cat, cat_span, no, task, lead, lead_span, sup, due in D02_ROWS:
        cells = []
        if cat is not None:
            cells.append(f'<td rowspan="{cat_span}">{esc(cat)}</td>')
        cells.append(f"<td>{no}</td>")
        cells.append(f'<td class="left">{esc(task)}</td>')
        if lead is not None:
            cells.append(f'<td rowspan="{lead_span}">{esc(lead)}</td>')
        cells.append(f"<td>{esc(sup)}</td><td>{esc(due)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    text = "".join(D02_HEAD) + "".join("".join(str(x) for x in r if isinstance(x, str)) for r in D02_ROWS)
    return (f'<table class="grid">{cols}{"".join(out)}</table><p class="flush" style="font-size:12pt; line-height:20pt;'
            f' margin-top:8pt">{esc(D02_AFTER)}</p>', text + D02_AFTER)


def page_html(markup: str, table_html: str, table_text: str) -> str:
    from held_out_kit import CSS, font_faces, render

    lines = [ln for ln in markup.splitlines() if ln.strip()]
    body = render(lines).split("<body>", 1)[1].rsplit("</body>", 1)[0]
    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>'
            + font_faces("\n".join(lines) + table_text) + CSS + TABLE_CSS + "</style></head><body>"
            + body + table_html + "</body></html>")


def write_pdfs() -> None:
    from held_out_kit import CHROMIUM, FOOTER
    from playwright.sync_api import sync_playwright

    docs = {"d01_sichuan_huili_chengshi_gengxin_fenjie.pdf": page_html(D01, *d01_tables()),
            "d02_gansu_kangle_tuopin_zeren_qingdan.pdf": page_html(D02, *d02_tables())}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        for name, doc in docs.items():
            page = browser.new_page()
            page.set_content(doc, wait_until="load")
            page.pdf(path=str(HERE / name), format="A4", print_background=True, display_header_footer=True,
                     header_template="<span></span>", footer_template=FOOTER,
                     margin={"top": "37mm", "bottom": "35mm", "left": "28mm", "right": "26mm"})
            page.close()
            print(name)
        browser.close()


# ── d07 和平县 (.docx) ───────────────────────────────────────────────────────────────────────
D07_NOTICE = [
    "各镇人民政府，县直和省市驻和平有关单位：",
    "为贯彻落实《河源市2024年优化营商环境工作要点》（河府办〔2024〕7号），经县人民政府同意，现将《和平县2024年优化营商环境"
    "重点任务清单》印发给你们，请结合实际认真抓好落实。2024年全县营商环境工作以市场主体满意为导向，力争在全市营商环境评价中进入前三名。各牵头单位要于每季度末将工作进展情况报送县营商环境改革工作领导小组办公室。",
]
D07_HEAD = ("序号", "重点任务", "具体内容", "责任单位", "完成时限")
D07_ROWS = [
    ("1", "推行企业开办“一网通办”", "企业开办全程网上办理，办理时间压缩至1个工作日以内", "县市场监管局*、县政务服务数据管理局",
     "6月底前"),
    ("2", "深化工程建设项目审批改革", "推行“拿地即开工”，社会投资简易低风险项目审批时限压缩至15个工作日", "县住房城乡建设局*、县自然资源局",
     "9月30日前"),
    ("3", "提升不动产登记效率", "一般登记业务办理时限压缩至3个工作日，推行“交房即交证”", "县自然资源局*、国家税务总局和平县税务局",
     "8月底前"),
    ("4", "开展涉企收费专项检查", "重点检查行业协会商会、中介机构违规收费，按月调度整改情况", "县发展和改革局*、县市场监管局",
     "10月31日前"),
    ("5", "优化用水用气报装服务", "用水用气报装环节压减至2个以内，推行“零上门、零审批、零投资”", "县水务局*、和平县粤海水务有限公司、县住房城乡建设局",
     "2024年11月底前"),
    ("6", "推进跨境贸易便利化", "推广“提前申报”“两步申报”等通关模式，压缩企业进出口整体通关时间", "县商务局*、县发展和改革局",
     "12月31日前"),
    ("7", "加强政企沟通", "建立县领导挂钩联系重点企业制度，每半年召开一次政企座谈会", "县工商联*、县工业和信息化局",
     "常态化推进"),
]
D07_AFTER = ("各牵头单位要切实履行牵头责任，主动协调配合单位，细化工作举措，确保各项任务按时保质完成。县营商环境改革工作领导小组办公室"
             "要加强统筹调度，对工作推进不力、进度明显滞后的单位进行通报，并将任务完成情况纳入年度绩效考核。")
D07_NOTE = "注：1.标*的为牵头单位；2.未注明年份的均为2024年。"


def write_d07() -> None:
    from held_out_kit import (CENTER, HEITI, XBS, cell_text, new_doc, para, red_header, set_widths,
                              signature, page_break)

    doc = new_doc("和平县人民政府办公室关于印发和平县2024年优化营商环境重点任务清单的通知", dt.datetime(2024, 3, 12, 9, 0))
    red_header(doc, "和平县人民政府办公室文件", "和府办〔2024〕9号")
    para(doc, "和平县人民政府办公室关于印发和平县2024年优化营商环境重点任务清单的通知", XBS, 22, CENTER)
    para(doc, D07_NOTICE[0], indent=False)
    para(doc, D07_NOTICE[1])
    signature(doc, "和平县人民政府办公室", "2024年3月12日")
    page_break(doc)
    para(doc, "和平县2024年优化营商环境重点任务清单", XBS, 20, CENTER)
    table = doc.add_table(rows=1, cols=len(D07_HEAD))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, D07_HEAD):
        cell_text(cell, text, face=HEITI, center=True)
    for row in D07_ROWS:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row)):
            cell_text(cell, text, center=i in (0, 4))
    set_widths(table, (12, 34, 50, 40, 24))
    para(doc, D07_NOTE, size=12, indent=False)
    para(doc, D07_AFTER)
    out = HERE / "d07_guangdong_heping_yingshang_qingdan.docx"
    doc.save(str(out))
    print(out.name)


if __name__ == "__main__":
    write_pdfs()
    write_d07()
