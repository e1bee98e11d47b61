"""/api: the same ledger as JSON, with the same roles and the same refusals as the pages.

Log in with ``POST /api/login`` (JSON); the answer carries ``csrf_token``, to be sent back in
the ``X-CSRF-Token`` header on every POST. Errors are ``{"error": {code, message, hint}}``.
"""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from pydantic import BaseModel, Field

from taizhang.web.actions import ReportForm, parse_percent, submit_report_all
from taizhang.web import sessions
from taizhang.web.auth import CurrentUser, csrf_token, require_admin
from taizhang.web.deps import current_user, ledger
from taizhang.web.routes import duban as duban_routes
from taizhang.web.routes.auth_routes import check_login
from taizhang.web.routes.documents import ingest_upload
from taizhang.web.routes.tasks import item_pages

router = APIRouter(prefix="/api", tags=["台账接口"])


class LoginIn(BaseModel):
    username: str
    password: str


class ReportIn(BaseModel):
    status: str | None = Field(None, description="状态代码或中文，如 in_progress / 推进中；不填则不变")
    percent: int | None = Field(None, ge=0, le=100, description="完成百分比")
    text: str | None = Field(None, description="进展情况；不填则沿用上次报送")
    problems: str | None = None
    next_steps: str | None = None
    occurrence: str | None = Field(None, description="周期性事项的报送期次，如 2026-03-31")
    unit: str | None = Field(None, description="管理员代为报送时的单位")
    expected_version: int | None = Field(None, description="乐观锁：读取时的版本号")


class CorrectionIn(BaseModel):
    field: str = Field(..., description="title、text、lead、support、leaders、due、rrule")
    value: Any
    note: str = ""
    expected_version: int | None = None


class DubanIn(BaseModel):
    item_id: int
    level: str = "reminder"
    reason: str = ""
    reply_due: str | None = None


class AnswerIn(BaseModel):
    text: str


class EscalateIn(BaseModel):
    reason: str = ""
    reply_due: str | None = None


@router.post("/login", summary="登录，取得会话和 CSRF 校验码")
def api_login(request: Request, body: LoginIn) -> dict[str, Any]:
    from taizhang.web.auth import LoginRequired

    user = check_login(request, body.username, body.password)
    if user is None:
        raise LoginRequired("用户名或密码不正确")
    csrf = sessions.begin(request, user)
    return {"user": user.to_session(), "csrf_token": csrf}


@router.post("/logout", summary="退出：结束本会话（同一 Cookie 不能再用）")
def api_logout(request: Request, user: CurrentUser = Depends(current_user)) -> dict[str, Any]:
    sessions.end(request)
    return {"ok": True}


@router.get("/me", summary="当前用户")
def me(request: Request, user: CurrentUser = Depends(current_user)) -> dict[str, Any]:
    return {"user": user.to_session(), "csrf_token": csrf_token(request.session)}


@router.get("/documents", summary="文件列表")
def documents(user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Any:
    return [d.to_dict() for d in lg.list_documents()]


@router.post("/documents", summary="上传文件（解析后存为草稿）")
async def upload(request: Request, file: UploadFile = File(...), jurisdiction: str = Form(""),
                 user: CurrentUser = Depends(current_user)) -> Any:
    result = await ingest_upload(request, file, user, jurisdiction.strip())
    return result.to_dict()


@router.get("/documents/{doc_id}", summary="文件信息")
def document(doc_id: int, user: CurrentUser = Depends(current_user),
             lg: Any = Depends(ledger)) -> Any:
    return lg.get_document(doc_id).to_dict()


@router.get("/documents/{doc_id}/parse", summary="原始解析结果（taizhang.document/1）")
def document_parse(doc_id: int, user: CurrentUser = Depends(current_user),
                   lg: Any = Depends(ledger)) -> Any:
    return lg.document_parse(doc_id)


@router.post("/documents/{doc_id}/publish", summary="发布草稿")
def publish(doc_id: int, user: CurrentUser = Depends(current_user),
            lg: Any = Depends(ledger)) -> Any:
    require_admin(user)
    return lg.publish(doc_id, actor=user.username).to_dict()


@router.get("/items", summary="任务列表（筛选、全文检索 q）")
def items(request: Request, limit: int = 200, offset: int = 0,
          user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Any:
    total, items_from = item_pages(request, lg, dict(request.query_params),
                                   request.app.state.today())
    limit = max(1, min(limit, 5000))
    return {"total": total, "items": [i.to_dict() for i in items_from(max(0, offset), limit)]}


@router.get("/items/{item_id}", summary="任务详情")
def item(request: Request, item_id: int, user: CurrentUser = Depends(current_user),
         lg: Any = Depends(ledger)) -> Any:
    return lg.get_item(item_id, today=request.app.state.today()).to_dict()


@router.get("/items/{item_id}/reports", summary="报送记录")
def reports(item_id: int, user: CurrentUser = Depends(current_user),
            lg: Any = Depends(ledger)) -> Any:
    return [r.to_dict() for r in lg.reports(item_id)]


@router.post("/items/{item_id}/reports", summary="报送进展（单位填报员只能报本单位事项）")
def report(request: Request, item_id: int, body: ReportIn,
           user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Any:
    settings = request.app.state.settings
    form = ReportForm(status=body.status, percent=parse_percent(body.percent), text=body.text,
                      problems=body.problems, next_steps=body.next_steps,
                      occurrence=body.occurrence, unit=body.unit,
                      expected_version=body.expected_version)
    item_now, reps = submit_report_all(lg, user, item_id, form, today=request.app.state.today(),
                                       evidence_dir=settings.evidence_dir,
                                       max_bytes=settings.max_file_bytes)
    # linked: the same report recorded on items confirmed as the same work (只报一次)
    return {"report": reps[0].to_dict(), "item": item_now.to_dict(),
            "linked": [r.to_dict() for r in reps[1:]]}


@router.get("/items/{item_id}/history", summary="留痕")
def history(item_id: int, user: CurrentUser = Depends(current_user),
            lg: Any = Depends(ledger)) -> Any:
    return [e.to_dict() for e in lg.history(item_id)]


@router.post("/items/{item_id}/corrections", summary="核对修改（管理员）")
def correct(item_id: int, body: CorrectionIn, user: CurrentUser = Depends(current_user),
            lg: Any = Depends(ledger)) -> Any:
    require_admin(user)
    return lg.correct(item_id, body.field, body.value, actor=user.username, note=body.note,
                      expected_version=body.expected_version).to_dict()


@router.get("/units", summary="单位")
def units(user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Any:
    return [u.to_dict() for u in lg.list_units()]


@router.get("/stats", summary="各单位统计")
def stats(request: Request, jurisdiction: str | None = None,
          user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Any:
    return [s.to_dict() for s in lg.stats(today=request.app.state.today(),
                                          jurisdiction=jurisdiction)]


@router.get("/duban", summary="督办列表")
def duban_list(item_id: int | None = None, user: CurrentUser = Depends(current_user),
               lg: Any = Depends(ledger)) -> Any:
    return [n.to_dict() for n in lg.list_duban(item_id=item_id)]


@router.post("/duban", summary="发出督办（管理员）")
def duban_issue(request: Request, body: DubanIn, user: CurrentUser = Depends(current_user),
                lg: Any = Depends(ledger)) -> Any:
    return duban_routes.issue(lg, user, request.app.state.today(), body.item_id, body.level,
                              body.reason, body.reply_due).to_dict()


@router.post("/duban/{notice_id}/answer", summary="回复督办")
def duban_answer(request: Request, notice_id: int, body: AnswerIn,
                 user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Any:
    return duban_routes.answer(lg, user, notice_id, body.text, request.app.state.today()).to_dict()


@router.post("/duban/{notice_id}/escalate", summary="升级督办（管理员）")
def duban_escalate(request: Request, notice_id: int, body: EscalateIn,
                   user: CurrentUser = Depends(current_user), lg: Any = Depends(ledger)) -> Any:
    from taizhang.web.actions import parse_date

    require_admin(user)
    return lg.escalate_duban(notice_id, actor=user.username, today=request.app.state.today(),
                             reason=body.reason,
                             reply_due=parse_date(body.reply_due, "回复期限")).to_dict()


@router.post("/duban/{notice_id}/close", summary="督办办结（管理员）")
def duban_close(notice_id: int, user: CurrentUser = Depends(current_user),
                lg: Any = Depends(ledger)) -> Any:
    require_admin(user)
    return lg.close_duban(notice_id, actor=user.username).to_dict()
