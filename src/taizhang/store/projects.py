"""``ProjectRegister``: the one door to the stored 项目库, beside the Ledger and on its database.

    from taizhang.store import Ledger
    with Ledger("sqlite:///taizhang.db") as ledger:
        reg = ledger.projects
        reg.add_zone("沈阳市", "沈阳经济技术开发区", level=ZoneLevel.NATIONAL, actor="cli:督查室")
        found = reg.list_projects(today=date(2026, 3, 1), zone="沈阳经济技术开发区")

Every method runs in its own transaction and returns :mod:`taizhang.projects.model` objects.
Units, users and the audit trail are the ledger's own; writes take an ``actor`` for the trail,
and anything that depends on the day takes ``today``.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from taizhang.ledger.model import AuditEntry, Light
from taizhang.projects.indicators import GroupStats
from taizhang.projects.lights import ProjectThresholds
from taizhang.projects.model import (
    Blocker,
    BlockerLevel,
    BlockerState,
    Project,
    ProjectDraft,
    ProjectReport,
    ReportUpdate,
    Stage,
    Zone,
    ZoneLevel,
)
from taizhang.store import audit, units
from taizhang.store import project_blockers as blockers
from taizhang.store import project_reports as reports
from taizhang.store import project_rows as rows
from taizhang.store import project_stats as stats
from taizhang.store import project_write as write
from taizhang.store import project_zones as zones
from taizhang.store.engine import Ctx


class ProjectRegister:
    """The register on ``ledger``'s database (see :attr:`taizhang.store.Ledger.projects`)."""

    def __init__(self, ledger: Any, *, thresholds: ProjectThresholds | None = None) -> None:
        """``thresholds`` light the projects (default: from the ledger's, TAIZHANG_YELLOW_DAYS …);
        the web app passes its own settings' (create_app)."""
        self.ledger = ledger
        self.engine = ledger.engine
        self.thresholds = thresholds or ProjectThresholds.from_lights(ledger.thresholds)

    def _ctx(self, conn: Any) -> Ctx:
        return self.ledger._ctx(conn)  # noqa: SLF001 - one clock and dialect for both

    # zones --------------------------------------------------------------------------------------

    def add_zone(self, jurisdiction: str, name: str, *, level: ZoneLevel = ZoneLevel.OTHER,
                 district: str = "", unit: str | None = None, aliases: Sequence[str] = (),
                 actor: str) -> Zone:
        """Register a 开发区/园区; its 管委会 (``unit``, default ``<name>管委会``) becomes a unit."""
        with self.engine.begin() as conn:
            return zones.add_zone(self._ctx(conn), jurisdiction, name, level=level,
                                  district=district, unit=unit, aliases=tuple(aliases),
                                  actor=actor)

    def zones(self, jurisdiction: str | None = None) -> list[Zone]:
        with self.engine.connect() as conn:
            return zones.list_zones(self._ctx(conn), jurisdiction)

    def zone(self, jurisdiction: str | None, name: str) -> Zone:
        """By name or alias; NotFound with the closest names."""
        with self.engine.connect() as conn:
            return zones.resolve(self._ctx(conn), jurisdiction, name)

    # projects -----------------------------------------------------------------------------------

    def plan_import(self, drafts: Sequence[ProjectDraft], *, today: dt.date,
                    jurisdiction: str | None = None) -> write.ImportPlan:
        """What importing ``drafts`` would do, every row checked; nothing is written."""
        with self.engine.connect() as conn:
            return write.plan_drafts(self._ctx(conn), drafts, jurisdiction=jurisdiction,
                                     today=today)

    def import_drafts(self, drafts: Sequence[ProjectDraft], *, actor: str, today: dt.date,
                      jurisdiction: str | None = None, partial: bool = False,
                      source: str = "导入的项目",
                      problems: Sequence[Any] = ()) -> write.ImportResult:
        """Add new projects and update known ones (by name in the jurisdiction, or by the id
        of our own export). Any refused row → nothing written and SheetError, unless
        ``partial``: then the good rows are written and the refused ones returned.
        ``problems`` are the rows a sheet reader already refused (bad cells)."""
        from taizhang.projects.problems import refusal

        with self.engine.begin() as conn:
            ctx = self._ctx(conn)
            plan = write.plan_drafts(ctx, drafts, jurisdiction=jurisdiction, today=today)
            # the reader's problems (bad cells) and the register's (unknown zone …), by row
            plan.problems = sorted([*problems, *plan.problems], key=lambda p: p.row or 0)
            if plan.problems and not partial:
                raise refusal(plan.problems, source)
            return write.write_plan(ctx, plan, actor=actor)

    def add(self, draft: ProjectDraft, *, actor: str, today: dt.date) -> Project:
        """One new project; InputError (with every problem) when it cannot be registered."""
        from taizhang.errors import InputError

        with self.engine.begin() as conn:
            ctx = self._ctx(conn)
            plan = write.plan_drafts(ctx, [draft], jurisdiction=draft.jurisdiction, today=today)
            if plan.problems:
                raise InputError("；".join(
                    (f"“{p.column}”：" if p.column else "") + p.message for p in plan.problems))
            if not plan.new:
                raise InputError(f"项目“{draft.name}”已在项目库中",
                                 hint="修改项目请用导入或 taizhang projects plan/stage")
            done = write.write_plan(ctx, plan, actor=actor)
            return rows.get_project(ctx, done.added[0])

    def get(self, project_id: int, *, today: dt.date | None = None) -> Project:
        with self.engine.connect() as conn:
            return rows.get_project(self._ctx(conn), project_id, today=today,
                                    th=self.thresholds)

    def list_projects(self, *, today: dt.date | None = None, year: int | None = None,
             jurisdiction: str | None = None, zone: str | None = None, unit: str | None = None,
             stages: Sequence[Stage] | None = None, industry: str | None = None,
             query: str | None = None, light: Light | None = None, task_id: int | None = None,
             ids: Sequence[int] | None = None, limit: int | None = None,
             offset: int | None = None) -> list[Project]:
        """Projects in register order, filtered; with ``today`` each carries its light.

        ``zone`` and ``unit`` are names or aliases (NotFound for an unknown one); ``light``
        needs ``today``; ``year`` (default today's) is the year of ``year_done``.
        """
        with self.engine.connect() as conn:
            ctx = self._ctx(conn)
            kw = self._filters(ctx, jurisdiction, zone, unit)
            return rows.list_projects(ctx, today=today, th=self.thresholds, year=year,
                                      light=light, limit=limit, offset=offset, stages=stages,
                                      industry=industry, query=query, task_id=task_id,
                                      ids=ids, **kw)

    def count_projects(self, *, jurisdiction: str | None = None, zone: str | None = None,
              unit: str | None = None, stages: Sequence[Stage] | None = None,
              industry: str | None = None, query: str | None = None) -> int:
        with self.engine.connect() as conn:
            ctx = self._ctx(conn)
            return rows.count_projects(ctx, stages=stages, industry=industry, query=query,
                                       **self._filters(ctx, jurisdiction, zone, unit))

    @staticmethod
    def _filters(ctx: Ctx, jurisdiction: str | None, zone: str | None,
                 unit: str | None) -> dict[str, Any]:
        kw: dict[str, Any] = {"jurisdiction": jurisdiction}
        if zone:
            kw["zone_id"] = zones.resolve(ctx, jurisdiction, zone).id
        if unit:
            kw["unit_id"] = units.resolve(ctx, jurisdiction, unit).id
        return kw

    def move_stage(self, project_id: int, stage: Stage, *, actor: str, today: dt.date,
                   on: dt.date | None = None, unit: str | None = None,
                   expected_version: int | None = None, note: str = "") -> Project:
        """One step forward through the lifecycle, as ``unit`` (its own projects only) or as
        the office; back or skipping → IllegalTransition; a stale version → StaleEdit."""
        with self.engine.begin() as conn:
            return write.move_stage(self._ctx(conn), project_id, stage, on=on, today=today,
                                    actor=actor, unit=unit, expected_version=expected_version,
                                    note=note)

    def set_plan(self, project_id: int, stage: Stage, planned: dt.date | None, *, actor: str,
                 unit: str | None = None, expected_version: int | None = None) -> Project:
        with self.engine.begin() as conn:
            return write.set_plan(self._ctx(conn), project_id, stage, planned, actor=actor,
                                  unit=unit, expected_version=expected_version)

    def link_task(self, project_id: int, task_id: int | None, *, actor: str) -> Project:
        """Tie a project to the ledger task it serves (None unties it)."""
        with self.engine.begin() as conn:
            return write.link_task(self._ctx(conn), project_id, task_id, actor=actor)

    # monthly reports ----------------------------------------------------------------------------

    def report(self, update: ReportUpdate, *, actor: str, today: dt.date) -> ProjectReport:
        return self.apply_reports([update], actor=actor, today=today)[0]

    def apply_reports(self, updates: Sequence[ReportUpdate], *, actor: str, today: dt.date,
                      source: str | None = None) -> list[ProjectReport]:
        """Many reports all-or-nothing (a fill-in sheet): any refusal rolls back all of them;
        with ``source`` every refused row is named in one SheetError."""
        with self.engine.begin() as conn:
            return reports.apply(self._ctx(conn), updates, actor=actor, today=today,
                                 source=source)

    def reports(self, project_id: int) -> list[ProjectReport]:
        with self.engine.connect() as conn:
            return reports.reports(self._ctx(conn), project_id)

    def latest_reports(self, project_ids: Sequence[int]) -> dict[int, ProjectReport]:
        with self.engine.connect() as conn:
            return reports.latest(self._ctx(conn), project_ids)

    # blockers -----------------------------------------------------------------------------------

    def raise_blocker(self, project_id: int, title: str, *, actor: str, today: dt.date,
                      detail: str = "", unit: str | None = None, by_unit: str | None = None,
                      level: BlockerLevel = BlockerLevel.ZONE,
                      reply_due: dt.date | None = None) -> Blocker:
        """Number (问题〔<year>〕<n>号) and record a blocker; ``unit`` is asked to solve it
        (default: the zone's 管委会 at 园区 level), ``by_unit`` raises it for its own project."""
        with self.engine.begin() as conn:
            return blockers.raise_blocker(self._ctx(conn), project_id, title=title,
                                          detail=detail, unit=unit, by_unit=by_unit,
                                          level=level, reply_due=reply_due, actor=actor,
                                          today=today)

    def reply_blocker(self, ref: int | str, text: str, *, actor: str,
                      unit: str | None = None) -> Blocker:
        with self.engine.begin() as conn:
            return blockers.reply(self._ctx(conn), ref, unit=unit, text=text, actor=actor)

    def solve_blocker(self, ref: int | str, solution: str, *, actor: str, today: dt.date,
                      unit: str | None = None) -> Blocker:
        with self.engine.begin() as conn:
            return blockers.solve(self._ctx(conn), ref, unit=unit, solution=solution,
                                  actor=actor, today=today)

    def close_blocker(self, ref: int | str, *, actor: str, today: dt.date,
                      note: str = "") -> Blocker:
        """销号 (office only, once solved)."""
        with self.engine.begin() as conn:
            return blockers.close(self._ctx(conn), ref, actor=actor, today=today, note=note)

    def reopen_blocker(self, ref: int | str, *, actor: str, today: dt.date,
                       reason: str = "") -> Blocker:
        with self.engine.begin() as conn:
            return blockers.reopen(self._ctx(conn), ref, actor=actor, reason=reason, today=today)

    def escalate_blocker(self, ref: int | str, *, actor: str, today: dt.date,
                         unit: str | None = None, reason: str = "",
                         reply_due: dt.date | None = None) -> Blocker:
        with self.engine.begin() as conn:
            return blockers.escalate(self._ctx(conn), ref, actor=actor, today=today, unit=unit,
                                     reason=reason, reply_due=reply_due)

    def escalate_due(self, *, actor: str, today: dt.date) -> list[tuple[Blocker, list[Any]]]:
        """Lift every unsolved blocker whose deadline passed, one level per deadline missed."""
        with self.engine.begin() as conn:
            return blockers.escalate_due(self._ctx(conn), actor=actor, today=today)

    def blocker(self, ref: int | str) -> Blocker:
        with self.engine.connect() as conn:
            return blockers.get(self._ctx(conn), ref)

    def blockers(self, *, project_id: int | None = None,
                 states: frozenset[BlockerState] | None = None, year: int | None = None,
                 overdue_on: dt.date | None = None, zone: str | None = None,
                 unit: str | None = None, jurisdiction: str | None = None) -> list[Blocker]:
        with self.engine.connect() as conn:
            ctx = self._ctx(conn)
            kw = self._filters(ctx, jurisdiction, zone, unit)
            return blockers.list_blockers(ctx, project_id=project_id, states=states, year=year,
                                          overdue_on=overdue_on, zone_id=kw.get("zone_id"),
                                          unit_id=kw.get("unit_id"))

    # figures, history ---------------------------------------------------------------------------

    def weights(self) -> tuple[dict[str, float], bool]:
        with self.engine.connect() as conn:
            return stats.weights(self._ctx(conn))

    def set_weights(self, values: Mapping[str, object] | None, *, actor: str) -> dict[str, float]:
        with self.engine.begin() as conn:
            return stats.set_weights(self._ctx(conn), values, actor=actor)

    def ranking(self, *, by: str, today: dt.date, year: int | None = None,
                jurisdiction: str | None = None,
                projects: Sequence[Project] | None = None) -> list[GroupStats]:
        """Zones (``by="zone"``) or units ranked for ``year`` (default today's), with the
        plan's targets checked. ``projects`` listed for the same day and year may be handed
        in (the web keeps them) so they are not listed again."""
        year = year or today.year
        listed = projects if projects is not None else self.list_projects(
            today=today, year=year, jurisdiction=jurisdiction)
        with self.engine.connect() as conn:
            ctx = self._ctx(conn)
            ids = [p.id for p in listed]
            wanted = set(ids)
            facts = [b for b in stats.blocker_facts(ctx, today, ids if len(ids) < 500 else None)
                     if b.project_id in wanted]
            current, _ = stats.weights(ctx)
        return stats.ranking(listed, facts, current, by=by, year=year, today=today)

    def changes_since(self, audit_id: int) -> tuple[int, set[str], set[int]]:
        """The newest audit id, the actions and the projects touched after ``audit_id``."""
        with self.engine.connect() as conn:
            return rows.changes_since(self._ctx(conn), audit_id)

    def history(self, project_id: int) -> list[AuditEntry]:
        """Every trail entry of a project (its blockers included), oldest first."""
        with self.engine.connect() as conn:
            rows.get_project(self._ctx(conn), project_id)
            return audit.entries(conn, entity="project", entity_id=project_id)
