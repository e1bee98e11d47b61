"""挂图作战 geometry: planned and actual marks, late marks, spans to today."""
from __future__ import annotations

import datetime as dt

from taizhang.projects.model import STAGES, Project, Stage, StageDate
from taizhang.projects.timeline import build

D = dt.date


def test_rows_marks_and_range() -> None:
    planned = {Stage.SIGNED: D(2026, 1, 31), Stage.STARTED: D(2026, 3, 31),
               Stage.PRODUCING: D(2027, 6, 30)}
    actual = {Stage.SIGNED: D(2026, 2, 10)}
    p = Project(id=7, jurisdiction="沈阳市", name="某项目", zone="经开区", unit="经开区管委会",
                stage=Stage.SIGNED,
                dates=tuple(StageDate(planned.get(s), actual.get(s)) for s in STAGES))
    t = build([p], D(2026, 4, 20))
    (row,) = t.rows
    assert [(m.stage, m.kind) for m in row.planned] == [
        (Stage.SIGNED, "planned"), (Stage.STARTED, "planned"), (Stage.PRODUCING, "planned"),
        (Stage.STARTED, "late")]  # 开工 planned for March, not reached by April 20
    assert row.actual_span == (D(2026, 2, 10), D(2026, 4, 20))  # runs to today
    assert t.start <= D(2026, 1, 31) and t.end >= D(2027, 6, 30)
    assert 0 < t.x(D(2026, 4, 20)) < 1
    assert t.months()[0].day == 1 and len(t.months()) <= 24


def test_many_projects_are_cut_and_counted() -> None:
    ps = [Project(id=i, jurisdiction="j", name=str(i), zone="z", unit="u", stage=Stage.PLANNING)
          for i in range(5)]
    t = build(ps, D(2026, 1, 1), max_rows=3)
    assert len(t.rows) == 3 and t.omitted == 2
