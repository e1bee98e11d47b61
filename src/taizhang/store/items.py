"""Work items: loading them as domain objects (with lights for a given day), search, statistics."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, or_, select, text, update

from taizhang.config import LightThresholds
from taizhang.errors import InputError, NotFound, StaleEdit
from taizhang.ledger.lights import assess
from taizhang.ledger.model import FINISHED, DocState, Light, Report, Status, UnitStats, WorkItem
from taizhang.store import schema as s
from taizhang.store import units as unit_store
from taizhang.store.engine import Ctx

lead_unit = s.units.alias("lead_unit")  # Core alias: importing sqlalchemy.orm costs ~0.2 s
_SKIP = ("fingerprint", "created_at", "updated_at")  # not part of WorkItem: skip their parsing
_COLUMNS = [*(c for c in s.items.c if c.name not in _SKIP),
            s.documents.c.title.label("document_title"),
            s.documents.c.doc_number.label("doc_number"), lead_unit.c.name.label("lead_name")]
_NOT_OPEN = [st.value for st in (*FINISHED, Status.SUSPENDED)]
_STATUS = {st.value: st for st in Status}


def _base() -> Select[Any]:
    return (select(*_COLUMNS).join(s.documents, s.documents.c.id == s.items.c.document_id)
            .outerjoin(lead_unit, lead_unit.c.id == s.items.c.lead_unit_id))


def check_version(item: WorkItem, expected: int | None) -> None:
    if expected is not None and expected != item.version:
        raise StaleEdit(
            f"任务 {item.id} 已被他人修改（您依据的是第 {expected} 版，当前是第 {item.version} 版），"
            "本次修改没有保存", hint="请重新查看最新内容后再提交")


def bump(ctx: Ctx, item: WorkItem, values: dict[str, Any]) -> int:
    """Write ``values`` if nobody changed the item since it was read; the new version."""
    done = ctx.conn.execute(update(s.items).where(
        (s.items.c.id == item.id) & (s.items.c.version == item.version)).values(
        **values, version=item.version + 1, updated_at=ctx.now)).rowcount
    if done != 1:
        raise StaleEdit(f"任务 {item.id} 刚被他人修改，本次修改没有保存",
                        hint="请重新查看最新内容后再提交")
    return item.version + 1


def report_from_row(r: Any, unit_name: str) -> Report:
    return Report(id=r.id, item_id=r.item_id, unit=unit_name, actor=r.actor, at=r.at,
                  status=Status(r.status), percent=r.percent, text=r.text, problems=r.problems,
                  next_steps=r.next_steps, evidence=tuple(json.loads(r.evidence)),
                  occurrence=r.occurrence)


def _support_q(cond: Any) -> Select[Any]:
    return (select(s.item_support.c.item_id, s.units.c.name, s.units.c.id)
            .join(s.units, s.units.c.id == s.item_support.c.unit_id).where(cond)
            .order_by(s.item_support.c.item_id, s.item_support.c.position))


def _latest_q(cond: Any) -> Select[Any]:
    latest = select(func.max(s.reports.c.id)).where(cond) \
        .group_by(s.reports.c.item_id).scalar_subquery()
    return (select(s.reports, s.units.c.name.label("unit_name"))
            .join(s.units, s.units.c.id == s.reports.c.unit_id)
            .where(s.reports.c.id.in_(latest)))


# one item by id (a page, a report): built once, so neither the statements nor their cache
# keys are made again per request — on a busy server that was a third of a report's CPU
_ONE = bindparam("one_id")
_ONE_ITEM = _base().where(s.items.c.id == _ONE)
_ONE_SUPPORT = _support_q(s.item_support.c.item_id == _ONE)
_ONE_LATEST = _latest_q(s.reports.c.item_id == _ONE)


def _load(ctx: Ctx, q: Select[Any] | None, *, today: dt.date | None,
          thresholds: LightThresholds, limited: bool = False, last_reports: bool = True,
          unit_ids: dict[int, dict[str, int]] | None = None,
          one: int | None = None) -> list[WorkItem]:
    """Items as domain objects; ``one`` (an id, with ``q`` None) takes the prebuilt path."""
    if one is not None:
        params = {"one_id": one}
        rows = ctx.conn.execute(_ONE_ITEM, params).all()
        support_q, latest_q = _ONE_SUPPORT, _ONE_LATEST
    else:
        assert q is not None
        ordered = q.order_by(s.items.c.document_id, s.items.c.id)
        rows = ctx.conn.execute(ordered).all()
        # under a LIMIT the subquery must keep the order too, or it may name other items
        ids = (ordered if limited else q).with_only_columns(s.items.c.id).scalar_subquery()
        if len(rows) < 500:  # a literal list is faster than re-running the filter
            ids = [r.id for r in rows]  # type: ignore[assignment]
        params = {}
        support_q = _support_q(s.item_support.c.item_id.in_(ids))
        latest_q = _latest_q(s.reports.c.item_id.in_(ids))
    if not rows:
        return []
    support: dict[int, list[str]] = {}
    for item_id, name, unit_id in ctx.conn.execute(support_q, params):
        support.setdefault(item_id, []).append(name)
        if unit_ids is not None:
            unit_ids.setdefault(item_id, {})[name] = unit_id
    if unit_ids is not None:  # the write path: which unit ids the item's names stand for
        for r in rows:
            names = unit_ids.setdefault(r.id, {})
            if r.lead_name is not None:
                names[r.lead_name] = r.lead_unit_id
    last: dict[int, Report] = {}
    if last_reports:
        for r in ctx.conn.execute(latest_q, params):
            last[r.item_id] = report_from_row(r, r.unit_name)
    recurring = [r.id for r in rows if r.rrule]
    occ: dict[int, list[Report]] = {}
    if today is not None and recurring:
        for r in ctx.conn.execute(select(s.reports, s.units.c.name.label("unit_name"))
                                  .join(s.units, s.units.c.id == s.reports.c.unit_id)
                                  .where(s.reports.c.item_id.in_(recurring)
                                         & s.reports.c.occurrence.is_not(None))):
            occ.setdefault(r.item_id, []).append(report_from_row(r, r.unit_name))
    out = []
    for r in rows:
        fields = item_fields(r, support.get(r.id, ()), last.get(r.id))
        item = WorkItem(**fields)
        if today is not None:
            value, reasons = assess(item, today, thresholds, occ.get(r.id, ()))
            item = WorkItem(**fields, light=value, light_reasons=reasons)
        out.append(item)
    return out


def item_fields(r: Any, support: Sequence[str], last: Report | None) -> dict[str, Any]:
    """A WorkItem's fields (no light) from a row of ``_base()`` and its support units."""
    # called once per item of a full listing (20,000 on a cold start): the enum by a dict
    # lookup, and no JSON parser for the common empty list of leaders
    return dict(
        id=r.id, document_id=r.document_id, task_key=r.task_key, seq=r.seq, title=r.title,
        text=r.text, jurisdiction=r.jurisdiction, lead=r.lead_name, support=tuple(support),
        leaders=() if r.leaders == "[]" else tuple(json.loads(r.leaders)), due=r.due,
        due_implied=bool(r.due_implied), rrule=r.rrule, start=r.start,
        status=_STATUS[r.status], percent=r.percent,
        version=r.version, completed_on=r.completed_on, document_title=r.document_title,
        doc_number=r.doc_number, last_report=last)


def one_item_q(*extra: Any) -> Select[Any]:
    """The statement for one item by ``one_id`` (the columns ``item_fields`` reads), with
    ``extra`` columns; callers build it once and keep it (see ``_ONE_ITEM``)."""
    return _ONE_ITEM.add_columns(*extra) if extra else _ONE_ITEM


def not_found(item_id: int) -> NotFound:
    return NotFound(f"没有编号为 {item_id} 的任务", hint="用 taizhang tasks 查看任务编号")


def get_item(ctx: Ctx, item_id: int, *, today: dt.date | None = None,
             thresholds: LightThresholds | None = None, last_report: bool = True) -> WorkItem:
    found = _load(ctx, None, today=today, thresholds=thresholds or LightThresholds(),
                  last_reports=last_report, one=item_id)
    if not found:
        raise not_found(item_id)
    return found[0]


def load_ids(ctx: Ctx, ids: Sequence[int], *,
             unit_ids: dict[int, dict[str, int]] | None = None) -> list[WorkItem]:
    """The items with these ids (any document, drafts too), without lights or last reports:
    what a write needs. ``unit_ids`` receives item id → {unit name: unit id}."""
    ids = list(ids)
    one = ids[0] if len(ids) == 1 else None
    return _load(ctx, None if one is not None else _base().where(s.items.c.id.in_(ids)),
                 today=None, thresholds=LightThresholds(), last_reports=False,
                 unit_ids=unit_ids, one=one)


def _statuses(status: Status | Iterable[Status] | None) -> list[str]:
    if status is None:
        return []
    if isinstance(status, Status):
        return [status.value]
    return [st.value for st in status]


def list_items(ctx: Ctx, *, thresholds: LightThresholds, today: dt.date | None,
               unit: str | None, jurisdiction: str | None, role: str, document: Any,
               status: Status | Iterable[Status] | None, light: Light | None,
               due_before: dt.date | None, due_after: dt.date | None, overdue: bool,
               include_drafts: bool, limit: int | None,
               ids: list[int] | None = None, offset: int | None = None) -> list[WorkItem]:
    if light and today is None:
        raise InputError("按超期或亮灯筛选需要指定日期", hint="请加 --today YYYY-MM-DD")
    q = _filtered(ctx, today=today, unit=unit, jurisdiction=jurisdiction, role=role,
                  document=document, status=status, due_before=due_before,
                  due_after=due_after, overdue=overdue, include_drafts=include_drafts, ids=ids)
    paged = bool((limit or offset) and not light)  # a light is known only once loaded
    if paged:
        q = q.limit(limit).offset(offset)
    found = _load(ctx, q, today=today, thresholds=thresholds, limited=paged)
    if light:
        start = offset or 0
        found = [i for i in found if i.light is light][start:start + limit if limit else None]
    return found


def count_items(ctx: Ctx, **filters: Any) -> int:
    """How many items ``list_items`` would list with these filters (no light filter: a
    light is computed per item, not stored), counted by the database."""
    q = _filtered(ctx, **filters).with_only_columns(s.items.c.id)
    return int(ctx.conn.execute(select(func.count()).select_from(q.subquery())).scalar_one())


def _filtered(ctx: Ctx, *, today: dt.date | None, unit: str | None, jurisdiction: str | None,
              role: str, document: Any, status: Status | Iterable[Status] | None,
              due_before: dt.date | None, due_after: dt.date | None, overdue: bool,
              include_drafts: bool, ids: list[int] | None) -> Select[Any]:
    """The listing's statement with every filter but the light."""
    from taizhang.store.documents import find_row

    if overdue and today is None:
        raise InputError("按超期或亮灯筛选需要指定日期", hint="请加 --today YYYY-MM-DD")
    q = _base()
    if document is not None:
        q = q.where(s.items.c.document_id == find_row(ctx, document).id)
    else:
        q = q.where(s.documents.c.current.is_(True))
        if not include_drafts:
            q = q.where(s.documents.c.state == DocState.PUBLISHED.value)
    if ids is not None:
        q = q.where(s.items.c.id.in_(ids))
    if jurisdiction:
        q = q.where(s.items.c.jurisdiction == jurisdiction)
    if unit:
        uid = unit_store.resolve(ctx, jurisdiction, unit).id
        as_lead = s.items.c.lead_unit_id == uid
        as_support = s.items.c.id.in_(select(s.item_support.c.item_id)
                                      .where(s.item_support.c.unit_id == uid))
        if role not in ("any", "lead", "support"):
            raise InputError(f"角色“{role}”无法识别", hint="可用 any、lead、support")
        q = q.where({"lead": as_lead, "support": as_support}.get(role, or_(as_lead, as_support)))
    if codes := _statuses(status):
        q = q.where(s.items.c.status.in_(codes))
    if due_before:
        q = q.where(s.items.c.due <= due_before)
    if due_after:
        q = q.where(s.items.c.due >= due_after)
    if overdue:
        q = q.where(and_(s.items.c.due < today, s.items.c.status.not_in(_NOT_OPEN)))
    return q


def search_ids(ctx: Ctx, query: str) -> list[int]:
    """Ids of the items whose title or text contains the query (every word of it), in no
    particular order; drafts and old versions included (callers filter)."""
    words = [w for w in query.split() if w]
    if not words:
        raise InputError("搜索词是空的", hint="请输入要查找的文字，例如：营商环境")
    if ctx.dialect == "sqlite" and all(len(w) >= 3 for w in words):
        # trigram FTS5: each word as a quoted phrase, so punctuation inside is literal
        match = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
        return list(ctx.conn.execute(text("SELECT rowid FROM items_fts WHERE items_fts MATCH :q"),
                                     {"q": match}).scalars())
    # on PostgreSQL the trigram GIN indexes of migration 0004 serve these ILIKEs
    cond = and_(*[or_(s.items.c.title.ilike(f"%{_escape(w)}%", escape="\\"),
                      s.items.c.text.ilike(f"%{_escape(w)}%", escape="\\")) for w in words])
    return list(ctx.conn.execute(select(s.items.c.id).where(cond)).scalars())


def search(ctx: Ctx, query: str, *, limit: int, today: dt.date | None,
           thresholds: LightThresholds) -> list[WorkItem]:
    """Items whose title or text contains the query (all words, for a space-separated query)."""
    ids = search_ids(ctx, query)
    if not ids:
        return []
    return list_items(ctx, thresholds=thresholds, today=today, unit=None, jurisdiction=None,
                      role="any", document=None, status=None, light=None, due_before=None,
                      due_after=None, overdue=False, include_drafts=False, limit=limit, ids=ids)


def _escape(word: str) -> str:
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def stats(ctx: Ctx, *, today: dt.date, jurisdiction: str | None,
          thresholds: LightThresholds) -> list[UnitStats]:
    found = list_items(ctx, thresholds=thresholds, today=today, unit=None,
                       jurisdiction=jurisdiction, role="any", document=None, status=None,
                       light=None, due_before=None, due_after=None, overdue=False,
                       include_drafts=False, limit=None)
    from taizhang.store.unit_stats import unit_stats

    return unit_stats(found, today)
