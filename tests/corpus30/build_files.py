"""Make the documents of the thirtieth held-out corpus that are not written by hand.

    /work/main/.venv/bin/python tests/corpus30/build_files.py [--pdf]

- c02 冷水滩区梅湾街道: a .txt in GB18030 with CRLF lines: a 街道办事处 任务清单 as a tab-separated table whose
  `责任社区` column names 社区居委会.
- c08 新化县游家镇 (with `--pdf`): a 督办通知 printed to PDF with a text layer (Chromium through Playwright,
  corpus22's `render` with the kit's GB/T 9704 CSS and `— N —` footer, as corpus28's b09).
- c09 镇雄县泼机镇: a .docx (python-docx with the kit's Word helpers: red 版头, notice, signature, a table with a
  `包村领导` column).
The made files are committed; this script documents how they were made.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives

C02 = """\
冷水滩区梅湾街道办事处关于印发《梅湾街道2023年城市管理和基层治理任务清单》的通知
梅办发〔2023〕11号

各社区居委会，街道各办（站、所）：
    为进一步提升辖区城市管理和基层治理水平，街道党工委、办事处研究制定了《梅湾街道2023年城市管理和基层治理任务清单》，现印发给你们，请各牵头办（站、所）会同责任社区逐项抓好落实。街道党政综合办公室每月底对任务完成情况进行督查，结果在街道机关例会上通报。

冷水滩区梅湾街道办事处
2023年2月24日

梅湾街道2023年城市管理和基层治理任务清单

    街道党工委书记蒋文斌对清单任务负总责。表中“责任社区”一栏所列社区居委会负责本社区范围内的具体落实。

序号\t工作任务\t牵头单位\t责任社区\t完成时限
1\t开展背街小巷环境整治，每周一组织社区干部和志愿者开展集中清扫，清理乱堆乱放、乱贴乱画\t街道城市管理办公室\t滨江社区居委会、梅湾社区居委会、菱湖社区居委会\t2023年6月30日前
2\t推进老旧小区改造，完成翠竹园、粮食局宿舍等3个小区水电气管网和屋面改造\t街道规划建设办公室\t翠竹社区居委会\t2023年10月底前
3\t开展节前安全隐患大排查，重点检查商场、餐饮场所、出租屋消防安全\t街道应急管理办公室\t各社区居委会\t节前
4\t完善网格化服务管理，网格员每日走访巡查，按月更新实有人口和重点人员信息\t街道综治中心\t各社区居委会\t长期坚持
5\t推进生活垃圾分类，新增分类投放点20个，开展垃圾分类进家庭宣传活动\t街道城市管理办公室\t湘永社区居委会、梅湾社区居委会\t年底前
6\t开展电动自行车“飞线充电”专项整治，劝导拆除违规充电线路\t梅湾派出所\t各社区居委会\t2023年5月底前
7\t做好2023年度征兵工作，完成兵役登记和体检初检\t街道人民武装部\t各社区居委会\t2023年8月31日前

抄送：冷水滩区委办公室，冷水滩区人民政府办公室。
冷水滩区梅湾街道党政综合办公室                    2023年2月27日印发
"""

C08 = """\
@banner 游家镇人民政府文件
@number 游政督〔2024〕4号
@rule
@title 游家镇人民政府
@title 关于加快推进高标准农田建设项目的督办通知
@to 镇农业综合服务中心、镇财政所、镇自然资源所，游家派出所，相关村民委员会：
2024年我镇高标准农田建设项目计划建设面积6500亩，截至8月20日，项目完工率仅为41%，明显滞后于序时进度，8月22日县委、县政府督查室已对我镇进行通报。其中，土地平整工程完成2600亩，灌排沟渠完成11.3公里，田间道路完成4.2公里，部分地块因群众阻工停工。为确保项目按期完工，经镇党委、镇政府研究，对该项工作实行专项督办，现将有关事项通知如下。
@h1 一、督办事项
加快推进2024年高标准农田建设项目，确保建设任务全面完成并通过县级验收。
@h1 二、承办单位
镇农业综合服务中心（牵头），镇财政所、镇自然资源所、游家派出所、相关村民委员会（配合）。
@h1 三、办结时限
2024年10月31日前办结。
@h1 四、办理要求
1.倒排工期抓进度。镇农业综合服务中心要督促施工单位增加机械和人员投入，实行挂图作战，2024年9月20日前完成土地平整和沟渠主体工程。
2.保障资金拨付。镇财政所要按工程进度及时拨付项目资金，不得截留挪用，2024年9月30日前完成第二批资金拨付。
3.化解施工阻工问题。相关村民委员会负责做好群众工作，游家派出所配合依法处置恶意阻工行为，确保施工秩序正常。
4.按时报送进度。即日起至2024年10月31日，镇农业综合服务中心每周一12时前将项目进展情况和下周工作计划报镇党政综合办公室。
@h1 五、有关要求
镇纪委将对督办事项办理情况进行跟踪问效，对工作推进不力、影响项目进度的，严肃追究相关人员责任。各承办单位要明确一名分管负责人和一名联络员，办理过程中遇到的困难和问题及时报告镇党委、镇政府。办结后请于3个工作日内将办理情况书面报镇党政综合办公室。
@keep
@sign 新化县游家镇人民政府
@date 2024年8月26日
@endkeep
@banji 抄送：新化县农业农村局。
@banji 游家镇党政综合办公室|2024年8月26日印发
"""

C09_NOTICE = """\
各村（居）民委员会，镇直各单位：
现将《泼机镇2016年脱贫攻坚重点工作任务分解表》印发给你们。各包村领导是所包村脱贫攻坚工作的第一责任人，要每周至少两天驻村指导；各牵头站所每月5日前将上月进展报镇扶贫工作站。"""

C09_PREAMBLE = ("为贯彻落实《镇雄县2016年脱贫攻坚工作实施方案》（镇政发〔2016〕9号），确保全镇2016年减贫1850人、"
                "3个贫困村出列，镇党委书记李国华对脱贫攻坚工作负总责，现将重点工作任务分解如下。表中“责任村”一栏所列村"
                "（居）民委员会负责本村范围内的具体落实。")

C09_ROWS = [
    ("序号", "工作任务", "牵头站所", "责任村", "包村领导", "完成时限"),
    ("1", "开展建档立卡贫困户精准识别“回头看”，逐户核实家庭收入和“两不愁三保障”情况", "镇扶贫工作站",
     "各村（居）民委员会", "镇长 杨光明", "2016年4月30日前"),
    ("2", "实施易地扶贫搬迁，完成搬迁对象286户的安置房建设", "镇规划建设服务中心", "泼机村委会、田坝村委会",
     "副镇长 王永富", "2016年12月底前"),
    ("3", "发展魔芋和生态养殖产业，为贫困户发放产业扶持资金", "镇农业综合服务中心", "各村（居）民委员会",
     "副镇长 朱正华", "秋收后"),
    ("4", "实施农村危房改造1200户，每月初对改造进度进行统计", "镇规划建设服务中心", "各村（居）民委员会",
     "副镇长 王永富", "2016年11月30日前"),
    ("5", "落实教育扶贫政策，确保贫困家庭学生资助应助尽助", "镇中心学校", "各村（居）民委员会",
     "镇党委副书记 刘海", "2016年9月30日前"),
    ("6", "推进村组公路硬化，完成通组公路硬化45公里", "镇交通运输管理所", "黑树村委会、长坪村委会",
     "副镇长 朱正华、人大主席 邓德林", "2016年10月31日前"),
    ("7", "加强驻村扶贫工作队管理，实行驻村队员考勤登记，按月通报在岗情况", "镇党政办公室", "各村（居）民委员会",
     "镇党委副书记 刘海", "长期坚持"),
]

GB18030_NAME = "c02_hunan_lengshuitan_meiwan_renwu_qingdan.txt"
PDF_NAME = "c08_hunan_xinhua_youjia_duban_tongzhi.pdf"
DOCX_NAME = "c09_yunnan_zhenxiong_poji_fupin_fenjie.docx"


def write_c02() -> None:
    (HERE / GB18030_NAME).write_bytes(C02.replace("\n", "\r\n").encode("gb18030"))


def write_c08() -> None:
    sys.path.insert(0, str(HERE.parent / "corpus22"))
    from build_pdf import render  # corpus22's render: the kit's markup plus `@banji`
    from held_out_kit import CHROMIUM, FOOTER
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        page.set_content(render([ln for ln in C08.splitlines() if ln.strip()]), wait_until="load")
        page.pdf(path=str(HERE / PDF_NAME), format="A4", print_background=True, display_header_footer=True,
                 header_template="<span></span>", footer_template=FOOTER,
                 margin={"top": "37mm", "bottom": "35mm", "left": "28mm", "right": "26mm"})
        browser.close()


def write_c09() -> None:
    from held_out_kit import CENTER, HEITI, XBS, cell_text, new_doc, para, red_header, set_widths, signature

    title = "泼机镇人民政府关于印发泼机镇2016年脱贫攻坚重点工作任务分解表的通知"
    doc = new_doc(title, dt.datetime(2016, 3, 18, 9, 0))
    red_header(doc, "泼机镇人民政府文件", "泼政发〔2016〕12号")
    para(doc, "泼机镇人民政府", XBS, 22, CENTER)
    para(doc, "关于印发泼机镇2016年脱贫攻坚重点工作", XBS, 22, CENTER)
    para(doc, "任务分解表的通知", XBS, 22, CENTER)
    para(doc, "", indent=False)
    lines = C09_NOTICE.splitlines()
    para(doc, lines[0], indent=False)
    for line in lines[1:]:
        para(doc, line)
    signature(doc, "镇雄县泼机镇人民政府", "2016年3月18日")
    para(doc, "", indent=False)
    para(doc, "泼机镇2016年脱贫攻坚重点工作任务分解表", XBS, 18, CENTER)
    para(doc, C09_PREAMBLE)
    table = doc.add_table(rows=0, cols=6)
    table.style = "Table Grid"
    for i, row in enumerate(C09_ROWS):
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell_text(cell, text, 10.5, HEITI if i == 0 else "仿宋_GB2312", center=(i == 0))
    set_widths(table, [10, 62, 24, 24, 22, 20])
    para(doc, "", indent=False)
    para(doc, "注：镇扶贫工作站负责对各项任务进展情况进行跟踪督查，每季度通报一次。")
    doc.save(str(HERE / DOCX_NAME))


if __name__ == "__main__":
    write_c02()
    write_c09()
    if "--pdf" in sys.argv:
        write_c08()
