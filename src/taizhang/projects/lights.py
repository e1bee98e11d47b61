"""亮灯 for a project on a given day: computed, never stored, like the task ledger's lights.

- red: a blocker past its reply deadline and unsolved; or the planned date of a stage not yet
  reached has passed (behind plan: 计划6月开工, 7月仍未开工);
- yellow: a planned stage within ``yellow_days``; stalled in one stage ``stall_days`` or more;
  the year's investment behind 序时进度 by ``lag_percent`` points (from 开工 on); last month's
  report missing ``report_grace_days`` into this month (from 签约 on, projects report
  monthly); an open blocker;
- green otherwise; a project at 达产 with no late blocker is green.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from taizhang.config import LightThresholds
from taizhang.ledger.model import Light
from taizhang.projects.model import STAGES, Project, Stage


@dataclass(frozen=True, slots=True)
class ProjectThresholds:
    yellow_days: int = 15
    lag_percent: int = 20
    report_grace_days: int = 5  # days into a month by which last month's report is due
    stall_days: int = 180  # half a year in one stage before 达产 is worth a look

    @classmethod
    def from_lights(cls, lights: LightThresholds, *, stall_days: int = 180) -> "ProjectThresholds":
        """The task ledger's thresholds (TAIZHANG_YELLOW_DAYS …) apply to projects as well."""
        return cls(lights.yellow_days, lights.lag_percent, lights.report_grace_days, stall_days)


REPORTING_FROM = Stage.SIGNED  # 签约项目建立台账 (seed 001 item 11): monthly reports from here on


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def previous_month(day: dt.date) -> dt.date:
    """The first day of the month before ``day``'s."""
    first = month_start(day)
    return month_start(first - dt.timedelta(days=1))


def expected_share(today: dt.date) -> float:
    """序时进度 of a year's plan on ``today``: the share of the year gone, 0–100."""
    start = dt.date(today.year, 1, 1)
    days = (dt.date(today.year + 1, 1, 1) - start).days
    return 100.0 * (today - start).days / days


def assess(p: Project, today: dt.date, th: ProjectThresholds, *,
           first_overdue: tuple[str, int] | None = None) -> tuple[Light, tuple[str, ...]]:
    """The light and its reasons. ``p`` carries ``year_done``, ``open_blockers`` and
    ``overdue_blockers`` for ``today``; ``first_overdue`` is the oldest late blocker's number
    and days late, for the message."""
    red: list[str] = []
    if p.overdue_blockers:
        which = (f"（{first_overdue[0]}逾期{first_overdue[1]}天）" if first_overdue else "")
        red.append(f"受阻问题逾期未解决{p.overdue_blockers}个{which}")
    late = _late_stage(p, today)
    if late is not None:
        stage, planned = late
        red.append(f"计划{planned.isoformat()}{stage.label}，已逾期{(today - planned).days}天")
    if red:
        return Light.RED, tuple(red)
    if p.stage is Stage.AT_CAPACITY:
        return Light.GREEN, ("已达产",)
    yellow: list[str] = []
    nxt = _next_planned(p)
    if nxt is not None and 0 <= (nxt[1] - today).days <= th.yellow_days:
        yellow.append(f"距计划{nxt[0].label}还有{(nxt[1] - today).days}天")
    since = p.actual(p.stage)
    if since is not None and (today - since).days >= th.stall_days:
        yellow.append(f"在“{p.stage.label}”阶段已停留{(today - since).days}天")
    if p.annual and p.annual_year == today.year and p.year_done is not None and \
            p.stage.order >= Stage.STARTED.order:  # before 开工 little is spent, whatever the plan
        done = 100.0 * p.year_done / p.annual
        expected = expected_share(today)
        if done + th.lag_percent < expected:
            yellow.append(f"年度投资完成{done:.0f}%，落后序时进度{expected:.0f}%")
    if p.stage.order >= REPORTING_FROM.order and today.day > th.report_grace_days:
        due_month = previous_month(today)
        signed = p.actual(REPORTING_FROM)
        if (p.last_month is None or p.last_month < due_month) and \
                (signed is None or signed < month_start(today)):
            yellow.append(f"缺{due_month.year}年{due_month.month}月月报")
    if p.open_blockers:
        yellow.append(f"有{p.open_blockers}个受阻问题待解决")
    return (Light.YELLOW if yellow else Light.GREEN), tuple(yellow)


def with_light(p: Project, today: dt.date, th: ProjectThresholds, *,
               first_overdue: tuple[str, int] | None = None) -> Project:
    value, reasons = assess(p, today, th, first_overdue=first_overdue)
    return replace(p, light=value, light_reasons=reasons)


def _late_stage(p: Project, today: dt.date) -> tuple[Stage, dt.date] | None:
    """The first stage ahead of the project whose planned date has passed."""
    for stage in STAGES[p.stage.order + 1:]:
        planned = p.planned(stage)
        if planned is not None and planned < today:
            return stage, planned
    return None


def _next_planned(p: Project) -> tuple[Stage, dt.date] | None:
    for stage in STAGES[p.stage.order + 1:]:
        planned = p.planned(stage)
        if planned is not None:
            return stage, planned
    return None
