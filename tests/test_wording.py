"""The one reading of a recurrence rule and of a document's title (taizhang.wording)."""
from __future__ import annotations

import pytest

from taizhang.wording import UNTITLED, display_title, recurrence_text


@pytest.mark.parametrize(("rule", "words"), [
    pytest.param("FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=-1", "每年5月底前", id="yearly_month_end"),
    pytest.param("FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1", "每年6月底、12月底前", id="twice_a_year"),
    pytest.param("FREQ=YEARLY;BYMONTH=4,10", "每年4月、10月", id="months_without_day"),
    pytest.param("FREQ=YEARLY", "每年", id="yearly"),
    pytest.param("FREQ=MONTHLY", "每月", id="monthly"),
    pytest.param("FREQ=MONTHLY;BYMONTHDAY=-1", "每月底前", id="month_end"),
    pytest.param("FREQ=MONTHLY;BYMONTHDAY=25", "每月25日前", id="monthly_day"),
    pytest.param("FREQ=MONTHLY;BYMONTHDAY=10,20,-1", "每月10日、20日、月底前", id="dekads"),
    pytest.param("FREQ=MONTHLY;INTERVAL=2", "每两个月", id="bimonthly"),
    pytest.param("FREQ=MONTHLY;INTERVAL=3", "每季度", id="quarterly"),
    pytest.param("FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=-1", "每季度末", id="quarter_end"),
    pytest.param("FREQ=MONTHLY;INTERVAL=6", "每半年", id="half_year"),
    pytest.param("FREQ=MONTHLY;INTERVAL=4", "每4个月", id="other_interval"),
    pytest.param("FREQ=WEEKLY", "每周", id="weekly"),
    pytest.param("FREQ=WEEKLY;BYDAY=FR", "每周五", id="friday"),
    pytest.param("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "每两周的周一", id="fortnightly"),
    pytest.param("FREQ=DAILY", "每日", id="daily"),
    pytest.param("freq=monthly", "每月", id="lower_case"),
    pytest.param("FREQ=MONTHLY;BYSETPOS=1", "周期（FREQ=MONTHLY;BYSETPOS=1）", id="unknown_part_kept"),
    pytest.param("FREQ=HOURLY", "周期（FREQ=HOURLY）", id="unknown_frequency_kept"),
    pytest.param("FREQ=MONTHLY;INTERVAL=x", "周期（FREQ=MONTHLY;INTERVAL=x）", id="garbage_kept"),
    pytest.param(None, "", id="none"),
    pytest.param("", "", id="empty"),
])
def test_recurrence_in_words(rule: str | None, words: str) -> None:
    assert recurrence_text(rule) == words


def test_every_rule_the_parser_writes_reads_in_words(corpus_rrules: set[str]) -> None:
    """Each rule the parser produces on the seeds and the corpora has words, not the rule."""
    raw = {r: recurrence_text(r) for r in corpus_rrules if recurrence_text(r).startswith("周期（")}
    assert corpus_rrules and not raw, raw


@pytest.mark.parametrize(("title", "number", "shown"), [
    pytest.param("沈阳市2015年工作要点", "沈政办发〔2015〕1号", "沈阳市2015年工作要点", id="title"),
    pytest.param(None, "沈政办发〔2015〕1号", "沈政办发〔2015〕1号", id="number"),
    pytest.param("  ", None, UNTITLED, id="blank"),
    pytest.param(None, None, "（无标题）", id="neither"),
])
def test_display_title_never_a_file_name(title: str | None, number: str | None, shown: str) -> None:
    assert display_title(title, number) == shown
