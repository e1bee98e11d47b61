"""The review page's text: the document as read, with every extracted field marked in place.

Spans come from the parse Document (``[start, end)`` into ``Document.text``). Marks may overlap
(a deadline inside a lead clause), so the text is cut at every span boundary and each piece is
wrapped in the marks active over it; task spans become blocks around their pieces. Everything
user-provided goes through ``escape`` — this function is where a document's ``<script>`` is
made harmless.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from taizhang.parse.model import Document, Task
from taizhang.wording import recurrence_text

# kind → (CSS class, Chinese legend label); the order is the nesting order, outermost first
KINDS: dict[str, tuple[str, str]] = {
    "lead": ("hl-lead", "牵头单位"),
    "support": ("hl-support", "配合单位"),
    "leaders": ("hl-leader", "责任领导"),
    "deadline": ("hl-deadline", "完成时限"),
    "target": ("hl-target", "量化目标"),
    "warning": ("hl-warning", "提示"),
}
# evidence field names the parser may use → our kind
_FIELD_KIND = {"lead": "lead", "support": "support", "leaders": "leaders", "leader": "leaders",
               "deadline": "deadline", "deadlines": "deadline", "target": "target",
               "targets": "target"}


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str
    title: str


def marks_for(doc: Document) -> list[Mark]:
    """Every field of every task with a usable span, as marks with a hover text naming the rule."""
    n = len(doc.text)
    out: list[Mark] = []

    def add(span: Any, kind: str, title: str) -> None:
        if span and 0 <= span[0] < span[1] <= n:
            out.append(Mark(span[0], span[1], kind, title))

    for task in doc.tasks:
        for a in task.assignments:
            seen_kinds: set[tuple[str, str]] = set()
            for label, ev in a.evidence:
                field, _, value = label.partition("=")
                kind = _FIELD_KIND.get(field)
                if kind is None:
                    continue
                seen_kinds.add((kind, value))
                add(ev.span, kind, f"{KINDS[kind][1]}：{value}（规则：{ev.rule}）")
            # a name the parser gave without evidence is still shown where it stands in the clause
            for kind, names in (("lead", a.lead), ("support", a.support), ("leaders", a.leaders)):
                for name in names:
                    if (kind, name) not in seen_kinds:
                        span = _find(doc.text, name, a.span)
                        add(span, kind, f"{KINDS[kind][1]}：{name}（在条文中按名称定位）")
            for d in a.deadlines:
                shown = d.due or recurrence_text(d.rrule) or "无固定日期"
                add(d.span, "deadline", f"完成时限：{d.text} → {shown}（规则：{d.rule or d.kind}）")
        for t in task.targets:
            add(t.span, "target", f"量化目标：{t.text}（{t.op} {_num(t.value)}{t.unit}）")
    for w in doc.warnings:
        if w.span:
            add(w.span, "warning", f"提示：{w.message}（{w.code.value}）")
    return out


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else str(v)


def _find(text: str, name: str, within: tuple[int, int]) -> tuple[int, int] | None:
    if not name:
        return None
    at = text.find(name, within[0], within[1])
    return (at, at + len(name)) if at >= 0 else None


def render(doc: Document, *, pages: tuple[int, ...] = (), page_url: str = "") -> Markup:
    """The whole text as HTML: task blocks (``<span class="hl-task">``) containing nested marks.

    ``pages``: each page's start offset (a PDF or scan); a link ``第 N 页`` to the page's picture
    (``page_url`` with the number appended) then stands where the page begins."""
    text = doc.text
    marks = marks_for(doc)
    tasks = sorted((t for t in doc.tasks if 0 <= t.span[0] < t.span[1] <= len(text)),
                   key=lambda t: t.span)
    starts = {at: number for number, at in enumerate(pages, 1) if 0 <= at < len(text)}
    cuts = {0, len(text), *starts}
    for m in marks:
        cuts.update((m.start, m.end))
    for t in tasks:
        cuts.update(t.span)
    points = sorted(cuts)
    order = list(KINDS)
    parts: list[str] = []
    open_task: Task | None = None
    ti = 0
    for a, b in zip(points, points[1:]):
        # tasks do not overlap in a well-formed parse; a later one that does is shown from its end
        if open_task is not None and a >= open_task.span[1]:
            parts.append("</span>")
            open_task = None
        if open_task is None:
            while ti < len(tasks) and tasks[ti].span[1] <= a:
                ti += 1
            if ti < len(tasks) and tasks[ti].span[0] <= a:
                open_task = tasks[ti]
                ti += 1
                parts.append(_task_open(open_task))
        active = sorted((m for m in marks if m.start <= a and m.end >= b),
                        key=lambda m: (order.index(m.kind), m.start))
        piece = str(escape(text[a:b]))
        for m in reversed(active):
            css = KINDS[m.kind][0]
            piece = f'<mark class="{css}" title="{escape(m.title)}">{piece}</mark>'
        if a in starts:
            number = starts[a]
            parts.append(f'<a class="page-break" id="page-{number}" href="{escape(page_url)}{number}" '
                         f'target="_blank" rel="noopener" title="打开原件第 {number} 页">第 {number} 页</a>')
        parts.append(piece)
    if open_task is not None:
        parts.append("</span>")
    return Markup("".join(parts))


def _task_open(task: Task) -> str:
    title = f"任务 {task.key}：{task.title}"
    return (f'<span class="hl-task" id="task-{escape(task.key)}" title="{escape(title)}">'
            f'<span class="task-key">{escape(task.key)}</span>')


def legend() -> list[tuple[str, str]]:
    return [("hl-task", "任务范围")] + [KINDS[k] for k in KINDS]
