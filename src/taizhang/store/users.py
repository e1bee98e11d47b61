"""Web users: the store keeps the hash string it is given; hashing is the web layer's job."""
from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from taizhang.errors import InputError, NotFound
from taizhang.ledger.model import Role, User
from taizhang.store import audit, schema as s
from taizhang.store.engine import Ctx

_COLUMNS = [*s.users.c, s.units.c.name.label("unit_name")]


def _user(r: Any) -> User:
    return User(id=r.id, username=r.username, password_hash=r.password_hash, role=Role(r.role),
                unit_id=r.unit_id, created_at=r.created_at, unit=r.unit_name)


def _select() -> Any:
    return select(*_COLUMNS).outerjoin(s.units, s.units.c.id == s.users.c.unit_id)


def get(conn: Connection, username: str) -> User | None:
    row = conn.execute(_select().where(s.users.c.username == username.strip())).first()
    return _user(row) if row else None


def list_all(conn: Connection) -> list[User]:
    return [_user(r) for r in conn.execute(_select().order_by(s.users.c.username))]


def create(ctx: Ctx, username: str, password_hash: str, role: Role, *, unit_id: int | None,
           actor: str) -> User:
    name = username.strip()
    if not name:
        raise InputError("用户名是空的", hint="请给出用户名")
    if get(ctx.conn, name) is not None:
        raise InputError(f"用户“{name}”已存在", hint="请换一个用户名")
    if role is Role.REPORTER and unit_id is None:
        raise InputError(f"填报员“{name}”必须属于一个单位", hint="请指定单位")
    if unit_id is not None and ctx.conn.execute(
            select(s.units.c.id).where(s.units.c.id == unit_id)).first() is None:
        raise NotFound(f"没有编号为 {unit_id} 的单位", hint="用 taizhang units 查看单位编号")
    user_id = ctx.conn.execute(insert(s.users).values(
        username=name, password_hash=password_hash, role=role.value, unit_id=unit_id,
        created_at=ctx.now).returning(s.users.c.id)).scalar_one()
    audit.record(ctx.conn, ctx.now, actor=actor, action="user.create", entity="user",
                 entity_id=user_id, after={"username": name, "role": role.value,
                                           "unit_id": unit_id})
    user = get(ctx.conn, name)
    assert user is not None
    return user


def set_hash(ctx: Ctx, username: str, password_hash: str, *, actor: str) -> User:
    user = get(ctx.conn, username)
    if user is None:
        raise NotFound(f"没有用户“{username}”", hint="用 taizhang users 查看用户")
    ctx.conn.execute(update(s.users).where(s.users.c.id == user.id)
                     .values(password_hash=password_hash))
    # a new password ends every session: a stolen cookie stops working with the old password
    ctx.conn.execute(delete(s.sessions).where(s.sessions.c.user_id == user.id))
    audit.record(ctx.conn, ctx.now, actor=actor, action="user.password", entity="user",
                 entity_id=user.id, after={"username": user.username})  # never the hash
    return get(ctx.conn, username) or user
