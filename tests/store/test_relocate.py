"""Moving a document stored under the wrong place (taizhang jurisdictions --apply), on SQLite and
PostgreSQL: items, lead and support units and reports go along, unused units of the old place
go, one audit entry says what happened, and a second review finds nothing to change."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import create_engine, text

from taizhang.store import Ledger

from .conftest import snapshot
from .ledger_samples import jilin, shenyang


def test_a_misplaced_document_moves_with_its_units_and_reports(db_url: str) -> None:
    with Ledger(db_url) as ledger:
        ledger.ingest(shenyang(), actor="test")
        # as before issue 16: --jurisdiction 沈阳市 placed the whole batch, 吉政发 included
        wrong = ledger.ingest(jilin()._replace(issuer=None, doc_number=None), actor="test",
                              jurisdiction="沈阳市").document
    engine = create_engine(db_url)
    with engine.begin() as conn:  # the old ingest kept the document's own issuer and number
        conn.execute(text("UPDATE documents SET issuer = '吉林省人民政府', "
                          "doc_number = '吉政发〔2016〕41号' WHERE id = :d"), {"d": wrong.id})
    engine.dispose()
    with Ledger(db_url) as ledger:
        item = ledger.list_items(document=wrong.id)[0]
        ledger.report(item.id, unit=item.lead, actor="u", today=dt.date(2017, 3, 1), percent=20,
                      text="已启动")
        before = snapshot(db_url)
        found = ledger.review_jurisdictions()
        assert snapshot(db_url) == before  # reviewing writes nothing
        [move] = [f for f in found if f.changes]
        assert (move.stored, move.proposed) == ("沈阳市", "吉林省")
        assert move.evidence == ("发文机关 吉林省人民政府 → 吉林省",)
        assert ledger.relocate(found, actor="督查室") == len(ledger.list_items(document=wrong.id))
        moved = ledger.get_item(item.id)
        assert (moved.jurisdiction, moved.lead, moved.support) == ("吉林省", "市发展改革委",
                                                                  ("省财政厅",))
        # 市发展改革委 is also 沈阳市's (the Shenyang plan names it): it stays there too
        assert {u.name for u in ledger.list_units(jurisdiction="沈阳市")} >= {"市发展改革委"}
        assert "省财政厅" not in {u.name for u in ledger.list_units(jurisdiction="沈阳市")}
        assert {u.name for u in ledger.list_units(jurisdiction="吉林省")} == {"市发展改革委",
                                                                            "省财政厅"}
        entry = ledger.audit_log(entity="document", entity_id=wrong.id)[-1]
        assert entry.action == "document.jurisdiction" and entry.actor == "督查室"
        assert entry.after["units_removed"] == ["沈阳市·省财政厅"]
        assert not [f for f in ledger.review_jurisdictions() if f.changes]
    engine = create_engine(db_url)
    with engine.connect() as conn:  # the report follows its unit to 吉林省
        place = conn.execute(text("SELECT u.jurisdiction FROM reports r JOIN units u "
                                  "ON u.id = r.unit_id WHERE r.item_id = :i"),
                             {"i": item.id}).scalar_one()
    engine.dispose()
    assert place == "吉林省"
