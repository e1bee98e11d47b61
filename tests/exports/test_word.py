"""The 督办通知单 and the monthly 调度 report, read back with python-docx."""
from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from taizhang.exports.summary import monthly_summary
from taizhang.exports.word import write_monthly_report, write_notice
from taizhang.ledger.model import DubanLevel, DubanNotice, DubanState, Light, Status, WorkItem

from .conftest import TODAY


def _notice(level: DubanLevel = DubanLevel.DUBAN) -> DubanNotice:
    return DubanNotice(id=7, number="督办〔2026〕7号", year=2026, serial=7, item_id=4, level=level,
                       state=DubanState.OPEN, reason="已逾期45天，进度30%",
                       reply_due=dt.date(2026, 5, 22), issued_on=TODAY, issued_by="督查室")


def _east_asia(paragraph) -> str:
    return paragraph.runs[0]._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_notice_layout(items: list[WorkItem], tmp_path: Path) -> None:
    write_notice(_notice(), items[3], tmp_path / "n.docx")
    d = docx.Document(str(tmp_path / "n.docx"))
    paras = [p for p in d.paragraphs if p.text]
    texts = [p.text for p in paras]
    assert texts[:5] == ["督办", "沈阳市人民政府督查室", "督办〔2026〕7号", "督办通知单", "市商务局："]
    mark = paras[1]
    assert mark.runs[0].font.color.rgb == docx.shared.RGBColor(0xFF, 0, 0)
    assert mark.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert _east_asia(mark) == "方正小标宋简体"
    number = paras[2]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    rule = number._p.pPr.find(qn("w:pBdr")).find(qn("w:bottom"))
    assert rule.get(qn("w:color")) == "FF0000"
    assert paras[3].runs[0].font.size == Pt(22)
    body = "".join(texts[5:8])
    assert "“推进第4项重点工作”（台账编号4）" in body and "完成时限为2026年3月31日" in body
    assert "现予以督办" in body and "请于2026年5月22日前" in body
    assert "市财政局作为责任单位" in body
    assert texts[-2:] == ["沈阳市人民政府督查室", "2026年5月15日"]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.RIGHT for p in paras[-2:])
    normal = d.styles["Normal"]
    assert normal.font.size == Pt(16)
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    section = d.sections[0]
    assert abs(section.top_margin - Mm(37)) < Mm(0.5) and abs(section.left_margin - Mm(28)) < Mm(0.5)
    table = {row.cells[0].text: row.cells[1].text for row in d.tables[0].rows}
    assert table["督办编号"] == "督办〔2026〕7号" and table["牵头单位"] == "市商务局"
    assert table["反馈时限"] == "2026年5月22日"


def test_listed_notice_says_so(items: list[WorkItem], tmp_path: Path) -> None:
    write_notice(_notice(DubanLevel.LISTED), items[3], tmp_path / "n.docx", office="某某督查室")
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "n.docx")).paragraphs)
    assert text.startswith("挂牌督办\n某某督查室") and "现予以挂牌督办" in text


def test_summary_counts(items: list[WorkItem]) -> None:
    extra = dataclasses.replace(items[0], id=6, due=dt.date(2026, 6, 10), light=Light.YELLOW)
    done = dataclasses.replace(items[0], id=7, status=Status.DONE, due=dt.date(2026, 6, 1))
    s = monthly_summary(items + [extra, done], today=TODAY)
    assert s.total == 7 and (s.next_year, s.next_month) == (2026, 6)
    assert dict(s.by_light) == {Light.GREEN: 4, Light.YELLOW: 2, Light.RED: 1}
    assert dict(s.by_status)[Status.IN_PROGRESS] == 4
    # 1, 2 and 4 are past due and unfinished (3 recurs, 5 is due next month), most overdue first
    assert [(i.id, days) for i, days in s.overdue] == [(1, 2876), (2, 1961), (4, 45)]
    assert [i.id for i in s.due_next_month] == [6, 5]  # by date; finished item 7 is not listed
    lines = {u.unit: u for u in s.units}
    assert lines["市商务局"].red == 1 and lines["市发展改革委"].lead == 3
    assert s.units[0].unit == "市商务局"  # most red first


def test_monthly_report(items: list[WorkItem], tmp_path: Path) -> None:
    write_monthly_report(items, tmp_path / "r.docx", today=TODAY, office="沈阳市人民政府督查室")
    d = docx.Document(str(tmp_path / "r.docx"))
    texts = [p.text for p in d.paragraphs if p.text]
    assert texts[:3] == ["沈阳市人民政府督查室工作调度", "2026年第5期", "2026年5月重点工作任务推进情况调度报告"]
    assert "一、总体情况" in texts and "二、逾期未完成事项" in texts
    assert "四、2026年6月到期事项" in texts
    overview = next(t for t in texts if t.startswith("纳入调度的工作任务共5项"))
    assert "红灯1项" in overview and "已逾期未完成3项" in overview
    counts, overdue, units, due_next = d.tables
    assert [c.text for c in counts.rows[0].cells] == ["状态", "项数", "亮灯", "项数"]
    assert [r.cells[4].text for r in overdue.rows[1:]] == ["2876", "1961", "45"]
    unit_rows = {r.cells[0].text: [c.text for c in r.cells] for r in units.rows[1:]}
    assert unit_rows["市财政局"][1:3] == ["2", "0"]
    assert [r.cells[1].text for r in due_next.rows[1:]] == ["推进第5项重点工作"]


def test_long_lists_are_cut_with_a_note(items: list[WorkItem], tmp_path: Path) -> None:
    many = [dataclasses.replace(items[3], id=100 + n) for n in range(30)]
    write_monthly_report(many, tmp_path / "r.docx", today=TODAY, max_rows=10)
    d = docx.Document(str(tmp_path / "r.docx"))
    assert len(d.tables[1].rows) == 11
    assert any(p.text == "（以上列出前10项，另有20项，详见台账。）" for p in d.paragraphs)
