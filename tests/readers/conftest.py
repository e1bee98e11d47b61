"""Builders for real documents written into tmp_path: .docx by python-docx, .pdf by reportlab."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

# a 任务分工方案 in simplified Chinese; 镕 is outside GB2312, so GBK/GB18030 must be used
SEED = (
    "沈阳市人民政府办公厅关于印发沈阳市开发区改革创新工作方案的通知\n"
    "沈政办发〔2018〕78号\n"
    "各区、县(市)人民政府,市政府各部门、各直属单位:\n"
    "经市政府同意,现将《沈阳市开发区改革创新工作方案》印发给你们,请认真贯彻落实。\n"
    "一、推行“管委会+平台公司”运营管理模式。2018年6月底前,各开发区要成立平台公司。"
    "(市发展改革委牵头,市财政局、各区县(市)政府配合)\n"
    "二、每年5月底前报送工作进展情况,投资额50亿元及以上。责任人：朱镕基\n"
)
# traditional text that Big5 can hold, as a Taiwanese or Hong Kong page would have it
TRADITIONAL = (
    "臺北市政府關於推動數位轉型工作計畫的通知\n"
    "一、加強組織領導，各機關應於每年十二月底前報送執行情形。\n"
    "二、由經濟發展局負責，財政局、資訊局配合辦理。\n"
)

TASK_HEADER = ["序号", "任务", "牵头单位", "责任单位", "完成时限"]


def build_docx(path: Path) -> Path:
    """Paragraphs, Word-numbered items, a task table with merged cells, a closing paragraph."""
    import docx

    d = docx.Document()
    d.add_paragraph("关于印发沈阳市开发区改革创新工作方案的通知")
    d.add_paragraph("经市政府同意，现将方案印发给你们。")
    d.add_paragraph("加强组织领导", style="List Number")
    d.add_paragraph("强化督促检查", style="List Number")
    table = d.add_table(rows=4, cols=5)
    for i, head in enumerate(TASK_HEADER):
        table.cell(0, i).text = head
    section = table.cell(1, 0).merge(table.cell(1, 4))
    section.text = "一、重点任务"
    for i, value in enumerate(["1", "推进开发区体制机制创新", "市发展改革委", "市财政局", "2018年底前"]):
        table.cell(2, i).text = value
    table.cell(3, 0).text = "2"
    table.cell(3, 1).text = "建设人才公寓"
    table.cell(2, 2).merge(table.cell(3, 2))  # one lead unit for both rows
    units = table.cell(3, 3)
    units.text = "市人社局"
    units.add_paragraph("市住房局")  # one unit per paragraph, as offices type them
    table.cell(3, 4).text = "长期坚持"
    d.add_paragraph("附件：任务分工表")
    d.save(str(path))
    return path


def build_pdf(path: Path, pages: list[list[str]]) -> Path:
    """Each page's lines drawn top-down in STSong-Light, the CID font reportlab ships."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))
    for lines in pages:
        c.setFont("STSong-Light", 14)
        y = 780
        for line in lines:
            if re.fullmatch(r"— \d+ —", line):
                c.drawCentredString(297, 40, line)  # the page number sits at the foot
            else:
                c.drawString(70, y, line)
                y -= 22
        c.showPage()
    c.save()
    return path


@pytest.fixture()
def docx_file(tmp_path: Path) -> Path:
    return build_docx(tmp_path / "方案.docx")
