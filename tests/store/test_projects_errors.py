"""Bad input to ``taizhang projects``: each gets a clear Chinese message and a non-zero exit, and
nothing of it is written (every table compared before and after)."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from .conftest import snapshot
from .test_cli_walkthrough import SAMPLES, Cli
from projects.sample_register import ZONES, make_register
from web.bombs import xlsx_bomb

SEED = next(p for p in SAMPLES if p.name.startswith("001"))
TODAY = "2026-04-20"


@pytest.fixture(scope="module")
def register(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """One SQLite register for every case: seed 001, the three zones, a six-row sheet."""
    from taizhang.cli import main

    folder = tmp_path_factory.mktemp("projects-errors")
    url = f"sqlite:///{folder / 'p.db'}"

    def run(*args: str) -> None:
        try:
            code = main([*args, "--db", url])
        except SystemExit as stop:
            code = stop.code
        assert code in (0, None), args

    run("ingest", str(SEED))
    for name, level, aliases, _ in ZONES:
        run("projects", "zone-add", name, "--jurisdiction", "沈阳市", "--level", level,
            *[a for alias in aliases for a in ("--alias", alias)])
    sheet = make_register(folder / "six.xlsx", 6)
    book = openpyxl.load_workbook(sheet)  # six rows, none bad
    ws = book["重点项目"]
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "约五亿元":
                cell.value = "5亿元"
    book.save(sheet)
    run("projects", "import", str(sheet), "--today", TODAY)
    yield url, folder


def _sheet(folder: Path, name: str, rows: list[list[object]]) -> str:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = folder / name
    book.save(path)
    return str(path)


CASES = [
    pytest.param(["projects", "add", "--name", "新项目", "--zone", "不存在园区", "--jurisdiction", "沈阳市"],
                 "没有登记名为“不存在园区”的开发区/园区", id="unknown_zone"),
    pytest.param(["projects", "list", "--zone", "经开园"], "是不是：经开区", id="unknown_zone_suggests"),
    pytest.param(["projects", "add", "--name", "新项目", "--zone", "经开区", "--unit", "市不存在局"],
                 "没有名为“市不存在局”的单位", id="unknown_unit"),
    pytest.param(["projects", "stage", "1", "竣工验收"], "阶段“竣工验收”无法识别", id="unknown_stage"),
    pytest.param(["projects", "list", "--stage", "施工"], "可用：策划储备、洽谈", id="unknown_stage_filter"),
    pytest.param(["projects", "stage", "1", "达产", "--today", TODAY], "直接跳到“达产”",
                 id="illegal_skip"),
    pytest.param(["projects", "stage", "1", "策划储备", "--today", TODAY], "不能退回", id="illegal_back"),
    pytest.param(["projects", "stage", "1", "注册", "--version", "99", "--today", TODAY],
                 "已被他人修改（您依据的是第 99 版", id="stale_edit"),
    pytest.param(["projects", "report", "1", "--total", "12", "--today", TODAY], "没有单位",
                 id="amount_without_unit"),
    pytest.param(["projects", "report", "1", "--invest", "五百万", "--today", TODAY], "不是数字",
                 id="amount_in_words"),
    pytest.param(["projects", "report", "1", "--month", "2027-01", "--invest", "1万元", "--today", TODAY],
                 "该月还没有到", id="future_month"),
    pytest.param(["projects", "report", "1", "--month", "13月", "--today", TODAY], "月份“13月”无法识别",
                 id="bad_month"),
    pytest.param(["projects", "report", "1", "--invest", "1万元", "--unit", "市发展改革委", "--today", TODAY],
                 "不是项目", id="other_unit_reports"),
    pytest.param(["projects", "blocker", "reply", "问题〔2026〕99号", "--text", "x"], "没有受阻问题",
                 id="unknown_blocker"),
    pytest.param(["projects", "blocker", "raise", "1", "  ", "--today", TODAY], "内容是空的",
                 id="empty_blocker"),
    pytest.param(["projects", "blocker", "raise", "1", "资金未到位", "--level", "省级", "--today", TODAY],
                 "协调层级“省级”无法识别", id="unknown_level"),
    pytest.param(["projects", "weights", "--set", "人气=3"], "没有名为“人气”的考核指标", id="unknown_metric"),
    pytest.param(["projects", "zone-add", "经开区", "--jurisdiction", "沈阳市"], "已是沈阳市某个园区",
                 id="zone_twice"),
    pytest.param(["projects", "export", "report", "--zone", "经开区", "--half", "2026H3"],
                 "半年“2026H3”无法识别", id="bad_half"),
]


@pytest.mark.parametrize(("args", "words"), CASES)
def test_refused_and_nothing_written(register: tuple[str, Path], args: list[str], words: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    url, _ = register
    before = snapshot(url)
    code, out, err = Cli(url, capsys)(*args)
    assert code in (2, 3), (code, out, err)
    assert words in err, err
    assert err.startswith("错误：") and snapshot(url) == before


def test_sheets_that_cannot_be_read(register: tuple[str, Path],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    url, folder = register
    cli = Cli(url, capsys)
    before = snapshot(url)
    cases = {
        _sheet(folder, "no-name.xlsx", [["序号", "投资主体", "总投资（亿元）", "所在园区"],
                                        [1, "某公司", 3, "经开区"]]): "找不到表头",
        _sheet(folder, "no-zone.xlsx", [["序号", "项目名称", "总投资（亿元）", "责任单位"],
                                        [1, "某项目", 3, "市发展改革委"]]): "缺少“所在园区”列",
        _sheet(folder, "amounts.xlsx", [["序号", "项目名称", "总投资", "所在园区"],
                                        [1, "某项目甲", 3, "经开区"],
                                        [2, "某项目乙", "3亿美元", "经开区"]]): "第2行",
    }
    not_xlsx = folder / "note.xlsx"
    not_xlsx.write_text("不是表格", encoding="utf-8")
    cases[str(not_xlsx)] = "不是 xlsx 文件"
    bomb = folder / "bomb.xlsx"  # 3.6 MB that would inflate to 1 GB: refused before reading
    bomb.write_bytes(xlsx_bomb((folder / "six.xlsx").read_bytes(), 1024 * 1024 * 1024))
    cases[str(bomb)] = "疑似压缩炸弹"
    for path, words in cases.items():
        code, out, err = cli("projects", "import", path, "--today", TODAY)
        assert code == 2 and words in err, (path, err)
    # both bad amounts of the last sheet are named: no unit anywhere, and foreign money
    code, out, err = cli("projects", "import", str(folder / "amounts.xlsx"), "--today", TODAY)
    assert "第2行" in err and "没有单位" in err and "第3行" in err and "不是人民币" in err
    assert snapshot(url) == before


def test_a_task_sheet_is_not_a_project_sheet(register: tuple[str, Path], tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    url, _ = register
    cli = Cli(url, capsys)
    path = tmp_path / "tasks.xlsx"
    assert cli("export", "xlsx", "-o", str(path))[0] == 0
    code, _, err = cli("projects", "import", str(path), "--today", TODAY)
    assert code == 2 and "任务台账的表格" in err and "import-progress" in err


def test_a_stale_fillin_row_refuses_the_whole_sheet(register: tuple[str, Path], tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    url, _ = register
    cli = Cli(url, capsys)
    projects = cli.json("projects", "list", "--today", TODAY)
    unit = next(p["unit"] for p in projects if p["unit"].endswith("管委会"))
    path = tmp_path / "fillin.xlsx"
    assert cli("projects", "export", "fillin", "--unit", unit, "-o", str(path),
               "--today", TODAY)[0] == 0
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    header = {c.value: c.column for c in ws[3]}
    first, second = ws.cell(4, header["编号（勿改）"]).value, ws.cell(5, header["编号（勿改）"]).value
    ws.cell(4, header["形象进度"]).value = "桩基施工"
    ws.cell(5, header["本月完成投资（万元）"]).value = "很多"
    book.save(path)
    # meanwhile the office changes the first project
    pid = first.split(":")[0][1:]
    assert cli("projects", "plan", pid, "达产", "2029-12-31")[0] == 0
    before = snapshot(url)
    code, _, err = cli("projects", "import", str(path), "--today", TODAY)
    assert code == 2 and "在导出后已被修改" in err and "第4行" in err
    assert "第5行" in err and "很多" in err and second  # the bad amount is named as well
    assert snapshot(url) == before
