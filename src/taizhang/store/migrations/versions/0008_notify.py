"""催办: who hears about what (contacts, per-unit settings), what was sent, and the run lease.

Revision ID: 0008
Revises: 0005_items_fillfactor
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"  # projects (issue 14)
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notify_contacts",
        sa.Column("id", sa.Integer, primary_key=True),
        # a unit's contact, or (unit_id NULL, audience 'leaders') the leaders' list
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id")),
        sa.Column("audience", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(16), nullable=False),  # email | wecom | dingtalk | feishu
        sa.Column("address", sa.Text, nullable=False),  # a mail address or a webhook URL (a secret)
        sa.Column("secret", sa.Text),  # the robot's signing secret; never shown back
        sa.Column("attach", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
    )
    op.create_index("ix_notify_contacts_unit", "notify_contacts", ["unit_id"])
    op.create_table(
        "notify_units",
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), primary_key=True),
        sa.Column("days_before", sa.Integer, nullable=False),
        sa.Column("repeat_days", sa.Integer, nullable=False),
        sa.Column("quiet_start", sa.String(5)),  # HH:MM, or NULL for no quiet hours
        sa.Column("quiet_end", sa.String(5)),
        sa.Column("weekends", sa.Boolean, nullable=False),  # True: send on Saturdays and Sundays
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
    )
    op.create_table(
        "notify_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id")),
        sa.Column("contact_id", sa.Integer, sa.ForeignKey("notify_contacts.id")),
        sa.Column("kind", sa.String(16), nullable=False),  # digest | monthly | test
        sa.Column("channel", sa.String(16), nullable=False),
        sa.Column("target", sa.String(300), nullable=False),  # masked: no key, no full address
        sa.Column("day", sa.Date, nullable=False),  # the `today` the notice was computed for
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("counts", sa.Text, nullable=False),  # JSON {kind: n}
        sa.Column("state", sa.String(16), nullable=False),  # sent | failed
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("error", sa.Text, nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
    )
    op.create_index("ix_notify_log_day", "notify_log", ["day"])
    op.create_index("ix_notify_log_unit", "notify_log", ["unit_id"])
    op.create_table(
        "notify_entries",
        sa.Column("log_id", sa.Integer, sa.ForeignKey("notify_log.id"), primary_key=True),
        sa.Column("key", sa.String(120), primary_key=True),  # e.g. overdue:32:2018-06-30
        sa.Column("item_id", sa.Integer),
    )
    op.create_index("ix_notify_entries_key", "notify_entries", ["key"])
    op.create_table(
        "notify_leases",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("holder", sa.String(200), nullable=False),
        sa.Column("until", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("notify_leases")
    op.drop_index("ix_notify_entries_key", table_name="notify_entries")
    op.drop_table("notify_entries")
    op.drop_index("ix_notify_log_unit", table_name="notify_log")
    op.drop_index("ix_notify_log_day", table_name="notify_log")
    op.drop_table("notify_log")
    op.drop_table("notify_units")
    op.drop_index("ix_notify_contacts_unit", table_name="notify_contacts")
    op.drop_table("notify_contacts")
