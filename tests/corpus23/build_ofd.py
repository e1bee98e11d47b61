"""Build the .ofd document of the twenty-third held-out corpus (x01 河南 许昌市).

    /work/main/.venv/bin/python tests/corpus23/build_ofd.py

OFD (GB/T 33190-2016) as the 版式 converters of government OA systems write it: a zip with
`OFD.xml` (DocInfo, DocRoot), `Doc_0/Document.xml` (page area, public resources, page list),
`Doc_0/PublicRes.xml` (fonts, a colour space) and one `Doc_0/Pages/Page_N/Content.xml` per page.
Every printed line is its own `TextObject` whose `TextCode` carries X/Y positions and a `DeltaX`
advance list, so a paragraph reaches the reader broken into lines of 28 characters (22 lines a
page, GB/T 9704 type area), with the red 版头 and `— N —` page numbers as objects of their own.
No font files are embedded: the fonts are named only (the reader's system supplies them), which is
common for OFD made on 信创 desktops.
"""
from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
LEFT, TOP, WIDTH = 28.0, 37.0, 156.0  # mm, after GB/T 9704
BODY = 5.57  # 3号 (16 pt) in mm: 28 characters across the type area
LINE = 10.2  # 22 lines a page
FONTS = {"song": 3, "hei": 4, "kai": 5, "xbs": 6}

X01 = """\
@banner 许昌市人民政府办公室
@number 许政办明电〔2026〕6号
@rule
@title 许昌市人民政府办公室
@title 关于做好2026年城市燃气安全专项整治工作的通知
@gap
@to 各县（市、区）人民政府，城乡一体化示范区、经济技术开发区、东城区管委会，市人民政府各部门：
为深入排查整治城市燃气安全风险隐患，坚决防范遏制燃气安全事故，根据《河南省城镇燃气安全专项整治工作方案》（豫安委〔2026〕3号）要求，经市政府同意，现就做好我市2026年城市燃气安全专项整治工作通知如下。
@hei 一、全面排查风险隐患
（一）开展燃气经营企业专项检查。对全市燃气经营企业逐一开展安全检查，重点检查经营许可、应急抢险、气瓶充装和从业人员培训等制度落实情况，2026年4月底前完成首轮检查。（牵头单位：市城市管理局；配合单位：市应急管理局、市场监管局）
（二）排查老旧燃气管网隐患。对使用年限超过20年的市政燃气管道和庭院管网开展检测评估，逐条建立隐患台账，6月底前完成检测评估。（牵头单位：市城市管理局；配合单位：市住房城乡建设局、许昌燃气有限公司）
（三）整治餐饮场所用气安全。督促使用燃气的餐饮企业全部安装可燃气体报警装置并与切断阀联动，对整改不到位的依法查处，每月通报整治进度。（牵头单位：市市场监管局；配合单位：市商务局、市消防救援支队）
（四）检查燃气具及配件产品质量。对生产、销售环节的燃气灶具、连接软管、调压器等开展抽检，抽检不合格的一律下架。（牵头单位：市市场监管局；配合单位：市城市管理局）
@hei 二、集中整治突出问题
（五）更新改造老化燃气管道。2026年底前完成老旧燃气管道更新改造120公里，优先改造学校、医院周边管段。（牵头单位：市住房城乡建设局；配合单位：市发展改革委、财政局，魏都区、建安区人民政府）
（六）打击非法经营燃气行为。严厉查处无证经营、非法充装、“黑气点”和违规运输瓶装燃气等行为，涉嫌犯罪的移送司法机关。（牵头单位：市公安局；配合单位：市城市管理局、交通运输局）
（七）规范瓶装液化石油气配送。推行瓶装液化石油气实名制配送和“换瓶到户”服务，9月底前实现中心城区全覆盖。（牵头单位：市城市管理局；配合单位：各县（市、区）人民政府）
@hei 三、健全长效机制
（八）建设燃气安全智慧监管平台。2026年10月底前建成全市燃气安全智慧监管平台，接入管网压力、泄漏报警等监测数据。（牵头单位：市城市管理局、市大数据局；配合单位：市财政局）
（九）开展燃气安全宣传进社区。每季度组织一次燃气安全宣传活动，普及安全用气和应急处置常识。（牵头单位：市委宣传部；配合单位：市城市管理局，各县（市、区）人民政府）
（十）压实企业主体责任。督促燃气企业落实全员安全生产责任制，定期开展隐患自查自改，该项工作长期坚持。（牵头单位：市安委会办公室；配合单位：市直有关部门）
@hei 四、工作要求
各县（市、区）政府和市直各有关部门要高度重视，明确专人负责，于每月25日前将整治工作进展情况报市城市管理局，市政府督查室将适时开展专项督查。
@gap
@sign 许昌市人民政府办公室
@sign 2026年3月9日
@note （此件公开发布）
"""


def wrap(text: str, first_indent: int, per_line: int = 28) -> list[tuple[int, str]]:
    """Break a paragraph as a 公文 page does: 28 characters a line, the first line indented."""
    out, pos, indent = [], 0, first_indent
    while pos < len(text):
        n = per_line - indent
        out.append((indent, text[pos:pos + n]))
        pos += n
        indent = 0
    return out


def layout(markup: str) -> list[list[tuple[float, float, float, str, str, bool]]]:
    """Pages of printed lines: (x, y, size, font, text, red)."""
    lines: list[tuple[float, float, str, str, bool, float]] = []  # (x offset, size, font, text, red, advance)
    for raw in markup.splitlines():
        if not raw.strip():
            continue
        kind, _, text = raw.partition(" ") if raw.startswith("@") else ("", "", raw)
        if kind == "@banner":
            size = 12.5
            lines.append(((WIDTH - size * len(text)) / 2, size, "xbs", text, True, 20.0))
        elif kind == "@number":
            lines.append(((WIDTH - BODY * len(text)) / 2, BODY, "song", text, False, LINE))
        elif kind == "@rule":
            lines.append((0.0, 0.0, "rule", "", True, 8.0))
        elif kind == "@title":
            size = 7.76  # 2号
            lines.append(((WIDTH - size * len(text)) / 2, size, "xbs", text, False, 11.6))
        elif kind == "@gap":
            lines.append((0.0, 0.0, "gap", "", False, LINE))
        elif kind == "@sign":
            lines.append((WIDTH - BODY * (len(text) + 4), BODY, "song", text, False, LINE))
        elif kind in ("@to", "@note"):
            for indent, part in wrap(text, 0 if kind == "@to" else 2):
                lines.append((indent * BODY, BODY, "song", part, False, LINE))
        else:
            font = "hei" if kind == "@hei" else "song"
            for indent, part in wrap(text, 2):
                lines.append((indent * BODY, BODY, font, part, False, LINE))
    pages: list[list] = [[]]
    y = TOP
    for x, size, font, text, red, advance in lines:
        if y + advance > TOP + 225:
            pages.append([])
            y = TOP
        pages[-1].append((LEFT + x, y, size, font, text, red))
        y += advance
    return pages


def content_xml(page: list, number: int, start_id: int) -> tuple[str, int]:
    objs, oid = [], start_id
    for x, y, size, font, text, red in page:
        oid += 1
        if font == "rule":
            objs.append(f'<ofd:PathObject ID="{oid}" Boundary="{LEFT} {y} {WIDTH} 1" LineWidth="0.8">'
                        '<ofd:StrokeColor Value="230 0 18"/><ofd:AbbreviatedData>M 0 0.5 L 156 0.5</ofd:AbbreviatedData>'
                        '</ofd:PathObject>')
            continue
        if font == "gap":
            continue
        width = size * len(text)
        delta = f"g {len(text) - 1} {size:.2f}" if len(text) > 1 else ""
        color = '<ofd:FillColor Value="230 0 18"/>' if red else ""
        objs.append(f'<ofd:TextObject ID="{oid}" Boundary="{x:.2f} {y:.2f} {width:.2f} {size * 1.4:.2f}" '
                    f'Font="{FONTS[font]}" Size="{size:.2f}">{color}'
                    f'<ofd:TextCode X="0" Y="{size:.2f}"' + (f' DeltaX="{delta}"' if delta else "")
                    + f'>{escape(text)}</ofd:TextCode></ofd:TextObject>')
    foot = f"— {number} —"
    oid += 1
    objs.append(f'<ofd:TextObject ID="{oid}" Boundary="{105 - 2.5 * len(foot):.2f} 270 {5 * len(foot):.2f} 7" '
                f'Font="3" Size="4.94"><ofd:TextCode X="0" Y="4.94">{escape(foot)}</ofd:TextCode></ofd:TextObject>')
    oid += 1
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page {NS}><ofd:Content><ofd:Layer ID="{oid}">'
           + "".join(objs) + "</ofd:Layer></ofd:Content></ofd:Page>")
    return xml, oid


def build(name: str, markup: str, title: str, created: str) -> None:
    pages = layout(markup)
    oid = 10
    page_xml = []
    for i, page in enumerate(pages):
        xml, oid = content_xml(page, i + 1, oid)
        page_xml.append(xml)
    page_list = "".join(f'<ofd:Page ID="{100 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
    document = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document {NS}><ofd:CommonData>'
                f'<ofd:MaxUnitID>{oid + 200}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
                '</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>'
                f'<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>')
    public = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res {NS} BaseLoc="Res"><ofd:ColorSpaces>'
              '<ofd:ColorSpace ID="2" Type="RGB" BitsPerComponent="8"/></ofd:ColorSpaces><ofd:Fonts>'
              '<ofd:Font ID="3" FontName="仿宋_GB2312" FamilyName="仿宋"/>'
              '<ofd:Font ID="4" FontName="黑体" FamilyName="黑体"/>'
              '<ofd:Font ID="5" FontName="楷体_GB2312" FamilyName="楷体"/>'
              '<ofd:Font ID="6" FontName="方正小标宋简体" FamilyName="方正小标宋简体"/>'
              '</ofd:Fonts></ofd:Res>')
    ofd = (f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD {NS} Version="1.0" DocType="OFD"><ofd:DocBody>'
           f'<ofd:DocInfo><ofd:DocID>6c3f0a52e1b84d7f9a20c1d5b7e4f318</ofd:DocID><ofd:Title>{escape(title)}</ofd:Title>'
           f'<ofd:Author>许昌市人民政府办公室</ofd:Author><ofd:Creator>OA版式转换</ofd:Creator>'
           f'<ofd:CreationDate>{created}</ofd:CreationDate></ofd:DocInfo>'
           '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
    with zipfile.ZipFile(HERE / name, "w", zipfile.ZIP_DEFLATED) as z:
        for arc, data in [("OFD.xml", ofd), ("Doc_0/Document.xml", document), ("Doc_0/PublicRes.xml", public)] + [
                (f"Doc_0/Pages/Page_{i}/Content.xml", xml) for i, xml in enumerate(page_xml)]:
            info = zipfile.ZipInfo(arc, date_time=(2026, 3, 9, 16, 20, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))
    print(name, len(pages), "pages")


if __name__ == "__main__":
    build("x01_henan_xuchang_ranqi_anquan_tongzhi.ofd", X01,
          "许昌市人民政府办公室关于做好2026年城市燃气安全专项整治工作的通知", "2026-03-09")
