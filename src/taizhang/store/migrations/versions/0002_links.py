"""Report-once links between work items (taizhang.store.links).

Revision ID: 0002_links
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_links"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "task_links",
        sa.Column("id", sa.Integer, primary_key=True),
        # item_a < item_b: one row per pair, whichever order a person typed them in
        sa.Column("item_a", sa.Integer, sa.ForeignKey("items.id"), nullable=False),
        sa.Column("item_b", sa.Integer, sa.ForeignKey("items.id"), nullable=False),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("score", sa.Float),
        sa.Column("state", sa.String(16), nullable=False),  # confirmed | removed
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("removed_by", sa.String(200)),
        sa.Column("removed_at", sa.DateTime),
        sa.UniqueConstraint("item_a", "item_b", "unit_id", name="uq_task_links_pair"),
        sa.CheckConstraint("item_a < item_b", name="ck_task_links_order"),
    )
    op.create_index("ix_task_links_b", "task_links", ["item_b"])


def downgrade() -> None:
    op.drop_index("ix_task_links_b", table_name="task_links")
    op.drop_table("task_links")
