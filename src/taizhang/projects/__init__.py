"""The project register (项目库), pure: key projects from 策划储备 to 达产 and their blockers.

Seed 001 asks for it (items 7, 11, 15, 16, 27): a register of projects with a lifecycle, a
named person per project, 挂图作战, blockers 分级解决、编号管理、全程督办, and 以项目论英雄、排座次.
This package holds the rules only — no database, no files, no clock:

    model       the domain objects (Project, ProjectReport, Blocker, Zone) and their codes
    lifecycle   the stage table: 策划储备 → 洽谈 → 签约 → 注册 → 开工 → 投产 → 达产
    amounts     money as offices write it (5.2亿元, 3,500万元) ⇄ whole 元
    blockers    the ladder 园区 → 区县 → 市级 → 市领导, numbering 问题〔2026〕12号, states
    lights      亮灯 for a project on a given day
    indicators  per-zone and per-unit figures, targets and the weighted ranking (排座次)
    timeline    the 挂图作战 chart's geometry (planned against actual), for any renderer

The store (``taizhang.store.projects``) keeps them, the CLI (``taizhang projects``) and the web
pages (``/projects``) are thin adapters, and the exports write and read the sheets and reports.
"""
from __future__ import annotations

from taizhang.projects.model import (
    Blocker,
    BlockerLevel,
    BlockerReply,
    BlockerState,
    Project,
    ProjectReport,
    Stage,
    StageDate,
    Zone,
    ZoneLevel,
)

__all__ = [
    "Blocker",
    "BlockerLevel",
    "BlockerReply",
    "BlockerState",
    "Project",
    "ProjectReport",
    "Stage",
    "StageDate",
    "Zone",
    "ZoneLevel",
]
