"""What the analyses add to one item's page, and the report that serves every linked item.

- 其他文件中的相似任务: the n-gram index's best matches in other documents, with scores.
- 只报一次: confirmed links of the item, and suggested ones (same jurisdiction, same lead,
  similar wording) that an admin can confirm.
- 政策领域: the task's areas and instrument type with the words that decided them.

``record_report`` is the one place a report is written for the web (form and /api): it goes
through ``Ledger.report_linked`` (``taizhang.store.links.report``) — one transaction, recorded
on every item the reporting unit has confirmed as the same work, audited — which also returns
the item with its new light, so the answer needs no second read.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from taizhang.errors import InputError
from taizhang.ledger.model import Report, Status

SIMILAR_K = 5
INSTRUMENTS = ("供给", "需求", "环境", "未判定")  # 未判定: no instrument word matched


def _doc_name(an: Any, doc_id: str) -> str:
    from taizhang.web.analysis_views import doc_display

    d = an.docs.get(doc_id)
    return doc_display(d) if d is not None else doc_id


def _task(an: Any, row: Any, item_id: int | None = None) -> dict[str, Any]:
    return {"ref": row.ref, "key": row.key, "title": row.title, "place": row.place,
            "doc": _doc_name(an, row.doc_id), "doc_id": int(row.doc_id) if row.doc_id.isdigit()
            else None, "lead": list(row.lead), "item_id": item_id or row.item_id}


def similar_tasks(an: Any, item_id: int, k: int = SIMILAR_K) -> list[dict[str, Any]] | None:
    """The k most similar tasks of other documents; None when the item is not analysed
    (its document is not published)."""
    row = an.by_item.get(item_id)
    if row is None:
        return None
    return [{**_task(an, m.row), "score": round(m.score, 3)}
            for m in an.index.similar(row, k=k)]


def suggested_links(an: Any, item_id: int, confirmed: set[int]) -> list[dict[str, Any]]:
    """Suggestions (analysis.links.suggest) that concern this very item and are not yet
    confirmed: for each shared lead unit, the other task's item led by that unit."""
    row = an.by_item.get(item_id)
    if row is None:
        return []
    out = []
    for s in an.suggestions():
        if row.ref not in (s.a.ref, s.b.ref):
            continue
        for unit in s.units:
            ia, ib = s.item_ids(unit)
            mine, other = (ia, ib) if s.a.ref == row.ref else (ib, ia)
            if mine != item_id or other is None or other in confirmed:
                continue
            other_row = s.b if s.a.ref == row.ref else s.a
            out.append({**_task(an, other_row, other), "unit": unit,
                        "score": round(s.score, 3)})
    return out


def task_context(an: Any, lg: Any, item: Any) -> dict[str, Any]:
    """Everything the analysis blocks of the item page show."""
    from taizhang.store import links as store_links

    links = store_links.list_links(lg, item_id=item.id)
    linked = []
    for link in links:
        other_id = link.other(item.id)
        other = lg.get_item(other_id)
        linked.append({"item_id": other_id, "title": other.title, "unit": link.unit,
                       "doc": other.doc_number or other.document_title or "",
                       "score": link.score, "by": link.created_by, "at": link.created_at})
    row = an.by_item.get(item.id)
    tags = an.tags().get(row.ref) if row is not None else None
    return {"analysed": row is not None,
            "similar": similar_tasks(an, item.id) or [],
            "suggested": suggested_links(an, item.id, {x["item_id"] for x in linked}),
            "linked": linked, "linked_ids": {x["item_id"] for x in linked},
            "tags": tags}


def record_report(lg: Any, item_id: int, *, unit: str | Callable[[Any], str], actor: str,
                  today: dt.date, status: Status | None, percent: int | None, text: str | None,
                  problems: str | None, next_steps: str | None, evidence: Sequence[str],
                  occurrence: dt.date | None, expected_version: int | None) -> Any:
    """One report, recorded on every item linked to this one for ``unit`` (first: this item),
    in one transaction; returns the store's ``LinkedReport`` (the reports, and the item as it
    now is, with its light).

    A report for a dated occurrence of a recurring item stays on that item: occurrences are
    the item's own calendar and do not carry over to a linked item. ``unit`` may be a check
    run on the item as the transaction reads it (see ``Ledger.report_linked``).
    """
    return lg.report_linked(item_id, unit=unit, actor=actor, today=today, status=status,
                            percent=percent, text=text, problems=problems,
                            next_steps=next_steps, evidence=evidence, occurrence=occurrence,
                            expected_version=expected_version)


def topic_filter(an: Any, items: list[Any], topic: str, instrument: str) -> list[Any]:
    """Keep the items whose task has the area ``topic`` and/or the instrument type."""
    from taizhang.analysis.topics import area_names

    if not topic and not instrument:
        return items
    if topic and topic not in area_names():
        raise InputError(f"政策领域“{topic}”不认识", hint="可选：" + "、".join(area_names()))
    if instrument and instrument not in INSTRUMENTS:
        raise InputError(f"政策工具类型“{instrument}”不认识", hint="可选：" + "、".join(INSTRUMENTS))
    tags = an.item_tags()
    out = []
    for it in items:
        t = tags.get(it.id)
        if t is None:
            continue
        if topic and topic not in t.area_names:
            continue
        if instrument and (t.instrument or "未判定") != instrument:
            continue
        out.append(it)
    return out
