"""Make the old-Word (.doc) file of the twenty-second held-out corpus (w01).

    /work/main/.venv/bin/python tests/corpus22/build_docx.py

- w01 湖南 郴州市汝城县: a 县政府办公室 notice and its 实施方案 in `一、`/`（一）`/`1.` with
  `（牵头单位：…；责任单位：…）` brackets after each `1.` item. Offices still mail `.doc` files
  (Word 97–2003), so the file is written as .docx with python-docx (layout helpers from
  tests/held_out_kit.py) and then converted by LibreOffice: `soffice --headless --convert-to doc`.
  The intermediate .docx is removed; only the .doc is kept.
"""
from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import CENTER, HEITI, KAITI, XBS, new_doc, para, red_header, signature  # noqa: E402

W01_NOTICE = """
《汝城县2026年农村寄递物流体系建设实施方案》已经县人民政府同意，现印发给你们，请认真组织实施。各牵头单位每季度末将工作进展情况报县商务局，由县商务局汇总后报县人民政府。
"""

W01_PLAN = """
为加快补齐农村寄递物流短板，畅通农产品进城和工业品下乡双向流通渠道，根据《郴州市加快农村寄递物流体系建设实施方案》（郴政办发〔2025〕19号）要求，结合我县实际，制定本方案。
# 一、工作目标
到2026年底，全县建成县级快递物流共同配送中心1个、乡镇快递物流服务站14个、村级寄递物流综合服务点180个，行政村快递服务通达率达到95%以上，农村快递平均送达时间缩短至24小时以内。
# 二、重点任务
## （一）完善县乡村三级物流网络
1.建设县级快递物流共同配送中心，整合邮政、快递、供销、电商等物流资源，6月底前建成投入运营。（牵头单位：县商务局；责任单位：县交通运输局、自然资源局，中国邮政集团有限公司汝城县分公司）
2.改造提升乡镇快递物流服务站14个，配齐分拣、仓储、冷藏设施，实现乡镇全覆盖。（牵头单位：县交通运输局；责任单位：县商务局，各乡镇人民政府）
3.依托村级便民服务中心、农村超市建设村级寄递物流综合服务点，2026年底前行政村覆盖率达到95%以上。（牵头单位：县商务局、交通运输局；责任单位：各乡镇人民政府）
## （二）推进寄递物流资源共享
1.推动邮政、快递、供销等企业开展共同配送，统一车辆调度和配送线路，每半年评估一次配送成本。（牵头单位：县交通运输局；责任单位：县供销社，中国邮政集团有限公司汝城县分公司）
2.推广“客货邮”融合发展模式，利用农村客运班线代运邮件快件，开通客货邮融合线路8条。（牵头单位：县交通运输局；责任单位：县商务局、财政局）
## （三）服务农村产业发展
1.支持汝城朝天椒、香芋、白毛茶等特色农产品上行，培育农村电商带头人100名。（牵头单位：县农业农村局；责任单位：县商务局、人力资源社会保障局）
2.发展农产品冷链物流，建设产地冷藏保鲜设施10个，汛期前完成设施安全检查。（牵头单位：县农业农村局；责任单位：县应急管理局，热水镇、暖水镇人民政府）
## （四）加强行业安全监管
1.落实收寄验视、实名收寄、过机安检制度，严厉打击寄递违禁物品行为，该项工作长期坚持。（牵头单位：县公安局；责任单位：县交通运输局，县市场监督管理局）
2.开展寄递物流服务质量监测，每月25日前通报上月服务质量情况。（牵头单位：县商务局；责任单位：县市场监督管理局）
# 三、保障措施
（一）加强组织领导。成立由分管副县长任组长的农村寄递物流体系建设工作专班，统筹推进各项工作。
（二）强化资金保障。统筹县域商业体系建设、交通运输等专项资金，支持农村寄递物流基础设施建设。
（三）严格督查考核。将农村寄递物流体系建设纳入乡镇绩效考核，对工作推进不力的予以通报。
"""


def lines(doc, text: str) -> None:
    for line in text.strip().splitlines():
        if line.startswith("## "):
            para(doc, line[3:], KAITI)
        elif line.startswith("# "):
            para(doc, line[2:], HEITI)
        else:
            para(doc, line)


def w01() -> None:
    doc = new_doc("汝城县2026年农村寄递物流体系建设实施方案", dt.datetime(2026, 3, 18, 10, 20))
    red_header(doc, "汝城县人民政府办公室文件", "汝政办发〔2026〕7号")
    para(doc, "汝城县人民政府办公室", XBS, 22, CENTER)
    para(doc, "关于印发汝城县2026年农村寄递物流体系建设实施方案的通知", XBS, 22, CENTER)
    para(doc, "各乡镇人民政府，县直各单位：", indent=False)
    lines(doc, W01_NOTICE)
    signature(doc, "汝城县人民政府办公室", "2026年3月18日")
    para(doc, "（此件主动公开）")
    para(doc, "")
    para(doc, "汝城县2026年农村寄递物流体系建设实施方案", XBS, 22, CENTER)
    lines(doc, W01_PLAN)
    name = "w01_hunan_rucheng_jidi_wuliu_fangan"
    with tempfile.TemporaryDirectory() as tmp:
        docx = Path(tmp) / f"{name}.docx"
        doc.save(docx)
        subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", str(HERE), str(docx)],
                       check=True, capture_output=True)
    print(HERE / f"{name}.doc")


if __name__ == "__main__":
    w01()
