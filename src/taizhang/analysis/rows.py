"""Plain rows the analyses work on, built from parsed Documents or from the ledger.

The analyses never look at ORM objects or at the parser's internals: a ``DocInfo`` per
document and a ``TaskRow`` per task is all they need, so the same code serves files parsed
on the fly (``taizhang similar a.txt b.txt``) and the stored ledger (``--db``).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath

from taizhang.analysis.places import Place, document_place
from taizhang.analysis.tables import table
from taizhang.errors import NotFound
from taizhang.parse.model import Document

Pair = tuple[tuple[str, ...], tuple[str, ...]]  # (lead, support) of one assignment


@dataclass(frozen=True, slots=True)
class Ref:
    doc_number: str | None
    title: str | None
    relation: str  # implements | cites


@dataclass(frozen=True, slots=True)
class DocInfo:
    id: str  # the handle shown and typed: source stem (000_e697…) or the ledger's id
    source: str
    title: str | None
    doc_number: str | None
    issued_on: str | None
    place: Place
    references: tuple[Ref, ...] = ()

    @property
    def label(self) -> str:
        """Short human name: 发文字号 when there is one, else the id (source stem)."""
        return self.doc_number or self.id


@dataclass(frozen=True, slots=True)
class TaskRow:
    doc_id: str
    key: str
    title: str
    text: str
    place: str  # jurisdiction of the issuing document: 沈阳市
    pairs: tuple[Pair, ...] = ()  # per assignment, so co-leads of different clauses stay apart
    dues: tuple[str, ...] = ()
    implied_due: str | None = None  # the document's period end, for tasks without a deadline
    item_id: int | None = None  # the ledger's task id when the row came from the store
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @property
    def ref(self) -> str:
        return f"{self.doc_id}:{self.key}"

    @property
    def lead(self) -> tuple[str, ...]:
        return _union(p[0] for p in self.pairs)

    @property
    def support(self) -> tuple[str, ...]:
        return tuple(u for u in _union(p[1] for p in self.pairs) if u not in self.lead)


def _union(groups: object) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:  # type: ignore[attr-defined]
        for name in group:
            seen.setdefault(name, None)
    return tuple(seen)


@lru_cache(maxsize=4096)
def normalize_unit(name: str) -> str:
    """NFKC plus the alias table: ``市发改委`` → ``市发展改革委``, ``（`` → ``(``."""
    s = unicodedata.normalize("NFKC", name).strip()
    for fragment, canonical in table("unit_aliases.tsv", 2):
        if fragment in s and canonical not in s:
            s = s.replace(fragment, canonical)
    return s


@lru_cache(maxsize=4096)  # asked once per unit per task; a 20,000-task network asks ~10⁵ times
def is_collective(name: str) -> bool:
    """``各区、县(市)政府``, ``市直有关部门``, ``领导小组成员单位`` name groups, not one office."""
    for pattern, where in table("collectives.tsv", 2):
        if (where == "end" and name.endswith(pattern)) or (where != "end" and name.startswith(pattern)):
            return True
    return False


def doc_info(doc: Document, *, doc_id: str | None = None) -> DocInfo:
    stem = PurePath(doc.source).stem if doc.source else (doc.doc_number or "文件")
    return DocInfo(
        id=doc_id or stem,
        source=doc.source,
        title=doc.title,
        doc_number=doc.doc_number,
        issued_on=doc.issued_on,
        place=document_place(doc.issuer, doc.doc_number, doc.text),
        references=tuple(Ref(r.doc_number, r.title, r.relation) for r in doc.references),
    )


def task_rows(doc: Document, info: DocInfo, *, item_ids: dict[str, int] | None = None) -> list[TaskRow]:
    rows = []
    for t in doc.tasks:
        pairs = tuple((tuple(normalize_unit(u) for u in a.lead),
                       tuple(normalize_unit(u) for u in a.support)) for a in t.assignments)
        rows.append(TaskRow(
            doc_id=info.id, key=t.key, title=t.title, text=t.text, place=info.place.name,
            pairs=pairs, dues=tuple(d.due for d in t.deadlines if d.due),
            implied_due=doc.period.end if doc.period else None,
            item_id=(item_ids or {}).get(t.key)))
    return rows


@dataclass(frozen=True, slots=True)
class Corpus:
    """Documents and their tasks, with lookups by the handles people type."""

    docs: tuple[DocInfo, ...]
    tasks: tuple[TaskRow, ...]

    @classmethod
    def from_documents(cls, docs: list[Document]) -> "Corpus":
        infos, rows = [], []
        for doc in docs:
            info = doc_info(doc)
            infos.append(info)
            rows.extend(task_rows(doc, info))
        return cls(tuple(infos), tuple(rows))

    def doc(self, handle: str) -> DocInfo:
        """By id, 发文字号, source file name, or a unique prefix of the id (``000``)."""
        h = handle.strip()
        exact = [d for d in self.docs if h in (d.id, d.doc_number, d.source)]
        if exact:
            return exact[0]
        prefix = [d for d in self.docs if d.id.startswith(h) or d.source.startswith(h)]
        if len(prefix) == 1:
            return prefix[0]
        from taizhang.ledger.names import closest

        known = "、".join(d.label for d in self.docs[:8]) or "（无）"
        near = [] if prefix else closest(h, [n for d in self.docs
                                             for n in (d.doc_number, d.source, d.id) if n])
        guess = f"是不是：{'、'.join(near)}？" if near else ""
        what = "不唯一" if prefix else "找不到"
        raise NotFound(f"文件“{handle}”{what}",
                       hint=f"{guess}请用文件编号、发文字号或文件名，已知：{known}")

    def task(self, handle: str) -> TaskRow:
        """``000:二``, ``002_0c7f…:一/(三)/12``, or the ledger id of a task (``17``)."""
        if ":" not in handle and handle.isdigit():
            for row in self.tasks:
                if row.item_id == int(handle):
                    return row
        if ":" in handle:
            doc_handle, key = handle.split(":", 1)
            doc = self.doc(doc_handle)
            key_n = unicodedata.normalize("NFKC", key.strip())
            for row in self.tasks:
                if row.doc_id == doc.id and unicodedata.normalize("NFKC", row.key) == key_n:
                    return row
            keys = "、".join([r.key for r in self.tasks if r.doc_id == doc.id][:10])
            raise NotFound(f"文件 {doc.id} 中没有序号为“{key}”的任务",
                           hint=f"该文件的任务序号如：{keys or '（该文件没有解析出任务）'}")
        raise NotFound(f"任务“{handle}”格式不对",
                       hint="请写成 文件:序号（如 000:二、002:一/(三)/12）或台账中的任务编号")

    def tasks_of(self, doc_id: str) -> list[TaskRow]:
        return [t for t in self.tasks if t.doc_id == doc_id]
