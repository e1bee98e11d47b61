"""A parsed document made ready for the ledger, without the ledger.

What ingest derives from a Document on its own — the text's hash, the key that finds earlier
versions, the place the document itself names, when its work starts, the parse as JSON and the
item drafts — is computed here in one pure step. ``taizhang ingest`` runs it in the parsing
processes, so the storing process (the serial part of a batch) receives a few strings and small
records instead of the whole parse tree: unpickling that tree, drafting the items and writing
the JSON were a third of its time.
"""
from __future__ import annotations

import datetime as dt
import json
from typing import NamedTuple

from taizhang.ledger.items import ItemDraft, doc_key, drafts_from_document, text_hash, work_start
from taizhang.ledger.jurisdiction import PlaceFinding, document_place
from taizhang.ledger.schedule import iso_date
from taizhang.parse.model import Document


class PreparedDocument(NamedTuple):
    """A document as the ledger stores it, before any row is written."""

    text: str
    source: str
    title: str | None
    doc_number: str | None
    issuer: str | None
    issued_on: dt.date | None
    period_start: dt.date | None
    period_end: dt.date | None
    digest: str  # text_hash: the same text again changes nothing
    key: str  # doc_key: 发文字号, else title, else source — a new text under it is a new version
    start: dt.date | None  # work_start: when the items' work begins
    place: PlaceFinding  # the place the document names itself, with the evidence
    parse_json: str  # the whole parse, kept with the version for review and re-reading
    drafts: tuple[ItemDraft, ...]


def prepare(doc: Document) -> PreparedDocument:
    """Everything the ledger needs of ``doc``; the ledger decides the rest (versions, units)."""
    return PreparedDocument(
        text=doc.text, source=doc.source, title=doc.title, doc_number=doc.doc_number,
        issuer=doc.issuer, issued_on=iso_date(doc.issued_on),
        period_start=iso_date(doc.period.start if doc.period else None),
        period_end=iso_date(doc.period.end if doc.period else None),
        digest=text_hash(doc.text), key=doc_key(doc), start=work_start(doc),
        place=document_place(doc),
        parse_json=json.dumps(doc.to_dict(), ensure_ascii=False),
        drafts=tuple(drafts_from_document(doc)))
