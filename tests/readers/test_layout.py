"""Reading order of OCR boxes (pure): lines, columns, seals and repeated red headers."""
from __future__ import annotations

import pytest

from taizhang.readers.layout import Box, reading_order

W = 1000


def _line(y: int, text: str, x0: int = 100, x1: int = 900, **kw: object) -> Box:
    return Box(x0, y, x1, y + 40, text, **kw)  # type: ignore[arg-type]


def test_boxes_out_of_order_are_read_top_down_and_left_to_right() -> None:
    boxes = [_line(200, "（一）指导思想。"), Box(500, 100, 900, 140, "激发内在活力"),
             Box(100, 104, 480, 144, "一、全面深化改革，"), _line(300, "（二）工作目标。")]
    assert reading_order(boxes, W) == ["一、全面深化改革，激发内在活力", "（一）指导思想。", "（二）工作目标。"]


def test_two_columns_between_a_spanning_title_and_table() -> None:
    left = [Box(60, 200 + 50 * i, 470, 240 + 50 * i, f"左{i}") for i in range(5)]
    right = [Box(530, 200 + 50 * i, 940, 240 + 50 * i, f"右{i}") for i in range(5)]
    boxes = [*right, _line(100, "标题跨两栏", 60, 940), *left, _line(500, "页脚跨两栏", 60, 940)]
    assert reading_order(boxes, W) == (
        ["标题跨两栏"] + [f"左{i}" for i in range(5)] + [f"右{i}" for i in range(5)] + ["页脚跨两栏"])


def test_right_aligned_signature_is_not_a_column() -> None:
    body = [_line(100 + 50 * i, f"正文{i}", 100, 500 if i % 2 else 900) for i in range(6)]
    sign = [Box(650, 500, 900, 540, "吉林省人民政府"), Box(660, 550, 900, 590, "2016年12月9日"),
            Box(600, 600, 900, 640, "（此件公开发布）")]
    assert reading_order([*sign, *body], W) == [f"正文{i}" for i in range(6)] + [
        "吉林省人民政府", "2016年12月9日", "（此件公开发布）"]


@pytest.mark.parametrize("seal", [
    pytest.param(Box(700, 480, 760, 530, "政府", red=True), id="flat_ring_top"),
    pytest.param(Box(640, 520, 700, 600, "吉林", red=False, tilt=35.0), id="tilted_ring_text"),
    pytest.param(Box(700, 500, 900, 545, "吉林省人民政府", red=True), id="centre_over_signature"),
    pytest.param(Box(740, 560, 780, 600, "★", red=True), id="star"),
])
def test_seal_text_is_dropped(seal: Box) -> None:
    page = [Box(300, 80, 700, 160, "吉林省人民政府文件", red=True), _line(300, "一、正文。"),
            Box(650, 500, 900, 540, "吉林省人民政府"), Box(660, 550, 900, 590, "2016年12月9日")]
    assert reading_order([*page, seal], W, height=1400) == [
        "吉林省人民政府文件", "一、正文。", "吉林省人民政府", "2016年12月9日"]


def test_red_header_repeated_on_later_pages_is_read_once() -> None:
    seen: set[str] = set()
    header = Box(300, 80, 700, 160, "吉林省人民政府文件", red=True)
    first = reading_order([header, _line(300, "一、正文。")], W, height=1400, seen_red=seen)
    second = reading_order([header, _line(300, "二、正文。")], W, height=1400, seen_red=seen)
    assert (first, second) == (["吉林省人民政府文件", "一、正文。"], ["二、正文。"])


def test_table_cells_keep_a_space_between_them() -> None:
    row = [Box(100, 100, 180, 140, "1"), Box(300, 100, 600, 140, "推进改革"), Box(700, 100, 900, 140, "市财政局")]
    assert reading_order(row, W) == ["1 推进改革 市财政局"]
