"""Build the .pdf documents of the twenty-second held-out corpus (w02, w03).

    /work/main/.venv/bin/python tests/corpus22/build_pdf.py

Files as offices receive them: red 版头, 发文字号, red rule, title, 主送, body, signature, 版记,
`— N —` page numbers; HTML after GB/T 9704 printed by Chromium through Playwright (fonts, page CSS
and footer from tests/held_out_kit.py). The text layer is what `pdftotext` reads. Two table forms
are added to the kit's markup, one per document:

- `@bare` … `@endbare` (w02 河南 驻马店市): an attachment table **with no ruling lines at all**,
  the columns set apart only by white space, as some offices print a 清单 typed with tab stops;
  first line the header, each other line a row, cells split by `|`;
- `@table` … `@endtable` (w03 四川 乐山市): a ruled table; a line starting with `# ` is a
  **category row spanning all columns** (`一、…`), a cell written `^N text` **spans N rows**
  (the 牵头单位 shared by three rows), and the rows under it leave that cell out.
`@banji` gives the 版记 lines as corpus21's build_pdf.py does.
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests/, where the shared held_out_kit lives
from held_out_kit import CHROMIUM, CSS, FOOTER, font_faces  # noqa: E402

TABLE_CSS = """
table.fg { width: 100%; border-collapse: collapse; font-size: 12pt; line-height: 18pt; margin-top: 6pt; }
table.fg th, table.fg td { border: 0.8pt solid #000; padding: 3pt 4pt; vertical-align: middle; text-align: left; }
table.fg th { font-family: "TZSans"; font-weight: 400; text-align: center; }
table.fg td.c { text-align: center; }
table.fg td.cat { font-family: "TZSans"; }
table.fg tr { break-inside: avoid; }
table.fg thead { display: table-header-group; }
table.bare { width: 100%; border-collapse: separate; border-spacing: 0; font-size: 12pt; line-height: 18pt;
             margin-top: 10pt; }
table.bare th, table.bare td { border: 0; padding: 4pt 9pt 4pt 0; vertical-align: top; text-align: left; }
table.bare th { font-family: "TZSans"; font-weight: 400; padding-bottom: 8pt; }
table.bare tr { break-inside: avoid; }
.banji { text-indent: 0; font-size: 14pt; line-height: 24pt; border-bottom: 0.8pt solid #000; padding: 2pt 1em; }
.banji.first { border-top: 1.6pt solid #000; margin-top: 40pt; }
.banji.last { border-bottom: 1.6pt solid #000; display: flex; justify-content: space-between; }
.annex { font-family: "TZSans"; text-indent: 0; }
"""

BARE_WIDTHS = ("8%", "52%", "25%", "15%")  # 序号 / 任务 / 责任单位 / 时限
RULED_WIDTHS = ("8%", "39%", "18%", "21%", "14%")  # 序号 / 工作任务 / 牵头单位 / 配合单位 / 完成时限


def inline(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r'<span class="h2">\1</span>', html.escape(text))


def cols(widths: tuple[str, ...]) -> str:
    return "<colgroup>" + "".join(f'<col style="width:{w}">' for w in widths) + "</colgroup>"


def bare(rows: list[str]) -> str:
    head, *body = [[c.strip() for c in r.split("|")] for r in rows]
    out = [f'<table class="bare">{cols(BARE_WIDTHS)}<thead><tr>'
           + "".join(f"<th>{html.escape(c)}</th>" for c in head) + "</tr></thead><tbody>"]
    out += ["<tr>" + "".join(f"<td>{inline(c)}</td>" for c in cells) + "</tr>" for cells in body]
    out.append("</tbody></table>")
    return "\n".join(out)


def ruled(rows: list[str]) -> str:
    head, *body = rows
    width = len(head.split("|"))
    out = [f'<table class="fg">{cols(RULED_WIDTHS)}<thead><tr>'
           + "".join(f"<th>{html.escape(c.strip())}</th>" for c in head.split("|")) + "</tr></thead><tbody>"]
    for row in body:
        if row.startswith("# "):
            out.append(f'<tr><td class="cat" colspan="{width}">{inline(row[2:])}</td></tr>')
            continue
        tds = []
        for i, cell in enumerate(c.strip() for c in row.split("|")):
            span = re.match(r"\^(\d+) (.*)", cell)
            attr = f' rowspan="{span.group(1)}" class="c"' if span else (' class="c"' if i == 0 else "")
            tds.append(f"<td{attr}>{inline(span.group(2) if span else cell)}</td>")
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


BLOCKS = {"@bare": ("@endbare", bare), "@table": ("@endtable", ruled)}
SIMPLE = {"@gap": '<div class="gap"></div>', "@rule": '<hr class="rule">', "@newpage": '<div class="newpage"></div>',
          "@keep": '<div class="signblock">', "@endkeep": "</div>"}


def render(lines: list[str]) -> str:
    """held_out_kit.render's markup plus the two table blocks and `@banji`."""
    out: list[str] = []
    block: tuple[str, object] | None = None
    rows: list[str] = []
    banji = 0
    for line in lines:
        if block is not None:
            if line == block[0]:
                out.append(block[1](rows))
                block, rows = None, []
            else:
                rows.append(line)
            continue
        if line in BLOCKS:
            block = BLOCKS[line]
            continue
        if line in SIMPLE:
            out.append(SIMPLE[line])
            continue
        if line.startswith("@banji "):
            text = line[len("@banji "):]
            if "|" in text:  # the last 版记 line: office left, date right
                left, right = text.split("|")
                out.append(f'<div class="banji last"><span>{html.escape(left)}</span>'
                           f'<span>{html.escape(right)}</span></div>')
            else:
                out.append(f'<p class="banji{" first" if banji == 0 else ""}">{inline(text)}</p>')
            banji += 1
            continue
        m = re.match(r"@(\S+) (.*)", line)
        cls, text = (m.group(1), m.group(2)) if m else ("", line)
        out.append(f'<p class="{cls}">{inline(text)}</p>' if cls else f"<p>{inline(text)}</p>")
    faces = font_faces("\n".join(lines))
    return ("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><style>" + faces + CSS + TABLE_CSS
            + "</style></head><body>" + "\n".join(out) + "</body></html>")


def write_pdfs(documents: dict[str, str]) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM)
        for name, text in documents.items():
            page = browser.new_page()
            page.set_content(render([ln for ln in text.splitlines() if ln.strip()]), wait_until="load")
            page.pdf(path=str(HERE / name), format="A4", print_background=True, display_header_footer=True,
                     header_template="<span></span>", footer_template=FOOTER,
                     margin={"top": "37mm", "bottom": "35mm", "left": "28mm", "right": "26mm"})
            page.close()
            print(name)
        browser.close()


W02 = """\
@banner 驻马店市人民政府办公室文件
@number 驻政办〔2026〕15号
@rule
@title 驻马店市人民政府办公室
@title 关于印发驻马店市2026年高标准农田建设
@title 重点任务清单的通知
@to 各县（区）人民政府，市城乡一体化示范区、经济开发区、高新区管委会，市人民政府各部门：
《驻马店市2026年高标准农田建设重点任务清单》已经市政府同意，现印发给你们，请认真贯彻落实。
清单所列责任单位中排在首位的为牵头单位，其余为配合单位。各牵头单位要细化工作措施，于每季度末月20日前将工作进展情况报市农业农村局，市农业农村局汇总后报市政府。
各县（区）人民政府是本地区高标准农田建设的责任主体，要落实项目建设和建后管护责任，严把工程质量关。市农业农村局要会同市财政局加强资金监管，于11月30日前组织开展年度建设任务完成情况评价，评价结果纳入乡村振兴实绩考核。
@gap
@keep
@sign 驻马店市人民政府办公室
@date 2026年1月20日
@endkeep
（此件公开发布）
@newpage
@annex 附件
@title 驻马店市2026年高标准农田建设
@title 重点任务清单
@bare
序号|任务|责任单位|时限
1|新建高标准农田62万亩，改造提升高标准农田30万亩，同步发展高效节水灌溉。|市农业农村局、财政局，各县（区）人民政府|2026年底前
2|完成年度高标准农田建设项目初步设计批复和招标工作，项目全面开工建设。|市农业农村局、发展改革委|6月底前
3|实施大中型灌区续建配套与现代化改造，完成宿鸭湖灌区、薄山灌区年度建设任务。|市水利局，汝南县、确山县人民政府|汛期前
4|开展农田排涝沟渠清淤疏浚，打通农田排水“最后一公里”，每月25日前报送工程进度。|市水利局、农业农村局|每月25日前
5|加强高标准农田建后管护，落实管护主体、管护责任和管护经费。|各县（区）人民政府，市农业农村局|长期坚持
6|开展高标准农田建设项目质量监督检查，对发现的问题限期整改。|市农业农村局、审计局|每半年
7|推进耕地质量提升，实施耕地深松整地150万亩，增施有机肥面积50万亩。|市农业农村局、自然资源和规划局|9月底前
8|扩大农业保险覆盖面，项目区小麦完全成本保险覆盖率达到90%以上。|市财政局，国家金融监督管理总局驻马店监管分局|2026年10月31日前
@endbare
@banji 抄送：市委办公室，市人大常委会办公室，市政协办公室。
@banji 驻马店市人民政府办公室|2026年1月21日印发
"""

W03 = """\
@banner 乐山市人民政府办公室
@number 乐府办函〔2026〕9号
@rule
@title 乐山市人民政府办公室
@title 关于印发乐山市2026年城市管理重点工作任务分工的通知
@to 各县（市、区）人民政府，乐山高新区管委会，市级有关部门：
经市政府同意，现将《乐山市2026年城市管理重点工作任务分工》印发给你们，请认真抓好落实。
各牵头单位要会同配合单位制定具体推进措施，于每月5日前将上月工作进展情况报市城市管理局，市城市管理局每季度向市政府报告一次总体进展。
各县（市、区）人民政府要落实城市管理属地责任，参照本任务分工制定本地区工作方案，于5月31日前报市城市管理局备案。对工作推进不力、群众反映强烈的问题，市城市管理局将会同市政府督查室开展专项督查并予以通报。
@gap
@keep
@sign 乐山市人民政府办公室
@date 2026年4月22日
@endkeep
（此件公开发布）
@newpage
@annex 附件
@title 乐山市2026年城市管理重点工作任务分工
@table
序号|工作任务|牵头单位|配合单位|完成时限
# 一、市容环境提升
1|开展城市“脏乱差”集中整治，对背街小巷、农贸市场周边实行常态化保洁。|^3 市城市管理局|市中区、五通桥区、沙湾区人民政府|每月25日前
2|推进城市生活垃圾分类，中心城区居民小区分类覆盖率达到95%以上。|市住房城乡建设局、商务局|2026年底前
3|规范户外广告和招牌设置，完成主次干道招牌整治提升。|市市场监管局|6月底前
# 二、市政设施管理
4|实施城市道路“白改黑”和人行道改造20公里，消除道路病害。|市住房城乡建设局|市交通运输局，市中区人民政府|2026年10月底前
5|完成中心城区易涝点改造12处，汛期前完成雨水管网清淤疏浚。|市城市管理局|市水务局、应急管理局|汛期前
6|推进城市照明设施节能改造，更换LED路灯3000盏。|市城市管理局|国网乐山供电公司|9月底前
# 三、城市管理执法
7|深化城市管理“721”工作法，推行非现场执法，每半年开展一次执法案卷评查。|市城市管理局|市司法局|每半年
8|开展违法建设治理，新增违法建设实现动态清零。|各县（市、区）人民政府|市自然资源和规划局、城市管理局|长期坚持
9|开展城市管理领域“综合查一次”改革，推行跨部门联合检查，减少对经营主体的重复检查。|市城市管理局|市市场监管局、生态环境局|年底前
@endtable
@banji 抄送：市委办公室，市人大常委会办公室，市政协办公室。
@banji 乐山市人民政府办公室|2026年4月23日印发
"""


if __name__ == "__main__":
    write_pdfs({
        "w02_henan_zhumadian_gaobiaozhun_nongtian_qingdan.pdf": W02,
        "w03_sichuan_leshan_chengshi_guanli_fengong.pdf": W03,
    })
