"""开发区/园区: registered once per jurisdiction, with aliases and the unit that runs each.

A project names its zone as the office writes it (``经开区``, ``沈阳经济技术开发区``); an unknown
zone is refused with the known ones suggested, never created by a typo. Registering a zone
registers its 管委会 as a unit of the jurisdiction if the ledger does not know it yet (audited
as ``unit.create``), so the zone's own projects have a responsible unit from the start.
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select

from taizhang.errors import InputError, NotFound
from taizhang.ledger.names import closest
from taizhang.ledger.units import canonical_name, normalize
from taizhang.projects.model import Zone, ZoneLevel
from taizhang.store import audit, schema as s, units
from taizhang.store.engine import Ctx
from taizhang.store.project_schema import project_zone_aliases as za, project_zones as z


def _zones(ctx: Ctx, q: Any) -> list[Zone]:
    rows = ctx.conn.execute(q.add_columns(s.units.c.name.label("unit_name"))
                            .outerjoin(s.units, s.units.c.id == z.c.unit_id)).all()
    aliases: dict[int, list[str]] = {}
    for zone_id, alias in ctx.conn.execute(select(za.c.zone_id, za.c.alias).order_by(za.c.id)):
        aliases.setdefault(zone_id, []).append(alias)
    return [Zone(id=r.id, jurisdiction=r.jurisdiction, name=r.name, level=ZoneLevel(r.level),
                 district=r.district, unit=r.unit_name, aliases=tuple(aliases.get(r.id, ())),
                 unit_id=r.unit_id)
            for r in rows]


def list_zones(ctx: Ctx, jurisdiction: str | None = None) -> list[Zone]:
    q = select(z)
    if jurisdiction:
        q = q.where(z.c.jurisdiction == jurisdiction)
    return _zones(ctx, q.order_by(z.c.jurisdiction, z.c.name))


def get_zone(ctx: Ctx, zone_id: int) -> Zone:
    found = _zones(ctx, select(z).where(z.c.id == zone_id))
    if not found:
        raise NotFound(f"没有编号为 {zone_id} 的园区", hint="用 taizhang projects zones 查看")
    return found[0]


def known(ctx: Ctx) -> dict[tuple[str, str], int]:
    """(jurisdiction, name or alias) → zone id, for checking a whole sheet at once."""
    out = {(r.jurisdiction, r.name): r.id for r in ctx.conn.execute(select(z))}
    for r in ctx.conn.execute(select(za)):
        out.setdefault((r.jurisdiction, r.alias), r.zone_id)
    return out


def find(table: dict[tuple[str, str], int], jurisdiction: str | None, name: str) -> int | None:
    key = normalize(name)
    if jurisdiction:
        return table.get((jurisdiction, key))
    ids = {i for (_, n), i in table.items() if n == key}
    return ids.pop() if len(ids) == 1 else None


def unknown_zone(ctx: Ctx, jurisdiction: str | None, name: str) -> NotFound:
    """The closest registered names and aliases (经开园 → 经开区), as for every name that
    matches nothing (taizhang.ledger.names)."""
    names = list(dict.fromkeys(n for (j, n) in known(ctx) if not jurisdiction or j == jurisdiction))
    close = closest(normalize(name), names)
    where = f"{jurisdiction}" if jurisdiction else ""
    hint = (f"是不是：{'、'.join(close)}？" if close else "") + \
        "用 taizhang projects zones 查看已登记的园区，taizhang projects zone-add 登记新园区"
    return NotFound(f"{where}没有登记名为“{name}”的开发区/园区", hint=hint)


def resolve(ctx: Ctx, jurisdiction: str | None, name: str) -> Zone:
    units.check_jurisdiction(ctx, jurisdiction)  # 沈阳 for 沈阳市: say so, not "no such zone"
    zone_id = find(known(ctx), jurisdiction, name)
    if zone_id is None:
        raise unknown_zone(ctx, jurisdiction, name)
    return get_zone(ctx, zone_id)


def add_zone(ctx: Ctx, jurisdiction: str, name: str, *, level: ZoneLevel, district: str,
             unit: str | None, aliases: tuple[str, ...], actor: str) -> Zone:
    jurisdiction, key = jurisdiction.strip(), normalize(name)
    if not jurisdiction or not key:
        raise InputError("园区名称和所属地区都不能为空", hint="如：--jurisdiction 沈阳市 沈阳经济技术开发区")
    table = known(ctx)
    for word in (key, *map(normalize, aliases)):
        if (jurisdiction, word) in table:
            raise InputError(f"“{word}”已是{jurisdiction}某个园区的名称或简称", hint="请换一个名称")
    unit_name = canonical_name(unit) if unit else f"{key}管委会"
    unit_id = units.find_id(ctx, jurisdiction, unit_name)
    if unit_id is None:
        unit_id = units.ensure(ctx, jurisdiction, unit_name)
        audit.record(ctx.conn, ctx.now, actor=actor, action="unit.create", entity="unit",
                     entity_id=unit_id, after={"jurisdiction": jurisdiction, "unit": unit_name,
                                               "why": f"园区“{key}”的管理单位"})
    zone_id = ctx.conn.execute(insert(z).values(
        jurisdiction=jurisdiction, name=key, level=level.value, district=district.strip(),
        unit_id=unit_id, created_at=ctx.now).returning(z.c.id)).scalar_one()
    for alias in dict.fromkeys(map(normalize, aliases)):
        if alias and alias != key:
            ctx.conn.execute(insert(za).values(zone_id=zone_id, jurisdiction=jurisdiction,
                                               alias=alias))
    zone = get_zone(ctx, zone_id)
    audit.record(ctx.conn, ctx.now, actor=actor, action="project.zone", entity="zone",
                 entity_id=zone_id, after=zone.to_dict())
    return zone
