"""The issue's walkthrough through the CLI, on SQLite and PostgreSQL, with the five real seeds.

Items are found through the CLI's own JSON (not hard-coded ids), so the parser may improve
without breaking the walkthrough; what it checks is the ledger's behaviour.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import snapshot
from taizhang.cli import main

SAMPLES = sorted((Path(__file__).parents[2] / "samples").glob("*.txt"))
SHENYANG_LESS = [p for p in SAMPLES if not p.name.startswith("004")]  # 004 names no issuer
NO_ISSUER = next(p for p in SAMPLES if p.name.startswith("004"))


class Cli:
    """Runs ``taizhang …`` in-process against one database; returns (exit code, stdout, stderr)."""

    def __init__(self, url: str, capsys: pytest.CaptureFixture[str]) -> None:
        self.url, self.capsys = url, capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        self.capsys.readouterr()
        try:
            code = main([*args, "--db", self.url])
        except SystemExit as stop:
            code = stop.code
        out = self.capsys.readouterr()
        return int(code or 0), out.out, out.err

    def json(self, *args: str) -> Any:
        code, out, err = self(*args, "--format", "json")
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    run = Cli(db_url, capsys)
    code, out, err = run("ingest", *map(str, SHENYANG_LESS))
    assert code == 0, err
    code, out, err = run("ingest", str(NO_ISSUER), "--jurisdiction", "沈阳市")
    assert code == 0, err
    return run


def _candidate(items: list[dict[str, Any]]) -> dict[str, Any]:
    """A 市发展改革委 item with its own dated deadline, well after its start."""
    for item in items:
        if item["due"] and not item["due_implied"] and not item["rrule"] and item["start"]:
            start, due = dt.date.fromisoformat(item["start"]), dt.date.fromisoformat(item["due"])
            if (due - start).days > 30:
                return item
    pytest.fail("no 市发展改革委 item with a dated deadline in the Shenyang seeds")


def test_walkthrough(cli: Cli, db_url: str) -> None:
    # ingest: all five seeds; again → unchanged, nothing written
    before = snapshot(db_url)
    code, out, _ = cli("ingest", str(SAMPLES[0]))
    assert code == 0 and "未变化" in out and snapshot(db_url) == before
    docs = cli.json("documents")
    assert len(docs) == 5
    assert {d["jurisdiction"] for d in docs} == {"沈阳市", "吉林省", "辽宁省"}

    # 市发展改革委's work in the Shenyang documents only
    mine = cli.json("tasks", "--unit", "市发展改革委", "--jurisdiction", "沈阳市", "--role", "lead")
    assert mine and {i["lead"] for i in mine} == {"市发展改革委"}
    assert {i["jurisdiction"] for i in mine} == {"沈阳市"}
    shenyang_docs = {d["id"] for d in docs if d["jurisdiction"] == "沈阳市"}
    assert {i["document_id"] for i in mine} <= shenyang_docs
    jilin = cli.json("tasks", "--jurisdiction", "吉林省")
    assert jilin and not {i["id"] for i in jilin} & {i["id"] for i in mine}

    item = _candidate(mine)
    iid, due, start = str(item["id"]), dt.date.fromisoformat(item["due"]), item["start"]

    # report progress as that unit (by its short alias, too)
    code, out, err = cli("report", iid, "--unit", "市发改委", "--percent", "30",
                         "--text", "已完成方案设计", "--today", start)
    assert code == 0, err
    assert "市发展改革委" in out and "30%" in out

    # another unit is refused, and nothing is written
    before = snapshot(db_url)
    code, out, err = cli("report", iid, "--unit", "市教育局", "--percent", "90", "--today", start)
    if "没有名为" in err:  # the seeds may not name 市教育局; pick any unit not on the item
        units = cli.json("units", "--jurisdiction", "沈阳市")
        other = next(u["name"] for u in units
                     if u["name"] not in [item["lead"], *item["support"]])
        code, out, err = cli("report", iid, "--unit", other, "--percent", "90", "--today", start)
    assert code == 3 and "不能填报" in err and "可填报的单位" in err
    assert snapshot(db_url) == before

    # lights change with --today
    def light(day: dt.date) -> str:
        rows = cli.json("tasks", "--document", str(item["document_id"]), "--today", day.isoformat())
        return next(r["light"] for r in rows if r["id"] == item["id"])

    assert light(dt.date.fromisoformat(start)) == "green"
    assert light(due - dt.timedelta(days=3)) == "yellow"
    assert light(due + dt.timedelta(days=1)) == "red"
    late = (due + dt.timedelta(days=1)).isoformat()
    overdue = cli.json("tasks", "--overdue", "--today", late, "--unit", "市发展改革委",
                       "--jurisdiction", "沈阳市")
    assert item["id"] in {i["id"] for i in overdue}

    # issue and answer a 督办
    code, out, err = cli("duban", "issue", iid, "--reason", "超期未完成", "--today", late)
    assert code == 0, err
    number = f"督办〔{late[:4]}〕1号"  # numbered in the year of the day it is issued
    assert number in out
    code, out, err = cli("duban", "answer", number, "--unit", "市发展改革委",
                         "--text", "已召开专题会，月底前完成")
    assert code == 0, err
    notices = cli.json("duban", "list", "--item", iid)
    assert [(n["number"], n["state"]) for n in notices] == [(number, "answered")]

    # finish and close; it leaves the overdue list
    assert cli("status", iid, "已完成", "--unit", "市发展改革委", "--today", late)[0] == 0
    assert cli("status", iid, "已销号")[0] == 0
    overdue = cli.json("tasks", "--overdue", "--today", late, "--jurisdiction", "沈阳市")
    assert item["id"] not in {i["id"] for i in overdue}

    # read the history
    history = cli.json("history", iid)
    assert [e["action"] for e in history] == [
        "item.create", "item.report", "duban.issue", "duban.answer", "item.status",
        "item.status"]
    assert history[1]["actor"] == "cli:市发改委" and history[1]["after"]["percent"] == 30
    code, out, _ = cli("history", iid)
    assert "报送进展" in out and "待签收 → 推进中" in out and "已完成 → 已销号" in out

    stats = {s["unit"]: s for s in cli.json("stats", "--today", late, "--jurisdiction", "沈阳市")}
    assert stats["市发展改革委"]["lead"] == len(mine) and stats["市发展改革委"]["done"] == 1
