"""Documents in the ledger: ingest (one transaction per document), versions, drafts, corrections."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, or_, select, update

from taizhang.errors import IllegalTransition, InputError, NotFound
from taizhang.ledger.doc_titles import fallback_title, title_from_page
from taizhang.ledger.items import ItemDraft, PriorItem, match_items
from taizhang.ledger.model import (
    Correction,
    DocState,
    DocumentRecord,
    IngestResult,
    Status,
    WorkItem,
)
from taizhang.ledger.jurisdiction import decide_jurisdiction
from taizhang.ledger.names import document_not_found
from taizhang.ledger.pages import SourceFile
from taizhang.ledger.prepared import PreparedDocument
from taizhang.ledger.schedule import iso_date
from taizhang.ledger.units import canonical_name, check_unit_name, normalize
from taizhang.store import audit, bulk, files, schema as s, units
from taizhang.store.engine import Ctx
from taizhang.wording import display_title

_RECORD_COLUMNS = list(s.documents.c)


def _json_tuple(raw: str | None) -> tuple[str, ...]:
    return tuple(json.loads(raw)) if raw else ()


def _record(row: Any, item_count: int = 0) -> DocumentRecord:
    return DocumentRecord(
        id=row.id, key=row.key, version=row.version, current=bool(row.current),
        state=DocState(row.state), jurisdiction=row.jurisdiction, source=row.source,
        title=row.title, doc_number=row.doc_number, issuer=row.issuer, issued_on=row.issued_on,
        period_start=row.period_start, period_end=row.period_end, text_hash=row.text_hash,
        ingested_at=row.ingested_at, ingested_by=row.ingested_by, item_count=item_count,
        jurisdiction_evidence=_json_tuple(row.jurisdiction_evidence),
        review_flags=_json_tuple(row.review_flags))


def _count(ctx: Ctx, doc_id: int) -> int:
    return ctx.conn.execute(select(func.count()).select_from(s.items)
                            .where(s.items.c.document_id == doc_id)).scalar_one()


def find_row(ctx: Ctx, ref: int | str) -> Any:
    """The document row for an id, 发文字号, key or source name (current version first)."""
    q = select(*_RECORD_COLUMNS)
    text = str(ref).strip()
    if isinstance(ref, int) or text.isdigit():
        row = ctx.conn.execute(q.where(s.documents.c.id == int(text))).first()
    else:
        norm = normalize(text)
        row = ctx.conn.execute(q.where(or_(
            s.documents.c.doc_number == text, s.documents.c.key == norm,
            s.documents.c.source == text)).order_by(s.documents.c.current.desc(),
                                                   s.documents.c.version.desc())).first()
    if row is None:
        names = [n for r in ctx.conn.execute(select(s.documents.c.doc_number, s.documents.c.source)
                                             .where(s.documents.c.current.is_(True))) for n in r]
        raise document_not_found(ref, names)
    return row


def get_document(ctx: Ctx, ref: int | str) -> DocumentRecord:
    row = find_row(ctx, ref)
    return _record(row, _count(ctx, row.id))


def document_parse(ctx: Ctx, ref: int | str) -> dict[str, Any]:
    row = find_row(ctx, ref)
    raw = ctx.conn.execute(select(s.document_texts.c.parse_json)
                           .where(s.document_texts.c.document_id == row.id))
    return json.loads(raw.scalar_one())  # type: ignore[no-any-return]


def document_text(ctx: Ctx, ref: int | str) -> str:
    row = find_row(ctx, ref)
    return str(ctx.conn.execute(select(s.document_texts.c.raw_text)
                                .where(s.document_texts.c.document_id == row.id)).scalar_one())


def list_documents(ctx: Ctx, *, state: DocState | None, jurisdiction: str | None,
                   all_versions: bool) -> list[DocumentRecord]:
    counts = (select(s.items.c.document_id, func.count().label("n"))
              .group_by(s.items.c.document_id).subquery())
    q = (select(*_RECORD_COLUMNS, func.coalesce(counts.c.n, 0).label("n"))
         .outerjoin(counts, counts.c.document_id == s.documents.c.id))
    if state:
        q = q.where(s.documents.c.state == state.value)
    if jurisdiction:
        q = q.where(s.documents.c.jurisdiction == jurisdiction)
    if not all_versions:
        q = q.where(s.documents.c.current.is_(True))
    return [_record(r, r.n) for r in ctx.conn.execute(q.order_by(s.documents.c.id))]


def ingest(ctx: Ctx, doc: PreparedDocument, *, actor: str, jurisdiction: str | None,
           draft: bool, registry: units.Registry | None = None,
           source: SourceFile | None = None) -> IngestResult:
    """``doc``: the parse made ready for the ledger (:func:`taizhang.ledger.prepared.prepare`);
    ``source``: what the reader kept of the file (pages, the PDF or picture, the page's
    <title>), stored with this version."""
    conn = ctx.conn
    same = conn.execute(select(*_RECORD_COLUMNS).where(s.documents.c.text_hash == doc.digest)
                        .order_by(s.documents.c.version.desc())).first()
    if same is not None:
        return IngestResult(document=_record(same, _count(ctx, same.id)), outcome="unchanged",
                            pages_added=_add_missing_file(ctx, same.id, source, actor))
    key = doc.key
    prior = conn.execute(select(*_RECORD_COLUMNS).where(
        (s.documents.c.key == key) & s.documents.c.current.is_(True))).first()
    placed = decide_jurisdiction(doc.place, given=jurisdiction,
                                 prior=prior.jurisdiction if prior is not None else None)
    place = placed.place
    title, flags = doc.title, list(placed.flags)
    if not title:  # never the file name: the 印发 sentence, a title line, the page's <title>
        title, _ = fallback_title(doc.text)
        flag = "title_inferred" if title else "untitled"
        if not title and source is not None:
            title = title_from_page(source.page_title)
            flag = "title_from_page" if title else flag
        flags.append(flag)
    state = DocState.DRAFT if draft else DocState.PUBLISHED
    version = (prior.version + 1) if prior is not None else 1
    values = dict(key=key, version=version, current=True, state=state.value, jurisdiction=place,
                  source=doc.source, title=title, doc_number=doc.doc_number,
                  issuer=doc.issuer, issued_on=doc.issued_on, period_start=doc.period_start,
                  period_end=doc.period_end, text_hash=doc.digest,
                  ingested_at=ctx.now, ingested_by=actor)
    stored = dict(jurisdiction_evidence=json.dumps(list(placed.evidence), ensure_ascii=False),
                  review_flags=json.dumps(flags) if flags else None)
    doc_id = bulk.insert_one(ctx, s.documents, values | stored)
    bulk.insert_many(ctx, s.document_texts, [dict(
        document_id=doc_id, parse_json=doc.parse_json, raw_text=doc.text)])
    files.save(ctx, doc_id, source)
    drafts = doc.drafts
    start = doc.start
    matched_ids: list[int | None] = [None] * len(drafts)
    prior_count = 0
    if prior is not None:
        conn.execute(update(s.documents).where(s.documents.c.id == prior.id).values(current=False))
        olds = conn.execute(select(s.items.c.id, s.items.c.task_key, s.items.c.seq,
                                   s.items.c.fingerprint)
                            .where(s.items.c.document_id == prior.id)).all()
        prior_count = len(olds)
        matched_ids = match_items([PriorItem(*o) for o in olds], drafts)
    cache = registry.names(ctx, place) if registry is not None else units.known(ctx, place)
    new_drafts = [d for d, m in zip(drafts, matched_ids) if m is None]
    _insert_items(ctx, doc_id, place, start, new_drafts, cache, actor)
    _carry_over(ctx, [(i, d) for d, i in zip(drafts, matched_ids) if i is not None], doc_id,
                place, start, cache, actor)
    matched = sum(1 for m in matched_ids if m is not None)
    outcome = "new_version" if prior is not None else "new"
    bulk.insert_many(ctx, s.audit, [audit.row(
        ctx.now, actor=actor, action="document.ingest", entity="document", entity_id=doc_id,
        document_id=doc_id,
        before={"version": prior.version, "id": prior.id} if prior is not None else None,
        after={"key": key, "version": version, "state": state.value, "jurisdiction": place,
               "jurisdiction_evidence": list(placed.evidence), "items": len(drafts)})])
    # what was just written, not read back: every draft is now an item of this document
    record = DocumentRecord(id=doc_id, **{**values, "state": state}, item_count=len(drafts),
                            jurisdiction_evidence=placed.evidence, review_flags=tuple(flags))
    return IngestResult(document=record, outcome=outcome, added=len(new_drafts),
                        matched=matched, dropped=prior_count - matched,
                        warnings=placed.warnings)


def _add_missing_file(ctx: Ctx, doc_id: int, source: SourceFile | None, actor: str) -> int:
    """The same text again, from a PDF or scan, for a version stored without its original
    (before migration 0010): keep the original now, so its review page shows the pages.
    The text is the same, so are the page offsets. Returns the pages added (0: nothing)."""
    if source is None or source.media_type is None or files.pages(ctx, doc_id) is not None:
        return 0
    files.save(ctx, doc_id, source)
    audit.record(ctx.conn, ctx.now, actor=actor, action="document.file", entity="document",
                 entity_id=doc_id, document_id=doc_id,
                 after={"format": source.format, "pages": len(source.pages),
                        "size": len(source.data or b"")})
    return len(source.pages)


def _item_values(doc_id: int, place: str, start: dt.date | None, d: ItemDraft,
                 lead_id: int | None) -> dict[str, Any]:
    return {"document_id": doc_id, "task_key": d.task_key, "seq": d.seq, "title": d.title,
            "text": d.text, "jurisdiction": place, "lead_unit_id": lead_id,
            "leaders": json.dumps(list(d.leaders), ensure_ascii=False), "due": d.due,
            "due_implied": d.due_implied, "rrule": d.rrule, "start": start,
            "fingerprint": d.fingerprint}


def _insert_items(ctx: Ctx, doc_id: int, place: str, start: dt.date | None,
                  drafts: Sequence[ItemDraft], cache: dict[str, int], actor: str) -> None:
    if not drafts:
        return
    units.register_all(ctx, place, (name for d in drafts for name in ([d.lead] if d.lead else []) + list(d.support)),
                       cache)
    rows = []
    for d in drafts:
        lead_id = units.ensure(ctx, place, d.lead, cache) if d.lead else None
        rows.append(_item_values(doc_id, place, start, d, lead_id) | {
            "status": Status.PENDING.value, "percent": 0, "version": 1,
            "created_at": ctx.now, "updated_at": ctx.now})
    if ctx.dialect == "sqlite":
        # the document row is in, so this transaction holds SQLite's write lock and the next
        # ids are ours; a plain executemany is several times faster than RETURNING here
        ids = bulk.next_ids(ctx, s.items, len(rows))
        bulk.insert_many(ctx, s.items, [r | {"id": i} for r, i in zip(rows, ids)])
    else:
        ids = ctx.conn.execute(insert(s.items).returning(s.items.c.id,
                                                         sort_by_parameter_order=True),
                               rows).scalars().all()
    support_rows, audit_rows = [], []
    for item_id, d in zip(ids, drafts):
        for pos, name in enumerate(d.support):
            unit_id = units.ensure(ctx, place, name, cache)
            support_rows.append({"item_id": item_id, "unit_id": unit_id, "position": pos})
        audit_rows.append(audit.row(
            ctx.now, actor=actor, action="item.create", entity="item", entity_id=item_id,
            item_id=item_id, document_id=doc_id,
            after={"task_key": d.task_key, "lead": d.lead, "support": d.support, "due": d.due}))
    support_rows = list({(r["item_id"], r["unit_id"]): r for r in support_rows}.values())
    bulk.insert_many(ctx, s.item_support, support_rows)
    bulk.insert_many(ctx, s.audit, audit_rows)


def _carry_over(ctx: Ctx, matched: Sequence[tuple[int, ItemDraft]], doc_id: int, place: str,
                start: dt.date | None, cache: dict[str, int], actor: str) -> None:
    """The new version's text for items that keep their ids, reports and history: read,
    updated, re-linked to their units and audited a whole document at a time."""
    if not matched:
        return
    ids = [item_id for item_id, _ in matched]
    olds = {r.id: r for r in ctx.conn.execute(select(s.items).where(s.items.c.id.in_(ids)))}
    updates, support_rows, audit_rows = [], [], []
    for item_id, d in matched:
        old = olds[item_id]
        lead_id = units.ensure(ctx, place, d.lead, cache) if d.lead else None
        values = _item_values(doc_id, place, start, d, lead_id)
        changed = {k: v for k, v in values.items()
                   if k not in ("document_id", "fingerprint") and getattr(old, k) != v}
        updates.append(values | {"version": old.version + 1, "updated_at": ctx.now,
                                 "item": item_id})
        positions = {units.ensure(ctx, place, n, cache): i for i, n in enumerate(d.support)}
        support_rows += [{"item_id": item_id, "unit_id": u, "position": p}
                         for u, p in positions.items()]
        audit_rows.append(audit.row(
            ctx.now, actor=actor, action="item.revise", entity="item", entity_id=item_id,
            item_id=item_id, document_id=doc_id,
            before={k: getattr(old, k) for k in changed} | {"document_id": old.document_id},
            after=changed | {"document_id": doc_id}))
    # one statement, many parameter sets: the keys other than "item" are the new values
    ctx.conn.execute(update(s.items).where(s.items.c.id == bindparam("item")), updates)
    ctx.conn.execute(delete(s.item_support).where(s.item_support.c.item_id.in_(ids)))
    bulk.insert_many(ctx, s.item_support, support_rows)
    bulk.insert_many(ctx, s.audit, audit_rows)


def publish(ctx: Ctx, ref: int | str, *, actor: str) -> DocumentRecord:
    row = find_row(ctx, ref)
    if row.state == DocState.PUBLISHED.value:
        raise IllegalTransition(f"文件“{display_title(row.title, row.doc_number)}”已经发布",
                                hint="无需再次发布")
    ctx.conn.execute(update(s.documents).where(s.documents.c.id == row.id)
                     .values(state=DocState.PUBLISHED.value))
    audit.record(ctx.conn, ctx.now, actor=actor, action="document.publish", entity="document",
                 entity_id=row.id, document_id=row.id, before={"state": row.state},
                 after={"state": DocState.PUBLISHED.value})
    return get_document(ctx, row.id)


CORRECTABLE = ("title", "text", "lead", "support", "leaders", "due", "rrule")


_LABELS = {"title": "工作任务", "text": "任务原文", "rrule": "周期规则"}


def correct(ctx: Ctx, item_id: int, field: str, value: Any, *, actor: str, note: str,
            expected_version: int | None) -> WorkItem:
    from taizhang.store import items  # items imports documents for references

    if field not in CORRECTABLE:
        raise InputError(f"不能更正字段“{field}”", hint=f"可更正：{'、'.join(CORRECTABLE)}")
    item = items.get_item(ctx, item_id)
    items.check_version(item, expected_version)
    before = getattr(item, field)
    values: dict[str, Any] = {}
    after: Any = value
    if field in ("title", "text", "rrule"):
        values[field] = after = (str(value).strip() or None) if field == "rrule" else str(value)
        limit = {"title": 1000, "text": 20000, "rrule": 200}[field]
        if after and len(after) > limit:
            raise InputError(f"{_LABELS[field]}太长（{len(after)} 个字符），最多 {limit} 个",
                             hint="请删减后再保存")
    elif field == "due":
        after = value if isinstance(value, dt.date) or value is None else iso_date(str(value))
        if value and after is None:
            raise InputError(f"时限“{value}”不是日期", hint="请用 YYYY-MM-DD 格式")
        values.update(due=after, due_implied=False)
    elif field == "leaders":
        after = [str(v).strip() for v in (value if isinstance(value, (list, tuple)) else [value])
                 if v and str(v).strip()]
        if any(len(v) > 40 for v in after) or len(after) > 20:
            raise InputError("责任领导太长或太多（每人不超过 40 个字，最多 20 人）",
                             hint="多位领导用顿号分开")
        values["leaders"] = json.dumps(after, ensure_ascii=False)
    elif field == "lead":
        after = _unit_name(ctx, item, str(value), actor) if value else None
        values["lead_unit_id"] = units.ensure(ctx, item.jurisdiction, after) if after else None
    else:  # support
        names = [_unit_name(ctx, item, str(v), actor)
                 for v in (value if isinstance(value, (list, tuple)) else [value]) if v]
        after = list(dict.fromkeys(names))
        ctx.conn.execute(delete(s.item_support).where(s.item_support.c.item_id == item_id))
        if after:
            ctx.conn.execute(insert(s.item_support), [
                {"item_id": item_id, "unit_id": units.ensure(ctx, item.jurisdiction, n),
                 "position": i} for i, n in enumerate(after)])
    items.bump(ctx, item, values)
    ctx.conn.execute(insert(s.corrections).values(
        document_id=item.document_id, item_id=item_id, field=field,
        before=audit._json(before), after=audit._json(after), actor=actor, at=ctx.now,
        note=note))
    audit.record(ctx.conn, ctx.now, actor=actor, action="item.correct", entity="item",
                 entity_id=item_id, item_id=item_id, document_id=item.document_id,
                 before={field: before}, after={field: after, "note": note} if note else
                 {field: after})
    return items.get_item(ctx, item_id)


def corrections(ctx: Ctx, ref: int | str) -> list[Correction]:
    row = find_row(ctx, ref)
    q = select(s.corrections).where(s.corrections.c.document_id == row.id)
    return [Correction(id=r.id, document_id=r.document_id, item_id=r.item_id, field=r.field,
                       before=json.loads(r.before) if r.before else None,
                       after=json.loads(r.after) if r.after else None, actor=r.actor,
                       at=r.at, note=r.note) for r in ctx.conn.execute(q.order_by(s.corrections.c.id))]


def _unit_name(ctx: Ctx, item: WorkItem, name: str, actor: str) -> str:
    """The unit a reviewer names for an item: a known one (aliases and merges followed), or —
    the parser may have missed a unit — a new unit of the item's jurisdiction, registered here
    with its own audit line (``unit.create``) so the trail says who added it and why."""
    try:
        return units.resolve(ctx, item.jurisdiction, name).name
    except NotFound:
        pass
    canon = canonical_name(check_unit_name(name))  # no markup, formulas or 300 characters
    unit_id = units.ensure(ctx, item.jurisdiction, canon)
    audit.record(ctx.conn, ctx.now, actor=actor, action="unit.create", entity="unit",
                 entity_id=unit_id, item_id=item.id, document_id=item.document_id,
                 after={"jurisdiction": item.jurisdiction, "unit": canon,
                        "via": "item.correct"})
    return canon
