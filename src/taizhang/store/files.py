"""A document's file: its page offsets and, for a PDF or a scanned picture, its own bytes.

Written once with the document version (``documents.ingest``) and never changed, so a new
version of a document leaves the older one's pages where they were; read by the review page.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select

from taizhang.ledger.pages import SourceFile
from taizhang.store import bulk, schema as s
from taizhang.store.engine import Ctx


@dataclass(frozen=True, slots=True)
class StoredPages:
    """What the review page needs to place a span on its page, without the bytes."""

    document_id: int
    format: str
    media_type: str | None  # None: offsets only, no picture (an OFD)
    starts: tuple[int, ...]
    sha256: str | None
    size: int

    @property
    def shown(self) -> bool:
        """Pictures of these pages can be shown."""
        return self.media_type is not None and bool(self.starts)


def save(ctx: Ctx, document_id: int, source: SourceFile | None) -> bool:
    """Keep the file of a newly stored document version; False when there is nothing to keep
    (no pages: txt, docx, html)."""
    if source is None or not source.pages:
        return False
    kind = source.media_type
    data = source.data if kind is not None else None
    bulk.insert_many(ctx, s.document_files, [dict(
        document_id=document_id, format=source.format, media_type=kind,
        size=len(data) if data is not None else 0,
        sha256=hashlib.sha256(data).hexdigest() if data is not None else None,
        page_starts=json.dumps(list(source.pages)), data=data)])
    return True


def pages(ctx: Ctx, document_id: int) -> StoredPages | None:
    c = s.document_files.c
    row = ctx.conn.execute(select(c.document_id, c.format, c.media_type, c.page_starts,
                                  c.sha256, c.size).where(c.document_id == document_id)).first()
    if row is None:
        return None
    return StoredPages(row.document_id, row.format, row.media_type,
                       tuple(int(x) for x in json.loads(row.page_starts)), row.sha256, row.size)


def data(ctx: Ctx, document_id: int) -> bytes | None:
    """The file's bytes (up to the readers' 20 MiB limit), or None."""
    c = s.document_files.c
    raw = ctx.conn.execute(select(c.data).where(c.document_id == document_id)).scalar()
    return bytes(raw) if raw is not None else None
