"""Write the gold files of the seventeenth held-out corpus and check them against the documents.

    /work/main/.venv/bin/python tests/corpus17/make_gold.py

The annotations are hand-made (see README.md); this script only writes them out as NAME.json in
the format of /work/shared/realdocs/gold and checks that every task head and not_task head is
found in the text of its document (decoded .txt/.html with tags removed, .docx paragraphs and
table cells), so that a typo in a head does not go unnoticed. (Approach and helpers copied from
corpus16's make_gold.py.)
"""
from __future__ import annotations

import html as htmlmod
import json
import re
import subprocess
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOLD: dict[str, dict] = {}


def T(key, head, lead, support=(), leaders=(), due=(), rrules=()):
    return {"key": key, "head": head, "lead": list(lead), "support": list(support),
            "leaders": list(leaders), "due": list(due), "rrules": list(rrules)}


def doc(name, source, title, doc_number, issuer, issued_on, period, implements, cites, tasks, not_tasks):
    GOLD[name] = {"source": source, "title": title, "doc_number": doc_number, "issuer": issuer,
                  "issued_on": issued_on,
                  "period": None if period is None else {"start": period[0], "end": period[1]},
                  "references": {"implements": implements, "cites": cites},
                  "tasks": tasks, "not_tasks": not_tasks}


Y26 = ("2026-01-01", "2026-12-31")
M = "FREQ=MONTHLY"
M3 = "FREQ=MONTHLY;INTERVAL=3"
M6 = "FREQ=MONTHLY;INTERVAL=6"
HRS = "省人力资源社会保障厅"

# s01 湖南省 (portal page; 重点任务清单, `责任单位：A（牵头），B、C，D` with the mark inside the list) ---------------
doc("s01_hunan_sheng_jiuye_qingdan", "s01_hunan_sheng_jiuye_qingdan.html",
    ["湖南省人民政府办公厅关于印发《2026年湖南省稳就业重点任务清单》的通知", "2026年湖南省稳就业重点任务清单"],
    "湘政办函〔2026〕14号", "湖南省人民政府办公厅", "2026-02-27", Y26, [], [],
    [T("一/(一)", "支持重点产业吸纳就业", [HRS], ["省财政厅", "省工业和信息化厅", "国家税务总局湖南省税务局"], [],
       ["2026-06-30"]),
     T("一/(二)", "促进中小微企业稳岗扩岗", ["中国人民银行湖南省分行"], ["省财政厅", HRS]),
     T("一/(三)", "规范发展新就业形态", [HRS], ["省总工会", "省市场监管局"], [], ["2026-09-30"]),
     T("二/(一)", "做好高校毕业生就业工作", ["省教育厅"], [HRS, "团省委"], [], [], [M3]),
     T("二/(二)", "稳定农民工就业规模", [HRS],
       ["省农业农村厅", "省发展改革委", "长沙市人民政府", "株洲市人民政府", "湘潭市人民政府"], [], ["2026-12-31"]),
     T("二/(三)", "兜牢困难群体就业底线", [HRS], ["省民政厅", "省残联", "各市州人民政府"], [], [], [M]),
     T("三/(一)", "建设“家门口”就业服务站", ["各市州人民政府"], [HRS], [], ["2026-10-31"])],
    ["稳定和扩大就业岗位", "强化重点群体就业帮扶", "提升就业公共服务能力", "各市州人民政府，省政府各厅委、各直属机构：",
     "《2026年湖南省稳就业重点任务清单》已经省人民政府同意", "各牵头单位要每半年向省人力资源社会保障厅报送",
     "（此件主动公开）", "相关文件：湖南省人民政府办公厅关于印发《2025年", "您的位置：首页"])

# s02 山东 淄博市 (repost site text; 工作要点 items 1.–7. ending `（A、B负责）`, no lead word) ---------------------
doc("s02_shandong_zibo_shengtai_yaodian", "s02_shandong_zibo_shengtai_yaodian.txt",
    ["淄博市人民政府办公室关于印发2026年淄博市生态环境保护工作要点的通知", "2026年淄博市生态环境保护工作要点"],
    "淄政办字〔2026〕9号", "淄博市人民政府办公室", "2026-03-04", Y26, ["鲁环委〔2026〕2号"], [],
    [T("一/1", "推进重点行业超低排放改造", ["市生态环境局"], ["市工业和信息化局"], [], ["2026-06-30"]),
     T("一/2", "强化移动源污染治理", ["市交通运输局"], ["市公安局", "市生态环境局"], [], ["2026-12-31"]),
     T("一/3", "加强扬尘综合管控", ["市住房城乡建设局"], ["市城市管理局", "各区县人民政府"], [], [], [M]),
     T("二/4", "推进孝妇河流域综合治理", ["市生态环境局"],
       ["市水利局", "张店区人民政府", "淄川区人民政府", "周村区人民政府"], [], ["2026-09-30"]),
     T("二/5", "保障饮用水水源安全", ["市生态环境局"], ["市水利局"], [], [], [M3]),
     T("三/6", "加强土壤污染源头防控", ["市生态环境局"], ["市自然资源和规划局"], [], ["2026-11-30"]),
     T("三/7", "推进固体废物综合利用", ["市发展改革委"], ["市生态环境局", "淄博高新区管委会"], [], [], [M6])],
    ["深入打好蓝天保卫战", "深入打好碧水保卫战", "深入打好净土保卫战",
     "2026年全市生态环境保护工作的主要目标是", "各区县人民政府，高新区、经济开发区、文昌湖区管委会",
     "根据《山东省2026年生态环境保护工作要点》", "上一篇：2026年淄博市优化营商环境重点任务清单",
     "齐鲁政策通>地方政策>淄博>生态环境"])

# s03 河北 承德市滦平县 (GB18030 page text; 督查通报, `整改责任单位：A　整改时限：6月30日前` on one line) ----------
doc("s03_hebei_chengde_luanping_ducha", "s03_hebei_chengde_luanping_ducha.txt",
    ["滦平县人民政府办公室关于2026年第一季度县政府重点工作督查情况的通报"],
    "滦政办通〔2026〕2号", "滦平县人民政府办公室", None, None, [], [],
    [T("二/(一)", "县城老旧小区改造项目进度滞后", ["县住房和城乡建设局"], [], [], ["2026-06-30"]),
     T("二/(二)", "部分乡镇秸秆禁烧巡查不到位", ["各乡镇人民政府"], ["县农业农村局"]),
     T("二/(三)", "政府投资项目前期手续办理缓慢", ["县发展和改革局"], ["县财政局", "县自然资源和规划局"], ["刘畅"],
       ["2026-05-31"]),
     T("二/(四)", "农村生活污水治理设施运行不正常", ["张百湾镇人民政府"],
       ["金沟屯镇人民政府", "承德市生态环境局滦平县分局"], [], ["2026-07-15"], [M]),
     T("二/(五)", "企业诉求办结率偏低", ["县行政审批局"], ["县工业和信息化局"], [], ["2026-09-30"], [M3])],
    ["督查基本情况", "从督查情况看，各乡镇、各部门能够按照县政府部署", "存在的问题及整改要求",
     "为推动县政府重点工作落地见效", "各乡镇人民政府，县政府各部门：", "【打印本页】"])

# s04 福建 漳州市龙文区 (Word, whole; 实施方案 with a 4-level outline 一/（一）/1./（1）) --------------------------
doc("s04_fujian_zhangzhou_longwen_shishi", "s04_fujian_zhangzhou_longwen_shishi.docx",
    ["漳州市龙文区人民政府办公室关于印发龙文区2026年城乡人居环境整治提升实施方案的通知",
     "龙文区2026年城乡人居环境整治提升实施方案"],
    "龙政办〔2026〕7号", "漳州市龙文区人民政府办公室", "2026-03-20", Y26, ["漳政办〔2026〕15号"], [],
    [T("二/(一)/1/(1)", "规范占道经营", ["区城市管理局"], ["各街道办事处"], [], ["2026-06-30"]),
     T("二/(一)/1/(2)", "清理违规户外广告", ["区城市管理局"], ["区市场监管局"], [], ["2026-09-30"]),
     T("二/(一)/2/(1)", "实施背街小巷改造", ["区住房和城乡建设局"],
       ["区财政局", "蓝田街道办事处", "步文街道办事处"], ["林涛"], ["2026-12-31"]),
     T("二/(二)/1/(1)", "开展村庄清洁行动", ["区农业农村局"], ["朝阳镇人民政府", "郭坑镇人民政府"], [], [], [M]),
     T("二/(二)/1/(2)", "推进农村垃圾分类", ["区城市管理局"], ["区农业农村局", "各镇人民政府"], [], [], [M3]),
     T("二/(二)/2/(1)", "完善污水收集设施", ["漳州市龙文生态环境局"], ["区农业农村局", "区水利局"], [],
       ["2026-10-31"])],
    ["工作目标", "到2026年底，全区城市建成区市容秩序明显改善", "重点任务", "城市环境整治", "市容秩序整治",
     "背街小巷提升", "农村环境整治", "农村生活垃圾治理", "农村生活污水治理", "保障措施", "加强组织领导。",
     "强化督查考核。", "各镇人民政府、街道办事处，区直各有关单位：", "经区政府研究同意", "为持续改善城乡人居环境",
     "抄送：区委办"])

# s05 江苏 盐城市 (news repost; tasks are `；`-separated sentences in one paragraph, no ordinals) ---------------
doc("s05_jiangsu_yancheng_diankong_xinwen", "s05_jiangsu_yancheng_diankong_xinwen.html",
    ["盐城市推进低空经济高质量发展三年行动方案（2026—2028年）"],
    "盐政办发〔2026〕12号", "盐城市人民政府办公室", None, ("2026-01-01", "2028-12-31"), [], [],
    [T("#1", "市发展改革委牵头负责低空经济发展规划编制", ["市发展改革委"], [], [], ["2026-12-31"]),
     T("#2", "市工业和信息化局负责培育无人机整机", ["市工业和信息化局"], [], [], [], [M3]),
     T("#3", "市交通运输局会同市公安局推进低空航线开通", ["市交通运输局"], ["市公安局"], [], ["2026-09-30"]),
     T("#4", "市财政局负责统筹设立总规模20亿元", ["市财政局"]),
     T("#5", "市自然资源和规划局、住房城乡建设局负责起降场地规划布局", ["市自然资源和规划局"], ["市住房城乡建设局"],
       [], [], [M6]),
     T("#6", "盐城经济技术开发区管委会、大丰区人民政府分别牵头", ["盐城经济技术开发区管委会", "大丰区人民政府"]),
     T("#7", "各县（市、区）人民政府负责落实属地责任", ["各县（市、区）人民政府"], [], [], [], [M])],
    ["三年打造低空经济产业集群我市出台行动方案", "本报讯近日，盐城市人民政府办公室印发",
     "《方案》提出，到2028年，全市低空经济规模突破300亿元", "《方案》明确了各部门责任分工。",
     "据悉，市政府将建立低空经济发展联席会议制度", "在保障措施方面，《方案》提出加大用地", "相关新闻：", "（责任编辑：孙　璐）"])

# s06 广东 惠州市交通运输局 (page text; 年度工作计划 table flattened with ` | `, 责任科室 and 完成时间 columns) ------
doc("s06_guangdong_huizhou_jiaotong_jihua", "s06_guangdong_huizhou_jiaotong_jihua.txt",
    ["惠州市交通运输局2026年度工作计划"],
    None, "惠州市交通运输局", None, Y26, [], [],
    [T("1", "推进重大交通项目建设", ["规划建设科"], ["重点项目办"]),
     T("2", "实施农村公路提质改造", ["公路事务中心"], ["规划建设科"], [], ["2026-12-31"]),
     T("3", "优化城乡公交服务", ["综合运输科"], [], [], ["2026-06-30"], [M3]),
     T("4", "深化道路运输安全整治", ["安全监督科"], ["综合运输科", "交通运输综合行政执法支队"], [], [], [M]),
     T("5", "推进港口转型升级", ["港航科"], ["规划建设科"], [], ["2026-09-30"]),
     T("6", "规范交通建设市场", ["建设管理科"], [], [], [], [M6]),
     T("7", "加强机关党建和作风建设", ["局机关党委"], ["局办公室", "人事科"], [], ["2026-11-30"])],
    ["序号|工作任务|具体内容|责任科室|完成时间", "各责任科室要细化工作措施", "2026年是“十五五”规划开局之年", "当前位置：首页>政务公开>计划总结",
     "上一篇：惠州市交通运输局2025年工作总结", "下一篇：惠州市交通运输局2026年政务公开工作要点"])

# s07 广东 珠海市香洲区拱北街道 (repost site, TRADITIONAL; 街道任务分工 with 牽頭領導 and 責任部門 in one bracket) -----
doc("s07_guangdong_zhuhai_gongbei_fengong", "s07_guangdong_zhuhai_gongbei_fengong.html",
    ["珠海市香洲區人民政府拱北街道辦事處關於印發拱北街道2026年基層治理重點工作任務分工的通知",
     "拱北街道2026年基層治理重點工作任務分工"],
    "拱街〔2026〕6號", "珠海市香洲區人民政府拱北街道辦事處", "2026-03-12", Y26, [], [],
    [T("一/1", "深化“紅色網格”建設", ["黨建工作辦公室"], ["綜合治理辦公室", "各社區黨委"], ["何立"], ["2026-04-30"]),
     T("一/2", "加強社區“兩委”隊伍建設", ["黨建工作辦公室"], [], ["劉曉燕"], ["2026-12-31"], [M3]),
     T("二/3", "整治口岸周邊環境秩序", ["綜合行政執法辦公室"], ["城市建設管理辦公室", "珠海市公安局拱北口岸分局"],
       ["鄭凱"]),
     T("二/4", "推進老舊小區微改造", ["城市建設管理辦公室"],
       ["僑光社區居委會", "昌盛社區居委會", "夏灣社區居委會"], ["鄭凱"], ["2026-10-31"]),
     T("三/5", "完善“一刻鐘”便民生活圈", ["公共服務辦公室"], ["社區綜合服務中心"], ["黃敏"], ["2026-09-30"]),
     T("三/6", "抓好矛盾糾紛排查化解", ["綜合治理辦公室"], ["拱北司法所", "拱北派出所", "各社區居委會"], ["何立"], [],
       [M6])],
    ["夯實黨建引領基層治理", "提升口岸片區綜合治理水平", "增進民生福祉", "各社區黨委、居委會，街道各辦（局、中心）",
     "為深入推進基層治理體系和治理能力現代化", "【免責聲明】本文轉載自政府公開信息", "當前位置：首頁»政策文庫»廣東»珠海",
     "標籤：拱北基層治理任務分工"])


def read_text(path: Path) -> str:
    if path.suffix == ".docx":
        import docx
        d = docx.Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for r in t.rows:
                parts.extend(c.text for c in r.cells)
        return "\n".join(parts)
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    raw = path.read_bytes()
    for enc in ("utf-16",) if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if path.suffix == ".html":
        text = htmlmod.unescape(re.sub(r"<[^>]+>", "", text))
    return text


def squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


if __name__ == "__main__":
    problems = 0
    for name, gold in GOLD.items():
        src = HERE / gold["source"]
        text = squash(read_text(src))
        keys = [t["key"] for t in gold["tasks"]]
        assert len(keys) == len(set(keys)), name
        for head in [t["head"] for t in gold["tasks"]] + gold["not_tasks"]:
            if squash(head) not in text:
                problems += 1
                print(f"{name}: head not found: {head}")
        (HERE / f"{name}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{name}: {len(gold['tasks'])} tasks")
    print("total", sum(len(g["tasks"]) for g in GOLD.values()), "tasks;", problems, "problems")
