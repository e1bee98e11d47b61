"""Human renderings of a parsed Document: terminal table, Markdown, CSV and ``--explain`` (as
text, JSON, CSV or Markdown). Recurrences read in words and rule names in Chinese, through the
one function each (:mod:`taizhang.wording`, :mod:`taizhang.explain`)."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from taizhang.cli.ledger_table import cell as _cut
from taizhang.explain import field_text, rule_text
from taizhang.parse.messages import warning_text
from taizhang.parse.model import Deadline, Document, ParseWarning, Task
from taizhang.wording import UNTITLED, recurrence_text


def with_read_warnings(doc: Document, warnings: Sequence[ParseWarning]) -> Document:
    return doc._replace(warnings=tuple(warnings) + doc.warnings)


def deadline_text(d: Deadline) -> str:
    """A deadline as a person reads it: the date, the recurrence in words, or the text."""
    return d.due or recurrence_text(d.rrule) or d.text


def _due_text(task: Task) -> str:
    return "；".join(deadline_text(d) for d in task.deadlines)


def _header(doc: Document) -> list[str]:
    lines = [f"《{doc.title}》" if doc.title else UNTITLED]
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


def doubts(task: Task) -> str:
    """What a person should check in this task, in words ("" when nothing is doubtful)."""
    return "；".join(dict.fromkeys(f.message for f in task.flags))


def table(doc: Document) -> str:
    cols = [("序号", 12), ("任务", 34), ("牵头单位", 22), ("配合单位", 30), ("责任领导", 8), ("时限", 22)]
    rule = "─" * sum(w + 1 for _, w in cols)
    rows = [" ".join(_cut(n, w) for n, w in cols), rule]
    for t in doc.tasks:
        cells = [("？" if t.flags else "") + t.key, t.title, "、".join(t.lead), "、".join(t.support),
                 "、".join(t.leaders), _due_text(t)]
        rows.append(" ".join(_cut(c, w) for c, (_, w) in zip(cells, cols)))
    footer = [f"共 {len(doc.tasks)} 项任务"]
    doubtful = [t for t in doc.tasks if t.flags]
    if doubtful:
        footer[0] += f"，其中 {len(doubtful)} 项标 ？ 的请人工核对："
        footer += [f"  {t.key}：{doubts(t)}" for t in doubtful]
    return "\n".join(_header(doc) + [rule] + rows + [rule, *footer, ""]) + "\n"


def markdown(doc: Document) -> str:
    out = [f"# {doc.title or UNTITLED}", ""]
    out += [f"- {line}" for line in _header(doc)[1:]]
    out += ["", "| 序号 | 任务 | 牵头单位 | 配合单位 | 责任领导 | 时限 | 需核对 |",
            "|---|---|---|---|---|---|---|"]
    for t in doc.tasks:
        cells = [t.key, t.title, "、".join(t.lead), "、".join(t.support), "、".join(t.leaders),
                 _due_text(t), doubts(t)]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out) + "\n\n"


def csv_text(docs: Iterable[Document]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(["文件", "序号", "任务", "具体内容", "牵头单位", "配合单位", "责任领导", "完成时限", "周期",
                "周期规则（RFC 5545）", "需核对"])
    for doc in docs:
        for t in doc.tasks:
            rules = [d.rrule for d in t.deadlines if d.rrule]
            w.writerow([doc.source, t.key, t.title, t.text, "、".join(t.lead), "、".join(t.support),
                        "、".join(t.leaders), "；".join(d.due or "" for d in t.deadlines if d.due),
                        "；".join(recurrence_text(r) for r in rules), "；".join(rules), doubts(t)])
    return buf.getvalue()


def explain(doc: Document) -> str:
    """Every field with the rule that produced it, in Chinese, and where in the text."""
    out = _header(doc)
    for field, ev in doc.evidence:
        out.append(f"  {field_text(field)}  ← {rule_text(ev.rule)} @ [{ev.span[0]},{ev.span[1]}]")
    for t in doc.tasks:
        out.append("")
        out.append(f"任务 {t.key}  [{t.span[0]},{t.span[1]}]  {t.title}")
        for i, a in enumerate(t.assignments, 1):
            out.append(f"  分工{i} [{a.span[0]},{a.span[1]}]")
            for field, ev in a.evidence:
                out.append(f"    {field_text(field)}  ← {rule_text(ev.rule)} @ "
                           f"[{ev.span[0]},{ev.span[1]}]")
            for d in a.deadlines:
                out.append(f"    时限={deadline_text(d)}  ← {rule_text(d.rule)}：“{d.text}” @ "
                           f"[{d.span[0]},{d.span[1]}]")
        for tg in t.targets:
            out.append(f"  目标 {tg.op}{tg.value}{tg.unit}  ← “{tg.text}” @ [{tg.span[0]},{tg.span[1]}]")
    return "\n".join(out) + "\n\n"


EXPLAIN_SCHEMA = "taizhang.explain/1"
EXPLAIN_COLUMNS = ("文件", "任务", "分工", "字段", "值", "规则", "规则说明", "起", "止")


def explain_rows(doc: Document) -> Iterator[dict[str, Any]]:
    """One row per extracted value: task key ("" for the header), assignment number, field,
    value, the rule's name and its Chinese description, and the span."""
    def row(task: str, n: int | None, field: str, value: str, rule: str,
            span: tuple[int, int]) -> dict[str, Any]:
        return {"task": task, "assignment": n, "field": field, "value": value, "rule": rule,
                "rule_text": rule_text(rule), "span": [span[0], span[1]]}

    for field, ev in doc.evidence:
        name, _, value = field.partition("=")
        yield row("", None, name, value, ev.rule, ev.span)
    for t in doc.tasks:
        for i, a in enumerate(t.assignments, 1):
            for field, ev in a.evidence:
                name, _, value = field.partition("=")
                yield row(t.key, i, name, value, ev.rule, ev.span)
            for d in a.deadlines:
                yield row(t.key, i, "due", deadline_text(d), d.rule, d.span)


def explain_json(doc: Document) -> dict[str, Any]:
    return {"schema": EXPLAIN_SCHEMA, "source": doc.source, "title": doc.title,
            "evidence": list(explain_rows(doc))}


def explain_table_rows(docs: Iterable[Document]) -> Iterator[list[str]]:
    from taizhang.explain import FIELD_NAMES

    for doc in docs:
        for r in explain_rows(doc):
            yield [doc.source, r["task"], str(r["assignment"] or ""),
                   FIELD_NAMES.get(r["field"], r["field"]), r["value"], r["rule"], r["rule_text"],
                   str(r["span"][0]), str(r["span"][1])]


def explain_csv(docs: Iterable[Document]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(EXPLAIN_COLUMNS)
    w.writerows(explain_table_rows(docs))
    return buf.getvalue()


def explain_markdown(doc: Document) -> str:
    out = [f"# {doc.title or UNTITLED}：各字段的依据", "",
           "| " + " | ".join(EXPLAIN_COLUMNS[1:]) + " |", "|" + "---|" * (len(EXPLAIN_COLUMNS) - 1)]
    for cells in explain_table_rows([doc]):
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells[1:]) + " |")
    return "\n".join(out) + "\n\n"
