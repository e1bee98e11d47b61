"""parse(text) → Document: the pipeline that ties the parse modules together.

text → view (normalised, offsets kept) → lines less page chrome and duplicated blocks → outline
items → header facts → tasks (leaf items that ask for work) → clauses → assignments with units,
leaders, deadlines → targets. Pure: no I/O, no clock.
"""
from __future__ import annotations

import re

from taizhang.parse import diagnostics
from taizhang.parse.header import find_references, parse_header
from taizhang.parse.model import (
    Assignment,
    Document,
    Evidence,
    ParseWarning,
    Reference,
    Task,
    WarningCode,
)
from taizhang.parse.outline import Item, build, match_ordinal
from taizhang.parse.responsibility import LABEL_LINE, OPENER, Clause, find_clauses
from taizhang.parse.tables import find_table
from taizhang.parse.tasks import (
    CLOSING_RULE,
    build_task,
    not_a_task,
    paragraph_tasks,
    table_task,
)
from taizhang.parse.text import View
from taizhang.parse.units import UnitName, complete_cut_names, is_unit, split_units

# 上海市闵行区人民政府 → 上海, 闵行: the places a document's issuer (or title) names, level by level
_PLACE_LEVEL = re.compile(r"([\u4e00-\u9fff]{2,8}?)(?:自治区|自治州|自治县|自治旗|省|市|县|区|镇|乡|旗|盟|州|街道)")


def _place_names(name: str) -> tuple[str, ...]:
    out, at = [], 0
    while (m := _PLACE_LEVEL.match(name, at)) is not None:
        out.append(m.group(1))
        at = m.end()
    return tuple(out)


def _own_place(view: str, units: list[UnitName], places: tuple[str, ...]) -> list[UnitName]:
    """闵行公安分局 · 江湾市场监管所 in a document of 闵行区 / 江湾镇: a unit that opens with the name of
    the document's own place names its place itself and takes no level word carried over the list."""
    out = []
    for u in units:
        written = view[u.start:u.end]
        if "level_carry_over" in u.rule and written.startswith(places) and u.name.endswith(written):
            u = UnitName(written, u.start, u.end, u.rule.replace("level_carry_over", "own_place"))
        out.append(u)
    return out


_TO_ANNEX = re.compile(r"(?:详见|参见|见)附件")
_BOOK_TITLE = re.compile(r"《[^《》]*(?:《[^《》]*》[^《》]*)*》")


def parse(text: str, *, source: str = "") -> Document:
    """Parse one policy document's text (already decoded) into a :class:`Document`."""
    v = View.of(text)
    view = v.view
    warnings: list[ParseWarning] = []
    if v.traditional:
        warnings.append(ParseWarning(WarningCode.TRADITIONAL, "文本含繁体字，已按简体识别，名称保留原文写法"))
    if v.lines_joined:
        warnings.append(ParseWarning(WarningCode.HARD_WRAPS, f"文本按固定宽度折行，已接回 {v.lines_joined} 处"))
    if v.lines_split:
        warnings.append(ParseWarning(WarningCode.BREAKS_RESTORED, f"文本丢失了换行，已在 {v.lines_split} 处条目序号前补回"))
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
    first = next((a for a, _ in lines if match_ordinal(view, a) is not None), None)
    body_start = first if first is not None else (lines[-1][1] if lines else 0)
    if table is not None:
        body_start = min(body_start, table.start) if first is not None else table.start
    main_lines, annexes = diagnostics.split_annexes(view, [ln for ln in lines if ln[0] >= body_start])
    body_lines, footer = diagnostics.split_footer(view, main_lines)
    body_end = body_lines[-1][1] if body_lines else body_start
    dropped = removed + chrome
    items = _outline(view, body_lines, body_end, dropped)
    header = parse_header(view, [ln for ln in lines if ln[0] < body_start] if items else lines,
                          body_start if items else body_end, footer)
    last_items, last_end, annex_read = items, body_end, False
    # 附件1 after a plan with an outline of its own (任务分工): its items are tasks too, keyed under
    # the attachment (附件1/一/1) since its numbering starts again. A notice with no items of its
    # own has its plan as the attachment: that plan is the body, read above.
    for annex in annexes if items else ():
        annex_lines, _ = diagnostics.split_footer(view, annex.lines)
        end = annex_lines[-1][1] if annex_lines else annex.line[1]
        annex_items = _outline(view, annex_lines, end, dropped)
        if not annex_items:
            continue  # a list of names, a form
        root = Item("annex", annex.label, 0, annex.line[0], annex.line[1], end=end,
                    own_end=annex_items[0].start)
        for it in annex_items:
            it.level += 1
            if it.parent is None:
                it.parent = root
                root.children.append(it)
        items += [root] + annex_items
        annex_read = True
        last_items, last_end = annex_items, end

    books = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(view)]
    # the year a date written without one (6月底前) falls in: the one year the document plans
    # for, else (no period at all) the year it was signed
    ref_year = None
    if header.period and header.period.start[:4] == header.period.end[:4]:
        ref_year = int(header.period.start[:4])
    elif header.issued_on and (header.period is None
                               or header.period.start[:4] <= header.issued_on[:4] <= header.period.end[:4]):
        ref_year = int(header.issued_on[:4])  # a plan for 2025—2027 signed in 2025: 年底前 is 2025's

    own_places = _place_names(header.issuer or "") + _place_names(header.title or "")
    tasks: list[Task] = []
    annex_rows: list[Task] = []  # a table in an attachment: its rows follow the plan's own tasks
    if table is not None:
        rows = [table_task(v, row, n, books, ref_year) for n, row in enumerate(table.rows, 1)]
        in_annex = next((an for an in reversed(annexes) if an.line[0] < table.start), None)
        if in_annex is None:
            tasks += rows
        else:
            annex_read = True  # 任务分工见附件: the table in the attachment lists the work
            # after a plan of its own, keyed as an outline in an attachment is (附件1/一/1)
            annex_rows = [t._replace(key=f"{in_annex.label}/{t.key}") for t in rows] if items else rows
    clauses_of: dict[int, list[Clause]] = {}
    known: set[str] = set()
    articles = any(it.style == "article" for it in items)
    for item in items:
        cs = find_clauses(view, item.body, item.own_end, duty=articles)
        if not cs and not item.children and not any(clauses_of.get(id(a)) for a in item.ancestors()):
            # nobody named by a marker: a sentence whose subject is a body (县财政局每年统筹……)
            cs = [c for c in find_clauses(view, item.body, item.own_end, duty=True) if c.lead]
        if not item.children and not any(c.lead for c in cs):
            # （一）市发展改革委：负责……: a duty list by unit, the unit before the colon leads
            cs = _unit_colon(view, item) or cs
        if item.children and not any(c.lead or c.support for c in cs):
            # 一、市发展改革委（责任领导：张宏伟副市长）: the unit from the heading, the leader from its bracket
            cs = [Clause(h.start, h.end, h.lead, h.support, [p for c in cs for p in c.leaders], h.rule)
                  for h in _unit_heading(view, item)] or cs
        if own_places:
            for c in cs:
                c.lead, c.support = _own_place(view, c.lead, own_places), _own_place(view, c.support, own_places)
        clauses_of[id(item)] = cs
        for c in cs:
            known.update(u.name for u in c.lead + c.support)
    _lift_closing_labels(view, items, clauses_of)
    _lift_closing_sentence(view, items, clauses_of, articles)
    for item in items:
        if item.children or not_a_task(view, item):
            continue
        if articles and not any(clauses_of.get(id(n)) for n in [item] + item.ancestors()):
            continue  # in a 办法 of 第X条, an article is a rule, not work, unless it assigns someone
        if annex_read and _TO_ANNEX.search(view, item.body, item.own_end) \
                and not any(clauses_of.get(id(n)) for n in [item] + item.ancestors()):
            continue  # 具体任务分工见附件1: the work is counted where the attachment lists it
        tasks.append(build_task(v, item, clauses_of, books, ref_year))
    tasks += annex_rows
    if not tasks:
        warnings.append(ParseWarning(WarningCode.NO_TASKS, "未识别出任何任务条目"))

    warnings += _gaps(v, items) + _uncertain(v, tasks)
    tasks, fixes = _complete_names(tasks, known)
    for short, full in fixes.items():
        warnings.append(ParseWarning(WarningCode.NAME_COMPLETED, f"单位名称“{short}”不完整，已按文中全称补全为“{full}”"))
    truncated = diagnostics.truncated_at(view, last_items, last_end)
    if truncated is not None:
        warnings.append(ParseWarning(WarningCode.TRUNCATED, "正文在条目中间中断，可能不完整",
                                     v.orig_span(truncated, last_end)))

    if v.traditional:
        tasks = _as_written(v, tasks)
        header.issuer = v.as_written(header.issuer) if header.issuer else None
        header.title = v.as_written(header.title) if header.title else None
    preamble = (0, body_start)
    refs = find_references(view, header.doc_number, preamble, [])
    if header.doc_number is None and header.title:
        # a page that reposts the document names it with its own number: 印发《（标题）》（柳政办〔2024〕9号）
        own = next((r for r in refs if r[1] and r[1].strip("《》") == header.title), None)
        if own is not None:
            header.doc_number, header.doc_number_span = own[0], own[3]
            header.rules["doc_number"] = "own_title_cited"
            refs = [r for r in refs if r is not own]
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


def _lift_closing_labels(view: str, items: list[Item], clauses_of: dict[int, list[Clause]]) -> None:
    """三、…… (一)…… (二)…… 牵头单位：A  配合单位：B — label lines after the last child, when its
    siblings name nobody and the items beside the heading carry label lines of their own (一、……
    牵头单位：…), close the heading's whole block: every child inherits them."""
    for item in items:
        kids = item.children
        if len(kids) < 2 or clauses_of.get(id(item)) or any(clauses_of.get(id(k)) for k in kids[:-1]):
            continue
        peers = item.parent.children if item.parent is not None else [i for i in items if i.parent is None]
        if not any(p is not item and not p.children
                   and any(c.rule.startswith("label") for c in clauses_of.get(id(p), [])) for p in peers):
            continue
        last = kids[-1]
        cs = clauses_of.get(id(last)) or []
        if cs and not last.children and all(c.rule.startswith("label") for c in cs) \
                and view[cs[0].start - 1:cs[0].start] in ("\n", "") and cs[0].start > last.body:
            line_start = view.rfind("\n", last.body, cs[0].start)
            if line_start > last.body:  # the labels stand on lines of their own below the text
                clauses_of[id(item)], clauses_of[id(last)] = cs, []


# 以上任务由A牵头，B、C配合，2025年底前完成。 — a line after a section's last item
_CLOSING_LINE = re.compile(r"\n[ \t]*(?:以上|上述)(?:各项|几项|\d+项)?(?:任务|工作|事项|措施)(?:均|统一)?(?=由|[\u4e00-\u9fff]{2,30}(?:牵头|负责))")


def _lift_closing_sentence(view: str, items: list[Item], clauses_of: dict[int, list[Clause]],
                           articles: bool) -> None:
    """A line closing a section, 以上任务由A牵头，B配合，……前完成, is the clause of every item
    above it in the section (CLOSING_RULE: its deadline goes to them too), not part of the last."""
    for item in items:
        kids = item.children
        if not kids or clauses_of.get(id(item)) or kids[-1].children:
            continue
        last = kids[-1]
        m = _CLOSING_LINE.search(view, last.body, last.own_end)
        if m is None:
            continue
        line_end = view.find("\n", m.end(), last.own_end)
        line_end = line_end if line_end >= 0 else last.own_end
        cs = [c for c in find_clauses(view, m.end(), line_end, duty=articles) if c.lead or c.support]
        if not cs:
            continue
        for c in cs:
            c.start, c.rule = m.start() + 1, f"{CLOSING_RULE}:{c.rule}"
            c.end = line_end
        clauses_of[id(item)] = cs
        clauses_of[id(last)] = [c for c in clauses_of.get(id(last), []) if c.end <= m.start()]
        last.own_end = last.end = m.start()


def _unit_heading(view: str, item: Item) -> list[Clause]:
    """A plan divided by department (一、市发展改革委 / 1.…… 2.……): the heading names the lead
    of every item under it."""
    text = view[item.body:item.own_end].strip().rstrip("。:")
    text = re.sub(r"\s*[(\[【][^()\[\]【】]*:[^()\[\]【】]*[)\]】]$", "", text)  # （责任领导：…）
    if not text or len(text) > 30 or re.search(r"[,;。\n]", text):
        return []
    units = split_units(text, item.body + view[item.body:item.own_end].find(text[0]))
    if units and all(is_unit(u.name) for u in units):
        # the document is divided by the units that lead: each one the heading names leads
        return [Clause(item.body, item.own_end, lead=units, rule="unit_heading")]
    return []


def _outline(view: str, lines: list[tuple[int, int]], end: int, dropped: list[tuple[int, int]]) -> list[Item]:
    """The items of a body's lines, their ends set, unnumbered paragraphs and 纪要 decisions
    read as items, closing remarks cut off."""
    items = build(view, lines)
    _set_ends(items, end, view, dropped)
    items = _meeting_decisions(view, paragraph_tasks(view, items))
    _cut_closing_remarks(view, items)
    return items


def _meeting_decisions(view: str, items: list[Item]) -> list[Item]:
    """3.……参照执行。 / 会议要求，……由A牵头，B配合……: in a 纪要, a paragraph after a numbered
    decision that opens 会议要求/会议议定 and names who does it is one more decision (key 二/4)."""
    out: list[Item] = []
    for item in items:
        out.append(item)
        if item.children or item.parent is None or item.style in ("para", "dash", "annex"):
            continue
        at = item.body
        while (nl := view.find("\n", at, item.own_end)) >= 0:
            at = nl + 1
            while at < item.own_end and view[at] in " \t":
                at += 1
            opener = OPENER.match(view, at, item.own_end)
            if opener is None or not find_clauses(view, opener.end(), item.own_end):
                continue
            n = item.value + 1
            extra = Item(item.style, str(n), n, at, at, end=item.own_end, level=item.level, parent=item.parent,
                         own_end=item.own_end)
            siblings = item.parent.children
            siblings.insert(siblings.index(item) + 1, extra)
            item.own_end = item.end = nl
            out.append(extra)
            break
    return out


def _unit_colon(view: str, item: Item) -> list[Clause]:
    """（五）市自然资源局、市农牧局：负责…… → the units before the colon, the first leading (an
    unmarked list), for the whole item."""
    colon = view.find(":", item.body, min(item.own_end, item.body + 40))
    if colon < 0 or "\n" in view[item.body:colon]:
        return []
    units = split_units(view[item.body:colon], item.body)
    if not units or not all(is_unit(u.name) for u in units) or LABEL_LINE.match(view, item.body):
        return []  # 牵头单位：… is a label, read as one
    return [Clause(item.body, item.own_end, lead=units[:1], support=units[1:], rule="unit_colon")]


_BLANK_THEN_EXHORTATION = re.compile(
    r"\n[ \t]*\n\s*(?:会议(?:还|同时)?(?:强调|要求|指出)[,:]?)?(?:各有关单位|各有关部门|各相关单位|各责任单位|各成员单位|各牵头单位|各部门|各单位|各地区|各地各部门|各地"
    r"|各级各部门|各级各有关部门)"
    r"[^,。;\n]{0,8}?(?:要|应|须|务必)")


def _cut_closing_remarks(view: str, items: list[Item]) -> None:
    """The paragraphs after the last item's responsibility clause that name nobody are the
    document's closing remarks (各地区、各部门要……), not part of the last task."""
    if not items:
        return
    last = items[-1]
    gap = _BLANK_THEN_EXHORTATION.search(view, last.body, last.own_end)
    if gap is not None and not last.children:
        # ……\n\n各有关单位要按照职责分工各负其责……: a paragraph telling every body to do its part
        last.own_end = last.end = gap.start()
        return
    clauses = find_clauses(view, last.body, last.own_end)
    if not clauses:
        return
    line_end = view.find("\n", clauses[-1].end, last.own_end)
    if line_end < 0 or not view[line_end:last.own_end].strip():
        return
    if find_clauses(view, line_end, last.own_end):
        return
    last.own_end = last.end = line_end


def _set_ends(items: list[Item], body_end: int, view: str, dropped: list[tuple[int, int]]) -> None:
    """Each item runs to the next item that is not its descendant; own text stops at a child.
    Lines dropped as a repeat or as page chrome (共2页 上一页…) at the end of an item are not its
    text."""
    dropped = sorted(dropped)
    for i, item in enumerate(items):
        nxt = items[i + 1].start if i + 1 < len(items) else body_end
        item.own_end = max(item.body, min(nxt, body_end))
        for a, b in reversed(dropped) if dropped else ():
            if item.body < a < item.own_end and not view[b:item.own_end].strip():
                item.own_end = a
    for item in reversed(items):
        item.end = max([item.own_end] + [c.end for c in item.children])


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


