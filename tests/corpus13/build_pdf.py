"""Build the three .pdf documents of the thirteenth held-out corpus (p02, p06, p08).

    /work/main/.venv/bin/python tests/corpus13/build_pdf.py

Each document is an HTML page laid out after GB/T 9704 (A4, 天头 37 mm, 订口 28 mm, body in a
serif CJK face at 16 pt, about 28 characters a line, a red 发文机关标志 and a red rule under the
发文字号) and printed to PDF by Chromium through Playwright, with the page number `— N —` in the
footer. So the text layer has what printed documents have: hard line ends inside sentences and
unit names, page breaks in the middle of items, and a page number between them. The PDFs are
committed (the evaluation reads them directly and must not need Chromium).

Fonts: Noto Serif CJK SC stands in for 仿宋/小标宋, Noto Sans CJK SC for 黑体. They are embedded as
subsets of exactly the characters the documents use: the full Noto CJK fonts map many ideographs
and the Kangxi/CJK radical code points (U+2E80–U+2FDF) to the same glyph, and Chromium then writes
the radical into the text layer (`⼈⺠政府` for 人民政府), which no office PDF from Word or WPS does.
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


P02 = """\
@banner 鄂尔多斯市人民政府文件
@number 鄂府发〔2024〕6号
@rule
@title 鄂尔多斯市人民政府关于印发2024年《政府工作报告》重点工作任务分工方案的通知
@to 各旗区人民政府，市人民政府各部门，各直属单位，各大企业、事业单位：
现将《2024年〈政府工作报告〉重点工作任务分工方案》印发给你们，请认真抓好贯彻落实。各牵头单位要对照分工，逐项制定具体落实措施，于每季度末月25日前将工作进展情况报送市政府督查室。
@keep
@gap
@sign 鄂尔多斯市人民政府
@date 2024年2月6日
@endkeep
@flush （此件公开发布）
@newpage
@title 2024年《政府工作报告》重点工作任务分工方案
为全面完成市第五届人民代表大会第四次会议审议通过的《政府工作报告》确定的目标任务，现将重点工作任务分工如下。各项任务中，责任单位列第一位的为牵头单位，其余为配合单位；标注“分别牵头”的均为牵头单位。
@h1 一、主要预期目标
1.地区生产总值增长6.5%左右，一般公共预算收入增长5%，规模以上工业增加值增长7%左右。（牵头市领导：杨勇；责任单位：市发展改革委、市财政局、市工业和信息化局分别牵头，市统计局）
2.城乡常住居民人均可支配收入分别增长5.5%和7%，城镇新增就业1.5万人。（牵头市领导：刘慧；责任单位：市人力资源社会保障局、市农牧局分别牵头，各旗区人民政府）
@h1 二、着力扩大有效需求
3.全力扩大有效投资。实施亿元以上重点项目600个，完成投资2000亿元以上，按月调度项目开复工和投资完成情况。（牵头市领导：杨勇；责任单位：市发展改革委、财政局、自然资源局，各旗区人民政府，鄂尔多斯高新技术产业开发区管委会）
4.促进消费扩容提质。开展“暖城消费季”系列活动，每季度组织一次全市性消费促进活动，社会消费品零售总额增长6%。（牵头市领导：刘慧；责任单位：市商务局、市文化旅游体育局、市市场监管局）
5.稳定外贸外资。2024年6月底前建成鄂尔多斯综合保税区二期，推动进出口总额增长10%。（牵头市领导：刘慧；责任单位：市商务局，伊金霍洛旗人民政府，鄂尔多斯空港物流园区管委会）
@h1 三、推动产业转型升级
6.推进煤炭产业高端化。新增煤炭先进产能3000万吨，年底前建成智能化煤矿60座。（牵头市领导：王　健；责任单位：市能源局、市应急管理局，准格尔旗、伊金霍洛旗、达拉特旗人民政府）
7.壮大新能源产业。新增新能源装机1000万千瓦以上，加快建设“风光氢储车”产业集群，9月底前实现蒙苏经济开发区零碳产业园二期项目投产。（牵头市领导：王　健、杨勇；责任单位：市能源局、市工业和信息化局，内蒙古电力（集团）有限责任公司鄂尔多斯供电分公司，伊金霍洛旗人民政府）
8.发展现代煤化工产业。推动煤制烯烃、煤制乙二醇等一批重大项目开工建设，2024年底前完成现代煤化工项目年度投资300亿元。（牵头市领导：王　健；责任单位：市工业和信息化局、发展改革委、生态环境局，准格尔旗、乌审旗人民政府）
9.提升农牧业现代化水平。粮食产量稳定在35亿斤以上，建设高标准农田50万亩，每半年开展一次耕地保护督查。（牵头市领导：其其格；责任单位：市农牧局、市自然资源局、市水利局，各旗区人民政府）
@h1 四、深化改革扩大开放
10.持续优化营商环境。深化“一件事一次办”改革，6月底前实现高频政务服务事项“跨省通办”全覆盖。（牵头市领导：张志远；责任单位：市政务服务与数据管理局，各旗区人民政府）
11.深化国资国企改革。完成国有企业改革深化提升行动年度任务，推动市属国有企业整合重组。（牵头市领导：市政府分管副市长；责任单位：市国资委、市财政局）
@h1 五、持续保障和改善民生
12.办好人民满意的教育。8月底前完成新建改扩建中小学、幼儿园15所，新增学位1.2万个。（牵头市领导：刘慧；责任单位：市教育体育局、市发展改革委、市财政局，康巴什区人民政府）
13.提升医疗卫生服务能力。推进紧密型县域医共体建设，每月组织一次城市医疗专家下基层巡诊，2024年10月底前建成市急救中心新址。（牵头市领导：刘慧；责任单位：市卫生健康委、市医保局）
14.持续改善生态环境。完成防沙治沙和生态修复任务300万亩，细颗粒物平均浓度控制在20微克/立方米以内。（牵头市领导：其其格；责任单位：市林业和草原局、市生态环境局，杭锦旗、达拉特旗、鄂托克旗人民政府）
15.守牢安全生产底线。开展安全生产治本攻坚三年行动，每月对煤矿、危险化学品等重点行业领域开展一次安全检查。（牵头市领导：张志远；责任单位：市应急管理局、市直有关部门，各旗区人民政府）
"""

P06 = """\
@banner 海南省人民政府办公厅文件
@number 琼府办〔2022〕12号
@rule
@title 海南省人民政府办公厅关于印发《海南省“十四五”养老服务体系建设规划》的通知
@to 各市、县、自治县人民政府，省政府直属各单位：
《海南省“十四五”养老服务体系建设规划》已经省政府同意，现印发给你们，请认真组织实施。
@keep
@gap
@sign 海南省人民政府办公厅
@date 2022年3月15日
@endkeep
@flush （此件主动公开）
@newpage
@title 海南省“十四五”养老服务体系建设规划
为积极应对人口老龄化，加快构建与海南自由贸易港建设相适应的养老服务体系，根据《“十四五”国家老龄事业发展和养老服务体系规划》（国发〔2021〕35号）和《海南省国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要》，制定本规划。规划期为2021—2025年。
@h1 一、发展基础
“十三五”期间，全省养老服务床位达到2.1万张，每千名老年人拥有养老床位26张，城市社区日间照料设施覆盖率达到90%。同时，全省每年接待“候鸟”老人超过百万人次，养老服务供给总量不足、结构不优、质量不高的问题仍较突出。
@h1 二、总体要求
@h2 （一）指导思想。
坚持以人民为中心的发展思想，以满足老年人多层次、多样化养老服务需求为导向，推动养老事业和养老产业协同发展。
@h2 （二）发展目标。
到2025年，全省养老机构护理型床位占比达到55%以上，特殊困难老年人月探访率达到100%，基本建成居家社区机构相协调、医养康养相结合的养老服务体系。
@h1 三、主要任务
@h2 （一）健全基本养老服务体系
1.建立基本养老服务清单制度。制定全省基本养老服务清单，明确服务对象、服务内容和服务标准，2022年底前各市县制定本地区基本养老服务清单并向社会公布。（责任单位：省民政厅、省财政厅、省发展改革委，各市县政府）
2.完善特困人员供养服务。推进县级特困人员供养服务设施改造提升，到2025年，每个市县至少建有1所以失能、部分失能特困人员专业照护为主的供养服务机构。（责任单位：省民政厅、省财政厅，各市县政府）
@h2 （二）发展居家社区养老服务
3.推进社区养老服务设施建设。新建住宅小区按照每百户不少于20平方米的标准配套建设养老服务设施，与住宅同步规划、同步建设、同步验收、同步交付使用。（责任单位：省住房城乡建设厅、省自然资源和规划厅、省民政厅，各市县政府）
4.实施特殊困难老年人家庭适老化改造。“十四五”期间完成5000户特殊困难老年人家庭适老化改造。（责任单位：省民政厅、省残联，各市县政府）
5.发展老年助餐服务。推动社区长者饭堂建设，2023年6月底前实现城市社区老年助餐服务全覆盖。（责任单位：省民政厅、省商务厅，海口、三亚、儋州市政府）
@h2 （三）推进医养康养相结合
6.深化医养结合。支持医疗卫生机构开展医养结合服务，每年开展一次医养结合机构服务质量检查。（责任单位：省卫生健康委、省民政厅、省医保局）
7.发展康养旅居产业。依托自由贸易港政策优势，发展“候鸟式”旅居养老，培育一批康养旅居示范基地。（责任单位：省旅游和文化广电体育厅、省民政厅、省卫生健康委，三亚市、琼海市、万宁市政府）
@h2 （四）强化养老服务人才支撑
8.加强养老护理员队伍建设。实施养老护理员职业技能提升行动，每年培训养老护理员3000人次以上。（责任单位：省人力资源社会保障厅、省民政厅、省教育厅）
9.完善人才激励政策。建立养老护理员岗位津贴制度，2023年底前出台养老服务从业人员入职奖补办法。（责任单位：省民政厅、省财政厅、省人力资源社会保障厅）
@h2 （五）提升养老服务监管水平
10.健全综合监管制度。2023年6月底前建立养老服务综合监管制度，每季度开展一次养老机构安全隐患排查。（责任单位：省民政厅、省市场监管局、省消防救援总队、省卫生健康委）
@h1 四、保障措施
**（一）加强组织领导。**充分发挥省养老服务工作联席会议作用，联席会议每半年召开一次全体会议，研究解决规划实施中的重大问题。（责任单位：省民政厅，省直有关部门）
**（二）加大资金投入。**省级福利彩票公益金用于支持发展养老服务的比例不低于55%，落实《海南省人民政府办公厅关于推进养老服务发展的实施意见》（琼府办〔2020〕40号）有关用地、税费优惠政策。（责任单位：省财政厅、省民政厅、国家税务总局海南省税务局）
**（三）加强监测评估。**省民政厅会同省发展改革委、省统计局对规划实施情况进行跟踪监测，2023年底前开展中期评估，2025年底前开展总结评估。
"""

P08 = """\
@banner 农业农村部办公厅
@number 农办科〔2024〕9号
@rule
@title 农业农村部办公厅关于做好2024年高素质农民培育工作的通知
@to 各省、自治区、直辖市及计划单列市农业农村（农牧）厅（局、委），新疆生产建设兵团农业农村局，北大荒农垦集团有限公司、广东省农垦总局：
为深入贯彻落实2024年中央一号文件精神和《“十四五”农业农村人才队伍建设发展规划》（农人发〔2021〕10号）部署，加快建设一支适应农业农村现代化要求的高素质农民队伍，现就做好2024年高素质农民培育工作通知如下。
@h1 一、总体要求
坚持需求导向、产业主线、分层实施、全程培育，以提升农民生产经营能力为核心，2024年全国计划培育高素质农民75万人左右，其中乡村产业振兴带头人培育“头雁”项目培育2万人。各地要按照“缺什么补什么、需什么培什么”的原则，科学设置培育专业和课程，分类分层开展培育，把培育对象培养成为乡村振兴的骨干力量。
@h1 二、重点任务
**（一）聚焦粮食安全开展全产业链培训。**各省级农业农村部门要将粮食等重要农产品稳产保供作为培育重点，安排不低于50%的培育资金用于粮油生产经营主体带头人和骨干培训，在春耕、三夏、秋收等关键农时组织开展技术指导。
**（二）深入实施“头雁”项目。**各省级农业农村部门要会同省级财政部门做好培育对象遴选，2024年5月底前完成年度遴选并将名单报部科技教育司备案，依托涉农高校组织为期一年的分段式培育。
**（三）加快培育农业经理人。**各省级农业农村部门要面向农民合作社、家庭农场经营者开展农业经理人培训，重点围绕农业生产托管、农产品营销、财务管理等设置课程，每省培训不少于500人，培训结束后3个月内开展跟踪服务。
**（四）创新培育方式方法。**推行“分段式、重实训、参与式”培训模式，实训时间不少于总课时的三分之一。依托全国农业科教云平台开展线上学习和在线考核，每月通报线上学习情况。（各省级农业农村部门负责，中央农业广播电视学校配合）
**（五）加强培育基地和师资建设。**各省级农业农村部门要认定一批省级农民田间学校和实训基地，建立省级师资库，2024年9月底前将师资库名单报送中央农业广播电视学校。
**（六）强化培育后续服务。**各省级农业农村部门要建立高素质农民培育对象信息档案，每年开展一次培育效果跟踪评价，推动培育对象与金融、保险、用地等支持政策精准对接，鼓励有条件的地方组建高素质农民协会、联盟，促进交流合作。
@h1 三、部内分工
（一）科技教育司负责统筹推进全国高素质农民培育工作，会同计划财务司做好资金测算和任务分配，每季度调度各地培育进度。
（二）计划财务司负责资金下达和绩效管理，2024年6月底前完成上年度中央财政资金绩效评价。
（三）乡村产业发展司、农村合作经济指导司按职责分工负责农村创业创新带头人、农民合作社带头人培训工作。
（四）中央农业广播电视学校负责全国农业科教云平台运行维护，每月统计上报各地线上学习数据，11月底前完成全国高素质农民发展报告编写。
@h1 四、工作要求
**（一）加强组织实施。**各地要将高素质农民培育纳入乡村振兴实绩考核内容，健全部门协作机制，确保资金使用规范、培育质量过硬。严禁以培训名义发放补贴、套取资金，严禁将培训项目转包分包。
**（二）做好总结报送。**请各省级农业农村部门于2024年11月30日前将年度工作总结和培育数据报送部科技教育司。新疆生产建设兵团农业农村局、北大荒农垦集团有限公司、广东省农垦总局参照执行。
@flush 联系人：科技教育司　刘　洋　　电话：010-59193158
@keep
@gap
@sign 农业农村部办公厅
@date 2024年3月26日
@endkeep
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
        for name, text in (("p02_neimenggu_eerduosi_gongzuobaogao_fengong.pdf", P02),
                           ("p06_hainan_yanglao_shisiwu_guihua.pdf", P06),
                           ("p08_nongyebu_gaosuzhi_nongmin_tongzhi.pdf", P08)):
            print(build(name, text, browser).relative_to(HERE.parent.parent))
        browser.close()
