"""A document's file and page offsets, for page images on the review page (issue 16).

Revision ID: 0010
Revises: 0009
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"  # jurisdiction evidence
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a table of its own, not columns of document_texts: the bytes (up to 20 MiB) are read
    # only when a page picture is asked for, and older documents simply have no row.
    # LargeBinary is BLOB on SQLite and BYTEA on PostgreSQL.
    op.create_table(
        "document_files",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("media_type", sa.String(40)),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("page_starts", sa.Text, nullable=False),
        sa.Column("data", sa.LargeBinary),
    )


def downgrade() -> None:
    op.drop_table("document_files")
