"""Damaged and scraped texts: each problem is handled and named by a stable warning code."""
from __future__ import annotations

from taizhang.parse import WarningCode, parse

BODY = ("一、推进简政放权，下放审批权限。(市编委办、市财政局)\n"
        "二、优化营商环境，压缩办理时限。(市营商局、市发展改革委)\n"
        "三、扩大有效投资，推动项目落地。(市发展改革委)\n")


def _codes(text: str) -> list[str]:
    return [w.code.value for w in parse(text).warnings]


def test_page_chrome_is_removed_and_said() -> None:
    text = "浏览次数：1024\n当前位置：首页 > 政策文件\n" + BODY + "扫描二维码 关注我们\n版权所有：某市人民政府\n"
    doc = parse(text)
    assert "boilerplate_removed" in [w.code.value for w in doc.warnings]
    assert len(doc.tasks) == 3
    for w in doc.warnings:
        if w.code is WarningCode.BOILERPLATE_REMOVED and w.span:
            assert text[w.span[0]:w.span[1]].strip()


def test_block_captured_twice_is_kept_once() -> None:
    doc = parse(BODY + BODY)
    assert [t.key for t in doc.tasks] == ["一", "二", "三"]
    assert "duplicate_block" in [w.code.value for w in doc.warnings]


def test_text_cut_off_in_an_item() -> None:
    assert "truncated" in _codes(BODY + "四、加强组织领导，建立健全工作推进")


def test_traditional_text_parses_and_keeps_names_as_written() -> None:
    doc = parse("一、推進改革。牽頭單位：市發展改革委；責任單位：市財政局。\n")
    (task,) = doc.tasks
    assert (task.lead, task.support) == (("市發展改革委",), ("市財政局",))
    assert "traditional_characters" in [w.code.value for w in doc.warnings]


def test_pinyin_glosses_are_ignored() -> None:
    doc = parse("一、加强督(dū)办。牵头单位：市政府督查室。\n")
    (task,) = doc.tasks
    assert task.lead == ("市政府督查室",)
    assert "pinyin_removed" in [w.code.value for w in doc.warnings]


def test_mixed_width_and_spaces_inside_ordinals_and_names() -> None:
    doc = parse("（ 一 ）推进改革。（牵头单位：市 财政局；责任单位：市统计局）\n")
    (task,) = doc.tasks
    assert (task.key, task.lead) == ("(一)", ("市财政局",))


def test_numbering_gap_is_flagged() -> None:
    assert "ordinal_gap" in _codes("1.推进改革。(市财政局)\n2.优化环境。(市营商局)\n4.扩大投资。(市发展改革委)\n")


def test_task_without_unit_among_tasks_with_units_is_flagged() -> None:
    doc = parse(BODY + "四、加强宣传引导。\n")
    assert [w.span for w in doc.warnings if w.code is WarningCode.UNIT_UNCERTAIN] == [doc.tasks[-1].span]


def test_empty_and_plain_text_give_no_tasks_warning() -> None:
    assert "no_tasks" in _codes("这是一段没有任何任务的说明文字。")
    assert parse("").tasks == ()


def test_closing_remarks_are_not_part_of_the_last_task() -> None:
    text = BODY + "各地区、各部门要加强组织领导，每月25日前报送进展。\n"
    last = parse(text).tasks[-1]
    assert "各地区" not in last.text
    assert [d.rrule for d in last.deadlines] == []


def test_hard_wrapped_text_parses_like_the_original() -> None:
    from pathlib import Path

    for path in sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for width in (28, 33):  # GB/T 9704's 28 characters a line, and a wider PDF copy
            wrapped = "\n".join(line[i:i + width] for line in text.split("\n")
                                for i in range(0, max(len(line), 1), width))
            a, b = parse(text), parse(wrapped)
            assert [(t.key, t.lead, t.support, [d.due for d in t.deadlines]) for t in a.tasks] == \
                   [(t.key, t.lead, t.support, [d.due for d in t.deadlines]) for t in b.tasks]
            assert (a.title, a.issued_on, a.doc_number) == (b.title, b.issued_on, b.doc_number)
            assert "hard_wraps_joined" in [w.code.value for w in b.warnings]


def test_text_that_lost_its_line_breaks_parses_like_the_original() -> None:
    from pathlib import Path

    samples = Path(__file__).resolve().parents[2] / "samples"
    for name in ("000_e697be1312979dd4.txt", "001_78cdeab974107ec5.txt", "002_0c7ffc69b25063d5.txt",
                 "003_58d7afab6c0d2c3b.txt"):
        text = (samples / name).read_text(encoding="utf-8")
        flat = "".join(line.strip() for line in text.split("\n"))
        a, b = parse(text), parse(flat)
        assert [(t.key, t.lead, t.support) for t in a.tasks] == [(t.key, t.lead, t.support) for t in b.tasks]
        assert "line_breaks_restored" in [w.code.value for w in b.warnings]


def test_seeds_in_traditional_characters_and_full_width_punctuation() -> None:
    from pathlib import Path

    import opencc  # dev extra: a real converter, so the test is not our own table checking itself

    to_trad, to_simp = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    full = str.maketrans({c: chr(ord(c) + 0xFEE0) for c in "(),:;!?"})
    for path in sorted((Path(__file__).resolve().parents[2] / "samples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        plain = [(t.lead, t.support) for t in parse(text).tasks]
        trad = parse(to_trad.convert(text))
        assert [(tuple(to_simp.convert(n) for n in t.lead), tuple(to_simp.convert(n) for n in t.support))
                for t in trad.tasks] == plain
        # width is not spelling: names come out in half-width punctuation (CONTRACT §2.7)
        assert [(t.lead, t.support) for t in parse(text.translate(full)).tasks] == plain
