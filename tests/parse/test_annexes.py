"""Attachments after the document (附件1 …): read when they carry an outline of their own."""
from __future__ import annotations

from taizhang.parse import parse

NOTICE = """某县人民政府办公室关于印发某县2025年人居环境整治方案的通知

各乡镇人民政府，县直各单位：
现将《某县2025年人居环境整治方案》印发给你们，请认真贯彻执行。

某县人民政府办公室
2025年3月1日

某县2025年人居环境整治方案

一、工作内容
围绕村庄清洁开展整治，具体任务分工见附件1。
二、保障措施
（一）强化督查。县委督查室每季度开展一次督查。

附件：1.某县2025年人居环境整治任务分工
      2.联络员名单

附件1

某县2025年人居环境整治任务分工

一、村庄清洁
1.开展村庄清洁行动，2025年6月底前完成。
牵头单位：县农业农村局
配合单位：县财政局、各乡镇人民政府
2.整治农村生活污水，2025年底前完成治理30个村。
牵头单位：县生态环境局
配合单位：住建局

附件2

联络员名单

县农业农村局：王某，13900000000
"""


def test_tasks_in_an_attachment_are_read_under_its_label() -> None:
    doc = parse(NOTICE)
    keys = [t.key for t in doc.tasks]
    assert keys == ["二/(一)", "附件1/一/1", "附件1/一/2"]
    first = doc.tasks[1]
    assert first.lead == ("县农业农村局",) and first.support == ("县财政局", "各乡镇人民政府")
    assert first.section[0] == "附件1"
    # 住建局 written short, 县住建局 nowhere else: no completion; the 附件：list lines are no items
    assert doc.tasks[2].support == ("住建局",)
    assert all("联络员" not in t.text and "13900000000" not in t.text for t in doc.tasks)


def test_a_notice_whose_plan_is_the_attachment_keeps_plain_keys() -> None:
    # no item before the 附件 label: the attachment is the plan itself (the common 印发通知)
    notice, plan = NOTICE.split("\n\n某县2025年人居环境整治方案\n\n")
    tasks = plan.split("附件1\n\n")[1].split("\n附件2")[0]
    doc = parse(notice + "\n\n附件\n\n" + tasks)
    assert [t.key for t in doc.tasks] == ["一/1", "一/2"]
    assert doc.issued_on == "2025-03-01"


def test_a_name_written_short_takes_the_documents_full_name() -> None:
    text = NOTICE.replace("配合单位：住建局", "配合单位：财政局")
    doc = parse(text)
    assert doc.tasks[2].support == ("县财政局",)
    assert any(w.code.value == "unit_name_completed" for w in doc.warnings)
