"""只报一次 links and similar tasks: the item page's forms and their /api twins.

Confirming or removing a link is the 督查室's decision (admin only, CSRF like every form);
the store checks that both items share the unit and the jurisdiction, and audits it.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field

from taizhang.errors import InputError, NotFound
from taizhang.web.auth import CurrentUser, require_admin
from taizhang.web.deps import current_user, flash, ledger
from taizhang.web.routes.analysis_docs import analysis_of
from taizhang.web.task_analysis import similar_tasks, suggested_links

router = APIRouter()


class LinkIn(BaseModel):
    other: int = Field(..., description="要关联的另一事项编号")
    unit: str | None = Field(None, description="只报一次的单位；两项共有唯一单位时可不填")
    score: float | None = Field(None, ge=0, le=1, description="建议时的相似度（留痕用）")
    note: str = ""


def _int(value: Any, what: str) -> int:
    text = str(value or "").strip().lstrip("#")
    if not text.isdigit():
        raise InputError(f"{what}“{text}”不是事项编号", hint="请填写数字编号，如 37")
    return int(text)


def _score(value: Any) -> float | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        score = float(text)
    except ValueError:
        raise InputError(f"相似度“{text}”不是数字", hint="相似度在 0 到 1 之间，可不填") from None
    if not 0 <= score <= 1:
        raise InputError(f"相似度 {score} 超出 0 到 1", hint="可不填")
    return score


def confirm_link(lg: Any, user: CurrentUser, item_id: int, body: LinkIn) -> Any:
    from taizhang.store import links as store_links

    require_admin(user)
    lg.get_item(item_id)  # NotFound (404) for an unknown item, before anything else
    lg.get_item(body.other)
    return store_links.confirm(lg, item_id, body.other, actor=user.username,
                               unit=(body.unit or "").strip() or None, score=body.score,
                               note=body.note)


def remove_link(lg: Any, user: CurrentUser, item_id: int, other: int) -> list[Any]:
    from taizhang.store import links as store_links

    require_admin(user)
    return store_links.remove(lg, item_id, other, actor=user.username)


@router.post("/tasks/{item_id}/links", include_in_schema=False)
async def link_form(request: Request, item_id: int, user: CurrentUser = Depends(current_user),
                    lg: Any = Depends(ledger)) -> Response:
    require_admin(user)
    form = await request.form()
    body = LinkIn(other=_int(form.get("other"), "关联事项"), unit=str(form.get("unit") or "") or None,
                  score=_score(form.get("score")), note=str(form.get("note") or ""))
    link = confirm_link(lg, user, item_id, body)
    flash(request, f"已确认关联：事项 #{link.item_a} 与 #{link.item_b}（{link.unit}），"
                   "此后该单位填报其中一项即同步到另一项")
    return RedirectResponse(f"/tasks/{item_id}#links", status_code=303)


@router.post("/tasks/{item_id}/links/{other}/remove", include_in_schema=False)
def unlink_form(request: Request, item_id: int, other: int,
                user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Response:
    remove_link(lg, user, item_id, other)
    flash(request, f"已取消事项 #{item_id} 与 #{other} 的关联，此后各自填报")
    return RedirectResponse(f"/tasks/{item_id}#links", status_code=303)


@router.get("/api/items/{item_id}/similar", tags=["台账接口"], summary="其他文件中的相似任务")
def api_similar(request: Request, item_id: int, k: int = 5,
                user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Any:
    lg.get_item(item_id)
    found = similar_tasks(analysis_of(request, lg), item_id, k=max(1, min(k, 50)))
    if found is None:
        raise NotFound(f"事项 #{item_id} 所在文件尚未发布，不参与跨文件分析", hint="发布该文件后再查")
    return {"item_id": item_id, "similar": found}


@router.get("/api/items/{item_id}/links", tags=["台账接口"], summary="只报一次：已确认与建议的关联")
def api_links(request: Request, item_id: int, user: CurrentUser = Depends(current_user),
              lg: Any = Depends(ledger)) -> Any:
    from taizhang.store import links as store_links

    lg.get_item(item_id)
    confirmed = store_links.list_links(lg, item_id=item_id)
    others = {link.other(item_id) for link in confirmed}
    return {"confirmed": [link.to_dict() for link in confirmed],
            "suggested": suggested_links(analysis_of(request, lg), item_id, others)}


@router.post("/api/items/{item_id}/links", tags=["台账接口"], summary="确认关联（管理员）")
def api_confirm(item_id: int, body: LinkIn, user: CurrentUser = Depends(current_user),
                lg: Any = Depends(ledger)) -> Any:
    return confirm_link(lg, user, item_id, body).to_dict()


@router.post("/api/items/{item_id}/links/{other}/remove", tags=["台账接口"],
             summary="取消关联（管理员）")
def api_remove(item_id: int, other: int, user: CurrentUser = Depends(current_user),
               lg: Any = Depends(ledger)) -> Any:
    return [link.to_dict() for link in remove_link(lg, user, item_id, other)]
