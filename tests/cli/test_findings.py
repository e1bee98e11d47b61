"""Issue 18, finding by finding: each test failed on the main branch the issue was filed
against and holds the fix (the commands are the issue's own)."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from taizhang.store import Ledger

from .conftest import ROOT, SAMPLES, UNTITLED, Run, pg_tables

SEED_001 = SAMPLES / "001_78cdeab974107ec5.txt"


def _items(url: str, **filters: object) -> list:
    with Ledger(url) as ledger:  # an existing ledger: opening it creates nothing
        return ledger.list_items(**filters)  # type: ignore[arg-type]


# 1. A wrong --db silently makes a new database ---------------------------------------------------

def test_1_no_command_but_init_ingest_demo_creates_a_database(cli: Run, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch,
                                                              pg_url: str) -> None:
    monkeypatch.chdir(tmp_path)
    # cd sub && taizhang export xlsx --db sqlite:///t.db
    code, out, err = cli("export", "xlsx", "--db", "sqlite:///t.db")
    assert (code, "sqlite:///t.db" in err, "taizhang init" in err) == (4, True, True), err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # neither t.db nor an empty xlsx
    # an empty PostgreSQL database: nothing created in it (the run made 13 tables)
    code, _, err = cli("tasks", "--db", pg_url)
    assert code == 4 and "还没有台账" in err and "taizhang init" in err
    assert pg_tables(pg_url) == []
    # a failed first ingest leaves no file
    code, _, err = cli("ingest", "无此文件.txt", "--db", "sqlite:///first.db")
    assert code == 2 and "文件不存在" in err and not (tmp_path / "first.db").exists()
    # init and ingest do create; then the other commands find the ledger
    assert cli("init", "--db", pg_url)[0] == 0 and "alembic_version" in pg_tables(pg_url)
    assert cli("ingest", SEED_001, "--db", "sqlite:///first.db")[0] == 0
    assert cli("tasks", "--db", "sqlite:///first.db")[0] == 0


def test_1_a_database_of_someone_else_is_left_alone(cli: Run, pg_url: str) -> None:
    import psycopg

    with psycopg.connect(pg_url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute("CREATE TABLE payroll (id int)")
    for args in (["tasks"], ["init"], ["ingest", SEED_001]):
        code, _, err = cli(*args, "--db", pg_url)
        assert code == 4 and "其他程序的表" in err and "payroll" in err, (args, err)
    assert pg_tables(pg_url) == ["payroll"]
    # asked for explicitly, the ledger may share the database
    code, out, _ = cli("init", "--db", pg_url, "--allow-other-tables")
    assert code == 0 and {"payroll", "items"} <= set(pg_tables(pg_url))


def test_1_the_servers_maintenance_database_is_refused(cli: Run) -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
    before = pg_tables(url)
    code, _, err = cli("init", "--db", url)
    assert code == 4 and "createdb" in err and pg_tables(url) == before


# 2. A misspelled place returns nothing, exit 0 ---------------------------------------------------

@pytest.mark.parametrize(("args", "near"), [
    pytest.param(["tasks", "--jurisdiction", "沈阳"], "沈阳市", id="tasks_place"),
    pytest.param(["load", "-j", "沈阳"], "沈阳市", id="load_place"),
    pytest.param(["export", "xlsx", "--jurisdiction", "沈阳", "-o", "x.xlsx"], "沈阳市",
                 id="export_place"),
    pytest.param(["documents", "--jurisdiction", "吉林"], "吉林省", id="documents_place"),
    pytest.param(["stats", "--jurisdiction", "辽宁"], "辽宁省", id="stats_place"),
    pytest.param(["units", "--jurisdiction", "沈阳"], "沈阳市", id="units_place"),
    pytest.param(["tasks", "--unit", "市发改局", "--jurisdiction", "沈阳市"], "市发展改革委",
                 id="unit"),
    pytest.param(["tasks", "--document", "沈政办发〔2018〕79号"], "沈政办发〔2018〕78号", id="document"),
    pytest.param(["export", "csv", "--document", "沈政办发〔2018〕79号", "-o", "x.csv"],
                 "沈政办发〔2018〕78号", id="export_document"),
])
def test_2_a_name_that_names_nothing_gets_the_closest_names(cli: Run, demo_db: str, args: list[str],
                                                            near: str, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(*args, "--db", demo_db)
    assert (code, f"是不是：{near}" in err) == (3, True), err
    assert not list(tmp_path.glob("x.*"))  # no empty file exported


@pytest.mark.parametrize(("args", "near"), [
    pytest.param(["tasks", "--status", "完成"], "已完成", id="status_filter"),
    pytest.param(["tasks", "--light", "红"], None, id="light_ok"),
    pytest.param(["status", "1", "签到"], "签收", id="status_step"),
])
def test_2_statuses_are_checked_too(cli: Run, demo_db: str, args: list[str],
                                    near: str | None) -> None:
    code, _, err = cli(*args, "--db", demo_db, "--today", "2018-07-01")
    if near is None:
        assert code == 0, err
    else:
        assert code == 2 and f"是不是：{near}" in err, err


def test_2_file_mode_places_are_checked_as_the_ledgers(cli: Run) -> None:
    code, _, err = cli("load", SAMPLES, "-j", "沈阳")
    assert code == 3 and "沈阳市" in err


# 3. Help that does not match behaviour -------------------------------------------------------------

def test_3_every_step_the_status_help_names_is_accepted(cli: Run, demo_db: str) -> None:
    from taizhang.ledger.workflow import STEP_TARGETS

    _, help_text, _ = cli("status", "--help")
    named = [step for step in STEP_TARGETS if step in help_text]
    assert {"签收", "办结", "销号", "暂缓", "退回"} <= set(named)
    item = _items(demo_db, unit="市财政局", jurisdiction="沈阳市", role="lead")[0].id
    steps = [("签收", "推进中"), ("办结", "已完成"), ("退回", "推进中"), ("办结", "已完成"),
             ("销号", "已销号")]
    for step, status in steps:
        code, out, err = cli("status", item, step, "--db", demo_db)
        assert code == 0 and f"→ {status}（第" in out, err
    other = _items(demo_db, unit="市国资委", jurisdiction="沈阳市", role="lead")[0].id
    assert cli("status", other, "暂缓", "--db", demo_db)[0] == 0
    assert cli("status", other, "重新交办", "--db", demo_db)[0] == 0


def test_3_explain_honours_the_format(cli: Run) -> None:
    code, out, _ = cli("parse", "--explain", "--format", "json", SEED_001)
    data = json.loads(out)
    assert code == 0 and data["schema"] == "taizhang.explain/1"
    lead = next(e for e in data["evidence"] if e["field"] == "lead")
    assert lead["rule"] and lead["rule_text"] and not lead["rule_text"].isascii()
    code, out, _ = cli("parse", "--explain", "--format", "csv", "--no-bom", SEED_001)
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0][:4] == ["文件", "任务", "分工", "字段"] and len(rows) > 100


# 4. English in a Chinese tool --------------------------------------------------------------------

@pytest.mark.parametrize(("args", "chinese", "english"), [
    pytest.param(["report", "1"], "缺少选项 '--unit'", "Missing option", id="missing_option"),
    pytest.param(["tasks", "--formt", "json"], "是不是 '--format'", "No such option",
                 id="no_such_option"),
    pytest.param(["tasks", "--limit", "abc"], "'abc' 不是有效的整数", "not a valid integer",
                 id="bad_integer"),
    pytest.param(["tasks", "--help"], "显示本帮助并退出", "Show this message", id="help"),
    pytest.param(["parse", "--help"], "用法：taizhang parse", "usage:", id="argparse_help"),
    pytest.param(["parse", "--bogus", SEED_001], "不认识的参数", "unrecognized arguments",
                 id="argparse_error"),
    pytest.param(["parse"], "缺少参数：FILE", "the following arguments are required",
                 id="argparse_missing"),
])
def test_4_click_and_argparse_speak_chinese(cli: Run, args: list[str], chinese: str,
                                            english: str) -> None:
    code, out, err = cli(*args)
    assert chinese in out + err and english not in out + err, out + err


def test_4_recurrences_and_rules_are_in_words(cli: Run) -> None:
    for fmt in ("table", "md"):
        _, out, _ = cli("parse", SEED_001, "--format", fmt)
        assert "每年5月底前" in out and "FREQ=" not in out
    _, out, _ = cli("parse", SEED_001, "--explain")
    assert "括号内的分工标注；标注“牵头单位”" in out and "bracket_labels" not in out
    assert "verb:" not in out and "level_carry_over" not in out


# 5. Wrong or misleading figures ------------------------------------------------------------------

def test_5_recurring_tasks_are_not_listed_as_undated(cli: Run, demo_db: str) -> None:
    code, out, _ = cli("tasks", "--document", "沈政办发〔2018〕78号", "--unit", "市发展改革委",
                       "--role", "lead", "--db", demo_db, "--today", "2018-07-01")
    row = next(line for line in out.splitlines() if "强化项目包装策划" in line)
    assert code == 0 and "每年5月底前" in row and "2020-12-31*" not in row
    code, out, _ = cli("tasks", "--document", "沈政办发〔2018〕78号", "--format", "csv",
                       "--db", demo_db)
    rows = {r["任务"]: r for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff")))}
    assert rows["强化项目包装策划"]["时限"] == "每年5月底前"


def test_5_the_footer_counts_what_matches_not_the_limit(cli: Run, demo_db: str) -> None:
    from taizhang.ledger.model import Light

    args = ["tasks", "--unit", "市发展改革委", "--jurisdiction", "沈阳市", "--role", "lead",
            "--db", demo_db, "--today", "2018-07-01"]
    mine = dict(unit="市发展改革委", jurisdiction="沈阳市", role="lead", today=dt.date(2018, 7, 1))
    total = len(_items(demo_db, **mine))  # 30 in the demo
    red = len(_items(demo_db, **mine, light=Light.RED))
    assert total > red > 5
    assert cli(*args)[1].splitlines()[-1].startswith(f"共 {total} 项；")
    for extra, matched in (([], total), (["--light", "red"], red)):
        shown = cli(*args, *extra, "--limit", "5")[1].splitlines()
        assert len(shown) == 5 + 2 and shown[-1].startswith(f"共 {matched} 项，列出前 5 项"), shown


def test_5_duban_is_for_lagging_work(cli: Run, demo_db: str) -> None:
    green = next(i for i in _items(demo_db, today=dt.date(2018, 7, 1))
                 if i.light is not None and i.light.value == "green")
    code, _, err = cli("duban", "issue", green.id, "--today", "2018-07-01", "--db", demo_db)
    assert code == 3 and "绿灯" in err and "--force" in err
    assert cli("duban", "list", "--format", "json", "--db", demo_db)[1].strip() == "[]"
    code, out, _ = cli("duban", "issue", green.id, "--today", "2018-07-01", "--force",
                       "--reason", "领导批示加快", "--db", demo_db)
    assert code == 0 and "督办〔2018〕1号" in out


def _fill(path: Path, edits: dict[str, object], rows: int = 1) -> list[int]:
    """Fill the first ``rows`` rows of a 填报表 whose unit only supports them."""
    book = load_workbook(path)
    ws = book.worksheets[0]
    header = [c.value for c in ws[3]]
    done = []
    for r in range(4, ws.max_row + 1):
        if ws.cell(r, header.index("牵头单位") + 1).value != "市财政局":
            for name, value in edits.items():
                ws.cell(r, header.index(name) + 1).value = value
            done.append(int(str(ws.cell(r, len(header)).value).split(":")[0]))
            if len(done) == rows:
                break
    book.save(path)
    return done


def test_5_the_same_filled_sheet_imported_twice(cli: Run, demo_db: str, tmp_path: Path) -> None:
    sheet = tmp_path / "填报表.xlsx"
    assert cli("export", "xlsx", "--for-unit", "市财政局", "--jurisdiction", "沈阳市", "-o", sheet,
               "--db", demo_db)[0] == 0
    _fill(sheet, {"完成百分比": 20, "进展情况": "已配合完成调研"}, rows=2)
    code, out, err = cli("import-progress", sheet, "--db", demo_db, "--today", "2018-07-02")
    assert code == 0 and "已导入 2 项更新" in out, err
    code, out, err = cli("import-progress", sheet, "--db", demo_db, "--today", "2018-07-02")
    assert code == 0 and "没有需要更新的内容" in out, err


def test_5_history_calls_a_revision_task_text(cli: Run, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'l.db'}"
    assert cli("ingest", SEED_001, "--db", url)[0] == 0
    revised = tmp_path / SEED_001.name
    text = SEED_001.read_text("utf-8")
    assert "实施破产清算" in text
    revised.write_text(text.replace("实施破产清算", "依法实施破产清算"), "utf-8")
    code, out, _ = cli("ingest", revised, "--db", url)
    assert code == 0 and "新版本" in out
    item = next(i for i in _items(url) if "依法实施破产清算" in i.text)
    code, out, _ = cli("history", item.id, "--db", url)
    revision = next(line for line in out.splitlines() if "随新版本更新" in line)
    assert "任务内容" in revision and "进展" not in revision


def test_5_file_and_ledger_analyses_agree(cli: Run, tmp_path: Path) -> None:
    files = sorted(SAMPLES.glob("00[0-3]*.txt"))
    url = f"sqlite:///{tmp_path / 'l.db'}"
    assert cli("ingest", *files, "--db", url)[0] == 0
    ledger = json.loads(cli("topics", "--summary", "--format", "json", "--db", url)[1])
    direct = json.loads(cli("topics", "--summary", "--format", "json", *files)[1])
    assert list(ledger.values()) == list(direct.values())  # 001: 供给 13 both ways


def test_5_a_document_without_issuer_is_placed_alike(cli: Run, tmp_path: Path) -> None:
    # no issuer, no 发文字号: the text names 沈阳 again and again — ingest and file mode agree
    code, out, _ = cli("ingest", UNTITLED, "--db", f"sqlite:///{tmp_path / 'l.db'}")
    assert code == 0 and "（沈阳市，推断：正文提到 沈阳" in out
    code, out, err = cli("chain", "--format", "json", UNTITLED, SEED_001)
    places = {r["id"]: r["place"] for r in json.loads(out)}
    assert places[UNTITLED.stem] == places[SEED_001.stem] == "沈阳市"
    assert "看不出" not in err


# 6. Files for colleagues -------------------------------------------------------------------------

@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_6_exports_respect_the_umask(cli: Run, demo_db: str, tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        for fmt in ("xlsx", "csv", "report"):
            target = tmp_path / f"out.{fmt}"
            assert cli("export", fmt, "-o", target, "--db", demo_db, "--today", "2018-07-01")[0] == 0
            assert target.stat().st_mode & 0o777 == 0o666 & ~umask, fmt
    finally:
        os.umask(old)


def test_6_csv_carries_a_bom_unless_told_not_to(cli: Run, demo_db: str, tmp_path: Path) -> None:
    _, out, _ = cli("parse", SEED_001, "--format", "csv")
    assert out.startswith("\ufeff文件,序号")
    assert not cli("parse", SEED_001, "--format", "csv", "--no-bom")[1].startswith("\ufeff")
    assert cli("export", "csv", "-o", "-", "--db", demo_db)[1].startswith("\ufeff编号")
    assert cli("export", "csv", "-o", "-", "--no-bom", "--db", demo_db)[1].startswith("编号")
    assert cli("tasks", "--format", "csv", "--db", demo_db)[1].startswith("\ufeff编号")
    cli("export", "csv", "-o", tmp_path / "t.csv", "--db", demo_db)
    assert (tmp_path / "t.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_6_official_documents_carry_no_internal_notes_or_file_names(cli: Run, demo_db: str,
                                                                    tmp_path: Path) -> None:
    untitled = [i for i in _items(demo_db) if i.document_title is None]
    item = next(i for i in untitled if i.lead)
    assert cli("duban", "issue", item.id, "--force", "--reason", "进度滞后", "--today",
               "2016-06-01", "--db", demo_db)[0] == 0
    notice = tmp_path / "notice.docx"
    assert cli("export", "notice", "--notice", "1", "-o", notice, "--db", demo_db)[0] == 0
    text = "\n".join(p.text for p in Docx(str(notice)).paragraphs)
    text += "\n".join(c.text for t in Docx(str(notice)).tables for r in t.rows for c in r.cells)
    assert "督办通知单" in text
    for internal in ("（默认：", f"文件{item.document_id}", "004_", ".txt"):
        assert internal not in text, internal
    book = tmp_path / "台账.xlsx"
    assert cli("export", "xlsx", "-o", book, "--db", demo_db)[0] == 0
    names = load_workbook(book).sheetnames
    assert "（无标题）" in names and not any(n.isdigit() or "004_" in n for n in names)
    for fmt in ("md", "csv"):
        out = cli("export", fmt, "-o", "-", "--db", demo_db)[1]
        assert "004_" not in out and f"文件{item.document_id}" not in out


# 7. Consistency ----------------------------------------------------------------------------------

def test_7_one_format_option_and_one_exit_code_for_unknown_documents(cli: Run,
                                                                     demo_db: str) -> None:
    for args in (["chain"], ["topics", "--summary"], ["network"], ["load"], ["tasks"],
                 ["documents"], ["stats"]):
        code, out, err = cli(*args, "--format", "json", "--db", demo_db)
        assert code == 0 and json.loads(out) is not None, (args, err)
    for args in (["chain", "没有的文件"], ["topics", "没有的文件"], ["tasks", "--document", "没有的文件"],
                 ["adoption", "没有的文件"]):
        code, _, err = cli(*args, "--db", demo_db)
        assert code == 3 and ("没有" in err or "找不到" in err), (args, code, err)


@pytest.mark.parametrize("args", [
    pytest.param(["tasks", "--today", "2026-13-01"], id="tasks"),
    pytest.param(["tasks", "--due-before", "明天"], id="due_before"),
    pytest.param(["load", "--today", "明天"], id="load"),
    pytest.param(["load", "--from", "2026/03/01"], id="load_from"),
    pytest.param(["links", "report", "1", "--unit", "市财政局", "--by", "x", "--today", "昨天"],
                 id="links_report"),
    pytest.param(["serve", "--today", "下周"], id="serve"),
    pytest.param(["duban", "issue", "1", "--reply-due", "下周"], id="duban_issue"),
    pytest.param(["report", "1", "--unit", "市财政局", "--occurrence", "五月"], id="report"),
])
def test_7_one_wording_for_a_bad_date(cli: Run, demo_db: str, args: list[str]) -> None:
    code, _, err = cli(*args, "--db", demo_db)
    assert code == 2 and "不是日期" in err and "YYYY-MM-DD" in err, err


def test_7_messages_read_well(cli: Run, demo_db: str, tmp_path: Path) -> None:
    item = _items(demo_db, unit="市财政局", jurisdiction="沈阳市", role="lead")[0].id
    for step in ("签收", "办结", "销号"):
        cli("status", item, step, "--db", demo_db)
    code, _, err = cli("duban", "issue", item, "--db", demo_db)
    assert code == 3 and "已“已" not in err and "状态是“已销号”" in err
    code, _, err = cli("ingest", "无此文件.txt", "--db", demo_db)
    assert code == 2 and err.count("无此文件.txt") == 1, err


def test_7_the_test_script_says_what_it_does() -> None:
    script = (ROOT / "scripts" / "test.sh").read_text("utf-8")
    header = "\n".join(line for line in script.splitlines() if line.startswith("#"))
    body = "\n".join(line for line in script.splitlines() if not line.startswith("#"))
    if "apt-get" not in body and "playwright install" not in body:
        assert "does not install" in header or "不安装" in header, header
    if "pg_isready" not in body:
        assert "PostgreSQL" not in header or "does not install or start" in header, header
