"""``taizhang projects`` as a user meets it after issue 18: every listing in table, json, csv
(with a BOM unless --no-bom) and md; names that match nothing refused with the closest known;
no database made by a command that only reads or adds to one."""
from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from taizhang.cli import main

from .conftest import Run, pg_tables
from projects.sample_register import ZONES, make_register

TODAY = "2026-04-28"


@pytest.fixture(scope="module")
def register(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample ledger with the three zones and a twelve-row office sheet, a report and a
    blocker on one project (the tests here only read it)."""
    folder = tmp_path_factory.mktemp("projects-cli")
    path = folder / "register.db"
    shutil.copyfile(demo_template, path)
    url = f"sqlite:///{path}"

    def run(*args: str) -> None:
        try:
            code = main([*args, "--db", url])
        except SystemExit as stop:
            code = stop.code
        assert code in (0, None), args

    for name, level, aliases, _ in ZONES:
        run("projects", "zone-add", name, "--jurisdiction", "沈阳市", "--level", level,
            *[a for alias in aliases for a in ("--alias", alias)])
    run("projects", "import", str(make_register(folder / "s.xlsx", 12, bad=False)), "--today", TODAY)
    run("projects", "report", "1", "--month", "2026-03", "--invest", "3000万元", "--image", "桩基施工",
        "--today", TODAY)
    run("projects", "blocker", "raise", "1", "用地指标尚未落实", "--today", TODAY)
    yield url


LISTINGS = [
    pytest.param(["projects", "zones"], "共 3 个园区", id="zones"),
    pytest.param(["projects", "list", "--today", TODAY], "共 12 个项目", id="list"),
    pytest.param(["projects", "show", "1", "--today", TODAY], "项目 1：", id="show"),
    pytest.param(["projects", "history", "1"], "共 3 条记录", id="history"),
    pytest.param(["projects", "stats", "--today", TODAY], "共 3 个园区", id="stats"),
    pytest.param(["projects", "weights"], "权重为默认值", id="weights"),
    pytest.param(["projects", "blocker", "list", "--today", TODAY], "共 1 个受阻问题",
                 id="blocker_list"),
]


@pytest.mark.parametrize(("args", "words"), LISTINGS)
def test_every_listing_in_every_format(cli: Run, register: str, args: list[str],
                                       words: str) -> None:
    code, table, err = cli(*args, "--db", register)
    assert code == 0 and words in table, err
    code, out, _ = cli(*args, "--db", register, "--format", "json")
    assert code == 0 and json.loads(out)
    code, out, _ = cli(*args, "--db", register, "--format", "csv")
    assert code == 0 and out.startswith("\ufeff") and "\r\n" in out
    header = out[1:].split("\r\n", 1)[0].split(",")
    assert len(header) >= 3 and all(h and not h.isascii() for h in header), header
    code, plain, _ = cli(*args, "--db", register, "--format", "csv", "--no-bom")
    assert plain == out[1:]
    code, out, _ = cli(*args, "--db", register, "--format", "md")
    assert code == 0 and out.lstrip().startswith(("| ", "## ")) and "|---" in out


def test_the_list_counts_what_matches_and_says_what_it_shows(cli: Run, register: str) -> None:
    code, out, _ = cli("projects", "list", "--zone", "高新区", "--limit", "2", "--today", TODAY,
                       "--db", register)
    rows = out.strip().splitlines()
    assert code == 0 and len(rows) == 4  # header, two projects, the count
    assert rows[-1] == "共 4 个项目，列出前 2 个（去掉 --limit 看全部）"
    # lights as marks in the terminal, as words for Excel
    assert "●" in out
    code, out, _ = cli("projects", "list", "--today", TODAY, "--db", register, "--format", "csv")
    assert out.split("\r\n", 1)[0].endswith("编号,亮灯,阶段,项目名称,园区,责任单位,总投资,累计完成,问题")
    assert "●" not in out and ("红灯" in out or "黄灯" in out or "绿灯" in out)


def test_the_history_reads_in_chinese(cli: Run, register: str) -> None:
    code, out, _ = cli("projects", "history", "1", "--db", register)
    assert code == 0 and "报送月报  月份 2026-03；本月完成投资 3000万元；累计完成投资 3000万元" in out
    for code_word in ("invest", "signed", "zone_id", "version", "{", "planned"):
        assert code_word not in out, code_word


NAMES = [
    pytest.param(["projects", "list", "--jurisdiction", "沈阳"], 3, "是不是：沈阳市", id="place"),
    pytest.param(["projects", "stats", "--jurisdiction", "沈阳"], 3, "是不是：沈阳市",
                 id="place_in_stats"),
    pytest.param(["projects", "zones", "--jurisdiction", "沈阳"], 3, "是不是：沈阳市",
                 id="place_in_zones"),
    pytest.param(["projects", "list", "--zone", "高新园"], 3, "是不是：高新区", id="zone"),
    pytest.param(["projects", "list", "--zone", "高新区", "--jurisdiction", "沈阳"], 3,
                 "没有地区“沈阳”", id="zone_in_a_place_that_is_not"),
    pytest.param(["projects", "list", "--unit", "市发改局"], 3, "是不是：市发展改革委", id="unit"),
    pytest.param(["projects", "list", "--stage", "施工"], 2, "是不是：开工？可用：策划储备", id="stage"),
    pytest.param(["projects", "stage", "1", "已注"], 2, "是不是：注册", id="stage_move"),
    pytest.param(["projects", "list", "--light", "紫灯"], 2, "亮灯“紫灯”无法识别", id="light"),
    pytest.param(["projects", "blocker", "list", "--state", "已销"], 2, "是不是：已销号",
                 id="blocker_state"),
    pytest.param(["projects", "blocker", "list", "--project", "999"], 3, "没有编号为 999 的项目",
                 id="blocker_project"),
    pytest.param(["projects", "zone-add", "沈阳新区", "--jurisdiction", "沈阳"], 3,
                 "是不是：沈阳市？已有的地区：", id="zone_under_a_misspelt_place"),
    pytest.param(["projects", "list", "--limit", "0"], 2, "不是正整数", id="limit"),
]


@pytest.mark.parametrize(("args", "code", "words"), NAMES)
def test_names_that_match_nothing(cli: Run, register: str, args: list[str], code: int,
                                  words: str) -> None:
    got, out, err = cli(*args, "--db", register)
    assert (got, out) == (code, "") and err.startswith("错误：") and words in err, err


def test_a_new_place_is_taken_when_meant(cli: Run, demo_db: str) -> None:
    code, _, err = cli("projects", "zone-add", "沈阳新区", "--jurisdiction", "沈阳", "--db", demo_db)
    assert code == 3 and "--new-place" in err
    code, out, err = cli("projects", "zone-add", "大连金普新区", "--jurisdiction", "大连市",
                         "--level", "国家级", "--db", demo_db)
    assert code == 0 and "大连市 大连金普新区" in out and "新地区" in err
    code, out, _ = cli("projects", "zone-add", "沈阳新区", "--jurisdiction", "沈阳", "--new-place",
                       "--db", demo_db)
    assert code == 0 and "沈阳 沈阳新区" in out


@pytest.mark.parametrize("args", [
    pytest.param(["projects", "list"], id="list"),
    pytest.param(["projects", "zones"], id="zones"),
    pytest.param(["projects", "zone-add", "经开区", "--jurisdiction", "沈阳市"], id="zone_add"),
    pytest.param(["projects", "stats"], id="stats"),
    pytest.param(["projects", "blocker", "escalate"], id="escalate"),
])
def test_no_database_is_made_by_the_projects_commands(cli: Run, tmp_path: Path, pg_url: str,
                                                      args: list[str]) -> None:
    missing = tmp_path / "台账.db"
    code, out, err = cli(*args, "--db", f"sqlite:///{missing}")
    assert code == 4 and "taizhang init" in err and not missing.exists(), err
    code, out, err = cli(*args, "--db", pg_url)
    assert code == 4 and "taizhang init" in err and pg_tables(pg_url) == [], err


def test_the_import_of_a_missing_file_writes_nothing(cli: Run, register: str,
                                                     tmp_path: Path) -> None:
    code, _, err = cli("projects", "import", str(tmp_path / "无.xlsx"), "--db", register)
    assert code == 2 and "找不到文件" in err
