"""Make the documents of the twenty-eighth held-out corpus that are not written by hand.

    /work/main/.venv/bin/python tests/corpus28/build_files.py [--pdf]

- b04 衡阳市: a .txt in GBK (a Windows Notepad save): the 任务分解 as lines `任务 —— 牵头单位 —— 完成时限`.
- b09 舟山市定海区 (with `--pdf`): a 区政府办公室 notice + 工作方案 printed to PDF with a text layer (Chromium
  through Playwright, corpus22's `render` with the kit's GB/T 9704 CSS and `— N —` footer, as corpus26's a03);
  three pages, 二/(二) runs over the break from page 1 to page 2.
The made files are committed; this script documents how they were made.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives

B04 = """\
衡阳市人民政府办公室关于印发《衡阳市2017年大气污染防治重点任务分解》的通知
衡政办函〔2017〕42号

各县市区人民政府，市直和中央、省属驻衡有关单位：
    《衡阳市2017年大气污染防治重点任务分解》已经市人民政府同意，现印发给你们，请认真贯彻执行。各牵头单位要明确专人负责，每月25日前将上月任务进展情况书面报送市环保局，由市环保局汇总后报市人民政府。

衡阳市人民政府办公室
2017年4月12日

衡阳市2017年大气污染防治重点任务分解

    为贯彻落实《湖南省大气污染防治2017年度实施计划》（湘政办发〔2017〕18号），持续改善全市环境空气质量，确保2017年市区环境空气质量优良天数比例达到80%以上，结合我市实际，将重点任务分解如下。表中牵头单位列有两个单位的，为共同牵头。

重点任务 —— 牵头单位 —— 完成时限

1.全面淘汰市区建成区每小时10蒸吨及以下燃煤锅炉 —— 市环保局 —— 2017年10月底前
2.完成水泥、火电行业超低排放改造，对未达标企业实施停产整治 —— 市经信委、市环保局 —— 2017年12月底前
3.推进挥发性有机物综合治理，完成20家重点企业治理任务 —— 市环保局 —— 2017年11月30日前
4.加强建筑工地扬尘管控，落实“六个百分之百”要求 —— 市住建局 —— 长期坚持
5.开展渣土运输车辆专项整治，对违规车辆每周五集中通报 —— 市城管执法局、市公安局交警支队 —— 2017年6月底前
6.淘汰黄标车和老旧车辆3000辆 —— 市公安局交警支队 —— 2017年底前
7.全面禁止秸秆露天焚烧，建立县乡村三级网格化监管体系 —— 市农委 —— 2017年9月30日前
8.加强重污染天气应急管控，修订重污染天气应急预案 —— 市环保局 —— 年底前
9.开展大气污染源排放清单编制，每年开展一次更新 —— 市环保局 —— 2017年8月底前

    以上任务的配合单位由牵头单位商定。市环保局要会同市政府督查室按季度通报各地、各部门任务完成情况，对工作推进不力的单位进行约谈。

抄送：市委办公室，市人大常委会办公室，市政协办公室。
衡阳市人民政府办公室                    2017年4月13日印发
"""

B09 = """\
@banner 定海区人民政府办公室文件
@number 定政办发〔2025〕17号
@rule
@title 舟山市定海区人民政府办公室
@title 关于印发定海区2025年海岛农村公路
@title 养护提升工作方案的通知
@to 各乡镇人民政府、街道办事处，区政府各部门、直属各单位：
《定海区2025年海岛农村公路养护提升工作方案》已经区政府同意，现印发给你们，请认真组织实施。
@keep
@sign 舟山市定海区人民政府办公室
@date 2025年3月12日
@endkeep
（此件公开发布）
@title 定海区2025年海岛农村公路
@title 养护提升工作方案
为贯彻落实《舟山市“四好农村路”高质量发展实施意见》（舟政发〔2024〕11号），提升全区海岛农村公路养护管理水平，制定本方案。
@h1 一、工作目标
2025年全区农村公路优良中等路比例达到88%以上，完成农村公路养护工程40公里。
@h1 二、主要任务
**（一）实施路面提升改造。**对小沙街道、马岙街道、干览镇境内路况较差的农村公路实施路面改造，完成沥青罩面28公里。2025年10月底前全部完工。（区交通运输局牵头，区财政局、相关乡镇人民政府配合）
**（二）推进危桥改造和安防工程。**对2024年定期检查评定的四、五类桥梁实施改造，完善临水临崖路段护栏、警示标志等安全防护设施，消除安全隐患；危桥改造期间设置临时便道和警示标志，安排专人值守，确保群众安全通行。各乡镇（街道）负责做好施工期间交通组织和群众工作，2025年9月底前完成危桥改造，年底前完成安防工程。（区交通运输局牵头，区应急管理局、公安定海分局交警大队配合）
**（三）落实日常养护责任。**全面推行“路长制”，区、乡镇（街道）、村三级路长每周五开展路况巡查，发现问题及时交办处置，建立问题清单和整改台账，实行闭环销号管理，确保路面整洁、排水畅通、标志标线完好。（各乡镇人民政府、街道办事处负责，区交通运输局指导）
**（四）开展路域环境整治。**集中清理公路两侧乱堆乱放、违章搭建和非公路标志，2025年6月底前完成重点路段整治。（区综合行政执法局牵头，区自然资源和规划分局、各乡镇人民政府、街道办事处配合）
**（五）加强养护资金监管。**落实农村公路养护资金全额纳入预算，严格资金使用管理，按季度通报各地资金拨付和使用情况。（区财政局牵头，区审计局配合）
**（六）推进数字化管理。**建设农村公路数字化管理平台，实现路网、桥梁、养护作业一图展示，2025年11月30日前上线运行。（区交通运输局牵头，区大数据发展中心配合）
@h1 三、保障措施
**（一）加强组织领导。**区政府成立农村公路养护提升工作领导小组，由分管副区长任组长，统筹推进各项工作。
**（二）强化考核督查。**各乡镇（街道）每月25日前向区交通运输局报送工作进展，区交通运输局每年开展一次养护管理考核。
@banji 抄送：区委办公室，区人大常委会办公室，区政协办公室。
@banji 舟山市定海区人民政府办公室|2025年3月13日印发
"""

GBK_NAME = "b04_hunan_hengyang_daqi_renwu_fenjie.txt"
PDF_NAME = "b09_zhejiang_dinghai_nongcun_gonglu_fangan.pdf"


def write_b04() -> None:
    (HERE / GBK_NAME).write_bytes(B04.replace("\n", "\r\n").encode("gbk"))


def write_b09() -> None:
    sys.path.insert(0, str(HERE.parent / "corpus22"))
    from build_pdf import render  # corpus22's render: the kit's markup plus `@banji`
    from held_out_kit import CHROMIUM, FOOTER
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        page.set_content(render([ln for ln in B09.splitlines() if ln.strip()]), wait_until="load")
        page.pdf(path=str(HERE / PDF_NAME), format="A4", print_background=True, display_header_footer=True,
                 header_template="<span></span>", footer_template=FOOTER,
                 margin={"top": "37mm", "bottom": "35mm", "left": "28mm", "right": "26mm"})
        browser.close()


if __name__ == "__main__":
    write_b04()
    if "--pdf" in sys.argv:
        write_b09()
