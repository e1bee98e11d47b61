"""The 分析 pages in Chromium: the chain tree of the five seeds and Shenyang's network picture.

Screenshots go where conftest's ``shot`` puts them (a scratch folder, or docs/img when
TAIZHANG_SCREENSHOTS=docs/img).
"""
from __future__ import annotations

from typing import Any

import pytest

from taizhang.parse import parse
from taizhang.readers import read_path

from .conftest import ROOT, Server, new_page, shot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def seeded(server: Server) -> Server:
    """The five seeds published in this module's server (004 has no letterhead: 沈阳市)."""
    for path in sorted((ROOT / "samples").glob("*.txt")):
        read = read_path(path)
        place = "沈阳市" if path.name.startswith("004") else None
        result = server.ledger.ingest(parse(read.text, source=read.source), actor="test",
                                      jurisdiction=place)
        if result.document.state.value == "draft":
            server.ledger.publish(result.document.id, actor="test")
    return server


def test_chain_page(browser: Any, seeded: Server) -> None:
    page = new_page(browser, seeded, "leader")
    page.click("header nav >> text=分析")
    page.wait_for_selector("ul.chain-tree")
    assert "文件链" in page.inner_text("h1")
    root = page.locator("ul.chain-tree > li").first
    assert "国发〔2014〕28号" in root.inner_text() and "未入库" in root.inner_text()
    missing = page.locator("li.missing-node > b.doc", has_text="国发〔2016〕62号")
    assert missing.is_visible()
    # dashed box: the known-but-missing parent is drawn differently from stored documents
    assert page.eval_on_selector("li.missing-node > b.doc",
                                 "e => getComputedStyle(e).borderTopStyle") == "dashed"
    shot(page, "chain")
    page.click("ul.chain-tree a.doc >> text=吉政发〔2016〕41号")
    page.wait_for_selector("#doctext")
    assert "吉政发〔2016〕41号" in page.inner_text("body")
    page.context.close()


def test_network_page(browser: Any, seeded: Server) -> None:
    page = new_page(browser, seeded, "leader")
    page.goto(f"{seeded.url}/analysis/network")
    page.select_option("select[name=jurisdiction]", "沈阳市")
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("section.network svg")
    assert "沈阳市" in page.inner_text("h1")
    box = page.locator("section.network svg").bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 400
    first = page.locator("#centrality tbody tr").first.locator("td").nth(1)
    assert first.inner_text() == "市发展改革委"
    assert page.locator("section.network svg text", has_text="市发展改革委").count() == 1
    with page.expect_download() as info:
        page.click("text=下载 GraphML")
    assert info.value.suggested_filename.endswith(".graphml")
    page.set_viewport_size({"width": 1366, "height": 1180})  # heading, form and the whole picture
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, "network")
    page.context.close()
