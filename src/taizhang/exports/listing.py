"""Plain listings of the ledger for other tools: CSV (UTF-8 with BOM, so Excel reads the Chinese),
JSON (the items' own ``to_dict`` plus labels) and Markdown (a table for notes and wikis)."""
from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from taizhang.exports import labels as L
from taizhang.ledger.model import WorkItem

SCHEMA = "taizhang.items/1"

# (header, value) — the same columns as the 台账 sheet, in the same order
COLUMNS: tuple[tuple[str, Any], ...] = (
    ("编号", lambda i: i.id),
    ("来源文件", L.document_label),
    ("条目", lambda i: i.task_key),
    ("工作任务", lambda i: i.title),
    ("具体内容", lambda i: i.text),
    ("牵头单位", lambda i: i.lead or ""),
    ("责任单位", lambda i: L.units_label(i.support)),
    ("责任领导", lambda i: L.units_label(i.leaders)),
    ("完成时限", L.due_label),
    ("状态", lambda i: i.status.label),
    ("完成百分比", lambda i: i.percent),
    ("亮灯", L.light_label),
    ("进展情况", L.progress_text),
    ("备注", L.notes_label),
    ("版本", lambda i: i.version),
)


def write_csv(items: Iterable[WorkItem], file: str | Path | IO[str]) -> None:
    with _text_out(file, bom=True) as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow([h for h, _ in COLUMNS])
        for item in items:
            writer.writerow([value(item) for _, value in COLUMNS])


def write_json(items: Iterable[WorkItem], file: str | Path | IO[str]) -> None:
    """``{"schema": …, "items": [...]}``: codes for programs, ``*_label`` for people."""
    rows = []
    for item in items:
        row = item.to_dict()
        row["light_label"] = L.light_label(item) or None
        row["due_label"] = L.due_label(item)
        row["units"] = list(item.units)
        rows.append(row)
    with _text_out(file) as out:
        json.dump({"schema": SCHEMA, "count": len(rows), "items": rows}, out,
                  ensure_ascii=False, indent=2)
        out.write("\n")


def write_markdown(items: Iterable[WorkItem], file: str | Path | IO[str], *,
                   title: str = "工作任务落实台账") -> None:
    shown = ("编号", "工作任务", "牵头单位", "责任单位", "完成时限", "状态", "亮灯", "进展情况")
    cols = [(h, v) for h, v in COLUMNS if h in shown]
    rows = list(items)
    with _text_out(file) as out:
        out.write(f"# {title}\n\n共{len(rows)}项。\n\n")
        out.write("| " + " | ".join(h for h, _ in cols) + " |\n")
        out.write("|" + "|".join("---" for _ in cols) + "|\n")
        for item in rows:
            out.write("| " + " | ".join(_md_cell(v(item)) for _, v in cols) + " |\n")


def _md_cell(value: Any) -> str:
    # a pipe or a newline would break the table row
    return str(value).replace("|", "\\|").replace("\r", " ").replace("\n", "<br>")


class _text_out:
    """Write text to a path (atomically complete on close) or to an open text stream."""

    def __init__(self, file: str | Path | IO[str], *, bom: bool = False) -> None:
        self.file = file
        self.encoding = "utf-8-sig" if bom else "utf-8"
        self.buffer = io.StringIO()

    def __enter__(self) -> IO[str]:
        return self.buffer

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is not None:
            return  # nothing half-written
        text = self.buffer.getvalue()
        if isinstance(self.file, (str, Path)):
            Path(self.file).write_text(text, encoding=self.encoding, newline="")
        else:
            if self.encoding == "utf-8-sig" and getattr(self.file, "encoding", None) is None:
                text = "\ufeff" + text
            self.file.write(text)
