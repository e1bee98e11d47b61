"""The ledger's domain objects: frozen dataclasses the store returns and everything else reads.

Stable codes (``Status.IN_PROGRESS == "in_progress"``) are kept apart from the Chinese labels
(``Status.IN_PROGRESS.label == "推进中"``) so JSON, URLs and spreadsheets can rely on the codes
while people read the labels. Nothing here touches a database, a file or the clock.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Status(str, Enum):
    """A work item's status; the value is the stable code, ``label`` the Chinese word."""

    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CLOSED = "closed"
    LAGGING = "lagging"
    SUSPENDED = "suspended"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @classmethod
    def parse(cls, value: str) -> "Status":
        """Accept the code or the Chinese label: ``parse("推进中") is Status.IN_PROGRESS``."""
        text = value.strip()
        for status in cls:
            if text in (status.value, status.label):
                return status
        raise ValueError(text)


_STATUS_LABELS = {
    Status.PENDING: "待签收",
    Status.IN_PROGRESS: "推进中",
    Status.DONE: "已完成",
    Status.CLOSED: "已销号",
    Status.LAGGING: "滞后",
    Status.SUSPENDED: "暂缓",
}

# statuses in which no more work is expected: lights stay green, nothing is overdue
FINISHED = frozenset({Status.DONE, Status.CLOSED})


class Light(str, Enum):
    """亮灯: computed for a given day, never stored."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    @property
    def label(self) -> str:
        return {"green": "绿灯", "yellow": "黄灯", "red": "红灯"}[self.value]

    @classmethod
    def parse(cls, value: str) -> "Light":
        text = value.strip()
        for light in cls:
            if text in (light.value, light.label, light.label[0]):
                return light
        raise ValueError(text)


class DubanLevel(str, Enum):
    """督办 levels in escalation order."""

    REMINDER = "reminder"
    DUBAN = "duban"
    LISTED = "listed"

    @property
    def label(self) -> str:
        return {"reminder": "提醒", "duban": "督办", "listed": "挂牌督办"}[self.value]

    @classmethod
    def parse(cls, value: str) -> "DubanLevel":
        text = value.strip()
        for level in cls:
            if text in (level.value, level.label):
                return level
        raise ValueError(text)


class DubanState(str, Enum):
    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": "待回复", "answered": "已回复", "closed": "已办结"}[self.value]


class DocState(str, Enum):
    DRAFT = "draft"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return {"draft": "草稿", "published": "已发布"}[self.value]


class Role(str, Enum):
    """Web user roles: admin runs the office, reporter speaks for one unit, leader reads all."""

    ADMIN = "admin"
    REPORTER = "reporter"
    LEADER = "leader"


@dataclass(frozen=True, slots=True)
class Unit:
    """A responsible body, keyed by (jurisdiction, name): 沈阳市's 市发展改革委 ≠ 吉林省's."""

    id: int
    jurisdiction: str
    name: str
    aliases: tuple[str, ...] = ()
    merged_into: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "jurisdiction": self.jurisdiction, "name": self.name,
                "aliases": list(self.aliases), "merged_into": self.merged_into}


# flags a document carries until a person has looked (code → what the review page says)
REVIEW_FLAGS = {
    "jurisdiction_undecided": "所属地区未确定：请用 taizhang jurisdictions --document 编号 --set 地区 --apply 指定",
    "jurisdiction_inferred": "所属地区由正文推断，请核对",
    "title_inferred": "文中没有标题行，标题由正文推断，请核对",
    "title_from_page": "文中没有标题行，标题取自网页标题（已去掉网站名称），请核对",
    "untitled": "文中没有标题，请核对",
}


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A stored document version (the parse itself is kept as JSON beside it)."""

    id: int
    key: str  # identity across versions: 发文字号, else title, else source name
    version: int
    current: bool  # the latest version of this key
    state: DocState
    jurisdiction: str
    source: str
    title: str | None
    doc_number: str | None
    issuer: str | None
    issued_on: dt.date | None
    period_start: dt.date | None
    period_end: dt.date | None
    text_hash: str
    ingested_at: dt.datetime
    ingested_by: str
    item_count: int = 0
    # why this jurisdiction, in Chinese (发文机关 … → 沈阳市 · 正文提到 沈阳 68 次)
    jurisdiction_evidence: tuple[str, ...] = ()
    # what a reviewer should look at: codes of REVIEW_FLAGS (jurisdiction_undecided, untitled …)
    review_flags: tuple[str, ...] = ()

    @property
    def flag_labels(self) -> tuple[str, ...]:
        return tuple(REVIEW_FLAGS.get(f, f) for f in self.review_flags)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "key": self.key, "version": self.version, "current": self.current,
            "state": self.state.value, "jurisdiction": self.jurisdiction, "source": self.source,
            "title": self.title, "doc_number": self.doc_number, "issuer": self.issuer,
            "issued_on": _iso(self.issued_on), "period_start": _iso(self.period_start),
            "period_end": _iso(self.period_end), "text_hash": self.text_hash,
            "ingested_at": _iso(self.ingested_at), "ingested_by": self.ingested_by,
            "item_count": self.item_count,
            "jurisdiction_evidence": list(self.jurisdiction_evidence),
            "review_flags": list(self.review_flags),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """One progress report by a unit on an item (for one occurrence when the item recurs)."""

    id: int
    item_id: int
    unit: str
    actor: str
    at: dt.datetime
    status: Status
    percent: int
    text: str = ""
    problems: str = ""
    next_steps: str = ""
    evidence: tuple[str, ...] = ()
    occurrence: dt.date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "item_id": self.item_id, "unit": self.unit, "actor": self.actor,
                "at": _iso(self.at), "status": self.status.value, "status_label": self.status.label,
                "percent": self.percent, "text": self.text, "problems": self.problems,
                "next_steps": self.next_steps, "evidence": list(self.evidence),
                "occurrence": _iso(self.occurrence)}


@dataclass(frozen=True, slots=True)
class Occurrence:
    """A dated instance of a recurring deadline (按月调度 → one per month); each needs a report."""

    item_id: int
    due: dt.date
    report_id: int | None = None  # the report that answered it, if any

    @property
    def reported(self) -> bool:
        return self.report_id is not None

    def to_dict(self) -> dict[str, Any]:
        return {"item_id": self.item_id, "due": _iso(self.due), "report_id": self.report_id}


@dataclass(frozen=True, slots=True)
class WorkItem:
    """One assignment of a task to its lead unit (with supporting units): a 台账 row."""

    id: int
    document_id: int
    task_key: str  # the outline key, e.g. 二/(一)/1
    seq: int  # which assignment of the task (1-based); tasks with several leads give several items
    title: str
    text: str
    jurisdiction: str
    lead: str | None  # canonical unit name in the jurisdiction; None when the text names none
    support: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    due: dt.date | None = None
    due_implied: bool = False  # True: no deadline in the text, the document period's end applies
    rrule: str | None = None
    start: dt.date | None = None  # when the work began: period start, else the issue date
    status: Status = Status.PENDING
    percent: int = 0
    version: int = 1
    completed_on: dt.date | None = None
    document_title: str | None = None
    doc_number: str | None = None
    light: Light | None = None  # filled in when listed for a given today
    light_reasons: tuple[str, ...] = ()
    last_report: Report | None = None

    @property
    def units(self) -> tuple[str, ...]:
        """Every unit that may report on this item: the lead first."""
        return ((self.lead,) if self.lead else ()) + self.support

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "document_id": self.document_id, "task_key": self.task_key,
            "seq": self.seq, "title": self.title, "text": self.text,
            "jurisdiction": self.jurisdiction, "lead": self.lead, "support": list(self.support),
            "leaders": list(self.leaders), "due": _iso(self.due), "due_implied": self.due_implied,
            "rrule": self.rrule, "start": _iso(self.start), "status": self.status.value,
            "status_label": self.status.label, "percent": self.percent, "version": self.version,
            "completed_on": _iso(self.completed_on), "document_title": self.document_title,
            "doc_number": self.doc_number,
            "light": self.light.value if self.light else None,
            "light_reasons": list(self.light_reasons),
            "last_report": self.last_report.to_dict() if self.last_report else None,
        }


@dataclass(frozen=True, slots=True)
class DubanNotice:
    """A numbered 督办 notice (督办〔2026〕7号) on one item, with its level and reply deadline."""

    id: int
    number: str
    year: int
    serial: int
    item_id: int
    level: DubanLevel
    state: DubanState
    reason: str
    reply_due: dt.date | None
    issued_on: dt.date
    issued_by: str
    reply_text: str = ""
    replied_by: str | None = None
    replied_at: dt.datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number, "year": self.year, "serial": self.serial,
                "item_id": self.item_id, "level": self.level.value,
                "level_label": self.level.label, "state": self.state.value,
                "state_label": self.state.label, "reason": self.reason,
                "reply_due": _iso(self.reply_due), "issued_on": _iso(self.issued_on),
                "issued_by": self.issued_by, "reply_text": self.reply_text,
                "replied_by": self.replied_by, "replied_at": _iso(self.replied_at)}


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One append-only line of the trail: who did what when, with the before and after."""

    id: int
    at: dt.datetime
    actor: str
    action: str  # stable code: ingest, publish, report, status, correct, duban.issue, …
    entity: str  # document | item | unit | duban | user
    entity_id: int | None
    item_id: int | None = None
    document_id: int | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "at": _iso(self.at), "actor": self.actor, "action": self.action,
                "entity": self.entity, "entity_id": self.entity_id, "item_id": self.item_id,
                "document_id": self.document_id, "before": self.before, "after": self.after}


@dataclass(frozen=True, slots=True)
class Correction:
    """A reviewer's change to a parsed field, kept beside the original for the review page."""

    id: int
    document_id: int
    item_id: int | None
    field: str  # title, text, lead, support, leaders, due, rrule
    before: Any
    after: Any
    actor: str
    at: dt.datetime
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "document_id": self.document_id, "item_id": self.item_id,
                "field": self.field, "before": self.before, "after": self.after,
                "actor": self.actor, "at": _iso(self.at), "note": self.note}


@dataclass(frozen=True, slots=True)
class User:
    """A web user; the password hash is made and checked by the web layer, stored as given."""

    id: int
    username: str
    password_hash: str
    role: Role
    unit_id: int | None
    created_at: dt.datetime
    unit: str | None = None  # the unit's name, for display

    def to_dict(self) -> dict[str, Any]:
        # never the hash: this is what listings print
        return {"id": self.id, "username": self.username, "role": self.role.value,
                "unit_id": self.unit_id, "unit": self.unit, "created_at": _iso(self.created_at)}


@dataclass(frozen=True, slots=True)
class UnitStats:
    """Per-unit figures for 以项目论英雄、排座次."""

    jurisdiction: str
    unit: str
    lead: int
    support: int
    done: int  # as lead: 已完成 or 已销号
    overdue: int  # as lead, for the given today
    on_time: int  # as lead, finished on or before the due date
    red: int = 0
    yellow: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return round(self.on_time / self.done, 3) if self.done else None

    def to_dict(self) -> dict[str, Any]:
        return {"jurisdiction": self.jurisdiction, "unit": self.unit, "lead": self.lead,
                "support": self.support, "done": self.done, "overdue": self.overdue,
                "on_time": self.on_time, "on_time_rate": self.on_time_rate,
                "red": self.red, "yellow": self.yellow}


@dataclass(frozen=True, slots=True)
class ProgressUpdate:
    """One row of a batch of progress (a spreadsheet line, a web form); see Ledger.apply_progress.

    ``None`` fields are taken from the unit's last report (最多报一次: report only what changed).
    ``expected_version`` guards against overwriting someone else's newer edit.
    """

    item_id: int
    unit: str
    expected_version: int | None = None
    status: Status | None = None
    percent: int | None = None
    text: str | None = None
    problems: str | None = None
    next_steps: str | None = None
    evidence: tuple[str, ...] = ()
    occurrence: dt.date | None = None


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What ingesting one document did: new, unchanged, or a new version of a known one."""

    document: DocumentRecord
    outcome: str  # new | unchanged | new_version
    added: int = 0  # new items
    matched: int = 0  # items carried over from the previous version (history kept)
    dropped: int = 0  # items of the previous version with no match in the new one
    warnings: tuple[str, ...] = field(default=())
    # unchanged text, but the stored version had no original (ingested before migration 0010):
    # the PDF or scan was added to it now, this many pages
    pages_added: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document.to_dict(), "outcome": self.outcome,
                "added": self.added, "matched": self.matched, "dropped": self.dropped,
                "warnings": list(self.warnings), "pages_added": self.pages_added}


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
