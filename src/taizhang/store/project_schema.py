"""The project register's tables (migration 0007), on the ledger's metadata.

Projects share the ledger's units (责任单位, a zone's 管委会), items (the task a project
serves), users and audit trail. Money is whole 元 in BIGINT, with the text as written beside
it. The lifecycle's dates are two columns per stage (``plan_signed``, ``done_signed`` …): a
listing of thousands of projects reads them with the row, no join, no JSON to decode.
"""
from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
)

from taizhang.projects.model import STAGES
from taizhang.store.schema import metadata


def plan_column(code: str) -> str:
    return f"plan_{code}"


def done_column(code: str) -> str:
    return f"done_{code}"


project_zones = Table(
    "project_zones", metadata,
    Column("id", Integer, primary_key=True),
    Column("jurisdiction", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("level", String(16), nullable=False),
    Column("district", String(100), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id")),
    Column("created_at", DateTime, nullable=False),
)

project_zone_aliases = Table(
    "project_zone_aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("zone_id", Integer, ForeignKey("project_zones.id"), nullable=False),
    Column("jurisdiction", String(64), nullable=False),
    Column("alias", String(200), nullable=False),
)

projects = Table(
    "projects", metadata,
    Column("id", Integer, primary_key=True),
    Column("jurisdiction", String(64), nullable=False),
    Column("name", String(300), nullable=False),
    Column("name_key", String(300), nullable=False),
    Column("zone_id", Integer, ForeignKey("project_zones.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("stage", String(16), nullable=False),
    Column("investor", Text, nullable=False),
    Column("industry", String(100), nullable=False),
    Column("leader", String(200), nullable=False),
    Column("contact", String(200), nullable=False),
    Column("content", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("total", BigInteger),
    Column("total_text", String(60), nullable=False),
    Column("annual", BigInteger),
    Column("annual_text", String(60), nullable=False),
    Column("annual_year", Integer),
    Column("completed", BigInteger, nullable=False),
    Column("last_month", Date),
    Column("task_id", Integer, ForeignKey("items.id")),
    *(Column(name(s.value), Date) for s in STAGES for name in (plan_column, done_column)),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", String(200), nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

project_reports = Table(
    "project_reports", metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("month", Date, nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("invest", BigInteger, nullable=False),
    Column("total", BigInteger, nullable=False),
    Column("image", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("problems", Text, nullable=False),
    Column("evidence", Text, nullable=False),
)

project_blockers = Table(
    "project_blockers", metadata,
    Column("id", Integer, primary_key=True),
    Column("year", Integer, nullable=False),
    Column("serial", Integer, nullable=False),
    Column("number", String(40), nullable=False),
    Column("project_id", Integer, ForeignKey("projects.id"), nullable=False),
    Column("title", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("level", String(16), nullable=False),
    Column("state", String(16), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("reply_due", Date, nullable=False),
    Column("raised_on", Date, nullable=False),
    Column("raised_by", String(200), nullable=False),
    Column("solved_on", Date),
    Column("solution", Text, nullable=False),
    Column("closed_on", Date),
    Column("closed_by", String(200)),
    Column("version", Integer, nullable=False),
)

project_blocker_replies = Table(
    "project_blocker_replies", metadata,
    Column("id", Integer, primary_key=True),
    Column("blocker_id", Integer, ForeignKey("project_blockers.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("text", Text, nullable=False),
)

project_weights = Table(
    "project_weights", metadata,
    Column("metric", String(40), primary_key=True),
    Column("weight", Float, nullable=False),
    Column("updated_by", String(200), nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
