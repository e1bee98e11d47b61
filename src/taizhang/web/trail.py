"""留痕 and 修改记录 in words: each audited change as ``状态：待签收 → 推进中`` lines.

The trail stores stable codes and JSON (``{"status": "in_progress", "support": [...]}``);
people read Chinese labels and plain values. Pure: entries in, lines out. Internal keys
(versions, row ids) are left out; a value the tables do not know is shown as it is, escaped by
the template like everything else.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from taizhang.exports.labels import rrule_label
from taizhang.ledger.model import DocState, DubanLevel, DubanState, Status
from taizhang.wording import label_of

# field code → what a reader of the trail calls it
LABELS: dict[str, str] = {
    "status": "状态", "percent": "完成百分比", "lead": "牵头单位", "support": "配合单位",
    "leaders": "责任领导", "due": "完成时限", "due_implied": "时限", "rrule": "周期",
    "title": "工作任务", "text": "内容", "note": "说明", "unit": "单位", "occurrence": "报送期次",
    "step": "流转", "level": "督办级别", "reply_due": "回复期限", "reason": "事由",
    "state": "状态", "reply_text": "回复", "number": "督办编号", "task_key": "条目",
    "from_item": "同步自事项", "items": "关联事项", "score": "相似度", "jurisdiction": "地区",
    "alias": "别名", "items_moved": "转移事项数", "username": "用户", "role": "角色",
    "ended": "结束会话数", "start": "开始日期", "key": "文件标识",
    "lead_unit_id": "牵头单位", "via": "来源", "seq": "分项",
}
# per action, the label of a field whose meaning depends on it
ACTION_LABELS: dict[tuple[str, str], str] = {
    ("item.report", "text"): "进展情况", ("item.correct", "text"): "任务原文",
    ("item.revise", "text"): "任务原文", ("document.ingest", "state"): "文件状态",
    ("document.publish", "state"): "文件状态", ("duban.answer", "state"): "督办状态",
    ("duban.close", "state"): "督办状态", ("user.sessions_end", "reason"): "原因",
}
HIDDEN = frozenset({"version", "report_id", "document_id", "id", "fingerprint", "unit_id",
                    "updated_at", "created_at"})
ROLE_NAMES = {"admin": "管理员", "reporter": "单位填报员", "leader": "领导"}
VIA = {"item.correct": "核对修改"}
REASONS = {"revoked": "管理员注销", "password": "修改密码"}



def _date(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _state(action: str) -> Callable[[Any], str]:
    if action.startswith("duban."):
        return label_of(DubanState)
    if action.startswith("document."):
        return label_of(DocState)
    return label_of(Status)


VALUES: dict[str, Callable[[Any], str]] = {
    "status": label_of(Status), "level": label_of(DubanLevel), "percent": lambda v: f"{v}%",
    "rrule": lambda v: rrule_label(v) or str(v), "due": _date, "reply_due": _date,
    "occurrence": _date, "start": _date, "role": lambda v: ROLE_NAMES.get(v, str(v)),
    "due_implied": lambda v: "按规划期末（默认）" if v else "文中写明",
    "score": lambda v: f"{float(v):.2f}", "from_item": lambda v: f"#{v}",
    "via": lambda v: VIA.get(v, str(v)), "reason": lambda v: REASONS.get(v, str(v)),
}


@dataclass(frozen=True, slots=True)
class Change:
    label: str
    before: str | None  # None: the field was not there before (a creation)
    after: str | None


def show(value: Any, field: str, action: str = "") -> str:
    """One value as a person reads it: labels for codes, lists joined with 、, — for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, (list, tuple)):
        if field == "items":
            return "、".join(f"#{v}" for v in value)
        return "、".join(show(v, field, action) for v in value) or "—"
    if isinstance(value, bool) and field not in VALUES:
        return "是" if value else "否"
    if field == "state":
        return _state(action)(value)
    fmt = VALUES.get(field)
    return fmt(value) if fmt else str(value)


def changes(action: str, before: Mapping[str, Any] | None,
            after: Mapping[str, Any] | None) -> list[Change]:
    """The lines of one audit entry, in the order its fields were written."""
    if action.startswith("project."):  # the register's own fields (projects/trail.py)
        from taizhang.projects import trail as project_trail

        return [Change(*c) for c in project_trail.changes(action, before, after)]
    before, after = before or {}, after or {}
    out: list[Change] = []
    for field in list(dict.fromkeys([*before, *after])):
        if field in HIDDEN:
            continue
        label = ACTION_LABELS.get((action, field)) or LABELS.get(field, "其他")
        old = show(before[field], field, action) if field in before else None
        new = show(after[field], field, action) if field in after else None
        if old is not None and old == new:
            continue
        out.append(Change(label, old, new))
    return out


def entry_changes(entry: Any) -> list[Change]:
    """For an AuditEntry (留痕)."""
    return changes(entry.action, entry.before, entry.after)


def correction_change(correction: Any) -> Change:
    """For a Correction (修改记录): its field in Chinese and both values readable."""
    field = correction.field
    label = ACTION_LABELS.get(("item.correct", field)) or LABELS.get(field, "其他")
    return Change(label, show(correction.before, field, "item.correct"),
                  show(correction.after, field, "item.correct"))


def field_label(field: str) -> str:
    return ACTION_LABELS.get(("item.correct", field)) or LABELS.get(field, "其他")


def all_changes(entries: Iterable[Any]) -> list[list[Change]]:
    return [entry_changes(e) for e in entries]
