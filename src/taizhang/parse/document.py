"""parse(text) → Document: the pipeline that ties the parse modules together.

text → view (normalised, offsets kept) → lines less page chrome and duplicated blocks → outline
items → header facts → tasks (leaf items that ask for work) → clauses → assignments with units,
leaders, deadlines → targets. Pure: no I/O, no clock.
"""
from __future__ import annotations

import re

from taizhang.parse import diagnostics
from taizhang.parse.deadlines import find_deadlines
from taizhang.parse.header import find_references, parse_header
from taizhang.parse.lexicon import non_task_headings
from taizhang.parse.model import (
    Assignment,
    Deadline,
    Document,
    Evidence,
    ParseWarning,
    Reference,
    Target,
    Task,
    WarningCode,
)
from taizhang.parse.outline import Item, build
from taizhang.parse.responsibility import LABEL_LINE, Clause, find_clauses
from taizhang.parse.outline import match_ordinal
from taizhang.parse.tables import Row, find_table
from taizhang.parse.units import split_units
from taizhang.parse.targets import find_targets
from taizhang.parse.text import View
from taizhang.parse.units import UnitName, complete_cut_names

_BOOK_TITLE = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》")
_SENTENCE = re.compile(r"[^。;!?]+")


def parse(text: str, *, source: str = "") -> Document:
    """Parse one policy document's text (already decoded) into a :class:`Document`."""
    v = View.of(text)
    view = v.view
    warnings: list[ParseWarning] = []
    if v.traditional:
        warnings.append(ParseWarning(WarningCode.TRADITIONAL, "文本含繁体字，已按简体识别，名称保留原文写法"))
    if v.pinyin_removed:
        warnings.append(ParseWarning(WarningCode.PINYIN_REMOVED, f"已忽略 {v.pinyin_removed} 处拼音注音"))

    lines = diagnostics.lines_of(view)
    lines, removed = diagnostics.drop_duplicates(view, lines)
    for a, b in removed:
        warnings.append(ParseWarning(WarningCode.DUPLICATE_BLOCK, "正文有一段重复出现，只保留第一份",
                                     v.orig_span(a, b)))
    lines, chrome = diagnostics.drop_chrome(view, lines)
    for a, b in chrome:
        warnings.append(ParseWarning(WarningCode.BOILERPLATE_REMOVED, "已去除网页附带的非正文内容",
                                     v.orig_span(a, b)))

    table = find_table(view, lines)
    if table is not None and table.rows:
        lines = [ln for ln in lines if not table.start <= ln[0] < table.end]
        warnings.append(ParseWarning(WarningCode.TABLE_LAYOUT, "按表格（任务分工表）识别",
                                     v.orig_span(table.start, table.end)))
    else:
        table = None
    items = build(view, lines)
    body_start = items[0].start if items else (lines[-1][1] if lines else 0)
    if table is not None:
        body_start = min(body_start, table.start) if items else table.start
    body_lines, footer = diagnostics.split_footer(view, [ln for ln in lines if ln[0] >= body_start])
    body_end = body_lines[-1][1] if body_lines else body_start
    header = parse_header(view, [ln for ln in lines if ln[0] < body_start] if items else lines,
                          body_start if items else body_end, footer)
    _set_ends(items, body_end, view)
    items = _paragraph_tasks(view, items)

    books = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(view)]
    ref_year = None
    if header.period and header.period.start[:4] == header.period.end[:4]:
        ref_year = int(header.period.start[:4])

    tasks: list[Task] = []
    if table is not None:
        tasks += [_table_task(v, row, n, books, ref_year) for n, row in enumerate(table.rows, 1)]
    clauses_of: dict[int, list[Clause]] = {}
    known: set[str] = set()
    articles = any(it.style == "article" for it in items)
    for item in items:
        cs = find_clauses(view, item.body, item.own_end, duty=articles)
        clauses_of[id(item)] = cs
        for c in cs:
            known.update(u.name for u in c.lead + c.support)
    for item in items:
        if item.children or _not_a_task(view, item):
            continue
        if articles and not any(clauses_of.get(id(n)) for n in [item] + item.ancestors()):
            continue  # in a 办法 of 第X条, an article is a rule, not work, unless it assigns someone
        tasks.append(_task(v, item, clauses_of, books, ref_year))
    if not tasks:
        warnings.append(ParseWarning(WarningCode.NO_TASKS, "未识别出任何任务条目"))

    warnings += _gaps(v, items) + _uncertain(v, tasks)
    tasks, fixes = _complete_names(tasks, known)
    for short, full in fixes.items():
        warnings.append(ParseWarning(WarningCode.NAME_COMPLETED, f"单位名称“{short}”不完整，已按文中全称补全为“{full}”"))
    truncated = diagnostics.truncated_at(view, items, body_end)
    if truncated is not None:
        warnings.append(ParseWarning(WarningCode.TRUNCATED, "正文在条目中间中断，可能不完整",
                                     v.orig_span(truncated, body_end)))

    if v.traditional:
        tasks = _as_written(v, tasks)
        header.issuer = v.as_written(header.issuer) if header.issuer else None
        header.title = v.as_written(header.title) if header.title else None
    preamble = (header.title_span[1] if header.title_span else 0, body_start)
    refs = find_references(view, header.doc_number, preamble, [])
    evidence = tuple(
        (f"{name}={value}", Evidence(header.rules.get(name, ""), v.orig_span(*span)))
        for name, value, span in (("title", header.title, header.title_span),
                                  ("doc_number", header.doc_number, header.doc_number_span),
                                  ("issuer", header.issuer, header.issuer_span),
                                  ("issued_on", header.issued_on, header.issued_span))
        if value and span
    )
    return Document(
        source=source,
        text=text,
        title=header.title,
        doc_number=header.doc_number,
        issuer=header.issuer,
        issued_on=header.issued_on,
        period=header.period,
        references=tuple(Reference(n, t, rel, v.orig_span(*sp)) for n, t, rel, sp in refs),
        warnings=tuple(warnings),
        tasks=tuple(_unique_keys(tasks)),
        notice_title=header.notice_title,
        evidence=evidence,
    )


def _gaps(v: View, items: list[Item]) -> list[ParseWarning]:
    """Numbering that skips (1, 2, 4): an item may be lost; numbering may restart or run on."""
    out = []
    last: dict[str, int] = {}
    for item in items:
        if item.style in ("dash", "para"):
            continue
        prev = last.get(item.style)
        if prev is not None and item.value not in (prev + 1, 1) and item.value > prev:
            out.append(ParseWarning(WarningCode.ORDINAL_GAP,
                                    f"条目序号不连续：{prev} 之后是 {item.value}",
                                    v.orig_span(item.start, item.body)))
        last[item.style] = item.value
    return out


def _uncertain(v: View, tasks: list[Task]) -> list[ParseWarning]:
    """A task with no unit in a document whose other tasks name theirs: worth a human look."""
    with_units = sum(1 for t in tasks if t.lead or t.support)
    if not tasks or with_units * 2 < len(tasks):
        return []
    return [ParseWarning(WarningCode.UNIT_UNCERTAIN, f"任务 {t.key} 未找到责任单位，请人工核对", t.span)
            for t in tasks if not (t.lead or t.support)]


def _set_ends(items: list[Item], body_end: int, view: str) -> None:
    """Each item runs to the next item that is not its descendant; own text stops at a child."""
    for i, item in enumerate(items):
        nxt = items[i + 1].start if i + 1 < len(items) else body_end
        item.own_end = max(item.body, min(nxt, body_end))
    for item in reversed(items):
        item.end = max([item.own_end] + [c.end for c in item.children])


def _paragraph_tasks(view: str, items: list[Item]) -> list[Item]:
    """A heading with unnumbered paragraphs that carry their own clauses: each paragraph is a task
    (keys 一/1, 一/2 …)."""
    out: list[Item] = []
    for item in items:
        out.append(item)
        if item.children:
            continue
        line_end = view.find("\n", item.body, item.own_end)
        if line_end < 0:
            continue
        heading = view[item.body:line_end]
        if len(heading) > 40 or line_end + 1 >= item.own_end or find_clauses(view, item.body, line_end):
            continue
        paras = [seg for a, b in _lines_between(view, line_end + 1, item.own_end)
                 for seg in _split_after_clauses(view, a, b)]
        with_clause = sum(1 for a, b in paras if find_clauses(view, a, b))
        if len(paras) < 2 or with_clause < 2:
            continue
        item.own_end = paras[0][0]
        for n, (a, b) in enumerate(paras, 1):
            child = Item("para", str(n), n, a, a, end=b, level=item.level + 1, parent=item, own_end=b)
            item.children.append(child)
            out.append(child)
    return out


def _split_after_clauses(view: str, a: int, b: int) -> list[tuple[int, int]]:
    """……。责任单位：A。持续推进……。责任单位：B。 → two paragraphs, one per clause."""
    out, pos = [], a
    for c in find_clauses(view, a, b):
        if view[c.end:b].strip(" \t。;"):
            out.append((pos, c.end))
            pos = c.end
    out.append((pos, b))
    return [(x, y) for x, y in out if view[x:y].strip(" \t。;")]


def _lines_between(view: str, start: int, end: int) -> list[tuple[int, int]]:
    """Paragraphs: lines, with label lines (牵头单位：…, 完成时限：…) joined to the one before."""
    out: list[tuple[int, int]] = []
    pos = start
    for line in view[start:end].split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if not line.strip():
            continue
        if out and LABEL_LINE.match(line.strip()):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _heading_text(view: str, item: Item) -> str:
    line_end = view.find("\n", item.body)
    line = view[item.body: line_end if line_end >= 0 else len(view)]
    return line.split("。")[0]


def _not_a_task(view: str, item: Item) -> bool:
    for node in [item] + item.ancestors():
        head = _heading_text(view, node).strip()
        if head.startswith(non_task_headings()):
            return True
    return False


def _task(v: View, item: Item, clauses_of: dict[int, list[Clause]], books: list[tuple[int, int]],
          ref_year: int | None) -> Task:
    view = v.view
    start, end = item.body, item.own_end
    while end > start and view[end - 1] in "\n\t ":
        end -= 1
    clauses = clauses_of.get(id(item), [])
    inherited = False
    if not clauses:
        for anc in item.ancestors():
            if clauses_of.get(id(anc)):
                clauses, inherited = clauses_of[id(anc)][-1:], True
                break
    assignments: list[Assignment] = []
    if clauses and not inherited:
        # each clause closes the text since the previous one; the last runs to the item's end
        bounds: list[tuple[int, int, Clause | None]] = []
        prev = start
        for i, c in enumerate(clauses):
            stop = c.end if i < len(clauses) - 1 else end
            bounds.append((prev, stop, c))
            prev = c.end
    else:
        bounds = [(start, end, clauses[0] if clauses else None)]  # no clause, or the heading's
    for a, b, governing in bounds:
        assignments.append(_assignment(v, a, b, governing, books, ref_year, inherited))
    targets = tuple(
        Target(t.text, t.value, t.unit, t.op, t.upper, v.orig_span(start + t.start, start + t.end))
        for t in find_targets(view[start:end], skip=[(x - start, y - start) for x, y in books])
    )
    section = tuple(_line_text(v, anc) for anc in reversed(item.ancestors()))
    o_start, o_end = v.orig_span(start, end)
    return Task(
        key=item.key,
        section=section,
        title=_title(view[start:end]),
        text=v.orig[o_start:o_end],
        span=(o_start, o_end),
        assignments=tuple(assignments),
        targets=targets,
    )


def _table_task(v: View, row: Row, n: int, books: list[tuple[int, int]], ref_year: int | None) -> Task:
    """One row of a task table → a task with one assignment."""
    view = v.view
    cells = row.cells
    key = cells["key"].text.strip() if "key" in cells and cells["key"].text.strip() else str(n)
    section: tuple[str, ...] = ()
    if row.section is not None:
        found = match_ordinal(view, row.section.start)
        if found:
            key = f"{found[1]}/{key}"
        section = (v.orig_text(row.section.start, row.section.end).strip(),)
    main = cells.get("task") or cells.get("detail")
    assert main is not None
    text_start = main.start
    text_end = cells["detail"].end if "task" in cells and "detail" in cells else main.end
    lead: list[UnitName] = []
    support: list[UnitName] = []
    for role in ("lead", "lead_list", "support"):
        cell = cells.get(role)
        if cell is None or cell.text.strip() in ("", "/", "—", "无"):
            continue
        units = split_units(cell.text, cell.start)
        if role == "lead":
            lead += units
        elif role == "lead_list":
            lead += units[:1]
            support += units[1:]
        else:
            support += units
    clause = Clause(text_start, text_end, lead, support, rule="table_columns")
    if "leaders" in cells:
        from taizhang.parse.responsibility import people
        clause.leaders = people(cells["leaders"].text, cells["leaders"].start)
    due_cell = cells.get("due")
    a = _assignment(v, text_start, text_end, clause, books, ref_year, False)
    if due_cell is not None:
        extra = tuple(
            Deadline(f.text, f.due, f.rrule, f.kind,
                     v.orig_span(due_cell.start + f.start, due_cell.start + f.end), f.rule)
            for f in find_deadlines(due_cell.text, ref_year=ref_year))
        a = Assignment(a.text, a.span, a.lead, a.support, a.leaders, a.deadlines + extra, a.evidence)
    targets = tuple(
        Target(t.text, t.value, t.unit, t.op, t.upper, v.orig_span(text_start + t.start, text_start + t.end))
        for t in find_targets(view[text_start:text_end]))
    o_start, o_end = v.orig_span(text_start, text_end)
    return Task(key=key, section=section, title=_title(view[main.start:main.end]),
                text=v.orig[o_start:o_end], span=(o_start, o_end), assignments=(a,), targets=targets)


def _assignment(v: View, a: int, b: int, c: Clause | None, books: list[tuple[int, int]],
                ref_year: int | None, inherited: bool) -> Assignment:
    view = v.view
    while b > a and view[b - 1] in "\n\t ":
        b -= 1
    skip = [(x - a, y - a) for x, y in books if x < b and y > a]  # titles in 《》 name no deadlines
    deadlines = tuple(
        Deadline(f.text, f.due, f.rrule, f.kind, v.orig_span(a + f.start, a + f.end), f.rule)
        for f in find_deadlines(view[a:b], ref_year=ref_year, skip=skip)
    )
    evidence: list[tuple[str, Evidence]] = []
    lead: list[str] = []
    support: list[str] = []
    leaders: list[str] = []
    if c is not None:
        rule = c.rule.split(":")[0] + (":inherited" if inherited else "")
        for role, units, out in (("lead", c.lead, lead), ("support", c.support, support)):
            for u in units:
                if u.name not in out and not (role == "support" and u.name in lead):
                    out.append(u.name)
                    evidence.append((f"{role}={u.name}", Evidence(f"{rule}:{u.rule}", v.orig_span(u.start, u.end))))
        for name, s, e in c.leaders:
            if name not in leaders:
                leaders.append(name)
                evidence.append((f"leader={name}", Evidence(rule, v.orig_span(s, e))))
    o_a, o_b = v.orig_span(a, b)
    return Assignment(v.orig[o_a:o_b], (o_a, o_b), tuple(lead), tuple(support), tuple(leaders),
                      deadlines, tuple(evidence))


def _line_text(v: View, item: Item) -> str:
    end = v.view.find("\n", item.start)
    end = end if end >= 0 else len(v.view)
    end = min(end, item.own_end) if item.own_end > item.start else end
    return v.orig_text(item.start, end).strip()


def _title(text: str) -> str:
    first = text.split("\n")[0]
    m = _SENTENCE.match(first)
    title = (m.group(0) if m else first).strip()
    if len(title) > 40 and "," in title:
        title = title.split(",")[0]
    return title


def _complete_names(tasks: list[Task], known: set[str]) -> tuple[list[Task], dict[str, str]]:
    names = [n for t in tasks for a in t.assignments for n in a.lead + a.support]
    fixes = complete_cut_names(names, known)
    if not fixes:
        return tasks, {}
    out = []
    for t in tasks:
        assignments = tuple(
            Assignment(a.text, a.span, tuple(fixes.get(n, n) for n in a.lead),
                       tuple(fixes.get(n, n) for n in a.support), a.leaders, a.deadlines, a.evidence)
            for a in t.assignments
        )
        out.append(Task(t.key, t.section, t.title, t.text, t.span, assignments, t.targets))
    return out, fixes


def _as_written(v: View, tasks: list[Task]) -> list[Task]:
    back = v._back()
    out = []
    for t in tasks:
        assignments = tuple(
            Assignment(a.text, a.span, tuple(n.translate(back) for n in a.lead),
                       tuple(n.translate(back) for n in a.support),
                       tuple(n.translate(back) for n in a.leaders), a.deadlines, a.evidence)
            for a in t.assignments)
        out.append(Task(t.key, t.section, t.title.translate(back), t.text, t.span, assignments, t.targets))
    return out


def _unique_keys(tasks: list[Task]) -> list[Task]:
    seen: dict[str, int] = {}
    out = []
    for t in tasks:
        n = seen.get(t.key, 0) + 1
        seen[t.key] = n
        if n > 1:
            t = Task(f"{t.key}#{n}", t.section, t.title, t.text, t.span, t.assignments, t.targets)
        out.append(t)
    return out


