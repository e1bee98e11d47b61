"""Build the two .pdf documents of the fifteenth held-out corpus (r05, r09).

    /work/main/.venv/bin/python tests/corpus15/build_pdf.py

HTML laid out after GB/T 9704 (A4, 天头 37 mm, 订口 28 mm, 16 pt serif body, red 发文机关标志 and rule),
printed to PDF by Chromium through Playwright with `— N —` page numbers in the footer. Layout code
and the CJK font subsetting (Noto Serif/Sans CJK SC cut to the characters used, without the
Kangxi/CJK radical code points, so the text layer holds real ideographs) are those of
tests/corpus14/build_pdf.py.

- r05 国家林业和草原局办公室: a ministry notice whose tasks go to the collective
  `各省级林业和草原主管部门` (and some to the 局's own 司), with `每年3月底前报送` rules.
- r09 山西 运城市: 大气污染防治攻坚行动方案; every item ends in `（责任单位：…）` with no 牵头 marker, and the
  first bracket carries the note `排在第一位的为牵头单位，下同`.
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


R05 = """\
@banner 国家林业和草原局办公室
@number 办护字〔2025〕36号
@rule
@title 国家林业和草原局办公室关于进一步加强古树名木保护管理工作的通知
@to 各省、自治区、直辖市林业和草原主管部门，内蒙古、大兴安岭森工（林业）集团公司，新疆生产建设兵团林业和草原局：
古树名木是不可再生的珍贵资源，是中华民族悠久历史和灿烂文化的重要见证。为贯彻落实《国务院办公厅关于科学绿化的指导意见》（国办发〔2021〕19号）和全国绿化委员会《关于进一步加强古树名木保护管理的意见》（全绿字〔2016〕1号），进一步加强古树名木保护管理，现就有关事项通知如下：
@h1 一、全面摸清古树名木资源底数
**（一）开展资源动态监测。**各省级林业和草原主管部门要在第二次全国古树名木资源普查基础上，组织开展资源动态监测，2025年10月底前完成新发现古树名木的认定和公布工作。每年3月底前将上一年度古树名木资源变化情况报送我局生态保护修复司。
**（二）建立“一树一档”。**各省级林业和草原主管部门要会同省级住房城乡建设部门，为每株古树名木建立电子档案，2025年底前实现全国古树名木信息管理系统数据全覆盖，做到位置准确、信息完整、动态更新。
@h1 二、切实落实保护责任
**（一）落实日常养护责任。**县级林业和草原主管部门要逐株确定日常养护责任单位和责任人，签订养护责任书，设立保护标志和必要的保护设施。省级林业和草原主管部门每半年开展一次养护责任落实情况抽查。
**（二）严格移植审批管理。**严禁违法移植、砍伐古树名木，严禁大树进城和非法采挖。各省级林业和草原主管部门要会同有关部门开展专项排查，2025年9月底前完成城乡建设项目涉及古树名木情况的排查整改。
@h1 三、加强抢救复壮和科技支撑
**（一）实施抢救复壮工程。**中央财政林业草原生态保护恢复资金对濒危古树名木抢救复壮予以支持。各省级林业和草原主管部门要编制本地区濒危古树名木抢救复壮方案，2025年6月底前报我局生态保护修复司备案，实施期间每季度报送工程进展。
**（二）强化科技支撑。**我局科学技术司要会同生态保护修复司组织开展古树名木健康诊断、病虫害绿色防控等关键技术攻关，中国林业科学研究院负责编制古树名木养护复壮技术规程。
@h1 四、加强监督管理
**（一）建立巡查督查制度。**我局生态保护修复司负责将古树名木保护管理纳入林长制督查考核内容，每年开展一次专项督查，督查结果向各省级林长办公室通报。
**（二）加强宣传和社会监督。**各省级林业和草原主管部门要利用植树节、世界环境日等时间节点，广泛开展古树名木保护宣传，公布举报电话，及时受理和查处群众举报的破坏古树名木行为。
请各单位于2025年12月15日前将本通知贯彻落实情况书面报送我局生态保护修复司。
@flush 联系人：生态保护修复司　张晓东　电话：010-84238561
@keep
@gap
@sign 国家林业和草原局办公室
@date 2025年4月22日
@endkeep
@flush （此件主动公开）
@gap
@flush 抄送：全国绿化委员会办公室，住房和城乡建设部办公厅。
"""

R09 = """\
@banner 运城市人民政府办公室文件
@number 运政办发〔2025〕12号
@rule
@title 运城市人民政府办公室关于印发运城市2025年大气污染防治攻坚行动方案的通知
@to 各县（市、区）人民政府，市人民政府各委、局，各有关单位：
《运城市2025年大气污染防治攻坚行动方案》已经市人民政府同意，现印发给你们，请认真贯彻落实。各责任单位于每月5日前将上月工作进展报市生态环境局，市大气污染防治工作领导小组办公室每季度通报一次。
@keep
@gap
@sign 运城市人民政府办公室
@date 2025年3月20日
@endkeep
@flush （此件公开发布）
@newpage
@title 运城市2025年大气污染防治攻坚行动方案
为持续深入打好蓝天保卫战，根据《山西省2025年大气污染防治攻坚行动方案》（晋政办发〔2025〕9号），结合我市实际，制定本方案。
@h1 一、工作目标
2025年，全市细颗粒物（PM2.5）平均浓度控制在40微克/立方米以内，优良天数比例达到70%以上，重污染天数比例控制在1.5%以内。
@h1 二、重点任务
@h2 （一）推进产业结构优化升级
1.加快钢铁、焦化行业超低排放改造，10月底前完成3家钢铁企业有组织、无组织和清洁运输全流程超低排放改造评估监测。（责任单位：市生态环境局、工信局，闻喜县、河津市人民政府，排在第一位的为牵头单位，下同）
2.严格落实“两高”项目准入，新建、改建、扩建“两高”项目一律实行产能、煤耗、污染物排放等量或减量替代，坚决遏制盲目上马。（责任单位：市发展改革委、工信局、生态环境局、行政审批局）
@h2 （二）推进能源结构清洁低碳
3.稳妥推进冬季清洁取暖，9月底前完成农村清洁取暖改造4.5万户，改造完成后每月开展一次设备运行情况抽查，防止返煤。（责任单位：市住房城乡建设局、能源局、财政局，各县（市、区）人民政府）
4.严控散煤复烧，建立散煤动态清零台账，每年10月底前完成散煤治理“回头看”。（责任单位：市能源局、市场监管局，各县（市、区）人民政府）
@h2 （三）推进交通运输结构调整
5.加快大宗货物“公转铁”，6月底前完成2家重点钢铁企业铁路专用线建设前期工作，提高大宗货物清洁运输比例。（责任单位：市交通运输局、发展改革委，闻喜、稷山县和河津市人民政府）
6.推进重型柴油货车淘汰更新，全年淘汰国三及以下排放标准营运柴油货车2000辆，加强路检路查和入户抽检。（责任单位：市交通运输局、公安局交警支队、生态环境局）
@h2 （四）强化面源污染综合治理
7.加强扬尘污染精细化管控，建筑工地严格落实“六个百分百”要求，每季度开展一次城市清洁度考核。（责任单位：市住房城乡建设局、城市管理局、自然资源局，盐湖区人民政府、运城经济技术开发区管委会）
8.推进秸秆综合利用和禁烧，秸秆综合利用率达到92%以上，秋收期间实行网格化巡查和卫星遥感监测。（责任单位：市农业农村局、生态环境局，各县（市、区）人民政府）
@h1 三、保障措施
**（一）加强组织领导。**各县（市、区）人民政府对本行政区域大气环境质量负总责，主要负责同志是第一责任人。
**（二）强化调度考核。**市大气污染防治工作领导小组办公室按月调度各项任务进展，对进度滞后、空气质量恶化的县（市、区）实施约谈。
**（三）严格执法监管。**持续开展大气污染防治专项执法行动，依法严厉打击各类环境违法行为。
@gap
@flush 抄送：市委办公室，市人大常委会办公室，市政协办公室。
@flush 运城市人民政府办公室　　　　　　　　　2025年3月20日印发
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
        for name, text in (("r05_linyeju_gushu_mingmu_tongzhi.pdf", R05),
                           ("r09_shanxi_yuncheng_daqi_gongjian.pdf", R09)):
            print(build(name, text, browser).relative_to(HERE.parent.parent))
        browser.close()
