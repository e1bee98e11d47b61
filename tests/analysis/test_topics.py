from taizhang.analysis.rows import Corpus, TaskRow
from taizhang.analysis.topics import area_names, profile, tag


def test_ppp_task_is_finance(corpus: Corpus) -> None:
    t = tag(corpus.task("000:四"))
    assert "金融" in t.area_names and "PPP" in dict(t.areas)["金融"]


def test_shenfu_task_is_regional(corpus: Corpus) -> None:
    assert "区域协同" in tag(corpus.task("000:二十七")).area_names


def test_private_bank_task_areas(corpus: Corpus) -> None:
    t = tag(corpus.task("000:二"))
    assert "金融" in t.area_names and "国资国企" not in t.area_names


def test_instrument_type_keeps_its_words() -> None:
    row = TaskRow("d", "1", "设立专项资金", "设立专项资金，加大补贴力度，支持人才培训。", "x")
    t = tag(row)
    assert t.instrument == "供给"
    assert set(t.decided_by()) >= {"资金", "专项", "补贴", "人才"}
    env = tag(TaskRow("d", "2", "完善机制", "深化改革，完善考核制度和监管机制。", "x"))
    assert env.instrument == "环境" and "机制" in env.decided_by()
    demand = tag(TaskRow("d", "3", "开展试点", "开展政府采购首台套示范试点。", "x"))
    assert demand.instrument == "需求"
    assert tag(TaskRow("d", "4", "其他", "做好有关工作。", "x")).instrument is None


def test_unit_names_do_not_tag_areas() -> None:
    row = TaskRow("d", "1", "做好宣传", "做好宣传工作。市金融办牵头。", "x", ((("市金融办",), ()),))
    assert "金融" not in tag(row).area_names


def test_profile_covers_every_seed(corpus: Corpus) -> None:
    prof = profile(corpus.tasks)
    assert set(prof) == {d.id for d in corpus.docs}
    assert all(set(counts) - {"供给", "需求", "环境", "未判定"} <= set(area_names())
               for counts in prof.values())
