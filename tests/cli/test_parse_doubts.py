"""``taizhang parse``: the tasks the parser is unsure of are marked in every human format, with
what to check, so a person starts there."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from .conftest import Run

TEXT = ("沈阳市人民政府办公厅关于做好营商环境建设工作的通知\n各区、县（市）人民政府，市政府各部门：\n"
        "一、加强政务服务。（市营商局牵头）\n二、推进减税降费。（市财政局牵头，市税务局配合）\n"
        "三、做好信用体系建设。\n四、优化审批流程。（市发展改革委牵头）\n沈阳市人民政府办公厅\n2019年3月1日\n")
REASON = "未找到责任单位，而本文件其他任务都写明了"


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    path = tmp_path / "营商.txt"
    path.write_text(TEXT, "utf-8")
    return path


def test_the_table_marks_and_explains(cli: Run, doc: Path) -> None:
    code, out, _ = cli("parse", doc, "--format", "table")
    assert code == 0
    rows = [line for line in out.splitlines() if line[:2] in ("一 ", "二 ", "？三", "四 ")]
    assert [r.split()[0] for r in rows] == ["一", "二", "？三", "四"]
    assert "其中 1 项标 ？ 的请人工核对" in out and f"三：{REASON}" in out


@pytest.mark.parametrize("fmt", ["csv", "md"])
def test_csv_and_markdown_carry_a_column(cli: Run, doc: Path, fmt: str) -> None:
    code, out, _ = cli("parse", doc, "--format", fmt)
    assert code == 0
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))
        assert {r["序号"]: r["需核对"] for r in rows} == {"一": "", "二": "", "三": REASON, "四": ""}
    else:
        assert "| 需核对 |" in out and f"| 三 | 做好信用体系建设 |  |  |  |  | {REASON} |" in out
