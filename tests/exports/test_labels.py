from __future__ import annotations

import pytest

from taizhang.exports import labels as L


@pytest.mark.parametrize("rule,label", [
    pytest.param("FREQ=MONTHLY", "每月", id="monthly"),
    pytest.param("FREQ=MONTHLY;INTERVAL=3", "每季度", id="quarterly"),
    pytest.param("FREQ=MONTHLY;INTERVAL=6", "每半年", id="half_year"),
    pytest.param("FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=-1", "每年5月底前", id="yearly_month_end"),
    pytest.param("FREQ=YEARLY;BYMONTH=4,10", "每年4月、10月", id="two_months"),
    pytest.param("FREQ=MONTHLY;BYMONTHDAY=28", "每月28日前", id="monthly_day"),
    pytest.param(None, "", id="none"),
])
def test_rrule_label(rule: str | None, label: str) -> None:
    assert L.rrule_label(rule) == label


@pytest.mark.parametrize("cell,token", [
    ("42:v3", (42, 3)), ("42：v3", (42, 3)), (" 7:V1 ", (7, 1)), ("42", None), (None, None),
    ("abc:v1", None),
])
def test_id_token(cell: object, token: tuple[int, int] | None) -> None:
    assert L.parse_id_token(cell) == token
