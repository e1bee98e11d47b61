"""Builders for real documents written into tmp_path: .docx by python-docx, .pdf by reportlab,
scans by Pillow (a CJK font, skew and noise), .ofd by its standard's structure."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from PIL import Image

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


NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def render_scan(lines: list[str], *, dpi: int = 300, skew: float = 0.7, noise: float = 18.0,
                seed: int = 7, red_header: str | None = None, seal: str | None = None,
                chars_per_line: int = 28) -> Image.Image:
    """An A4 page as a scanner gives it: the lines in a CJK font (三号, 16 pt) at ``dpi``,
    wrapped at 28 characters as a 公文 is, turned by ``skew`` degrees, with grey noise.

    ``red_header`` draws a red 版头 above the text; ``seal`` a red round seal with that ring
    text over the last lines (the 落款), as a stamped document has it."""
    import math

    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    width, height = round(8.27 * dpi), round(11.69 * dpi)
    size = round(16 / 72 * dpi)
    font = ImageFont.truetype(NOTO_CJK, size, index=2)  # index 2: Noto Sans CJK SC
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    margin = round(1.1 * dpi)
    y = round(1.4 * dpi)
    if red_header:
        big = ImageFont.truetype(NOTO_CJK, size * 2, index=2)
        w = draw.textlength(red_header, font=big)
        draw.text(((width - w) / 2, y), red_header, font=big, fill=(220, 20, 20))
        y += size * 3
        draw.line((margin, y, width - margin, y), fill=(220, 20, 20), width=max(2, dpi // 75))
        y += size
    last = y
    for line in lines:
        rest = line
        while rest:
            draw.text((margin, y), rest[:chars_per_line], font=font, fill=(20, 20, 20))
            rest = rest[chars_per_line:]
            last = y
            y += round(size * 1.55)
    if seal:
        radius = round(0.8 * dpi)
        cx, cy = width - margin - radius, last
        red = (225, 30, 30)
        draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), outline=red, width=dpi // 40)
        small = ImageFont.truetype(NOTO_CJK, round(size * 0.9), index=2)
        for i, ch in enumerate(seal):  # ring text from 210° to -30°, each character upright to the centre
            angle = math.radians(210 - i * 240 / max(1, len(seal) - 1))
            glyph = Image.new("RGBA", (size, size), (0, 0, 0, 0))
            ImageDraw.Draw(glyph).text((0, 0), ch, font=small, fill=red)
            glyph = glyph.rotate(math.degrees(angle) - 90, expand=True)
            gx = cx + (radius * 0.75) * math.cos(angle) - glyph.width / 2
            gy = cy - (radius * 0.75) * math.sin(angle) - glyph.height / 2
            page.paste(glyph, (round(gx), round(gy)), glyph)
        draw.text((cx - size / 2, cy - size / 2), "★", font=small, fill=red)
    page = page.rotate(skew, resample=Image.BICUBIC, fillcolor="white")
    pixels = np.asarray(page).astype(np.int16)
    pixels = pixels + np.random.default_rng(seed).normal(0, noise, pixels.shape[:2])[..., None]
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def scan_pdf(path: Path, pages: list[Image.Image], *, dpi: int = 300) -> Path:
    """The pages as a PDF of pictures only, with no text layer: what a scanner writes."""
    pages[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return path


_OFD_NS = "http://www.ofdspec.org/2016"


def build_ofd(path: Path, pages: list[list[str]], *, columns: int = 1, per_char: bool = False,
              header: str | None = None) -> Path:
    """An OFD package as GB/T 33190 lays it out: OFD.xml → Doc_0/Document.xml → each page's
    Content.xml, text as TextObject/TextCode placed in mm on A4; ``header`` goes into a
    template page (the 版头), ``per_char`` writes one object per character, and the objects
    are written bottom-up so only their positions give the reading order."""
    import zipfile
    from xml.sax.saxutils import escape

    size, pitch, left, top = 5.6, 8.0, 28.0, 60.0
    per_line = 28 if columns == 1 else 13
    gap = 156.0 - 2 * per_line * size

    def objects(lines: list[str], start_id: int) -> list[str]:
        placed: list[tuple[float, float, str]] = []
        y, column = top, 0
        for line in lines:
            rest = line
            while rest:
                x = left + column * (per_line * size + gap)
                placed.append((x, y, rest[:per_line]))
                rest = rest[per_line:]
                y += pitch
                if y > 260:
                    y, column = top, column + 1
        if per_char:
            placed = [(x + i * size, y, ch) for x, y, text in placed for i, ch in enumerate(text)]
        out = []
        for n, (x, y, text) in enumerate(reversed(placed)):
            deltas = f' DeltaX="g {len(text) - 1} {size}"' if len(text) > 1 else ""
            out.append(f'<ofd:TextObject ID="{start_id + n}" Boundary="{x:.2f} {y:.2f} {len(text) * size:.2f} 7"'
                       f' Font="2" Size="{size}"><ofd:FillColor Value="0 0 0"/>'
                       f'<ofd:TextCode X="0" Y="{size}"{deltas}>{escape(text)}</ofd:TextCode></ofd:TextObject>')
        return out

    head = f'<?xml version="1.0" encoding="UTF-8"?>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'{head}<ofd:OFD xmlns:ofd="{_OFD_NS}" Version="1.0" DocType="OFD">'
                   '<ofd:DocBody><ofd:DocInfo><ofd:DocID>6a1c9b8e0f2d4e5a</ofd:DocID>'
                   '<ofd:CreationDate>2024-05-20</ofd:CreationDate></ofd:DocInfo>'
                   '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        template = '<ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if header else ""
        page_refs = "".join(f'<ofd:Page ID="{10 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
                            for i in range(len(pages)))
        z.writestr("Doc_0/Document.xml", f'{head}<ofd:Document xmlns:ofd="{_OFD_NS}"><ofd:CommonData>'
                   '<ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297'
                   '</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>'
                   f'{template}</ofd:CommonData><ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>')
        z.writestr("Doc_0/PublicRes.xml", f'{head}<ofd:Res xmlns:ofd="{_OFD_NS}" BaseLoc="Res"><ofd:Fonts>'
                   '<ofd:Font ID="2" FontName="仿宋_GB2312" FamilyName="仿宋"/></ofd:Fonts></ofd:Res>')
        if header:
            z.writestr("Doc_0/Tpls/Tpl_0/Content.xml",
                       f'{head}<ofd:Page xmlns:ofd="{_OFD_NS}"><ofd:Content><ofd:Layer ID="8">'
                       f'<ofd:TextObject ID="7" Boundary="40 30 130 14" Font="2" Size="12">'
                       f'<ofd:FillColor Value="255 0 0"/><ofd:TextCode X="0" Y="12">{escape(header)}'
                       '</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>')
        for i, lines in enumerate(pages):
            use = '<ofd:Template TemplateID="9"/>' if header and i == 0 else ""
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml",
                       f'{head}<ofd:Page xmlns:ofd="{_OFD_NS}">{use}<ofd:Content><ofd:Layer ID="{100 + i}">'
                       + "".join(objects(lines, 1000 * (i + 1))) + '</ofd:Layer></ofd:Content></ofd:Page>')
    return path


# a 公文 over two pages: task 一 on page 1, tasks 二 and 三 on page 2 (each line wrapped at 28
# characters, as a PDF page gives them)
PAGED = [
    ["沈阳市人民政府办公厅关于印发开发区改革创新工作方案的通知", "沈政办发〔2018〕78号",
     "各区、县（市）人民政府，市政府各部门：",
     "一、推行管委会加平台公司运营管理模式。2018年6月底前，各开发区要成立平台公司。"
     "（市发展改革委牵头，市财政局配合）"],
    ["二、建设人才公寓。2019年6月底前完成。（市住房局牵头）",
     "三、强化督促检查。每季度通报一次进展情况。（市政府督查室牵头）"],
]
_SQUARE = 90  # points: the marker's side; page n's marker stands at x = 60 + 110·(n − 1)


def build_marked_pdf(path: Path, pages: list[list[str]] = PAGED, *,
                     scanned: tuple[int, ...] = ()) -> Path:
    """A text PDF (STSong-Light) whose page n carries a black square at its foot, n steps
    to the right, so a picture of a page tells which page it is (:func:`marked_page`).
    The pages numbered in ``scanned`` are a scan instead: a picture (:func:`render_scan`,
    150 dpi) and no text layer, so reading them takes OCR."""
    import io

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path))  # A4
    for number, lines in enumerate(pages, 1):
        if number in scanned:
            picture = io.BytesIO()
            render_scan(lines, dpi=150).save(picture, "PNG")
            c.drawImage(ImageReader(picture), 0, 0, width=595.27, height=841.89)
        else:
            c.setFont("STSong-Light", 14)
            y = 780
            for line in lines:
                for start in range(0, len(line), 28):
                    c.drawString(70, y, line[start:start + 28])
                    y -= 22
        c.rect(60 + 110 * (number - 1), 60, _SQUARE, _SQUARE, fill=1)
        c.showPage()
    c.save()
    return path


def marked_page(picture: bytes) -> int | None:
    """The page a picture of a :func:`build_marked_pdf` page shows; None when no square
    (or more than one) is found."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(picture)).convert("L")
    width, height = image.size
    dark = []
    for number in range(1, 5):
        x = (60 + 110 * (number - 1) + _SQUARE / 2) / 595.27 * width
        y = (1 - (60 + _SQUARE / 2) / 841.89) * height
        if image.getpixel((round(x), round(y))) < 60:
            dark.append(number)
    return dark[0] if len(dark) == 1 else None
