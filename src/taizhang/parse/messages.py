"""Chinese messages for warning codes: the codes stay stable, the words live here."""
from __future__ import annotations

from taizhang.parse.model import ParseWarning, WarningCode

MESSAGES: dict[WarningCode, str] = {
    WarningCode.BOILERPLATE_REMOVED: "已去除网页附带的非正文内容",
    WarningCode.DUPLICATE_BLOCK: "正文有一段重复出现，只保留第一份",
    WarningCode.TRUNCATED: "正文在条目中间中断，可能不完整",
    WarningCode.TRADITIONAL: "文本含繁体字，已按简体识别，名称保留原文写法",
    WarningCode.PINYIN_REMOVED: "已忽略网页插入的拼音注音",
    WarningCode.NO_TASKS: "未识别出任何任务条目",
    WarningCode.NAME_COMPLETED: "单位名称不完整，已按文中全称补全",
    WarningCode.UNIT_UNCERTAIN: "责任单位无法确定，请人工核对",
    WarningCode.ENCODING_GUESSED: "文件编码为自动识别",
    WarningCode.ORDINAL_GAP: "条目序号不连续",
    WarningCode.TABLE_LAYOUT: "按表格（任务分工表）识别",
    WarningCode.HARD_WRAPS: "文本按固定宽度折行（如从 PDF 复制），已接回成段",
    WarningCode.BREAKS_RESTORED: "文本丢失了换行（整篇连成一段），已在条目序号前补回",
}


def warning_text(w: ParseWarning) -> str:
    return w.message or MESSAGES.get(w.code, w.code.value)
