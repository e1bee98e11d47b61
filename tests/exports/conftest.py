"""Shared fixtures: real domain objects (the ledger's frozen dataclasses), no database needed."""
from __future__ import annotations

import datetime as dt

import pytest

from taizhang.ledger.model import Light, Report, Status, WorkItem

TODAY = dt.date(2026, 5, 15)


def item(n: int, **changes: object) -> WorkItem:
    """A work item shaped like those the ledger makes from seed 001 (沈阳, 2018–2020)."""
    base: dict[str, object] = dict(
        id=n, document_id=1, task_key=f"二/(一)/{n}", seq=1,
        title=f"推进第{n}项重点工作",
        text=f"2018年6月底前,各开发区要成立第{n}个平台公司,推行“管委会+平台公司”运营管理模式。",
        jurisdiction="沈阳市", lead="市发展改革委", support=("市财政局", "各区县(市)政府"),
        leaders=("顾春明",), due=dt.date(2018, 6, 30), due_implied=False, rrule=None,
        start=dt.date(2018, 1, 1), status=Status.IN_PROGRESS, percent=40, version=2,
        document_title="沈阳市开发区满园扩园行动计划(2018-2020年)",
        doc_number="沈政办发〔2018〕78号", light=Light.GREEN, light_reasons=(),
    )
    base.update(changes)
    return WorkItem(**base)  # type: ignore[arg-type]


def report(item_id: int, unit: str, text: str, **changes: object) -> Report:
    base: dict[str, object] = dict(id=item_id * 10, item_id=item_id, unit=unit, actor=unit,
                                   at=dt.datetime(2026, 4, 28, 9, 0), status=Status.IN_PROGRESS,
                                   percent=40, text=text)
    base.update(changes)
    return Report(**base)  # type: ignore[arg-type]


@pytest.fixture
def items() -> list[WorkItem]:
    """Five items: on time, implied due date, recurring, overdue (red), another document."""
    return [
        item(1, last_report=report(1, "市发展改革委", "已完成方案起草，正在征求意见。")),
        item(2, due=dt.date(2020, 12, 31), due_implied=True, lead="市财政局", support=(),
             light=Light.YELLOW, light_reasons=("临近完成时限",), status=Status.PENDING, percent=0),
        item(3, rrule="FREQ=MONTHLY;INTERVAL=3", due=None, lead="市财政局",
             support=("市发展改革委",), title="按季度调度项目进展"),
        item(4, due=dt.date(2026, 3, 31), status=Status.LAGGING, light=Light.RED,
             light_reasons=("已逾期45天",), percent=30, lead="市商务局", support=("市财政局",)),
        item(5, document_id=2, document_title="吉林省推进东北振兴若干措施", doc_number=None,
             jurisdiction="吉林省", lead="省财政厅", support=(), leaders=(), task_key="一",
             due=dt.date(2026, 6, 30)),
    ]
