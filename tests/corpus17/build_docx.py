"""Make the Word file of the seventeenth held-out corpus (s04).

    /work/main/.venv/bin/python tests/corpus17/build_docx.py
"""
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

HERE = Path(__file__).resolve().parent


def para(d, text, size=16, bold=False, center=False, right=False, red=False, font="仿宋_GB2312", indent=True):
    p = d.add_paragraph()
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    r = p.add_run(text)
    r.font.size = Pt(size)
    r.bold = bold
    r.font.name = font
    r._element.rPr.rFonts.set(qn("w:eastAsia"), font)
    if red:
        r.font.color.rgb = RGBColor(0xE0, 0, 0)
    return p


def s04():
    d = docx.Document()
    para(d, "漳州市龙文区人民政府办公室文件", 30, True, center=True, red=True, font="方正小标宋简体")
    para(d, "龙政办〔2026〕7号", center=True)
    para(d, "漳州市龙文区人民政府办公室关于印发龙文区2026年城乡人居环境整治提升实施方案的通知", 22, center=True,
         font="方正小标宋简体")
    para(d, "各镇人民政府、街道办事处，区直各有关单位：", indent=False)
    para(d, "经区政府研究同意，现将《龙文区2026年城乡人居环境整治提升实施方案》印发给你们，请认真抓好落实。"
            "各责任单位于每月25日前将工作进展报区人居环境整治办。")
    para(d, "漳州市龙文区人民政府办公室", right=True)
    para(d, "2026年3月20日", right=True)
    para(d, "（此件主动公开）")
    d.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    para(d, "龙文区2026年城乡人居环境整治提升实施方案", 22, center=True, font="方正小标宋简体")
    para(d, "为持续改善城乡人居环境，根据《漳州市2026年城乡人居环境整治提升行动方案》（漳政办〔2026〕15号）部署，"
            "结合我区实际，制定本方案。")
    para(d, "一、工作目标", font="黑体")
    para(d, "到2026年底，全区城市建成区市容秩序明显改善，农村生活垃圾无害化处理率保持100%，农村生活污水治理率达到90%以上。")
    para(d, "二、重点任务", font="黑体")
    para(d, "（一）城市环境整治", font="楷体_GB2312")
    para(d, "1.市容秩序整治")
    para(d, "（1）规范占道经营。划定临时疏导点，集中整治主次干道占道经营、店外经营行为，6月底前实现主次干道“零占道”。"
            "责任单位：区城市管理局，各街道办事处")
    para(d, "（2）清理违规户外广告。全面排查户外广告设施和招牌，9月底前完成违规户外广告清理。"
            "责任单位：区城市管理局、市场监管局")
    para(d, "2.背街小巷提升")
    para(d, "（1）实施背街小巷改造。完成背街小巷改造20条，同步改造雨污管网和照明设施，年底前全部完工。"
            "分管区领导：副区长 林　涛；责任单位：区住房和城乡建设局（牵头），区财政局，蓝田、步文街道办事处")
    para(d, "（二）农村环境整治", font="楷体_GB2312")
    para(d, "1.农村生活垃圾治理")
    para(d, "（1）开展村庄清洁行动。每月开展一次“最美庭院”评比，推动村庄保洁常态化。"
            "责任单位：区农业农村局（牵头），朝阳、郭坑镇人民政府")
    para(d, "（2）推进农村垃圾分类。扩大农村生活垃圾分类试点，每季度对试点村开展一次考评。"
            "责任单位：区城市管理局（牵头），区农业农村局，各镇人民政府")
    para(d, "2.农村生活污水治理")
    para(d, "（1）完善污水收集设施。新建农村污水收集管网15公里，10月底前完成建设并投入运行。"
            "责任单位：漳州市龙文生态环境局（牵头），区农业农村局、水利局")
    para(d, "三、保障措施", font="黑体")
    para(d, "（一）加强组织领导。成立由区委常委、常务副区长 陈　斌 任组长的区城乡人居环境整治提升工作领导小组，统筹推进各项工作。")
    para(d, "（二）强化督查考核。区委督查室、区政府督查室每季度开展一次专项督查，督查结果纳入年度绩效考评。")
    para(d, "抄送：区委办、人大办、政协办。", 14, indent=False)
    para(d, "漳州市龙文区人民政府办公室　　　　2026年3月20日印发", 14, indent=False)
    d.save(HERE / "s04_fujian_zhangzhou_longwen_shishi.docx")


if __name__ == "__main__":
    s04()
