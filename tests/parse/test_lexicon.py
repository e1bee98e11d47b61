"""The traditional → simplified table: read by slicing when rows have the generated shape, row by
row otherwise, with the same result."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from taizhang.parse import lexicon


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(lexicon, "_DATA", str(tmp_path))
    lexicon._t2s_pairs.cache_clear()
    yield tmp_path
    lexicon._t2s_pairs.cache_clear()


def test_generated_rows_are_read_by_slicing(data_dir: Path) -> None:
    (data_dir / "t2s.tsv").write_text("# header\n牽\t牵\n頭\t头\n單\t单\n", encoding="utf-8")
    assert lexicon._t2s_pairs() == ("牽頭單", "牵头单")


def test_rows_of_another_shape_are_read_one_by_one(data_dir: Path) -> None:
    # a blank line, a comment inside, a row with a phrase and a file without a final newline
    (data_dir / "t2s.tsv").write_text("# header\n牽\t牵\n\n# note\n頭髮\t头发\n單\t单", encoding="utf-8")
    assert lexicon._t2s_pairs() == ("牽單", "牵单")


def test_the_shipped_table_converts() -> None:
    lexicon._t2s_pairs.cache_clear()
    assert "牽頭單位：發展改革委".translate(lexicon.t2s_table()) == "牵头单位：发展改革委"
    assert "發" in lexicon.traditional_chars() and "发" not in lexicon.traditional_chars()
