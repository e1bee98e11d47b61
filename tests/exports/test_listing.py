"""CSV / JSON / Markdown listings, parsed back."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from taizhang.exports.listing import COLUMNS, SCHEMA, write_csv, write_json, write_markdown
from taizhang.ledger.model import WorkItem


def test_csv_has_bom_and_reads_back(items: list[WorkItem], tmp_path: Path) -> None:
    write_csv(items, tmp_path / "a.csv")
    raw = (tmp_path / "a.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # so Excel opens the Chinese correctly
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert list(rows[0]) == [h for h, _ in COLUMNS]
    assert rows[1]["完成时限"] == "2020-12-31（默认：规划期末）"
    assert rows[3]["亮灯"] == "红灯" and rows[3]["状态"] == "滞后"


def test_json(items: list[WorkItem], tmp_path: Path) -> None:
    write_json(items, tmp_path / "a.json")
    data = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert data["schema"] == SCHEMA and data["count"] == 5
    first = data["items"][0]
    assert first["status"] == "in_progress" and first["status_label"] == "推进中"
    assert first["units"] == ["市发展改革委", "市财政局", "各区县(市)政府"]
    assert data["items"][2]["due_label"] == "每季度"


def test_markdown_escapes_pipes(items: list[WorkItem]) -> None:
    import dataclasses

    out = io.StringIO()
    write_markdown([dataclasses.replace(items[0], title="甲|乙\n丙")], out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "# 工作任务落实台账"
    assert lines[4].startswith("| 编号 |") and lines[5].startswith("|---|")
    assert "甲\\|乙<br>丙" in lines[6] and lines[6].count(" | ") == 7
