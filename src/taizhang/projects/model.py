"""The register's domain objects: frozen dataclasses the store returns and everything else reads.

As in :mod:`taizhang.ledger.model`, stable codes (``Stage.SIGNED == "signed"``) are kept apart
from the Chinese words (``Stage.SIGNED.label == "签约"``), and ``parse`` accepts the code, the
label and the other ways offices write it (``已签约``, ``在建`` …) — a table, not an if-chain.
Money is whole 元 (``int``), so 5.2亿元 and 52000万元 compare equal; the text as written is kept.
"""
from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


class Stage(str, Enum):
    """The lifecycle, in order (seed 001 item 11: 签约、注册、开工、投产、运营 … 达产达效)."""

    PLANNING = "planning"
    NEGOTIATING = "negotiating"
    SIGNED = "signed"
    REGISTERED = "registered"
    STARTED = "started"
    PRODUCING = "producing"
    AT_CAPACITY = "at_capacity"

    @property
    def label(self) -> str:
        return STAGE_WORDS[self][0]

    @property
    def order(self) -> int:
        return _ORDER[self]

    @classmethod
    def parse(cls, value: str) -> "Stage":
        """``parse("已开工") is Stage.STARTED``; ValueError for anything else."""
        found = _STAGE_INDEX.get(_key(value))
        if found is None:
            raise ValueError(value)
        return found


# code → (label, other ways sheets and people write it); the label comes first
STAGE_WORDS: dict[Stage, tuple[str, ...]] = {
    Stage.PLANNING: ("策划储备", "策划", "储备", "谋划", "包装策划", "策划包装", "储备项目"),
    Stage.NEGOTIATING: ("洽谈", "招商洽谈", "在谈", "洽谈中", "对接洽谈", "在谈项目"),
    Stage.SIGNED: ("签约", "已签约", "签约项目", "签约落地"),
    Stage.REGISTERED: ("注册", "已注册", "注册落地", "完成注册"),
    Stage.STARTED: ("开工", "已开工", "在建", "开工建设", "新开工", "续建"),
    Stage.PRODUCING: ("投产", "已投产", "竣工投产", "投产运营", "试生产", "运营"),
    Stage.AT_CAPACITY: ("达产", "已达产", "达产达效"),
}
STAGES: tuple[Stage, ...] = tuple(Stage)
_ORDER = {s: i for i, s in enumerate(STAGES)}
_STAGE_INDEX = {_key(w): s for s, words in STAGE_WORDS.items() for w in (s.value, *words)}


class ZoneLevel(str, Enum):
    """国家级 and 省级 开发区 carry different targets (seed 001: 50亿 / 20亿 projects a year)."""

    NATIONAL = "national"
    PROVINCIAL = "provincial"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"national": "国家级", "provincial": "省级", "other": "其他"}[self.value]

    @classmethod
    def parse(cls, value: str) -> "ZoneLevel":
        text = _key(value)
        for level in cls:
            if text in (level.value, level.label, level.label + "开发区", level.label[:-1]):
                return level
        raise ValueError(value)


class BlockerLevel(str, Enum):
    """The level at which a blocker is being solved, in escalation order (分级解决)."""

    ZONE = "zone"
    COUNTY = "county"
    CITY = "city"
    LEADER = "leader"

    @property
    def label(self) -> str:
        return LEVEL_WORDS[self][0]

    @classmethod
    def parse(cls, value: str) -> "BlockerLevel":
        """``parse("区县级") is BlockerLevel.COUNTY``; ValueError for anything else."""
        text = _key(value)
        for level, words in LEVEL_WORDS.items():
            if text == level.value or text in words:
                return level
        raise ValueError(value)


LEVEL_WORDS: dict[BlockerLevel, tuple[str, ...]] = {
    BlockerLevel.ZONE: ("园区", "园区级", "开发区", "开发区级"),
    BlockerLevel.COUNTY: ("区县", "区县级", "县区", "区县(市)"),
    BlockerLevel.CITY: ("市级", "市级部门", "市直部门"),
    BlockerLevel.LEADER: ("市领导", "市级领导", "市领导级"),
}


class BlockerState(str, Enum):
    OPEN = "open"
    ANSWERED = "answered"
    SOLVED = "solved"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {"open": "待解决", "answered": "已回复", "solved": "已解决",
                "closed": "已销号"}[self.value]

    @classmethod
    def parse(cls, value: str) -> "BlockerState":
        text = _key(value)
        for state in cls:
            if text in (state.value, state.label):
                return state
        raise ValueError(value)


UNSOLVED = frozenset({BlockerState.OPEN, BlockerState.ANSWERED})


@dataclass(frozen=True, slots=True)
class StageDate:
    """A stage's 计划 and 实际 dates (either may be unknown)."""

    planned: dt.date | None = None
    actual: dt.date | None = None


NO_DATES: tuple[StageDate, ...] = tuple(StageDate() for _ in STAGES)


@dataclass(frozen=True, slots=True)
class Zone:
    """A 开发区/园区 of a jurisdiction, with the unit that runs it (its 管委会)."""

    id: int
    jurisdiction: str
    name: str
    level: ZoneLevel = ZoneLevel.OTHER
    district: str = ""  # 所在区县
    unit: str | None = None
    aliases: tuple[str, ...] = ()
    unit_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "jurisdiction": self.jurisdiction, "name": self.name,
                "level": self.level.value, "level_label": self.level.label,
                "district": self.district, "unit": self.unit, "aliases": list(self.aliases)}


@dataclass(frozen=True, slots=True)
class ProjectReport:
    """One month's progress on a project, by its responsible unit (投资完成额, 形象进度 …)."""

    id: int
    project_id: int
    month: dt.date  # the first day of the month reported on
    unit: str
    actor: str
    at: dt.datetime
    invest: int  # 元 completed in the month
    total: int  # 元 completed since the project began (累计完成投资)
    image: str = ""  # 形象进度
    text: str = ""
    problems: str = ""
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "project_id": self.project_id, "month": self.month.isoformat()[:7],
                "unit": self.unit, "actor": self.actor, "at": _iso(self.at),
                "invest": self.invest, "total": self.total, "image": self.image,
                "text": self.text, "problems": self.problems, "evidence": list(self.evidence)}


@dataclass(frozen=True, slots=True)
class Project:
    """A register row: who invests in what, where, who answers for it, and how far it is."""

    id: int
    jurisdiction: str
    name: str
    zone: str
    unit: str  # 责任单位
    stage: Stage
    dates: tuple[StageDate, ...] = NO_DATES  # one per stage, in STAGES order
    investor: str = ""
    industry: str = ""
    leader: str = ""  # 包保领导
    contact: str = ""  # 专人 (签约项目专人负责制)
    content: str = ""  # 建设内容
    notes: str = ""  # what an imported sheet said without a column of its own (进展、备注 …)
    total: int | None = None  # 总投资, 元
    total_text: str = ""  # as written: 5.2亿元
    annual: int | None = None  # 年度计划投资, 元
    annual_text: str = ""
    annual_year: int | None = None  # the year the annual plan is for
    completed: int = 0  # 累计完成投资 as of the last report, 元
    last_month: dt.date | None = None  # the latest month reported
    task_id: int | None = None  # the ledger task this project serves
    version: int = 1
    zone_id: int | None = None
    unit_id: int | None = None
    zone_level: ZoneLevel = ZoneLevel.OTHER
    # filled in when listed for a given day
    year_done: int | None = None  # 元 completed in the year of that day
    open_blockers: int = 0
    overdue_blockers: int = 0
    light: Any = None  # taizhang.ledger.model.Light
    light_reasons: tuple[str, ...] = ()

    def planned(self, stage: Stage) -> dt.date | None:
        return self.dates[stage.order].planned

    def actual(self, stage: Stage) -> dt.date | None:
        return self.dates[stage.order].actual

    @property
    def next_stage(self) -> Stage | None:
        i = self.stage.order + 1
        return STAGES[i] if i < len(STAGES) else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "jurisdiction": self.jurisdiction, "name": self.name,
            "zone": self.zone, "unit": self.unit, "stage": self.stage.value,
            "stage_label": self.stage.label,
            "stages": {s.value: {"planned": _iso(d.planned), "actual": _iso(d.actual)}
                       for s, d in zip(STAGES, self.dates)},
            "investor": self.investor, "industry": self.industry, "leader": self.leader,
            "contact": self.contact, "content": self.content, "notes": self.notes,
            "total": self.total,
            "total_text": self.total_text, "annual": self.annual,
            "annual_text": self.annual_text, "annual_year": self.annual_year,
            "completed": self.completed,
            "last_month": self.last_month.isoformat()[:7] if self.last_month else None,
            "task_id": self.task_id, "version": self.version, "year_done": self.year_done,
            "open_blockers": self.open_blockers, "overdue_blockers": self.overdue_blockers,
            "light": self.light.value if self.light is not None else None,
            "light_label": self.light.label if self.light is not None else None,
            "light_reasons": list(self.light_reasons),
        }


@dataclass(frozen=True, slots=True)
class BlockerReply:
    unit: str
    actor: str
    at: dt.datetime
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"unit": self.unit, "actor": self.actor, "at": _iso(self.at), "text": self.text}


@dataclass(frozen=True, slots=True)
class Blocker:
    """A project's 受阻问题, numbered per year, solved at a level, escalated when late."""

    id: int
    number: str
    year: int
    serial: int
    project_id: int
    title: str
    level: BlockerLevel
    state: BlockerState
    unit: str  # the unit asked to solve it
    reply_due: dt.date
    raised_on: dt.date
    raised_by: str
    detail: str = ""
    solved_on: dt.date | None = None
    solution: str = ""
    closed_on: dt.date | None = None
    closed_by: str | None = None
    version: int = 1
    project_name: str = ""
    replies: tuple[BlockerReply, ...] = field(default=())

    @property
    def unsolved(self) -> bool:
        return self.state in UNSOLVED

    def overdue(self, today: dt.date) -> bool:
        return self.unsolved and self.reply_due < today

    def age(self, today: dt.date) -> int:
        """Days open: to today while unsolved, to the day it was solved after."""
        end = self.solved_on if self.solved_on is not None and not self.unsolved else today
        return max((end - self.raised_on).days, 0)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "number": self.number, "year": self.year, "serial": self.serial,
                "project_id": self.project_id, "project_name": self.project_name,
                "title": self.title, "detail": self.detail, "level": self.level.value,
                "level_label": self.level.label, "state": self.state.value,
                "state_label": self.state.label, "unit": self.unit,
                "reply_due": _iso(self.reply_due), "raised_on": _iso(self.raised_on),
                "raised_by": self.raised_by, "solved_on": _iso(self.solved_on),
                "solution": self.solution, "closed_on": _iso(self.closed_on),
                "closed_by": self.closed_by, "version": self.version,
                "replies": [r.to_dict() for r in self.replies]}


@dataclass(frozen=True, slots=True)
class ProjectDraft:
    """A project as a sheet row or a command gives it, before it is checked against the
    register: names, not ids; ``stage`` None means "the furthest stage with a date"."""

    name: str
    zone: str
    jurisdiction: str | None = None
    unit: str | None = None  # None: the zone's 管委会
    stage: Stage | None = None
    dates: tuple[StageDate, ...] = NO_DATES
    investor: str = ""
    industry: str = ""
    leader: str = ""
    contact: str = ""
    content: str = ""
    notes: str = ""
    total: int | None = None
    total_text: str = ""
    annual: int | None = None
    annual_text: str = ""
    annual_year: int | None = None
    completed: int | None = None  # 累计完成投资 in the sheet: the starting figure of a new project
    task_id: int | None = None
    project_id: int | None = None  # a row of our own export: the project it came from
    version: int | None = None
    row: int | None = None  # where it came from, for messages


@dataclass(frozen=True, slots=True)
class ReportUpdate:
    """One month's report as a form, a command or a fill-in row gives it.

    ``None`` fields are carried over from the unit's last report (最多报一次); of the two
    amounts either is enough (累计 = last 累计 + 本月). ``stage`` also records a stage reached
    (on ``stage_on``, else the day of the report).
    """

    project_id: int
    month: dt.date
    unit: str | None = None  # None: the office reports for the project's unit
    invest: int | None = None
    total: int | None = None
    image: str | None = None
    text: str | None = None
    problems: str | None = None
    evidence: tuple[str, ...] = ()
    expected_version: int | None = None
    stage: Stage | None = None
    stage_on: dt.date | None = None
    row: int | None = None


@dataclass(frozen=True, slots=True)
class RowProblem:
    """Why a row (or a whole command) was refused; the exports name the sheet."""

    row: int | None
    column: str | None
    message: str


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
