"""The analysis commands end to end: real files, real ledger, exit codes and Chinese messages."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from taizhang.cli import main
SAMPLES = Path(__file__).resolve().parents[2] / "samples"

SEEDS = str(SAMPLES)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv)) or 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_chain_of_the_2015_points(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "chain", "000", SEEDS)
    assert code == 0
    assert out.splitlines()[0].startswith("国发〔2014〕28号 [国家·全国]")
    assert "未入库的被引文件 1 件：国发〔2014〕28号" in out


def test_chain_json_lists_missing_parent(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "chain", "002", SEEDS, "--json")
    rows = {r["label"]: r for r in json.loads(out)}
    assert code == 0 and rows["国发〔2016〕62号"]["missing"] is True


def test_similar_prints_scores(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "similar", "000:二十八", SEEDS, "-k", "3")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 4
    assert "吉政发〔2016〕41号 二/(四)/21" in lines[1] and "东北振兴产业投资基金" in lines[1]
    code, out, _ = run(capsys, "similar", "000:二", SEEDS, "--json")
    assert json.loads(out)["matches"][0]["task"].endswith(":一/(三)/12")


def test_unknown_task_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "similar", "000:九十九", SEEDS)
    assert code == 3 and out == ""
    assert "没有序号为“九十九”的任务" in err and "任务序号如" in err
    code, _, err = run(capsys, "similar", "二十八", SEEDS)
    assert code == 3 and "文件:序号" in err


def test_adoption_xlsx(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "矩阵.xlsx"
    code, out, _ = run(capsys, "adoption", "000", SEEDS, "--against", "002", "--xlsx",
                       str(out_file))
    assert code == 0 and "已导出" in out
    assert load_workbook(out_file)["采纳矩阵"].max_column == 3
    code, _, err = run(capsys, "adoption", "000", SEEDS, "--weak", "0.5", "--strong", "0.2")
    assert code == 2 and "阈值不合理" in err


def test_network_text_png_and_bad_export(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    code, out, _ = run(capsys, "network", SEEDS, "-j", "沈阳市", "--top", "3")
    assert code == 0
    assert out.splitlines()[2].strip().startswith("市发展改革委")
    png = tmp_path / "sy.png"
    code, out, _ = run(capsys, "network", SEEDS, "-j", "沈阳市", "--png", str(png))
    assert code == 0 and png.read_bytes()[:4] == b"\x89PNG"
    code, _, err = run(capsys, "network", SEEDS, "--png", str(tmp_path / "x.png"))
    assert code == 2 and "-j" in err and not (tmp_path / "x.png").exists()
    code, _, err = run(capsys, "network", SEEDS, "-j", "北京市")
    assert code == 3 and "沈阳市" in err  # an unknown place is “not found”, as in the ledger


def test_load_and_topics(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "load", SEEDS, "-j", "沈阳市", "--today", "2016-01-01", "--json")
    units = json.loads(out)["units"]
    assert code == 0 and units[0]["unit"] == "市发展改革委" and units[0]["rank"] == 1
    code, _, err = run(capsys, "load", SEEDS, "--today", "明天")
    assert code == 2 and "YYYY-MM-DD" in err
    code, out, _ = run(capsys, "topics", "000", SEEDS)
    assert code == 0 and "金融(" in out and "型（" in out


def test_ledger_path(capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_docs: list) -> None:
    from taizhang.store import Ledger

    url = f"sqlite:///{tmp_path / 'l.db'}"
    code, _, err = run(capsys, "chain", "--db", url)  # no ledger there: none is made
    assert code == 4 and "taizhang init" in err and not (tmp_path / "l.db").exists()
    with Ledger(url) as led:
        for doc in seed_docs:
            if doc.source.startswith(("000", "004")):
                led.ingest(doc, actor="test", jurisdiction="沈阳市")
    code, out, _ = run(capsys, "links", "suggest", "--db", url, "--json")
    pair = next(p for p in json.loads(out) if "沈抚" in p["a_title"] + p["b_title"])
    a, b = str(pair["a_item"]), str(pair["b_item"])
    code, out, _ = run(capsys, "links", "confirm", a, b, "--by", "督查室", "--db", url)
    assert code == 0 and "已关联" in out and "市发展改革委" in out
    code, out, _ = run(capsys, "links", "report", a, "--unit", "市发改委", "--by", "张三",
                       "--text", "已开工", "--today", "2016-05-01", "--db", url)
    assert code == 0 and f"同步到 1 项关联任务：{b}" in out
    code, out, _ = run(capsys, "network", "--db", url, "--json")
    assert code == 0 and json.loads(out)[0]["centrality"][0]["unit"] == "市发展改革委"
    code, out, _ = run(capsys, "load", "--db", url, "--today", "2016-05-02", "--json",
                       "--top", "100")
    units = {u["unit"]: u for u in json.loads(out)["units"]}
    fgw = units["市发展改革委"]
    # the 2015 points are past their period end and nothing is finished: overdue, punished
    assert code == 0 and fgw["overdue_items"] >= 5 and fgw["on_time_rate"] == 0.0
    assert fgw["overdue_days"] >= 5 * 120 and fgw["rank"] > 1


def test_parse_does_not_load_analysis_dependencies() -> None:
    code = ("import sys, taizhang.cli.analysis_cmd; "
            "bad = [m for m in ('numpy', 'scipy', 'networkx', 'matplotlib', 'sqlalchemy', "
            "'openpyxl') if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
