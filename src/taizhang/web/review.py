"""The review page's data: the stored original parse as a Document, and uploads read into text.

The store keeps the parser's JSON (``Document.to_dict()``) and the raw text. That JSON has the
spans but not the rule names; re-parsing the stored text gives them back, and is used only when
it reproduces the stored parse exactly (the parser may have changed since the upload — then
the stored spans are shown, with names located in their clauses).
"""
from __future__ import annotations

import os
import tempfile
from typing import Any

from taizhang.errors import FileUnreadable
from taizhang.parse.model import (
    Assignment,
    Deadline,
    Document,
    Flag,
    FlagCode,
    ParseWarning,
    Period,
    Target,
    Task,
    WarningCode,
)


def _span(value: Any) -> tuple[int, int]:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return int(value[0]), int(value[1])
    return (0, 0)


def document_from_dict(data: dict[str, Any], text: str) -> Document:
    """Rebuild a Document (without evidence) from its contract JSON and its text."""
    tasks = []
    for t in data.get("tasks", []):
        assignments = tuple(
            Assignment(
                text=a.get("text", ""), span=_span(a.get("span")),
                lead=tuple(a.get("lead", ())), support=tuple(a.get("support", ())),
                leaders=tuple(a.get("leaders", ())),
                deadlines=tuple(Deadline(text=d.get("text", ""), due=d.get("due"),
                                         rrule=d.get("rrule"), kind=d.get("kind", "date"),
                                         span=_span(d.get("span")))
                                for d in a.get("deadlines", ())))
            for a in t.get("assignments", ()))
        targets = tuple(Target(text=g.get("text", ""), value=g.get("value"), unit=g.get("unit", ""),
                               op=g.get("op", "="), upper=g.get("upper"), span=_span(g.get("span")))
                        for g in t.get("targets", ()))
        tasks.append(Task(key=t.get("key", ""), section=tuple(t.get("section", ())),
                          title=t.get("title", ""), text=t.get("text", ""),
                          span=_span(t.get("span")), assignments=assignments, targets=targets,
                          flags=_flags(t.get("uncertain", ()))))
    warnings = []
    for w in data.get("warnings", []):
        try:
            code = WarningCode(w.get("code"))
        except ValueError:
            continue  # a code this version does not know: its message is still in the JSON list
        span = w.get("span")
        warnings.append(ParseWarning(code=code, message=w.get("message", ""),
                                     span=_span(span) if span else None))
    period = data.get("period")
    return Document(source=data.get("source", ""), text=text, title=data.get("title"),
                    doc_number=data.get("doc_number"), issuer=data.get("issuer"),
                    issued_on=data.get("issued_on"),
                    period=Period(period["start"], period["end"]) if period else None,
                    warnings=tuple(warnings), tasks=tuple(tasks))


def _flags(given: Any) -> tuple[Flag, ...]:
    flags = []
    for f in given or ():
        try:
            flags.append(Flag(str(f.get("field", "task")), FlagCode(f.get("code")), str(f.get("message", ""))))
        except (AttributeError, ValueError):
            continue  # a code this version does not know
    return tuple(flags)


def doubtful_first(items: list[Any], document: Document) -> tuple[list[Any], dict[str, list[Flag]]]:
    """The items whose task the parser was unsure of come first (in their order), then the rest;
    with each task key's flags, for the page to say what to check."""
    doubts = {t.key: list(t.flags) for t in document.tasks if t.flags}
    ordered = [it for it in items if it.task_key in doubts] + [it for it in items if it.task_key not in doubts]
    return ordered, doubts


def original_document(stored: dict[str, Any], text: str) -> tuple[Document, bool]:
    """The stored parse as a Document; ``True`` when rule evidence could be recovered."""
    from taizhang.parse import parse

    try:
        again = parse(text, source=stored.get("source", ""))
    except Exception:  # the parser of today failing must not hide yesterday's parse
        again = None
    if again is not None and _comparable(again.to_dict()) == _comparable(stored):
        return again, True
    return document_from_dict(stored, text), False


def _comparable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d.get(k) for k in ("title", "doc_number", "tasks", "issued_on", "period")}


def read_upload(data: bytes, name: str, *, max_bytes: int) -> Any:
    """Bytes of an uploaded file → ReadResult, through the readers (any format they know)."""
    shown = name or "上传的文件"
    if len(data) > max_bytes:
        raise FileUnreadable(shown, f"文件大小 {len(data)} 字节，超过上限 {max_bytes} 字节",
                             hint="请上传正文文件（txt、docx、doc、wps、pdf、ofd、html、eml 或扫描图片），或拆分后分别上传")
    if not data.strip():
        raise FileUnreadable(shown, "文件是空的", hint="请选择有正文内容的文件")
    import taizhang.readers as readers

    read_bytes = getattr(readers, "read_bytes", None)
    if read_bytes is not None:
        return read_bytes(data, name=name)
    # older readers only read paths: go through a temporary file with the same suffix
    suffix = os.path.splitext(name)[1][:10]
    fd, path = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        result = readers.read_path(path)
    except FileUnreadable as err:  # name the user's file, not our temporary one
        raise type(err)(shown, err.reason, hint=err.hint) from err
    finally:
        os.unlink(path)
    if hasattr(result, "source"):
        result = result._replace(source=name)
    return result
