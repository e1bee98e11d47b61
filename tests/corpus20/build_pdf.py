"""Build the .pdf document of the twentieth held-out corpus (u05).

    /work/main/.venv/bin/python tests/corpus20/build_pdf.py

HTML laid out after GB/T 9704 (A4, 天头 37 mm, 订口 28 mm, 16 pt serif body), printed to PDF by
Chromium through Playwright with `— N —` page numbers in the footer; the text layer is what
`pdftotext` reads. Layout and font subsetting are tests/held_out_kit.py's.

- u05 山东 临沂市沂南县: red 版头 and rule, notice, signature, then on a new page the 实施方案
  (2026—2027年) with a **four-level outline 二、/（一）/1./⑴**: some `1.` items are headings over
  `⑴⑵⑶` leaves, others are leaves themselves; each leaf ends `（A牵头，B、C配合）` or
  `（A、B按职责分工负责）`; `三、保障措施` is prose with no units.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import write_pdfs  # noqa: E402


U05 = """\
@banner 沂南县人民政府办公室文件
@number 沂南政办发〔2026〕19号
@rule
@title 沂南县人民政府办公室
@title 关于印发沂南县农村供水保障提升实施方案（2026—2027年）的通知
@to 各乡镇人民政府、街道办事处，县政府各部门，各有关单位：
《沂南县农村供水保障提升实施方案（2026—2027年）》已经县政府同意，现印发给你们，请认真组织实施。各牵头单位于每季度末月25日前将工作进展报县水利局。
@gap
@keep
@sign 沂南县人民政府办公室
@date 2026年5月8日
@endkeep
（此件公开发布）
@newpage
@title 沂南县农村供水保障提升实施方案
@title （2026—2027年）
为贯彻落实《临沂市农村供水保障三年行动方案》（临政办字〔2025〕31号），全面提升农村供水保障水平，制定本方案。
@h1 一、工作目标
到2027年底，全县农村自来水普及率达到98%以上，规模化供水工程覆盖农村人口比例达到90%以上，农村供水水质达标率明显提升。
@h1 二、重点任务
@h2 （一）水源保障
1.强化水源地保护
⑴划定农村千吨万人供水工程水源保护区，9月底前完成保护区划定和标志设置。（县水利局牵头，临沂市生态环境局沂南分局配合）
⑵开展水源地环境问题排查整治，每季度开展一次水源地巡查。（临沂市生态环境局沂南分局牵头，县水利局、自然资源局配合）
2.实施跨河调水工程，2027年6月底前建成岸堤水库至城区供水管道。（县水利局牵头，县发展改革局、财政局配合）
@h2 （二）管网提升
1.改造老旧供水管网
⑴改造农村老旧供水管网800公里，其中2026年底前完成400公里。（县水利局牵头，各乡镇人民政府配合）
⑵推进城乡供水一体化，2027年底前实现界湖街道和双堠、辛集镇全域覆盖。（县水务集团牵头，界湖街道办事处，双堠、辛集镇人民政府配合）
⑶建设县级智慧水务平台，11月底前完成一期建设。（县水务集团牵头，县大数据中心配合）
2.规范工程运行管护
⑴落实县级统管、乡镇监管的管护责任，按月开展农村供水水质检测。（县水利局、卫生健康局按职责分工负责）
⑵研究制定农村供水水价改革方案，2026年10月底前报县政府审定。（县发展改革局牵头，县水利局配合）
@h2 （三）应急保障
1.完善农村供水应急预案，每年5月底前组织一次供水应急演练。（县水利局牵头，县应急管理局配合）
2.储备应急供水设备，为每个乡镇配备移动净水设备不少于1套。（县应急管理局牵头，县水利局、财政局配合）
@h1 三、保障措施
（一）加强组织领导。成立由分管副县长任组长的农村供水保障提升工作专班，统筹推进各项工作。
（二）强化资金保障。多渠道筹集建设资金，积极争取中央和省级补助资金。
（三）严格督导考核。将农村供水保障工作纳入乡镇年度综合考核，每季度通报一次工作进展。
"""


if __name__ == "__main__":
    write_pdfs(HERE, {
        "u05_shandong_yinan_gongshui_fangan.pdf": U05,
    })
