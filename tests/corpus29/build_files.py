"""Make the documents of the twenty-ninth held-out corpus that are not written by hand.

    /work/main/.venv/bin/python tests/corpus29/build_files.py

- b04 山西省人民政府办公厅: a .docx (python-docx, the kit's GB/T 9704 layout: red 版头, 文号, red rule, body,
  signature) holding the notice and the 重点工作分工方案, one paragraph per line.
The made file is committed; this script documents how it was made.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import CENTER, XBS, body, new_doc, para, red_header, signature  # noqa: E402

DOCX_NAME = "b04_shanxi_shuzi_jingji_fengong.docx"

B04_TITLE = "山西省人民政府办公厅关于印发2023年全省数字经济发展重点工作分工方案的通知"

B04_NOTICE = """\
各市人民政府，省人民政府各委、厅，各直属机构：
《2023年全省数字经济发展重点工作分工方案》已经省人民政府同意，现印发给你们，请认真组织实施。各牵头单位要于每季度结束后10日内将工作进展情况报送省发展改革委。
"""

B04_PLAN = """\
为贯彻落实《山西省“十四五”数字经济发展规划》（晋政发〔2022〕7号），加快建设数字经济强省，制定本分工方案。
# 一、夯实数字基础设施
1.加快5G网络和千兆光网建设。2023年底前全省新建5G基站1.5万个，实现县城以上城区千兆光网全覆盖。（省通信管理局牵头，省工业和信息化厅、省发展改革委配合；各市政府负责落实）
2.统筹布局算力基础设施。推进大同、阳泉数据中心集群建设，2023年9月底前出台全省算力基础设施建设指导意见。（省发展改革委牵头，省财政厅、省自然资源厅配合；各市政府负责落实）
# 二、推动产业数字化转型
3.实施制造业数字化转型行动。每年培育省级智能制造示范工厂20个以上，逐年提高规模以上工业企业关键工序数控化率。（省工业和信息化厅牵头，省科技厅、省财政厅配合）
4.推进煤矿智能化建设。2025年底前全省煤矿基本实现智能化，持续推进智能化采掘工作面建设。（省能源局牵头，省应急厅、国家矿山安全监察局山西局配合；各市政府负责落实）
5.发展农业数字化。建设省级数字农业示范基地，2023年10月底前完成首批认定。（省农业农村厅牵头，省发展改革委配合）
# 三、提升数字治理水平
6.深化“一网通办”。按月通报政务服务事项网上可办率，2023年12月31日前实现高频事项“跨省通办”。（省行政审批服务管理局牵头，省直有关部门配合）
7.完善数据要素市场。2023年11月底前建成省级公共数据开放平台。（省发展改革委、省工业和信息化厅牵头，省财政厅配合）
# 四、保障措施
各地、各部门要加强组织领导，完善统筹协调机制，强化资金、用地、人才保障。省发展改革委要加强督促检查，重大问题及时向省人民政府报告。
"""


def write_b04() -> None:
    doc = new_doc(B04_TITLE, dt.datetime(2023, 3, 20, 9, 30))
    red_header(doc, "山西省人民政府办公厅文件", "晋政办发〔2023〕19号")
    para(doc, "山西省人民政府办公厅", XBS, 22, CENTER)
    para(doc, "关于印发2023年全省数字经济发展重点工作分工方案的通知", XBS, 22, CENTER)
    body(doc, B04_NOTICE)
    signature(doc, "山西省人民政府办公厅", "2023年3月20日")
    para(doc, "（此件公开发布）")
    para(doc, "2023年全省数字经济发展重点工作分工方案", XBS, 22, CENTER)
    body(doc, B04_PLAN)
    doc.save(str(HERE / DOCX_NAME))
    print(DOCX_NAME)


if __name__ == "__main__":
    write_b04()
