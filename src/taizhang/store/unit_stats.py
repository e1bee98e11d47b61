"""Per-unit statistics from listed items: the one computation behind ``Ledger.stats`` and the
read-only SQLite path of ``taizhang stats``.

Standard library and the pure ledger only (no SQLAlchemy): ``taizhang stats`` on an SQLite
file lists items through :mod:`taizhang.store.sqlite_read`, as ``taizhang tasks`` does, and
counts them here, so it is no slower than ``tasks`` and counts exactly as the Ledger does.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from taizhang.ledger.lights import is_overdue
from taizhang.ledger.model import FINISHED, Light, UnitStats, WorkItem

_COUNTS = ("lead", "support", "done", "overdue", "on_time", "red", "yellow")


def unit_stats(items: Iterable[WorkItem], today: dt.date) -> list[UnitStats]:
    """Per lead/support unit: counts, done, overdue and on-time, most lead work first.

    ``items`` carry their lights for ``today`` (list them with ``today=``).
    """
    table: dict[tuple[str, str], dict[str, int]] = {}

    def row(place: str, name: str) -> dict[str, int]:
        found = table.get((place, name))
        if found is None:
            found = table[(place, name)] = dict.fromkeys(_COUNTS, 0)
        return found

    for item in items:
        for name in item.support:
            row(item.jurisdiction, name)["support"] += 1
        if not item.lead:
            continue
        r = row(item.jurisdiction, item.lead)
        r["lead"] += 1
        if item.status in FINISHED:
            r["done"] += 1
            if item.due is None or (item.completed_on and item.completed_on <= item.due):
                r["on_time"] += 1
        if is_overdue(item, today):
            r["overdue"] += 1
        if item.light is Light.RED:
            r["red"] += 1
        elif item.light is Light.YELLOW:
            r["yellow"] += 1
    out = [UnitStats(jurisdiction=k[0], unit=k[1], **v) for k, v in table.items()]
    return sorted(out, key=lambda u: (-u.lead, -u.support, u.jurisdiction, u.unit))
