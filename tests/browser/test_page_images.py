"""In Chromium: a PDF uploaded through the page shows, under each task, the picture of the page
the task stands on (第 N 页) beside the extracted text; a txt document shows no picture."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.readers.conftest import build_marked_pdf, marked_page

from .conftest import ROOT, Server, new_page, shot

pytestmark = pytest.mark.browser


def _upload(page: Any, server: Server, path: Path) -> None:
    page.goto(f"{server.url}/documents")
    page.set_input_files("input[type=file]", str(path))
    page.click("text=上传并解析")
    page.wait_for_selector("#doctext")


def test_the_page_of_a_task_is_shown_beside_the_extraction(browser: Any, server: Server,
                                                           tmp_path: Path) -> None:
    page = new_page(browser, server, "admin")
    _upload(page, server, build_marked_pdf(tmp_path / "开发区方案.pdf"))
    assert "原件共 2 页" in page.inner_text("#page-count")
    form = page.locator("form.taskform", has=page.locator("h3 a", has_text="三"))
    view = form.locator("details.page-view")
    assert view.locator("summary").inner_text() == "对照原件：第 2 页"
    view.locator("summary").click()  # the reviewer opens the page under the task
    image = view.locator("figure.page-image img")
    image.wait_for(state="visible")
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert view.locator("figcaption").inner_text() == "第 2 页"
    size = image.evaluate("img => [img.naturalWidth, img.naturalHeight]")
    assert max(size) == 1600 and size[1] > size[0]  # an A4 page, upright
    # beside the extracted text: the picture sits right of the document's text column
    text_box, picture_box = page.locator("#doctext").bounding_box(), image.bounding_box()
    assert picture_box["x"] > text_box["x"] + text_box["width"] - 1
    answer = page.request.get(server.url + image.get_attribute("src"))
    assert answer.ok and answer.headers["content-type"] == "image/png"
    assert marked_page(answer.body()) == 2  # the task's own page, not the first
    shot(page, "review-page-image")
    page.context.close()


def test_a_txt_document_shows_no_page_picture(browser: Any, server: Server) -> None:
    page = new_page(browser, server, "admin")
    _upload(page, server, ROOT / "samples" / "000_e697be1312979dd4.txt")
    assert page.locator("form.taskform").count() > 5
    assert page.locator("details.page-view").count() == 0
    assert page.locator("figure.page-image img").count() == 0
    assert page.locator("#page-count").count() == 0
    page.context.close()
