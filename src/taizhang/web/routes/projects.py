"""项目库 pages: the list with filters and lights, one project's page, and its actions.

A unit's reporter works on its own projects only (a report, a stage, a blocker it raises or
was asked to solve); the office (admin) acts for any; leaders read. The check runs before the
store is asked, and the store checks the unit again inside its transaction.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, cast

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response

from taizhang.errors import InputError, PermissionDenied
from taizhang.ledger.model import Light
from taizhang.projects.amounts import AmountError, parse_amount
from taizhang.projects.blockers import REPLY_DAYS
from taizhang.projects.lifecycle import stage_named
from taizhang.projects.model import (
    STAGES,
    UNSOLVED,
    BlockerLevel,
    Project,
    ReportUpdate,
    Stage,
)
from taizhang.web.actions import parse_date, save_evidence
from taizhang.web.auth import CurrentUser, require_admin, require_writer
from taizhang.web.deps import current_user, flash, ledger, page, register
from taizhang.web.project_cache import matching

router = APIRouter()
PAGE_SIZE = 50


def cache(request: Request) -> Any:
    """The app's ProjectCache (made by create_app, warmed at start)."""
    return request.app.state.projects


def owns(user: CurrentUser, p: Project) -> bool:
    return (user.unit_name is not None and user.unit_name == p.unit
            and user.unit_jurisdiction == p.jurisdiction)


def acting_unit(user: CurrentUser, p: Project, what: str) -> str | None:
    """None for the office (admin), the reporter's unit for its own project; else 403."""
    require_writer(user)
    if user.is_admin:
        return None
    if not owns(user, p):
        raise PermissionDenied(f"项目“{p.name}”的责任单位是“{p.unit}”，您的单位（{user.unit_name}）"
                               f"不能{what}", hint="单位填报员只能处理本单位负责的项目")
    return user.unit_name


def parse_stage(value: str | None, what: str = "阶段") -> Stage | None:
    """None for nothing chosen; an unknown one gets the closest stages (400)."""
    if value is None or not value.strip():
        return None
    return stage_named(value, what)


def parse_light(value: str | None) -> Light | None:
    if not value:
        return None
    try:
        return Light.parse(value)
    except ValueError:
        raise InputError(f"亮灯“{value}”无法识别", hint="可选：红灯、黄灯、绿灯") from None


def parse_wan(value: Any, what: str) -> int | None:
    """A form's amount: a bare number is 万元 (the field says so), or a figure with its unit."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_amount(value, default_unit="万元")
    except AmountError as err:
        raise InputError(f"{what}：{err}", hint="请填写万元数，如 1200 或 0.5亿元") from None


def parse_month(value: str | None, today: dt.date) -> dt.date:
    if not value or not value.strip():
        return today.replace(day=1)
    try:
        return dt.date.fromisoformat(value.strip()[:7] + "-01")
    except ValueError:
        raise InputError(f"月份“{value}”不是有效月份", hint="请按 2026-03 的格式填写") from None


def list_filters(request: Request) -> dict[str, Any]:
    params = {k: v.strip() for k, v in request.query_params.items() if v.strip()}
    return {"params": params, "stage": parse_stage(params.get("stage")),
            "light": parse_light(params.get("light"))}


def filtered(request: Request, reg: Any, today: dt.date) -> tuple[list[Project], dict[str, Any]]:
    """The cached register filtered by the query string (zone by name or alias)."""
    f = list_filters(request)
    params = f["params"]
    listing = cache(request).listing(today)
    zone_names = None
    if params.get("zone"):
        z = reg.zone(params.get("jurisdiction"), params["zone"])
        zone_names = frozenset({z.name})
    found = matching(listing.projects, unit=params.get("unit"), stage=f["stage"],
                     light=f["light"], industry=params.get("industry"), query=params.get("q"),
                     zone_names=zone_names)
    return found, params


@router.get("/projects", include_in_schema=False)
def projects_page(request: Request, user: CurrentUser = Depends(current_user),
                  reg: Any = Depends(register)) -> Response:
    today = request.app.state.today()
    found, params = filtered(request, reg, today)
    try:
        page_no = max(1, int(params.get("page", "1")))
    except ValueError:
        page_no = 1
    pages = max(1, -(-len(found) // PAGE_SIZE))
    page_no = min(page_no, pages)
    lights = {light: 0 for light in Light}
    stages = {st: 0 for st in STAGES}
    for p in found:
        if p.light is not None:
            lights[p.light] += 1
        stages[p.stage] += 1
    listing = cache(request).listing(today)
    choices = listing.derived("choices", lambda: (
        sorted({p.unit for p in listing.projects}),
        sorted({p.industry for p in listing.projects if p.industry})))
    keep = {k: v for k, v in params.items() if k != "page"}
    return page(request, "projects.html", projects=found[(page_no - 1) * PAGE_SIZE:
                                                         page_no * PAGE_SIZE],
                total=len(found), page_no=page_no, pages=pages, params=params, keep=keep,
                lights=lights, stage_counts=stages, stages=STAGES,
                zones=listing.derived("zones", reg.zones), units=choices[0],
                industries=choices[1])


@router.get("/projects/{project_id}", include_in_schema=False)
def project_page(request: Request, project_id: int, user: CurrentUser = Depends(current_user),
                 lg: Any = Depends(ledger),
                 reg: Any = Depends(register)) -> Response:
    from taizhang.exports.project_chart import svg
    from taizhang.projects.timeline import build

    today = request.app.state.today()
    p = reg.get(project_id, today=today)
    reports = reg.reports(project_id)
    mine = user.is_admin or (user.role == "reporter" and owns(user, p))
    task = lg.get_item(p.task_id, today=today) if p.task_id else None
    nxt = p.next_stage
    return page(request, "project.html", p=p, reports=reports, last=reports[-1] if reports else None,
                blockers=reg.blockers(project_id=project_id), history=reg.history(project_id),
                timeline=svg(build([p], today), width=1000), can_act=mine, stages=STAGES,
                next_stage=nxt, levels=list(BlockerLevel), reply_days=REPLY_DAYS, task=task,
                month=today.replace(day=1), unsolved=UNSOLVED,
                my_unit=user.unit_name if user.role == "reporter" else None)


def _back(request: Request, project_id: int, message: str, kind: str = "ok") -> Response:
    flash(request, message, kind)
    return RedirectResponse(f"/projects/{project_id}", status_code=303)


@router.post("/projects/{project_id}/report", include_in_schema=False)
async def report_form(request: Request, project_id: int, user: CurrentUser = Depends(current_user),
                      reg: Any = Depends(register)) -> Response:
    from starlette.concurrency import run_in_threadpool
    from starlette.datastructures import UploadFile as FormFile

    from taizhang.web.routes.documents import read_limited, upload_name

    form = await request.form()
    today = request.app.state.today()
    settings = request.app.state.settings
    files = []
    for upload in form.getlist("evidence"):
        if isinstance(upload, FormFile) and upload.filename:
            name = upload_name(upload.filename)
            files.append((name, await read_limited(cast(Any, upload), settings.max_file_bytes,
                                                   name)))

    def text(name: str) -> str | None:
        value = form.get(name)
        return value if isinstance(value, str) else None

    version = str(form.get("version", ""))
    fields = {"month": text("month"), "invest": text("invest"), "total": text("total"),
              "image": text("image"), "text": text("text"), "problems": text("problems"),
              "stage": text("stage"), "stage_on": text("stage_on"),
              "version": int(version) if version.isdigit() else None}
    # in a thread: checking, saving proof and writing the report must not hold the event loop
    r = await run_in_threadpool(_submit_report, reg, user, project_id, fields, files, today,
                                settings)
    return _back(request, project_id, f"已报送 {r.month.year}年{r.month.month}月月报：本月完成 "
                                      f"{r.invest / 10**4:g} 万元，累计 {r.total / 10**4:g} 万元")


def _submit_report(reg: Any, user: CurrentUser, project_id: int, fields: dict[str, Any],
                   files: list[tuple[str, bytes]], today: dt.date, settings: Any) -> Any:
    """Who may report is checked first, then every field, and only then is proof saved; a
    refused report leaves no orphaned file behind."""
    unit = acting_unit(user, reg.get(project_id), "报送该项目的月报")
    update = ReportUpdate(
        project_id=project_id, month=parse_month(fields["month"], today), unit=unit,
        invest=parse_wan(fields["invest"], "本月完成投资"),
        total=parse_wan(fields["total"], "累计完成投资"), image=fields["image"],
        text=fields["text"], problems=fields["problems"], expected_version=fields["version"],
        stage=parse_stage(fields["stage"]), stage_on=parse_date(fields["stage_on"], "阶段日期"))
    evidence: list[str] = []
    folder = settings.evidence_dir / "projects"
    if files:
        evidence = save_evidence(folder, project_id, files, max_bytes=settings.max_file_bytes)
    try:
        return reg.report(ReportUpdate(**{**_fields(update), "evidence": tuple(evidence)}),
                          actor=user.username, today=today)
    except Exception:
        for rel in evidence:
            (folder / rel).unlink(missing_ok=True)
        raise


def _fields(update: ReportUpdate) -> dict[str, Any]:
    return {name: getattr(update, name) for name in update.__dataclass_fields__}


@router.post("/projects/{project_id}/stage", include_in_schema=False)
async def stage_form(request: Request, project_id: int, user: CurrentUser = Depends(current_user),
                     reg: Any = Depends(register)) -> Response:
    form = await request.form()
    p = reg.get(project_id)
    unit = acting_unit(user, p, "登记阶段")
    target = parse_stage(str(form.get("stage", "")))
    if target is None:
        raise InputError("没有选择阶段", hint="请选择项目进入的阶段")
    version = str(form.get("version", ""))
    after = reg.move_stage(project_id, target, actor=user.username,
                           today=request.app.state.today(),
                           on=parse_date(str(form.get("on", "")), "实际日期"), unit=unit,
                           expected_version=int(version) if version.isdigit() else None,
                           note=str(form.get("note", "")))
    return _back(request, project_id, f"已登记：{p.stage.label} → {after.stage.label}")


@router.post("/projects/{project_id}/plan", include_in_schema=False)
async def plan_form(request: Request, project_id: int, user: CurrentUser = Depends(current_user),
                    reg: Any = Depends(register)) -> Response:
    form = await request.form()
    p = reg.get(project_id)
    unit = acting_unit(user, p, "修改进度安排")
    target = parse_stage(str(form.get("stage", "")))
    if target is None:
        raise InputError("没有选择阶段", hint="请选择要安排的阶段")
    day = parse_date(str(form.get("planned", "")), "计划日期")
    version = str(form.get("version", ""))
    reg.set_plan(project_id, target, day, actor=user.username, unit=unit,
                 expected_version=int(version) if version.isdigit() else None)
    return _back(request, project_id, f"计划{target.label}：{day or '已清除'}")


@router.post("/projects/{project_id}/link", include_in_schema=False)
async def link_form(request: Request, project_id: int, user: CurrentUser = Depends(current_user),
                    reg: Any = Depends(register)) -> Response:
    require_admin(user)
    form = await request.form()
    raw = str(form.get("task_id", "")).strip()
    if raw and not raw.isdigit():
        raise InputError(f"任务编号“{raw}”不是数字", hint="填写任务页地址 /tasks/ 后面的编号")
    p = reg.link_task(project_id, int(raw) if raw else None, actor=user.username)
    return _back(request, project_id, f"已关联任务 #{p.task_id}" if p.task_id else "已解除关联")


@router.post("/projects/{project_id}/blockers", include_in_schema=False)
async def raise_form(request: Request, project_id: int, user: CurrentUser = Depends(current_user),
                     reg: Any = Depends(register)) -> Response:
    form = await request.form()
    p = reg.get(project_id)
    by_unit = acting_unit(user, p, "为该项目提出受阻问题")
    level = str(form.get("level", "zone")) or "zone"
    try:
        parsed = BlockerLevel.parse(level)
    except ValueError:
        raise InputError(f"协调层级“{level}”无法识别",
                         hint="可选：" + "、".join(lv.label for lv in BlockerLevel)) from None
    b = reg.raise_blocker(project_id, str(form.get("title", "")), actor=user.username,
                          today=request.app.state.today(), detail=str(form.get("detail", "")),
                          unit=str(form.get("unit", "")).strip() or None, by_unit=by_unit,
                          level=parsed, reply_due=parse_date(str(form.get("reply_due", "")),
                                                             "解决时限"))
    return _back(request, project_id, f"已登记受阻问题 {b.number}，由{b.unit}在 {b.reply_due} 前解决")


def _blocker_unit(user: CurrentUser, reg: Any, blocker_id: int, what: str) -> tuple[Any, str | None]:
    """The blocker and who acts on it: None for the office, else the reporter's own unit,
    which must be the project's or the one asked to solve it."""
    require_writer(user)
    b = reg.blocker(blocker_id)
    if user.is_admin:
        return b, None
    p = reg.get(b.project_id)
    if user.unit_name not in (p.unit, b.unit) or user.unit_jurisdiction != p.jurisdiction:
        raise PermissionDenied(f"{b.number} 不是您单位（{user.unit_name}）的问题，不能{what}",
                               hint="只能处理本单位项目的问题，或交给本单位解决的问题")
    return b, user.unit_name


@router.post("/projects/blockers/{blocker_id}/{action}", include_in_schema=False)
async def blocker_action(request: Request, blocker_id: int, action: str,
                         user: CurrentUser = Depends(current_user),
                         reg: Any = Depends(register)) -> Response:
    form = await request.form()
    today = request.app.state.today()
    text = str(form.get("text", "")).strip()
    if action == "reply":
        b, unit = _blocker_unit(user, reg, blocker_id, "回复")
        b = reg.reply_blocker(blocker_id, text, actor=user.username, unit=unit)
        message = f"已回复 {b.number}"
    elif action == "solve":
        b, unit = _blocker_unit(user, reg, blocker_id, "办结")
        b = reg.solve_blocker(blocker_id, text, actor=user.username, today=today, unit=unit)
        message = f"{b.number} 已登记为已解决，待督查室销号"
    elif action in ("close", "reopen", "escalate"):
        require_admin(user)
        if action == "close":
            b = reg.close_blocker(blocker_id, actor=user.username, today=today, note=text)
            message = f"{b.number} 已销号"
        elif action == "reopen":
            b = reg.reopen_blocker(blocker_id, actor=user.username, today=today, reason=text)
            message = f"{b.number} 已退回，重新计时至 {b.reply_due}"
        else:
            b = reg.escalate_blocker(blocker_id, actor=user.username, today=today,
                                     unit=str(form.get("unit", "")).strip() or None, reason=text)
            message = f"{b.number} 已升级为{b.level.label}协调，时限 {b.reply_due}"
    else:
        raise InputError(f"不认识的操作“{action}”", hint="可用：reply、solve、close、reopen、escalate")
    back = str(form.get("back", ""))
    flash(request, message)
    return RedirectResponse(back if back.startswith("/") and not back.startswith("//")
                            else f"/projects/{b.project_id}", status_code=303)


@router.get("/projects/{project_id}/evidence/{name}", include_in_schema=False)
def evidence_file(request: Request, project_id: int, name: str,
                  user: CurrentUser = Depends(current_user)) -> Response:
    from fastapi.responses import FileResponse

    from taizhang.errors import NotFound

    folder = (request.app.state.settings.evidence_dir / "projects" / str(project_id)).resolve()
    path = (folder / name).resolve()
    if path.parent != folder or not path.is_file():
        raise NotFound(f"佐证材料“{name}”不存在", hint="可能已被移走；请联系报送单位")
    return FileResponse(path, filename=name.split("-", 1)[-1])
