""".pdf with a CJK text layer: paragraphs joined back, page numbers dropped; scans refused."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from taizhang.errors import FileUnreadable
from taizhang.readers import read_path
from taizhang.readers.pdf import join_lines

from .conftest import build_pdf

PARAGRAPH = ("推行管委会加平台公司运营管理模式。加快实施开发区管理体制改革，"
             "2018年6月底前，各开发区要成立平台公司，市发展改革委牵头，市财政局配合。")


def _wrap(text: str, width: int = 28) -> list[str]:
    """Cut like a 公文 page: 28 characters a line."""
    return [text[i:i + width] for i in range(0, len(text), width)]


def test_pdf_paragraphs_rejoined(tmp_path: Path) -> None:
    page1 = ["关于印发工作方案的通知", "一、体制机制创新", *_wrap("（一）" + PARAGRAPH), "— 1 —"]
    page2 = ["二、保障措施", "（一）加强组织领导。", "— 2 —"]
    read = read_path(build_pdf(tmp_path / "方案.pdf", [page1, page2]))
    assert read.format == "pdf"
    assert read.text.split("\n") == [
        "关于印发工作方案的通知",
        "一、体制机制创新",
        "（一）" + PARAGRAPH,
        "二、保障措施",
        "（一）加强组织领导。",
    ]


def test_scan_with_nothing_to_read(tmp_path: Path) -> None:
    """No text layer and nothing the OCR can read (scans with text: tests/readers/test_ocr.py)."""
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(50, 50, 400, 600, fill=1)  # a page that is only a picture, like a scan
    c.showPage()
    c.save()
    with pytest.raises(FileUnreadable, match="文字层为空，文字识别也没有认出文字"):
        read_path(path)


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nthis is not a pdf body")
    with pytest.raises(FileUnreadable, match="PDF"):
        read_path(path)


def test_pdf_extension_without_pdf_header(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("这不是 PDF", encoding="utf-8")
    with pytest.raises(FileUnreadable, match="缺少 %PDF 文件头"):
        read_path(path)


FULL = "各区县政府要按照市委市政府统一部署认真做好开发区改革创新相关工作"  # 32 wide


@pytest.mark.parametrize(("raw", "joined"), [
    pytest.param(f"{FULL}\n并按时报送。\n", f"{FULL}并按时报送。", id="width_break_joined"),
    pytest.param(f"{FULL}\n\n并按时报送。\n", f"{FULL}并按时报送。", id="blank_line_between_boxes"),
    pytest.param(f"{FULL}。\n并按时报送。", f"{FULL}。\n并按时报送。", id="sentence_end_kept"),
    pytest.param(f"{FULL}。\n（市财政局牵头）", f"{FULL}。（市财政局牵头）", id="unit_bracket_joins"),
    pytest.param(f"{FULL}\n（二）加强督查。", f"{FULL}\n（二）加强督查。", id="ordinal_paren"),
    pytest.param(f"{FULL}\n2.加强督查。", f"{FULL}\n2.加强督查。", id="ordinal_arabic"),
    pytest.param(f"{FULL}\n三、保障措施", f"{FULL}\n三、保障措施", id="ordinal_chinese"),
    pytest.param(f"短标题\n{FULL}。", f"短标题\n{FULL}。", id="short_line_kept"),
    pytest.param(f"{FULL}\n- 2 -\n\x0c并按时报送。", f"{FULL}并按时报送。", id="page_number_dropped"),
    pytest.param(f"{FULL}\n第 3 页 共 9 页\n并按时报送。", f"{FULL}并按时报送。", id="page_of_pages"),
    pytest.param(f"{FULL}\n2018年底前完成。", f"{FULL}2018年底前完成。", id="year_is_not_ordinal"),
    pytest.param(f"{FULL}《方案》\n要求。", f"{FULL}《方案》要求。", id="book_title_goes_on"),
    pytest.param(f"{FULL}牵头单位：\n市财政局。", f"{FULL}牵头单位：市财政局。", id="role_colon_goes_on"),
    pytest.param(f"{FULL}直属单位：\n经市政府同意。", f"{FULL}直属单位：\n经市政府同意。",
                 id="addressee_colon_ends"),
    pytest.param(f"{FULL}（国发〔2014〕\n28号）精神。", f"{FULL}（国发〔2014〕28号）精神。",
                 id="doc_number_cut"),
    pytest.param(f"{FULL}的通知\n沈政办发〔2018〕78号", f"{FULL}的通知\n沈政办发〔2018〕78号",
                 id="doc_number_line_apart"),
    pytest.param(f"{FULL}的通知\n鞍立政发〔2023〕2 号", f"{FULL}的通知\n鞍立政发〔2023〕2 号",
                 id="doc_number_line_with_space"),
    pytest.param(f"{FULL}的通知\n鞍立政发〔2023〕2号立山区人民政府关于印发方案的通知",
                 f"{FULL}的通知\n鞍立政发〔2023〕2号立山区人民政府关于印发方案的通知", id="doc_number_opens_line"),
    pytest.param(f"{FULL}的通知\n发布时间:2020-02-03 17:29", f"{FULL}的通知\n发布时间:2020-02-03 17:29",
                 id="index_field_line_apart"),
    pytest.param(f"5 {FULL} 财政部\n6 推进5万个行政村通光纤 工业和信息化部",
                 f"5 {FULL} 财政部\n6 推进5万个行政村通光纤 工业和信息化部", id="next_numbered_row"),
    pytest.param(f"5 {FULL}\n2016 年安排500亿元。", f"5 {FULL}2016 年安排500亿元。", id="year_is_no_row_number"),
    pytest.param(f"{FULL}\n序号 工作任务 牵头单位", f"{FULL}\n序号 工作任务 牵头单位", id="table_header_apart"),
    pytest.param(f"{FULL}\n序号\n工作任务", f"{FULL}\n序号\n工作任务", id="table_header_cell_apart"),
])
def test_join_lines(raw: str, joined: str) -> None:
    assert join_lines(raw) == joined


def _wrap_width(paragraph: str, width: float = 28) -> list[str]:
    """Cut by printed width (CJK 1, ASCII ½), as a typesetter fills a 28-character line."""
    from taizhang.readers.pdf import _line_width

    lines, cur = [], ""
    for ch in paragraph:
        if _line_width(cur + ch) > width:
            lines.append(cur)
            cur = ""
        cur += ch
    return [*lines, cur]


def test_seed_typeset_as_pdf_keeps_its_outline(tmp_path: Path) -> None:
    """A real seed printed 22 lines a page: every outline item still starts its own line."""
    seed = Path(__file__).resolve().parents[2] / "samples" / "001_78cdeab974107ec5.txt"
    paragraphs = [p.strip() for p in seed.read_text(encoding="utf-8").split("\n") if p.strip()]
    lines = [line for p in paragraphs for line in _wrap_width(p)]
    pages = [lines[i:i + 22] + [f"— {i // 22 + 1} —"] for i in range(0, len(lines), 22)]
    got = read_path(build_pdf(tmp_path / "seed.pdf", pages)).text.split("\n")
    items = [p for p in paragraphs if re.match(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)", p)]
    assert len(items) > 20
    starts = {line[:20] for line in got}
    assert [p[:20] for p in items if p[:20] not in starts] == []
    assert not any(re.fullmatch(r"— \d+ —", line) for line in got)
    # most paragraphs come back whole (a full line ending in 。 is read as a paragraph end)
    assert sum(p in got for p in paragraphs) >= 0.8 * len(paragraphs)


def test_a_page_of_table_cells_has_no_full_line(tmp_path: Path) -> None:
    """An attachment's table read one cell per line: its widest cell is far narrower than the
    document's full lines and must not swallow the next cell."""
    prose = _wrap("为推动全年目标任务完成，现将经济社会发展预期目标任务分解如下，请各责任单位认真抓好落实，"
                  "定期报送进展情况，确保各项目标任务按时完成，区政府办公室将定期跟踪督办。" * 3)
    cells = ["序号", "预期目标", "责任单位"]
    for n, (goal, unit) in enumerate([("地区生产总值增长5.5%左右", "区发展改革委"), ("工业增加值增长7%左右", "区经济信息委"),
                                      ("一般公共预算收入增长5%左右", "区财政局"), ("区级税收增长6%左右", "区税务局"),
                                      ("全体居民人均可支配收入增长6%左右", "区人力社保局"), ("进出口总额增长5%以上", "区商务委")], 1):
        cells += [str(n), goal, unit]
    read = read_path(build_pdf(tmp_path / "分解表.pdf", [prose, cells]))
    lines = read.text.split("\n")
    assert "全体居民人均可支配收入增长6%左右" in lines and "区人力社保局" in lines


def _table_pdf(path: Path) -> Path:
    """An attachment's ruled 任务分工表: wrapped cells, a unit per line in one cell, the header
    repeated on the next page (reportlab's platypus, the CID font it ships)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=11, leading=15, wordWrap="CJK")
    rows = [["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]]
    for n in range(1, 31):
        rows.append([str(n), f"城镇老旧小区改造第{n}批。新开工改造城镇老旧小区120个，同步完善养老、托育、停车等配套设施。",
                     "市住房城乡建设局", "市财政局<br/>市民政局" if n == 1 else "市发展改革委、财政局，各县（市、区）人民政府",
                     "2026年11月底前"])
    table = Table([[Paragraph(c, style) for c in r] for r in rows], colWidths=[36, 190, 80, 110, 70], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(path), pagesize=A4).build([Paragraph("附件 任务分工表", style), table])
    return path


def test_a_ruled_table_reads_row_by_row(tmp_path: Path) -> None:
    lines = read_path(_table_pdf(tmp_path / "分工表.pdf")).text.split("\n")
    rows = [ln for ln in lines if " | " in ln]
    assert rows[0] == "序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限"
    assert rows[1] == ("1 | 城镇老旧小区改造第1批。新开工改造城镇老旧小区120个，同步完善养老、托育、停车等配套设施。 | "
                       "市住房城乡建设局 | 市财政局、市民政局 | 2026年11月底前")  # wrapped lines joined, listed units apart
    assert rows[2].endswith(" | 市发展改革委、财政局，各县（市、区）人民政府 | 2026年11月底前")
    headers = sum(1 for r in rows if r.startswith("序号 |"))
    assert headers >= 2  # the header repeated on each page the table goes on to
    assert len(rows) == 30 + headers


def test_a_ruled_table_gives_a_task_per_row(tmp_path: Path) -> None:
    from taizhang.parse import parse

    read = read_path(_table_pdf(tmp_path / "分工表.pdf"))
    doc = parse(read.text, source=read.source)
    assert len(doc.tasks) == 30
    assert doc.tasks[0].lead == ("市住房城乡建设局",) and doc.tasks[0].support == ("市财政局", "市民政局")
    assert doc.tasks[1].support == ("市发展改革委", "市财政局", "各县(市、区)人民政府")


def test_a_cell_merged_down_stands_in_each_row(tmp_path: Path) -> None:
    """One 牵头单位 cell over three rows (and a category row across the table): each row names it."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cell", fontName="STSong-Light", fontSize=11, leading=15, wordWrap="CJK")
    rows = [["序号", "工作任务", "牵头单位", "配合单位", "完成时限"], ["一、市容环境提升", "", "", "", ""],
            ["1", "开展城市集中整治。", "市城市管理局", "市公安局", "6月底前"],
            ["2", "推进生活垃圾分类。", "", "市商务局", "9月底前"],
            ["3", "规范户外广告设置。", "", "市市场监管局", "年底前"]]
    table = Table([[Paragraph(c, style) for c in r] for r in rows], colWidths=[36, 190, 80, 110, 70])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("SPAN", (0, 1), (-1, 1)),
                               ("SPAN", (2, 2), (2, 4)), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    path = tmp_path / "合并.pdf"
    SimpleDocTemplate(str(path)).build([Paragraph("附件 任务分工表", style), table])
    rows_read = [ln for ln in read_path(path).text.split("\n") if " | " in ln or ln.startswith("一、")]
    assert rows_read == ["序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限", "一、市容环境提升",
                         "1 | 开展城市集中整治。 | 市城市管理局 | 市公安局 | 6月底前",
                         "2 | 推进生活垃圾分类。 | 市城市管理局 | 市商务局 | 9月底前",
                         "3 | 规范户外广告设置。 | 市城市管理局 | 市市场监管局 | 年底前"]


def test_a_table_without_rules_reads_by_its_header(tmp_path: Path) -> None:
    """Columns set apart by space only, under a 序号 header: each header word opens a column,
    each number under 序号 a row; a cell's wrapped lines join it, the page number does not."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "清单.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 12)
    xs = (80, 115, 346, 457)
    lines = [("序号", "任务", "责任单位", "时限"),
             ("1", "新建高标准农田62万亩，改造提升高标准", "市农业农村局、财", "2026年底"),
             ("", "农田30万亩，同步发展高效节水灌溉。", "政局，各县（区）", "前"),
             ("", "", "人民政府", ""),
             ("2", "完成年度项目初步设计批复和招标工作。", "市农业农村局", "6月底前")]
    y = 700
    for row in lines:
        for x, text in zip(xs, row):
            if text:
                c.drawString(x, y, text)
        y -= 18
    c.drawString(80, y - 10, "抄送：市委办公室，市人大常委会办公室。")
    c.drawCentredString(297, 40, "— 3 —")
    c.showPage()
    c.save()
    text = read_path(path).text.split("\n")
    assert text[:3] == ["序号 | 任务 | 责任单位 | 时限",
                        "1 | 新建高标准农田62万亩，改造提升高标准农田30万亩，同步发展高效节水灌溉。 | "
                        "市农业农村局、财政局，各县（区）人民政府 | 2026年底前",
                        "2 | 完成年度项目初步设计批复和招标工作。 | 市农业农村局 | 6月底前"]
    assert text[3].startswith("抄送：")
