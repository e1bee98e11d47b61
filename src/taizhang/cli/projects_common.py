"""What the ``taizhang projects`` commands share: the place option, months, stages, amounts.

Names that match nothing are refused with the closest known ones (taizhang.ledger.names), as
for every other command: a stage (``施工`` → 可用：策划储备、洽谈 …, exit 2), a place
(``--jurisdiction 沈阳`` → 是不是：沈阳市？, exit 3); zones and units are checked by the store
(taizhang.store.project_zones, taizhang.store.units), which knows their names.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

import click

from taizhang.cli.ledger_common import parse_date
from taizhang.errors import InputError

jurisdiction_option = click.option("--jurisdiction", default=None, metavar="地区",
                                   help="所属地区，如 沈阳市（同名园区或单位在多个地区时必填）")


def parse_month(value: str | None, today: dt.date) -> dt.date:
    """``2026-03`` · ``2026.3`` · ``2026年3月`` → 2026-03-01; None → today's month."""
    if value is None:
        return today.replace(day=1)
    m = re.fullmatch(r"\s*((?:19|20)\d{2})\s*[-./年]\s*(\d{1,2})\s*月?\s*", value)
    if m is None or not 1 <= int(m.group(2)) <= 12:
        raise InputError(f"月份“{value}”无法识别", hint="请写成 2026-03 或 2026年3月")
    return dt.date(int(m.group(1)), int(m.group(2)), 1)


def parse_stage(value: str) -> Any:
    from taizhang.projects.lifecycle import stage_named

    return stage_named(value)


def parse_money(value: str | None, what: str) -> int | None:
    from taizhang.projects.amounts import AmountError, parse_amount

    try:
        return parse_amount(value)
    except AmountError as err:
        reason = "没有单位" if err.reason.startswith("没有单位") else err.reason
        raise InputError(f"{what}“{err.text}”{reason}", hint="请带单位，如 5.2亿元 或 3500万元") from None


def stage_dates(pairs: tuple[str, ...], what: str) -> dict[Any, dt.date | None]:
    """``("开工=2026-06-30",)`` → {Stage.STARTED: 2026-06-30}."""
    out = {}
    for pair in pairs:
        stage, sep, day = pair.partition("=")
        if not sep:
            raise InputError(f"{what}“{pair}”应写成 阶段=日期", hint="如 开工=2026-06-30")
        out[parse_stage(stage)] = parse_date(day, f"{stage}的日期")
    return out


def money(yuan: int | None) -> str:
    from taizhang.projects.amounts import format_amount

    return format_amount(yuan) or "—"


def day_text(day: dt.date | None) -> str:
    return day.isoformat() if day else "—"


def check_new_place(ledger: Any, jurisdiction: str, *, new_place: bool) -> None:
    """A zone's place the ledger has not seen. Unlike a document's (ingest only warns: a new
    place starts so), a zone under a misspelt place would make a second place and a second
    管委会: a place that looks like a known one (沈阳 / 沈阳市) is refused unless
    ``--new-place`` says it is meant; an unrelated new one is taken, with a note."""
    from taizhang.errors import NotFound
    from taizhang.ledger.names import unknown_message

    known = ledger.jurisdictions()
    if jurisdiction in known or new_place:
        return
    message, hint = unknown_message("地区", jurisdiction, known)
    if "是不是" in hint:
        raise NotFound(message, hint=f"{hint}；确是新地区请加 --new-place")
    click.echo(f"提示：地区“{jurisdiction}”是台账中的新地区", err=True)
