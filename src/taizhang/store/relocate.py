"""Re-deriving the jurisdiction of stored documents (``taizhang jurisdictions``).

Before issue 16 a ``--jurisdiction`` given to ingest placed every document of the batch, so
吉政发〔2016〕41号's 省发展改革委 could sit among 沈阳市's units. :func:`review` compares each
current document's stored place with what its own issuer, 发文字号 and text say
(:func:`taizhang.ledger.jurisdiction.infer_jurisdiction`, as ingest decides today);
:func:`relocate` moves one document — all its versions, its items, their lead and support
units and the reports on them — to the right place, in the caller's transaction, with one
``document.jurisdiction`` audit entry. Units of the old place left with no reference at all
(they were only that document's) are removed, and the entry names them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update

from taizhang.errors import InputError
from taizhang.ledger.jurisdiction import UNDECIDED, infer_jurisdiction
from taizhang.ledger.units import check_place
from taizhang.store import audit, schema as s, units
from taizhang.store.documents import find_row
from taizhang.store.engine import Ctx


@dataclass(frozen=True, slots=True)
class Finding:
    """One current document: where it is stored, where it belongs (None: cannot tell), why."""

    document_id: int
    title: str | None
    doc_number: str | None
    source: str
    stored: str
    proposed: str | None
    rule: str  # issuer | doc_number | text | none | given
    evidence: tuple[str, ...]

    @property
    def changes(self) -> bool:
        return self.proposed is not None and self.proposed != self.stored

    def to_dict(self) -> dict[str, Any]:
        return {"document_id": self.document_id, "title": self.title,
                "doc_number": self.doc_number, "source": self.source, "stored": self.stored,
                "proposed": self.proposed, "rule": self.rule, "evidence": list(self.evidence),
                "changes": self.changes}


def review(ctx: Ctx, ref: int | str | None = None) -> list[Finding]:
    """Every current document (or the one ``ref`` names), with the place its text gives."""
    q = (select(s.documents.c.id, s.documents.c.title, s.documents.c.doc_number,
                s.documents.c.source, s.documents.c.issuer, s.documents.c.jurisdiction,
                s.document_texts.c.raw_text)
         .join(s.document_texts, s.document_texts.c.document_id == s.documents.c.id))
    if ref is not None:
        q = q.where(s.documents.c.id == find_row(ctx, ref).id)
    else:
        q = q.where(s.documents.c.current.is_(True))
    found = []
    for r in ctx.conn.execute(q.order_by(s.documents.c.id)):
        f = infer_jurisdiction(issuer=r.issuer, doc_number=r.doc_number, text=r.raw_text,
                               title=r.title)
        found.append(Finding(r.id, r.title, r.doc_number, r.source, r.jurisdiction, f.place,
                             f.rule, f.evidence))
    return found


def given(finding: Finding, place: str) -> Finding:
    """A place a person names for a document (``--set``): checked like --jurisdiction."""
    place = check_place(place)
    return Finding(finding.document_id, finding.title, finding.doc_number, finding.source,
                   finding.stored, place, "given", (f"人工指定为 {place}",) + finding.evidence)


def relocate(ctx: Ctx, finding: Finding, *, actor: str) -> int:
    """Move the document (every version of its key) to ``finding.proposed``; the items moved."""
    new = finding.proposed
    if new is None or not finding.changes:
        raise InputError(f"文件 {finding.document_id} 不需要更改所属地区",
                         hint="taizhang jurisdictions 列出的“应为”与“现记为”不同的文件才会更改")
    conn = ctx.conn
    key = conn.execute(select(s.documents.c.key).where(
        s.documents.c.id == finding.document_id)).scalar_one()
    doc_ids = list(conn.execute(select(s.documents.c.id).where(
        s.documents.c.key == key)).scalars())
    item_ids = list(conn.execute(select(s.items.c.id).where(
        s.items.c.document_id.in_(doc_ids))).scalars())
    names = dict(conn.execute(select(s.units.c.id, s.units.c.name)).all())
    cache = units.known(ctx, new)
    moved: dict[int, int] = {}  # old unit id → the unit of the same name in the new place

    def remap(unit_id: int) -> int:
        if unit_id not in moved:
            moved[unit_id] = units.ensure(ctx, new, names[unit_id], cache)
        return moved[unit_id]

    for item_id, lead in conn.execute(select(s.items.c.id, s.items.c.lead_unit_id)
                                      .where(s.items.c.id.in_(item_ids))).all():
        conn.execute(update(s.items).where(s.items.c.id == item_id).values(
            jurisdiction=new, lead_unit_id=remap(lead) if lead is not None else None))
    support = conn.execute(select(s.item_support).where(
        s.item_support.c.item_id.in_(item_ids))).all()
    conn.execute(delete(s.item_support).where(s.item_support.c.item_id.in_(item_ids)))
    rows = {(r.item_id, remap(r.unit_id)): r.position for r in support}
    if rows:
        conn.execute(s.item_support.insert(), [{"item_id": i, "unit_id": u, "position": p}
                                               for (i, u), p in rows.items()])
    # a report was written for the unit the item named: it follows the unit to its place
    for report_id, unit_id in conn.execute(select(s.reports.c.id, s.reports.c.unit_id).where(
            s.reports.c.item_id.in_(item_ids))).all():
        conn.execute(update(s.reports).where(s.reports.c.id == report_id)
                     .values(unit_id=remap(unit_id)))
    flags = _flags_after(conn, finding)
    conn.execute(update(s.documents).where(s.documents.c.id.in_(doc_ids)).values(
        jurisdiction=new, review_flags=json.dumps(flags) if flags else None,
        jurisdiction_evidence=json.dumps(list(finding.evidence), ensure_ascii=False)))
    removed = _drop_unused(ctx, [u for u in moved if moved[u] != u])
    audit.record(conn, ctx.now, actor=actor, action="document.jurisdiction", entity="document",
                 entity_id=finding.document_id, document_id=finding.document_id,
                 before={"jurisdiction": finding.stored},
                 after={"jurisdiction": new, "evidence": list(finding.evidence),
                        "items": len(item_ids), "units_removed": removed})
    return len(item_ids)


def _flags_after(conn: Any, finding: Finding) -> list[str]:
    raw = conn.execute(select(s.documents.c.review_flags).where(
        s.documents.c.id == finding.document_id)).scalar()
    kept = [f for f in (json.loads(raw) if raw else [])
            if f not in ("jurisdiction_undecided", "jurisdiction_inferred")]
    return kept + (["jurisdiction_inferred"] if finding.rule == "text" else [])


def _drop_unused(ctx: Ctx, unit_ids: list[int]) -> list[str]:
    """Units nothing refers to any more (every table's foreign key to units checked)."""
    refs = [(t, c) for t in s.metadata.sorted_tables for c in t.c
            for fk in c.foreign_keys if fk.column.table.name == "units"]
    removed = []
    for unit_id in unit_ids:
        if any(ctx.conn.execute(select(c).where(c == unit_id).limit(1)).first() is not None
               for _, c in refs):
            continue
        name = ctx.conn.execute(select(s.units.c.jurisdiction, s.units.c.name)
                                .where(s.units.c.id == unit_id)).first()
        ctx.conn.execute(delete(s.units).where(s.units.c.id == unit_id))
        if name is not None:
            removed.append(f"{name.jurisdiction}·{name.name}")
    return removed


__all__ = ["Finding", "UNDECIDED", "given", "relocate", "review"]
