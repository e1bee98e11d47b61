"""文件: upload any format → draft → review with marks → correct (kept, audited) → publish."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from taizhang.errors import InputError, NotFound
from taizhang.store import Ledger

from .conftest import SAMPLES, login

EVIL = ("沈阳市人民政府办公厅关于<script>alert('x')</script>工作的通知\n"
        "各区、县（市）人民政府，市政府各部门：\n"
        "一、加快<b>平台</b>建设。2019年6月底前完成<img src=x onerror=alert(1)>。"
        "（牵头单位：市发展改革委<script>evil()</script>；责任单位：市财政局）\n"
        "沈阳市人民政府办公厅\n2019年3月1日\n")


def _upload(client: TestClient, token: str, name: str, data: bytes, **extra: str) -> object:
    return client.post("/documents", data={"csrf_token": token, **extra},
                       files={"file": (name, data, "application/octet-stream")},
                       follow_redirects=False)


def test_upload_review_correct_publish(client: TestClient, ledger: Ledger) -> None:
    token = login(client, "admin")
    data = (SAMPLES / "000_e697be1312979dd4.txt").read_bytes()
    r = _upload(client, token, "000.txt", data, jurisdiction="沈阳市")
    assert r.status_code == 303
    doc_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert ledger.get_document(doc_id).state.value == "draft"
    page = client.get(f"/documents/{doc_id}").text
    # every kind of extraction is marked in place, with the rule in the hover text
    for css in ("hl-task", "hl-lead", "hl-support", "hl-deadline"):
        assert f'class="{css}"' in page, css
    assert re.search(r'<mark class="hl-lead" title="牵头单位：[^"]+（', page)
    items = ledger.list_items(document=doc_id, include_drafts=True)
    item = items[0]
    r = client.post(f"/documents/{doc_id}/items/{item.id}",
                    data={"csrf_token": token, "version": item.version, "lead": "市财政局",
                          "support": "、".join(item.support), "title": item.title,
                          "note": "核对原文"},
                    follow_redirects=False)
    assert r.status_code == 303
    assert ledger.get_item(item.id).lead == "市财政局"
    corrections = ledger.corrections(doc_id)
    assert [(c.field, c.before, c.after, c.actor) for c in corrections] == [
        ("lead", item.lead, "市财政局", "admin")]
    page = client.get(f"/documents/{doc_id}").text
    assert "核对原文" in page  # the correction is listed beside the original parse
    stored = next(t for t in ledger.document_parse(doc_id)["tasks"] if t["key"] == item.task_key)
    assert item.lead in stored["assignments"][item.seq - 1]["lead"]  # the original is kept
    assert any(e.action == "item.correct" for e in ledger.history(item.id))
    r = client.post(f"/documents/{doc_id}/publish", data={"csrf_token": token},
                    follow_redirects=False)
    assert r.status_code == 303
    assert ledger.get_document(doc_id).state.value == "published"


def test_a_stale_correction_is_refused(client: TestClient, ledger: Ledger) -> None:
    token = login(client, "admin")
    item = ledger.list_items(document=1)[0]
    r = client.post(f"/documents/1/items/{item.id}",
                    data={"csrf_token": token, "version": item.version - 1 if item.version > 1
                          else item.version + 5, "lead": "市财政局"})
    assert r.status_code == 409 and "已被他人修改" in r.text
    assert ledger.get_item(item.id).lead == item.lead


def test_script_in_a_document_shows_as_text(client: TestClient, ledger: Ledger) -> None:
    token = login(client, "admin")
    r = _upload(client, token, "evil<script>.txt", EVIL.encode())
    assert r.status_code == 303, r.text
    doc_id = int(r.headers["location"].rsplit("/", 1)[1])
    for path in (f"/documents/{doc_id}", "/documents", "/"):
        page = client.get(path).text
        assert "<script>alert" not in page and "<script>evil" not in page, path
        assert "<img src=x" not in page and "<b>平台</b>" not in page, path
    review = client.get(f"/documents/{doc_id}").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in review
    client.post(f"/documents/{doc_id}/publish", data={"csrf_token": token})
    tasks = client.get("/tasks?document=%d" % doc_id).text
    assert "<b>平台</b>" not in tasks and "&lt;b&gt;平台&lt;/b&gt;" in tasks


@pytest.mark.parametrize(("name", "data", "words"), [
    pytest.param("empty.txt", b"", "空", id="empty"),
    pytest.param("blank.txt", b"   \n\n ", "空", id="blank"),
    pytest.param("binary.bin", bytes(range(256)) * 8, "", id="binary"),
    pytest.param("broken.docx", b"PK\x03\x04not really a zip", "", id="corrupt_docx"),
    pytest.param("big.txt", "通知".encode() * 120_000, "超过上限", id="too_large"),
])
def test_bad_uploads_get_a_chinese_4xx(client: TestClient, ledger: Ledger, name: str,
                                       data: bytes, words: str) -> None:
    token = login(client, "admin")
    r = _upload(client, token, name, data)
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
    message = re.search(r'<p class="error">(.*?)</p>', r.text, re.S)
    assert message and re.search(r"[\u4e00-\u9fff]", message.group(1))
    assert name.split(".")[0] in r.text or "上传" in r.text
    assert words in r.text
    assert len(ledger.list_documents()) == 1  # nothing half-written


def test_upload_without_a_file_is_a_4xx(client: TestClient) -> None:
    token = login(client, "admin")
    r = client.post("/documents", data={"csrf_token": token})
    assert r.status_code == 400 and "没有选择文件" in r.text


def test_upload_through_the_api_returns_the_ingest_result(client: TestClient) -> None:
    token = login(client, "admin")
    data = (SAMPLES / "003_58d7afab6c0d2c3b.txt").read_bytes()
    r = client.post("/api/documents", files={"file": ("003.txt", data, "text/plain")},
                    headers={"X-CSRF-Token": token})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["outcome"] == "new" and body["document"]["state"] == "draft"
    again = client.post("/api/documents", files={"file": ("003.txt", data, "text/plain")},
                        headers={"X-CSRF-Token": token})
    assert again.json()["outcome"] == "unchanged"
    parse = client.get(f"/api/documents/{body['document']['id']}/parse").json()
    assert parse["schema"] == "taizhang.document/1" and parse["tasks"]


def test_review_page_adds_a_unit_the_parser_missed(client: TestClient, ledger: Ledger) -> None:
    token = login(client, "admin")
    data = (SAMPLES / "000_e697be1312979dd4.txt").read_bytes()
    r = _upload(client, token, "000.txt", data, jurisdiction="沈阳市")
    doc_id = int(r.headers["location"].rsplit("/", 1)[1])
    item = ledger.list_items(document=doc_id, include_drafts=True)[0]
    new = "市数据和营商环境建设局"
    with pytest.raises(NotFound):
        ledger.resolve_unit("沈阳市", new)
    r = client.post(f"/documents/{doc_id}/items/{item.id}",
                    data={"csrf_token": token, "version": item.version,
                          "support": "、".join([*item.support, new]), "note": "原文漏识别"},
                    follow_redirects=False)
    assert r.status_code == 303
    page = client.get(r.headers["location"]).text
    assert f"新增单位：{new}（沈阳市" in page  # the reviewer is told a unit was registered
    unit = ledger.resolve_unit("沈阳市", new)
    assert (unit.jurisdiction, unit.name) == ("沈阳市", new)
    # the item's own names stay whole, even one with a 、 inside (相关区、县(市)政府)
    assert ledger.get_item(item.id).support == (*item.support, new)
    created = [e for e in ledger.history(item.id) if e.action == "unit.create"]
    assert [(e.actor, e.after["unit"], e.entity_id) for e in created] == [("admin", new, unit.id)]
    # the same name again is the unit now known, not a second one
    again = ledger.correct(item.id, "lead", new, actor="admin")
    assert again.lead == new
    assert [u.id for u in ledger.list_units(jurisdiction="沈阳市") if u.name == new] == [unit.id]
    # a name too long to be a unit is refused, and nothing is written
    with pytest.raises(InputError, match="太长"):
        ledger.correct(item.id, "support", "单" * 80, actor="admin")
    assert ledger.get_item(item.id).version == again.version


DOUBTFUL = ("沈阳市人民政府办公厅关于做好营商环境建设工作的通知\n各区、县（市）人民政府，市政府各部门：\n"
            "一、加强政务服务。（市营商局牵头）\n二、推进减税降费。（市财政局牵头，市税务局配合）\n"
            "三、做好信用体系建设。\n四、优化审批流程。（市发展改革委牵头）\n沈阳市人民政府办公厅\n2019年3月1日\n")


def test_the_review_page_lists_what_the_parser_was_unsure_of_first(client: TestClient,
                                                                   ledger: Ledger) -> None:
    token = login(client, "admin")
    r = _upload(client, token, "营商.txt", DOUBTFUL.encode())
    doc_id = int(r.headers["location"].rsplit("/", 1)[1])
    stored = {t["key"]: t["uncertain"] for t in ledger.document_parse(doc_id)["tasks"]}
    assert [k for k, flags in stored.items() if flags] == ["三"]  # the parser's own doubt
    page = client.get(f"/documents/{doc_id}").text
    forms = re.findall(r'<form class="taskform( doubtful)?" id="item-\d+".*?<h3><a href="#task-([^"]+)"', page, re.S)
    assert forms[0] == (" doubtful", "三") and [k for _, k in forms[1:]] == ["一", "二", "四"]
    assert "其中 <span class=\"doubt-count\">1</span> 项需先核对" in page
    assert "未找到责任单位，而本文件其他任务都写明了" in page
    assert re.search(r'<label class="doubt">牵头单位', page)


def test_the_review_page_shows_the_jurisdiction_evidence_and_the_flags(
        client: TestClient, ledger: Ledger) -> None:
    token = login(client, "admin")
    # 004 has no title line, no issuer, no 发文字号: 沈阳市 from its text, title （无标题）
    r = _upload(client, token, "004.txt", (SAMPLES / "004_d9f934d189bcf9a8.txt").read_bytes())
    doc_id = int(r.headers["location"].rsplit("/", 1)[1])
    page = client.get(f"/documents/{doc_id}").text
    assert re.search(r'id="jurisdiction">沈阳市 <span class="muted">（依据：正文提到 沈阳 \d+ 次', page)
    flags = re.search(r'id="review-flags">([^<]+)<', page)
    assert flags and "所属地区由正文推断" in flags.group(1) and "没有标题" in flags.group(1)
    assert "<h1>（无标题）" in page and "004.txt</h1>" not in page
    listing = client.get("/documents").text
    assert "（无标题）</a> <span class=\"badge doubt\"" in listing
    # a form's place that the document contradicts: the document's own kept, the flash says so
    r = _upload(client, token, "002.txt", (SAMPLES / "002_0c7ffc69b25063d5.txt").read_bytes(),
                jurisdiction="沈阳市")
    doc_id = int(r.headers["location"].rsplit("/", 1)[1])
    assert ledger.get_document(doc_id).jurisdiction == "吉林省"
    assert "与指定的地区 沈阳市 不同" in client.get(f"/documents/{doc_id}").text
