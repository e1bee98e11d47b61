"""Server-side sessions and the instance's own secret.

``sessions`` holds one row per login: the SHA-256 of the cookie's random token (never the token
itself, so a copy of the database opens no session), the user, the CSRF token, when it started
and when it was last used. Logout, a password change and an administrator delete rows; idle and
absolute timeouts are the web app's settings. ``instance`` keeps values made once per ledger:
the secret that signs calendar links and the small state cookie, generated on first run.

Revision ID: 0006
Revises: 0005_items_fillfactor
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005_items_fillfactor"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sessions",
        sa.Column("id", sa.String(64), primary_key=True),  # sha256 hex of the cookie token
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("csrf", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("seen_at", sa.DateTime, nullable=False),
        sa.Column("address", sa.String(64), nullable=False),
    )
    with op.batch_alter_table("sessions") as batch:
        batch.create_index("ix_sessions_user", ["user_id"])
        batch.create_index("ix_sessions_seen", ["seen_at"])
    op.create_table(
        "instance",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("instance")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_index("ix_sessions_seen")
        batch.drop_index("ix_sessions_user")
    op.drop_table("sessions")
