"""parse(text) → Document: the stages, in order. Pure: no I/O, no clock.

1. text      the view: normalised, offsets kept (text.py)
2. lines     each line's role: chrome, index field, item, label, date, signature … (lines.py)
   layout    the page's parts: head, cover notice, plan title, body, annexes, footer (layout.py)
   tables    a task table in the body or an attachment (tables.py)
3. items     the outline tree of the body and of each attachment (outline.py, items.py)
4. scopes    who does each item's work: its clauses, its heading's, its section's (scopes.py)
5. fields    the header's facts (header.py); tasks with assignments, units, leaders, deadlines,
             targets (tasks.py); what is uncertain (flags.py) and what the reader should know
             (diagnostics.py)
"""
from __future__ import annotations

import re

from taizhang.parse import diagnostics, flags
from taizhang.parse.header import Fact, Header, find_references, parse_header
from taizhang.parse.items import duty_sentences, items_of
from taizhang.parse.layout import Annex, Layout, lay_out, split_footer
from taizhang.parse.lines import DROPPED, Role, dropped_blocks, read_lines
from taizhang.parse.model import (
    Document,
    Evidence,
    Flag,
    FlagCode,
    ParseWarning,
    Reference,
    Task,
    WarningCode,
)
from taizhang.parse.outline import Item
from taizhang.parse.responsibility import Clause
from taizhang.parse.scopes import by_scope, own_places, standing_units
from taizhang.parse.tables import Table, find_table
from taizhang.parse.tasks import build_task, not_a_task, table_task
from taizhang.parse.text import View
from taizhang.parse.units import UnitName, complete_cut_names
from taizhang.parse.unnumbered import bulleted_blocks, record_blocks, unnumbered_paragraphs

_TO_ANNEX = re.compile(r"(?:详见|参见|见)附件")
_YEAR_NOTE = re.compile(r"未(?:注明|标注|写明|标明)年份的?(?:时限|日期)?(?:均|都|一律)?(?:为|指|是|按)((?:19|20)\d{2})年")
_BOOK_TITLE = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》")


def parse(text: str, *, source: str = "") -> Document:
    """Parse one policy document's text (already decoded) into a :class:`Document`."""
    v = View.of(text)
    view = v.view
    warnings = _text_warnings(v)

    lines = read_lines(view, v.gaps)
    for a, b in dropped_blocks(view, lines, Role.REPEAT):
        warnings.append(ParseWarning(WarningCode.DUPLICATE_BLOCK, "正文有一段重复出现，只保留第一份", v.orig_span(a, b)))
    for a, b in dropped_blocks(view, lines, Role.CHROME):
        warnings.append(ParseWarning(WarningCode.BOILERPLATE_REMOVED, "已去除网页附带的非正文内容", v.orig_span(a, b)))
    kept = [ln for ln in lines if ln.role not in DROPPED]
    table = find_table(view, [(ln.start, ln.end) for ln in kept], v.gaps)
    if table is not None and table.rows:
        warnings.append(ParseWarning(WarningCode.TABLE_LAYOUT, "按表格（任务分工表）识别",
                                     v.orig_span(table.start, table.end)))
        kept = [ln for ln in kept if not table.start <= ln.start < table.end]
    else:
        table = None
    layout = lay_out(view, kept, table.start if table is not None else None)
    dropped = [(ln.start, ln.end) for ln in lines if ln.role in DROPPED]

    body = _body_lines(layout)
    body_end = body[-1][1] if body else 0
    items = items_of(view, body, body_end, dropped) if body else []
    if not items and table is None:  # no outline at all: a report listing the work in sentences
        items = duty_sentences(view, [(ln.start, ln.end) for ln in kept])
    if not items and table is None:
        # a list of records (任务名称：… 牵头单位：…); a plan whose numbering was lost on the way; work
        # set out under bullets (▌……)
        spans = [(ln.start, ln.end) for ln in kept]
        items = record_blocks(view, spans) \
            or unnumbered_paragraphs(view, [(ln.start, ln.end) for ln in kept if ln.role is Role.TEXT]) \
            or bulleted_blocks(view, spans, [v.bulleted(a) for a, _ in spans])
    body_start = _body_start(layout, items, table)
    header = parse_header(view, layout, kept, body_start)
    annex_items, last_items, last_end = _annex_items(view, layout, items, dropped)
    annex_read = bool(annex_items)
    items += annex_items
    if not annex_items:
        last_items, last_end = items, body_end

    books = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(view)]
    noted = _YEAR_NOTE.search(view)  # 完成时限未注明年份的均为2025年: the document says which year itself
    ref_year = int(noted.group(1)) if noted else _reference_year(header)
    tasks: list[Task] = []
    annex_rows: list[Task] = []  # a table in an attachment: its rows follow the plan's own tasks
    structural: dict[int, list[Flag]] = {}  # by id(task): what its layout makes uncertain
    if table is not None:
        rows = [table_task(v, row, n, books, ref_year) for n, row in enumerate(table.rows, 1)]
        for task, row in zip(rows, table.rows):
            if row.doubtful:
                structural[id(task)] = [flags.flag(FlagCode.ROW_FITTED, "lead"), flags.flag(FlagCode.ROW_FITTED, "support")]
        rows = _joined_sub_rows(rows)
        in_annex = next((an for an in reversed(layout.annexes) if an.line.start < table.start), None)
        if in_annex is None:
            tasks += rows
        else:
            annex_read = True  # 任务分工见附件: the table in the attachment lists the work
            # after a plan of its own, keyed as an outline in an attachment is (附件1/一/1)
            annex_rows = [t._replace(key=f"{in_annex.label}/{t.key}") for t in rows] if items else rows
            structural = {id(new): structural[id(old)] for new, old in zip(annex_rows, rows) if id(old) in structural}

    places = own_places(header.issuer.value if header.issuer else None, header.title.value if header.title else None)
    scopes = by_scope(view, items, places)
    clauses_of = scopes.clauses
    known = {v.written(u.name, u.start, u.end) for cs in clauses_of.values() for c in cs for u in c.lead + c.support}
    articles = any(it.style == "article" for it in items)
    cover = layout.cover
    # (not a plan issued by a cover notice: its own 保障措施 stay its tasks)
    listed = cover is None and _work_listed_in_annex(items, clauses_of)
    for item in items:
        if item.children or not_a_task(view, item, clauses_of):
            continue
        if cover is not None and cover[0] <= item.start < cover[1]:
            continue  # the cover notice's own instructions (一、各单位要高度重视……)
        if listed and item.style != "annex" and not _in_annex(item) and not _assigned(item, clauses_of):
            continue  # a notice whose work is listed in its attachment: its own 一、提高思想认识 is no task
        if id(item) in scopes.assigners:
            continue  # 第（一）项由A牵头……: its work is the items it names
        if articles and not any(clauses_of.get(id(n)) for n in [item] + item.ancestors()):
            continue  # in a 办法 of 第X条, an article is a rule, not work, unless it assigns someone
        if annex_read and _TO_ANNEX.search(view, item.body, item.own_end) \
                and not any(clauses_of.get(id(n)) for n in [item] + item.ancestors()):
            continue  # 具体任务分工见附件1: the work is counted where the attachment lists it
        task = build_task(v, item, clauses_of, books, ref_year)
        if item.style == "para":
            structural[id(task)] = [flags.flag(FlagCode.NO_ORDINAL, "task")]
        tasks.append(task)
    if annex_rows and table is not None:
        tasks, annex_rows = _rows_for_items(tasks, annex_rows, table)
    tasks += annex_rows
    tasks = _add_standing(v, tasks, standing_units(view, items))
    if not tasks:
        warnings.append(ParseWarning(WarningCode.NO_TASKS, "未识别出任何任务条目"))

    warnings += diagnostics.ordinal_gaps(v, items) + diagnostics.units_missing(tasks)
    given = [structural.get(id(t), []) for t in tasks]
    tasks, fixes = _complete_names(tasks, known)
    for short, full in fixes.items():
        warnings.append(ParseWarning(WarningCode.NAME_COMPLETED, f"单位名称“{short}”不完整，已按文中全称补全为“{full}”"))
    tasks = flags.review(tasks, given, fixes)
    truncated = diagnostics.truncated_at(view, last_items, last_end)
    if truncated is not None:
        warnings.append(ParseWarning(WarningCode.TRUNCATED, "正文在条目中间中断，可能不完整",
                                     v.orig_span(truncated, last_end)))

    refs = find_references(view, header.doc_number, header.preamble)
    title = header.title
    if header.doc_number is None and title is not None:
        # a page that reposts the document names it with its own number: 印发《（标题）》（柳政办〔2024〕9号）
        own = next((r for r in refs if r[1] and r[1].strip("《》") == title.value), None)
        if own is not None:
            header.doc_number = Fact(own[0], own[3], "own_title_cited")
            refs = [r for r in refs if r is not own]
    facts = {name: _written(v, fact) for name, fact in (("title", header.title), ("doc_number", header.doc_number),
                                                         ("issuer", header.issuer), ("issued_on", header.issued_on))}
    evidence = tuple((f"{name}={fact.value}", Evidence(fact.rule, v.orig_span(*fact.span)))
                     for name, fact in facts.items() if fact is not None and fact.span)
    return Document(
        source=source,
        text=text,
        title=_value(facts["title"]),
        doc_number=_value(facts["doc_number"]),
        issuer=_value(facts["issuer"]),
        issued_on=_value(facts["issued_on"]),
        period=header.period,
        references=tuple(Reference(v.written_text(n, *sp), t, rel, v.orig_span(*sp)) for n, t, rel, sp in refs),
        warnings=tuple(warnings),
        tasks=tuple(_unique_keys(tasks)),
        notice_title=header.notice_title,
        evidence=evidence,
    )


def _text_warnings(v: View) -> list[ParseWarning]:
    warnings = []
    if v.traditional:
        warnings.append(ParseWarning(WarningCode.TRADITIONAL, "文本含繁体字，已按简体识别，名称保留原文写法"))
    if v.lines_joined:
        warnings.append(ParseWarning(WarningCode.HARD_WRAPS, f"文本按固定宽度折行，已接回 {v.lines_joined} 处"))
    if v.lines_split:
        warnings.append(ParseWarning(WarningCode.BREAKS_RESTORED, f"文本丢失了换行，已在 {v.lines_split} 处条目序号前补回"))
    if v.pinyin_removed:
        warnings.append(ParseWarning(WarningCode.PINYIN_REMOVED, f"已忽略 {v.pinyin_removed} 处拼音注音"))
    return warnings


def _body_lines(layout: Layout) -> list[tuple[int, int]]:
    return [(ln.start, ln.end) for ln in layout.body]


def _body_start(layout: Layout, items: list[Item], table: Table | None) -> int:
    """Where the body's first item (or its table) begins: what stands before is the preamble."""
    starts = [it.start for it in items[:1]] + ([table.start] if table is not None else [])
    if starts:
        return min(starts)
    return layout.body[0].start if layout.body else (layout.head[-1].end if layout.head else 0)


def _annex_items(view: str, layout: Layout, items: list[Item],
                 dropped: list[tuple[int, int]]) -> tuple[list[Item], list[Item], int]:
    """附件1 after a plan with an outline of its own (任务分工): its items are tasks too, keyed under
    the attachment (附件1/一/1) since its numbering starts again. A notice with no items of its
    own has its plan as the attachment: that plan is the body, read above."""
    out: list[Item] = []
    last: list[Item] = []
    last_end = 0
    for annex in layout.annexes if items else ():
        annex_lines, _ = split_footer(view, annex.lines)
        end = annex_lines[-1].end if annex_lines else annex.line.end
        found = items_of(view, [(ln.start, ln.end) for ln in annex_lines], end, dropped)
        if not found:
            continue  # a list of names, a form
        root = _annex_root(annex, found, end)
        out += [root] + found
        last, last_end = found, end
    return out, last, last_end


def _in_annex(item: Item) -> bool:
    return any(n.style == "annex" for n in item.ancestors())


def _assigned(item: Item, clauses_of: dict[int, list[Clause]]) -> bool:
    """Someone is made answerable by a marker, a label or a bracket (not a sentence's subject)."""
    return any(c.rule != "verb:duty" and (c.lead or c.support)
               for n in [item] + item.ancestors() for c in clauses_of.get(id(n), []))


def _work_listed_in_annex(items: list[Item], clauses_of: dict[int, list[Clause]]) -> bool:
    """The attachment lists the work item by item (three at least, each with its units)."""
    listed = [it for it in items if not it.children and _in_annex(it) and _assigned(it, clauses_of)]
    return len(listed) >= 3


def _annex_root(annex: Annex, found: list[Item], end: int) -> Item:
    root = Item("annex", annex.label, 0, annex.line.start, annex.line.end, end=end, own_end=found[0].start)
    for it in found:
        it.level += 1
        if it.parent is None:
            it.parent = root
            root.children.append(it)
    return root


def _reference_year(header: Header) -> int | None:
    """The year a date written without one (6月底前) falls in: the one year the document plans
    for, else (no period at all) the year it was signed."""
    period, issued = header.period, header.issued_on.value if header.issued_on else None
    if period and period.start[:4] == period.end[:4]:
        return int(period.start[:4])
    if issued and (period is None or period.start[:4] <= issued[:4] <= period.end[:4]):
        return int(issued[:4])  # a plan for 2025—2027 signed in 2025: 年底前 is 2025's
    numbered = _NUMBER_YEAR.search(header.doc_number.value) if header.doc_number and not period else None
    if numbered:  # no date and no period shown: the year in its 发文字号 (滦政办通〔2026〕2号) is the year it was issued
        return int(numbered.group(1))
    return None


_NUMBER_YEAR = re.compile(r"[〔\[【(]((?:19|20)\d{2})[〕\]】)]")


def _written(v: View, fact: Fact | None) -> Fact | None:
    """A header fact in the characters the text writes it with (國辦函〔2014〕31號)."""
    if fact is None or fact.span is None or not v.traditional:
        return fact
    return Fact(v.written_text(fact.value, *fact.span), fact.span, fact.rule)


def _value(fact: Fact | None) -> str | None:
    return fact.value if fact is not None else None


def _add_standing(v: View, tasks: list[Task], standing: list[tuple[int, list[UnitName]]]) -> list[Task]:
    """Every task after a standing rule (以下……均需A、B落实，不再单独列出) takes its units as support."""
    if not standing:
        return tasks
    out = []
    for t in tasks:
        for at, units in standing:
            if t.span[0] < v.orig_span(at, at + 1)[0] or not t.assignments:
                continue
            first = t.assignments[0]
            named = set(first.lead) | set(first.support)
            extra = [u for u in units if v.written(u.name, u.start, u.end) not in named]
            first = first._replace(
                support=first.support + tuple(v.written(u.name, u.start, u.end) for u in extra),
                evidence=first.evidence + tuple((f"support={v.written(u.name, u.start, u.end)}",
                                                  Evidence(f"standing_rule:{u.rule}", v.orig_span(u.start, u.end)))
                                                 for u in extra))
            t = t._replace(assignments=(first,) + t.assignments[1:])
        out.append(t)
    return out


def _complete_names(tasks: list[Task], known: set[str]) -> tuple[list[Task], dict[str, str]]:
    names = [n for t in tasks for a in t.assignments for n in a.lead + a.support]
    fixes = complete_cut_names(names, known)
    if not fixes:
        return tasks, {}
    out = []
    for t in tasks:
        if not any(n in fixes for a in t.assignments for n in a.lead + a.support):
            out.append(t)
            continue
        assignments = tuple(
            a._replace(lead=tuple(fixes.get(n, n) for n in a.lead), support=tuple(fixes.get(n, n) for n in a.support))
            for a in t.assignments
        )
        out.append(t._replace(assignments=assignments))
    return out, fixes


def _unique_keys(tasks: list[Task]) -> list[Task]:
    seen: dict[str, int] = {}
    out = []
    for t in tasks:
        n = seen.get(t.key, 0) + 1
        seen[t.key] = n
        out.append(t._replace(key=f"{t.key}#{n}") if n > 1 else t)
    return out





# （一）1 · (二)3: a row of a 任务分解表 naming the plan's item it divides
_ITEM_REF = re.compile(r"\s*\(([一二三四五六七八九十]{1,3})\)\s*[、.]?\s*(\d{1,2})\s*")


def _rows_for_items(tasks: list[Task], rows: list[Task], table: Table) -> tuple[list[Task], list[Task]]:
    """An attachment's table whose rows name the plan's items (方案条目 （一）1): each row says who
    does that item and by when, so it fills the item (when the item names nobody itself) and is no
    task of its own. Rows naming no item of the plan stay tasks."""
    by_key = {t.key.split("/", 1)[-1] if t.key.count("/") >= 2 else t.key: i for i, t in enumerate(tasks)}
    out = list(tasks)
    kept = []
    for task, row in zip(rows, table.rows):
        ref = next((m for c in row.cells.values() if (m := _ITEM_REF.fullmatch(c.text)) is not None), None)
        at = by_key.get(f"({ref.group(1)})/{ref.group(2)}") if ref is not None else None
        if at is None or any(a.lead or a.support for a in out[at].assignments):
            kept.append(task)
            continue
        own = tuple(d for a in out[at].assignments for d in a.deadlines)  # 每月检测一次 in the item's text
        out[at] = out[at]._replace(assignments=tuple(
            a._replace(deadlines=a.deadlines + tuple(d for d in own if d not in a.deadlines)) for a in task.assignments))
    return out, kept


def _joined_sub_rows(rows: list[Task]) -> list[Task]:
    """A row repeating the number and task of the row above (a 重点任务 spanning its 具体措施 rows,
    read into each of them) is more of that task: its measure, units and dates join it."""
    out: list[Task] = []
    for task in rows:
        above = out[-1] if out else None
        if above is None or (task.key, task.title) != (above.key, above.title) \
                or len(above.assignments) != 1 or len(task.assignments) != 1:
            out.append(task)
            continue
        a, b = above.assignments[0], task.assignments[0]
        lead = a.lead + tuple(u for u in b.lead if u not in a.lead + a.support)
        support = a.support + tuple(u for u in b.lead + b.support if u not in lead + a.support)
        joined = a._replace(lead=lead, support=support,
                            leaders=a.leaders + tuple(p for p in b.leaders if p not in a.leaders),
                            deadlines=a.deadlines + b.deadlines)
        out[-1] = above._replace(text=f"{above.text}；{task.text}", span=(above.span[0], task.span[1]),
                                 assignments=(joined,))
    return out
