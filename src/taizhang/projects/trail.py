"""The register's 留痕 in words: ``阶段：签约 → 注册``, ``本月完成投资：3000万元``, ``协调层级：园区 → 区县``.

The audit trail keeps stable codes and whole 元 (``{"stage": "registered", "invest": 30000000}``);
people read labels and amounts as offices write them. Pure: one entry's action, before and
after in, (label, before, after) lines out — the project page (web/trail.py hands project
entries here) and ``taizhang projects history`` read the same words. Internal keys (versions,
row ids, the name's match key) are left out.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from taizhang.projects.amounts import format_amount
from taizhang.projects.model import STAGES, BlockerLevel, BlockerState, Stage, ZoneLevel
from taizhang.wording import label_of

# action code → what a reader of the trail calls it
ACTIONS: dict[str, str] = {
    "project.create": "登记项目", "project.update": "按导入表更新", "project.stage": "推进阶段",
    "project.plan": "修改计划", "project.report": "报送月报", "project.link": "关联任务",
    "project.blocker.raise": "提出受阻问题", "project.blocker.reply": "回复受阻问题",
    "project.blocker.solve": "问题已解决", "project.blocker.close": "问题销号",
    "project.blocker.reopen": "问题退回", "project.blocker.escalate": "问题升级",
    "project.zone": "登记园区", "project.weights": "设定排名权重",
}

# field code → what a reader calls it, in the order a trail line reads best
LABELS: dict[str, str] = {
    "name": "项目名称", "number": "问题编号", "title": "问题", "jurisdiction": "地区",
    "stage": "阶段", "date": "实际日期", "planned": "计划日期", "month": "月份",
    "invest": "本月完成投资", "total": "总投资", "completed": "累计完成投资", "image": "形象进度",
    "text": "进展情况", "problems": "存在问题", "level": "协调层级", "state": "问题状态",
    "unit": "单位", "reply_due": "解决时限", "on": "日期", "solution": "解决情况",
    "reason": "理由", "note": "说明", "revised": "更正前", "investor": "投资主体",
    "industry": "所属行业", "leader": "包保领导", "contact": "项目专人", "content": "建设内容",
    "notes": "备注", "annual": "年度计划投资", "annual_year": "计划年度", "task_id": "关联任务",
    "last_month": "最近月报", "district": "所在区县", "aliases": "简称", "step": "环节",
    **{f"plan_{s.value}": f"计划{s.label}" for s in STAGES},
    **{f"done_{s.value}": f"{s.label}时间" for s in STAGES},
}
# per action, the label of a field whose meaning depends on it
ACTION_LABELS: dict[tuple[str, str], str] = {
    ("project.report", "unit"): "报送单位", ("project.report", "total"): "累计完成投资",
    ("project.blocker.raise", "unit"): "解决单位",
    ("project.blocker.escalate", "unit"): "解决单位", ("project.blocker.reply", "text"): "回复",
    ("project.blocker.solve", "on"): "解决日期", ("project.blocker.close", "on"): "销号日期",
    ("project.blocker.escalate", "on"): "升级日期", ("project.blocker.close", "note"): "销号说明",
    ("project.blocker.reopen", "reason"): "退回理由",
    ("project.blocker.escalate", "reason"): "升级理由", ("project.zone", "level"): "园区级别",
    ("project.zone", "name"): "园区", ("project.zone", "unit"): "管理单位",
}
HIDDEN = frozenset({"version", "name_key", "created_by", "zone_id", "unit_id", "id",
                    "level_label", "total_text", "annual_text", "step"})
# the project's own state before a report (its running total, last month): the report's lines
# (本月, 累计) say it already
ACTION_HIDDEN: dict[str, frozenset[str]] = {"project.report": frozenset({"completed", "last_month"})}
ORDER = {field: i for i, field in enumerate(LABELS)}



def _amount(value: Any) -> str:
    return format_amount(int(value)) or "—" if isinstance(value, (int, float)) else str(value)


def _revised(value: Any) -> str:
    if not isinstance(value, Mapping):
        return str(value)
    parts = [f"本月 {_amount(value.get('invest'))}", f"累计 {_amount(value.get('total'))}"]
    if value.get("text"):
        parts.append(str(value["text"]))
    return "，".join(parts)


VALUES: dict[str, Callable[[Any], str]] = {
    "stage": label_of(Stage), "state": label_of(BlockerState), "level": label_of(BlockerLevel),
    "total": _amount, "annual": _amount, "completed": _amount, "invest": _amount,
    "task_id": lambda v: f"任务 {v}", "revised": _revised,
    "last_month": lambda v: str(v)[:7],
}


def label(action: str, field: str) -> str:
    return ACTION_LABELS.get((action, field)) or LABELS.get(field, field)


def show(value: Any, field: str, action: str = "") -> str:
    """One value as a person reads it: labels for codes, amounts as 万元/亿元, — for nothing."""
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, (list, tuple)):
        return "、".join(show(v, field, action) for v in value)
    if action == "project.zone" and field == "level":
        return label_of(ZoneLevel)(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    fmt = VALUES.get(field)
    return fmt(value) if fmt else str(value)


def changes(action: str, before: Mapping[str, Any] | None,
            after: Mapping[str, Any] | None) -> list[tuple[str, str | None, str | None]]:
    """(label, before, after) per field of one entry, in the order of LABELS; None for a side
    the field was not on (a creation has no before)."""
    before, after = before or {}, after or {}
    hidden = HIDDEN | ACTION_HIDDEN.get(action, frozenset())
    names = {}
    if action == "project.plan" and after.get("stage"):  # 计划开工 — → 2026-06-30
        names["planned"] = f"计划{show(after['stage'], 'stage')}"
        hidden |= {"stage"}
    out = []
    # in the table's order, whatever order the database gave the JSON keys back in
    for field in sorted(dict.fromkeys([*before, *after]), key=lambda f: ORDER.get(f, len(ORDER))):
        if field in hidden:
            continue
        old = show(before[field], field, action) if field in before else None
        new = show(after[field], field, action) if field in after else None
        if old is not None and old == new:
            continue
        if old is None and new == "—":
            continue  # an empty field of a new project says nothing
        if field == "revised":  # what a corrected month said before: a fact, not a removal
            old, new = None, old
        out.append((names.get(field) or label(action, field), old, new))
    return out


def line(action: str, before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> str:
    """The changes as one line: ``阶段 签约 → 注册；实际日期 2026-04-01``."""
    return "；".join(f"{name} {old} → {new}" if old is not None and new is not None
                    else f"{name} {new if new is not None else old}"
                    for name, old, new in changes(action, before, after))
