"""The parsed document (schema ``taizhang.document/1``, see CONTRACT.md).

Every extracted field keeps its evidence: the ``span`` ``[start, end)`` in the text as read and
the ``rule`` that produced it, so a page can highlight it and ``--explain`` can say why.
Frozen records (``typing.NamedTuple``), built once by the parser and only read downstream;
``record._replace(...)`` makes a changed copy.
"""

from __future__ import annotations

from enum import StrEnum
from itertools import chain
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from typing import Any

SCHEMA = "taizhang.document/1"

Span = tuple[int, int]


class WarningCode(StrEnum):
    """Stable codes of what the parser noticed; the Chinese text is rendered at the edge."""

    BOILERPLATE_REMOVED = "boilerplate_removed"
    DUPLICATE_BLOCK = "duplicate_block"
    TRUNCATED = "truncated"
    TRADITIONAL = "traditional_characters"
    PINYIN_REMOVED = "pinyin_removed"
    NO_TASKS = "no_tasks"
    NAME_COMPLETED = "unit_name_completed"
    UNIT_UNCERTAIN = "unit_uncertain"
    ENCODING_GUESSED = "encoding_guessed"
    ORDINAL_GAP = "ordinal_gap"
    TABLE_LAYOUT = "table_layout"
    HARD_WRAPS = "hard_wraps_joined"
    BREAKS_RESTORED = "line_breaks_restored"
    OCR_USED = "ocr_used"  # the reader OCR'd scanned pages: the text needs a human check
    ATTACHMENT_CHOSEN = "attachment_chosen"  # a mail's attachment was read, others left aside


class FlagCode(StrEnum):
    """Why a task or one of its fields deserves a human look before it is trusted."""

    NO_UNIT = "no_unit"  # no unit found, while the document's other tasks name theirs
    NO_LEAD = "no_lead"  # units that help are named, the one that leads is not
    UNIT_UNRECOGNISED = "unit_unrecognised"  # a name that does not read as a body's
    LEAD_FROM_SUBJECT = "lead_from_subject"  # no marker: the lead is the sentence's subject
    LEAD_BY_NUMBER = "lead_by_number"  # assigned from a separate paragraph by item number
    NAME_COMPLETED = "name_completed"  # a name cut short, completed from elsewhere
    ROW_FITTED = "row_fitted"  # a table row with fewer cells than columns, matched by content
    NO_ORDINAL = "no_ordinal"  # an unnumbered paragraph read as a task
    LONG_TEXT = "long_text"  # so long it may hold several tasks
    SAFEGUARD = "safeguard"  # under 保障措施: a measure every body keeps, or a task of its own


class Flag(NamedTuple):
    """An uncertain field of a task: which (task, lead, support, leaders, due), the stable code, and
    the reason in Chinese for the reader."""

    field: str
    code: FlagCode
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code.value, "message": self.message}


class Evidence(NamedTuple):
    """Why a value was extracted: the rule's name and the span it matched."""

    rule: str
    span: Span


class Deadline(NamedTuple):
    text: str
    due: str | None  # ISO date; None for recurring or ongoing ones
    rrule: str | None = None  # RFC 5545 rule for recurring ones
    kind: str = "date"  # date | recurring | ongoing | period
    span: Span = (0, 0)
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "due": self.due, "rrule": self.rrule, "kind": self.kind,
                "span": list(self.span)}


class Target(NamedTuple):
    text: str
    value: float | None
    unit: str
    op: str  # >=, <=, =, ~, range
    upper: float | None = None  # the top of a range
    span: Span = (0, 0)

    def to_dict(self) -> dict[str, Any]:
        value: float | int | None = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        d: dict[str, Any] = {"text": self.text, "value": value, "unit": self.unit, "op": self.op,
                             "span": list(self.span)}
        if self.upper is not None:
            d["upper"] = int(self.upper) if self.upper.is_integer() else self.upper
        return d


class Assignment(NamedTuple):
    """One responsibility clause and the text it governs."""

    text: str
    span: Span
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    deadlines: tuple[Deadline, ...] = ()
    evidence: tuple[tuple[str, Evidence], ...] = ()  # (field=value, evidence)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": list(self.span),
            "lead": list(self.lead),
            "support": list(self.support),
            "leaders": list(self.leaders),
            "deadlines": [d.to_dict() for d in self.deadlines],
        }


class Task(NamedTuple):
    key: str
    section: tuple[str, ...]
    title: str
    text: str
    span: Span
    assignments: tuple[Assignment, ...] = ()
    targets: tuple[Target, ...] = ()
    flags: tuple[Flag, ...] = ()  # what is uncertain, for a person to check first

    @property
    def lead(self) -> tuple[str, ...]:
        return _union(a.lead for a in self.assignments)

    @property
    def support(self) -> tuple[str, ...]:
        return _union(a.support for a in self.assignments)

    @property
    def leaders(self) -> tuple[str, ...]:
        return _union(a.leaders for a in self.assignments)

    @property
    def deadlines(self) -> tuple[Deadline, ...]:
        return tuple(d for a in self.assignments for d in a.deadlines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "section": list(self.section),
            "title": self.title,
            "text": self.text,
            "span": list(self.span),
            "assignments": [a.to_dict() for a in self.assignments],
            "targets": [t.to_dict() for t in self.targets],
            "uncertain": [f.to_dict() for f in self.flags],
        }


class Reference(NamedTuple):
    doc_number: str | None
    title: str | None
    relation: str  # implements | cites
    span: Span = (0, 0)

    def to_dict(self) -> dict[str, Any]:
        return {"doc_number": self.doc_number, "title": self.title, "relation": self.relation,
                "span": list(self.span)}


class ParseWarning(NamedTuple):
    code: WarningCode
    message: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code.value, "message": self.message,
                "span": list(self.span) if self.span else None}


class Period(NamedTuple):
    start: str
    end: str

    def to_dict(self) -> dict[str, str]:
        return {"start": self.start, "end": self.end}


class Document(NamedTuple):
    source: str
    text: str
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    issued_on: str | None = None
    period: Period | None = None
    references: tuple[Reference, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
    tasks: tuple[Task, ...] = ()
    notice_title: str | None = None  # the wrapping 印发通知's own title, when there is one
    evidence: tuple[tuple[str, Evidence], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object (CONTRACT.md §1)."""
        return {
            "schema": SCHEMA,
            "source": self.source,
            "title": self.title,
            "doc_number": self.doc_number,
            "issuer": self.issuer,
            "issued_on": self.issued_on,
            "period": self.period.to_dict() if self.period else None,
            "references": [r.to_dict() for r in self.references],
            "warnings": [w.to_dict() for w in self.warnings],
            "tasks": [t.to_dict() for t in self.tasks],
        }


def _union(groups: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(chain.from_iterable(groups)))  # in order, each name once
