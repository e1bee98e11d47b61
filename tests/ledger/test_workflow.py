"""The status workflow table, without a database."""
from __future__ import annotations

import pytest

from taizhang.errors import IllegalTransition
from taizhang.ledger.model import Status
from taizhang.ledger.workflow import OFFICE, TRANSITIONS, UNIT, allowed_targets, is_allowed, transition

S = Status


@pytest.mark.parametrize(("source", "target", "by", "name"), [
    pytest.param(S.PENDING, S.IN_PROGRESS, UNIT, "签收", id="unit_signs"),
    pytest.param(S.IN_PROGRESS, S.DONE, UNIT, "办结", id="unit_finishes"),
    pytest.param(S.DONE, S.CLOSED, OFFICE, "销号", id="office_closes"),
    pytest.param(S.DONE, S.IN_PROGRESS, OFFICE, "退回", id="office_sends_back"),
    pytest.param(S.IN_PROGRESS, S.SUSPENDED, OFFICE, "暂缓", id="office_suspends"),
    pytest.param(S.LAGGING, S.IN_PROGRESS, UNIT, "恢复推进", id="unit_recovers"),
])
def test_allowed(source: Status, target: Status, by: str, name: str) -> None:
    assert transition(source, target, by=by).name == name


@pytest.mark.parametrize(("source", "target", "by"), [
    pytest.param(S.PENDING, S.CLOSED, OFFICE, id="no_close_before_done"),
    pytest.param(S.CLOSED, S.IN_PROGRESS, OFFICE, id="closed_is_final"),
    pytest.param(S.DONE, S.CLOSED, UNIT, id="unit_cannot_close_itself"),
    pytest.param(S.IN_PROGRESS, S.SUSPENDED, UNIT, id="unit_cannot_suspend"),
    pytest.param(S.SUSPENDED, S.IN_PROGRESS, UNIT, id="unit_cannot_resume"),
])
def test_refused(source: Status, target: Status, by: str) -> None:
    with pytest.raises(IllegalTransition) as err:
        transition(source, target, by=by)
    assert source.label in str(err.value) and target.label in str(err.value)
    assert not is_allowed(source, target, by=by)


def test_refusal_lists_what_is_possible() -> None:
    with pytest.raises(IllegalTransition) as err:
        transition(S.PENDING, S.CLOSED)
    assert err.value.hint is not None and "推进中" in err.value.hint


def test_closed_is_terminal_and_every_status_has_a_label() -> None:
    assert allowed_targets(S.CLOSED) == ()
    assert {s.label for s in Status} == {"待签收", "推进中", "已完成", "已销号", "滞后", "暂缓"}


def test_table_has_no_duplicates_or_self_loops() -> None:
    pairs = [(t.source, t.target) for t in TRANSITIONS]
    assert len(pairs) == len(set(pairs))
    assert all(a is not b for a, b in pairs)


@pytest.mark.parametrize("text", ["推进中", "in_progress", " 推进中 "])
def test_status_parse_accepts_code_and_label(text: str) -> None:
    assert Status.parse(text) is S.IN_PROGRESS


def test_status_parse_refuses_unknown() -> None:
    with pytest.raises(ValueError):
        Status.parse("完成了")
