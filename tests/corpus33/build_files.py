"""Make the document of the thirty-third held-out corpus that is not written by hand.

    /work/main/.venv/bin/python tests/corpus33/build_files.py

- d05 郸城县: a 工作方案 as .docx (python-docx, the kit's Word helpers) whose 任务分工 table has a header
  over two rows: `序号`, `工作任务` and `完成时限` are merged vertically over both rows, and `责任单位`
  is merged horizontally over two columns whose second header row reads `牵头` | `配合`.
The made file is committed; this script documents how it was made. The other documents (the .html
page d07 included) were written by hand.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives

D05_BODY = """\
各乡镇人民政府、办事处，县直有关单位：
《郸城县2016年城区道路交通秩序综合整治工作方案》已经县政府同意，现印发给你们，请认真抓好落实。
"""

D05_PLAN = """\
为贯彻落实《周口市城区道路交通秩序综合整治实施意见》（周政办〔2016〕21号），进一步改善县城道路交通环境，县政府决定于2016年4月至11月在县城区开展道路交通秩序综合整治。
# 一、整治目标
通过整治，城区主次干道通行效率明显提高，交通事故起数同比下降10%以上，群众出行满意度明显提升。
# 二、任务分工
各责任单位按下表分工落实，牵头单位负总责，配合单位按职责协同推进。
"""

D05_ROWS = [
    ("1", "整治机动车乱停乱放。在洺南路、新华路等主干道施划停车泊位1200个，对违停车辆每日巡查。",
     "县公安局交警大队", "县城市管理局", "2016年6月30日前"),
    ("2", "规范电动车和三轮车通行。开展电动三轮车非法营运专项整治，每周开展一次集中行动。",
     "县公安局交警大队", "县交通运输局、县市场监管局", "2016年11月底前"),
    ("3", "清理占道经营。取缔城区主干道占道摊点，在老城区设置便民疏导点4处。",
     "县城市管理局", "城郊乡人民政府、洺北办事处", "2016年7月31日前"),
    ("4", "完善交通设施。新增交通信号灯12组，更新交通标志标线，修复破损人行道。",
     "县住房和城乡建设局", "县公安局交警大队", "2016年9月底前"),
    ("5", "加强客运市场管理。整治出租车拒载、绕行和非法营运行为，每月通报一次查处情况。",
     "县交通运输局", "县公安局", "2016年11月30日前"),
    ("6", "开展交通安全宣传。组织交通安全进学校、进社区、进企业活动，全年不少于30场。",
     "县公安局交警大队", "县教育体育局、县广播电视台", "2016年10月底前"),
]

D05_TAIL = """\
# 三、工作要求
县整治办每周汇总一次进展情况，每月25日前向县政府报告，对工作不力的单位予以通报。
"""

DOCX_NAME = "d05_henan_dancheng_jiaotong_zhixu_fangan.docx"


def write_d05() -> None:
    from held_out_kit import CENTER, FANGSONG, HEITI, XBS, body, cell_text, new_doc, para, red_header, signature

    doc = new_doc("郸城县人民政府办公室关于印发郸城县2016年城区道路交通秩序综合整治工作方案的通知",
                  dt.datetime(2016, 3, 29, 9, 0))
    red_header(doc, "郸城县人民政府办公室文件", "郸政办〔2016〕14号")
    para(doc, "郸城县人民政府办公室", XBS, 22, CENTER)
    para(doc, "关于印发郸城县2016年城区道路交通秩序综合整治工作方案的通知", XBS, 22, CENTER)
    para(doc, "", indent=False)
    body(doc, D05_BODY)
    signature(doc, "郸城县人民政府办公室", "2016年3月29日")
    para(doc, "", indent=False)
    para(doc, "郸城县2016年城区道路交通秩序综合整治工作方案", XBS, 22, CENTER)
    body(doc, D05_PLAN)
    table = doc.add_table(rows=2, cols=5)
    table.style = "Table Grid"
    head = table.rows[0].cells
    sub = table.rows[1].cells
    for cell, text in ((head[0], "序号"), (head[1], "工作任务"), (head[2], "责任单位"), (head[4], "完成时限"),
                       (sub[2], "牵头"), (sub[3], "配合")):
        cell_text(cell, text, face=HEITI, center=True)
    head[0].merge(sub[0])
    head[1].merge(sub[1])
    head[4].merge(sub[4])
    head[2].merge(head[3])
    for row in D05_ROWS:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row)):
            cell_text(cell, text, face=FANGSONG, center=i != 1)
    body(doc, D05_TAIL)
    doc.save(str(HERE / DOCX_NAME))


if __name__ == "__main__":
    write_d05()
