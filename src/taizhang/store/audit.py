"""The append-only audit trail: written beside every change, read as an item's history.

The database refuses UPDATE and DELETE on this table (triggers in the initial migration).
"""
from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import bindparam, func, insert, or_, select
from sqlalchemy.engine import Connection

from taizhang.ledger.model import AuditEntry
from taizhang.store import schema as s


def _json(value: Any) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=_default, sort_keys=True)


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "value"):  # enums: keep the stable code
        return value.value
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(type(value).__name__)


def row(now: dt.datetime, *, actor: str, action: str, entity: str, entity_id: int | None,
        item_id: int | None = None, document_id: int | None = None,
        before: dict[str, Any] | None = None, after: dict[str, Any] | None = None
        ) -> dict[str, Any]:
    """One audit line as column values, for writing many at once."""
    return {"at": now, "actor": actor, "action": action, "entity": entity,
            "entity_id": entity_id, "item_id": item_id, "document_id": document_id,
            "before": _json(before), "after": _json(after)}


def record(conn: Connection, now: dt.datetime, *, actor: str, action: str, entity: str,
           entity_id: int | None, item_id: int | None = None, document_id: int | None = None,
           before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
    conn.execute(insert(s.audit).values(**row(
        now, actor=actor, action=action, entity=entity, entity_id=entity_id, item_id=item_id,
        document_id=document_id, before=before, after=after)))


def _entry(row: Any) -> AuditEntry:
    return AuditEntry(id=row.id, at=row.at, actor=row.actor, action=row.action,
                      entity=row.entity, entity_id=row.entity_id, item_id=row.item_id,
                      document_id=row.document_id,
                      before=json.loads(row.before) if row.before else None,
                      after=json.loads(row.after) if row.after else None)


def for_item(conn: Connection, item_id: int) -> list[AuditEntry]:
    q = select(s.audit).where(or_(s.audit.c.item_id == item_id,
                                  (s.audit.c.entity == "item") & (s.audit.c.entity_id == item_id)))
    return [_entry(r) for r in conn.execute(q.order_by(s.audit.c.id))]


def entries(conn: Connection, *, entity: str | None = None, entity_id: int | None = None,
            limit: int | None = None) -> list[AuditEntry]:
    q = select(s.audit)
    if entity:
        q = q.where(s.audit.c.entity == entity)
    if entity_id is not None:
        q = q.where(s.audit.c.entity_id == entity_id)
    q = q.order_by(s.audit.c.id.desc())
    if limit:
        q = q.limit(limit)
    return [_entry(r) for r in reversed(conn.execute(q).all())]


# the audit actions that move an item's status (see progress.py): the status chart's input
STATUS_ACTIONS = ("item.report", "item.status")
_LATEST = select(func.max(s.audit.c.id))
_SINCE = select(s.audit.c.id, s.audit.c.action, s.audit.c.item_id).where(
    s.audit.c.id > bindparam("after"))
_STATUS = select(s.audit).where((s.audit.c.id > bindparam("after"))
                                & s.audit.c.action.in_(STATUS_ACTIONS)).order_by(s.audit.c.id)


def latest_id(conn: Connection) -> int:
    return int(conn.execute(_LATEST).scalar() or 0)


def since(conn: Connection, after: int) -> tuple[int, set[str], set[int]]:
    newest, actions, items = after, set(), set()
    for entry_id, action, item_id in conn.execute(_SINCE, {"after": after}):
        newest = max(newest, entry_id)
        actions.add(action)
        if item_id is not None:
            items.add(item_id)
    return newest, actions, items


def status_entries(conn: Connection, *, after: int) -> list[AuditEntry]:
    return [_entry(r) for r in conn.execute(_STATUS, {"after": after})]
