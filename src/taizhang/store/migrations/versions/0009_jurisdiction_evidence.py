"""Why a document sits where it does: the jurisdiction's evidence and the review flags (issue 16).

Revision ID: 0009
Revises: 0008
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"  # 催办 (notify)
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite rebuilds the table, PostgreSQL alters it in place
    with op.batch_alter_table("documents") as batch:
        # JSON list of Chinese lines: 发文机关 … → 沈阳市 · 正文提到 沈阳 68 次
        batch.add_column(sa.Column("jurisdiction_evidence", sa.Text))
        # JSON list of codes for the reviewer: jurisdiction_undecided, title_inferred, untitled
        batch.add_column(sa.Column("review_flags", sa.Text))


def downgrade() -> None:
    # a plain DROP COLUMN (SQLite ≥ 3.35, PostgreSQL): batch mode would rebuild documents,
    # which the foreign keys of items and texts forbid on SQLite
    op.drop_column("documents", "review_flags")
    op.drop_column("documents", "jurisdiction_evidence")
