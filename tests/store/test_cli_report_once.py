"""`taizhang report` records a report on every item confirmed as the same work (只报一次), and
`taizhang stats` (read-only SQLite path) counts exactly as Ledger.stats — SQLite and PostgreSQL."""
from __future__ import annotations

import datetime as dt

from taizhang.ledger.model import Status
from taizhang.store import Ledger
from taizhang.store import links as store_links

from .test_cli_walkthrough import Cli, cli  # noqa: F401 (the fixture)

UNIT = "市发展改革委"
TODAY = "2019-06-01"


def _two_led_by(ledger: Ledger, unit: str) -> tuple[int, int]:
    led = [i for i in ledger.list_items(unit=unit, jurisdiction="沈阳市", role="lead")
           if not i.rrule]
    docs: dict[int, int] = {}
    for item in led:  # one from each of two documents, as a real link would be
        docs.setdefault(item.document_id, item.id)
    first, second = list(docs.values())[:2]
    return first, second


def test_report_is_recorded_on_linked_items(cli: Cli, db_url: str) -> None:  # noqa: F811
    with Ledger(db_url) as ledger:
        a, b = _two_led_by(ledger, UNIT)
        store_links.confirm(ledger, a, b, actor="admin", unit=UNIT)
        before_b = ledger.get_item(b)
    code, out, err = cli("report", str(a), "--unit", UNIT, "--percent", "35",
                         "--text", "两项合并推进，已完成方案", "--today", TODAY)
    assert code == 0, err
    assert f"已报送：任务 {a}" in out
    assert "已同步到关联事项（只报一次）" in out and f"任务 {b}（推进中，进度 35%）" in out
    with Ledger(db_url) as ledger:
        ra, rb = ledger.reports(a)[-1], ledger.reports(b)[-1]
        assert (ra.text, ra.percent, rb.text, rb.percent) == (
            "两项合并推进，已完成方案", 35, "两项合并推进，已完成方案", 35)
        assert ledger.get_item(b).version == before_b.version + 1
        trail = [e for e in ledger.history(b) if e.action == "link.report"]
        assert [(e.after["from_item"], e.after["report_id"]) for e in trail] == [(a, rb.id)]
    # without a link nothing is said about linked items
    with Ledger(db_url) as ledger:
        store_links.remove(ledger, a, b, actor="admin")
    code, out, err = cli("report", str(a), "--unit", UNIT, "--percent", "40", "--today", TODAY)
    assert code == 0 and "关联事项" not in out
    with Ledger(db_url) as ledger:
        assert ledger.reports(b)[-1].percent == 35


def test_a_refused_linked_report_writes_nothing(cli: Cli, db_url: str) -> None:  # noqa: F811
    with Ledger(db_url) as ledger:
        a, b = _two_led_by(ledger, UNIT)
        store_links.confirm(ledger, a, b, actor="admin", unit=UNIT)
        seen = ledger.get_item(a).version
    code, out, err = cli("report", str(a), "--unit", UNIT, "--percent", "50",
                         "--version", str(seen + 3), "--today", TODAY)
    assert code == 3 and "已被他人修改" in err
    with Ledger(db_url) as ledger:
        assert ledger.reports(a) == [] and ledger.reports(b) == []


def test_stats_counts_as_the_ledger(cli: Cli, db_url: str) -> None:  # noqa: F811
    with Ledger(db_url) as ledger:
        a, b = _two_led_by(ledger, UNIT)
        ledger.report(a, unit=UNIT, actor="u", today=dt.date(2019, 5, 1), status=Status.DONE,
                      text="完成")
        ledger.set_status(b, Status.IN_PROGRESS, actor="o")
        expected = [u.to_dict() for u in ledger.stats(today=dt.date.fromisoformat(TODAY),
                                                      jurisdiction="沈阳市")]
    assert cli.json("stats", "--jurisdiction", "沈阳市", "--today", TODAY) == expected
    assert any(u["done"] for u in expected) and any(u["overdue"] for u in expected)
