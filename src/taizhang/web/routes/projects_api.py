"""/api for the project register: the same reads and writes as the pages, the same roles and
refusals (a unit's reporter works on its own projects; 403 otherwise), in the OpenAPI schema."""
from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field

from taizhang.errors import InputError
from taizhang.projects.model import BlockerLevel, ReportUpdate
from taizhang.web.actions import parse_date
from taizhang.web.auth import CurrentUser, require_admin
from taizhang.web.deps import current_user, register
from taizhang.web.routes.project_views import ranking
from taizhang.web.routes.projects import (
    _blocker_unit,
    acting_unit,
    filtered,
    parse_month,
    parse_stage,
    parse_wan,
)

router = APIRouter(prefix="/api", tags=["项目库接口"])


class ProjectReportIn(BaseModel):
    month: str | None = Field(None, description="报送月份，如 2026-03；默认本月")
    invest: str | None = Field(None, description="本月完成投资：万元数（如 1200）或带单位（0.5亿元）")
    total: str | None = Field(None, description="累计完成投资，与本月完成投资填一项即可")
    image: str | None = Field(None, description="形象进度；不填沿用上月")
    text: str | None = Field(None, description="进展情况；不填沿用上月")
    problems: str | None = Field(None, description="存在问题；不填沿用上月")
    stage: str | None = Field(None, description="同时登记进入的新阶段，如 开工")
    stage_on: str | None = Field(None, description="新阶段的实际日期，默认今天")
    expected_version: int | None = Field(None, description="乐观锁：读取时的版本号")


class StageIn(BaseModel):
    stage: str = Field(..., description="进入的阶段：洽谈、签约、注册、开工、投产、达产")
    on: str | None = Field(None, description="实际日期，默认今天")
    note: str = ""
    expected_version: int | None = None


class BlockerIn(BaseModel):
    title: str = Field(..., description="受阻问题，如：用地指标尚未落实")
    detail: str = ""
    level: str = Field("园区", description="协调层级：园区、区县、市级、市领导")
    unit: str | None = Field(None, description="负责解决的单位（园区层级默认园区管委会）")
    reply_due: str | None = Field(None, description="解决时限，默认按层级 15/10/7/5 天")


class BlockerActionIn(BaseModel):
    text: str = Field("", description="回复内容、解决情况、销号说明或升级理由")
    unit: str | None = Field(None, description="升级时改由哪个单位负责解决")


@router.get("/projects", summary="项目列表（筛选：zone、unit、stage、light、industry、q）")
def projects(request: Request, limit: int = 200, offset: int = 0,
             user: CurrentUser = Depends(current_user), reg: Any = Depends(register)) -> Any:
    found, _ = filtered(request, reg, request.app.state.today())
    limit = max(1, min(limit, 5000))
    offset = max(0, offset)
    return {"total": len(found), "projects": [p.to_dict() for p in found[offset:offset + limit]]}


@router.get("/projects/ranking", summary="排座次：各园区（by=zone）或单位（by=unit）的指标和得分")
def project_ranking(request: Request, by: str = "zone", year: int | None = None,
                    user: CurrentUser = Depends(current_user), reg: Any = Depends(register)) -> Any:
    if by not in ("zone", "unit"):
        raise InputError(f"排名方式“{by}”无法识别", hint="可选：zone（园区）、unit（单位）")
    return [g.to_dict() for g in ranking(request, reg, by, year)]


@router.get("/projects/zones", summary="已登记的开发区/园区")
def zones(user: CurrentUser = Depends(current_user), reg: Any = Depends(register)) -> Any:
    return [z.to_dict() for z in reg.zones()]


@router.get("/projects/{project_id}", summary="项目详情（含亮灯、月报、受阻问题）")
def project(request: Request, project_id: int, user: CurrentUser = Depends(current_user),
            reg: Any = Depends(register)) -> Any:
    return {"project": reg.get(project_id, today=request.app.state.today()).to_dict(),
            "reports": [r.to_dict() for r in reg.reports(project_id)],
            "blockers": [b.to_dict() for b in reg.blockers(project_id=project_id)]}


@router.get("/projects/{project_id}/history", summary="项目留痕")
def history(project_id: int, user: CurrentUser = Depends(current_user),
            reg: Any = Depends(register)) -> Any:
    return [e.to_dict() for e in reg.history(project_id)]


@router.post("/projects/{project_id}/reports", summary="报送月报（单位填报员只能报本单位的项目）")
def report(request: Request, project_id: int, body: ProjectReportIn,
           user: CurrentUser = Depends(current_user), reg: Any = Depends(register)) -> Any:
    today = request.app.state.today()
    unit = acting_unit(user, reg.get(project_id), "报送该项目的月报")
    r = reg.report(ReportUpdate(
        project_id=project_id, month=parse_month(body.month, today), unit=unit,
        invest=parse_wan(body.invest, "本月完成投资"), total=parse_wan(body.total, "累计完成投资"),
        image=body.image, text=body.text, problems=body.problems,
        expected_version=body.expected_version, stage=parse_stage(body.stage),
        stage_on=parse_date(body.stage_on, "阶段日期")), actor=user.username, today=today)
    return {"report": r.to_dict(), "project": reg.get(project_id, today=today).to_dict()}


@router.post("/projects/{project_id}/stage", summary="登记进入下一阶段（只能逐级向前）")
def stage(request: Request, project_id: int, body: StageIn,
          user: CurrentUser = Depends(current_user), reg: Any = Depends(register)) -> Any:
    unit = acting_unit(user, reg.get(project_id), "登记阶段")
    target = parse_stage(body.stage)
    if target is None:
        raise InputError("没有给出阶段", hint="如 开工")
    return reg.move_stage(project_id, target, actor=user.username,
                          today=request.app.state.today(), on=parse_date(body.on, "实际日期"),
                          unit=unit, expected_version=body.expected_version,
                          note=body.note).to_dict()


@router.post("/projects/{project_id}/blockers", summary="提出受阻问题（按年度编号）")
def raise_blocker(request: Request, project_id: int, body: BlockerIn,
                  user: CurrentUser = Depends(current_user), reg: Any = Depends(register)) -> Any:
    by_unit = acting_unit(user, reg.get(project_id), "为该项目提出受阻问题")
    try:
        level = BlockerLevel.parse(body.level)
    except ValueError:
        raise InputError(f"协调层级“{body.level}”无法识别",
                         hint="可选：" + "、".join(lv.label for lv in BlockerLevel)) from None
    return reg.raise_blocker(project_id, body.title, actor=user.username,
                             today=request.app.state.today(), detail=body.detail,
                             unit=body.unit, by_unit=by_unit, level=level,
                             reply_due=parse_date(body.reply_due, "解决时限")).to_dict()


@router.post("/project-blockers/{blocker_id}/{action}",
             summary="受阻问题：reply 回复、solve 解决、close 销号、reopen 退回、escalate 升级")
def blocker_action(request: Request, blocker_id: int, action: str, body: BlockerActionIn,
                   user: CurrentUser = Depends(current_user), reg: Any = Depends(register)) -> Any:
    today = request.app.state.today()
    if action in ("reply", "solve"):
        _, unit = _blocker_unit(user, reg, blocker_id, "回复" if action == "reply" else "办结")
        if action == "reply":
            return reg.reply_blocker(blocker_id, body.text, actor=user.username,
                                     unit=unit).to_dict()
        return reg.solve_blocker(blocker_id, body.text, actor=user.username, today=today,
                                 unit=unit).to_dict()
    require_admin(user)
    if action == "close":
        return reg.close_blocker(blocker_id, actor=user.username, today=today,
                                 note=body.text).to_dict()
    if action == "reopen":
        return reg.reopen_blocker(blocker_id, actor=user.username, today=today,
                                  reason=body.text).to_dict()
    if action == "escalate":
        return reg.escalate_blocker(blocker_id, actor=user.username, today=today,
                                    unit=body.unit, reason=body.text).to_dict()
    raise InputError(f"不认识的操作“{action}”", hint="可用：reply、solve、close、reopen、escalate")


@router.post("/project-blockers/escalate-due", summary="按今天把逾期未解决的问题逐级升级（管理员）")
def escalate_due(request: Request, user: CurrentUser = Depends(current_user),
                 reg: Any = Depends(register)) -> Any:
    require_admin(user)
    done = reg.escalate_due(actor=user.username, today=request.app.state.today())
    return [{"blocker": b.to_dict(),
             "steps": [{"from": s.source.value, "to": s.target.value, "on": s.on.isoformat(),
                        "reply_due": s.reply_due.isoformat()} for s in steps]}
            for b, steps in done]
