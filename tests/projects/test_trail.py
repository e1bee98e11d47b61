"""The register's 留痕 in words: codes become labels, 元 become 万元/亿元, internal keys stay out."""
from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from taizhang.projects.trail import ACTIONS, changes, line


@pytest.mark.parametrize(("action", "before", "after", "expected"), [
    pytest.param("project.stage", {"stage": "signed", "version": 1},
                 {"stage": "registered", "date": dt.date(2026, 4, 1), "step": "注册", "note": "",
                  "version": 2},
                 [("阶段", "签约", "注册"), ("实际日期", None, "2026-04-01")], id="stage"),
    pytest.param("project.report", {"completed": 30_000_000, "last_month": "2026-03-01",
                                    "version": 3},
                 {"month": "2026-04", "invest": 50_000_000, "total": 80_000_000,
                  "image": "主体封顶", "text": "", "problems": "", "unit": "高新区管委会"},
                 [("月份", None, "2026-04"), ("本月完成投资", None, "5000万元"),
                  ("累计完成投资", None, "8000万元"), ("形象进度", None, "主体封顶"),
                  ("报送单位", None, "高新区管委会")], id="report_amounts_and_no_project_state"),
    pytest.param("project.report", {"revised": {"invest": 10_000_000, "total": 10_000_000,
                                                "text": "旧"}},
                 {"month": "2026-04", "invest": 20_000_000},
                 [("月份", None, "2026-04"), ("本月完成投资", None, "2000万元"),
                  ("更正前", None, "本月 1000万元，累计 1000万元，旧")], id="report_revised"),
    pytest.param("project.blocker.escalate", {"level": "zone", "reply_due": "2026-05-05"},
                 {"level": "county", "reply_due": "2026-05-16", "number": "问题〔2026〕1号",
                  "on": "2026-05-06", "reason": "逾期未解决，自动升级"},
                 [("问题编号", None, "问题〔2026〕1号"), ("协调层级", "园区", "区县"),
                  ("解决时限", "2026-05-05", "2026-05-16"), ("升级日期", None, "2026-05-06"),
                  ("升级理由", None, "逾期未解决，自动升级")], id="escalate"),
    pytest.param("project.blocker.reply", {"state": "open"},
                 {"number": "问题〔2026〕1号", "state": "answered", "text": "已协调"},
                 [("问题编号", None, "问题〔2026〕1号"), ("回复", None, "已协调"),
                  ("问题状态", "待解决", "已回复")], id="reply"),
    pytest.param("project.create", None,
                 {"name": "某项目", "name_key": "某项目", "zone_id": 3, "unit_id": 7,
                  "stage": "signed", "total": 2_110_000_000, "total_text": "21.1亿元",
                  "investor": "", "plan_started": "2026-05-31", "done_signed": "2025-12-01",
                  "created_by": "cli:督查室", "version": 1},
                 [("项目名称", None, "某项目"), ("阶段", None, "签约"), ("总投资", None, "21.1亿元"),
                  ("计划开工", None, "2026-05-31"), ("签约时间", None, "2025-12-01")],
                 id="create_without_ids_or_empty_fields"),
    pytest.param("project.zone", None, {"name": "经开区", "level": "national", "unit": "经开区管委会"},
                 [("园区", None, "经开区"), ("园区级别", None, "国家级"),
                  ("管理单位", None, "经开区管委会")], id="zone_level_is_a_zone_level"),
    pytest.param("project.plan", {"stage": "at_capacity", "planned": None},
                 {"stage": "at_capacity", "planned": "2028-12-31", "version": 4},
                 [("计划达产", "—", "2028-12-31")], id="plan_names_its_stage"),
    pytest.param("project.link", {"task_id": None}, {"task_id": 51, "version": 4},
                 [("关联任务", "—", "任务 51")], id="link"),
])
def test_changes(action: str, before: dict[str, Any] | None, after: dict[str, Any],
                 expected: list[tuple[str, str | None, str | None]]) -> None:
    assert changes(action, before, after) == expected


def test_a_line_reads_without_codes() -> None:
    text = line("project.stage", {"stage": "started"}, {"stage": "producing", "step": "投产",
                                                        "date": "2027-06-30"})
    assert text == "阶段 开工 → 投产；实际日期 2027-06-30"


def test_every_action_the_store_writes_has_a_name() -> None:
    import re
    from pathlib import Path

    import taizhang.store as store

    written = set()
    for f in Path(store.__file__).parent.glob("project_*.py"):
        written |= set(re.findall(r'"(project\.[a-z.]+)"', f.read_text("utf-8")))
        written |= {f"project.blocker.{a}" for a in re.findall(
            r'_trail\(ctx, b, "([a-z]+)"', f.read_text("utf-8"))}
    assert written and written <= set(ACTIONS), written - set(ACTIONS)
