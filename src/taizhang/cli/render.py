"""Human renderings of a parsed Document: terminal table, Markdown, CSV and ``--explain``."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from taizhang.cli.ledger_table import cell as _cut
from taizhang.parse.messages import warning_text
from taizhang.parse.model import Document, ParseWarning, Task


def with_read_warnings(doc: Document, warnings: Sequence[ParseWarning]) -> Document:
    return doc._replace(warnings=tuple(warnings) + doc.warnings)


def _due_text(task: Task) -> str:
    parts = []
    for d in task.deadlines:
        parts.append(d.due or d.rrule or d.text)
    return "；".join(parts)


def _header(doc: Document) -> list[str]:
    lines = [f"《{doc.title or '（无标题）'}》"]
    meta = [("发文字号", doc.doc_number), ("发文机关", doc.issuer), ("成文日期", doc.issued_on)]
    if doc.period:
        meta.append(("规划期", f"{doc.period.start} 至 {doc.period.end}"))
    lines.append("  ".join(f"{k}：{v or '—'}" for k, v in meta))
    for ref in doc.references:
        rel = "贯彻" if ref.relation == "implements" else "引用"
        lines.append(f"{rel}：{ref.doc_number or ''} {ref.title or ''}".rstrip())
    counts: dict[tuple[str, str], int] = {}
    for w in doc.warnings:  # the same note for several places is said once, with a count
        key = (w.code.value, warning_text(w))
        counts[key] = counts.get(key, 0) + 1
    for (code, text), n in counts.items():
        lines.append(f"提示［{code}］：{text}" + (f"（{n} 处）" if n > 1 else ""))
    return lines


def table(doc: Document) -> str:
    cols = [("序号", 12), ("任务", 34), ("牵头单位", 22), ("配合单位", 30), ("责任领导", 8), ("时限", 22)]
    rule = "─" * sum(w + 1 for _, w in cols)
    rows = [" ".join(_cut(n, w) for n, w in cols), rule]
    for t in doc.tasks:
        cells = [t.key, t.title, "、".join(t.lead), "、".join(t.support), "、".join(t.leaders),
                 _due_text(t)]
        rows.append(" ".join(_cut(c, w) for c, (_, w) in zip(cells, cols)))
    footer = f"共 {len(doc.tasks)} 项任务"
    return "\n".join(_header(doc) + [rule] + rows + [rule, footer, ""]) + "\n"


def markdown(doc: Document) -> str:
    out = [f"# {doc.title or '（无标题）'}", ""]
    out += [f"- {line}" for line in _header(doc)[1:]]
    out += ["", "| 序号 | 任务 | 牵头单位 | 配合单位 | 责任领导 | 时限 |", "|---|---|---|---|---|---|"]
    for t in doc.tasks:
        cells = [t.key, t.title, "、".join(t.lead), "、".join(t.support), "、".join(t.leaders),
                 _due_text(t)]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out) + "\n\n"


def csv_text(docs: Iterable[Document]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["文件", "序号", "任务", "具体内容", "牵头单位", "配合单位", "责任领导", "完成时限", "周期规则"])
    for doc in docs:
        for t in doc.tasks:
            w.writerow([doc.source, t.key, t.title, t.text, "、".join(t.lead), "、".join(t.support),
                        "、".join(t.leaders), "；".join(d.due or "" for d in t.deadlines if d.due),
                        "；".join(d.rrule or "" for d in t.deadlines if d.rrule)])
    return buf.getvalue()


def explain(doc: Document) -> str:
    out = _header(doc)
    for field, ev in doc.evidence:
        out.append(f"  {field}  ← {ev.rule} @ [{ev.span[0]},{ev.span[1]}]")
    for t in doc.tasks:
        out.append("")
        out.append(f"任务 {t.key}  [{t.span[0]},{t.span[1]}]  {t.title}")
        for i, a in enumerate(t.assignments, 1):
            out.append(f"  分工{i} [{a.span[0]},{a.span[1]}]")
            for field, ev in a.evidence:
                out.append(f"    {field}  ← {ev.rule} @ [{ev.span[0]},{ev.span[1]}]")
            for d in a.deadlines:
                out.append(f"    时限={d.due or d.rrule or d.kind}  ← {d.rule}：“{d.text}” @ "
                           f"[{d.span[0]},{d.span[1]}]")
        for tg in t.targets:
            out.append(f"  目标 {tg.op}{tg.value}{tg.unit}  ← “{tg.text}” @ [{tg.span[0]},{tg.span[1]}]")
    return "\n".join(out) + "\n\n"
