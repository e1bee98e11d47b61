"""The review page shows, under each task of a PDF or scan, the page it stands on (第 N 页),
rendered on request; a txt document shows none. Real ledgers (SQLite and PostgreSQL), real
files, the app through its HTTP interface."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from taizhang.ledger.pages import SourceFile
from taizhang.parse import parse
from taizhang.readers import read_bytes, read_path
from taizhang.store import Ledger
from taizhang.web.page_images import LONG_SIDE, PageCache, render_page

from tests.readers.conftest import build_marked_pdf, marked_page, render_scan
from .conftest import login, make_client

_FORM = re.compile(r'<form class="taskform[^"]*" id="item-(\d+)".*?</form>', re.S)


def _pdf_document(ledger: Ledger, tmp_path: Path) -> int:
    read = read_path(build_marked_pdf(tmp_path / "方案.pdf"))
    result = ledger.ingest(parse(read.text, source=read.source), actor="test",
                           source=SourceFile.of(read))
    return int(result.document.id)


def _pages_by_task(html: str) -> dict[str, list[str]]:
    """Task key (the form's heading) → the page picture URLs shown under it."""
    out = {}
    for form in _FORM.finditer(html):
        key = re.search(r'<h3><a href="#task-[^"]*">([^<]+)</a>', form.group(0))
        assert key, form.group(0)[:200]
        out[key.group(1)] = re.findall(r'<img src="([^"]+)"', form.group(0))
    return out


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_ledger(request: pytest.FixtureRequest) -> Ledger:
    return request.getfixturevalue("ledger" if request.param == "sqlite" else "pg_ledger")  # type: ignore[no-any-return]


def test_each_task_shows_the_page_it_stands_on(any_ledger: Ledger, tmp_path: Path) -> None:
    doc_id = _pdf_document(any_ledger, tmp_path)
    client = make_client(any_ledger, tmp_path)
    login(client, "fgw")  # a reporter reviews too; reading needs no admin
    page = client.get(f"/documents/{doc_id}")
    assert page.status_code == 200
    assert "原件共 2 页" in page.text
    shown = _pages_by_task(page.text)
    base = f"/documents/{doc_id}/pages/"
    assert shown == {"一": [base + "1"], "二": [base + "2"], "三": [base + "2"]}
    assert page.text.count("<figcaption>第 2 页</figcaption>") == 2
    # in the text, where each page begins: 第 N 页, a link to its picture
    breaks = re.findall(r'<a class="page-break" id="page-(\d)" href="([^"]+)"', page.text)
    assert breaks == [("1", base + "1"), ("2", base + "2")]
    after = page.text.split('id="page-2"', 1)[1]
    assert re.sub(r"<[^>]+>", "", after.split("</a>", 1)[1]).startswith("二、")
    for number in (1, 2):
        picture = client.get(base + str(number))
        assert picture.status_code == 200 and picture.headers["content-type"] == "image/png"
        assert picture.content.startswith(b"\x89PNG\r\n\x1a\n")
        assert marked_page(picture.content) == number  # the right page, not just a page
        again = client.get(base + str(number), headers={"if-none-match": picture.headers["etag"]})
        assert again.status_code == 304 and not again.content


def test_a_scanned_pdf_page_shows_too(ledger: Ledger, tmp_path: Path) -> None:
    """Page 2 a scan (a picture, OCR'd on ingest): its tasks still point at page 2, and the
    page is drawn from the stored PDF."""
    read = read_path(build_marked_pdf(tmp_path / "混合.pdf", scanned=(2,)))
    assert [w.code.value for w in read.warnings] == ["ocr_used"]
    result = ledger.ingest(parse(read.text, source=read.source), actor="test",
                           source=SourceFile.of(read))
    client = make_client(ledger, tmp_path)
    login(client, "admin")
    shown = _pages_by_task(client.get(f"/documents/{result.document.id}").text)
    base = f"/documents/{result.document.id}/pages/"
    assert shown["一"] == [base + "1"] and shown["二"] == [base + "2"]
    assert marked_page(client.get(base + "2").content) == 2


def test_a_txt_document_shows_no_page(client: TestClient, ledger: Ledger) -> None:
    login(client, "admin")
    seed = ledger.list_documents()[0]  # samples/001, a .txt
    page = client.get(f"/documents/{seed.id}")
    assert page.status_code == 200 and 'class="taskform' in page.text
    assert "page-view" not in page.text and f"/documents/{seed.id}/pages/" not in page.text
    assert "page-break" not in page.text
    missing = client.get(f"/documents/{seed.id}/pages/1")
    assert missing.status_code == 404 and "没有可显示的页面图片" in missing.text


@pytest.mark.parametrize("number", ["3", "0", "-1"])
def test_a_page_the_document_does_not_have(ledger: Ledger, tmp_path: Path, number: str) -> None:
    doc_id = _pdf_document(ledger, tmp_path)
    client = make_client(ledger, tmp_path)
    login(client, "admin")
    r = client.get(f"/documents/{doc_id}/pages/{number}")
    assert r.status_code == 404 and f"没有第 {number} 页（共 2 页）" in r.text


def test_page_pictures_need_a_login(ledger: Ledger, tmp_path: Path) -> None:
    doc_id = _pdf_document(ledger, tmp_path)
    r = make_client(ledger, tmp_path).get(f"/documents/{doc_id}/pages/1", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")


def test_an_uploaded_pdf_keeps_its_pages(client: TestClient, ledger: Ledger, tmp_path: Path) -> None:
    token = login(client, "admin")
    data = build_marked_pdf(tmp_path / "上传.pdf").read_bytes()
    r = client.post("/documents", data={"csrf_token": token, "jurisdiction": ""},
                    files={"file": ("上传.pdf", data, "application/pdf")}, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    page = client.get(r.headers["location"])
    assert set(map(tuple, _pages_by_task(page.text).values())) == {
        (r.headers["location"] + "/pages/1",), (r.headers["location"] + "/pages/2",)}
    assert marked_page(client.get(r.headers["location"] + "/pages/2").content) == 2


def test_a_scanned_picture_is_served_as_it_is(ledger: Ledger, tmp_path: Path) -> None:
    """OCR'd on ingest; its page is the picture itself, byte for byte."""
    buffer = io.BytesIO()
    render_scan(["沈阳市人民政府办公厅关于开发区改革创新的通知",
                 "一、推进开发区体制机制创新。2018年底前完成。（市发展改革委牵头）"],
                dpi=150).save(buffer, "PNG")
    read = read_bytes(buffer.getvalue(), name="扫描件.png")
    result = ledger.ingest(parse(read.text, source=read.source), actor="test",
                           source=SourceFile.of(read))
    client = make_client(ledger, tmp_path)
    login(client, "admin")
    picture = client.get(f"/documents/{result.document.id}/pages/1")
    assert picture.headers["content-type"] == "image/png"
    assert picture.content == buffer.getvalue()


def _tiff(pages: int) -> bytes:
    """A multi-page TIFF scan: frame n is a blank A4-shaped page with page n's marker square."""
    from PIL import Image, ImageDraw

    frames = []
    for number in range(1, pages + 1):
        frame = Image.new("RGB", (1191, 1684), "white")  # A4 at 144 dpi
        x = (60 + 110 * (number - 1)) * 2
        ImageDraw.Draw(frame).rectangle((x, 1684 - 150 * 2, x + 180, 1684 - 60 * 2), fill="black")
        frames.append(frame)
    out = io.BytesIO()
    frames[0].save(out, "TIFF", save_all=True, append_images=frames[1:])
    return out.getvalue()


def test_a_tiff_frame_becomes_a_png() -> None:
    picture = render_page(_tiff(3), "image/tiff", 2)
    assert picture.startswith(b"\x89PNG") and marked_page(picture) == 2


def test_a_page_claiming_a_huge_size_is_drawn_at_the_fixed_size(tmp_path: Path) -> None:
    """A PDF page may say it is 5 m wide: the picture is still LONG_SIDE pixels at most."""
    from PIL import Image
    from reportlab.pdfgen import canvas

    path = tmp_path / "huge.pdf"
    c = canvas.Canvas(str(path), pagesize=(14400, 14400))  # the largest page PDF allows
    c.rect(100, 100, 2000, 2000, fill=1)
    c.showPage()
    c.save()
    picture = Image.open(io.BytesIO(render_page(path.read_bytes(), "application/pdf", 1)))
    assert picture.size == (LONG_SIDE, LONG_SIDE)


def test_a_page_asked_for_at_once_is_rendered_once(ledger: Ledger, tmp_path: Path) -> None:
    """Eight requests for one page at the same time on a real server: one rendering."""
    import asyncio

    import httpx

    doc_id = _pdf_document(ledger, tmp_path)
    client = make_client(ledger, tmp_path)
    login(client, "admin")
    app = client.app
    cookies = dict(client.cookies)

    async def ask_all() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver",
                                     cookies=cookies) as http:
            return await asyncio.gather(*(http.get(f"/documents/{doc_id}/pages/2")
                                          for _ in range(8)))

    with client:  # the app's lifespan: its upload workers
        answers = asyncio.run(ask_all())
        assert {a.status_code for a in answers} == {200}
        assert len({a.content for a in answers}) == 1 and marked_page(answers[0].content) == 2
        assert app.state.page_images.made == 1
        client.get(f"/documents/{doc_id}/pages/2")  # later: from memory
        assert app.state.page_images.made == 1


def test_the_page_cache_stays_within_its_bytes() -> None:
    cache = PageCache(limit=1000)
    for n in range(10):
        cache.put(("doc", n), bytes(200))
    kept = [n for n in range(10) if cache.get(("doc", n)) is not None]
    assert kept == [5, 6, 7, 8, 9]  # the oldest went
    cache.put(("doc", "big"), bytes(600))  # over a quarter of the limit: not kept at all
    assert cache.get(("doc", "big")) is None and cache.get(("doc", 9)) is not None
