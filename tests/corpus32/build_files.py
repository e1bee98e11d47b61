"""Make the document of the thirty-second held-out corpus that is not written by hand.

    /work/main/.venv/bin/python tests/corpus32/build_files.py

- d06 利津县: a 实施方案 printed to PDF with a text layer (Chromium through Playwright, the kit's `render`,
  CSS and `— N —` footer); its body numbers the tasks `（一）1.` without any unit, and the annex
  `任务分解表` (an HTML table added after the rendered body, on a new page) refers back to them by
  `（一）1` and alone carries the units and the 完成时限.
The made file is committed; this script documents how it was made. The other documents (the .html
page d01 included) were written by hand.
"""
from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives

D06 = """\
@banner 利津县人民政府办公室文件
@number 利政办发〔2016〕27号
@rule
@title 利津县人民政府办公室
@title 关于印发利津县2016年黄河滩区农村饮水安全巩固提升实施方案的通知
@to 各乡镇人民政府、街道办事处，县政府各部门：
《利津县2016年黄河滩区农村饮水安全巩固提升实施方案》已经县政府同意，现印发给你们，请认真组织实施。
@keep
@sign 利津县人民政府办公室
@date 2016年5月9日
@endkeep
@newpage
@title 利津县2016年黄河滩区农村饮水安全巩固提升实施方案
为贯彻落实《东营市农村饮水安全巩固提升工程实施方案》（东政办字〔2016〕19号），切实解决黄河滩区群众饮水问题，制定本方案。
@h1 一、工作目标
2016年完成黄河滩区23个村、1.6万人的饮水安全巩固提升，农村自来水普及率达到98%，水质达标率明显提高。
@h1 二、主要任务
@h2 （一）工程建设
**1.实施水厂扩建工程。**对陈庄水厂进行扩建，新增日供水能力5000吨，同步建设水质化验室。
**2.改造老旧供水管网。**改造滩区村内老化供水管网86公里，更换入户水表4200块。
**3.建设应急备用水源。**在北宋镇建设应急备用水源井2眼，确保黄河断流期间群众正常用水。
@h2 （二）运行管护
**1.落实工程管护责任。**建立县、乡、村三级管护体系，明确每处工程的管护主体和管护人员。
**2.加强水质监测。**对水厂出厂水每月检测一次，对末梢水每季度抽检一次，检测结果向社会公开。
**3.规范水价和水费收缴。**推行按方计量收费，合理核定供水价格。
@h1 三、保障措施
县政府成立由分管副县长任组长的农村饮水安全工作领导小组，领导小组办公室设在县水利局。各乡镇要加强组织协调，每月25日前将工程进展情况报领导小组办公室。县财政局要足额落实县级配套资金。
附件：利津县2016年黄河滩区农村饮水安全巩固提升任务分解表
"""

D06_TITLE = "利津县2016年黄河滩区农村饮水安全巩固提升任务分解表"
D06_ROWS = [
    ("序号", "方案条目", "工作任务", "牵头单位", "配合单位", "完成时限"),
    ("1", "（一）1", "实施水厂扩建工程", "县水利局", "陈庄镇人民政府", "2016年10月底前"),
    ("2", "（一）2", "改造老旧供水管网", "县水务集团", "各相关乡镇人民政府", "2016年11月30日前"),
    ("3", "（一）3", "建设应急备用水源", "县水利局", "北宋镇人民政府、县国土资源局", "2016年9月30日前"),
    ("4", "（二）1", "落实工程管护责任", "各相关乡镇人民政府", "县水利局", "2016年6月底前"),
    ("5", "（二）2", "加强水质监测", "县卫生计生局", "县环保局、县水务集团", "长期坚持"),
    ("6", "（二）3", "规范水价和水费收缴", "县物价局", "县水务集团", "2016年12月底前"),
]

PDF_NAME = "d06_shandong_lijin_yinshui_anquan_fangan.pdf"


def d06_html() -> str:
    from held_out_kit import CSS, font_faces, render

    lines = [ln for ln in D06.splitlines() if ln.strip()]
    page = render(lines)
    body = page.split("<body>", 1)[1].rsplit("</body>", 1)[0]
    cells = "\n".join(
        "<tr>" + "".join(f'<{"th" if i == 0 else "td"}>{html.escape(c)}</{"th" if i == 0 else "td"}>' for c in row)
        + "</tr>" for i, row in enumerate(D06_ROWS))
    annex = ('<div class="newpage"></div><p class="flush h1">附件</p>'
             f'<p class="title">{html.escape(D06_TITLE)}</p>'
             '<table class="grid"><colgroup>' + "".join(f'<col style="width:{w}%">' for w in (7, 11, 24, 18, 24, 16))
             + f'</colgroup>{cells}</table>')
    table_css = ("table.grid { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 15pt; }"
                 "table.grid th, table.grid td { border: 0.75pt solid #000; padding: 3pt 4pt; text-align: center; }"
                 "table.grid th { font-family: 'TZSans'; font-weight: 400; }")
    text = "\n".join(lines) + D06_TITLE + "附件" + "".join("".join(r) for r in D06_ROWS)
    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>' + font_faces(text) + CSS
            + table_css + "</style></head><body>" + body + annex + "</body></html>")


def write_d06() -> None:
    from held_out_kit import CHROMIUM, FOOTER
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        page.set_content(d06_html(), wait_until="load")
        page.pdf(path=str(HERE / PDF_NAME), format="A4", print_background=True, display_header_footer=True,
                 header_template="<span></span>", footer_template=FOOTER,
                 margin={"top": "37mm", "bottom": "35mm", "left": "28mm", "right": "26mm"})
        browser.close()


if __name__ == "__main__":
    write_d06()
