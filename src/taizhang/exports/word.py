"""Word files in the official style: the 督办通知单 for one item and the monthly 调度 report.

Both are laid out by :class:`~taizhang.exports.docx_style.OfficialDoc` (GB/T 9704 版头, title,
主送机关, body, signature and date); the figures of the report come from
:func:`~taizhang.exports.summary.monthly_summary`.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from taizhang.exports import labels as L
from taizhang.exports.docx_style import GB_FONTS, Fonts, OfficialDoc, date_cn
from taizhang.exports.summary import MonthlySummary, monthly_summary
from taizhang.ledger.model import DubanLevel, DubanNotice, WorkItem

DEFAULT_OFFICE = "督查室"

# what each level asks of the unit, in the words such notices use
_LEVEL_ASK = {
    DubanLevel.REMINDER: "请你单位高度重视，加快推进",
    DubanLevel.DUBAN: "现予以督办。请你单位主要负责同志亲自研究，采取有效措施，确保按期完成",
    DubanLevel.LISTED: "现予以挂牌督办，并将在全市范围内通报。请你单位主要负责同志亲自部署、"
                       "亲自督促，逐项明确整改措施和完成时限",
}


def office_name(item: WorkItem, office: str | None) -> str:
    """``沈阳市人民政府督查室`` from the item's jurisdiction unless the caller names the office."""
    if office:
        return office
    return f"{item.jurisdiction}人民政府{DEFAULT_OFFICE}" if item.jurisdiction else DEFAULT_OFFICE


def due_cn(item: WorkItem) -> str:
    """完成时限 as an official document writes it: ``2023年6月30日``, a recurrence in words
    (``每年5月底前（至2020年12月31日）``). A date the text did not give but the document's
    planning period implies is written as the date: the marks the 台账 uses for it are notes for
    the office, not words for a document sent out."""
    if item.rrule:
        words = L.rrule_label(item.rrule)
        return f"{words}（至{date_cn(item.due)}）" if item.due else words
    return date_cn(item.due) if item.due else "未明确"


def source_cn(item: WorkItem) -> str:
    """The document a notice cites: ``《title》（number）``, else the number, else 有关文件."""
    if item.document_title or item.doc_number:
        return L.document_label(item) + ("" if item.document_title else "文件")
    return "有关文件"


def write_notice(notice: DubanNotice, item: WorkItem, file: str | Path | IO[bytes], *,
                 office: str | None = None, fonts: Fonts = GB_FONTS) -> None:
    """The 督办通知单: 版头 with the notice number, the item, why it lags, the reply deadline."""
    issuer = office_name(item, office)
    doc = OfficialDoc(fonts)
    doc.corner(notice.level.label)
    doc.issuer_mark(issuer)
    doc.number_line(notice.number)
    doc.title("督办通知单")
    doc.addressee(item.lead or "有关单位")
    source = source_cn(item)
    due = due_cn(item)
    state = f"目前状态为“{item.status.label}”，完成{item.percent}%"
    reason = notice.reason or "；".join(item.light_reasons) or "进度滞后"
    doc.body(f"根据{source}任务分工，你单位牵头负责的“{item.title}”（台账编号{item.id}），"
             f"完成时限为{due}。截至{date_cn(notice.issued_on)}，该项工作{state}，"
             f"存在以下问题：{reason}。")
    ask = _LEVEL_ASK[notice.level]
    reply = date_cn(notice.reply_due) if notice.reply_due else "收到本通知后7个工作日内"
    doc.body(f"{ask}。请于{reply}前将办理情况（已采取的措施、取得的进展、存在的问题和下步安排）"
             f"书面反馈{issuer}；也可在台账系统中或通过填报表直接填报。")
    if item.support:
        doc.body(f"{L.units_label(item.support)}作为责任单位，请积极配合做好相关工作。")
    doc.gap()
    doc.table(["项目", "内容"], [
        ["督办编号", notice.number],
        ["督办等级", notice.level.label],
        ["督办事项", item.title],
        ["具体内容", item.text],
        ["牵头单位", item.lead or "未明确"],
        ["责任单位", L.units_label(item.support) or "无"],
        ["责任领导", L.units_label(item.leaders) or "无"],
        ["完成时限", due],
        ["督办原因", reason],
        ["反馈时限", date_cn(notice.reply_due) if notice.reply_due else "7个工作日内"],
    ], [32, 124])
    doc.signature(issuer, notice.issued_on)
    doc.save(file)


def write_monthly_report(items: Iterable[WorkItem], file: str | Path | IO[bytes], *,
                         today: dt.date, month: tuple[int, int] | None = None,
                         office: str = DEFAULT_OFFICE, to: str = "市政府领导",
                         issue_number: str | None = None, fonts: Fonts = GB_FONTS,
                         max_rows: int = 100) -> None:
    """The monthly 调度 report: totals by status and light, overdue work, units, next month.

    Lists stop at ``max_rows`` items (most overdue first) with a line saying how many more the
    台账 holds: a report is read by leaders, the full list travels as the xlsx.
    """
    s = monthly_summary(items, today=today, month=month)
    doc = OfficialDoc(fonts)
    doc.issuer_mark(f"{office}工作调度")
    doc.number_line(issue_number or f"{s.year}年第{s.month}期")
    doc.title(f"{s.year}年{s.month}月重点工作任务推进情况调度报告")
    doc.addressee(to)
    lights = {light: n for light, n in s.by_light}
    statuses = "，".join(f"{status.label}{n}项" for status, n in s.by_status if n)
    doc.body(f"按照按月调度要求，现将截至{date_cn(today)}台账所列{s.total}项工作任务推进情况"
             f"报告如下。")
    doc.heading("一、总体情况")
    light_text = "，".join(f"{light.label}{n}项" for light, n in lights.items())
    doc.body(f"纳入调度的工作任务共{s.total}项，其中{statuses or '暂无'}。"
             f"亮灯情况：{light_text}。已逾期未完成{len(s.overdue)}项。")
    doc.table(["状态", "项数", "亮灯", "项数"], _pair_rows(s), [40, 38, 40, 38])
    doc.heading("二、逾期未完成事项")
    if s.overdue:
        doc.table(["序号", "工作任务", "牵头单位", "完成时限", "逾期天数", "状态"],
                  [[str(n), item.title, item.lead or "", due_cn(item), str(days),
                    item.status.label]
                   for n, (item, days) in enumerate(s.overdue[:max_rows], start=1)],
                  [13, 50, 30, 29, 16, 18])
        _more(doc, len(s.overdue), max_rows)
    else:
        doc.body("本月无逾期未完成事项。")
    doc.heading("三、各单位推进情况")
    doc.table(["牵头单位", "牵头任务", "已完成", "推进中", "逾期", "红灯", "黄灯", "完成率"],
              [[u.unit, str(u.lead), str(u.done), str(u.in_progress), str(u.overdue), str(u.red),
                str(u.yellow), f"{u.done_rate:.0%}" if u.done_rate is not None else "—"]
               for u in s.units],
              [40, 16, 16, 16, 14, 14, 14, 16])
    doc.heading(f"四、{s.next_year}年{s.next_month}月到期事项")
    if s.due_next_month:
        doc.table(["序号", "工作任务", "牵头单位", "完成时限", "当前进度"],
                  [[str(n), item.title, item.lead or "", due_cn(item),
                    f"{item.status.label} {item.percent}%"]
                   for n, item in enumerate(s.due_next_month[:max_rows], start=1)],
                  [13, 63, 30, 29, 21])
        _more(doc, len(s.due_next_month), max_rows)
    else:
        doc.body("下月无到期事项。")
    doc.signature(office, today)
    doc.save(file)


def _more(doc: OfficialDoc, total: int, shown: int) -> None:
    if total > shown:
        doc.body(f"（以上列出前{shown}项，另有{total - shown}项，详见台账。）")


def _pair_rows(s: MonthlySummary) -> list[list[str]]:
    """Status counts beside light counts, two columns of pairs in one small table."""
    status_rows = [(st.label, str(n)) for st, n in s.by_status]
    light_rows = [(li.label, str(n)) for li, n in s.by_light]
    light_rows += [("已逾期", str(len(s.overdue))), ("合计", str(s.total))]
    light_rows += [("", "")] * (len(status_rows) - len(light_rows))
    return [[a, b, c, d] for (a, b), (c, d) in zip(status_rows, light_rows)]
