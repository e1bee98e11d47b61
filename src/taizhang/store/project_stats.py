"""排座次 in the store: the weights the office sets (kept in the database, audited) and the
figures per zone or unit (:mod:`taizhang.projects.indicators`) over the listed projects."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from sqlalchemy import delete, insert, select

from taizhang.projects.indicators import (
    DEFAULT_WEIGHTS,
    METRICS,
    GroupStats,
    OpenBlocker,
    check_weights,
    group_stats,
    rank,
)
from taizhang.projects.model import Project
from taizhang.store import audit
from taizhang.store.engine import Ctx
from taizhang.store.project_rows import open_blockers
from taizhang.store.project_schema import project_weights as w


def weights(ctx: Ctx) -> tuple[dict[str, float], bool]:
    """The weights in force and whether the office has set its own (else the defaults)."""
    saved = {r.metric: r.weight for r in ctx.conn.execute(select(w)) if r.metric in METRICS}
    return {m: saved.get(m, DEFAULT_WEIGHTS[m]) for m in METRICS}, bool(saved)


def set_weights(ctx: Ctx, values: Mapping[str, object] | None, *, actor: str) -> dict[str, float]:
    """Save the office's weights (every metric not named keeps its current weight); ``None``
    goes back to the defaults."""
    before, _ = weights(ctx)
    if values is None:
        ctx.conn.execute(delete(w))
        after = dict(DEFAULT_WEIGHTS)
    else:
        after = before | check_weights(values)
        ctx.conn.execute(delete(w))
        ctx.conn.execute(insert(w), [{"metric": m, "weight": v, "updated_by": actor,
                                      "updated_at": ctx.now} for m, v in after.items()])
    audit.record(ctx.conn, ctx.now, actor=actor, action="project.weights", entity="weights",
                 entity_id=None, before=before, after=after)
    return after


def blocker_facts(ctx: Ctx, today: dt.date, ids: Sequence[int] | None = None) -> list[OpenBlocker]:
    return [OpenBlocker(pid, max((today - r.raised_on).days, 0), r.reply_due < today)
            for pid, rows in open_blockers(ctx, ids).items() for r in rows]


def ranking(projects: Sequence[Project], blockers: Sequence[OpenBlocker],
            weights_: Mapping[str, float], *, by: str, year: int,
            today: dt.date) -> list[GroupStats]:
    """The groups ranked; ``projects`` are listed with their lights for ``today``."""
    groups = group_stats(projects, blockers, by=by, year=year, today=today)
    return rank(groups, weights_)
