"""Build the .pdf document of the sixteenth held-out corpus (s08).

    /work/main/.venv/bin/python tests/corpus16/build_pdf.py

HTML laid out after GB/T 9704 (A4, 天头 37 mm, 订口 28 mm, 16 pt serif body), printed to PDF by
Chromium through Playwright with `— N —` page numbers in the footer. Layout and the CJK font
subsetting (Noto Serif/Sans CJK SC cut to the characters used, without the Kangxi/CJK radical code
points, so the text layer holds real ideographs) are tests/held_out_kit.py's.

- s08 广西 柳州市: the 附件 PDF of a 河湖长制 工作要点 as posted beside the web notice (no 版头, no
  notice, no signature); items end in `牵头单位：A；配合单位：B。` run into the paragraph; the text
  layer is hard-wrapped and `— 1 —` falls inside item 3.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import write_pdfs  # noqa: E402


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


if __name__ == "__main__":
    write_pdfs(HERE, {
        "s08_guangxi_liuzhou_hehuzhang_yaodian.pdf": S08,
    })
