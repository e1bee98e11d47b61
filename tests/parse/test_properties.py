"""Properties that hold for any input: parse never raises, spans slice back, keys are unique."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from taizhang.parse import parse

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt"))
PIECES = ["一、", "(一)", "（二）", "1.", "2、", "⑴", "①", "——", "牵头单位：", "责任单位:", "〔", "〕", "[", "]",
          "市发展改革委", "、", "财政局", "由张三同志负责，", "市商务局牵头，", "配合", "。", "\n", " ", "2018年6月底前",
          "每季度", "50亿元以上", "《", "》", "国发〔2016〕62号", "(", ")", "|", "\t", "序号|任务|牵头单位|完成时限\n"]
texts = st.one_of(st.text(max_size=400), st.lists(st.sampled_from(PIECES), max_size=80).map("".join))


def _check(text: str) -> None:
    doc = parse(text, source="x.txt")
    keys = [t.key for t in doc.tasks]
    assert len(keys) == len(set(keys))
    for t in doc.tasks:
        assert text[t.span[0]:t.span[1]] == t.text
        for a in t.assignments:
            assert text[a.span[0]:a.span[1]] == a.text
            for d in a.deadlines:
                assert 0 <= d.span[0] <= d.span[1] <= len(text)
        for tg in t.targets:
            assert 0 <= tg.span[0] <= tg.span[1] <= len(text)
    for w in doc.warnings:
        if w.span:
            assert 0 <= w.span[0] <= w.span[1] <= len(text)
    doc.to_dict()


@settings(max_examples=300, deadline=None)
@given(texts)
def test_parse_never_raises_and_spans_slice_back(text: str) -> None:
    _check(text)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SAMPLES), st.integers(0, 20000), st.integers(0, 20000))
def test_cut_samples(path: Path, a: int, b: int) -> None:
    text = path.read_text(encoding="utf-8")
    _check(text[min(a, b):max(a, b)])


def test_samples_spans() -> None:
    for path in SAMPLES:
        text = path.read_text(encoding="utf-8")
        doc = parse(text, source=path.name)
        assert doc.tasks
        _check(text)
        for t in doc.tasks:
            for a in t.assignments:
                for d in a.deadlines:
                    assert text[d.span[0]:d.span[1]].replace(" ", "") or d.text == ""
