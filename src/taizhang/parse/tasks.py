"""Tasks from outline items and table rows: text, title, section, assignments with their clauses,
deadlines and targets (CONTRACT §1–3). Which items are tasks is decided here too."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from taizhang.parse.deadlines import find_deadlines
from taizhang.parse.labels import opens_with_label
from taizhang.parse.lexicon import looks_like_person, non_task_headings
from taizhang.parse.model import Assignment, Deadline, Evidence, Target, Task
from taizhang.parse.outline import Item, match_ordinal
from taizhang.parse.responsibility import Clause, _split_marked, find_clauses, people
from taizhang.parse.tables import Cell, Row
from taizhang.parse.targets import find_targets
from taizhang.parse.text import View
from taizhang.parse.units import UnitName, is_unit, split_units

_SENTENCE = re.compile(r"[^。;!?]+")


def paragraph_tasks(view: str, items: list[Item]) -> list[Item]:
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
        # 一、关于县城区道路改造工程: a 纪要's topic; a paragraph of it is one decision, however
        # many clauses it has (its paragraphs opening 会议议定 / 会议要求 are decisions each)
        topic = heading.startswith("关于")
        paras = [seg for a, b in _lines_between(view, line_end + 1, item.own_end)
                 for seg in ([(a, b)] if topic else _split_after_clauses(view, a, b))
                 if not (_MEETING_HEARD.match(view, seg[0]) and not find_clauses(view, *seg))]
        with_clause = sum(1 for a, b in paras if _names_someone(view, a, b))
        if len(paras) < 2 or with_clause < 2 or any(_only_clause(view, a, b) for a, b in paras):
            continue  # (a line that is only 责任单位：… or （责任人：…） says who does the heading's work)
        item.own_end = paras[0][0]
        for n, (a, b) in enumerate(paras, 1):
            child = Item("para", str(n), n, a, a, end=b, level=item.level + 1, parent=item, own_end=b)
            item.children.append(child)
            out.append(child)
    return out


def _names_someone(view: str, a: int, b: int) -> bool:
    """A clause in view[a:b] that names a body or a person (各协办单位要主动配合 names nobody)."""
    return any(c.leaders or not all(generic(u.name) for u in c.lead + c.support) for c in find_clauses(view, a, b))


def _only_clause(view: str, a: int, b: int) -> bool:
    """A paragraph that names who does the work and nothing else: label lines, or a bracket."""
    text = view[a:b].strip()
    bracketed = text[:1] in "(〔[【" and text[-1:] in ")〕]】" and _close_at_end(text)
    return opens_with_label(text) or bracketed


def _close_at_end(text: str) -> bool:
    depth = 0
    for i, ch in enumerate(text):
        depth += ch in "(〔[【"
        depth -= ch in ")〕]】"
        if depth == 0 and i < len(text) - 1:
            return False
    return True


# 会议听取了…的汇报 · 会议原则同意…: what a 纪要 says the meeting heard, not what it decided
_MEETING_HEARD = re.compile(r"[ \t]*(?:会议|会上)(?:听取|审议|研究|讨论|原则同意|原则通过|通报|学习)")


# 第二，…… · 二是…… · 其二，……: the next part of one paragraph that enumerates
_PART = re.compile(r"第[一二三四五六七八九十]{1,3}[,、]|[一二三四五六七八九十]{1,3}是|其[一二三四五六七八九十][,、]")


def _split_after_clauses(view: str, a: int, b: int) -> list[tuple[int, int]]:
    """……。责任单位：A。持续推进……。责任单位：B。 → two paragraphs, one per clause."""
    out, pos = [], a
    for c in find_clauses(view, a, b):
        rest = view[c.end:b].strip(" \t。;")
        if rest and not _PART.match(rest):  # …（A负责）；第二，……: the parts of one enumerated paragraph
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
        if out and opens_with_label(line.strip()):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _heading_text(view: str, item: Item) -> str:
    line_end = view.find("\n", item.body)
    line = view[item.body: line_end if line_end >= 0 else len(view)]
    return line.split("。")[0]


def not_a_task(view: str, item: Item, clauses_of: dict[int, list[Clause]]) -> bool:
    """An item under a heading such as 指导思想 or 工作目标 is no task (CONTRACT §1), unless someone
    is made answerable for it: a goal with 责任单位 beside it is work to follow up."""
    chain = [item] + item.ancestors()
    heads = [_heading_text(view, n).strip() for n in chain]
    clauses = [c for n in chain for c in clauses_of.get(id(n), [])]
    if any(_ACCOUNT.search(h) and "整改" not in h for h in heads):  # (存在的问题及整改要求: work to do)
        # 存在的主要问题 · 督查基本情况: what was found, not what is to be done — unless the problem
        # is handed to someone by a label or bracket of its own (整改责任单位：A 整改时限：9月底前)
        own = clauses_of.get(id(item), [])
        return not any(c.rule.startswith(("label", "bracket")) and c.lead for c in own)
    named = [u.name for c in clauses for u in c.lead + c.support]
    if named and all(generic(n) for n in named) and any(_SAFEGUARDS.search(h) for h in heads[1:] + [heads[0][:8]]):
        return True  # 保障措施 / 工作要求 that only tell 各牵头单位、各部门 to take it seriously
    # a clause that names who answers (not a subject read off a sentence: 开发区每年至少引进……)
    if any(c.rule != "verb:duty" or (c.lead and view.startswith("负责", c.lead[-1].end)) for c in clauses):
        return False  # (第四条 市城管局负责……的监督管理工作: a body made answerable, even in 总则)
    return any(_non_task_heading(h) for h in heads)


# headings of an account of what was found (a 督查通报's 基本情况 and 存在问题)
_ACCOUNT = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:督查|检查|工作)?(?:基本情况|存在的?(?:主要)?问题|主要问题|进展情况|工作成效|主要成效)")
# sections that keep the work going rather than assign it
_SAFEGUARDS = re.compile(r"保障措施|组织保障|保障机制|工作要求|有关要求|组织实施")
# 各牵头单位 · 各部门 · 牵头单位 · 有关单位: everyone, so nobody in particular
_GENERIC_UNIT = re.compile(r"^(?:各|有关|相关|所有)?(?:牵头|配合|责任|成员|协办|主办|承办)?(?:单位|部门|地|地区|乡镇|街道|科室|处室)$"
                           r"|^各[\u4e00-\u9fff]{0,6}(?:单位|部门|乡镇|街道|科室|处室)$")


def generic(name: str) -> bool:
    """各牵头单位 · 有关部门 · 各协办单位: everyone of a kind, nobody in particular."""
    return _GENERIC_UNIT.match(name) is not None


def _non_task_heading(head: str) -> bool:
    """指导思想 · 工作目标 · 基本原则 · 分工原则 …, not 主要目标和任务分工 (whose tasks are tasks)."""
    head = head.rstrip("。:")
    if len(head) <= 12 and head.endswith(_NON_TASK_ENDINGS):
        return True
    if not head.startswith(non_task_headings()):
        return False
    rest = head[next(len(h) for h in non_task_headings() if head.startswith(h)):]
    return not _WORK_WORDS.search(rest)


_WORK_WORDS = re.compile(r"任务|分工|措施|举措|工作安排|责任")
# what a heading that explains rather than assigns ends with (分工原则 · 编制背景 · 适用范围)
_NON_TASK_ENDINGS = ("原则", "思路", "意义", "背景", "依据", "范围", "现状", "形势", "指导思想", "目标")


# the rule of a clause read from a line that closes a section (以上任务由……): see document.py
CLOSING_RULE = "closing_line"


def build_task(v: View, item: Item, clauses_of: dict[int, list[Clause]], books: list[tuple[int, int]],
          ref_year: int | None) -> Task:
    view = v.view
    start, end = item.body, item.own_end
    while end > start and view[end - 1] in "\n\t ":
        end -= 1
    clauses = clauses_of.get(id(item), [])
    inherited = False
    heading = next((_merged(clauses_of[id(a)]) for a in item.ancestors() if clauses_of.get(id(a))), None)
    if heading is not None and not heading.leaders:
        # 一、李文华常务副市长分管的工作 / （一）市发展改革委牵头的工作 / 1.……: the leader stands two headings up
        above = next((p for a in item.ancestors() for c in clauses_of.get(id(a), []) for p in [c.leaders] if p), None)
        if above:
            heading = Clause(heading.start, heading.end, heading.lead, heading.support, list(above), heading.rule)
    if not clauses and heading is not None:
        clauses, inherited = [heading], True
    elif heading is not None and heading.lead and not any(c.lead for c in clauses):
        # （市审计局配合） under 二、市财政局: the item names who helps, the heading who leads
        clauses = [Clause(c.start, c.end, heading.lead + c.lead, c.support, c.leaders or heading.leaders,
                          c.rule + "+heading_lead") for c in clauses]
    elif heading is not None and heading.leaders:
        # 一、……（责任领导：杨建华副市长） above items that name their own units: the leader is theirs,
        # beside any the item names itself (二、李卫东副省长牵头的工作 / 4.……（王小军副省长协助）)
        clauses = [Clause(c.start, c.end, c.lead, c.support,
                          heading.leaders + [p for p in c.leaders if p[0] not in {h[0] for h in heading.leaders}],
                          c.rule + "+heading_leaders")
                   for c in clauses]
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
        for t in find_targets(view[start:end], skip=spans_within(books, start, end))
    )
    section = tuple(_line_text(v, anc) for anc in reversed(item.ancestors()))
    o_start, o_end = v.orig_span(start, end)
    return Task(
        key=item.key,
        section=section,
        title=v.written_text(_title(view[start:end]), start, end),
        text=v.orig[o_start:o_end],
        span=(o_start, o_end),
        assignments=tuple(assignments),
        targets=targets,
    )


def _merged(cs: list[Clause]) -> Clause:
    """A heading's clauses as one: （一）区发展和改革局牵头的工作 / 牵头负责领导：周文斌 gives its items
    both the lead and the leader."""
    if len(cs) == 1:
        return cs[0]
    rule = next((c.rule for c in cs if c.lead), cs[-1].rule)
    return Clause(cs[0].start, cs[-1].end, [u for c in cs for u in c.lead], [u for c in cs for u in c.support],
                  [p for c in cs for p in c.leaders], rule)


# a units cell holding a whole clause, lead and support marked in it
_CELL_CLAUSE = re.compile(r"牵头[,;]|牵头$|[,;].*(?:配合|协办|参与)$")


def _cell_deadlines(v: View, cell: Cell | None, ref_year: int | None) -> tuple[Deadline, ...]:
    """The deadlines written in a table's cell, spans in the text as read."""
    if cell is None:
        return ()
    return tuple(Deadline(f.text, f.due, f.rrule, f.kind, v.orig_span(cell.start + f.start, cell.start + f.end), f.rule)
                 for f in find_deadlines(cell.text, ref_year=ref_year))


def table_task(v: View, row: Row, n: int, books: list[tuple[int, int]], ref_year: int | None) -> Task:
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
    people_in: list[tuple[str, int, int]] = []
    for role in ("lead", "lead_person", "lead_list", "support"):
        cell = cells.get(role)
        if cell is None or cell.text.strip() in ("", "/", "—", "无"):
            continue
        if role == "lead_person":  # 牵头单位及主要负责人: 市民政局 伍泽国
            cell, person = _unit_and_person(cell)
            people_in += person
            role = "lead"
        units = split_units(cell.text, cell.start)
        marked = _split_marked(units) if role in ("lead", "lead_list") else None
        if marked is not None:  # 党政办公室*、总务处 · 市财政局（牵头）、市税务局
            lead += marked[0]
            support += marked[1]
            continue
        if _CELL_CLAUSE.search(cell.text):  # 市商务局、财政局牵头，市公安局配合: the cell says who leads
            said = [c for c in find_clauses(view, cell.start, cell.end) if c.lead]
            if said:
                lead += [u for c in said for u in c.lead]
                support += [u for c in said for u in c.support]
                continue
        if role == "lead":
            lead += units
        elif role == "lead_list":
            lead += units[:1]
            support += units[1:]
        else:
            support += units
    clause = Clause(text_start, text_end, lead, support, rule="table_columns")
    clause.leaders += people_in
    for role in ("leaders", "leaders_more"):
        if role in cells:
            clause.leaders += [p for p in people(cells[role].text, cells[role].start)
                               if p[0] not in {q[0] for q in clause.leaders}]
    a = _assignment(v, text_start, text_end, clause, books, ref_year, False)
    # the 完成时限 cell's dates and rules; a 备注 cell's rules only (按月调度进度: how often the work is
    # followed, not a date of its own)
    extra = _cell_deadlines(v, cells.get("due"), ref_year) \
        + tuple(d for d in _cell_deadlines(v, cells.get("note"), ref_year) if d.rrule)
    if extra:
        a = Assignment(a.text, a.span, a.lead, a.support, a.leaders, a.deadlines + extra, a.evidence)
    targets = tuple(
        Target(t.text, t.value, t.unit, t.op, t.upper, v.orig_span(text_start + t.start, text_start + t.end))
        for t in find_targets(view[text_start:text_end]))
    o_start, o_end = v.orig_span(text_start, text_end)
    return Task(key=key, section=section, title=v.written_text(_title(view[main.start:main.end]), main.start, main.end),
                text=v.orig[o_start:o_end], span=(o_start, o_end), assignments=(a,), targets=targets)


def _unit_and_person(cell: Cell) -> tuple[Cell, list[tuple[str, int, int]]]:
    """市民政局 伍泽国 · 市总工会姚静: the unit, then the person heading it."""
    text = cell.text.rstrip()
    for size in (3, 2, 4):  # the column says a person follows: a rare surname is still a name
        unit, person = text[:-size].rstrip(), text[-size:]
        if len(unit) >= 2 and is_unit(unit) and not is_unit(person) and re.fullmatch(r"[\u4e00-\u9fff·]+", person) \
                and (size != 4 or looks_like_person(person)):
            at = cell.start + len(text) - size
            return Cell(unit, cell.start, cell.start + len(unit)), [(person, at, at + size)]
    return cell, []


def spans_within(spans: list[tuple[int, int]], a: int, b: int) -> list[tuple[int, int]]:
    """The spans (sorted, not overlapping) that meet [a, b), relative to a."""
    lo = max(0, bisect_right(spans, a, key=_start) - 1)
    return [(x - a, y - a) for x, y in spans[lo:bisect_left(spans, b, key=_start)] if y > a]


def _start(span: tuple[int, int]) -> int:
    return span[0]


def _assignment(v: View, a: int, b: int, c: Clause | None, books: list[tuple[int, int]],
                ref_year: int | None, inherited: bool) -> Assignment:
    view = v.view
    while b > a and view[b - 1] in "\n\t ":
        b -= 1
    skip = spans_within(books, a, b)  # titles in 《》 name no deadlines
    deadlines = tuple(
        Deadline(f.text, f.due, f.rrule, f.kind, v.orig_span(a + f.start, a + f.end), f.rule)
        for f in find_deadlines(view[a:b], ref_year=ref_year, skip=skip)
    )
    if c is not None and inherited and c.rule.startswith(CLOSING_RULE) and not deadlines:
        # 以上任务……2025年底前完成: the closing line's deadline is every item's
        deadlines = tuple(
            Deadline(f.text, f.due, f.rrule, f.kind, v.orig_span(c.start + f.start, c.start + f.end), f.rule)
            for f in find_deadlines(view[c.start:c.end], ref_year=ref_year)
        )
    evidence: list[tuple[str, Evidence]] = []
    lead: list[str] = []
    support: list[str] = []
    leaders: list[str] = []
    if c is not None:
        rule = c.rule.split(":")[0] + (":inherited" if inherited else "")
        for role, units, out in (("lead", c.lead, lead), ("support", c.support, support)):
            for u in units:
                name = v.written(u.name, u.start, u.end)
                if name not in out and not (role == "support" and name in lead):
                    out.append(name)
                    evidence.append((f"{role}={name}", Evidence(f"{rule}:{u.rule}", v.orig_span(u.start, u.end))))
        for name, s, e in c.leaders:
            name = v.written(name, s, e)
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
    """The item's own heading: its first sentence, or the first clause of a long one
    (进一步简政放权，凡是…… → 进一步简政放权)."""
    first = text.split("\n")[0]
    m = _SENTENCE.match(first)
    title = (m.group(0) if m else first).strip()
    head = title.split(",")[0]
    if len(title) > 24 and len(head) >= 4:
        title = head
    return title
