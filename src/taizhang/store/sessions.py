"""Server-side login sessions and the instance secret (tables of migration 0006).

Rows are keyed by the SHA-256 of the cookie's token: the web layer hashes the token before it
asks, so the database never holds a usable cookie. Expired rows are deleted when they are met
and, in bulk, at every login.
"""
from __future__ import annotations

import datetime as dt
import secrets
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from taizhang.errors import NotFound
from taizhang.ledger.sessions import LoginSession, SessionPolicy
from taizhang.store import audit, schema as s
from taizhang.store.engine import Ctx

MAX_PER_USER = 20  # a user's newest sessions kept; older ones end at the next login
SECRET_KEY = "secret"

_FIND = (select(s.sessions.c.user_id, s.sessions.c.csrf, s.sessions.c.created_at,
                s.sessions.c.seen_at, s.users.c.username, s.users.c.role, s.users.c.unit_id,
                s.units.c.name.label("unit_name"),
                s.units.c.jurisdiction.label("unit_jurisdiction"))
         .join(s.users, s.users.c.id == s.sessions.c.user_id)
         .outerjoin(s.units, s.units.c.id == s.users.c.unit_id))


def create(ctx: Ctx, digest: str, *, username: str, csrf: str, address: str,
           policy: SessionPolicy) -> None:
    """A new session for ``username``; also ends expired sessions and the user's oldest
    beyond :data:`MAX_PER_USER`."""
    conn = ctx.conn
    user_id = conn.execute(select(s.users.c.id).where(s.users.c.username == username)).scalar()
    if user_id is None:
        raise NotFound(f"没有用户“{username}”", hint="用 taizhang users list 查看用户")
    purge(conn, ctx.now, policy)
    conn.execute(insert(s.sessions).values(id=digest, user_id=user_id, csrf=csrf,
                                           created_at=ctx.now, seen_at=ctx.now,
                                           address=address[:64]))
    keep = select(s.sessions.c.id).where(s.sessions.c.user_id == user_id) \
        .order_by(s.sessions.c.created_at.desc(), s.sessions.c.id).limit(MAX_PER_USER)
    conn.execute(delete(s.sessions).where((s.sessions.c.user_id == user_id)
                                          & s.sessions.c.id.not_in(keep.scalar_subquery())))


def find(ctx: Ctx, digest: str, policy: SessionPolicy) -> LoginSession | None:
    """The live session with this token digest; an expired one is deleted and None returned."""
    row = ctx.conn.execute(_FIND.where(s.sessions.c.id == digest)).first()
    if row is None:
        return None
    if policy.expired(row.created_at, row.seen_at, ctx.now):
        ctx.conn.execute(delete(s.sessions).where(s.sessions.c.id == digest))
        return None
    seen = row.seen_at
    if policy.needs_touch(seen, ctx.now):
        seen = ctx.now
        ctx.conn.execute(update(s.sessions).where(s.sessions.c.id == digest).values(seen_at=seen))
    return LoginSession(user_id=row.user_id, username=row.username, role=row.role,
                        unit_id=row.unit_id, unit_name=row.unit_name,
                        unit_jurisdiction=row.unit_jurisdiction, csrf=row.csrf,
                        created_at=row.created_at, seen_at=seen)


def end(conn: Connection, digest: str) -> bool:
    return bool(conn.execute(delete(s.sessions).where(s.sessions.c.id == digest)).rowcount)


def end_for_user(ctx: Ctx, username: str, *, actor: str, reason: str) -> int:
    """End every session of a user (an administrator's revocation, a new password); audited."""
    user_id = ctx.conn.execute(select(s.users.c.id)
                               .where(s.users.c.username == username.strip())).scalar()
    if user_id is None:
        raise NotFound(f"没有用户“{username}”", hint="用 taizhang users list 查看用户")
    ended = ctx.conn.execute(delete(s.sessions).where(s.sessions.c.user_id == user_id)).rowcount
    audit.record(ctx.conn, ctx.now, actor=actor, action="user.sessions_end", entity="user",
                 entity_id=user_id, after={"username": username.strip(), "ended": ended,
                                           "reason": reason})
    return int(ended or 0)


def counts(conn: Connection, now: dt.datetime, policy: SessionPolicy) -> dict[int, int]:
    """Live sessions per user id (for the administrator's user list)."""
    q = (select(s.sessions.c.user_id, func.count())
         .where(s.sessions.c.seen_at > now - policy.idle,
                s.sessions.c.created_at > now - policy.absolute)
         .group_by(s.sessions.c.user_id))
    return {int(uid): int(n) for uid, n in conn.execute(q)}


def purge(conn: Connection, now: dt.datetime, policy: SessionPolicy) -> int:
    gone = conn.execute(delete(s.sessions).where((s.sessions.c.seen_at <= now - policy.idle)
                                                 | (s.sessions.c.created_at
                                                    <= now - policy.absolute)))
    return int(gone.rowcount or 0)


def instance_secret(ctx: Ctx) -> str:
    """The ledger's own secret, made on first use: 48 random bytes, URL-safe."""
    found = ctx.conn.execute(select(s.instance.c.value)
                             .where(s.instance.c.key == SECRET_KEY)).scalar()
    if found:
        return str(found)
    made = secrets.token_urlsafe(48)
    try:
        with ctx.conn.begin_nested():  # two workers starting at once: one insert wins
            ctx.conn.execute(insert(s.instance).values(key=SECRET_KEY, value=made,
                                                       created_at=ctx.now))
    except IntegrityError:
        pass
    return str(ctx.conn.execute(select(s.instance.c.value)
                                .where(s.instance.c.key == SECRET_KEY)).scalar_one())


def stored_secret(conn: Connection) -> str | None:
    found = conn.execute(select(s.instance.c.value).where(s.instance.c.key == SECRET_KEY))
    value = found.scalar()
    return str(value) if value else None


__all__ = ["create", "end", "end_for_user", "find", "instance_secret", "purge"]
