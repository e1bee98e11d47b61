"""Where the analyses get their rows: files parsed on the fly, or the stored ledger.

``corpus_from_files`` reads and parses each file (directories are expanded); the ledger path
rebuilds rows from the stored work items — so a reviewer's corrections count — and takes each
document's references from its stored parse. SQLAlchemy is imported only on the ledger path.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from taizhang.analysis.load import LoadItem
from taizhang.analysis.places import Place, level_of, place_of
from taizhang.analysis.rows import Corpus, DocInfo, Ref, TaskRow, normalize_unit
from taizhang.errors import InputError
from taizhang.ledger.jurisdiction import UNDECIDED
from taizhang.parse.model import Document, Reference

DOC_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")


def expand(paths: Iterable[str]) -> list[Path]:
    """Files as given; a directory stands for the documents inside it (sorted)."""
    out: list[Path] = []
    for name in paths:
        p = Path(name)
        if p.is_dir():
            out.extend(sorted(f for f in p.iterdir() if f.suffix.lower() in DOC_SUFFIXES))
        else:
            out.append(p)
    return out


def corpus_from_files(paths: Sequence[str]) -> Corpus:
    """Parse every file; an unreadable one stops the run with its name (nothing half-done)."""
    from taizhang.parse import parse
    from taizhang.readers import read_path

    files = expand(paths)
    if not files:
        raise InputError("没有给出要分析的文件", hint="请列出政策文件（或其所在目录），或用 --db 指定台账")
    docs = []
    for f in files:
        read = read_path(f)
        docs.append(parse(read.text, source=read.source))
    return Corpus.from_documents(docs)


def references_from_dict(d: dict[str, Any]) -> tuple[Ref, ...]:
    return tuple(Ref(r.get("doc_number"), r.get("title"), r.get("relation", "cites"))
                 for r in d.get("references") or ())


def document_from_dict(d: dict[str, Any]) -> Document:
    """Enough of a stored ``Document.to_dict()`` for the analyses: header and references."""
    return Document(source=d.get("source") or "", text="", title=d.get("title"),
                    doc_number=d.get("doc_number"), issuer=d.get("issuer"),
                    issued_on=d.get("issued_on"),
                    references=tuple(Reference(r.get("doc_number"), r.get("title"),
                                               r.get("relation", "cites"))
                                     for r in d.get("references") or ()))


def corpus_from_ledger(ledger: Any) -> Corpus:
    """Current published documents and their work items, as rows (item ids kept)."""
    infos: list[DocInfo] = []
    rows: list[TaskRow] = []
    for rec in ledger.list_documents():
        if getattr(rec.state, "value", rec.state) != "published":
            continue
        parsed = ledger.document_parse(rec.id)
        guess = place_of(rec.issuer, rec.doc_number)
        level = guess.level if guess.name == rec.jurisdiction else level_of(rec.jurisdiction)
        where = Place(rec.jurisdiction, level, "ledger") if rec.jurisdiction != UNDECIDED \
            else Place("", "", "none")  # stored as 未确定: no place, as in file mode
        info = DocInfo(id=str(rec.id), source=rec.source, title=rec.title,
                       doc_number=rec.doc_number,
                       issued_on=rec.issued_on.isoformat() if rec.issued_on else None,
                       place=where,
                       references=references_from_dict(parsed))
        infos.append(info)
        by_task: dict[str, list[Any]] = defaultdict(list)
        for item in ledger.list_items(document=rec.id):
            by_task[item.task_key].append(item)
        for key, items in by_task.items():
            items.sort(key=lambda i: i.seq)
            first = items[0]
            rows.append(TaskRow(
                doc_id=info.id, key=key, title=first.title, text=task_text(items),
                place=rec.jurisdiction,
                pairs=tuple(((normalize_unit(i.lead),) if i.lead else (),
                             tuple(normalize_unit(s) for s in i.support)) for i in items),
                dues=tuple(i.due.isoformat() for i in items if i.due and not i.due_implied),
                implied_due=rec.period_end.isoformat() if rec.period_end else None,
                item_id=first.id, extra={"item_ids": tuple(i.id for i in items)}))
    return Corpus(tuple(infos), tuple(rows))


def task_text(items: Sequence[Any]) -> str:
    """A task's text from its work items: each assignment's text once, in order. The parse
    gives a task's text as its assignments' together; taking the first item's alone made
    the database analyses read less of a task than the same file read directly (topics
    counted 供给 11 times for 001 in the ledger, 13 from the file)."""
    return "".join(dict.fromkeys(i.text for i in items if i.text))


def load_items_from_ledger(ledger: Any, *, today: dt.date,
                           jurisdiction: str | None = None) -> list[LoadItem]:
    """One LoadItem per (item, unit): the lead with completion and 督办, supports counted."""
    from taizhang.ledger.model import FINISHED

    notices: dict[int, int] = defaultdict(int)
    for n in ledger.list_duban():
        notices[n.item_id] += 1
    out = []
    for it in ledger.list_items(today=today, jurisdiction=jurisdiction):
        finished = it.status in FINISHED
        if it.lead:
            out.append(LoadItem(it.lead, "lead", it.jurisdiction, str(it.id), it.due, finished,
                                it.completed_on, notices.get(it.id, 0)))
        for unit in it.support:
            out.append(LoadItem(unit, "support", it.jurisdiction, str(it.id), it.due, finished,
                                it.completed_on))
    return out
