"""The unit registry: (jurisdiction, name) → unit, with aliases and merges.

Names are canonicalised (NFKC, 发改委 → 发展改革委) before lookup; a merged unit forwards to
the one it was merged into, so old names keep working.
"""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import func, insert, select, update

from taizhang.errors import InputError, NotFound
from taizhang.ledger.model import Unit
from taizhang.ledger.names import unknown_message
from taizhang.ledger.units import canonical_name
from taizhang.store import audit, bulk, schema as s
from taizhang.store.engine import Ctx


def _unit(ctx: Ctx, row: Any) -> Unit:
    aliases = tuple(ctx.conn.execute(
        select(s.unit_aliases.c.alias).where(s.unit_aliases.c.unit_id == row.id)
        .order_by(s.unit_aliases.c.id)).scalars())
    return Unit(id=row.id, jurisdiction=row.jurisdiction, name=row.name, aliases=aliases,
                merged_into=row.merged_into)


def get_unit(ctx: Ctx, unit_id: int) -> Unit:
    row = ctx.conn.execute(select(s.units).where(s.units.c.id == unit_id)).first()
    if row is None:
        raise NotFound(f"没有编号为 {unit_id} 的单位", hint="用 taizhang units 查看全部单位")
    return _unit(ctx, row)


def _follow(ctx: Ctx, unit_id: int) -> int:
    for _ in range(50):  # merges form chains, never cycles; the bound is a guard
        target = ctx.conn.execute(
            select(s.units.c.merged_into).where(s.units.c.id == unit_id)).scalar()
        if target is None:
            return unit_id
        unit_id = target
    return unit_id


def find_id(ctx: Ctx, jurisdiction: str | None, name: str) -> int | None:
    """The canonical unit id for a name or alias, or None."""
    canon = canonical_name(name)
    for table, column in ((s.units, s.units.c.name), (s.unit_aliases, s.unit_aliases.c.alias)):
        id_col = table.c.id if table is s.units else table.c.unit_id
        q = select(id_col, table.c.jurisdiction).where(column.in_({canon, name.strip()}))
        if jurisdiction:
            q = q.where(table.c.jurisdiction == jurisdiction)
        rows = ctx.conn.execute(q).all()
        ids = {_follow(ctx, r[0]) for r in rows}
        if len(ids) == 1:
            return ids.pop()
        if len(ids) > 1:
            places = "、".join(sorted({r[1] for r in rows}))
            raise InputError(f"单位“{name}”在多个地区都有（{places}）",
                             hint="请用 --jurisdiction 指定地区")
    return None


def jurisdictions(ctx: Ctx) -> list[str]:
    """Every place the ledger knows: those of its documents and of its units."""
    found = set(ctx.conn.execute(select(s.documents.c.jurisdiction).distinct()).scalars())
    found |= set(ctx.conn.execute(select(s.units.c.jurisdiction).distinct()).scalars())
    return sorted(found)


def check_jurisdiction(ctx: Ctx, jurisdiction: str | None) -> None:
    """NotFound, with the closest known places, for a place the ledger has never seen: a
    filter such as ``--jurisdiction 沈阳`` (for 沈阳市) must not quietly match nothing. The
    listings themselves filter without asking (a web page may show an empty place); the
    command line asks this first, and a unit is looked up in a known place only."""
    if not jurisdiction:
        return
    known = jurisdictions(ctx)
    if jurisdiction not in known:
        message, hint = unknown_message("地区", jurisdiction, known)
        raise NotFound(message, hint=hint)


def resolve(ctx: Ctx, jurisdiction: str | None, name: str) -> Unit:
    check_jurisdiction(ctx, jurisdiction)
    unit_id = find_id(ctx, jurisdiction, name)
    if unit_id is None:
        q = select(s.units.c.name).where(s.units.c.merged_into.is_(None))
        if jurisdiction:
            q = q.where(s.units.c.jurisdiction == jurisdiction)
        names = list(ctx.conn.execute(q).scalars())
        close = difflib.get_close_matches(canonical_name(name), names, n=3, cutoff=0.5)
        where = f"在“{jurisdiction}”" if jurisdiction else ""
        hint = (f"是不是：{'、'.join(close)}？" if close else "") + "用 taizhang units 查看全部单位"
        raise NotFound(f"{where}没有名为“{name}”的单位", hint=hint)
    return get_unit(ctx, unit_id)


# a document names the same few units over and over (and a batch of documents even more so)
_canonical = lru_cache(maxsize=16384)(canonical_name)


def ensure(ctx: Ctx, jurisdiction: str, name: str, cache: dict[str, int] | None = None) -> int:
    """The id of a unit named in a document, registering it on first sight."""
    canon = _canonical(name)
    if cache is not None and canon in cache:
        return cache[canon]
    # with a preloaded cache a miss means a new unit; without one, ask the database
    unit_id = find_id(ctx, jurisdiction, canon) if cache is None else None
    if unit_id is None:
        unit_id = ctx.conn.execute(insert(s.units).values(
            jurisdiction=jurisdiction, name=canon, created_at=ctx.now)
            .returning(s.units.c.id)).scalar_one()
    if cache is not None:
        cache[canon] = unit_id
    return unit_id


def register_all(ctx: Ctx, jurisdiction: str, names: Iterable[str], cache: dict[str, int]) -> None:
    """Register the names ``cache`` (a preloaded :func:`known` map) lacks, in one statement, and
    add them to it: a document naming a dozen new units costs one insert, not a dozen."""
    new = list(dict.fromkeys(c for c in map(_canonical, names) if c not in cache))
    if not new:
        return
    rows = [{"jurisdiction": jurisdiction, "name": name, "created_at": ctx.now} for name in new]
    if ctx.dialect == "sqlite":
        # the caller's transaction has written, so it holds SQLite's write lock: these ids are ours
        ids = bulk.next_ids(ctx, s.units, len(rows))
        bulk.insert_many(ctx, s.units, [r | {"id": i} for r, i in zip(rows, ids)])
    else:
        ids = ctx.conn.execute(insert(s.units).returning(s.units.c.id, sort_by_parameter_order=True),
                               rows).scalars().all()
    cache.update(zip(new, ids))


def known(ctx: Ctx, jurisdiction: str) -> dict[str, int]:
    """Every name and alias of the jurisdiction → canonical unit id: one query per ingest
    instead of several per unit mention."""
    merged = dict(ctx.conn.execute(select(s.units.c.id, s.units.c.merged_into)
                                   .where(s.units.c.jurisdiction == jurisdiction)).all())

    def final(unit_id: int) -> int:
        seen = 0
        while merged.get(unit_id) is not None and seen < 50:
            unit_id, seen = merged[unit_id], seen + 1  # type: ignore[assignment]
        return unit_id

    out = {name: final(i) for i, name in ctx.conn.execute(
        select(s.units.c.id, s.units.c.name).where(s.units.c.jurisdiction == jurisdiction))}
    for i, alias in ctx.conn.execute(select(s.unit_aliases.c.unit_id, s.unit_aliases.c.alias)
                                     .where(s.unit_aliases.c.jurisdiction == jurisdiction)):
        out.setdefault(alias, final(i))
    return out


class Registry:
    """The name → unit id maps of :func:`known`, kept across the ingests of one Ledger.

    A batch of documents from one place names the same units again and again; reading the
    whole registry of the place for each document cost more than storing its items. A map is
    used while the unit tables are as they were when it was read: any new or removed unit, alias or merge,
    by this process or another, changes the token and the maps are read afresh. Each ingest
    gets its own copy, so units it registers in a transaction that is later rolled back never
    reach another ingest.
    """

    def __init__(self) -> None:
        self._token: tuple[Any, ...] | None = None
        self._maps: dict[str, dict[str, int]] = {}

    def names(self, ctx: Ctx, jurisdiction: str) -> dict[str, int]:
        token = tuple(ctx.conn.execute(select(
            select(func.max(s.units.c.id)).scalar_subquery(),
            select(func.max(s.unit_aliases.c.id)).scalar_subquery(),
            select(func.count()).select_from(s.units)
            .where(s.units.c.merged_into.is_not(None)).scalar_subquery(),
            # units removed (taizhang jurisdictions --apply drops the ones left unused)
            select(func.count()).select_from(s.units).scalar_subquery())).one())
        if token != self._token:
            self._token, self._maps = token, {}
        found = self._maps.get(jurisdiction)
        if found is None:
            found = self._maps[jurisdiction] = known(ctx, jurisdiction)
        return dict(found)


def list_units(ctx: Ctx, *, jurisdiction: str | None, include_merged: bool) -> list[Unit]:
    q = select(s.units)
    if jurisdiction:
        q = q.where(s.units.c.jurisdiction == jurisdiction)
    if not include_merged:
        q = q.where(s.units.c.merged_into.is_(None))
    rows = ctx.conn.execute(q.order_by(s.units.c.jurisdiction, s.units.c.name)).all()
    aliases: dict[int, list[str]] = {}
    for unit_id, alias in ctx.conn.execute(
            select(s.unit_aliases.c.unit_id, s.unit_aliases.c.alias).order_by(s.unit_aliases.c.id)):
        aliases.setdefault(unit_id, []).append(alias)
    return [Unit(id=r.id, jurisdiction=r.jurisdiction, name=r.name,
                 aliases=tuple(aliases.get(r.id, ())), merged_into=r.merged_into) for r in rows]


def add_alias(ctx: Ctx, jurisdiction: str | None, alias: str, unit: str, *, actor: str) -> Unit:
    target = resolve(ctx, jurisdiction, unit)
    canon = canonical_name(alias)
    if find_id(ctx, target.jurisdiction, canon) is not None:
        raise InputError(f"“{alias}”已经是{target.jurisdiction}某个单位的名称或别名",
                         hint="要把两个单位合并，请用 taizhang units merge")
    ctx.conn.execute(insert(s.unit_aliases).values(
        unit_id=target.id, jurisdiction=target.jurisdiction, alias=canon))
    audit.record(ctx.conn, ctx.now, actor=actor, action="unit.alias", entity="unit",
                 entity_id=target.id, before=None,
                 after={"jurisdiction": target.jurisdiction, "unit": target.name, "alias": canon})
    return get_unit(ctx, target.id)


def merge(ctx: Ctx, jurisdiction: str | None, source: str, into: str, *, actor: str) -> Unit:
    src = resolve(ctx, jurisdiction, source)
    dst = resolve(ctx, jurisdiction or src.jurisdiction, into)
    if src.id == dst.id:
        raise InputError(f"“{source}”和“{into}”已是同一个单位", hint="无需合并")
    if src.jurisdiction != dst.jurisdiction:
        raise InputError(f"不能合并不同地区的单位（{src.jurisdiction} 与 {dst.jurisdiction}）")
    moved = _move_items(ctx, src.id, dst.id)
    ctx.conn.execute(update(s.unit_aliases).where(s.unit_aliases.c.unit_id == src.id)
                     .values(unit_id=dst.id))
    ctx.conn.execute(update(s.units).where(s.units.c.id == src.id).values(merged_into=dst.id))
    ctx.conn.execute(update(s.users).where(s.users.c.unit_id == src.id).values(unit_id=dst.id))
    audit.record(ctx.conn, ctx.now, actor=actor, action="unit.merge", entity="unit",
                 entity_id=dst.id, before={"unit": src.name, "id": src.id},
                 after={"unit": dst.name, "id": dst.id, "items_moved": moved})
    return get_unit(ctx, dst.id)


def _move_items(ctx: Ctx, src: int, dst: int) -> int:
    conn = ctx.conn
    moved = conn.execute(update(s.items).where(s.items.c.lead_unit_id == src)
                         .values(lead_unit_id=dst)).rowcount
    rows = conn.execute(select(s.item_support.c.item_id, s.item_support.c.position)
                        .where(s.item_support.c.unit_id == src)).all()
    for item_id, position in rows:
        conn.execute(s.item_support.delete().where((s.item_support.c.item_id == item_id)
                                                   & (s.item_support.c.unit_id == src)))
        lead = conn.execute(select(s.items.c.lead_unit_id).where(s.items.c.id == item_id)).scalar()
        exists = conn.execute(select(s.item_support.c.item_id).where(
            (s.item_support.c.item_id == item_id) & (s.item_support.c.unit_id == dst))).first()
        if not exists and lead != dst:
            conn.execute(insert(s.item_support).values(item_id=item_id, unit_id=dst,
                                                       position=position))
    # reports keep the unit that wrote them: history is not rewritten by a merge
    # an item whose lead is now dst no longer lists dst among its supporters
    led = select(s.items.c.id).where(s.items.c.lead_unit_id == dst)
    conn.execute(s.item_support.delete().where((s.item_support.c.unit_id == dst)
                                               & s.item_support.c.item_id.in_(led)))
    return moved + len(rows)
