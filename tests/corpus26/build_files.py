"""Make the documents of the twenty-sixth held-out corpus that are not written by hand.

    /work/main/.venv/bin/python tests/corpus26/build_files.py

- a03 滨州市滨城区: a 区政府 实施方案 issued as a 文件 (no 印发 notice) printed to PDF with a text layer (Chromium through Playwright, the kit's
  GB/T 9704 CSS and `— N —` footer, as tests/corpus22/build_pdf.py); three pages, items run over the
  page breaks.
- a07 吉安市: a .txt as copied out of a PDF viewer: hard-wrapped at 35 characters a line, page-number
  lines `- N -` between the pages (every 23 lines), so brackets like `（市教育局牵头，市财政局配合）`
  are split over two lines.
The made files are committed; this script documents how they were made.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives

A03 = """\
@banner 滨州市滨城区人民政府文件
@number 滨城政发〔2024〕3号
@rule
@title 滨州市滨城区人民政府
@title 关于推进城乡供水一体化提升的实施方案
@title （2024—2025年）
@to 各街道办事处、镇人民政府，区政府各部门、单位：
为贯彻落实《滨州市城乡供水一体化三年行动方案》（滨政办字〔2023〕41号），进一步提升全区城乡供水保障水平，结合我区实际，制定本方案。
@h1 一、工作目标
到2025年底，全区城乡供水一体化覆盖率达到98%以上，供水水质达标率100%。
@h1 二、重点任务
**（一）实施水源保障工程。**推进西海水库、东郊水库水源地规范化建设，完成水源地保护区边界标志设置和隔离防护设施建设，建立水源地风险隐患排查台账。2024年10月底前完成西海水库水源地整治。（区水利局牵头，区生态环境分局、滨州市自然资源和规划局滨城分局配合）
**（二）推进供水管网延伸改造。**实施城区供水管网向城乡接合部和镇村延伸，改造老旧供水管网120公里，解决管网漏损率偏高问题，管网漏损率控制在9%以内。2025年6月底前完成全部改造任务。（区住房城乡建设局牵头，区财政局、各镇人民政府配合）
**（三）整合农村小型供水工程。**对全区22处单村供水工程进行排查评估，具备条件的并入规模化供水管网，暂不具备条件的实施净化消毒设施改造。2024年12月底前完成整合任务的60%，2025年9月底前全部完成。（区水利局牵头，杜店街道、秦皇台乡、梁才街道配合）
**（四）加强水质检测监测。**建立区、水厂两级水质检测体系，水厂每日开展出厂水常规指标检测，区疾控中心每季度对农村供水工程开展一次水质抽检，检测结果及时向社会公开，发现问题立即督促整改。（区卫生健康局牵头，区水利局、区疾控中心配合）
**（五）推行供水统一管理。**组建区级城乡供水公司，推进城乡供水“同网、同质、同价、同服务”，规范水费收缴和使用管理。2024年8月底前完成供水公司组建。（区国资中心牵头，区发展改革局、区财政局配合）
**（六）提升智慧供水水平。**建设城乡供水智慧监管平台，对水源、水厂、主要管网节点实行在线监测。（区大数据中心牵头，区水利局、区城乡供水公司配合）
**（七）健全运行管护机制。**落实供水工程县级统管、镇村协管责任，按月开展供水设施巡查。（区水利局牵头，各街道办事处、镇人民政府负责）
**（八）完善水价形成机制。**开展农村供水成本监审，合理制定城乡居民生活用水价格。2024年11月30日前出台水价调整方案。（区发展改革局牵头，区民政局、区水利局配合）
@h1 三、保障措施
**（一）加强组织领导。**区政府成立城乡供水一体化工作专班，由分管副区长任组长，统筹推进各项工作。
**（二）严格督导考核。**区政府督查室每季度对工作推进情况进行督导，结果纳入年度综合考核。
@keep
@sign 滨州市滨城区人民政府
@date 2024年3月18日
@endkeep
（此件公开发布）
@banji 抄送：区委办公室，区人大常委会办公室，区政协办公室。
@banji 滨州市滨城区人民政府办公室|2024年3月19日印发
"""

A07 = """吉安市人民政府办公室文件
吉府办发〔2017〕12号
吉安市人民政府办公室关于印发吉安市推进义务教育均衡发展实施方案（2017—2018年）的通知
各县（市、区）人民政府，井冈山经济技术开发区、吉安高新区、庐陵新区管委会，市政府有关部门：
　　《吉安市推进义务教育均衡发展实施方案（2017—2018年）》已经市政府同意，现印发给你们，请认真贯彻执行。
吉安市人民政府办公室
2017年3月9日
吉安市推进义务教育均衡发展实施方案（2017—2018年）
　　为贯彻落实《江西省人民政府关于推进县域内义务教育均衡发展的实施意见》（赣府发〔2016〕28号）精神，加快推进全市义务教育优质均衡发展，制定本方案。
　　一、工作目标
　　到2018年底，全市所有县（市、区）通过国家义务教育发展基本均衡县督导评估认定，城镇义务教育大班额基本消除。
　　二、主要任务
　　（一）优化学校布局。科学编制城乡义务教育学校布局规划，合理确定学校规模，2017年6月底前完成规划修编。（市教育局牵头，市国土资源局、市城乡规划建设局配合）
　　（二）推进学校标准化建设。全面改善薄弱学校基本办学条件，新建改扩建校舍面积20万平方米，2018年8月底前全部完工。（各县（市、区）人民政府负责，市教育局、市发展改革委配合）
　　（三）消除大班额。通过新建学校、挖潜扩容、学区调整等措施，扩大优质学位供给，2017年底前消除66人以上超大班额。（市教育局牵头，市财政局配合）
　　（四）加强教师队伍建设。每年补充农村义务教育教师500名以上，推进县域内校长教师交流轮岗，交流比例不低于10%。（市教育局牵头，市委编办、市人社局配合）
　　（五）提升信息化水平。实现“宽带网络校校通”全覆盖，2018年6月底前所有教学点接入优质数字教育资源。（市教育局牵头，市工信委、市财政局配合）
　　（六）保障经费投入。落实城乡义务教育经费保障机制，确保生均公用经费足额拨付，每季度通报各县（市、区）拨付情况。（市财政局牵头，市教育局配合）
　　（七）关爱特殊群体。健全农村留守儿童关爱服务体系，落实进城务工人员随迁子女入学政策。（市民政局牵头，市教育局、团市委、市妇联配合）
　　三、组织实施
　　各地要成立义务教育均衡发展工作领导小组，建立定期调度和督查通报制度。市政府教育督导室每半年对各地推进情况开展一次专项督导，督导结果作为考核依据。
抄送：市委办公室，市人大常委会办公室，市政协办公室。
吉安市人民政府办公室　　　　　　　　　2017年3月10日印发"""


def write_a07() -> None:
    """Hard-wrap at 35 characters (a line's leading full-width spaces count), a `- N -` line after each 23."""
    lines = []
    for para in A07.splitlines():
        while len(para) > 35:
            lines.append(para[:35])
            para = para[35:]
        lines.append(para)
    out, page = [], 1
    for i, line in enumerate(lines, 1):
        out.append(line)
        if i % 23 == 0:
            out += ["", f"- {page} -", ""]
            page += 1
    out += ["", f"- {page} -", ""]
    (HERE / "a07_jiangxi_jian_yiwu_jiaoyu_junheng_fangan.txt").write_text("\n".join(out), encoding="utf-8")


def write_a03() -> None:
    sys.path.insert(0, str(HERE.parent / "corpus22"))
    from build_pdf import render  # corpus22's render: the kit's markup plus `@banji`
    from held_out_kit import CHROMIUM, FOOTER
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        page.set_content(render([ln for ln in A03.splitlines() if ln.strip()]), wait_until="load")
        page.pdf(path=str(HERE / "a03_shandong_binzhou_bincheng_gongshui_fangan.pdf"), format="A4",
                 print_background=True, display_header_footer=True, header_template="<span></span>",
                 footer_template=FOOTER, margin={"top": "37mm", "bottom": "35mm", "left": "28mm", "right": "26mm"})
        browser.close()


if __name__ == "__main__":
    write_a07()
    if "--pdf" in sys.argv:
        write_a03()
