"""Make the documents of the thirty-first held-out corpus that are not written by hand.

    /work/main/.venv/bin/python tests/corpus31/build_files.py

- d02 阳泉市: a UTF-8 .txt with Windows CRLF lines: a 任务分工 whose units stand first, in heading lines
  `（一）市生态环境局`, with the items `（1）（2）` under them, each followed by its own `配合单位：` line.
- d04 辽源市: a whole .html page (nav, breadcrumb, an info table, `<div class="content">` of `<p>`, footer): a 工作要点
  whose items mark the lead inside the sentence (`为责任主体`, `负主体责任…负监管责任`, `抓总…具体实施`,
  `统筹…按职责分工落实`).
- d06 金昌市: a .docx (python-docx with the kit's Word helpers: red 版头, notice, signature, a 5-column `Table Grid`
  整改清单 whose 整改时限 column holds `立行立改`, `长期坚持`, `2021年6月底前`, `月底前`).
The made files are committed; this script documents how they were made.
"""
from __future__ import annotations

import datetime as dt
import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives

D02 = """\
阳泉市人民政府办公室关于印发阳泉市2021年大气污染防治重点任务分工的通知
阳政办发〔2021〕9号

各区、县人民政府，市直各有关单位：
　　现将《阳泉市2021年大气污染防治重点任务分工》印发给你们，请结合职责认真抓好落实，每月5日前将上月工作进展报市生态环境局。

阳泉市人民政府办公室
2021年3月2日

阳泉市2021年大气污染防治重点任务分工

　　为贯彻落实《山西省2021年大气污染防治行动计划》（晋政办发〔2021〕6号），确保完成省下达的环境空气质量改善目标，现将重点任务分工如下。各牵头单位对所列任务负总责，配合单位按照职责分工积极配合。
一、工作目标
　　2021年全市PM2.5平均浓度控制在42微克/立方米以内，优良天数比例达到70%以上，重污染天数比2020年减少3天。
二、重点任务
（一）市生态环境局
　　（1）开展工业企业深度治理。推进焦化、电力、水泥行业超低排放改造，2021年9月底前全部通过评估验收。
　　配合单位：市工业和信息化局
　　（2）强化重污染天气应对。修订重污染天气应急减排清单，秋冬季每日开展空气质量会商研判。
　　配合单位：市气象局、各区县人民政府
（二）市住房和城乡建设局
　　（1）推进冬季清洁取暖改造。完成城中村及城乡结合部清洁取暖改造1.5万户，2021年10月31日前全部完工。
　　配合单位：市财政局，城区、矿区、郊区人民政府
　　（2）加强建筑工地扬尘管控。严格落实“六个百分之百”要求，每月开展一次建筑工地扬尘专项检查。
　　配合单位：市城市管理局
（三）市公安局
　　（1）强化机动车污染管控。开展柴油货车路检路查，每周通报一次超标排放车辆。
　　配合单位：市生态环境局、市交通运输局
　　（2）打击非法销售劣质散煤行为。会同有关部门开展联合执法，2021年11月15日前完成全市散煤经营点清理。
　　配合单位：市市场监管局、平定县人民政府、盂县人民政府
三、保障措施
　　各区县人民政府对本辖区大气环境质量负总责。市大气污染防治工作领导小组办公室每季度对各项任务进展情况进行调度通报，对工作滞后的单位进行约谈。
"""

D04_META = [("索引号：", "11220400013778455D/2017-00063", "发布机构：", "辽源市人民政府办公室"),
            ("成文日期：", "2017-03-09", "公开方式：", "主动公开"),
            ("文号：", "辽府办发〔2017〕11号", "主题分类：", "安全生产监管")]
D04_TITLE = "辽源市人民政府办公室关于印发辽源市2017年安全生产工作要点的通知"
D04_BODY = """\
辽府办发〔2017〕11号
各县、区人民政府，辽源经济开发区管委会，市政府各委、办、局：
　　经市政府同意，现将《辽源市2017年安全生产工作要点》印发给你们，请结合实际认真贯彻落实。各县区、各部门于每季度末月25日前将工作进展情况报市安委会办公室。
辽源市人民政府办公室
2017年3月9日
辽源市2017年安全生产工作要点
　　2017年全市安全生产工作的总体要求是：深入贯彻落实《中共吉林省委 吉林省人民政府关于推进安全生产领域改革发展的实施意见》（吉发〔2017〕4号），坚持安全发展，严格落实安全生产责任，确保全市生产安全事故起数和死亡人数“双下降”。
一、落实安全生产责任
　　（一）开展危险化学品企业隐患排查。市安全监管局为责任主体，对全市危险化学品生产、储存企业逐户开展隐患排查，2017年6月底前完成排查并建立隐患整改台账。
　　（二）强化水库和尾矿库安全度汛。东丰县、东辽县人民政府负主体责任，市水利局负监管责任，汛期前完成病险水库除险加固，每月开展一次尾矿库安全检查。
二、深化重点行业领域专项整治
　　（三）推进道路交通安全综合治理。市交通运输局抓总，各县区交通运输管理部门具体实施，开展“两客一危”车辆动态监控，2017年9月30日前实现重点营运车辆卫星定位全覆盖。
　　（四）开展安全生产大检查。市安委会办公室统筹，市安全监管局、市住房城乡建设局、市质监局按职责分工落实，每季度开展一次安全生产联合检查。
　　（五）整治城镇燃气安全隐患。市住房城乡建设局负责，龙山区、西安区人民政府配合，2017年10月底前完成老旧燃气管网排查改造。
三、夯实安全生产基础
　　（六）加强安全生产宣传教育。市教育局为责任主体，市安全监管局配合，在中小学开展安全教育进课堂活动，2017年11月底前实现全市中小学全覆盖。
　　（七）提升应急救援能力。市安全监管局统筹，市公安消防支队、市卫生计生委按职责分工落实，每半年组织一次综合应急救援演练。
　　各县区、各部门要严格落实“党政同责、一岗双责、齐抓共管、失职追责”，市安委会办公室将对各项工作落实情况进行督查考核。
"""

D06_NOTICE = """\
各县区人民政府，金昌经济技术开发区管委会，市政府各部门：
现将《全市优化营商环境专项督查反馈问题整改清单》印发给你们，请各责任单位认真抓好整改，坚持问题导向，举一反三，建立整改台账，整改完成一项、销号一项，确保问题按期清零。各责任单位主要负责同志是整改工作第一责任人，要亲自研究部署、亲自协调推动。各责任单位每月25日前将整改进展情况报市政府督查室。"""

D06_PREAMBLE = ("2021年4月，市政府督查室对全市优化营商环境工作开展了专项督查，通过查阅资料、实地走访、座谈了解和随机抽查企业等方式，共发现企业开办、项目审批、涉企收费、政务服务、账款拖欠、水电报装等6个方面的问题。现将整改任务清单印发如下。"
                "表中“责任单位”一栏排在第一位的为牵头单位，其余为配合单位。")

D06_ROWS = [
    ("序号", "存在问题", "整改措施", "责任单位", "整改时限"),
    ("1", "企业开办环节多、材料重复提交", "推行企业开办“一窗受理、一网通办”，实现营业执照、公章刻制、涉税事项一日办结",
     "市市场监管局、市政务服务中心", "立行立改"),
    ("2", "工程建设项目审批时限长", "全面推行并联审批和区域评估，审批时限压缩至80个工作日以内",
     "市住房城乡建设局、市自然资源局", "2021年6月底前"),
    ("3", "涉企收费清单公开不及时", "全面清理涉企收费项目，在市政府门户网站公开收费目录清单",
     "市发展改革委、市财政局", "月底前"),
    ("4", "政务服务事项网上可办率偏低", "梳理政务服务事项网上办理流程，每月通报一次各部门网上可办率",
     "市政务服务中心", "长期坚持"),
    ("5", "拖欠民营企业中小企业账款", "建立拖欠账款台账，制定清偿计划，按期清偿到位",
     "市工业和信息化局、金川区人民政府、永昌县人民政府", "2021年9月30日前"),
    ("6", "用水用电报装时间长", "压减报装环节和时间，每季度开展一次企业回访",
     "市住房城乡建设局、国网金昌供电公司", "2021年7月31日前"),
]

CRLF_NAME = "d02_shanxi_yangquan_daqi_renwu_fengong.txt"
HTML_NAME = "d04_jilin_liaoyuan_anquan_shengchan_yaodian.html"
DOCX_NAME = "d06_gansu_jinchang_yingshang_ducha_zhenggai.docx"


def write_d02() -> None:
    (HERE / CRLF_NAME).write_bytes(D02.replace("\n", "\r\n").encode("utf-8"))


def write_d04() -> None:
    e = html.escape
    rows = "\n".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in r) + "</tr>" for r in D04_META)
    lines = D04_BODY.splitlines()
    paras = [f'<p class="wh">{e(lines[0])}</p>', f"<p>{e(lines[1])}</p>"]
    for line in lines[2:]:
        if line in ("辽源市人民政府办公室", "2017年3月9日"):
            paras.append(f'<p style="text-align:right">{e(line)}</p>')
        elif line.startswith("辽源市2017年安全生产工作要点"):
            paras.append(f'<p style="text-align:center"><strong>{e(line)}</strong></p>')
        else:
            paras.append(f"<p>{e(line)}</p>")
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="ArticleTitle" content="{e(D04_TITLE)}">
<meta name="PubDate" content="2017-03-13 09:20">
<title>{e(D04_TITLE)}_辽源市人民政府</title>
<link rel="stylesheet" href="/static/css/style.css">
</head>
<body>
<div class="header"><a href="/">辽源市人民政府</a> <span>简体</span> <span>繁體</span> <a href="/search/">站内搜索</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="location">您所在的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfwj/">政府文件</a> &gt; 市政府办公室文件</div>
<table class="xxgk">
{rows}
</table>
<div class="article">
<h1>{e(D04_TITLE)}</h1>
<div class="tool">发布时间：2017-03-13　浏览次数：1286　【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
<div class="content" id="zoom">
{chr(10).join(paras)}
</div>
<div class="share">分享到：微信 微博　【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
</div>
<div class="footer">
<p>主办：辽源市人民政府办公室　承办：辽源市政务服务和数字化建设管理局</p>
<p>网站标识码：2204000011　吉ICP备05001873号　吉公网安备 22040202000117号</p>
</div>
</body>
</html>
"""
    (HERE / HTML_NAME).write_text(page, encoding="utf-8")


def write_d06() -> None:
    from held_out_kit import CENTER, HEITI, XBS, cell_text, new_doc, para, red_header, set_widths, signature

    title = "金昌市人民政府办公室关于印发全市优化营商环境专项督查反馈问题整改清单的通知"
    doc = new_doc(title, dt.datetime(2021, 5, 12, 10, 0))
    red_header(doc, "金昌市人民政府办公室文件", "金政办发〔2021〕17号")
    para(doc, "金昌市人民政府办公室", XBS, 22, CENTER)
    para(doc, "关于印发全市优化营商环境专项督查反馈问题", XBS, 22, CENTER)
    para(doc, "整改清单的通知", XBS, 22, CENTER)
    para(doc, "", indent=False)
    lines = D06_NOTICE.splitlines()
    para(doc, lines[0], indent=False)
    for line in lines[1:]:
        para(doc, line)
    signature(doc, "金昌市人民政府办公室", "2021年5月12日")
    para(doc, "", indent=False)
    para(doc, "全市优化营商环境专项督查反馈问题整改清单", XBS, 18, CENTER)
    para(doc, D06_PREAMBLE)
    table = doc.add_table(rows=0, cols=5)
    table.style = "Table Grid"
    for i, row in enumerate(D06_ROWS):
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell_text(cell, text, 10.5, HEITI if i == 0 else "仿宋_GB2312", center=(i == 0))
    set_widths(table, [10, 36, 58, 34, 22])
    para(doc, "", indent=False)
    para(doc, "注：整改时限为“月底前”的，指本通知印发当月月底前。", indent=False)
    para(doc, "抄送：市委办公室，市人大常委会办公室，市政协办公室，市纪委监委。", indent=False)
    doc.save(str(HERE / DOCX_NAME))


if __name__ == "__main__":
    write_d02()
    write_d04()
    write_d06()
