"""A reviewed document as a gold file (CONTRACT.md §4): the answers an office has checked.

The review page's corrections live in the ledger's items; written out in the contract's gold
format, a document becomes part of the office's own test set, scored by ``taizhang evaluate``.

    >>> import datetime as dt
    >>> from taizhang.ledger.model import DocState, DocumentRecord, WorkItem
    >>> rec = DocumentRecord(1, "k", 1, True, DocState.PUBLISHED, "沈阳市", "a.txt", "标题", None, None, None,
    ...                      None, None, "h", dt.datetime(2026, 1, 1), "cli")
    >>> item = WorkItem(1, 1, "一", 1, "推进改革", "推进改革。", "沈阳市", "市财政局")
    >>> gold(rec, {"references": []}, [item], source="a.txt")["tasks"][0]["head"]
    '推进改革。'
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from taizhang.ledger.model import DocumentRecord, WorkItem

HEAD = 16  # characters of a task's text that name it (the evaluation matches on them)


def gold(record: DocumentRecord, parsed: dict[str, Any], items: Sequence[WorkItem], *, source: str) -> dict[str, Any]:
    """The gold of one document: its own facts from the ledger record, references from its parse,
    and each task's units, leaders, dates and rules as its (reviewed) items now say."""
    tasks: dict[str, dict[str, Any]] = {}
    for item in sorted(items, key=lambda i: (i.id, i.seq)):
        task = tasks.setdefault(item.task_key, {
            "key": item.task_key, "head": _head(item.text), "lead": [], "support": [], "leaders": [],
            "due": [], "rrules": []})
        if item.lead:
            _add(task["lead"], [item.lead])
        _add(task["support"], [u for u in item.support if u not in task["lead"]])
        _add(task["leaders"], item.leaders)
        # an item keeps its latest dated deadline and its rule (ledger/schedule.py): those are its answers
        if item.rrule:
            _add(task["rrules"], [item.rrule])
        if item.due and not item.due_implied:
            _add(task["due"], [item.due.isoformat()])
    refs: dict[str, list[str]] = {"implements": [], "cites": []}
    for ref in parsed.get("references") or []:
        if ref.get("doc_number") and ref.get("relation") in refs:
            _add(refs[ref["relation"]], [ref["doc_number"]])
    period = None
    if record.period_start and record.period_end:
        period = {"start": record.period_start.isoformat(), "end": record.period_end.isoformat()}
    return {
        "source": source,
        "title": [record.title] if record.title else [],
        "doc_number": record.doc_number,
        "issuer": record.issuer,
        "issued_on": record.issued_on.isoformat() if record.issued_on else None,
        "period": period,
        "references": refs,
        "tasks": list(tasks.values()),
        "not_tasks": [],
    }


def _head(text: str) -> str:
    return re.sub(r"\s+", "", text)[:HEAD]


def _add(into: list[str], values: Sequence[str]) -> None:
    for v in values:
        if v not in into:
            into.append(v)
