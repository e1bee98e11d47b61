"""Hand-made parsed documents for store tests: fixed input, independent of the parser's progress."""
from __future__ import annotations

from taizhang.parse.model import Assignment, Deadline, Document, Period, Task


def shenyang(text_suffix: str = "", *, extra_task: bool = False) -> Document:
    tasks = [
        Task(key="一/(一)", section=("一、主要任务",), title="推行管委会模式",
             text="推行“管委会+平台公司”运营管理模式。", span=(0, 10), assignments=(
                 Assignment(text="推行“管委会+平台公司”运营管理模式。", span=(0, 10),
                            lead=("市发改委",), support=("市财政局", "各区县(市)政府"),
                            leaders=("王玲",),
                            deadlines=(Deadline("2018年6月底前", "2018-06-30"),)),)),
        Task(key="一/(二)", section=("一、主要任务",), title="强化项目调度",
             text="按月调度项目进展情况。", span=(10, 20), assignments=(
                 Assignment(text="按月调度项目进展情况。", span=(10, 20), lead=("市发展改革委",),
                            deadlines=(Deadline("按月调度", None, "FREQ=MONTHLY", "recurring"),)),)),
        Task(key="一/(三)", section=("一、主要任务",), title="优化营商环境",
             text="持续优化营商环境，开展专项整治。", span=(20, 30), assignments=(
                 Assignment(text="持续优化营商环境，开展专项整治。", span=(20, 30),
                            lead=("市营商局",), support=("市发展改革委",)),)),
    ]
    if extra_task:
        tasks.append(Task(key="一/(四)", section=("一、主要任务",), title="新增任务",
                          text="建立开发区工作报告制度。", span=(30, 40), assignments=(
                              Assignment(text="建立开发区工作报告制度。", span=(30, 40),
                                         lead=("市发展改革委",)),)))
    return Document(source="shenyang.txt", text="沈阳测试文件正文" + text_suffix,
                    title="沈阳市开发区三年行动计划", doc_number="沈政办发〔2018〕78号",
                    issuer="沈阳市人民政府办公厅", issued_on="2018-05-31",
                    period=Period("2018-01-01", "2020-12-31"), tasks=tuple(tasks))


def jilin() -> Document:
    return Document(
        source="jilin.txt", text="吉林测试文件正文", title="吉林省有关措施",
        doc_number="吉政发〔2016〕41号", issuer="吉林省人民政府", issued_on="2016-12-09",
        period=Period("2017-01-01", "2017-12-31"), tasks=(
            Task(key="一/(一)/1", section=(), title="加快转变政府职能", text="加快转变政府职能。",
                 span=(0, 5), assignments=(
                     Assignment(text="加快转变政府职能。", span=(0, 5), lead=("市发展改革委",),
                                support=("省财政厅",)),)),))
