"""What a notice says, before any channel shapes it: a digest, the monthly 通报, a test.

A :class:`Message` is sections of lines, each line maybe a link and an entry key; channels
(:mod:`taizhang.notify.formats`) turn it into mail text, HTML or a robot's markdown, and keep
only as many lines as their size limit allows (:meth:`Message.first`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from taizhang.ledger.model import UnitStats
from taizhang.ledger.reminders import Digest
from taizhang.notify.settings import NotifySettings

ROLE = {"lead": "牵头", "support": "配合"}
SIGNATURE = "本消息由台账系统自动发送，每个单位每天至多一条；如有疑问请联系督查室。"


@dataclass(frozen=True, slots=True)
class Line:
    text: str
    link: str | None = None
    key: str | None = None  # the entry this line says (recorded when it is sent)
    item_id: int | None = None


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    urgent: bool
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Message:
    kind: str  # digest | monthly | test
    subject: str
    title: str
    greeting: str
    intro: str
    sections: tuple[Section, ...]
    links: tuple[tuple[str, str], ...] = ()  # (label, url) at the end
    more: str = ""  # what to say about lines left out for size
    signature: str = SIGNATURE
    omitted: int = 0

    @property
    def size(self) -> int:
        return sum(len(s.lines) for s in self.sections)

    def first(self, n: int) -> "Message":
        """The message with only its first ``n`` lines (in section order); empty sections go."""
        left, kept = n, []
        for s in self.sections:
            take = s.lines[:max(left, 0)]
            left -= len(take)
            if take:
                kept.append(replace(s, lines=take))
        return replace(self, sections=tuple(kept), omitted=self.omitted + max(self.size - n, 0))

    def keys(self) -> list[tuple[str, int | None]]:
        return [(ln.key, ln.item_id) for s in self.sections for ln in s.lines if ln.key]


def _date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def digest_message(digest: Digest, settings: NotifySettings) -> Message:
    """A unit's digest: one section per kind, most urgent first."""
    sections = []
    for kind, entries in digest.sections():
        lines = tuple(
            Line(f"{e.title}（{ROLE.get(e.role, e.role)}）：{e.detail}",
                 settings.link(e.link) if e.link else None, e.key, e.item_id)
            for e in entries)
        sections.append(Section(f"{kind.heading}（{len(entries)}项）", kind.late, lines))
    total = sum(len(s.lines) for s in sections)
    page = settings.link(f"/units/{digest.unit_id}")
    links = tuple((label, url) for label, url in (
        ("本单位任务与填报", page),
        ("下载本单位填报表（xlsx）", settings.link(f"/units/{digest.unit_id}/fillin.xlsx")))
        if url)
    return Message(
        kind="digest", subject=digest.subject, title=f"【催办】{digest.unit}",
        greeting=f"{digest.unit}：",
        intro=f"截至{_date(digest.today)}，贵单位在台账中有以下{total}项事项需要办理：",
        sections=tuple(sections), links=links,
        more=f"请登录台账查看全部事项{('：' + page) if page else ''}")


def bulletin_message(stats: Sequence[UnitStats], lights: dict[str, int], today: dt.date,
                     settings: NotifySettings) -> Message:
    """The monthly 通报 to the leaders: the lights, then units ranked by completion."""
    leads = [u for u in stats if u.lead]

    def rank(u: UnitStats) -> tuple[float, int, int, str]:
        return (-(u.done / u.lead), u.overdue, -u.lead, u.unit)

    ranked = sorted(leads, key=rank)
    rows = tuple(
        Line(f"{u.jurisdiction}{u.unit}：牵头{u.lead}项，完成{u.done}项"
             f"（{round(100 * u.done / u.lead)}%），超期{u.overdue}项，红灯{u.red}、黄灯{u.yellow}")
        for u in ranked)
    late = sorted((u for u in leads if u.overdue), key=lambda u: (-u.overdue, u.unit))
    late_rows = tuple(Line(f"{u.jurisdiction}{u.unit}：超期{u.overdue}项") for u in late)
    total = sum(lights.values())
    summary = (f"截至{_date(today)}，台账在办任务{total}项：红灯{lights.get('red', 0)}项、"
               f"黄灯{lights.get('yellow', 0)}项、绿灯{lights.get('green', 0)}项。")
    sections = [Section(f"各单位完成情况排名（{len(rows)}个单位，按完成率）", False, rows)]
    if late_rows:
        sections.insert(0, Section(f"有超期任务的单位（{len(late_rows)}个）", True, late_rows))
    month = f"{today.year}年{today.month}月"
    links = tuple((label, url) for label, url in (
        ("总览", settings.link("/")), ("各单位统计", settings.link("/units")),
        ("月度调度报告（docx）", settings.link("/export/monthly.docx"))) if url)
    return Message(kind="monthly", subject=f"【通报】{month}任务落实情况", title=f"【通报】{month}任务落实情况",
                   greeting="各位领导：", intro=summary, sections=tuple(sections), links=links,
                   more="其余单位请在台账“单位”页查看")


def test_message(contact_label: str, today: dt.date, settings: NotifySettings) -> Message:
    """The "发送测试" message: proves the channel works, names nothing of the ledger."""
    links = (("台账", url),) if (url := settings.link("/")) else ()
    return Message(kind="test", subject="【测试】台账催办通道测试", title="【测试】台账催办通道测试",
                   greeting="您好：",
                   intro=f"这是一条测试消息（{_date(today)}），说明“{contact_label}”可以收到台账的催办提醒。",
                   sections=(), links=links)
