"""The CLI's table cells: the fast cut-and-pad gives what the original character loop gave."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, strategies as st

from taizhang.cli.ledger_table import cell as _cell


def _reference(s: str, width: int) -> str:
    """The cell function as first written: one character at a time."""
    def w(c: str) -> int:
        return 2 if unicodedata.east_asian_width(c) in "WF" else 1

    out, used = [], 0
    for c in s:
        cw = w(c)
        if used + cw > width - 1 and used + cw + (1 if c != s[-1] else 0) > width:
            out.append("…")
            used += 1
            break
        out.append(c)
        used += cw
    return "".join(out) + " " * max(0, width - used)


TEXT = st.text(alphabet=st.sampled_from("ab1%-*●（）〔〕市发展改革委推行管委会模式号"), max_size=30)


@given(TEXT, st.integers(min_value=1, max_value=40))
def test_cell_matches_the_character_loop(s: str, width: int) -> None:
    assert _cell(s, width) == _reference(s, width)


@pytest.mark.parametrize(("s", "width", "expected"), [
    pytest.param("市发展改革委", 18, "市发展改革委      ", id="fits"),
    pytest.param("推行管委会平台公司运营管理模式", 10, "推行管委… ", id="cut_wide"),
    pytest.param("abcdef", 4, "abc…", id="cut_ascii"),
    pytest.param("ab市", 4, "ab市", id="exactly_full"),
    pytest.param("市市", 3, "市…", id="cut_after_wide"),
    pytest.param("ab市市", 4, "ab市…", id="last_twin_kept_at_the_edge"),
    pytest.param("", 3, "   ", id="empty"),
])
def test_cell_examples(s: str, width: int, expected: str) -> None:
    assert _cell(s, width) == expected == _reference(s, width)
