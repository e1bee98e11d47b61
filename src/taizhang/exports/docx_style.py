"""The official-document look (GB/T 9704-2012) as far as a .docx can carry it.

A4 with 天头 37 mm and 订口 28 mm (type area 156 × 225 mm), body in 3号 仿宋_GB2312 on a fixed
line pitch of 22 lines a page, a red 发文机关标志 in 小标宋 with a red rule under the 发文字号,
a 2号 小标宋 title, 黑体 level-1 headings, signature and date to the right with four characters'
space, page numbers ``— 1 —``. Fonts are named as offices install them; a machine without them
substitutes its own, which is why the names are a preset and not scattered through the code.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

RED = RGBColor(0xFF, 0x00, 0x00)
SIZE_2 = Pt(22)  # 二号
SIZE_3 = Pt(16)  # 三号
SIZE_4 = Pt(14)  # 四号
SIZE_S4 = Pt(12)  # 小四: the size tables drop to so that they fit the type area
LINE_PITCH = Pt(28.95)  # 225 mm / 22 lines
CHAR = Pt(16)  # one 3号 character, for indents


@dataclass(frozen=True, slots=True)
class Fonts:
    body: str = "仿宋_GB2312"
    title: str = "方正小标宋简体"
    heading: str = "黑体"
    heading2: str = "楷体_GB2312"
    latin: str = "Times New Roman"


GB_FONTS = Fonts()
# the fonts every Windows has, for offices without the GB2312/方正 set
WINDOWS_FONTS = Fonts(body="仿宋", title="宋体", heading="黑体", heading2="楷体")


class OfficialDoc:
    """A python-docx document with helpers for each element of the 版头, 主体 and 版记."""

    def __init__(self, fonts: Fonts = GB_FONTS, *, landscape: bool = False) -> None:
        self.fonts = fonts
        self.doc = new_docx()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        if landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = self.doc.styles["Normal"]
        normal.font.size = SIZE_3
        _set_fonts(normal.element.get_or_add_rPr(), fonts.body, fonts.latin)
        fmt = normal.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_PITCH
        fmt.space_before = fmt.space_after = Pt(0)
        self._page_numbers(section)

    # 版头 ---------------------------------------------------------------------------------------

    def corner(self, text: str) -> None:
        """Top-left marks (份号, 密级, 紧急程度 — here the 督办 level), 3号黑体."""
        self._para(text, font=self.fonts.heading, size=SIZE_3, align=WD_ALIGN_PARAGRAPH.LEFT)

    def issuer_mark(self, text: str) -> None:
        """发文机关标志: red, 小标宋, centred, larger than the title."""
        # one line across the 156 mm type area (≈ 440 pt): long names get a smaller size
        size = Pt(max(22, min(36, 430 // max(len(text), 1))))
        p = self._para(text, font=self.fonts.title, size=size, color=RED,
                       align=WD_ALIGN_PARAGRAPH.CENTER, pitch=Pt(60))
        p.paragraph_format.space_before = Pt(12)
        p.paragraph_format.space_after = Pt(18)

    def number_line(self, number: str) -> None:
        """发文字号 centred, then the red 版头分隔线 drawn as the paragraph's bottom border."""
        p = self._para(number, align=WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.space_after = Pt(6)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "18"), ("w:space", "6"),
                           ("w:color", "FF0000")):
            bottom.set(qn(key), value)
        borders.append(bottom)
        p._p.get_or_add_pPr().append(borders)

    # 主体 ---------------------------------------------------------------------------------------

    def title(self, text: str) -> None:
        p = self._para(text, font=self.fonts.title, size=SIZE_2,
                       align=WD_ALIGN_PARAGRAPH.CENTER, pitch=Pt(36))
        p.paragraph_format.space_before = Pt(28)
        p.paragraph_format.space_after = Pt(28)

    def addressee(self, text: str) -> None:
        """主送机关: flush left, ending in a full-width colon."""
        self._para(text.rstrip("：:") + "：", align=WD_ALIGN_PARAGRAPH.LEFT)

    def body(self, text: str) -> Any:
        p = self._para(text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        p.paragraph_format.first_line_indent = CHAR * 2
        return p

    def heading(self, text: str, level: int = 1) -> None:
        font = self.fonts.heading if level == 1 else self.fonts.heading2
        p = self._para(text, font=font, align=WD_ALIGN_PARAGRAPH.LEFT)
        p.paragraph_format.first_line_indent = CHAR * 2

    def signature(self, issuer: str, date: dt.date) -> None:
        """署名 and 成文日期 right-aligned, four characters in from the right edge."""
        self._para("")
        self._para("")
        for text in (issuer, date_cn(date)):
            p = self._para(text, align=WD_ALIGN_PARAGRAPH.RIGHT)
            p.paragraph_format.right_indent = CHAR * 4

    def table(self, header: list[str], rows: list[list[str]], widths_mm: list[float]) -> Any:
        """A ruled table in 小四 仿宋 with a 黑体 header row."""
        table = self.doc.add_table(rows=1, cols=len(header))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths_mm):
            column.width = Mm(width)  # the grid: what LibreOffice and WPS lay out by
        for cell, text in zip(table.rows[0].cells, header):
            self._cell(cell, text, font=self.fonts.heading, center=True)
        # the header row repeats on every page the table runs onto
        header_pr = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        header_pr.append(repeat)
        for values in rows:
            cells = table.add_row().cells
            for i, (cell, text) in enumerate(zip(cells, values)):
                self._cell(cell, text, center=len(text) <= 8)
        for row in table.rows:
            for cell, width in zip(row.cells, widths_mm):
                cell.width = Mm(width)
        return table

    def gap(self) -> None:
        self._para("")

    def save(self, file: Any) -> None:
        self.doc.save(file)

    # helpers ------------------------------------------------------------------------------------

    def _para(self, text: str, *, font: str | None = None, size: Pt | None = None,
              color: RGBColor | None = None, align: Any = None, pitch: Pt | None = None) -> Any:
        p = self.doc.add_paragraph()
        if align is not None:
            p.alignment = align
        if pitch is not None:
            p.paragraph_format.line_spacing = pitch
        if text:
            run = p.add_run(text)
            if font:
                _set_fonts(run._r.get_or_add_rPr(), font, self.fonts.latin)
            if size:
                run.font.size = size
            if color is not None:
                run.font.color.rgb = color
        return p

    def _cell(self, cell: Any, text: str, *, font: str | None = None, center: bool = False) -> None:
        p = cell.paragraphs[0]
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        p.paragraph_format.first_line_indent = Pt(0)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(text)
        run.font.size = SIZE_S4
        _set_fonts(run._r.get_or_add_rPr(), font or self.fonts.body, self.fonts.latin)

    def _page_numbers(self, section: Any) -> None:
        """Footer ``— 1 —`` centred, 4号 (Times for the digits), via a PAGE field."""
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run("— ").font.size = SIZE_4
        run = p.add_run()
        run.font.size = SIZE_4
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            else:
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            run._r.append(el)
        p.add_run(" —").font.size = SIZE_4


def _set_fonts(rpr: Any, east_asia: str, latin: str) -> None:
    # Word picks the CJK face from w:eastAsia; python-docx's font.name sets only the Latin ones
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def date_cn(date: dt.date) -> str:
    """成文日期 in Arabic numerals without leading zeros: ``2026年5月15日``."""
    return f"{date.year}年{date.month}月{date.day}日"
