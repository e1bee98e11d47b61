"""The project register (项目库): zones, projects, monthly reports, blockers, ranking weights.

Only new tables: the ledger's own are untouched (projects point at units, items and the
audit trail through their ids). The stage columns are written out rather than generated from
the code's stage table, so this migration stays what it was when the code moves on.

Revision ID: 0007
Revises: 0006 (sessions)
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"  # sessions (issue 13)
branch_labels = None
depends_on = None

STAGE_CODES = ("planning", "negotiating", "signed", "registered", "started", "producing",
               "at_capacity")


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def upgrade() -> None:
    op.create_table(
        "project_zones", _id(),
        sa.Column("jurisdiction", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("district", sa.String(100), nullable=False, server_default=""),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id")),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("jurisdiction", "name", name="uq_project_zones_name"),
    )
    op.create_table(
        "project_zone_aliases", _id(),
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("project_zones.id"), nullable=False),
        sa.Column("jurisdiction", sa.String(64), nullable=False),
        sa.Column("alias", sa.String(200), nullable=False),
        sa.UniqueConstraint("jurisdiction", "alias", name="uq_project_zone_aliases_alias"),
    )
    stage_columns = [sa.Column(f"{kind}_{code}", sa.Date)
                     for code in STAGE_CODES for kind in ("plan", "done")]
    op.create_table(
        "projects", _id(),
        sa.Column("jurisdiction", sa.String(64), nullable=False),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_key", sa.String(300), nullable=False),
        sa.Column("zone_id", sa.Integer, sa.ForeignKey("project_zones.id"), nullable=False),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("investor", sa.Text, nullable=False, server_default=""),
        sa.Column("industry", sa.String(100), nullable=False, server_default=""),
        sa.Column("leader", sa.String(200), nullable=False, server_default=""),
        sa.Column("contact", sa.String(200), nullable=False, server_default=""),
        sa.Column("content", sa.Text, nullable=False, server_default=""),
        # what an imported sheet said that has no column of its own (进展情况, 备注 …)
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("total", sa.BigInteger),
        sa.Column("total_text", sa.String(60), nullable=False, server_default=""),
        sa.Column("annual", sa.BigInteger),
        sa.Column("annual_text", sa.String(60), nullable=False, server_default=""),
        sa.Column("annual_year", sa.Integer),
        sa.Column("completed", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("last_month", sa.Date),
        sa.Column("task_id", sa.Integer, sa.ForeignKey("items.id")),
        *stage_columns,
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("jurisdiction", "name_key", name="uq_projects_name"),
    )
    op.create_index("ix_projects_zone", "projects", ["zone_id"])
    op.create_index("ix_projects_unit", "projects", ["unit_id"])
    op.create_index("ix_projects_task", "projects", ["task_id"])
    op.create_table(
        "project_reports", _id(),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("invest", sa.BigInteger, nullable=False),
        sa.Column("total", sa.BigInteger, nullable=False),
        sa.Column("image", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("problems", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.UniqueConstraint("project_id", "month", name="uq_project_reports_month"),
    )
    # the year's investment per project is summed by month range
    op.create_index("ix_project_reports_month", "project_reports", ["month", "project_id"])
    op.create_table(
        "project_blockers", _id(),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("serial", sa.Integer, nullable=False),
        sa.Column("number", sa.String(40), nullable=False),
        sa.Column("project_id", sa.Integer, sa.ForeignKey("projects.id"), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("reply_due", sa.Date, nullable=False),
        sa.Column("raised_on", sa.Date, nullable=False),
        sa.Column("raised_by", sa.String(200), nullable=False),
        sa.Column("solved_on", sa.Date),
        sa.Column("solution", sa.Text, nullable=False),
        sa.Column("closed_on", sa.Date),
        sa.Column("closed_by", sa.String(200)),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("year", "serial", name="uq_project_blockers_number"),
    )
    op.create_index("ix_project_blockers_project", "project_blockers", ["project_id"])
    op.create_index("ix_project_blockers_state", "project_blockers", ["state"])
    op.create_table(
        "project_blocker_replies", _id(),
        sa.Column("blocker_id", sa.Integer, sa.ForeignKey("project_blockers.id"),
                  nullable=False),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_project_blocker_replies_blocker", "project_blocker_replies",
                    ["blocker_id"])
    op.create_table(
        "project_weights",
        sa.Column("metric", sa.String(40), primary_key=True),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("project_weights")
    op.drop_index("ix_project_blocker_replies_blocker", table_name="project_blocker_replies")
    op.drop_table("project_blocker_replies")
    op.drop_index("ix_project_blockers_state", table_name="project_blockers")
    op.drop_index("ix_project_blockers_project", table_name="project_blockers")
    op.drop_table("project_blockers")
    op.drop_index("ix_project_reports_month", table_name="project_reports")
    op.drop_table("project_reports")
    op.drop_index("ix_projects_task", table_name="projects")
    op.drop_index("ix_projects_unit", table_name="projects")
    op.drop_index("ix_projects_zone", table_name="projects")
    op.drop_table("projects")
    op.drop_table("project_zone_aliases")
    op.drop_table("project_zones")
