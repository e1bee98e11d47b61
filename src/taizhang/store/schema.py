"""The tables, as SQLAlchemy Core: queries use these; the migrations create the same.

Dates are ``Date`` (ISO text on SQLite); lists (leaders, evidence) and before/after values are
JSON text, so both dialects store them alike.
"""
from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(300), nullable=False),
    Column("version", Integer, nullable=False),
    Column("current", Boolean, nullable=False),
    Column("state", String(16), nullable=False),
    Column("jurisdiction", String(64), nullable=False),
    Column("source", String(500), nullable=False),
    Column("title", Text),
    Column("doc_number", String(100)),
    Column("issuer", String(200)),
    Column("issued_on", Date),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("text_hash", String(64), nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    Column("ingested_by", String(200), nullable=False),
    Column("jurisdiction_evidence", Text),  # JSON list of Chinese lines (migration 0009)
    Column("review_flags", Text),  # JSON list of flag codes: jurisdiction_undecided, untitled …
)

# the bulky parts apart, so listing documents and joining items to them reads small rows
document_texts = Table(
    "document_texts", metadata,
    Column("document_id", Integer, ForeignKey("documents.id"), primary_key=True),
    Column("parse_json", Text, nullable=False),
    Column("raw_text", Text, nullable=False),
)

# a document's file, for the review page's page images (migration 0010): the original bytes of
# a PDF or scanned picture (≤ the readers' 20 MiB limit; pages are rendered on request) and each
# page's start offset in raw_text. One row per document version, so an older version keeps its
# pages when a new one comes; none for formats without pages (txt, docx, html).
document_files = Table(
    "document_files", metadata,
    Column("document_id", Integer, ForeignKey("documents.id"), primary_key=True),
    Column("format", String(16), nullable=False),  # the reader's: pdf, image, ofd
    Column("media_type", String(40)),  # application/pdf, image/png …; None: offsets only (ofd)
    Column("size", Integer, nullable=False),  # bytes of data (0 when not kept)
    Column("sha256", String(64)),
    Column("page_starts", Text, nullable=False),  # JSON list of character offsets
    Column("data", LargeBinary),
)

units = Table(
    "units", metadata,
    Column("id", Integer, primary_key=True),
    Column("jurisdiction", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("merged_into", Integer, ForeignKey("units.id")),
    Column("created_at", DateTime, nullable=False),
)

unit_aliases = Table(
    "unit_aliases", metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("jurisdiction", String(64), nullable=False),
    Column("alias", String(200), nullable=False),
)

items = Table(
    "items", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("task_key", String(100), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("jurisdiction", String(64), nullable=False),
    Column("lead_unit_id", Integer, ForeignKey("units.id")),
    Column("leaders", Text, nullable=False),
    Column("due", Date),
    Column("due_implied", Boolean, nullable=False),
    Column("rrule", String(200)),
    Column("start", Date),
    Column("status", String(16), nullable=False),
    Column("percent", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("completed_on", Date),
    Column("fingerprint", String(16), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

item_support = Table(
    "item_support", metadata,
    Column("item_id", Integer, ForeignKey("items.id"), primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), primary_key=True),
    Column("position", Integer, nullable=False),
)

reports = Table(
    "reports", metadata,
    Column("id", Integer, primary_key=True),
    Column("item_id", Integer, ForeignKey("items.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("status", String(16), nullable=False),
    Column("percent", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("problems", Text, nullable=False),
    Column("next_steps", Text, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("occurrence", Date),
)

duban = Table(
    "duban", metadata,
    Column("id", Integer, primary_key=True),
    Column("year", Integer, nullable=False),
    Column("serial", Integer, nullable=False),
    Column("number", String(40), nullable=False),
    Column("item_id", Integer, ForeignKey("items.id"), nullable=False),
    Column("level", String(16), nullable=False),
    Column("state", String(16), nullable=False),
    Column("reason", Text, nullable=False),
    Column("reply_due", Date),
    Column("issued_on", Date, nullable=False),
    Column("issued_by", String(200), nullable=False),
    Column("reply_text", Text, nullable=False),
    Column("replied_by", String(200)),
    Column("replied_at", DateTime),
)

corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("item_id", Integer, ForeignKey("items.id")),
    Column("field", String(40), nullable=False),
    Column("before", Text),
    Column("after", Text),
    Column("actor", String(200), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("note", Text, nullable=False),
)

audit = Table(
    "audit", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("entity", String(20), nullable=False),
    Column("entity_id", Integer),
    Column("item_id", Integer),
    Column("document_id", Integer),
    Column("before", Text),
    Column("after", Text),
)

users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("password_hash", String(500), nullable=False),
    Column("role", String(16), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id")),
    Column("created_at", DateTime, nullable=False),
)

# one row per login (migration 0006): the id is the SHA-256 of the cookie's token
sessions = Table(
    "sessions", metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("seen_at", DateTime, nullable=False),
    Column("address", String(64), nullable=False),
)

# values made once per ledger (migration 0006): the instance secret
instance = Table(
    "instance", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
