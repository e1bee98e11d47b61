"""The initial ledger schema: documents, units, items, reports, 督办, corrections, audit, users.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _id() -> sa.Column:
    return sa.Column("id", sa.Integer, primary_key=True)


def upgrade() -> None:
    op.create_table(
        "documents", _id(),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("jurisdiction", sa.String(64), nullable=False),
        sa.Column("source", sa.String(500), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("doc_number", sa.String(100)),
        sa.Column("issuer", sa.String(200)),
        sa.Column("issued_on", sa.Date),
        sa.Column("period_start", sa.Date),
        sa.Column("period_end", sa.Date),
        sa.Column("text_hash", sa.String(64), nullable=False),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
        sa.Column("ingested_by", sa.String(200), nullable=False),
        sa.UniqueConstraint("key", "version", name="uq_documents_key_version"),
    )
    op.create_index("ix_documents_doc_number", "documents", ["doc_number"])
    op.create_index("ix_documents_source", "documents", ["source"])
    op.create_index("ix_documents_text_hash", "documents", ["text_hash"])
    op.create_index("ix_documents_key", "documents", ["key"])
    op.create_table(
        "document_texts",
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("parse_json", sa.Text, nullable=False),
        sa.Column("raw_text", sa.Text, nullable=False),
    )
    op.create_table(
        "units", _id(),
        sa.Column("jurisdiction", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("merged_into", sa.Integer, sa.ForeignKey("units.id")),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("jurisdiction", "name", name="uq_units_jurisdiction_name"),
    )
    op.create_table(
        "unit_aliases", _id(),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("jurisdiction", sa.String(64), nullable=False),
        sa.Column("alias", sa.String(200), nullable=False),
        sa.UniqueConstraint("jurisdiction", "alias", name="uq_unit_aliases_jurisdiction_alias"),
    )
    op.create_table(
        "items", _id(),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("task_key", sa.String(100), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("jurisdiction", sa.String(64), nullable=False),
        sa.Column("lead_unit_id", sa.Integer, sa.ForeignKey("units.id")),
        sa.Column("leaders", sa.Text, nullable=False),
        sa.Column("due", sa.Date),
        sa.Column("due_implied", sa.Boolean, nullable=False),
        sa.Column("rrule", sa.String(200)),
        sa.Column("start", sa.Date),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("percent", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("completed_on", sa.Date),
        sa.Column("fingerprint", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_items_document_id", "items", ["document_id"])
    op.create_index("ix_items_lead_unit_id", "items", ["lead_unit_id"])
    op.create_index("ix_items_due", "items", ["due"])
    op.create_table(
        "item_support",
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id"), primary_key=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("ix_item_support_unit_id", "item_support", ["unit_id"])
    op.create_table(
        "reports", _id(),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id"), nullable=False),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("percent", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("problems", sa.Text, nullable=False),
        sa.Column("next_steps", sa.Text, nullable=False),
        sa.Column("evidence", sa.Text, nullable=False),
        sa.Column("occurrence", sa.Date),
    )
    op.create_index("ix_reports_item_id", "reports", ["item_id"])
    op.create_table(
        "duban", _id(),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("serial", sa.Integer, nullable=False),
        sa.Column("number", sa.String(40), nullable=False, unique=True),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id"), nullable=False),
        sa.Column("level", sa.String(16), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("reply_due", sa.Date),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("issued_by", sa.String(200), nullable=False),
        sa.Column("reply_text", sa.Text, nullable=False),
        sa.Column("replied_by", sa.String(200)),
        sa.Column("replied_at", sa.DateTime),
        sa.UniqueConstraint("year", "serial", name="uq_duban_year_serial"),
    )
    op.create_table(
        "corrections", _id(),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("item_id", sa.Integer, sa.ForeignKey("items.id")),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_table(
        "audit", _id(),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("entity", sa.String(20), nullable=False),
        sa.Column("entity_id", sa.Integer),
        sa.Column("item_id", sa.Integer),
        sa.Column("document_id", sa.Integer),
        sa.Column("before", sa.Text),
        sa.Column("after", sa.Text),
    )
    op.create_index("ix_audit_item_id", "audit", ["item_id"])
    op.create_table(
        "users", _id(),
        sa.Column("username", sa.String(100), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(500), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id")),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_extras()
    else:
        _postgres_extras()


def _sqlite_extras() -> None:
    # FTS5 with the trigram tokenizer: Chinese has no spaces, so word tokenizers see one
    # token per sentence; trigrams find any substring of three characters or more
    op.execute("CREATE VIRTUAL TABLE items_fts USING fts5(title, text, content='items', "
               "content_rowid='id', tokenize='trigram')")
    op.execute("CREATE TRIGGER items_fts_ai AFTER INSERT ON items BEGIN "
               "INSERT INTO items_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END")
    op.execute("CREATE TRIGGER items_fts_ad AFTER DELETE ON items BEGIN "
               "INSERT INTO items_fts(items_fts, rowid, title, text) "
               "VALUES ('delete', old.id, old.title, old.text); END")
    op.execute("CREATE TRIGGER items_fts_au AFTER UPDATE OF title, text ON items BEGIN "
               "INSERT INTO items_fts(items_fts, rowid, title, text) "
               "VALUES ('delete', old.id, old.title, old.text); "
               "INSERT INTO items_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END")
    # the audit trail is append-only, enforced by the database itself
    for verb in ("UPDATE", "DELETE"):
        op.execute(f"CREATE TRIGGER audit_no_{verb.lower()} BEFORE {verb} ON audit BEGIN "
                   "SELECT RAISE(ABORT, 'audit trail is append-only'); END")


def _postgres_extras() -> None:
    op.execute("CREATE FUNCTION taizhang_audit_append_only() RETURNS trigger AS $$ BEGIN "
               "RAISE EXCEPTION 'audit trail is append-only'; END; $$ LANGUAGE plpgsql")
    op.execute("CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit "
               "FOR EACH ROW EXECUTE FUNCTION taizhang_audit_append_only()")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS items_fts")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_append_only ON audit")
        op.execute("DROP FUNCTION IF EXISTS taizhang_audit_append_only()")
    for table in ("users", "audit", "corrections", "duban", "reports", "item_support", "items",
                  "unit_aliases", "units", "document_texts", "documents"):
        op.drop_table(table)
