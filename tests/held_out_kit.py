"""Shared tools of the held-out parse corpora (tests/corpus13 and later): the Word helpers, the
PDF printer and the gold writer their build scripts had each carried a copy of.

Each corpus keeps its documents' text in its own build_docx.py / build_pdf.py / make_gold.py, run by
hand (`/work/main/.venv/bin/python tests/corpus16/build_pdf.py`); the made files are committed and the
tests read them directly, so nothing here runs in the test suite.

- Word: layout after GB/T 9704 as offices apply it (A4, 天头 37 mm, 订口 28 mm, 仿宋 16 pt, red 版头
  with its rule), python-docx with the Chinese faces set in w:eastAsia.
- PDF: HTML after GB/T 9704 printed by Chromium through Playwright with `— N —` page numbers; the Noto
  CJK fonts are cut down to the characters used, without the Kangxi/CJK radical code points, so the
  text layer holds real ideographs (full fonts map many ideographs to the radicals' glyphs).
- Gold: writes each NAME.json and checks that every task head and not-task head appears in the
  decoded text of its document.
"""
from __future__ import annotations

import base64
import datetime as dt
import html
import io
import json
import re
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from fontTools.subset import Options, Subsetter
from fontTools.ttLib import TTFont

# ── Word ─────────────────────────────────────────────────────────────────────────────────────
FANGSONG, HEITI, KAITI, XBS = "仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def run_font(run, face: str, size: float, bold: bool = False, red: bool = False) -> None:
    """Chinese faces live in w:eastAsia, which python-docx does not set by itself."""
    run.font.name = face
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), face)
    if red:
        run.font.color.rgb = RGBColor(0xE6, 0x00, 0x12)


def para(doc, text: str, face: str = FANGSONG, size: float = 16, align=None, indent: bool = True,
         bold: bool = False, red: bool = False, style: str | None = None):
    p = doc.add_paragraph(style=style)
    if align is not None:
        p.alignment = align
    if indent and align is None:
        p.paragraph_format.first_line_indent = Pt(size * 2)  # 首行缩进两字
    p.paragraph_format.space_after = Pt(0)
    run_font(p.add_run(text), face, size, bold, red)
    return p


def new_doc(title: str, created: dt.datetime, landscape_annex: bool = False):
    doc = Document()
    cp = doc.core_properties
    cp.title, cp.author, cp.last_modified_by = title, "办公室", "办公室"
    cp.created = cp.modified = created
    cp.revision = 1
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    return doc


def red_header(doc, banner: str, number: str) -> None:
    para(doc, banner, XBS, 36, CENTER, red=True)
    para(doc, "", size=16, align=CENTER)
    para(doc, number, FANGSONG, 16, CENTER)
    # 版头分隔线: an empty paragraph with a red bottom border
    p = para(doc, "", size=8, align=CENTER)
    ppr = p._p.get_or_add_pPr()
    border = ppr.makeelement(qn("w:pBdr"), {})
    bottom = border.makeelement(qn("w:bottom"), {qn("w:val"): "single", qn("w:sz"): "18",
                                                  qn("w:space"): "1", qn("w:color"): "E60012"})
    border.append(bottom)
    ppr.append(border)


def cell_text(cell, text: str, size: float = 10.5, face: str = FANGSONG, center: bool = False) -> None:
    """Write `text` into a cell; `\n` starts a new paragraph inside the cell."""
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        p = first if i == 0 else cell.add_paragraph()
        if center:
            p.alignment = CENTER
        run_font(p.add_run(line), face, size)


def set_widths(table, widths_mm: list[float]) -> None:
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm):
            cell.width = Mm(w)


def landscape_section(doc):
    from docx.enum.section import WD_ORIENT, WD_SECTION
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    sec.orientation = WD_ORIENT.LANDSCAPE
    sec.page_width, sec.page_height = Mm(297), Mm(210)
    sec.top_margin, sec.bottom_margin = Mm(28), Mm(26)
    sec.left_margin, sec.right_margin = Mm(37), Mm(35)
    return sec


def page_break(doc) -> None:
    from docx.enum.text import WD_BREAK
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def soft_para(doc, lines: list[str], size: float = 16):
    """One paragraph whose lines are separated by soft line breaks (w:br)."""
    p = doc.add_paragraph()
    p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.space_after = Pt(0)
    for i, line in enumerate(lines):
        run = p.add_run(line)
        run_font(run, FANGSONG, size)
        if i < len(lines) - 1:
            run.add_break()
    return p


def merged_row(table, text: str, size: float = 10.5, bold: bool = True) -> None:
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[-1])
    cell.paragraphs[0].text = ""
    run_font(cell.paragraphs[0].add_run(text), HEITI if bold else FANGSONG, size, bold)


def body(doc, text: str) -> None:
    """Lines of body text: `# ` 黑体 heading, `## ` 楷体 heading, otherwise 仿宋 with indent."""
    for line in text.strip().splitlines():
        if line.startswith("## "):
            para(doc, line[3:], KAITI)
        elif line.startswith("# "):
            para(doc, line[2:], HEITI)
        else:
            para(doc, line)


def signature(doc, issuer: str, date: str) -> None:
    para(doc, "", indent=False)
    para(doc, issuer + "　　　　", align=RIGHT)
    para(doc, date + "　　　　", align=RIGHT)


# ── PDF ──────────────────────────────────────────────────────────────────────────────────────
CHROMIUM = "/usr/bin/chromium"
NOTO = "/usr/share/fonts/opentype/noto/"
FACES = (("TZSerif", 400, NOTO + "NotoSerifCJK-Regular.ttc"), ("TZSerif", 700, NOTO + "NotoSerifCJK-Bold.ttc"),
         ("TZSans", 400, NOTO + "NotoSansCJK-Regular.ttc"))


def font_faces(text: str) -> str:
    """@font-face rules with the SC face of each font cut down to the characters of `text`."""
    chars = {ord(c) for c in text if not c.isspace()} | {ord(c) for c in "0123456789— "}
    chars = {c for c in chars if not 0x2E80 <= c <= 0x2FDF}
    rules = []
    for family, weight, path in FACES:
        font = TTFont(path, fontNumber=2)  # index 2 of the Noto CJK collections is SC
        options = Options()
        options.layout_features = ["*"]
        subsetter = Subsetter(options)
        subsetter.populate(unicodes=sorted(chars))
        subsetter.subset(font)
        buf = io.BytesIO()
        font.save(buf)
        data = base64.b64encode(buf.getvalue()).decode("ascii")
        rules.append(f'@font-face {{ font-family: "{family}"; font-weight: {weight}; '
                     f'src: url(data:font/otf;base64,{data}) format("opentype"); }}')
    return "\n".join(rules)


CSS = """
@page { size: A4; }
html, body { margin: 0; padding: 0; }
body { font-family: "TZSerif", serif; font-size: 16pt; line-height: 28.5pt; color: #000;
       text-align: justify; }
p { margin: 0; text-indent: 2em; }
p.flush { text-indent: 0; }
.banner { color: #E60012; font-family: "TZSerif"; font-weight: 700; text-align: center;
          font-size: 30pt; line-height: 48pt; letter-spacing: 0.05em; text-indent: 0; margin-top: 10mm; }
.number { text-align: center; text-indent: 0; margin-top: 14pt; }
.rule { border: 0; border-top: 2.2pt solid #E60012; margin: 6pt 0 28pt 0; }
.title { font-family: "TZSerif"; font-weight: 700; font-size: 22pt; line-height: 33pt;
         text-align: center; text-indent: 0; margin: 0 0 28pt 0; }
.to { text-indent: 0; }
.h1 { font-family: "TZSans"; }
.h2 { font-weight: 700; }
.sign { text-align: right; text-indent: 0; padding-right: 4em; }
.date { text-align: right; text-indent: 0; padding-right: 4em; }
.gap { height: 28.5pt; }
.signblock { break-inside: avoid; }
.newpage { break-before: page; }
"""

FOOTER = ('<div style="width:100%; text-align:center; font-family:\'Noto Serif CJK SC\'; '
          'font-size:14pt; color:#000;">— <span class="pageNumber"></span> —</div>')


def render(lines: list[str]) -> str:
    """A tiny markup: `@class text` gives a paragraph of that class, `@gap`, `@rule`, `@newpage`,
    `@keep`…`@endkeep` (lines kept on one page: the signature and its date);
    `**…**` inside a line is a bold run (the `（一）标题。` lead-in of a paragraph)."""
    out = []
    for line in lines:
        if line in ("@gap", "@rule", "@newpage", "@keep", "@endkeep"):
            out.append({"@gap": '<div class="gap"></div>', "@rule": '<hr class="rule">',
                        "@newpage": '<div class="newpage"></div>', "@keep": '<div class="signblock">',
                        "@endkeep": "</div>"}[line])
            continue
        m = re.match(r"@(\S+) (.*)", line)
        cls, text = (m.group(1), m.group(2)) if m else ("", line)
        body = re.sub(r"\*\*(.+?)\*\*", r'<span class="h2">\1</span>', html.escape(text))
        out.append(f'<p class="{cls}">{body}</p>' if cls else f"<p>{body}</p>")
    faces = font_faces("\n".join(lines))
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>" + faces + CSS
            + "</style></head><body>" + "\n".join(out) + "</body></html>")


def build_pdf(folder: Path, name: str, text: str, browser: Any) -> Path:
    """Print one document's markup (see `render`) to folder/name."""
    page = browser.new_page()
    page.set_content(render([ln for ln in text.splitlines() if ln.strip()]), wait_until="load")
    out = folder / name
    page.pdf(path=str(out), format="A4", print_background=True, display_header_footer=True,
             header_template="<span></span>", footer_template=FOOTER,
             margin={"top": "37mm", "bottom": "35mm", "left": "28mm", "right": "26mm"})
    page.close()
    return out


def write_pdfs(folder: Path, documents: dict[str, str]) -> None:
    """Print each {file name: markup} into folder, one Chromium for all."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        for name, text in documents.items():
            print(build_pdf(folder, name, text, browser).relative_to(folder.parent.parent))
        browser.close()


# ── Gold ─────────────────────────────────────────────────────────────────────────────────────
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
    if path.suffix == ".ofd":  # OFD (corpus23): the TextCode runs of each page, in page order
        return _ofd_text(path)
    if path.suffix == ".eml":  # a mail (corpus23): its text parts and the text of its .docx attachments
        return _eml_text(path)
    if path.suffix in (".doc", ".wps"):  # old binary Word (corpus22, .wps corpus23): LibreOffice reads both
        import tempfile
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["soffice", "--headless", "--convert-to", "txt:Text", "--outdir", tmp, str(path)],
                           capture_output=True, check=True)
            return (Path(tmp) / (path.stem + ".txt")).read_text(encoding="utf-8-sig")
    raw = path.read_bytes()
    for enc in ("utf-16",) if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    if re.search("[\ue000-\uf8ff]", text):  # Big5 (corpus25 z09) reads as GB18030 user-defined (PUA) code points
        try:
            text = raw.decode("big5")
        except UnicodeDecodeError:
            pass
    if path.suffix == ".html":
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text


def _ofd_text(path: Path) -> str:
    import zipfile
    import xml.etree.ElementTree as ET

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    lines = []
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("OFD.xml"))
        doc_root = next(e.text for e in root.iter() if local(e.tag) == "DocRoot").strip("/")
        base = doc_root.rsplit("/", 1)[0]
        document = ET.fromstring(z.read(doc_root))
        for page in (e for e in document.iter() if local(e.tag) == "Page"):
            content = ET.fromstring(z.read(base + "/" + page.get("BaseLoc")))
            lines.extend("".join(e.itertext()) for e in content.iter() if local(e.tag) == "TextCode")
    return "\n".join(lines)


def _eml_text(path: Path) -> str:
    import email
    import email.policy
    import docx

    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    parts = [str(msg["Subject"] or "")]
    for part in msg.walk():
        name = part.get_filename() or ""
        if name.endswith(".docx"):
            d = docx.Document(io.BytesIO(part.get_payload(decode=True)))
            parts.extend(p.text for p in d.paragraphs)
            for t in d.tables:
                for r in t.rows:
                    parts.extend(c.text for c in r.cells)
        elif part.get_content_type() == "text/plain" and not name:
            parts.append(part.get_content())
    return "\n".join(parts)


def squash(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def write_gold(folder: Path, gold: dict[str, dict[str, Any]]) -> int:
    """Write folder/NAME.json for each document's gold and check its heads against the text; the
    number of problems found (0: every head stands in its document)."""
    problems = 0
    for name, doc in gold.items():
        text = squash(read_text(folder / doc["source"]))
        keys = [t["key"] for t in doc["tasks"]]
        assert len(keys) == len(set(keys)), name
        for head in [t["head"] for t in doc["tasks"]] + doc["not_tasks"]:
            if squash(head) not in text:
                problems += 1
                print(f"{name}: head not found: {head}")
        (folder / f"{name}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{name}: {len(doc['tasks'])} tasks")
    print("total", sum(len(g["tasks"]) for g in gold.values()), "tasks;", problems, "problems")
    return problems


def gold_task(key: str, head: str, lead: Any, support: Any = (), leaders: Any = (), due: Any = (),
              rrules: Any = ()) -> dict[str, Any]:
    """One task of a gold file (the fields of /work/shared/realdocs/gold)."""
    return {"key": key, "head": head, "lead": list(lead), "support": list(support),
            "leaders": list(leaders), "due": list(due), "rrules": list(rrules)}


def gold_document(gold: dict[str, dict[str, Any]], name: str, source: str, title: Any, doc_number: Any,
                  issuer: Any, issued_on: Any, period: Any, implements: Any, cites: Any,
                  tasks: list[dict[str, Any]], not_tasks: list[str]) -> None:
    """Add one document's gold to `gold` under its file stem."""
    gold[name] = {"source": source, "title": title, "doc_number": doc_number, "issuer": issuer,
                  "issued_on": issued_on,
                  "period": None if period is None else {"start": period[0], "end": period[1]},
                  "references": {"implements": implements, "cites": cites},
                  "tasks": tasks, "not_tasks": not_tasks}
