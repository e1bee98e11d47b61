from taizhang.analysis.chains import build_chains, chain_rows, number_key, render_tree
from taizhang.analysis.places import Place
from taizhang.analysis.rows import Corpus, DocInfo, Ref


def test_seed_chains_show_missing_national_parents(corpus: Corpus) -> None:
    g = build_chains(corpus.docs)
    d000, d002 = corpus.doc("000"), corpus.doc("002")
    parents_000 = {g.nodes[e.parent].label: g.nodes[e.parent] for e in g.parents(d000.id)}
    parents_002 = {g.nodes[e.parent].label: g.nodes[e.parent] for e in g.parents(d002.id)}
    assert "国发〔2014〕28号" in parents_000
    assert parents_000["国发〔2014〕28号"].missing
    assert parents_000["国发〔2014〕28号"].place.level == "national"
    assert "国发〔2016〕62号" in parents_002 and parents_002["国发〔2016〕62号"].missing
    assert d002.place.level == "province" and d000.place.level == "city"


def test_tree_reads_national_then_focus(corpus: Corpus) -> None:
    g = build_chains(corpus.docs)
    text = render_tree(g, corpus.doc("000").id)
    lines = text.splitlines()
    assert lines[0].startswith("国发〔2014〕28号 [国家·全国]") and "（未入库）" in lines[0]
    assert "★" in lines[1] and lines[1].lstrip("└─ ").startswith("贯彻：")
    # same-level cites are a side note, not roots of their own
    assert "另引用：" in text and not any(l.startswith("沈政办发〔2014〕35号") for l in lines)


def _doc(id_: str, number: str | None, level: str, refs: tuple[Ref, ...] = (),
         title: str | None = None) -> DocInfo:
    return DocInfo(id_, f"{id_}.txt", title, number, None, Place("x", level, "test"), refs)


def test_stored_parent_links_by_number_or_title() -> None:
    national = _doc("n", "国发〔2016〕62号", "national", title="国务院关于某事的意见")
    province = _doc("p", "吉政发〔2016〕41号", "province",
                    (Ref("国发[2016]62号", None, "implements"),))
    city = _doc("c", None, "city", (Ref(None, "《国务院关于某事的意见》", "cites"),
                                    Ref("吉政发〔2016〕41号", None, "implements")))
    g = build_chains([city, province, national])
    assert not g.missing()
    assert g.roots() == ["n"]
    assert g.descendants("n") == {"p", "c"}
    assert render_tree(g).splitlines()[0].startswith("国发〔2016〕62号")
    rows = {r["id"]: r for r in chain_rows(g)}
    assert {p["id"] for p in rows["c"]["parents"]} == {"n", "p"}  # type: ignore[union-attr]


def test_number_key_folds_bracket_forms() -> None:
    assert number_key("国发[2014]28号") == number_key("国发〔2014〕28号") == number_key("国发（2014）28号")
