"""Write the gold files of the thirty-first held-out corpus and check them against the documents.

    /work/main/.venv/bin/python tests/corpus31/make_gold.py

The annotations are hand-made (see README.md); this script only writes them out as NAME.json in
the format of /work/shared/realdocs/gold and checks that every task head and not_task head is
found in the text of its document (decoded by tests/held_out_kit.read_text: UTF-8 or GB18030,
.docx, .html with the tags dropped; whitespace ignored, NFKC), so that a typo in a head does not
go unnoticed. The theme of the batch is responsibility written away from the item itself: a
closing 责任分工 section that maps items by number, units standing in heading lines, a time phrase
before the subject, and leads marked by 为责任主体 / 负主体责任 / 抓总 / 统筹.
"""
from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import gold_document, write_gold  # noqa: E402
from held_out_kit import gold_task as T  # noqa: E402

GOLD: dict[str, dict] = {}
doc = partial(gold_document, GOLD)

DAILY = "FREQ=DAILY"  # 每日…
WEEKLY = "FREQ=WEEKLY"  # 每周…一次
MONTHLY = "FREQ=MONTHLY"  # 每月…一次
QUARTERLY = "FREQ=MONTHLY;INTERVAL=3"  # 每季度…
HALF_YEAR = "FREQ=MONTHLY;INTERVAL=6"  # 每半年…
YEARLY = "FREQ=YEARLY"  # 每年…一次
YEARLY_MAY_END = "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=-1"  # 每年5月底前


def year(y: int) -> tuple[str, str]:
    return (f"{y}-01-01", f"{y}-12-31")


# d01 四川 自贡市 (实施方案: items name no unit; `四、责任分工` maps them by number) ---------------------------------
FGW, CZ, ZJ = "市发展改革委", "市财政局", "市住房城乡建设局"
ZG_QU = ["自流井区人民政府", "贡井区人民政府", "大安区人民政府", "沿滩区人民政府"]
doc("d01_sichuan_zigong_laojiu_xiaoqu_fangan", "d01_sichuan_zigong_laojiu_xiaoqu_fangan.txt",
    ["自贡市人民政府办公室关于印发《自贡市2019年城镇老旧小区改造实施方案》的通知", "自贡市2019年城镇老旧小区改造实施方案"],
    "自府办发〔2019〕23号", "自贡市人民政府办公室", "2019-04-12", year(2019), ["川办发〔2019〕15号"], [],
    [T("二/(一)", "编制年度改造计划", [FGW], [CZ], [], ["2019-05-31"]),
     T("二/(二)", "多渠道筹集改造资金", [FGW], [CZ], [], ["2019-06-30"]),
     T("二/(三)", "简化项目审批流程", [FGW], [CZ]),
     T("二/(四)", "实施基础设施改造", [ZJ], ZG_QU, [], ["2019-11-30"]),
     T("二/(五)", "有序推进加装电梯", [ZJ], ZG_QU, [], [], [QUARTERLY]),
     T("二/(六)", "健全长效管理机制", ["各区县人民政府"], [ZJ], [], ["2019-12-31"])],
    ["2019年全市启动改造城镇老旧小区86个", "各地各部门要加强协调配合", "第（一）至（三）项由市发展改革委牵头"])

# d02 山西 阳泉市 (CRLF; 任务分工 with the unit in a heading line `（一）市生态环境局`, items （1）（2）, `配合单位：` lines) --
SHJ, ZJ2, GA = "市生态环境局", "市住房和城乡建设局", "市公安局"
doc("d02_shanxi_yangquan_daqi_renwu_fengong", "d02_shanxi_yangquan_daqi_renwu_fengong.txt",
    ["阳泉市人民政府办公室关于印发阳泉市2021年大气污染防治重点任务分工的通知", "阳泉市2021年大气污染防治重点任务分工"],
    "阳政办发〔2021〕9号", "阳泉市人民政府办公室", "2021-03-02", year(2021), ["晋政办发〔2021〕6号"], [],
    [T("二/(一)/(1)", "开展工业企业深度治理", [SHJ], ["市工业和信息化局"], [], ["2021-09-30"]),
     T("二/(一)/(2)", "强化重污染天气应对", [SHJ], ["市气象局", "各区县人民政府"], [], [], [DAILY]),
     T("二/(二)/(1)", "推进冬季清洁取暖改造", [ZJ2], [CZ, "城区人民政府", "矿区人民政府", "郊区人民政府"], [],
       ["2021-10-31"]),
     T("二/(二)/(2)", "加强建筑工地扬尘管控", [ZJ2], ["市城市管理局"], [], [], [MONTHLY]),
     T("二/(三)/(1)", "强化机动车污染管控", [GA], [SHJ, "市交通运输局"], [], [], [WEEKLY]),
     T("二/(三)/(2)", "打击非法销售劣质散煤行为", [GA], ["市市场监管局", "平定县人民政府", "盂县人民政府"], [],
       ["2021-11-15"])],
    ["各区县人民政府对本辖区大气环境质量负总责", "2021年全市PM2.5平均浓度控制在42微克",
     "为贯彻落实《山西省2021年大气污染防治行动计划》"])

# d03 河南 漯河市 (重点工作安排: a time phrase before the subject: 即日起至…，自2022年起，在6月底前，由…) ----------------
SJ = "市市场监管局"
doc("d03_henan_luohe_shipin_anquan_anpai", "d03_henan_luohe_shipin_anquan_anpai.txt",
    ["漯河市人民政府办公室关于印发漯河市2022年食品安全重点工作安排的通知", "漯河市2022年食品安全重点工作安排"],
    "漯政办〔2022〕14号", "漯河市人民政府办公室", "2022-03-18", year(2022), ["豫食安委〔2022〕2号"], [],
    [T("一/1", "即日起至2023年12月31日", [SJ], ["市农业农村局"], [], ["2023-12-31"], [MONTHLY]),
     T("一/2", "自2022年起", ["各县（区）"], ["市生态环境局"], [], [], [YEARLY]),
     T("一/3", "在6月底前", ["市教育局"], ["市卫生健康委"], [], ["2022-06-30"]),
     T("二/4", "从4月1日起", ["市商务局"], [SJ], [], [], [WEEKLY]),
     T("二/5", "自即日起", ["市公安局"], [], [], ["2022-11-30"]),
     T("二/6", "每年5月底前", ["各县区人民政府"], [], [], [], [YEARLY_MAY_END]),
     T("三/7", "2022年9月底前", [CZ], [SJ], [], ["2022-09-30"]),
     T("三/8", "到2022年底", ["各县区人民政府"], [SJ], [], ["2022-12-31"])],
    ["各地各部门要落实食品安全“党政同责”", "为贯彻落实《河南省2022年食品安全重点工作安排》"])

# d04 吉林 辽源市 (.html; 工作要点 whose leads are marked 为责任主体 / 负主体责任…负监管责任 / 抓总…具体实施 / 统筹…) -----
AJ = "市安全监管局"
doc("d04_jilin_liaoyuan_anquan_shengchan_yaodian", "d04_jilin_liaoyuan_anquan_shengchan_yaodian.html",
    ["辽源市人民政府办公室关于印发辽源市2017年安全生产工作要点的通知", "辽源市2017年安全生产工作要点"],
    "辽府办发〔2017〕11号", "辽源市人民政府办公室", "2017-03-09", year(2017), ["吉发〔2017〕4号"], [],
    [T("一/(一)", "开展危险化学品企业隐患排查", [AJ], [], [], ["2017-06-30"]),
     T("一/(二)", "强化水库和尾矿库安全度汛", ["东丰县人民政府", "东辽县人民政府"], ["市水利局"], [], [], [MONTHLY]),
     T("二/(三)", "推进道路交通安全综合治理", ["市交通运输局"], ["各县区交通运输管理部门"], [], ["2017-09-30"]),
     T("二/(四)", "开展安全生产大检查", ["市安委会办公室"], [AJ, ZJ, "市质监局"], [], [], [QUARTERLY]),
     T("二/(五)", "整治城镇燃气安全隐患", [ZJ], ["龙山区人民政府", "西安区人民政府"], [], ["2017-10-31"]),
     T("三/(六)", "加强安全生产宣传教育", ["市教育局"], [AJ], [], ["2017-11-30"]),
     T("三/(七)", "提升应急救援能力", [AJ], ["市公安消防支队", "市卫生计生委"], [], [], [HALF_YEAR])],
    ["各县区、各部门要严格落实“党政同责", "2017年全市安全生产工作的总体要求是"])

# d05 黑龙江 大庆市让胡路区 (区政府常务会议纪要, `〔2022〕第12期`; decisions naming `分管领导为副区长X`) ---------------
QZJ, QSJ = "区住房和城乡建设局", "区市场监督管理局"
doc("d05_heilongjiang_daqing_ranghulu_huiyi_jiyao", "d05_heilongjiang_daqing_ranghulu_huiyi_jiyao.txt",
    ["大庆市让胡路区人民政府常务会议纪要", "让胡路区人民政府常务会议纪要"],
    "〔2022〕第12期", "大庆市让胡路区人民政府办公室", "2022-06-17", None, [], [],
    [T("一", "关于城市内涝防治工作", [QZJ], ["区财政局"], ["高明辉"], ["2022-07-10"]),
     T("二", "关于老旧小区供热管网改造", [QZJ], ["区发展和改革局", "区财政局"], ["高明辉"], ["2022-09-15"]),
     T("三", "关于农贸市场环境整治", [QSJ], ["区城市管理局"], ["刘雅琴"], [], [WEEKLY]),
     T("四", "关于常态化疫情防控", ["区卫生健康局"], ["各街道办事处"], ["刘雅琴"], [], [DAILY]),
     T("五", "关于安全生产大检查", ["区应急管理局"], [QZJ, QSJ], ["马庆丰"], ["2022-06-30"])],
    ["会议指出，当前已进入主汛期", "2022年6月15日上午，区长孙立军主持召开", "出席：孙立军"])

# d06 甘肃 金昌市 (.docx; 督查 整改清单, 整改时限 立行立改 / 长期坚持 / 2021年6月底前 / 月底前) ---------------------------
ZW = "市政务服务中心"
doc("d06_gansu_jinchang_yingshang_ducha_zhenggai", "d06_gansu_jinchang_yingshang_ducha_zhenggai.docx",
    ["金昌市人民政府办公室关于印发全市优化营商环境专项督查反馈问题整改清单的通知",
     "全市优化营商环境专项督查反馈问题整改清单"],
    "金政办发〔2021〕17号", "金昌市人民政府办公室", "2021-05-12", None, [], [],
    [T("1", "企业开办环节多", [SJ], [ZW]),
     T("2", "工程建设项目审批时限长", [ZJ], ["市自然资源局"], [], ["2021-06-30"]),
     T("3", "涉企收费清单公开不及时", [FGW], [CZ], [], ["2021-05-31"]),
     T("4", "政务服务事项网上可办率偏低", [ZW], [], [], [], [MONTHLY]),
     T("5", "拖欠民营企业中小企业账款", ["市工业和信息化局"], ["金川区人民政府", "永昌县人民政府"], [], ["2021-09-30"]),
     T("6", "用水用电报装时间长", [ZJ], ["国网金昌供电公司"], [], ["2021-07-31"], [QUARTERLY])],
    ["2021年4月，市政府督查室对全市优化营商环境工作开展了专项督查", "注：整改时限为“月底前”的"])

# d07 广西 防城港市 (web page text; 1.…6. without units, `四、责任分工` by number: 第1、2项…；第4项…分别牵头) -----------
LW = "市旅游发展委员会"
FCG = ["港口区人民政府", "防城区人民政府", "东兴市人民政府", "上思县人民政府"]
doc("d07_guangxi_fangchenggang_xiangcun_lvyou_fangan", "d07_guangxi_fangchenggang_xiangcun_lvyou_fangan.txt",
    ["防城港市人民政府办公室关于印发防城港市2016年乡村旅游提升行动实施方案的通知", "防城港市2016年乡村旅游提升行动实施方案"],
    "防政办发〔2016〕31号", "防城港市人民政府办公室", "2016-05-16", year(2016), ["桂政办发〔2016〕8号"], [],
    [T("二/1", "编制乡村旅游发展规划", [LW], FCG, [], ["2016-08-31"]),
     T("二/2", "创建星级乡村旅游区", [LW], FCG, [], [], [QUARTERLY]),
     T("二/3", "完善乡村旅游基础设施", ["市交通运输局"], ["市住房城乡建设委"], [], ["2016-10-31"]),
     T("二/4", "培育乡村旅游特色商品", ["市商务局", LW], [], [], ["2016-11-30"]),
     T("二/5", "加强从业人员培训", ["市人力资源社会保障局"], [LW]),
     T("二/6", "强化乡村旅游市场监管", ["市工商局"], ["市物价局", LW], [], [], [MONTHLY])],
    ["全年新创建星级乡村旅游区", "各县（市、区）人民政府要把乡村旅游纳入", "第1、2项由市旅游发展委员会牵头"])

# d08 湖南 张家界市 (任务分工: `1.市文化旅游广电体育局` heading lines, items （1）（2） with `配合单位：` lines) ------------
WL = "市文化旅游广电体育局"
doc("d08_hunan_zhangjiajie_lvyou_zhixu_fengong", "d08_hunan_zhangjiajie_lvyou_zhixu_fengong.txt",
    ["张家界市人民政府办公室关于印发《张家界市2025年旅游市场秩序综合整治任务分工》的通知",
     "张家界市2025年旅游市场秩序综合整治任务分工"],
    "张政办函〔2025〕19号", "张家界市人民政府办公室", "2025-02-21", year(2025), ["湘政办发〔2024〕21号"], [],
    [T("1/(1)", "整治“不合理低价游”", [WL], ["市公安局", SJ], [], ["2025-04-30"]),
     T("1/(2)", "规范导游执业行为", [WL], ["武陵源区人民政府", "永定区人民政府"], [], [], [MONTHLY]),
     T("2/(1)", "整治“黑车”“黑导”揽客", ["市交通运输局"], ["市公安局交通警察支队", "市城市管理和综合执法局"], [], [],
       [DAILY]),
     T("2/(2)", "规范景区交通运营秩序", ["市交通运输局"], ["武陵源区人民政府"], [], ["2025-06-30"]),
     T("3/(1)", "整治旅游商品价格欺诈", [SJ], ["慈利县人民政府", "桑植县人民政府"], [], [], [QUARTERLY]),
     T("3/(2)", "畅通游客投诉渠道", [SJ], [ZW])],
    ["各区县人民政府对本辖区旅游市场秩序负属地管理责任", "为贯彻落实《湖南省旅游市场秩序整治三年行动方案"])

if __name__ == "__main__":
    sys.exit(1 if write_gold(HERE, GOLD) else 0)
