"""文件: upload → parse → review (text with the extraction marked) → correct → publish."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from taizhang.errors import InputError, NotFound, StaleEdit
from taizhang.ledger.pages import span_pages
from taizhang.ledger.units import check_unit_name
from taizhang.web import highlight
from taizhang.web.auth import CurrentUser, require_admin
from taizhang.web.deps import current_user, flash, ledger, page
from taizhang.web.review import doubtful_first, original_document
from taizhang.wording import display_title

router = APIRouter()

# the correctable fields of a work item, in form order: (field, Chinese label, is a list)
FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("title", "工作任务", False),
    ("lead", "牵头单位", False),
    ("support", "配合单位", True),
    ("leaders", "责任领导", True),
    ("due", "完成时限", False),
    ("rrule", "周期（RRULE）", False),
)
_SPLIT = str.maketrans({"、": "\n", "，": "\n", ",": "\n", "；": "\n", ";": "\n"})


def split_names(value: str, keep: Iterable[str] = ()) -> list[str]:
    """``市财政局、市发展改革委`` (or one per line) → the list; blanks dropped, order kept.

    Names in ``keep`` (the item's own units) stay whole even when they hold a separator
    (``相关区、县(市)政府``): split, they would read as two units that do not exist — and a
    correction registers the units it does not know.
    """
    whole = [n for n in keep if n and n.translate(_SPLIT) != n]
    marks = {f"\ue000{i}\ue001": n for i, n in enumerate(sorted(whole, key=len, reverse=True))}
    for mark, name in marks.items():
        value = value.replace(name, mark)
    seen: dict[str, None] = {}
    for name in value.translate(_SPLIT).splitlines():
        for mark, whole_name in marks.items():
            name = name.replace(mark, whole_name)
        if name.strip():
            seen.setdefault(name.strip(), None)
    return list(seen)


def field_value(item: Any, field: str) -> str:
    value = getattr(item, field)
    if isinstance(value, tuple):
        return "、".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value or ""


async def ingest_upload(request: Request, upload: UploadFile, user: CurrentUser,
                        jurisdiction: str | None) -> Any:
    """Read, parse and store an uploaded file as a draft; the IngestResult.

    Reading and parsing run in a worker process with a time and memory limit
    (web/uploads.py), storing in a thread: the event loop, which serves everyone, only waits.
    """
    from starlette.concurrency import run_in_threadpool

    from taizhang.web.uploads import read_document

    require_admin(user)
    settings = request.app.state.settings
    if upload is None or not upload.filename:
        raise InputError("没有选择文件", hint="请选择要上传的政策文件（txt、docx、doc、wps、pdf、ofd、html、eml 或扫描图片）")
    name = upload_name(upload.filename)
    place = check_jurisdiction(jurisdiction)
    data = await read_limited(upload, settings.max_file_bytes, name)
    doc, source = await request.app.state.uploads.run(read_document, data, name,
                                                      settings.max_file_bytes, shown=name)
    lg = request.app.state.ledger
    return await run_in_threadpool(lg.ingest, doc, actor=user.username, jurisdiction=place,
                                   draft=True, source=source)


MAX_NAME = 120  # characters of an uploaded file's name kept (the ledger's source column)
MAX_JURISDICTION = 30


def upload_name(filename: str) -> str:
    """The file's own name, without any folder a browser sent, at most MAX_NAME characters
    (its extension kept): a 300-character name is shortened, not a database error."""
    base = filename.replace("\\", "/").rsplit("/", 1)[-1].replace("\x00", "").strip()
    base = base or "上传的文件"
    if len(base) <= MAX_NAME:
        return base
    _, dot, ext = base.rpartition(".")
    ext = ext[:10] if dot and len(ext) <= 10 else ""
    return base[:MAX_NAME - len(ext) - 2] + "…" + ("." + ext if ext else "")


def check_jurisdiction(value: str | None) -> str | None:
    """The 所属地区 typed on the upload form, or None; a long or odd one is refused."""
    text = (value or "").strip()
    if not text:
        return None
    from taizhang.ledger.units import check_place

    return check_place(text)


async def read_limited(upload: UploadFile, limit: int, shown: str) -> bytes:
    """The upload's bytes, refused when over ``limit`` with its real size in the message."""
    from taizhang.errors import FileUnreadable
    from taizhang.readers import too_large

    size = upload.size
    if size is not None and size > limit:
        raise FileUnreadable(shown, too_large(size, limit), hint="请只提供公文本身，或拆分后分别上传")
    data = await upload.read(limit + 1)
    if len(data) > limit:  # no size known beforehand: measure what is left without keeping it
        total = len(data)
        while chunk := await upload.read(1024 * 1024):
            total += len(chunk)
        raise FileUnreadable(shown, too_large(total, limit), hint="请只提供公文本身，或拆分后分别上传")
    return data


@router.get("/documents", include_in_schema=False)
def documents_page(request: Request, user: CurrentUser = Depends(current_user),
                   lg: Any = Depends(ledger)) -> Response:
    docs = lg.list_documents()
    return page(request, "documents.html", documents=docs)


@router.post("/documents", include_in_schema=False)
async def upload(request: Request, file: UploadFile = File(None), jurisdiction: str = Form(""),
                 user: CurrentUser = Depends(current_user)) -> Response:
    result = await ingest_upload(request, file, user, jurisdiction.strip())
    doc = result.document
    messages = {"new": f"已读入《{display_title(doc.title, doc.doc_number)}》，识别出 {doc.item_count} 项任务，请核对后发布",
                "unchanged": "该文件此前已读入，内容没有变化",
                "new_version": f"已作为第 {doc.version} 版读入：新增 {result.added} 项，"
                               f"沿用 {result.matched} 项，删除 {result.dropped} 项"}
    said = messages.get(result.outcome, "已读入")
    if result.pages_added:  # stored before the ledger kept originals: it has its pages now
        said += f"；已补存原件（{result.pages_added} 页），可对照页面核对"
    # the document placed elsewhere than the form said, or nowhere: the reviewer should know
    flash(request, "；".join([said, *result.warnings]), "warn" if result.warnings else "ok")
    return RedirectResponse(f"/documents/{doc.id}", status_code=303)


@router.get("/documents/{doc_id}", include_in_schema=False)
def review_page(request: Request, doc_id: int, user: CurrentUser = Depends(current_user),
                lg: Any = Depends(ledger)) -> Response:
    record = lg.get_document(doc_id)
    stored = lg.document_parse(doc_id)
    text = lg.document_text(doc_id)
    original, with_rules = original_document(stored, text)
    items = lg.list_items(document=doc_id, include_drafts=True, today=request.app.state.today())
    items, doubts = doubtful_first(items, original)  # what the parser was unsure of, first
    paged = lg.document_pages(doc_id)  # a PDF or scan: pictures of its pages can be shown
    starts = paged.starts if paged is not None and paged.shown else ()
    # task key → the pages (1-based) its text stands on; none for txt, docx, html
    task_pages = {t.key: span_pages(t.span, starts) for t in original.tasks} if starts else {}
    marked = highlight.render(original, pages=starts, page_url=f"/documents/{doc_id}/pages/")
    return page(request, "review.html", doc=record, original=original, with_rules=with_rules,
                marked=marked, legend=highlight.legend(), items=items, doubts=doubts,
                fields=FIELDS, field_value=field_value, corrections=lg.corrections(doc_id),
                warnings=original.warnings, task_pages=task_pages, page_count=len(starts))


@router.get("/documents/{doc_id}/pages/{number}", include_in_schema=False)
async def page_image(request: Request, doc_id: int, number: int,
                     user: CurrentUser = Depends(current_user)) -> Response:
    """The picture of page ``number`` of a stored PDF or scan (PNG; a PNG/JPEG scan as it is)."""
    from starlette.concurrency import run_in_threadpool

    from taizhang.web.page_images import LONG_SIDE, render_page, served_as_is

    lg = request.app.state.ledger
    record = await run_in_threadpool(lg.get_document, doc_id)  # NotFound for an unknown id
    stored = await run_in_threadpool(lg.document_pages, doc_id)
    if stored is None or not stored.shown:
        raise NotFound(f"文件 #{doc_id}（{record.source}）没有可显示的页面图片",
                       hint="只有 PDF 和扫描图片保存原件；txt、docx、网页等没有页面")
    if not 1 <= number <= len(stored.starts):
        raise NotFound(f"文件 #{doc_id} 没有第 {number} 页（共 {len(stored.starts)} 页）",
                       hint="请从文件的核对页打开页面图片")
    tag = f'"{stored.sha256[:20]}-{number}-{LONG_SIDE}"'
    headers = {"Cache-Control": "private, max-age=86400", "ETag": tag}
    if request.headers.get("if-none-match") == tag:  # a stored file never changes
        return Response(status_code=304, headers=headers)
    if served_as_is(stored.media_type, len(stored.starts)):
        data = await run_in_threadpool(lg.document_file, doc_id)
        return Response(data, media_type=stored.media_type, headers=headers)

    async def render() -> bytes:
        data = await run_in_threadpool(lg.document_file, doc_id)
        # in an upload worker: bounded in time and memory like an upload (web/uploads.py)
        picture: bytes = await request.app.state.uploads.run(
            render_page, data, stored.media_type, number, shown=f"{record.source} 第 {number} 页")
        return picture

    picture = await request.app.state.page_images.fetch(
        (doc_id, stored.sha256, number, LONG_SIDE), render)
    return Response(picture, media_type="image/png", headers=headers)


@router.post("/documents/{doc_id}/items/{item_id}", include_in_schema=False)
async def correct_item(request: Request, doc_id: int, item_id: int,
                       user: CurrentUser = Depends(current_user),
                       lg: Any = Depends(ledger)) -> Response:
    require_admin(user)
    form = await request.form()
    item = lg.get_item(item_id)
    if item.document_id != doc_id:
        raise InputError(f"事项 #{item_id} 不属于文件 #{doc_id}", hint="请从该文件的核对页面提交")
    version = str(form.get("version", ""))
    expected = int(version) if version.isdigit() else None
    if expected is not None and expected != item.version:
        raise StaleEdit(f"事项 #{item_id} 已被他人修改（您看到的是第 {expected} 版，现为第 {item.version} 版）",
                        hint="请刷新页面，在最新内容上重新修改")
    note = str(form.get("note", "")).strip()[:500]
    planned: list[tuple[str, str, Any]] = []
    added: list[str] = []
    for field, label, is_list in FIELDS:  # every field checked before any is written
        if field not in form:
            continue
        raw = str(form.get(field, "")).strip()
        if raw == field_value(item, field):
            continue
        value: Any = (split_names(raw, keep=(*item.support, item.lead or "")) if is_list
                      else (raw or None))
        if field in ("lead", "support"):  # names the parser missed become new units
            for name in value if isinstance(value, list) else [value]:
                if name and name not in added and not _known_unit(lg, item.jurisdiction, name):
                    added.append(check_unit_name(name))
        planned.append((field, label, value))
    changed = []
    for field, label, value in planned:
        item = lg.correct(item_id, field, value, actor=user.username, note=note,
                          expected_version=item.version)
        changed.append(label)
    message = f"已修改事项 #{item_id}：{'、'.join(changed)}" if changed else "没有改动"
    if added:
        message += f"；新增单位：{'、'.join(added)}（{item.jurisdiction}，已记入留痕）"
    flash(request, message, "ok" if changed else "warn")
    return RedirectResponse(f"/documents/{doc_id}#item-{item_id}", status_code=303)


def _known_unit(lg: Any, jurisdiction: str, name: str) -> bool:
    try:
        lg.resolve_unit(jurisdiction, name)
    except NotFound:
        return False
    return True


@router.post("/documents/{doc_id}/publish", include_in_schema=False)
def publish(request: Request, doc_id: int, user: CurrentUser = Depends(current_user),
            lg: Any = Depends(ledger)) -> Response:
    require_admin(user)
    record = lg.publish(doc_id, actor=user.username)
    flash(request, f"已发布《{display_title(record.title, record.doc_number)}》，{record.item_count} 项任务进入台账")
    return RedirectResponse(f"/documents/{doc_id}", status_code=303)
