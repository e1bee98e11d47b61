"""The issue's walkthrough of the project register through the CLI, on SQLite and PostgreSQL.

An office's 30-row sheet (merged title, two-row header, zone sections, one bad amount) is
imported — refused whole, then partly, then fixed; projects move through stages; a unit
reports two months; a blocker is raised, escalates with ``--today``, is solved and 销号; the
zone ranking and 当年签约当年开工率 are read and checked against the projects themselves; the
fill-in sheet goes out, is filled in as the unit would, and comes back. Projects are found
through the CLI's JSON, not by fixed ids.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from .conftest import snapshot
from .test_cli_walkthrough import SAMPLES, Cli
from projects.sample_register import BAD_ROW_AMOUNT, ZONES, make_register

SEED = next(p for p in SAMPLES if p.name.startswith("001"))


@pytest.fixture
def cli(db_url: str, capsys: pytest.CaptureFixture[str]) -> Cli:
    run = Cli(db_url, capsys)
    assert run("ingest", str(SEED))[0] == 0
    for name, level, aliases, _ in ZONES:
        code, out, err = run("projects", "zone-add", name, "--jurisdiction", "沈阳市", "--level",
                             level, *[a for alias in aliases for a in ("--alias", alias)])
        assert code == 0, err
    return run


def _bad_cell(path: Path) -> tuple[int, str]:
    ws = openpyxl.load_workbook(path)["重点项目"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == BAD_ROW_AMOUNT:
                return cell.row, cell.coordinate
    raise AssertionError("the sample lost its bad row")


def _rate(projects: list[dict[str, Any]], zone: str, year: int, today: dt.date) -> float | None:
    """当年签约当年开工率 worked out from the projects as listed, to check the ranking by."""
    def when(p: dict[str, Any], stage: str) -> dt.date | None:
        day = p["stages"][stage]["actual"]
        return dt.date.fromisoformat(day) if day else None

    signed = [p for p in projects if p["zone"] == zone and (d := when(p, "signed"))
              and d.year == year and d <= today]
    started = [p for p in signed if (d := when(p, "started")) and d.year == year and d <= today]
    return round(100 * len(started) / len(signed), 1) if signed else None


def test_walkthrough(cli: Cli, db_url: str, tmp_path: Path) -> None:
    sheet = make_register(tmp_path / "重点项目台账.xlsx", 30)
    bad_row, bad_cell = _bad_cell(sheet)

    # the whole sheet is refused for its one bad row: named by row and column, nothing written
    before = snapshot(db_url)
    code, out, err = cli("projects", "import", str(sheet), "--today", "2026-04-20")
    assert code == 2 and f"第{bad_row}行" in err and "总投资" in err and BAD_ROW_AMOUNT in err
    assert "未导入任何内容" in err and snapshot(db_url) == before

    # --partial: the 29 good rows go in, the bad one is listed, the exit says so
    code, out, err = cli("projects", "import", str(sheet), "--partial", "--today", "2026-04-20")
    assert code == 2 and "新增 29 个项目" in out and f"第{bad_row}行" in err
    listed = cli.json("projects", "list", "--today", "2026-04-20")
    assert len(listed) == 29
    assert {p["zone"] for p in listed} == {z[0] for z in ZONES}  # merged zone cells read down
    assert all(p["leader"] for p in listed)  # so were the merged 包保领导 cells

    # the office fixes the cell and imports the same sheet again: one new, nothing doubled
    book = openpyxl.load_workbook(sheet)
    book["重点项目"][bad_cell] = "5亿元"
    book.save(sheet)
    code, out, err = cli("projects", "import", str(sheet), "--today", "2026-04-20")
    assert code == 0, err
    assert "新增 1 个项目" in out and "29 个未变化" in out
    listed = cli.json("projects", "list", "--today", "2026-04-20")
    assert len(listed) == 30
    fixed = next(p for p in listed if p["total_text"] == "5亿元")
    assert fixed["total"] == 500_000_000

    # a project of a zone's own 管委会, signed this year and not yet registered, moves on
    mine = [p for p in listed if p["unit"] == f"{p['zone']}管委会" and p["stage"] == "signed"
            and p["stages"]["signed"]["actual"] >= "2026-01-01"]
    assert mine, "the sample has no 2026 project signed by a zone's 管委会"
    pid, UNIT, ZONE = str(mine[0]["id"]), mine[0]["unit"], mine[0]["zone"]
    assert cli("projects", "stage", pid, "注册", "--unit", UNIT, "--date", "2026-04-01",
               "--today", "2026-04-20")[0] == 0
    before = snapshot(db_url)
    code, _, err = cli("projects", "stage", pid, "达产", "--unit", UNIT, "--today", "2026-04-20")
    assert code == 3 and "不能从“注册”直接跳到“达产”" in err and snapshot(db_url) == before
    code, _, err = cli("projects", "stage", pid, "签约", "--today", "2026-04-20")
    assert code == 3 and "不能退回“签约”" in err and snapshot(db_url) == before
    assert cli("projects", "stage", pid, "开工", "--unit", UNIT, "--date", "2026-04-10",
               "--today", "2026-04-20")[0] == 0

    # two months of reports; the second carries the first's 形象进度 and derives its month
    code, out, err = cli("projects", "report", pid, "--month", "2026-03", "--invest", "3000万元",
                         "--image", "场地平整完成", "--text", "已进场施工", "--unit", UNIT,
                         "--today", "2026-04-05")
    assert code == 0, err
    code, out, err = cli("projects", "report", pid, "--month", "2026-04", "--total", "0.8亿元",
                         "--unit", UNIT, "--today", "2026-04-28")
    assert code == 0, err
    shown = cli.json("projects", "show", pid, "--today", "2026-04-28")
    march, april = shown["reports"]
    assert (march["invest"], march["total"]) == (30_000_000, 30_000_000)
    assert (april["invest"], april["total"]) == (50_000_000, 80_000_000)
    assert april["image"] == "场地平整完成" and april["text"] == "已进场施工"
    assert shown["project"]["completed"] == 80_000_000
    # another unit may not report on it; nothing is written
    before = snapshot(db_url)
    code, _, err = cli("projects", "report", pid, "--invest", "1万元", "--unit", "市发展改革委",
                       "--today", "2026-04-28")
    assert code == 3 and "不是项目" in err and "责任单位" in err and snapshot(db_url) == before

    # a blocker, numbered for the year, escalates as its deadlines pass unsolved
    code, out, err = cli("projects", "blocker", "raise", pid, "用地指标尚未落实", "--by-unit", UNIT,
                         "--today", "2026-04-20")
    assert code == 0 and "问题〔2026〕1号" in out and "园区协调" in out, err
    code, out, err = cli("projects", "blocker", "escalate", "--today", "2026-05-20")
    assert code == 0 and "园区 → 区县 → 市级" in out and "升级 1 个" in out, err
    (b,) = cli.json("projects", "blocker", "list", "--project", pid)
    assert (b["level"], b["state"]) == ("city", "open")
    late = cli.json("projects", "list", "--today", "2026-05-26", "--light", "红灯")
    assert int(pid) in {p["id"] for p in late}
    assert any("问题〔2026〕1号" in r for p in late if p["id"] == int(pid)
               for r in p["light_reasons"])
    # nothing more to lift the same day; the unit replies and solves, the office closes it
    assert "升级 0 个" in cli("projects", "blocker", "escalate", "--today", "2026-05-20")[1]
    assert cli("projects", "blocker", "reply", "问题〔2026〕1号", "--unit", UNIT,
               "--text", "已报请市自然资源局调剂指标")[0] == 0
    code, _, err = cli("projects", "blocker", "close", "问题〔2026〕1号", "--today", "2026-05-27")
    assert code == 3 and "不能销号" in err  # not solved yet
    assert cli("projects", "blocker", "solve", "问题〔2026〕1号", "--unit", UNIT,
               "--solution", "指标已调剂到位", "--today", "2026-05-27")[0] == 0
    assert cli("projects", "blocker", "close", "问题〔2026〕1号", "--today", "2026-05-28")[0] == 0
    (b,) = cli.json("projects", "blocker", "list", "--project", pid)
    assert b["state"] == "closed" and b["closed_on"] == "2026-05-28"
    actions = [e["action"] for e in cli.json("projects", "history", pid)]
    assert actions == ["project.create", "project.stage", "project.stage", "project.report",
                       "project.report", "project.blocker.raise", "project.blocker.escalate",
                       "project.blocker.escalate", "project.blocker.reply",
                       "project.blocker.solve", "project.blocker.close"]

    # the zone ranking and its 当年签约当年开工率, checked against the projects themselves
    day = dt.date(2026, 4, 28)
    listed = cli.json("projects", "list", "--today", day.isoformat())
    ranking = cli.json("projects", "stats", "--today", day.isoformat())
    groups = {g["key"]: g for g in ranking["groups"]}
    assert set(groups) == {z[0] for z in ZONES}
    for zone in groups:
        assert groups[zone]["signed_started_rate"] == _rate(listed, zone, 2026, day), zone
        assert groups[zone]["projects"] == sum(p["zone"] == zone for p in listed)
    assert [g["rank"] for g in ranking["groups"]] == [1, 2, 3]
    assert ranking["groups"][0]["score"] >= ranking["groups"][-1]["score"]
    code, out, _ = cli("projects", "stats", "--today", day.isoformat())
    assert "当年签约" in out and "签约开工率" in out

    # the 台账 and the unit's fill-in sheet go out; the unit fills it in; it comes back
    ledger_xlsx = tmp_path / "项目台账.xlsx"
    assert cli("projects", "export", "xlsx", "-o", str(ledger_xlsx), "--today", "2026-05-28")[0] == 0
    assert openpyxl.load_workbook(ledger_xlsx)["项目台账"].max_row >= 30
    fillin = tmp_path / "填报表.xlsx"
    code, out, err = cli("projects", "export", "fillin", "--unit", UNIT, "--month", "2026-05",
                         "-o", str(fillin), "--today", "2026-05-28")
    assert code == 0, err
    book = openpyxl.load_workbook(fillin)
    ws = book.worksheets[0]
    header = {c.value: c.column for c in ws[3]}
    rows = {ws.cell(r, header["编号（勿改）"]).value: r for r in range(4, ws.max_row + 1)}
    token = next(t for t in rows if t.startswith(f"P{pid}:"))
    other = next(t for t in rows if not t.startswith(f"P{pid}:"))
    ws.cell(rows[token], header["本月完成投资（万元）"]).value = 2500
    ws.cell(rows[token], header["形象进度"]).value = "主体结构施工"
    ws.cell(rows[other], header["累计完成投资（万元）"]).value = 1200
    book.save(fillin)
    code, out, err = cli("projects", "import", str(fillin), "--today", "2026-05-28")
    assert code == 0 and "报送 2 个项目" in out, err
    shown = cli.json("projects", "show", pid, "--today", "2026-05-28")
    may = shown["reports"][-1]
    assert (may["month"], may["invest"], may["total"], may["image"]) == (
        "2026-05", 25_000_000, 105_000_000, "主体结构施工")
    assert may["text"] == "已进场施工"  # untouched cells carry the last report over
    # the same file again: those rows no longer differ from the register, nothing is written
    before = snapshot(db_url)
    code, out, err = cli("projects", "import", str(fillin), "--today", "2026-05-28")
    assert code == 0 and snapshot(db_url) == before, err

    # the picture, the half-year report and the blocker's 督办单
    png = tmp_path / "挂图作战.png"
    assert cli("projects", "export", "chart", "--zone", ZONE, "-o", str(png),
               "--today", "2026-05-28")[0] == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = tmp_path / "半年报告.docx"
    code, _, err = cli("projects", "export", "report", "--zone", ZONE, "--half", "2026H1",
                       "-o", str(report), "--today", "2026-06-30")
    assert code == 0, err
    from docx import Document as Docx

    text = "\n".join(p.text for p in Docx(str(report)).paragraphs)
    assert f"{ZONE}关于2026年上半年重点项目建设情况的报告" in text
    assert "当年签约当年开工率" in text


def test_link_to_the_task_it_serves(cli: Cli, tmp_path: Path) -> None:
    sheet = make_register(tmp_path / "s.xlsx", 6)
    assert cli("projects", "import", str(sheet), "--partial", "--today", "2026-04-20")[0] in (0, 2)
    tasks = cli.json("tasks", "--jurisdiction", "沈阳市")
    task = next(t for t in tasks if "签约项目专人负责制" in t["text"])
    pid = str(cli.json("projects", "list", "--today", "2026-04-20")[0]["id"])
    assert cli("projects", "link", pid, "--task", str(task["id"]))[0] == 0
    assert cli.json("projects", "list", "--today", "2026-04-20")[0]["task_id"] == task["id"]
    code, _, err = cli("projects", "link", pid, "--task", "999999")
    assert code == 3 and "999999" in err
