"""From a parsed Document to work-item drafts: one per assignment and lead unit.

Pure: the store turns drafts into rows, resolving unit names in the document's jurisdiction.
Also the identity rules for re-ingest: a document's key, its text hash, and how the items of a
new version find their predecessors (same outline key and position, else the same text).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from taizhang.ledger.schedule import iso_date, resolve_due
from taizhang.ledger.units import canonical_name, normalize
from taizhang.parse.model import Assignment, Document, Task


@dataclass(frozen=True, slots=True)
class ItemDraft:
    """A work item before it has an id: what the document says about one assignment."""

    task_key: str
    seq: int
    title: str
    text: str
    lead: str | None
    support: tuple[str, ...]
    leaders: tuple[str, ...]
    due: dt.date | None
    due_implied: bool
    rrule: str | None
    fingerprint: str  # of the text (text_fingerprint): how a new version finds this item again


def text_hash(text: str) -> str:
    """Identity of a document's text: re-ingesting the same text changes nothing."""
    return hashlib.sha256(normalize(text).encode("utf-8")).hexdigest()


def text_fingerprint(text: str) -> str:
    """Identity of a task's text across versions, blind to spacing and punctuation width."""
    return hashlib.sha1(normalize(text).encode("utf-8")).hexdigest()[:16]


def doc_key(doc: Document) -> str:
    """What makes two ingests the same document: 发文字号, else title, else the source name."""
    for value in (doc.doc_number, doc.title, doc.source):
        if value and value.strip():
            return normalize(value)
    return text_hash(doc.text)[:16]


def work_start(doc: Document) -> dt.date | None:
    """When the work began: the later of the period start and the issue date."""
    dates = [d for d in (iso_date(doc.period.start if doc.period else None),
                         iso_date(doc.issued_on)) if d is not None]
    return max(dates) if dates else None


def _units(names: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        if name and name.strip():
            seen.setdefault(canonical_name(name), None)
    return tuple(seen)


def _drafts_for(task: Task, assignment: Assignment | None, seq: int,
                period_end: dt.date | None) -> list[ItemDraft]:
    if assignment is None:
        leads: tuple[str | None, ...] = (None,)
        support: tuple[str, ...] = ()
        leaders: tuple[str, ...] = ()
        deadlines = task.deadlines
        text = task.text
    else:
        leads = _units(assignment.lead) or (None,)
        support = _units(assignment.support)
        leaders = tuple(dict.fromkeys(assignment.leaders))
        deadlines = assignment.deadlines
        text = assignment.text or task.text
    due = resolve_due([d.due for d in deadlines], [d.rrule for d in deadlines], period_end)
    fingerprint = text_fingerprint(text)
    out = []
    for i, lead in enumerate(leads):
        # 分别牵头: each lead gets its own item; the others are not its supporters
        out.append(ItemDraft(task_key=task.key, seq=seq + i, title=task.title or text[:40],
                             text=text, lead=lead,
                             support=tuple(s for s in support if s != lead),
                             leaders=leaders, due=due.due, due_implied=due.implied,
                             rrule=due.rrule, fingerprint=fingerprint))
    return out


def drafts_from_document(doc: Document) -> list[ItemDraft]:
    """Every assignment of every task, in document order; a task without any is one item."""
    period_end = iso_date(doc.period.end if doc.period else None)
    drafts: list[ItemDraft] = []
    for task in doc.tasks:
        seq = 1
        for assignment in task.assignments or (None,):
            made = _drafts_for(task, assignment, seq, period_end)
            drafts.extend(made)
            seq += len(made)
    return drafts


@dataclass(frozen=True, slots=True)
class PriorItem:
    """What matching needs of an item of the previous version."""

    id: int
    task_key: str
    seq: int
    fingerprint: str


def match_items(prior: Sequence[PriorItem], drafts: Sequence[ItemDraft]) -> list[int | None]:
    """For each draft, the id of the prior item it continues, or None for a new one.

    Same text wins (a renumbered task keeps its history); then the same outline position.
    """
    by_text: dict[str, list[PriorItem]] = {}
    by_key: dict[tuple[str, int], PriorItem] = {}
    for p in prior:
        by_text.setdefault(p.fingerprint, []).append(p)
        by_key[(p.task_key, p.seq)] = p
    used: set[int] = set()
    out: list[int | None] = [None] * len(drafts)
    for i, d in enumerate(drafts):
        for p in by_text.get(d.fingerprint, []):
            if p.id not in used:
                out[i] = p.id
                used.add(p.id)
                break
    for i, d in enumerate(drafts):
        if out[i] is None:
            p2 = by_key.get((d.task_key, d.seq))
            if p2 is not None and p2.id not in used:
                out[i] = p2.id
                used.add(p2.id)
    return out
