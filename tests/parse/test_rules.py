"""One row per contract rule: the input as a document writes it and what must come out."""
from __future__ import annotations

import pytest

from taizhang.parse.deadlines import find_deadlines
from taizhang.parse.targets import find_targets
from taizhang.parse.units import split_units


@pytest.mark.parametrize("text, names", [
    pytest.param("市发展改革委、财政局", ["市发展改革委", "市财政局"], id="level_carry_over"),
    pytest.param("于洪区、苏家屯区、新民市、辽中县政府", ["于洪区政府", "苏家屯区政府", "新民市政府", "辽中县政府"],
                 id="shared_zhengfu"),
    pytest.param("沈阳、大连、营口市政府", ["沈阳市政府", "大连市政府", "营口市政府"], id="shared_shi_zhengfu"),
    pytest.param("相关区、县(市)政府", ["相关区、县(市)政府"], id="collective_with_dun"),
    pytest.param("长春市等有关地方政府", ["长春市政府", "有关地方政府"], id="deng_collective"),
    pytest.param("市委组织部(人才办)、教育局", ["市委组织部(人才办)", "市教育局"], id="parenthesised_suboffice"),
    pytest.param("省金融办、吉林银监局", ["省金融办", "吉林银监局"], id="own_place_no_carry"),
    pytest.param("市发展改革委、中国科学院沈阳分院", ["市发展改革委", "中国科学院沈阳分院"], id="national_body"),
    pytest.param("市经济和信息化委", ["市经济和信息化委"], id="he_inside_name"),
    pytest.param("市财政局和市统计局", ["市财政局", "市统计局"], id="he_between_units"),
    pytest.param("市发展改革委、市场监管局", ["市发展改革委", "市市场监管局"], id="shichang_is_not_a_level"),
    pytest.param("市外经贸局、科技局按职责分工负责", ["市外经贸局", "市科技局"], id="qualifier_dropped"),
    pytest.param("相关部门及区、县(市)政府", ["相关部门", "相关区、县(市)政府"], id="qualifier_carry_over"),
    pytest.param("市委宣传部、市直机关工委", ["市委宣传部", "市直机关工委"], id="shizhi_has_its_level"),
    pytest.param("师市发展改革委、财政局，各团场", ["师市发展改革委", "师市财政局", "各团场"], id="bingtuan_shishi"),
    pytest.param("镇财政所、社会事务综合服务中心", ["镇财政所", "镇社会事务综合服务中心"], id="zhen_carries_over"),
    pytest.param("乡镇人民政府、街道办事处", ["乡镇人民政府", "街道办事处"], id="xiangzhen_is_no_level"),
    pytest.param("市发展改革委、各县(市、区)党委和政府", ["市发展改革委", "各县(市、区)党委和政府"],
                 id="dangwei_he_zhengfu_is_one"),
    pytest.param("市委组织部、统战部、财政局", ["市委组织部", "市委统战部", "市财政局"], id="shiwei_carries_to_party_departments"),
    pytest.param("县发展改革局、县财政局双牵头", ["县发展改革局", "县财政局"], id="shuang_qiantou_dropped"),
    pytest.param("镇水利站，石桥村、河坑村村委会", ["镇水利站", "石桥村村委会", "河坑村村委会"], id="shared_cunweihui"),
    pytest.param("镇财政所、云水谣景区管理有限公司", ["镇财政所", "云水谣景区管理有限公司"], id="company_takes_no_level"),
    pytest.param("市贸促会、红十字会、气象台、图书馆、委党校", ["市贸促会", "市红十字会", "市气象台", "市图书馆", "市委党校"],
                 id="bodies_named_as_institutions"),
    pytest.param("各辖市、区人民政府", ["各辖市、区人民政府"], id="xia_shi_qu_is_one_collective"),
    pytest.param("区应急管理局、公安定海分局交警大队", ["区应急管理局", "公安定海分局交警大队"],
                 id="police_branch_names_its_district"),
    pytest.param("区自然资源和规划分局、各乡镇人民政府、街道办事处", ["区自然资源和规划分局", "各乡镇人民政府、街道办事处"],
                 id="collective_of_kinds_inside_a_list"),
    pytest.param("镇水利站、沿河各村民委员会", ["镇水利站", "沿河各村民委员会"], id="every_body_along_a_river"),
    pytest.param("国家税务总局和平县税务局、和平县粤海水务有限公司", ["国家税务总局和平县税务局", "和平县粤海水务有限公司"],
                 id="he_opening_a_place_name"),
])
def test_units(text: str, names: list[str]) -> None:
    assert [u.name for u in split_units(text)] == names


@pytest.mark.parametrize("text, due, rrule", [
    pytest.param("2018年6月底前完成", "2018-06-30", None, id="month_end"),
    pytest.param("2019年底前完成", "2019-12-31", None, id="year_end"),
    pytest.param("2026年全面完成", "2026-12-31", None, id="year_done"),
    pytest.param("每双月开展一次", None, "FREQ=MONTHLY;INTERVAL=2", id="every_second_month"),
    pytest.param("每旬报送一次", None, "FREQ=MONTHLY;BYMONTHDAY=10,20,-1", id="every_dekad"),
    pytest.param("逐月调度", None, "FREQ=MONTHLY", id="zhuyue"),
    pytest.param("到2020年，建成", "2020-12-31", None, id="by_year"),
    pytest.param("2021年2月3日前报送", "2021-02-03", None, id="exact_day"),
    pytest.param("力争“十三五”期间开工", "2020-12-31", None, id="plan_period"),
    pytest.param("每年5月底前完成", None, "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=-1", id="yearly"),
    pytest.param("按月调度进展", None, "FREQ=MONTHLY", id="monthly"),
    pytest.param("每两个月召开一次", None, "FREQ=MONTHLY;INTERVAL=2", id="bimonthly"),
    pytest.param("每半月报送一次进展", None, "FREQ=MONTHLY;BYMONTHDAY=15,-1", id="half_monthly"),
    pytest.param("2025年年内完成", "2025-12-31", None, id="within_the_year"),
    pytest.param("2025年春节前完成", "2025-01-29", None, id="spring_festival"),
    pytest.param("2024年国庆节前建成", "2024-10-01", None, id="national_day"),
    pytest.param("每季度组织互检", None, "FREQ=MONTHLY;INTERVAL=3", id="quarterly"),
    pytest.param("每半年书面报告", None, "FREQ=MONTHLY;INTERVAL=6", id="half_yearly"),
    pytest.param("每月25日前报送", None, "FREQ=MONTHLY;BYMONTHDAY=25", id="monthly_day"),
    pytest.param("2024年3月完成方案", "2024-03-31", None, id="month_with_done"),
    pytest.param("于2024年6月30日完成", "2024-06-30", None, id="day_with_done"),
    pytest.param("2023年内建成", "2023-12-31", None, id="within_year"),
    pytest.param("2025年下半年完成", "2025-12-31", None, id="second_half"),
    pytest.param("2024年第三季度完成", "2024-09-30", None, id="quarter"),
    pytest.param("每日向县指挥部报告火情", None, "FREQ=DAILY", id="daily"),
    pytest.param("每周一12时前将进展报镇党政办", None, "FREQ=WEEKLY;BYDAY=MO", id="weekday_and_hour"),
    pytest.param("每日", None, "FREQ=DAILY", id="daily_alone_in_a_cell"),
    pytest.param("每季度首月5日前报送", None, "FREQ=YEARLY;BYMONTH=1,4,7,10;BYMONTHDAY=5", id="first_month_of_each_quarter"),
    pytest.param("6月、12月底前各报送一次", None, "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=-1", id="two_months_each_year"),
    pytest.param("按年度开展考核", None, "FREQ=YEARLY", id="by_the_year"),
])
def test_deadlines(text: str, due: str | None, rrule: str | None) -> None:
    found = find_deadlines(text)
    assert [(f.due, f.rrule) for f in found] == [(due, rrule)]


@pytest.mark.parametrize("text", [
    pytest.param("每年至少引进1个项目", id="quota"),
    pytest.param("在2014年确定的基础上", id="past_year"),
    pytest.param("按照每年减少1/3的进度", id="pace"),
    pytest.param("护林员每日巡山不少于1次", id="daily_quota"),
    pytest.param("原定6月底前完成,目前仍有14处问题未销号", id="the_missed_date"),
])
def test_not_deadlines(text: str) -> None:
    assert [(f.due, f.rrule) for f in find_deadlines(text) if f.kind != "ongoing"] == []


def test_month_without_year_takes_the_documents_year() -> None:
    assert [f.due for f in find_deadlines("6月底前完成", ref_year=2019)] == ["2019-06-30"]
    assert [f.due for f in find_deadlines("第三季度完成", ref_year=2019)] == ["2019-09-30"]
    assert find_deadlines("6月底前完成") == []


def test_month_without_year_takes_the_year_written_before_it() -> None:
    found = find_deadlines("2024年8月底前完成摸底，10月底前形成方案", ref_year=2023)
    assert [f.due for f in found] == ["2024-08-31", "2024-10-31"]


def test_a_past_month_is_no_deadline() -> None:
    assert find_deadlines("2024年3月，市政府召开会议") == []


def test_ongoing_is_a_deadline_without_date() -> None:
    (f,) = find_deadlines("（长期坚持）")
    assert (f.kind, f.due, f.rrule) == ("ongoing", None, None)


@pytest.mark.parametrize("text, expected", [
    pytest.param("投资额50亿元及以上", (50.0, "亿元", ">="), id="ge"),
    pytest.param("比重不低于70%", (70.0, "%", ">="), id="not_below"),
    pytest.param("增长10%左右", (10.0, "%", "~"), id="about"),
    pytest.param("建设3—5个度假区", (3.0, "个", "range"), id="range"),
    pytest.param("控制在5%以内", (5.0, "%", "<="), id="le"),
])
def test_targets(text: str, expected: tuple[float, str, str]) -> None:
    (t,) = find_targets(text)
    assert (t.value, t.unit, t.op) == expected
