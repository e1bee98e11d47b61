"""How well the parser reads a set of documents an office has checked by hand (CONTRACT.md §4).

Gold files (``X.json`` beside the document ``X.txt``/``.docx``/…) say what each document holds;
``score`` compares a parse with them by the contract's rules — the same ones as
shared/scripts/evaluate.py, so an office's own set is scored as the project's is — and ``Report``
sums them up. It also says how well the parser's uncertainty flags point at its mistakes: of the
task, lead and support fields it got wrong, how many it flagged, and how many right ones it
flagged for nothing.

    >>> r = Report()
    >>> r.add({"title": ["甲"], "tasks": [{"key": "一", "head": "推进改革", "lead": ["市财政局"], "support": [],
    ...        "leaders": [], "due": [], "rrules": []}]},
    ...       {"title": "甲", "tasks": [{"text": "一、推进改革。", "assignments": [{"lead": ["市财政局"]}]}]})
    >>> r.recall, r.f1("lead")
    (1.0, 1.0)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

# an outline ordinal: (一) or （1） or 一、 or 1. — a bare number such as a year is not one
_ORDINAL = re.compile(r"^\s*(?:[(（][一二三四五六七八九十百零〇\d]+[)）]|[一二三四五六七八九十百零〇\d]+[、.．。:：])\s*")
FIELDS = ("lead", "support", "leaders", "due", "rrule")
DOC_FIELDS = ("title", "doc_number", "issuer", "issued_on", "period")


def norm(s: str | None) -> str:
    """Compare as the contract does: NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s or ""))


def _rule_key(rule: str) -> frozenset[str]:
    return frozenset(norm(rule).upper().split(";")) if rule else frozenset()


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, pred: set[Any], gold: set[Any]) -> tuple[set[Any], set[Any]]:
        self.tp += len(pred & gold)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)
        return pred - gold, gold - pred

    def f1(self) -> float:
        if self.tp == 0:
            return 1.0 if self.fp == self.fn == 0 else 0.0
        p, r = self.tp / (self.tp + self.fp), self.tp / (self.tp + self.fn)
        return 2 * p * r / (p + r)


@dataclass
class FlagTally:
    """Flags against mistakes: wrong fields flagged, right fields flagged, per field."""

    wrong: int = 0
    wrong_flagged: int = 0
    right: int = 0
    right_flagged: int = 0

    def add(self, wrong: bool, flagged: bool) -> None:
        if wrong:
            self.wrong += 1
            self.wrong_flagged += flagged
        else:
            self.right += 1
            self.right_flagged += flagged


@dataclass
class Report:
    """The scores of a set of documents, built up one document at a time."""

    documents: int = 0
    found: int = 0
    missed: int = 0
    false: int = 0
    doc_fields: list[bool] = field(default_factory=list)
    tallies: dict[str, Tally] = field(default_factory=lambda: {k: Tally() for k in (*FIELDS, "refs")})
    flags: dict[str, FlagTally] = field(default_factory=lambda: {k: FlagTally() for k in ("task", "lead", "support")})
    misses: list[str] = field(default_factory=list)  # what went wrong, one line each, for -v

    @property
    def recall(self) -> float:
        n = self.found + self.missed
        return self.found / n if n else 1.0

    @property
    def precision(self) -> float:
        n = self.found + self.false
        return self.found / n if n else 1.0

    @property
    def doc_accuracy(self) -> float:
        return sum(self.doc_fields) / len(self.doc_fields) if self.doc_fields else 1.0

    def f1(self, name: str) -> float:
        return self.tallies[name].f1()

    def add(self, gold: dict[str, Any], out: dict[str, Any], name: str = "") -> None:
        """Score one document's parse (the contract's JSON object) against its gold."""
        self.documents += 1
        say = (lambda *a: self.misses.append(f"{name}: " + " ".join(map(str, a))))
        self._doc_fields(gold, out, say)
        preds = [(_body(p), p) for p in out.get("tasks") or []]
        used: set[int] = set()
        for g in gold["tasks"]:
            head = norm(g["head"])
            hit = next((i for i, (b, _) in enumerate(preds) if i not in used and b.startswith(head)), None)
            if hit is None:
                hit = next((i for i, (b, _) in enumerate(preds) if i not in used and head in b[: len(head) + 12]), None)
            pred: dict[str, Any] = preds[hit][1] if hit is not None else {}
            if hit is None:
                self.missed += 1
                say("漏掉任务", g["key"], g["head"])
            else:
                used.add(hit)
                self.found += 1
            marked = _flagged(pred)
            for role in ("lead", "support"):
                extra, missing = self.tallies[role].add(_units(pred, role), {norm(u) for u in g[role]})
                if hit is not None:
                    self.flags[role].add(bool(extra or missing), role in marked or "task" in marked)
                    if extra or missing:
                        say(g["key"], role, "多", sorted(extra), "缺", sorted(missing))
            leaders = {norm(x) for a in pred.get("assignments") or [] for x in a.get("leaders") or []}
            extra, missing = self.tallies["leaders"].add(leaders, {norm(x) for x in g["leaders"]})
            (extra or missing) and hit is not None and say(g["key"], "leaders", sorted(extra), sorted(missing))
            dues, rules = _dues(pred)
            extra, missing = self.tallies["due"].add(dues, set(g["due"]))
            (extra or missing) and hit is not None and say(g["key"], "due 多", sorted(extra), "缺", sorted(missing))
            extra, missing = self.tallies["rrule"].add(rules, {_rule_key(r) for r in g["rrules"]})
            (extra or missing) and hit is not None and say(g["key"], "rrule 多", [";".join(sorted(x)) for x in extra],
                                                           "缺", [";".join(sorted(x)) for x in missing])
            if hit is not None:
                self.flags["task"].add(False, "task" in marked)
        nots = [norm(h) for h in gold.get("not_tasks") or []]
        for i, (b, p) in enumerate(preds):
            if i in used:
                continue
            if any(b.startswith(h) for h in nots) or _units(p, "lead") or _units(p, "support"):
                self.false += 1
                self.flags["task"].add(True, "task" in _flagged(p) or bool(_flagged(p)))
                say("不是任务" if any(b.startswith(h) for h in nots) else "多出任务", b[:20])

    def _doc_fields(self, gold: dict[str, Any], out: dict[str, Any], say: Any) -> None:
        titles = {norm(x) for x in gold.get("title") or []}
        ok = norm(out.get("title")) in titles if titles else not out.get("title")
        self.doc_fields.append(ok)
        ok or say("title", repr(out.get("title")), "不在", sorted(titles))
        for name in ("doc_number", "issuer", "issued_on"):
            ok = norm(out.get(name)) == norm(gold.get(name))
            self.doc_fields.append(ok)
            ok or say(name, repr(out.get(name)), "!=", repr(gold.get(name)))
        gp, op = gold.get("period") or {}, out.get("period") or {}
        ok = (gp.get("start"), gp.get("end")) == (op.get("start"), op.get("end"))
        self.doc_fields.append(ok)
        ok or say("period", op, "!=", gp)
        refs = out.get("references") or []
        for rel in ("implements", "cites"):
            pred = {norm(r.get("doc_number")) for r in refs if r.get("relation") == rel}
            extra, missing = self.tallies["refs"].add(pred, {norm(x) for x in (gold.get("references") or {}).get(rel, [])})
            (extra or missing) and say(rel, "多", sorted(extra), "缺", sorted(missing))

    def summary(self) -> dict[str, float | int]:
        return {"documents": self.documents, "tasks": self.found + self.missed, "recall": self.recall,
                "precision": self.precision, "lead F1": self.f1("lead"), "support F1": self.f1("support"),
                "leaders F1": self.f1("leaders"), "due F1": self.f1("due"), "rrule F1": self.f1("rrule"),
                "doc fields": self.doc_accuracy, "refs F1": self.f1("refs")}


def _body(task: dict[str, Any]) -> str:
    return _ORDINAL.sub("", norm(task.get("text")), count=1)


def _units(task: dict[str, Any], role: str) -> set[str]:
    return {norm(u) for a in task.get("assignments") or [] for u in a.get(role) or []}


def _dues(task: dict[str, Any]) -> tuple[set[str], set[frozenset[str]]]:
    dues: set[str] = set()
    rules: set[frozenset[str]] = set()
    for a in task.get("assignments") or []:
        for d in a.get("deadlines") or []:
            if d.get("due"):
                dues.add(d["due"])
            if d.get("rrule"):
                rules.add(_rule_key(d["rrule"]))
    return dues, rules


def _flagged(task: dict[str, Any]) -> set[str]:
    return {f.get("field", "") for f in task.get("uncertain") or []}
