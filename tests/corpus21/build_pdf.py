"""Build the .pdf documents of the twenty-first held-out corpus (v01, v02, v03).

    /work/main/.venv/bin/python tests/corpus21/build_pdf.py

Files as offices receive them: red 版头, 发文字号, red rule, title, 主送, body, signature, 版记 with the
`XX印发` line, `— N —` page numbers. HTML after GB/T 9704 printed by Chromium through Playwright; the
text layer is what `pdftotext` reads. Fonts, page CSS and the footer are tests/held_out_kit.py's; the
kit's markup has no tables, so this script adds two line forms of its own:

- `@table` … `@endtable`: the first line is the header row, each other line a row, cells split by `|`;
  the header repeats on every page (`<thead>`), rows do not break across pages, and long cells wrap
  inside their cell as they do in a printed 任务分工表;
- `@banji 抄送：…` / `@banji 单位|日期印发`: the 版记 lines with their rules (GB/T 9704 7.3).

- v01 河南 新乡市: notice, then the 分工方案 whose tasks are only in its 附件 **任务分工表**
  (序号/工作任务/牵头单位/配合单位/完成时限), 4 pages;
- v02 安徽 宿州市: a 通知 whose own `一、/（一）` items are the tasks, `（牵头单位：…；配合单位：…）`;
- v03 陕西 安康市: notice and a 三年行动方案 with `一、/（一）/1.` and own-line `责任单位：` after each item.
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
table.fg { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 18pt; margin-top: 6pt; }
table.fg th, table.fg td { border: 0.8pt solid #000; padding: 3pt 4pt; vertical-align: middle; text-align: left; }
table.fg th { font-family: "TZSans"; font-weight: 400; text-align: center; }
table.fg td.c { text-align: center; }
table.fg tr { break-inside: avoid; }
table.fg thead { display: table-header-group; }
.banji { text-indent: 0; font-size: 14pt; line-height: 24pt; border-bottom: 0.8pt solid #000; padding: 2pt 1em; }
.banji.first { border-top: 1.6pt solid #000; margin-top: 40pt; }
.banji.last { border-bottom: 1.6pt solid #000; display: flex; justify-content: space-between; }
.annex { font-family: "TZSans"; text-indent: 0; }
"""

# column widths of the 任务分工表: 序号 / 工作任务 / 牵头单位 / 配合单位 / 完成时限
WIDTHS = ("8%", "44%", "16%", "19%", "13%")


def inline(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r'<span class="h2">\1</span>', html.escape(text))


def table(rows: list[str]) -> str:
    head, *body = [[c.strip() for c in r.split("|")] for r in rows]
    cols = "".join(f'<col style="width:{w}">' for w in WIDTHS)
    out = [f'<table class="fg"><colgroup>{cols}</colgroup><thead><tr>'
           + "".join(f"<th>{html.escape(c)}</th>" for c in head) + "</tr></thead><tbody>"]
    for cells in body:
        tds = []
        for i, c in enumerate(cells):
            cls = ' class="c"' if i in (0, 4) else ""
            tds.append(f"<td{cls}>{inline(c)}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def render(lines: list[str]) -> str:
    """held_out_kit.render's markup plus `@table`…`@endtable` and `@banji`."""
    out: list[str] = []
    rows: list[str] | None = None
    banji = 0
    for line in lines:
        if rows is not None:
            if line == "@endtable":
                out.append(table(rows))
                rows = None
            else:
                rows.append(line)
            continue
        if line == "@table":
            rows = []
            continue
        if line in ("@gap", "@rule", "@newpage", "@keep", "@endkeep"):
            out.append({"@gap": '<div class="gap"></div>', "@rule": '<hr class="rule">',
                        "@newpage": '<div class="newpage"></div>', "@keep": '<div class="signblock">',
                        "@endkeep": "</div>"}[line])
            continue
        if line.startswith("@banji "):
            text = line[len("@banji "):]
            if "|" in text:  # the last 版记 line: office left, date right
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
    faces = font_faces("\n".join(lines) + "序号工作任务牵头单位配合单位完成时限")
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>" + faces + CSS + TABLE_CSS
            + "</style></head><body>" + "\n".join(out) + "</body></html>")


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


V01 = """\
@banner 新乡市人民政府办公室文件
@number 新政办〔2026〕18号
@rule
@title 新乡市人民政府办公室
@title 关于印发新乡市2026年城市更新行动重点任务分工方案的通知
@to 各县（市、区）人民政府，平原示范区、高新区、经开区管委会，市人民政府各部门：
《新乡市2026年城市更新行动重点任务分工方案》已经市政府同意，现印发给你们，请认真抓好落实。
各牵头单位要于每月10日前将上月工作进展报送市城市更新工作领导小组办公室（设在市住房城乡建设局），领导小组办公室每季度末汇总通报一次。
@gap
@keep
@sign 新乡市人民政府办公室
@date 2026年3月5日
@endkeep
（此件公开发布）
@newpage
@title 新乡市2026年城市更新行动重点任务分工方案
为贯彻落实《河南省城市更新行动实施方案》（豫政办〔2025〕36号），扎实推进我市城市更新工作，不断提升城市功能品质，制定本方案。
@h1 一、总体目标
2026年，全市新开工改造城镇老旧小区120个，完成城中村改造项目8个，新建改造燃气、供水、排水、供热等地下管网260公里以上，城市建成区绿化覆盖率达到42%以上，群众获得感、幸福感、安全感进一步增强。
@h1 二、工作原则
坚持规划引领、统筹推进，坚持民生优先、群众参与，坚持政府引导、市场运作，坚持先体检、后更新，一体推进城市体检和城市更新。
@h1 三、重点任务
全年安排城市更新重点任务12项，具体分工见附件。各牵头单位要会同配合单位制定推进方案，细化时间节点，确保按期完成。
@h1 四、保障措施
（一）加强组织领导。市城市更新工作领导小组统筹协调全市城市更新工作，研究解决重大问题，各成员单位按照职责分工各负其责。
（二）强化要素保障。统筹用好中央预算内投资、地方政府专项债券等资金，优先保障城市更新项目用地需求。
（三）严格督导考核。将城市更新重点任务纳入市政府年度重点工作督查范围，对推进迟缓的及时督促提醒，对工作不力的予以通报。
附件：新乡市2026年城市更新行动重点任务分工表
@newpage
@annex 附件
@title 新乡市2026年城市更新行动重点任务分工表
@table
序号|工作任务|牵头单位|配合单位|完成时限
1|**城镇老旧小区改造。**新开工改造城镇老旧小区120个，同步完善养老、托育、停车、充电等配套设施，改造后小区全部实现物业服务覆盖。|市住房城乡建设局|市发展改革委、财政局，各县（市、区）人民政府|2026年11月底前
2|**城中村改造。**完成城中村改造项目8个，上半年完成征收安置方案审定，新开工安置住房4000套。|市住房城乡建设局|市自然资源和规划局，红旗区、卫滨区、牧野区人民政府|年底前
3|**地下管网更新改造。**新建改造燃气、供水、排水、供热管网260公里以上，汛期前完成中心城区易涝点排水管网清淤。|市城市管理局|市住房城乡建设局、水利局|2026年10月底前
4|**城市生命线安全工程。**建成城市生命线安全运行监测平台一期，实现燃气管网、城市桥梁监测数据实时接入。|市城市管理局|市政务服务和大数据管理局、应急管理局|三季度
5|**完整社区建设。**打造完整社区试点15个，补齐社区养老、托育、便民商业等服务设施短板。|市民政局|市住房城乡建设局、卫生健康委、商务局|2026年12月31日前
6|**历史文化街区保护利用。**完成老城区历史建筑测绘建档，编制历史文化街区保护利用方案。|市文化广电和旅游局|市自然资源和规划局、住房城乡建设局|2026年6月30日前
7|**城市绿地建设。**新建改造口袋公园20个、城市绿道50公里，城市建成区绿化覆盖率达到42%以上。|市城市管理局|市自然资源和规划局|年底前
8|**背街小巷整治。**整治提升背街小巷100条，常态化开展环境卫生集中整治。|市城市管理局|红旗区、卫滨区、牧野区、凤泉区人民政府|每季度末
9|**城市更新项目库管理。**建立城市更新项目库，谋划储备项目不少于50个，动态更新项目进展和资金到位情况。|市发展改革委|市财政局、住房城乡建设局|每月10日前
10|**停车设施建设。**新增公共停车泊位5000个，推动机关企事业单位内部停车场错时向社会开放。|市公安局|市住房城乡建设局、城市管理局，国网新乡供电公司|2026年11月30日前
11|**既有建筑安全隐患排查整治。**开展既有建筑安全隐患排查整治，建立房屋安全管理档案。|市住房城乡建设局|各县（市、区）人民政府|长期坚持
12|**城市体检。**开展年度城市体检，形成城市体检报告，建立问题清单并推动整改。|市住房城乡建设局|市直有关部门|2026年8月31日前
@endtable
@banji 抄送：市委各部门，市人大常委会办公室，市政协办公室，市法院，市检察院，新乡军分区。
@banji 新乡市人民政府办公室|2026年3月5日印发
"""

V02 = """\
@banner 宿州市人民政府办公室文件
@number 宿政办秘〔2026〕9号
@rule
@title 宿州市人民政府办公室
@title 关于做好2026年秸秆综合利用和禁烧工作的通知
@to 各县、区人民政府，宿州经开区、宿马园区管委会，市政府各部门、各直属机构：
为持续巩固秸秆综合利用和禁烧工作成果，推动农业绿色发展，经市政府同意，现就做好2026年全市秸秆综合利用和禁烧工作通知如下。
@h1 一、提升秸秆综合利用水平
**（一）推进秸秆肥料化利用。**推广秸秆机械化还田技术，全市秸秆还田面积稳定在800万亩以上，秸秆综合利用率稳定在95%以上。（牵头单位：市农业农村局；配合单位：市财政局，各县、区人民政府）
**（二）扩大秸秆能源化利用。**支持秸秆发电和生物质成型燃料项目建设，新增秸秆能源化利用能力10万吨，2026年6月30日前完成年度项目备案。（牵头单位：市发展改革委；配合单位：市农业农村局、生态环境局）
**（三）培育秸秆收储运体系。**新建规范化秸秆收储中心20个，每个乡镇至少建成1个秸秆收储点。（市农业农村局牵头，市供销社，砀山县、萧县人民政府配合）
@h1 二、严格落实禁烧责任
**（一）压实属地管理责任。**严格落实县包乡、乡包村、村包组、组包户的网格化监管责任，夏秋两季禁烧期间实行24小时值班制度。（各县、区人民政府负责）
**（二）强化火点监测预警。**利用卫星遥感和高空视频监控开展火点监测，发现火点及时交办、限时处置，每季度末通报各地禁烧工作情况。（市生态环境局牵头，市农业农村局、市气象局配合）
**（三）加强执法检查。**由市公安局会同市生态环境局、城市管理局开展秸秆焚烧联合执法，依法查处露天焚烧行为。（长期坚持）
@h1 三、加大政策支持力度
**（一）落实补助资金。**统筹中央和省级秸秆综合利用补助资金，上半年下达市级配套资金。（市财政局、农业农村局按职责分工负责）
**（二）强化宣传引导。**利用广播、电视、网络和村村通广播开展秸秆禁烧宣传，营造全社会共同参与的良好氛围。（市委宣传部牵头，市农业农村局配合）
@h1 四、工作要求
各县、区人民政府要于11月20日前将全年秸秆综合利用和禁烧工作总结报市农业农村局。市政府将把秸秆综合利用和禁烧工作纳入年度目标管理绩效考核，对工作不力、火点多发的地方予以通报批评。
@gap
@keep
@sign 宿州市人民政府办公室
@date 2026年4月2日
@endkeep
（此件公开发布）
@banji 抄送：市委办公室，市人大常委会办公室，市政协办公室。
@banji 宿州市人民政府办公室|2026年4月3日印发
"""

V03 = """\
@banner 安康市人民政府办公室文件
@number 安政办发〔2026〕11号
@rule
@title 安康市人民政府办公室
@title 关于印发安康市富硒茶产业高质量发展
@title 三年行动方案（2026—2028年）的通知
@to 各县（市、区）人民政府，市政府各工作部门、各直属机构：
《安康市富硒茶产业高质量发展三年行动方案（2026—2028年）》已经市政府同意，现印发给你们，请结合实际认真贯彻执行。方案所列责任单位中，排在第一位的为牵头单位，其他为配合单位。
@gap
@keep
@sign 安康市人民政府办公室
@date 2026年1月22日
@endkeep
（此件公开发布）
@newpage
@title 安康市富硒茶产业高质量发展三年行动方案
@title （2026—2028年）
为加快推进富硒茶产业高质量发展，打造全国知名的富硒茶产业集群，根据《陕西省茶产业高质量发展规划》（陕农发〔2025〕52号），结合我市实际，制定本方案。
@h1 一、发展目标
到2028年，全市茶园面积稳定在120万亩，茶叶产量达到7万吨，茶产业综合产值突破300亿元，培育国家级农业产业化龙头企业3家以上。
@h1 二、重点任务
@h2 （一）夯实茶园基础
1.实施低产茶园改造提升工程，每年改造低产茶园5万亩，推广绿色防控技术。
责任单位：市农业农村局、财政局
2.建设高标准生态茶园示范基地，2026年三季度前认定市级示范基地20个。
责任单位：市农业农村局，汉阴县、平利县人民政府
@h2 （二）提升加工水平
1.支持茶叶加工企业实施清洁化、自动化生产线改造，年底前完成改造生产线30条。
责任单位：市工业和信息化局、农业农村局
2.建设富硒茶精深加工产业园，招引茶饮料、茶食品等精深加工项目。
责任单位：安康高新区管委会，市招商服务中心
@h2 （三）打响区域品牌
1.统一使用“安康富硒茶”区域公用品牌，2026年6月30日前出台品牌授权使用管理办法。
责任单位：市市场监管局、农业农村局
2.举办富硒茶文化节和春季茶事活动，组织企业参加国内重点茶叶博览会不少于5场。
责任单位：市文化和旅游广电局、商务局
@h2 （四）强化科技支撑
1.与西北农林科技大学共建富硒茶研究院，开展良种选育和硒含量标准研究。
责任单位：市科技局，安康学院
@h1 三、保障措施
（一）加强组织领导。市茶产业发展领导小组负责统筹推进本方案实施，每半年召开一次推进会。
（二）加大资金投入。市级财政每年安排茶产业发展专项资金，引导社会资本投向茶产业。
（三）强化督查考核。将茶产业发展纳入县域经济考核，各责任单位于每年12月10日前报送年度工作总结。
@banji 抄送：市委各部门，市人大常委会办公室，市政协办公室。
@banji 安康市人民政府办公室|2026年1月23日印发
"""


if __name__ == "__main__":
    write_pdfs({
        "v01_henan_xinxiang_chengshi_gengxin_fengong.pdf": V01,
        "v02_anhui_suzhou_jiegan_jinshao_tongzhi.pdf": V02,
        "v03_shaanxi_ankang_fuxi_cha_fangan.pdf": V03,
    })
