"""Build the .pdf document of the twenty-third held-out corpus (x07 江苏 常州市武进区).

    /work/main/.venv/bin/python tests/corpus23/build_pdf.py

A 区政府 notice and its attachment, a 重点项目推进责任清单, as offices receive it: red 版头, 发文字号,
red rule, title, 主送, notice, signature, `（此件公开发布）`, then on a new page `附件`, the list's
title and a **ruled table of seven columns 序号/项目名称/建设内容及年度目标/责任领导/牵头单位/配合单位/
完成时限 whose long cells wrap over several lines** (10.5 pt in a portrait type area, so 建设内容 runs to
four or five lines beside one- or two-line cells), then the 版记 and `— N —` page numbers. HTML after
GB/T 9704 printed by Chromium through Playwright (fonts, page CSS and footer from
tests/held_out_kit.py; the table and 版记 markup as corpus22's build_pdf.py: `@table` … `@endtable`, cells
split by `|`, `@banji` lines). The text layer is what `pdftotext` reads.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import CHROMIUM, CSS, FOOTER, font_faces  # noqa: E402

TABLE_CSS = """
table.fg { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 15pt; margin-top: 6pt; }
table.fg th, table.fg td { border: 0.8pt solid #000; padding: 3pt 3pt; vertical-align: middle; text-align: left; }
table.fg th { font-family: "TZSans"; font-weight: 400; text-align: center; }
table.fg td.c { text-align: center; }
table.fg tr { break-inside: avoid; }
table.fg thead { display: table-header-group; }
.banji { text-indent: 0; font-size: 14pt; line-height: 24pt; border-bottom: 0.8pt solid #000; padding: 2pt 1em; }
.banji.first { border-top: 1.6pt solid #000; margin-top: 40pt; }
.banji.last { border-bottom: 1.6pt solid #000; display: flex; justify-content: space-between; }
.annex { font-family: "TZSans"; text-indent: 0; }
"""

WIDTHS = ("6%", "15%", "33%", "9%", "14%", "14%", "9%")


def inline(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r'<span class="h2">\1</span>', html.escape(text))


def ruled(rows: list[str]) -> str:
    head, *body = rows
    out = ['<table class="fg"><colgroup>' + "".join(f'<col style="width:{w}">' for w in WIDTHS)
           + "</colgroup><thead><tr>" + "".join(f"<th>{html.escape(c.strip())}</th>" for c in head.split("|"))
           + "</tr></thead><tbody>"]
    for row in body:
        cells = [c.strip() for c in row.split("|")]
        centred = ' class="c"'
        out.append("<tr>" + "".join(f"<td{centred if i in (0, 3, 6) else ''}>{inline(c)}</td>"
                                    for i, c in enumerate(cells)) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


SIMPLE = {"@gap": '<div class="gap"></div>', "@rule": '<hr class="rule">', "@newpage": '<div class="newpage"></div>',
          "@keep": '<div class="signblock">', "@endkeep": "</div>"}


def render(lines: list[str]) -> str:
    out: list[str] = []
    rows: list[str] | None = None
    banji = 0
    for line in lines:
        if rows is not None:
            if line == "@endtable":
                out.append(ruled(rows))
                rows = None
            else:
                rows.append(line)
            continue
        if line == "@table":
            rows = []
            continue
        if line in SIMPLE:
            out.append(SIMPLE[line])
            continue
        if line.startswith("@banji "):
            text = line[len("@banji "):]
            if "|" in text:
                left, right = text.split("|")
                out.append(f'<div class="banji last"><span>{html.escape(left)}</span>'
                           f'<span>{html.escape(right)}</span></div>')
            else:
                out.append(f'<p class="banji{" first" if banji == 0 else ""}">{inline(text)}</p>')
            banji += 1
            continue
        m = re.match(r"@(\S+) (.*)", line)
        cls, text = (m.group(1), m.group(2)) if m else ("", line)
        out.append(f'<p class="{cls}">{inline(text)}</p>' if cls else f"<p>{inline(text)}</p>")
    faces = font_faces("\n".join(lines))
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>" + faces + CSS + TABLE_CSS
            + "</style></head><body>" + "\n".join(out) + "</body></html>")


X07 = """\
@banner 常州市武进区人民政府文件
@number 武政发〔2026〕12号
@rule
@title 常州市武进区人民政府关于印发2026年武进区重点项目推进责任清单的通知
@to 各镇人民政府、街道办事处，常州经济开发区、武进国家高新区、西太湖科技产业园管委会，区各委办局、公司，各直属单位：
为加快推进全区重点项目建设，以项目建设的新成效支撑经济高质量发展，区政府研究确定了2026年重点项目推进责任清单，现印发给你们，请认真抓好落实。
各责任领导要加强对所负责项目的统筹协调，各牵头单位要细化推进计划，明确时间节点，每月5日前将项目进展情况报区发展和改革局。区政府督查室将按季度对项目推进情况进行督查通报，对进度滞后的项目实行挂牌督办。
附件：2026年武进区重点项目推进责任清单
@gap
@keep
@sign 常州市武进区人民政府
@date 2026年2月10日
@endkeep
@flush （此件公开发布）
@newpage
@annex 附件
@title 2026年武进区重点项目推进责任清单
@table
序号|项目名称|建设内容及年度目标|责任领导|牵头单位|配合单位|完成时限
1|高新区智能制造产业园|新建标准厂房28万平方米及研发、检测等配套设施，年内完成全部厂房主体结构封顶，引进智能装备、工业机器人等智能制造项目10个以上|周永刚|武进国家高新区管委会|区发展和改革局、区自然资源和规划分局|2026年12月底前
2|滆湖生态修复二期工程|实施退圩还湖、清淤疏浚和生态岸线修复，年度完成清淤120万立方米，修复生态岸线6公里，恢复水生植被1200亩|孙丽华|区水利局、农业农村局|前黄镇、嘉泽镇人民政府|汛期前完成主体工程
3|淹城历史文化街区提升|完成春秋淹城遗址周边街区建筑立面改造和业态提升，建成淹城文化展示馆1座，引进文旅商业主体30家|孙丽华|区文化广电和旅游局|区住房和城乡建设局、湖塘镇人民政府|2026年9月底前
4|区人民医院新院区建设|建设床位800张的三级综合医院，年内完成主体工程量的60%，同步启动大型医疗设备采购论证|王建新|区卫生健康局|区财政局、区住房和城乡建设局|2026年底前
5|城区老旧小区改造|改造老旧小区26个，惠及居民1.1万户，同步加装电梯40部、新增停车泊位900个，完善社区养老托育设施|王建新|区住房和城乡建设局|湖塘镇人民政府、南夏墅街道办事处、区财政局|2026年10月底前
6|武宜运河航道整治|实施航道疏浚和跨河桥梁改建，年内完成3座桥梁拆除重建，其中6月底前完成2座桥梁主体结构|周永刚|区交通运输局|区水利局、嘉泽镇人民政府|2026年底前
7|西太湖氢能产业基地|建设氢能装备研发制造基地，引进氢能产业链项目5个，建成加氢站2座，推广氢燃料电池车辆200辆|周永刚|西太湖科技产业园管委会|区发展和改革局、商务局|2026年11月底前
8|农村公路提档升级|完成农村公路提档升级80公里，改造危桥12座，每月25日前报送建设进度，年底前全部交工验收|赵志明|区交通运输局|区农业农村局，各镇人民政府、街道办事处|2026年底前
9|智慧城管平台二期|整合视频监控、数字城管和网格化管理数据，建成城市运行管理服务平台，实现市容秩序问题智能发现和派单处置|赵志明|区城市管理局、区数据局|区公安分局|2026年8月底前
@endtable
@banji 抄送：区委各部门，区人大常委会办公室，区政协办公室，区法院，区检察院，区人武部。
@banji 常州市武进区人民政府办公室|2026年2月11日印发
"""


def write_pdfs(documents: dict[str, str]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        for name, text in documents.items():
            page = browser.new_page()
            page.set_content(render([ln for ln in text.splitlines() if ln.strip()]), wait_until="load")
            page.pdf(path=str(HERE / name), format="A4", print_background=True, display_header_footer=True,
                     header_template="<span></span>", footer_template=FOOTER,
                     margin={"top": "37mm", "bottom": "35mm", "left": "28mm", "right": "26mm"})
            page.close()
            print(name)
        browser.close()


if __name__ == "__main__":
    write_pdfs({"x07_jiangsu_wujin_zhongdian_xiangmu_qingdan.pdf": X07})
