"""Build the two .pdf documents of the fourteenth held-out corpus (q03, q07).

    /work/main/.venv/bin/python tests/corpus14/build_pdf.py

Each document is an HTML page laid out after GB/T 9704 (A4, 天头 37 mm, 订口 28 mm, body in a
serif CJK face at 16 pt, about 28 characters a line, a red 发文机关标志 and a red rule under the
发文字号) and printed to PDF by Chromium through Playwright, with the page number `— N —` in the
footer. The text layer therefore has hard line ends inside sentences and unit names, page breaks
inside items, and a page number between them. The PDFs are committed. The layout code is that of
tests/corpus13/build_pdf.py.

Fonts: Noto Serif CJK SC stands in for 仿宋/小标宋, Noto Sans CJK SC for 黑体, embedded as subsets
of exactly the characters the documents use, with the Kangxi/CJK radical code points removed, so
that the text layer carries the real ideographs (`人民政府`, not `⼈⺠政府`).

- q03 唐山: 优化营商环境 行动方案 whose items `1.`…`8.` either end in their own bracket or are split
  into sub-items `①`/`②` on their own lines, each with its own bracket.
- q07 拉萨: 专题会议纪要; each `一、关于…` section opens with what the meeting heard and stressed
  (prose), then `会议议定：` and decisions `⑴`/`⑵`/`⑶` assigned to departments; 出席/列席 lists,
  抄送 and 印发 lines at the end.
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


Q03 = """\
@banner 唐山市人民政府办公室文件
@number 唐政办字〔2025〕15号
@rule
@title 唐山市人民政府办公室关于印发唐山市2025年持续优化营商环境行动方案的通知
@to 各县（市、区）人民政府，各开发区（管理区）管委会，市政府各部门：
《唐山市2025年持续优化营商环境行动方案》已经市政府同意，现印发给你们，请认真贯彻执行。各牵头单位要于每月20日前将上月工作进展情况报市优化营商环境工作领导小组办公室。
@keep
@gap
@sign 唐山市人民政府办公室
@date 2025年3月10日
@endkeep
@flush （此件公开发布）
@newpage
@title 唐山市2025年持续优化营商环境行动方案
为深入贯彻《优化营商环境条例》《河北省优化营商环境条例》，落实《河北省2025年优化营商环境工作要点》（冀政办字〔2025〕12号）要求，持续打造市场化、法治化、国际化一流营商环境，制定本方案。
@h1 一、工作目标
到2025年底，全市营商环境评价主要指标进入全省前列，政务服务事项网上可办率达到98%以上，经营主体满意度持续提升。
@h1 二、重点任务
@h2 （一）提升政务服务效能
1.深化“高效办成一件事”。
①6月底前推出企业信息变更、开办运输企业等第二批12个“一件事”，实现一次告知、一表申请、一窗受理。（市行政审批局牵头，市数据和政务服务局配合）
②推动“一件事”线上办理比例达到80%以上，每季度开展一次“办不成事”反映窗口运行情况评估。（市数据和政务服务局）
2.优化涉企审批服务。推行工业项目“拿地即开工”，9月底前实现省级以上开发区全覆盖。（市行政审批局、自然资源和规划局、住房城乡建设局，各开发区管委会）
@h2 （二）优化市场环境
3.规范涉企行政执法。
①推行“综合查一次”，每季度制定一次跨部门联合检查计划，同一部门对同一企业年度检查原则上不超过1次。（市司法局牵头，市直有关执法部门配合）
②2025年底前实现涉企行政检查事项全部通过省行政执法监督平台备案，杜绝随意检查、重复检查。（市司法局）
4.加强公平竞争审查。开展妨碍统一市场和公平竞争的政策措施清理，8月底前完成存量政策文件清理。（市市场监管局，各县（市、区）人民政府）
@h2 （三）强化要素保障
5.降低企业经营成本。
①推动工商业用户参与电力市场化交易，10月底前完成迁安、遵化市配电网改造工程。（市发展改革委、国网唐山供电公司，迁安、遵化市人民政府）
②规范城镇燃气工程安装收费，6月底前完成燃气企业收费项目清理。（市城市管理综合行政执法局牵头，市发展改革委配合）
6.加大金融支持力度。每月开展一次银企对接活动，全年新增普惠小微贷款200亿元以上。（市委金融办牵头，人民银行唐山市分行、国家金融监督管理总局唐山监管分局配合）
@h2 （四）维护企业合法权益
7.清理拖欠企业账款。建立拖欠企业账款台账，10月底前完成存量拖欠账款清偿。（市工业和信息化局、财政局分别牵头，市国资委配合）
8.畅通企业诉求渠道。依托12345政务服务便民热线建立涉企诉求“接诉即办”机制，企业诉求办结率达到95%以上。（市政府办公室牵头，市直各部门、各县（市、区）人民政府按职责分工负责）
@h1 三、保障措施
**（一）加强组织领导。**市优化营商环境工作领导小组要加强统筹调度，定期研究解决营商环境建设中的重大问题。
**（二）强化督导考核。**将营商环境工作纳入年度综合考核，对工作推进缓慢、企业反映强烈的单位进行约谈。
**（三）营造良好氛围。**及时总结推广典型经验做法，曝光破坏营商环境的典型案例，形成全社会共同关心支持营商环境建设的良好氛围。
"""

Q07 = """\
@banner 拉萨市人民政府专题会议纪要
@number 拉政纪〔2025〕23号
@rule
@flush 拉萨市人民政府办公室　　　　　　　　　　2025年5月20日
@title 关于研究拉萨河沿线综合整治和供暖保障有关问题的会议纪要
2025年5月16日，市委常委、常务副市长扎西次仁主持召开专题会议，研究拉萨河沿线综合整治、2025—2026年供暖季供暖保障、城区停车设施建设和生活垃圾分类有关问题。市政府副秘书长刘建华，市有关部门、相关城区和企业负责同志参加会议。现将会议议定事项纪要如下：
@h1 一、关于拉萨河沿线综合整治工作
会议听取了市住房城乡建设局关于拉萨河沿线综合整治工作进展情况的汇报。会议指出，拉萨河沿线综合整治是提升城市品质的重要民生工程，各有关单位要强化责任担当，确保按期完成。会议议定：
⑴由市住房城乡建设局牵头，市水利局、自然资源局配合，6月底前完成拉萨河北岸景观带提升工程施工招标，年底前完成主体工程。
⑵城关区、堆龙德庆区人民政府负责辖区内沿河违法建筑拆除，7月15日前全部完成。
⑶市财政局负责落实整治工程资金2.3亿元，8月底前拨付到位。
@h1 二、关于2025—2026年供暖季供暖保障工作
会议听取了市城市管理和综合执法局关于上一供暖季运行情况和本供暖季准备工作的汇报。会议强调，供暖保障事关群众切身利益，要提前谋划、压实责任，加强气源、电源和管网保障，确保群众温暖过冬。会议议定：
⑴市城市管理和综合执法局牵头，拉萨市城市供热有限公司、国网拉萨供电公司配合，9月底前完成供暖管网和换热站检修。
⑵市发展改革委会同市财政局研究制定供暖价格补贴方案，报市政府常务会议审议。
⑶供暖期间，市城市管理和综合执法局每周调度一次供暖运行情况，遇重大问题及时报告，由副市长次仁卓嘎负责协调。
@h1 三、关于城区停车设施建设工作
会议听取了市交通运输局关于城区停车设施规划建设情况的汇报。会议指出，老城区停车供需矛盾突出，要坚持规划引领、挖潜增效，统筹推进公共停车场建设和错时共享停车。会议议定：
⑴由市交通运输局牵头，城关区人民政府、市公安局交警支队配合，年底前新建公共停车泊位2000个。
⑵市公安局交警支队每月通报一次城区重点路段违停治理情况。
@h1 四、关于城市生活垃圾分类工作
会议听取了市城市管理和综合执法局关于生活垃圾分类工作推进情况的汇报。会议认为，今年以来我市生活垃圾分类工作取得积极进展，但居民小区分类投放设施覆盖率仍然偏低，前端分类、中端运输、末端处理衔接不够顺畅。会议议定：
⑴市城市管理和综合执法局牵头，城关区、达孜区人民政府，柳梧新区管委会配合，10月底前实现中心城区居民小区分类投放设施全覆盖。
⑵市生态环境局负责加强生活垃圾焚烧发电厂排放监管，每季度向社会公开一次排放监测数据。
@flush 出席：扎西次仁
@flush 列席：次仁卓嘎、刘建华（市政府副秘书长）
@flush 参加：市发展改革委、财政局、生态环境局、住房城乡建设局、自然资源局、水利局、交通运输局、城市管理和综合执法局，市公安局交警支队，城关区、堆龙德庆区、达孜区人民政府，柳梧新区管委会，拉萨市城市供热有限公司，国网拉萨供电公司负责同志。
@gap
@flush 抄送：市委办公室，市人大常委会办公室，市政协办公室。
@flush 拉萨市人民政府办公室　　　　　　　　2025年5月20日印发
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
        for name, text in (("q03_hebei_tangshan_yingshang_huanjing.pdf", Q03),
                           ("q07_xizang_lasa_zhuanti_huiyi_jiyao.pdf", Q07)):
            print(build(name, text, browser).relative_to(HERE.parent.parent))
        browser.close()
