"""A web page's <title> without the site's name, and the page a span of the text falls on."""
from __future__ import annotations

import pytest

from taizhang.ledger.doc_titles import title_from_page
from taizhang.ledger.pages import page_of, span_pages


@pytest.mark.parametrize("raw, expected", [
    pytest.param("关于印发沈阳市开发区改革创新工作方案的通知_沈阳市人民政府网站",
                 "关于印发沈阳市开发区改革创新工作方案的通知", id="underscore_site"),
    pytest.param("国务院关于加快推进政务服务标准化规范化便利化的指导意见 - 中国政府网",
                 "国务院关于加快推进政务服务标准化规范化便利化的指导意见", id="spaced_dash"),
    pytest.param("沈阳市国民经济和社会发展第十四个五年规划（2021—2025年）_政策文件_沈阳市人民政府网站",
                 "沈阳市国民经济和社会发展第十四个五年规划（2021—2025年）", id="years_dash_kept"),
    pytest.param("吉林省人民政府|关于做好2019年重点工作的实施意见", "关于做好2019年重点工作的实施意见",
                 id="site_first_bar"),
    pytest.param("政府信息公开——辽宁省2021-2025年营商环境建设规划", "辽宁省2021-2025年营商环境建设规划",
                 id="column_first_double_dash"),
    pytest.param("关于加强安全生产工作的几点要求｜大连市政府门户网站", "关于加强安全生产工作的几点要求",
                 id="fullwidth_bar_no_doc_kind"),
    pytest.param("首页 | 沈阳市人民政府", None, id="only_site"),
    pytest.param("", None, id="empty"),
    pytest.param("Home - Example", None, id="no_chinese"),
])
def test_title_from_page(raw: str, expected: str | None) -> None:
    assert title_from_page(raw) == expected


@pytest.mark.parametrize("offset, page", [(0, 1), (99, 1), (100, 2), (249, 2), (250, 3), (9999, 3)])
def test_page_of(offset: int, page: int) -> None:
    assert page_of(offset, (0, 100, 250)) == page


@pytest.mark.parametrize("span, pages", [
    ((10, 20), (1,)), ((90, 100), (1,)), ((90, 101), (1, 2)), ((120, 130), (2,)),
    ((0, 10_000), (1, 2, 3)), ((5, 5), ()),
])
def test_span_pages(span: tuple[int, int], pages: tuple[int, ...]) -> None:
    assert span_pages(span, (0, 100, 250)) == pages
    assert span_pages(span, ()) == ()  # a txt or docx has no pages
