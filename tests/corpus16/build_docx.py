"""Build the two .docx documents of the sixteenth held-out corpus (s05, s06).

    /work/main/.venv/bin/python tests/corpus16/build_docx.py

Layout after GB/T 9704 as offices apply it in Word; the helpers are
tests/held_out_kit.py's. The text is written here as code so that it
can be reviewed in a diff; the generated files are committed.

- s05 浙江 台州市: 数字经济 工作要点; each item is followed by an own-line
  `责任单位：A（牵头）、B、C` (the 牵头 mark inside the list; one line with two marks).
- s06 安徽 芜湖市: 市政府常务会议纪要; each 议题 ends in `会议议定：一是……；二是……；三是……` in ONE
  paragraph, with `由A负责`, `由副市长X同志负责，A牵头，B、C配合`, `由A会同B`, `A、B分别负责`.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from docx.shared import Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import (  # noqa: E402
    para, new_doc, red_header, page_break, FANGSONG, HEITI, KAITI, XBS, CENTER, RIGHT,
)


def render(doc, text: str) -> None:
    """`@banner`, `@number`, `@title`, `@to`, `@h1`, `@sign`, `@date`, `@flush`, `@break`; others are body."""
    for line in text.splitlines():
        if not line.strip():
            continue
        if line == "@break":
            page_break(doc)
            continue
        tag, _, body = line.partition(" ") if line.startswith("@") else ("", "", line)
        if tag == "@banner":
            number, body2 = body.split("|")
            red_header(doc, body2.strip(), number.strip())
        elif tag == "@title":
            para(doc, "", size=16)
            para(doc, body, XBS, 22, CENTER)
            para(doc, "", size=16)
        elif tag == "@to" or tag == "@flush":
            para(doc, body, indent=False)
        elif tag == "@h1":
            para(doc, body, HEITI, 16)
        elif tag == "@h2":
            para(doc, body, KAITI, 16)
        elif tag in ("@sign", "@date"):
            p = para(doc, body, FANGSONG, 16, RIGHT)
            p.paragraph_format.right_indent = Pt(64)
        elif tag == "@center":
            para(doc, body, FANGSONG, 16, CENTER)
        else:
            para(doc, body)


S05 = """\
@banner 台政办发〔2026〕6号 | 台州市人民政府办公室文件
@title 台州市人民政府办公室关于印发台州市2026年数字经济创新提质工作要点的通知
@to 各县（市、区）人民政府，市政府直属各单位：
《台州市2026年数字经济创新提质工作要点》已经市政府同意，现印发给你们，请认真组织实施。
@sign 台州市人民政府办公室
@date 2026年3月12日
@flush （此件公开发布）
@break
@title 台州市2026年数字经济创新提质工作要点
为深入实施数字经济创新提质“一号发展工程”，根据《浙江省数字经济创新提质2026年工作要点》（浙数字办〔2026〕1号），结合我市实际，制定本要点。
@h1 一、主要目标
2026年，全市数字经济核心产业增加值增长8%以上，规模以上数字经济核心产业制造业增加值增长10%以上，数字经济核心产业增加值占地区生产总值比重达到9%。
@h1 二、重点任务
@h2 （一）做强数字产业
1.培育壮大智能网联汽车、智能卫浴等特色产业集群，全年新增数字经济领域规模以上企业60家。
责任单位：市经信局（牵头）、市发展改革委、市科技局
2.推进集成电路和新型显示产业项目建设，6月底前推动台州湾新区光电产业园一期投产。
责任单位：台州湾新区管委会（牵头）、市经信局、市投资促进中心
3.加快软件和信息服务业发展，年底前软件业务收入增长12%以上。
责任单位：市经信局（牵头）、市委网信办、市统计局
@h2 （二）推进产业数字化
4.深入实施制造业数字化改造，每季度末发布一次“未来工厂”“智能工厂”培育名单。
责任单位：市经信局（牵头）、市市场监管局
5.推进农业生产数字化，9月底前建成数字农业工厂20家。
责任单位：市农业农村局（牵头）、市财政局，椒江、黄岩、路桥区人民政府
6.大力发展跨境电商和数字贸易，全年跨境电商进出口额增长15%。
责任单位：市商务局（牵头）、台州海关、市邮政管理局
@h2 （三）夯实数字基础设施
7.全年新建5G基站2000个，10月底前实现重点工业园区5G网络全覆盖。
责任单位：市经信局（牵头）、市通信发展办公室、中国电信台州分公司、中国移动台州分公司
8.推进公共数据授权运营，8月底前上线市公共数据授权运营平台，每半年开展一次数据安全评估。
责任单位：市数据局（牵头）、市委网信办（牵头）、市公安局
@h1 三、保障措施
（一）加强统筹协调。市数字经济发展领导小组办公室按月调度工作进展，协调解决重大问题。
（二）强化要素保障。统筹用好各级数字经济专项资金，优先保障重大项目用地、用能需求。
@flush 抄送：市委办公室，市人大常委会办公室，市政协办公室。
@flush 台州市人民政府办公室　　　　　　　　　2026年3月12日印发
"""

S06 = """\
@banner 芜政纪〔2026〕3号 | 芜湖市人民政府常务会议纪要
@center 芜湖市人民政府办公室　　　　　　　　2026年3月18日
@title 芜湖市人民政府第二十七次常务会议纪要
2026年3月16日，市长张立明主持召开市政府第二十七次常务会议，研究城市更新、汛期安全、优化营商环境等事项。现纪要如下：
@h1 一、关于2026年城市更新工作
会议听取了市住房城乡建设局关于2026年城市更新工作安排的汇报。会议指出，城市更新是推动城市高质量发展的重要抓手，要坚持“留改拆”并举，以片区为单元统筹推进。
会议议定：一是原则同意《芜湖市2026年城市更新实施方案》，由市住房城乡建设局按程序印发实施，4月底前启动首批12个老旧小区改造；二是由副市长王海峰同志负责，市自然资源和规划局牵头，市住房城乡建设局、财政局配合，6月底前完成城市更新专项规划编制；三是城中村改造房屋征收工作由镜湖区、鸠江区人民政府分别负责，每月向市住房城乡建设局报送进度。
@h1 二、关于做好2026年汛期安全工作
会议听取了市水利局关于2026年防汛准备工作的汇报。会议强调，要树牢底线思维，立足防大汛、抗大洪、抢大险。
会议议定：一是立即开展汛前隐患排查整治，5月15日前完成全市堤防、涵闸、病险水库隐患整改，由市水利局负责；二是由副市长刘敏同志负责，市应急管理局牵头，市水利局、气象局、城市管理局配合，修订完善防汛应急预案，汛期每周开展一次应急值守抽查；三是城区易涝点改造由市城市管理局负责，6月底前完成18处易涝点整治。
@h1 三、关于优化营商环境有关事项
会议审议了《芜湖市进一步降低企业物流成本若干措施（送审稿）》。
会议议定：一是原则同意《芜湖市进一步降低企业物流成本若干措施》，由市发展改革委会同市交通运输局修改完善后以市政府办公室名义印发；二是市数据资源局负责推进惠企政策“免申即享”，年底前实现“免申即享”事项不少于100项；三是由市财政局、市工业和信息化局负责，每季度开展一次惠企资金兑付情况督查。
@flush 出席：张立明　王海峰　刘　敏　赵　军　孙丽华
@flush 列席：市政府秘书长陈涛，市住房城乡建设局、自然资源和规划局、水利局、应急管理局、发展改革委、数据资源局、财政局主要负责同志
@flush 抄送：市委办公室，市人大常委会办公室，市政协办公室。
@flush 芜湖市人民政府办公室　　　　　　　　　2026年3月18日印发
"""


if __name__ == "__main__":
    for name, text, title, when in (
            ("s05_zhejiang_taizhou_shuzi_jingji_yaodian.docx", S05, "台州市2026年数字经济创新提质工作要点",
             dt.datetime(2026, 3, 12, 9, 30)),
            ("s06_anhui_wuhu_changwu_huiyi_jiyao.docx", S06, "芜湖市人民政府第二十七次常务会议纪要",
             dt.datetime(2026, 3, 18, 15, 10))):
        doc = new_doc(title, when)
        render(doc, text)
        doc.save(str(HERE / name))
        print(name)
