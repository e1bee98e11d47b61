"""The cross-document pages on a real SQLite ledger holding the five seeds (004 as 沈阳市).

文件链, 采纳矩阵, 协同网络, 负担与考核, and the item page's 相似任务, 只报一次 and 政策领域
blocks; report once through the form and /api, with the reporter's 403 on other units' items.
"""
from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient

from taizhang.parse import parse
from taizhang.parse.model import Document
from taizhang.readers import read_path
from taizhang.store import Ledger
from taizhang.web.auth import hash_password

from .conftest import PASSWORD, SAMPLES, login, make_client

EXTRA = """沈阳市人民政府办公厅
沈政办发〔2019〕99号
关于<script>alert(1)</script>推进民营银行的通知
各区、县(市)人民政府，市政府有关部门：
为贯彻落实《国务院关于近期支持东北振兴若干重大政策举措的意见》（国发〔2014〕28号），现通知如下。
一、开展民营银行<b>设立</b>工作。积极争取设立民营银行。市金融办牵头，市发展改革委配合。2019年12月底前完成。
沈阳市人民政府办公厅
2019年3月1日
"""


@pytest.fixture(scope="module")
def seeds() -> list[Document]:
    docs = []
    for path in sorted(SAMPLES.glob("*.txt")):
        read = read_path(path)
        docs.append(parse(read.text, source=read.source))
    return docs


def fill(lg: Ledger, seeds: list[Document]) -> None:
    for doc in seeds:
        place = "沈阳市" if doc.source.startswith("004") else None  # 004 has no letterhead
        result = lg.ingest(doc, actor="test", jurisdiction=place)
        if result.document.state.value == "draft":
            lg.publish(result.document.id, actor="test")
    digest = hash_password(PASSWORD)
    lg.create_user("admin", digest, "admin")
    lg.create_user("fgw", digest, "reporter", unit_id=lg.resolve_unit("沈阳市", "市发展改革委").id)
    lg.create_user("leader", digest, "leader")


@pytest.fixture
def ledger(tmp_path: Path, seeds: list[Document]) -> Iterator[Ledger]:
    lg = Ledger(f"sqlite:///{tmp_path / 'analysis.db'}")
    fill(lg, seeds)
    yield lg
    lg.close()


@pytest.fixture
def pg_ledger(seeds: list[Document]) -> Iterator[Ledger]:
    """The same five seeds on PostgreSQL (127.0.0.1:5432): own database, dropped after."""
    import uuid

    import psycopg

    name = f"taizhang_webana_{uuid.uuid4().hex[:8]}"
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    lg = Ledger(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
    try:
        fill(lg, seeds)
        yield lg
    finally:
        lg.close()
        with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres",
                             autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def client(ledger: Ledger, tmp_path: Path) -> TestClient:
    return make_client(ledger, tmp_path)


def doc_id(lg: Ledger, prefix: str) -> int:
    return next(d.id for d in lg.list_documents() if d.source.startswith(prefix))


def item(lg: Ledger, prefix: str, *, key: str | None = None, words: str | None = None,
         lead: str | None = None) -> Any:
    """The seed's item by task key or by words of its title (and lead, when given)."""
    found = [i for i in lg.list_items(document=doc_id(lg, prefix))
             if (key is None or i.task_key == key) and (words is None or words in i.title)
             and (lead is None or i.lead == lead)]
    assert found, (prefix, key, words)
    return found[0]


def soup(response: Any) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:800]
    return BeautifulSoup(response.text, "lxml")


def test_chain_page_shows_tree_and_missing_parents(client: TestClient, ledger: Ledger) -> None:
    login(client, "leader")
    page = soup(client.get("/analysis/chains"))
    missing = {row.find("b").get_text(): row for row in page.select("#missing tbody tr")}
    assert "国发〔2014〕28号" in missing and "国发〔2016〕62号" in missing
    # 000 implements 国发〔2014〕28号 and links to its own page
    assert f'/documents/{doc_id(ledger, "000")}' in str(missing["国发〔2014〕28号"])
    assert "贯彻" in missing["国发〔2014〕28号"].get_text()
    roots = page.select("ul.chain-tree > li")
    assert "国发〔2014〕28号" in roots[0].get_text() and "未入库" in roots[0].get_text()
    jilin = page.find("a", string="吉政发〔2016〕41号")
    assert jilin is not None and jilin["href"] == f"/documents/{doc_id(ledger, '002')}"
    assert jilin.find_parent("li").find_parent("li").find("b").get_text() == "国发〔2016〕62号"


def test_analysis_is_cached_until_documents_change(client: TestClient, ledger: Ledger) -> None:
    login(client, "admin")
    cache = client.app.state.analysis  # type: ignore[attr-defined]
    client.get("/analysis/chains")
    client.get(f"/tasks/{item(ledger, '000', words='民营银行').id}")
    assert cache.builds == 1
    result = ledger.ingest(parse(EXTRA, source="extra.txt"), actor="test")
    if result.document.state.value == "draft":
        ledger.publish(result.document.id, actor="test")
    page = client.get("/analysis/chains")
    assert cache.builds == 2
    # the new document hangs under 国发〔2014〕28号; its title is shown as text, never as markup
    assert "沈政办发〔2019〕99号" in page.text
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    task = item(ledger, "extra", words="民营银行")
    page = client.get(f"/tasks/{task.id}")
    assert "<b>设立</b>" not in page.text and "&lt;b&gt;设立&lt;/b&gt;" in page.text


def test_similar_block_on_task_page(client: TestClient, ledger: Ledger) -> None:
    login(client, "leader")
    bank = item(ledger, "000", words="民营银行")
    target = item(ledger, "002", key="一/(三)/12")
    page = soup(client.get(f"/tasks/{bank.id}"))
    rows = page.select("#similar tbody tr")
    first = rows[0].find_all("td")
    assert first[2].get_text() == "一/(三)/12" and "吉政发〔2016〕41号" in first[1].get_text()
    assert first[3].find("a")["href"] == f"/tasks/{target.id}"
    assert 0.2 < float(first[0].get_text()) < 0.3
    api = client.get(f"/api/items/{bank.id}/similar?k=3").json()
    assert api["similar"][0]["item_id"] == target.id and len(api["similar"]) == 3


def test_adoption_matrix_page_and_xlsx(client: TestClient, ledger: Ledger) -> None:
    from openpyxl import load_workbook

    login(client, "leader")
    overview = soup(client.get("/analysis/adoption"))
    assert len(overview.select("section.card h3")) == 5
    parent = doc_id(ledger, "000")
    page = soup(client.get(f"/analysis/adoption?parent={parent}"))
    heads = [th.get_text() for th in page.select("table.matrix thead th")]
    jilin = next(i for i, h in enumerate(heads) if "吉政发〔2016〕41号" in h)
    bank = next(tr for tr in page.select("table.matrix tbody tr") if "民营银行" in tr.get_text())
    cell = bank.find_all("td")[jilin]
    assert "picked" in cell["class"] and "采纳" in cell.get_text()
    assert cell.find("a")["href"] == f"/tasks/{item(ledger, '002', key='一/(三)/12').id}"
    assert page.select("td.cell.absent") and page.select("td.cell.changed")
    xlsx = client.get(f"/analysis/adoption.xlsx?parent={parent}")
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx.headers["content-type"]
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.sheetnames == ["采纳矩阵", "说明"]
    sheet = wb["采纳矩阵"]
    assert sheet.max_row == len(page.select("table.matrix tbody tr")) + 1
    assert client.get("/analysis/adoption.xlsx").status_code == 400
    bad = client.get("/analysis/adoption?parent=不存在的文件")
    assert bad.status_code == 404 and "不存在的文件" in bad.text


def test_network_page_for_shenyang(client: TestClient, ledger: Ledger) -> None:
    login(client, "leader")
    page = soup(client.get("/analysis/network?jurisdiction=沈阳市"))
    first = page.select("#centrality tbody tr")[0].find_all("td")
    assert first[1].get_text() == "市发展改革委"
    svg = page.select_one("section.network svg")
    labels = [t.get_text() for t in svg.find_all("text")]
    assert "市发展改革委" in labels and len(svg.find_all("line")) > 20
    pair = page.select("#pairs tbody tr")[0].get_text()
    assert "市发展改革委" in pair
    graphml = client.get("/analysis/network.graphml?jurisdiction=沈阳市")
    g = nx.read_graphml(io.BytesIO(graphml.content))
    assert "市发展改革委" in g and g.number_of_nodes() == len(page.select("#centrality tbody tr"))
    gexf = client.get("/analysis/network.gexf?jurisdiction=吉林省")
    assert gexf.status_code == 200 and "省发展改革委" in gexf.text
    assert client.get("/analysis/network.pdf?jurisdiction=沈阳市").status_code == 400
    missing = client.get("/analysis/network?jurisdiction=火星市")
    assert missing.status_code == 400 and "火星市" in missing.text and "沈阳市" in missing.text


def _shenfu(ledger: Ledger) -> tuple[Any, Any]:
    """000's 沈抚同城化 and 004's 沈抚新城 items, both led by 市发展改革委."""
    a = item(ledger, "000", words="沈抚同城化", lead="市发展改革委")
    b = item(ledger, "004", words="沈抚新城", lead="市发展改革委")
    return a, b


def test_link_suggest_confirm_and_report_once(client: TestClient, ledger: Ledger,
                                              tmp_path: Path) -> None:
    a, b = _shenfu(ledger)
    token = login(client, "admin")
    page = soup(client.get(f"/tasks/{a.id}"))
    suggested = page.select("#links input[type=hidden][name=other]")
    assert str(b.id) in [i["value"] for i in suggested]
    # no CSRF token → 403, nothing linked
    r = client.post(f"/tasks/{a.id}/links", data={"other": str(b.id)}, follow_redirects=False)
    assert r.status_code == 403
    from taizhang.store import links as store_links

    assert store_links.list_links(ledger) == []
    r = client.post(f"/tasks/{a.id}/links", data={"csrf_token": token, "other": str(b.id),
                                                  "unit": "市发展改革委", "score": "0.19"},
                    follow_redirects=False)
    assert r.status_code == 303
    assert [(x.item_a, x.item_b, x.unit) for x in store_links.list_links(ledger)] == \
        [(min(a.id, b.id), max(a.id, b.id), "市发展改革委")]
    page = soup(client.get(f"/tasks/{b.id}"))
    assert page.select_one(f"#links a[href='/tasks/{a.id}']") is not None

    # the reporter of 市发展改革委 reports once on a: the report lands on b as well
    reporter = make_client(ledger, tmp_path)
    rtoken = login(reporter, "fgw")
    r = reporter.post(f"/tasks/{a.id}/report", data={"csrf_token": rtoken, "percent": "30",
                                                     "text": "规划已报批", "status": "in_progress"},
                      follow_redirects=False)
    assert r.status_code == 303
    for item_id in (a.id, b.id):
        last = ledger.reports(item_id)[-1]
        assert (last.unit, last.text, last.percent, last.actor) == ("市发展改革委", "规划已报批", 30, "fgw")
    assert "link.report" in [e.action for e in ledger.history(b.id)]
    flash = reporter.get(f"/tasks/{a.id}").text
    assert f"已同步到关联事项 #{b.id}" in flash

    # and through /api, from the other side
    r = reporter.post(f"/api/items/{b.id}/reports", json={"percent": 55, "text": "已开工"},
                      headers={"X-CSRF-Token": rtoken})
    assert r.status_code == 200, r.text
    assert [x["item_id"] for x in r.json()["linked"]] == [a.id]
    assert ledger.reports(a.id)[-1].text == "已开工"

    # a reporter may neither confirm links nor report on another unit's item
    assert reporter.post(f"/tasks/{a.id}/links", data={"csrf_token": rtoken, "other": str(b.id)},
                         follow_redirects=False).status_code == 403
    foreign = item(ledger, "000", words="民营银行")  # 市金融办 leads, 市发展改革委 not named
    assert "市发展改革委" not in foreign.units
    before = len(ledger.reports(foreign.id))
    assert reporter.post(f"/tasks/{foreign.id}/report", data={"csrf_token": rtoken, "text": "x"},
                         follow_redirects=False).status_code == 403
    assert reporter.post(f"/api/items/{foreign.id}/reports", json={"text": "x"},
                         headers={"X-CSRF-Token": rtoken}).status_code == 403
    assert len(ledger.reports(foreign.id)) == before

    # removing the link stops the sync
    assert client.post(f"/tasks/{a.id}/links/{b.id}/remove", data={"csrf_token": token},
                       follow_redirects=False).status_code == 303
    reporter.post(f"/tasks/{a.id}/report", data={"csrf_token": rtoken, "text": "单独报送"},
                  follow_redirects=False)
    assert ledger.reports(a.id)[-1].text == "单独报送"
    assert ledger.reports(b.id)[-1].text == "已开工"


@pytest.mark.postgres
def test_report_once_on_postgresql(pg_ledger: Ledger, tmp_path: Path) -> None:
    a, b = _shenfu(pg_ledger)
    admin = make_client(pg_ledger, tmp_path)
    token = login(admin, "admin")
    assert admin.post(f"/api/items/{b.id}/links", json={"other": a.id},
                      headers={"X-CSRF-Token": token}).status_code == 200
    reporter = make_client(pg_ledger, tmp_path)
    rtoken = login(reporter, "fgw")
    r = reporter.post(f"/api/items/{a.id}/reports", json={"percent": 20, "text": "选址完成"},
                      headers={"X-CSRF-Token": rtoken})
    assert r.status_code == 200 and [x["item_id"] for x in r.json()["linked"]] == [b.id]
    assert [x.text for x in pg_ledger.reports(b.id)] == ["选址完成"]
    page = soup(admin.get("/analysis/network?jurisdiction=沈阳市"))
    assert page.select("#centrality tbody tr")[0].find_all("td")[1].get_text() == "市发展改革委"


def test_link_api_and_bad_input(client: TestClient, ledger: Ledger) -> None:
    a, b = _shenfu(ledger)
    token = login(client, "admin")
    links = client.get(f"/api/items/{a.id}/links").json()
    assert b.id in [s["item_id"] for s in links["suggested"]] and links["confirmed"] == []
    r = client.post(f"/api/items/{a.id}/links", json={"other": b.id},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 200 and r.json()["unit"] == "市发展改革委"
    after = client.get(f"/api/items/{a.id}/links").json()
    assert b.id not in [s["item_id"] for s in after["suggested"]]  # confirmed: no longer suggested
    assert [c["item_b"] for c in after["confirmed"]] == [max(a.id, b.id)]
    jilin = item(ledger, "002", key="一/(三)/12")  # another jurisdiction: refused in Chinese
    r = client.post(f"/api/items/{a.id}/links", json={"other": jilin.id},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 400 and "不在同一地方" in r.json()["error"]["message"]
    r = client.post(f"/tasks/{a.id}/links", data={"csrf_token": token, "other": "abc"})
    assert r.status_code == 400 and "不是事项编号" in r.text


def test_load_page_and_weights(client: TestClient, ledger: Ledger, tmp_path: Path) -> None:
    token = login(client, "admin")
    page = soup(client.get("/analysis/load?jurisdiction=沈阳市"))
    table = page.select_one("table.load")
    units = [tr.find_all("td")[1].get_text() for tr in table.select("tbody tr")]
    assert "市发展改革委" in units and units[0] != "市发展改革委"  # overdue work is punished
    weights = {"led": "10", "supported": "0", "on_time_rate": "0", "overdue_days": "0",
               "duban": "0"}
    r = client.post("/analysis/load/weights", data={"csrf_token": token, **weights},
                    follow_redirects=False)
    assert r.status_code == 303
    saved = tmp_path / "evidence" / "analysis" / "考核权重.tsv"
    assert "led\t10" in saved.read_text("utf-8")
    page = soup(client.get("/analysis/load?jurisdiction=沈阳市"))
    first = page.select_one("table.load tbody tr").find_all("td")
    assert first[1].get_text() == "市发展改革委"  # leads the most items
    assert float(first[2].get_text()) == 10 * int(first[3].get_text())
    # a bad number changes nothing; a reporter may not set weights
    r = client.post("/analysis/load/weights", data={"csrf_token": token, **weights, "duban": "很多"})
    assert r.status_code == 400 and "很多" in r.text and "收到督办" in r.text
    assert "led\t10" in saved.read_text("utf-8")
    reporter = make_client(ledger, tmp_path)
    rtoken = login(reporter, "fgw")
    assert reporter.post("/analysis/load/weights", data={"csrf_token": rtoken, **weights},
                         follow_redirects=False).status_code == 403
    assert reporter.get("/analysis/load").status_code == 200
    client.post("/analysis/load/weights", data={"csrf_token": token, "reset": "1"})
    assert not saved.exists()


def test_topics_on_task_page_and_as_filter(client: TestClient, ledger: Ledger) -> None:
    login(client, "leader")
    bank = item(ledger, "000", words="民营银行")
    page = soup(client.get(f"/tasks/{bank.id}"))
    tags = [a.get_text() for a in page.select("#topics a.tag")]
    assert "金融" in tags and any(t.endswith("型") for t in tags)
    listed = soup(client.get("/tasks?topic=金融&document=" + str(doc_id(ledger, "000"))))
    ids = {a.get_text() for a in listed.select("table.grid tbody tr td:first-child a")}
    assert str(bank.id) in ids
    everything = soup(client.get("/tasks?document=" + str(doc_id(ledger, "000"))))
    assert len(everything.select("table.grid tbody tr")) > len(ids) > 0
    api = client.get("/api/items?topic=金融&limit=5000").json()
    assert bank.id in [i["id"] for i in api["items"]] and api["total"] == \
        len(client.get("/api/items?topic=金融&instrument=&limit=5000").json()["items"])
    bad = client.get("/tasks?topic=天文")
    assert bad.status_code == 400 and "天文" in bad.text


def test_pages_need_login(client: TestClient) -> None:
    for path in ("/analysis/chains", "/analysis/adoption", "/analysis/network", "/analysis/load"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code in (302, 303, 401) and "市发展改革委" not in r.text
