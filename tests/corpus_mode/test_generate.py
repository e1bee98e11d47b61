"""The test-document generator: deterministic, and really varied in place, year and number."""
from __future__ import annotations

from pathlib import Path

from taizhang.corpus.generate import generate
from taizhang.parse import parse


def test_same_seed_same_files(tmp_path: Path) -> None:
    a = generate(tmp_path / "a", 10, seed=4)
    b = generate(tmp_path / "b", 10, seed=4)
    assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
    assert [p.relative_to(tmp_path / "a") for p in a] == [p.relative_to(tmp_path / "b") for p in b]


def test_places_years_and_numbers_vary(tmp_path: Path) -> None:
    docs = [parse(p.read_text("utf-8"), source=p.name) for p in generate(tmp_path, 40, seed=9)]
    assert len({d.issuer for d in docs if d.issuer}) >= 8
    assert len({d.issued_on[:4] for d in docs if d.issued_on}) >= 4
    numbers = [d.doc_number for d in docs if d.doc_number]
    assert len(set(numbers)) >= 0.9 * len(numbers) >= 10
    assert all(d.tasks for d in docs)


def test_bad_files_are_unreadable(tmp_path: Path) -> None:
    import pytest

    from taizhang.errors import FileUnreadable
    from taizhang.readers import read_path

    paths = generate(tmp_path, 0, bad=3)
    assert len(paths) == 3
    for p in paths:
        with pytest.raises(FileUnreadable):
            read_path(p)
