"""An office-made 任务分解表 like those 督查室 receive: merged title, 序号 merged over two rows, a
section row merged across the table, units split by ，and 、, dates written five different ways.

Used by the tests and by scripts/render_exports.sh: ``python tests/exports/sample_sheet.py OUT.xlsx``.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from openpyxl import Workbook

TITLE = "2023年优化营商环境重点工作任务分解表"
HEADER = ["序号", "重点任务", "工作措施", "牵头部门", "配合单位", "责任领导", "完成时间"]
ROWS: list[list[object] | str] = [
    "一、深化“放管服”改革",
    [1, "推进政务服务“一网通办”", "建成全市一体化政务服务平台，实现市区两级系统对接", "市政务服务办",
     "市大数据局，市财政局", "张三同志", "2023年6月底前"],
    [None, None, "实现90%以上政务服务事项网上可办", "市政务服务办", "各区、县(市)政府", None, "2023.9.30"],
    [2, "开展营商环境评价", "每季度开展一次营商环境评价并通报结果", "市发展改革委", "市直有关部门", None,
     "每季度"],
    [3, "压减工程建设项目审批时限", "社会投资项目审批时限压减至50个工作日以内", "市住房城乡建设局",
     "市自然资源局、市政务服务办", "李四", dt.datetime(2023, 12, 31)],
    "二、优化市场环境",
    [4, "清理证明事项", "全面清理没有法律法规依据的证明事项", "市司法局", None, None, "6月底"],
    [5, "推进企业开办便利化", "企业开办时间压缩至1个工作日", "市市场监管局", "市公安局、市税务局", None,
     "2023/3/31"],
    [6, "落实减税降费政策", "确保各项减税降费政策直达快享", "市税务局", "市财政局", "王五", "长期坚持"],
]


def make_office_sheet(path: str | Path, *, rows: list[list[object] | str] | None = None,
                      title: str = TITLE) -> Path:
    book = Workbook()
    ws = book.active
    ws.title = "任务分解"
    ws["A1"] = title
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    ws.append(HEADER)
    for row in rows if rows is not None else ROWS:
        if isinstance(row, str):
            ws.append([row])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row,
                           end_column=len(HEADER))
        else:
            ws.append(row)
    if rows is None:
        # 序号 and 重点任务 of task 1 cover its two measures, as offices lay it out
        ws.merge_cells("A4:A5")
        ws.merge_cells("B4:B5")
    book.save(path)
    return Path(path)


if __name__ == "__main__":
    print(make_office_sheet(sys.argv[1]))
