"""Build the .pdf document of the sixteenth held-out corpus (s08).

    /work/main/.venv/bin/python tests/corpus16/build_pdf.py

HTML laid out after GB/T 9704 (A4, 天头 37 mm, 订口 28 mm, 16 pt serif body), printed to PDF by
Chromium through Playwright with `— N —` page numbers in the footer. Layout and the CJK font
subsetting (Noto Serif/Sans CJK SC cut to the characters used, without the Kangxi/CJK radical code
points, so the text layer holds real ideographs) are those of tests/corpus15/build_pdf.py.

- s08 广西 柳州市: the 附件 PDF of a 河湖长制 工作要点 as posted beside the web notice (no 版头, no
  notice, no signature); items end in `牵头单位：A；配合单位：B。` run into the paragraph; the text
  layer is hard-wrapped and `— 1 —` falls inside item 3.
"""
from __future__ import annotations

import base64
import html
import io
import re
from pathlib import Path

from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont

from playwright.sync_api import sync_playwright

HERE = Path(__file__).resolve().parent
CHROMIUM = "/usr/bin/chromium"

NOTO = "/usr/share/fonts/opentype/noto/"
FACES = (("TZSerif", 400, NOTO + "NotoSerifCJK-Regular.ttc"), ("TZSerif", 700, NOTO + "NotoSerifCJK-Bold.ttc"),
         ("TZSans", 400, NOTO + "NotoSansCJK-Regular.ttc"))


def font_faces(text: str) -> str:
    """@font-face rules with the SC face of each font cut down to the characters of `text`."""
    chars = {ord(c) for c in text if not c.isspace()} | {ord(c) for c in "0123456789— "}
    chars = {c for c in chars if not 0x2E80 <= c <= 0x2FDF}
    rules = []
    for family, weight, path in FACES:
        font = TTFont(path, fontNumber=2)  # index 2 of the Noto CJK collections is SC
        options = Options()
        options.layout_features = ["*"]
        subsetter = Subsetter(options)
        subsetter.populate(unicodes=sorted(chars))
        subsetter.subset(font)
        buf = io.BytesIO()
        font.save(buf)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                     f'src: url(data:font/otf;base64,{data}) format("opentype"); }}')
    return "\n".join(rules)


CSS = """
@page { size: A4; }
html, body { margin: 0; padding: 0; }
body { font-family: "TZSerif", serif; font-size: 16pt; line-height: 28.5pt; color: #000;
       text-align: justify; }
p { margin: 0; text-indent: 2em; }
p.flush { text-indent: 0; }
.banner { color: #E60012; font-family: "TZSerif"; font-weight: 700; text-align: center;
          font-size: 30pt; line-height: 48pt; letter-spacing: 0.05em; text-indent: 0; margin-top: 10mm; }
.number { text-align: center; text-indent: 0; margin-top: 14pt; }
.rule { border: 0; border-top: 2.2pt solid #E60012; margin: 6pt 0 28pt 0; }
.title { font-family: "TZSerif"; font-weight: 700; font-size: 22pt; line-height: 33pt;
         text-align: center; text-indent: 0; margin: 0 0 28pt 0; }
.to { text-indent: 0; }
.h1 { font-family: "TZSans"; }
.h2 { font-weight: 700; }
.sign { text-align: right; text-indent: 0; padding-right: 4em; }
.date { text-align: right; text-indent: 0; padding-right: 4em; }
.gap { height: 28.5pt; }
.signblock { break-inside: avoid; }
.newpage { break-before: page; }
"""

FOOTER = ('<div style="width:100%; text-align:center; font-family:\'Noto Serif CJK SC\'; '
          'font-size:14pt; color:#000;">— <span class="pageNumber"></span> —</div>')


def render(lines: list[str]) -> str:
    """A tiny markup: `@class text` gives a paragraph of that class, `@gap`, `@rule`, `@newpage`,
    `@keep`…`@endkeep` (lines kept on one page: the signature and its date);
    `**…**` inside a line is a bold run (the `（一）标题。` lead-in of a paragraph)."""
    out = []
    for line in lines:
        if line in ("@gap", "@rule", "@newpage", "@keep", "@endkeep"):
            out.append({"@gap": '<div class="gap"></div>', "@rule": '<hr class="rule">',
                        "@newpage": '<div class="newpage"></div>', "@keep": '<div class="signblock">',
                        "@endkeep": "</div>"}[line])
            continue
        m = re.match(r"@(\S+) (.*)", line)
        cls, text = (m.group(1), m.group(2)) if m else ("", line)
        body = re.sub(r"\*\*(.+?)\*\*", r'<span class="h2">\1</span>', html.escape(text))
        out.append(f'<p class="{cls}">{body}</p>' if cls else f"<p>{body}</p>")
    faces = font_faces("\n".join(lines))
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>" + faces + CSS
            + "</style></head><body>" + "\n".join(out) + "</body></html>")


S08 = """\
@flush 附件
@title 柳州市2026年河湖长制工作要点
2026年是“十五五”开局之年。为持续强化河湖长制，推进幸福河湖建设，根据《广西壮族自治区2026年河湖长制工作要点》（桂河长办〔2026〕1号），结合我市实际，制定本要点。
@h1 一、压紧压实河湖长责任
1.落实河湖长巡河履职制度，市级河湖长每季度至少巡河1次，县级河湖长每月至少巡河1次，乡级河湖长每旬至少巡河1次，村级河湖长每周至少巡河1次，巡河发现问题及时交办、跟踪督办。牵头单位：市河长办；配合单位：各县区河长办。
2.开展河湖长制工作考核，每年3月底前完成上一年度县区河湖长制工作考核，考核结果纳入县区党政领导班子和领导干部综合考核评价。牵头单位：市河长办；配合单位：市水利局、生态环境局。
@h1 二、加强河湖水域岸线管理
3.深入推进河湖“清四乱”常态化规范化，全面排查柳江、洛清江、融江等重点河流岸线范围内乱占、乱采、乱堆、乱建问题，建立问题清单、任务清单、责任清单，实行销号管理，汛前完成重点河段问题排查，6月底前完成存量问题整改销号，严防问题反弹。牵头单位：市水利局；配合单位：市自然资源和规划局、住房城乡建设局，柳南区、柳北区、鱼峰区人民政府。
4.严格河道采砂管理，编制年度河道采砂实施方案，4月底前报自治区水利厅备案，严厉打击非法采砂行为。牵头单位：市水利局；配合单位：市公安局、交通运输局。
@h1 三、持续改善河湖水环境
5.强化入河排污口排查整治，年底前完成柳江干流入河排污口整治任务的80%以上。牵头单位：市生态环境局；配合单位：市水利局、住房城乡建设局。
6.推进城镇污水处理提质增效，全年新建改造城镇污水管网50公里，每半年通报一次城市生活污水集中收集率。牵头单位：市住房城乡建设局；配合单位：市发展改革委、财政局。
7.加强农业面源污染治理，推进化肥农药减量增效，畜禽粪污资源化利用率稳定在90%以上。牵头单位：市农业农村局；配合单位：市生态环境局。
@h1 四、推进幸福河湖建设
8.建设幸福河湖，10月底前完成香桥河、都乐河幸福河湖建设并组织验收。牵头单位：市水利局；配合单位：柳江区、柳城县人民政府。
9.推进数字孪生流域建设，11月底前建成柳州市河湖长制智慧管理平台二期，实现重点河段视频监控全覆盖。牵头单位：市水利局、市大数据发展局；配合单位：市财政局。
"""


def build(name: str, text: str, browser) -> Path:
    page = browser.new_page()
    page.set_content(render([ln for ln in text.splitlines() if ln.strip()]), wait_until="load")
    out = HERE / name
    page.pdf(path=str(out), format="A4", print_background=True, display_header_footer=True,
             header_template="<span></span>", footer_template=FOOTER,
             margin={"top": "37mm", "bottom": "35mm", "left": "28mm", "right": "26mm"})
    page.close()
    return out


if __name__ == "__main__":
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        print(build("s08_guangxi_liuzhou_hehuzhang_yaodian.pdf", S08, browser).relative_to(HERE.parent.parent))
        browser.close()
