import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from taizhang.analysis import drawing
from taizhang.analysis.network import DEFAULT_WEIGHTS, busiest_pairs, build_network, centrality, \
    export, jurisdictions
from taizhang.analysis.rows import Corpus, TaskRow
from taizhang.errors import InputError


@pytest.fixture(scope="module")
def shenyang(corpus: Corpus) -> nx.Graph:
    return build_network(corpus.tasks, jurisdiction="沈阳市")


def test_seed_jurisdictions(corpus: Corpus) -> None:
    assert jurisdictions(corpus.tasks) == ["吉林省", "沈阳市", "辽宁省"]


def test_development_commission_is_shenyangs_centre(shenyang: nx.Graph) -> None:
    cent = centrality(shenyang)
    assert cent[0].unit == "市发展改革委"  # by weighted degree
    assert max(cent, key=lambda c: c.betweenness).unit == "市发展改革委"
    assert max(cent, key=lambda c: c.eigenvector).unit == "市发展改革委"
    assert max(cent, key=lambda c: c.degree).unit == "市发展改革委"


def test_networks_stay_inside_a_jurisdiction(shenyang: nx.Graph) -> None:
    assert not any(n.startswith("省") for n in shenyang)
    assert "各区县(市)政府" not in shenyang and "相关区、县(市)政府" not in shenyang


def _row(ref: str, pairs: tuple) -> TaskRow:
    doc, key = ref.split(":")
    return TaskRow(doc, key, "t", "t", "沈阳市", pairs)


def test_tie_kinds_and_weights() -> None:
    rows = [_row("d:1", ((("A",), ("B", "C")),)),
            _row("d:2", ((("A",), ("B",)), (("B",), ("A",)))),  # one task counts once per pair
            _row("d:3", ((("A", "D"), ()),)),
            _row("d:4", ((("E",), ("各区县(市)政府",)),))]
    g = build_network(rows)
    assert g["A"]["B"]["lead_support"] == 2 and g["A"]["B"]["weight"] == 2.0
    assert g["B"]["C"]["support_support"] == 1
    assert g["B"]["C"]["weight"] == DEFAULT_WEIGHTS["support_support"]
    assert g["A"]["D"]["lead_lead"] == 1
    # in d:2 B leads one clause and supports another: it counts as lead there
    assert g.nodes["A"]["led"] == 3 and (g.nodes["B"]["led"], g.nodes["B"]["supported"]) == (1, 1)
    assert "各区县(市)政府" not in g
    assert "各区县(市)政府" in build_network(rows, include_collectives=True)
    top = busiest_pairs(g, 1)[0]
    assert (top.a, top.b, top.tasks) == ("A", "B", ("d:1", "d:2"))


def test_export_round_trips(shenyang: nx.Graph, tmp_path: Path) -> None:
    for suffix, reader in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        g = reader(export(shenyang, tmp_path / f"sy{suffix}"))
        assert g.number_of_nodes() == shenyang.number_of_nodes()
        assert g.number_of_edges() == shenyang.number_of_edges()
    with pytest.raises(InputError, match="graphml"):
        export(shenyang, tmp_path / "sy.csv")


def test_svg_is_well_formed_and_names_every_unit(shenyang: nx.Graph) -> None:
    svg = drawing.svg(shenyang, title="沈阳市 协同网络")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    labels = {t.text for t in root.iter(f"{ns}text")}
    assert labels == set(shenyang.nodes)
    assert len(list(root.iter(f"{ns}line"))) == shenyang.number_of_edges()


def test_png_is_drawn_with_a_cjk_font(shenyang: nx.Graph, tmp_path: Path) -> None:
    # CI installs Debian's fonts-noto-cjk; without a CJK font this test must fail, not skip
    assert drawing.find_cjk_font()
    out = drawing.draw_png(shenyang, tmp_path / "sy.png", title="沈阳市")
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000


def test_missing_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(drawing, "CJK_FAMILIES", ("No Such Font CJK",))
    with pytest.raises(drawing.FontMissing, match="fonts-noto-cjk"):
        drawing.find_cjk_font()
