"""The near-duplicate keys: the numpy pass over a document's tasks equals datasketch's MinHash."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from taizhang.corpus.generate import seeds_dir
from taizhang.corpus.minhash import _datasketch, _keys, band_keys, band_keys_many, bands, gram_hashes
from taizhang.parse import parse


def _task_texts() -> list[str]:
    return [t.text for f in sorted(seeds_dir().glob("*.txt"))
            for t in parse(f.read_text("utf-8"), source=f.name).tasks]


def _by_datasketch(text: str) -> list[int]:
    grams = gram_hashes(text)
    return _keys(_datasketch(grams)) if len(grams) else []


def test_one_pass_equals_datasketch_on_the_seed_tasks() -> None:
    texts = _task_texts() + ["", "，。", "一", "一二", "一二三"]
    assert len(texts) > 100
    assert band_keys_many(texts) == [_by_datasketch(t) for t in texts]


@given(st.lists(st.text(alphabet="推进改革，。市区县政府（）()123abc 　", max_size=40), max_size=8))
def test_one_pass_equals_one_text_at_a_time(texts: list[str]) -> None:
    assert band_keys_many(texts) == [band_keys(t) for t in texts] == [_by_datasketch(t) for t in texts]


@pytest.mark.parametrize(("text", "grams"), [
    pytest.param("", 0, id="empty"),
    pytest.param("，。 ", 0, id="only_punctuation"),
    pytest.param("一二", 1, id="shorter_than_a_gram"),
    pytest.param("一二三一二三", 3, id="repeated_grams_once"),  # 一二三 二三一 三一二
])
def test_grams(text: str, grams: int) -> None:
    assert len(gram_hashes(text)) == grams


def test_near_copies_share_keys_and_others_do_not() -> None:
    texts = _task_texts()
    long = max(texts, key=len)
    changed = long.replace("沈阳", "大连", 1) if "沈阳" in long else long[:-2]
    b, _ = bands()
    assert len(band_keys(long)) == b
    assert set(band_keys(long)) & set(band_keys(changed))
    other = min((t for t in texts if len(t) > 60 and t[:20] != long[:20]), key=len)
    assert not set(band_keys(long)) & set(band_keys(other))
