"""The pure helpers: marks in place (overlaps, escaping), SVG charts, status-over-time replay."""
from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace

from taizhang.ledger.model import Status
from taizhang.parse.model import Assignment, Deadline, Document, Evidence, Task
from taizhang.web import charts, highlight
from taizhang.web.stats import status_over_time

TEXT = "一、建设<平台>。2019年6月底前完成(牵头单位:市财政局;责任单位:市统计局)"


def _doc() -> Document:
    lead_at = TEXT.index("市财政局")
    due_at = TEXT.index("2019年6月底前")
    a = Assignment(text=TEXT, span=(0, len(TEXT)), lead=("市财政局",), support=("市统计局",),
                   deadlines=(Deadline("2019年6月底前", "2019-06-30", span=(due_at, due_at + 9),
                                       rule="year_month_end"),),
                   evidence=(("lead=市财政局", Evidence("牵头单位:", (lead_at - 5, lead_at + 4))),))
    return Document(source="t", text=TEXT, tasks=(Task("一", (), "建设<平台>", TEXT, (0, len(TEXT)),
                                                       (a,)),))


def test_marks_are_nested_escaped_and_slice_back_to_the_text() -> None:
    html = str(highlight.render(_doc()))
    assert "&lt;平台&gt;" in html and "<平台>" not in html
    assert 'title="牵头单位：市财政局（规则：牵头单位:）"' in html
    assert 'title="配合单位：市统计局（在条文中按名称定位）"' in html
    assert "year_month_end" in html
    # stripping the tags gives the text back, character for character
    plain = re.sub(r'<span class="task-key">.*?</span>', "", html)
    plain = re.sub(r"<[^>]+>", "", plain).replace("&lt;", "<").replace("&gt;", ">")
    assert plain == TEXT
    assert html.count('<span class="hl-task"') == 1


def test_page_starts_become_links_to_the_page_pictures() -> None:
    """第 N 页 stands where each page begins, also inside a task and its marks; the text is
    otherwise untouched, and a txt document (no pages) gets none."""
    second = TEXT.index("2019年")  # page 2 begins inside the task, at the deadline
    html = str(highlight.render(_doc(), pages=(0, second), page_url="/documents/7/pages/"))
    links = re.findall(r'<a class="page-break" id="page-(\d+)" href="([^"]+)"[^>]*>第 (\d+) 页</a>', html)
    assert links == [("1", "/documents/7/pages/1", "1"), ("2", "/documents/7/pages/2", "2")]
    assert html.index('id="page-2"') < html.index("2019年") < html.index('id="page-2"') + 200
    plain = re.sub(r'<a class="page-break".*?</a>|<span class="task-key">.*?</span>', "", html)
    assert re.sub(r"<[^>]+>", "", plain).replace("&lt;", "<").replace("&gt;", ">") == TEXT
    assert "page-break" not in str(highlight.render(_doc()))


def test_spans_outside_the_text_are_ignored() -> None:
    doc = Document(source="t", text="短文", tasks=(Task("一", (), "x", "短文", (0, 99)),))
    assert str(highlight.render(doc)) == "短文"


def test_charts_escape_labels_and_scale() -> None:
    svg = str(charts.stacked_bars("到期<script>", ["2019-01", "2019-02"],
                                  {"红": [1, 2], "绿": [3, 0]}))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert svg.count("<rect") >= 3 + 2  # three bars with a value, plus the legend swatches
    assert "暂无数据" in str(charts.lines("空", [], {}))


def test_status_over_time_replays_changes_backwards() -> None:
    today = dt.date(2019, 6, 15)
    items = [SimpleNamespace(id=1, document_id=1, status=Status.DONE),
             SimpleNamespace(id=2, document_id=1, status=Status.IN_PROGRESS)]
    entries = [SimpleNamespace(item_id=1, at=dt.datetime(2019, 5, 3), before={"status": "pending"},
                               after={"status": "in_progress"}),
               SimpleNamespace(item_id=1, at=dt.datetime(2019, 6, 2),
                               before={"status": "in_progress"}, after={"status": "done"}),
               SimpleNamespace(item_id=2, at=dt.datetime(2019, 6, 1), before={"status": "pending"},
                               after={"status": "in_progress"})]
    labels, series = status_over_time(items, entries, {1: dt.date(2019, 4, 20)}, today, months=4)
    assert labels == ["2019-03", "2019-04", "2019-05", "2019-06"]
    assert series["待签收"] == [0, 2, 1, 0]
    assert series["推进中"] == [0, 0, 1, 1]
    assert series["已完成"] == [0, 0, 0, 1]
