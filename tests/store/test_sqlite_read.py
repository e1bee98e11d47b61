"""The read-only SQLite path (taizhang.store.sqlite_read) gives exactly what the Ledger gives.

Both read the same database: a ledger with the five seeds, varied copies (over 500 items, so
the large-list queries run), reports on plain and recurring items, status changes, a draft, a
new version, an alias and a merge. Every filter combination the CLI offers is compared item by
item (ids, order, fields, lights and their reasons), and the errors must read the same.
"""
from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from taizhang.errors import TaizhangError
from taizhang.ledger.model import DocState, Light, Status
from taizhang.parse import parse
from taizhang.store import Ledger
from taizhang.store.sqlite_read import Reader, open_reader, sqlite_file

SAMPLES = sorted((Path(__file__).parents[2] / "samples").glob("*.txt"))
NUMBER = re.compile(r"〔(\d{4})〕(\d+)号")
TODAYS = [dt.date(2018, 6, 10), dt.date(2019, 1, 1), dt.date(2021, 3, 1), dt.date(2030, 1, 1)]


def _varied(path: Path, batch: int) -> Any:
    """A seed as another distinct document (its own 发文字号 and title), as the benchmark does."""
    text = NUMBER.sub(lambda m: f"〔{m[1]}〕{int(m[2]) + 1000 * batch}号", path.read_text("utf-8"))
    doc = parse(text + f"\n（第{batch}批）\n", source=f"b{batch}_{path.name}")
    return doc._replace(title=f"{doc.title}（第{batch}批）")


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = f"sqlite:///{tmp_path_factory.mktemp('read') / 'ledger.db'}"
    with Ledger(url, clock=lambda: dt.datetime(2018, 7, 1, 9, 30)) as ledger:
        for batch in (0, 1, 2):
            for path in SAMPLES:
                doc = parse(path.read_text("utf-8"), source=path.name) if batch == 0 \
                    else _varied(path, batch)
                ledger.ingest(doc, actor="test", jurisdiction="沈阳市" if "004" in path.name
                              else None, draft=(batch == 2 and "003" in path.name))
        items = ledger.list_items(unit="市发展改革委", jurisdiction="沈阳市", role="lead")
        plain = [i for i in items if not i.rrule and i.due]
        recurring = [i for i in ledger.list_items() if i.rrule and i.lead]
        assert len(plain) > 3 and recurring, "the seeds should give dated and recurring work"
        day = dt.date(2018, 6, 10)
        ledger.report(plain[0].id, unit="市发改委", actor="t", today=day, percent=40, text="设计")
        ledger.report(plain[0].id, unit="市发展改革委", actor="t", today=day, percent=60)
        ledger.report(plain[1].id, unit="市发展改革委", actor="t", today=day,
                      status=Status.DONE)
        ledger.set_status(plain[2].id, Status.IN_PROGRESS, actor="t", unit="市发展改革委")
        ledger.set_status(plain[2].id, Status.LAGGING, actor="t", unit="市发展改革委")
        ledger.set_status(plain[3].id, Status.SUSPENDED, actor="t")
        rec = recurring[0]
        for _ in range(2):  # two occurrences answered, the rest missing
            ledger.report(rec.id, unit=rec.lead or "", actor="t", today=dt.date(2019, 1, 1))
        first = parse(SAMPLES[1].read_text("utf-8"), source=SAMPLES[1].name)
        ledger.ingest(first._replace(text=first.text + "\n（修订）\n"), actor="t")
        ledger.add_alias("沈阳市", "市发改局", "市发展改革委", actor="t")
        ledger.merge_units("沈阳市", "市外经贸局", "市发展改革委", actor="t")
        assert len(ledger.list_items(include_drafts=True)) > 500
    yield url


@pytest.fixture(scope="module")
def both(url: str) -> Iterator[tuple[Ledger, Reader]]:
    reader = open_reader(url)
    assert reader is not None, "a migrated SQLite ledger file takes the fast path"
    with Ledger(url) as ledger, reader:
        yield ledger, reader


FILTERS = [
    pytest.param({}, id="all"),
    pytest.param({"overdue": True}, id="overdue"),
    pytest.param({"unit": "市发展改革委", "jurisdiction": "沈阳市"}, id="unit"),
    pytest.param({"unit": "市发改委", "jurisdiction": "沈阳市", "role": "lead"}, id="alias_lead"),
    pytest.param({"unit": "市发改局", "jurisdiction": "沈阳市", "role": "support"},
                 id="added_alias_support"),
    pytest.param({"unit": "市外经贸局", "jurisdiction": "沈阳市"}, id="merged_unit"),
    pytest.param({"jurisdiction": "吉林省"}, id="jurisdiction"),
    pytest.param({"document": 2}, id="document_id"),
    pytest.param({"document": "沈政办发〔2018〕78号"}, id="document_number"),
    pytest.param({"document": SAMPLES[0].name}, id="document_source"),
    pytest.param({"status": Status.PENDING}, id="status"),
    pytest.param({"status": [Status.DONE, Status.LAGGING, Status.SUSPENDED]}, id="statuses"),
    pytest.param({"light": Light.YELLOW}, id="yellow"),
    pytest.param({"light": Light.RED, "limit": 7}, id="red_limit"),
    pytest.param({"due_before": dt.date(2018, 12, 31)}, id="due_before"),
    pytest.param({"due_after": dt.date(2019, 1, 1), "due_before": dt.date(2020, 12, 31)},
                 id="due_range"),
    pytest.param({"include_drafts": True}, id="drafts"),
    pytest.param({"limit": 5}, id="limit_small"),
    pytest.param({"limit": 600}, id="limit_large"),
    pytest.param({"overdue": True, "unit": "市发展改革委", "jurisdiction": "沈阳市",
                  "role": "lead", "limit": 40}, id="combined"),
]


@pytest.mark.parametrize("today", TODAYS, ids=str)
@pytest.mark.parametrize("options", FILTERS)
def test_items_are_the_same(both: tuple[Ledger, Reader], options: dict[str, Any],
                            today: dt.date) -> None:
    ledger, reader = both
    expected = ledger.list_items(today=today, **options)
    got = reader.list_items(today=today, **options)
    assert [i.id for i in got] == [i.id for i in expected]
    assert [(i.light, i.light_reasons) for i in got] == \
        [(i.light, i.light_reasons) for i in expected]
    assert got == expected  # every field, the last report included


def test_the_comparison_sees_lights_reports_and_several_documents(
        both: tuple[Ledger, Reader]) -> None:
    """Guard against a vacuous comparison: the data has what the fields are about."""
    found = both[1].list_items(today=dt.date(2019, 1, 1))
    assert {i.light for i in found} == set(Light)
    assert any(i.last_report for i in found) and any(i.support for i in found)
    assert any("缺" in r for i in found for r in i.light_reasons)  # missing recurring reports
    assert len({i.document_id for i in found}) > 10


def test_items_without_today_carry_no_light(both: tuple[Ledger, Reader]) -> None:
    ledger, reader = both
    assert reader.list_items(limit=50) == ledger.list_items(limit=50)


@pytest.mark.parametrize("options", [
    pytest.param({}, id="current"),
    pytest.param({"all_versions": True}, id="all_versions"),
    pytest.param({"state": DocState.DRAFT}, id="drafts"),
    pytest.param({"jurisdiction": "辽宁省", "state": DocState.PUBLISHED}, id="place"),
])
def test_documents_are_the_same(both: tuple[Ledger, Reader], options: dict[str, Any]) -> None:
    ledger, reader = both
    assert reader.list_documents(**options) == ledger.list_documents(**options)


@pytest.mark.parametrize("options", [
    pytest.param({"unit": "市教育厅局", "jurisdiction": "沈阳市"}, id="unknown_unit"),
    pytest.param({"unit": "省发展改革委"}, id="ambiguous_unit"),
    pytest.param({"document": "没有这个文件"}, id="unknown_document"),
    pytest.param({"document": 99999}, id="unknown_document_id"),
    pytest.param({"unit": "市发展改革委", "jurisdiction": "沈阳市", "role": "boss"}, id="role"),
    pytest.param({"overdue": True, "today": None}, id="overdue_needs_today"),
])
def test_errors_are_the_same(both: tuple[Ledger, Reader], options: dict[str, Any]) -> None:
    ledger, reader = both
    options = {"today": dt.date(2019, 1, 1), **options}
    with pytest.raises(TaizhangError) as expected:
        ledger.list_items(**options)
    with pytest.raises(TaizhangError) as got:
        reader.list_items(**options)
    assert (type(got.value), str(got.value)) == (type(expected.value), str(expected.value))


def test_only_a_plain_existing_file_at_head_takes_the_fast_path(url: str, tmp_path: Path) -> None:
    path = url.removeprefix("sqlite:///")
    assert sqlite_file(url) == Path(path)
    for other in ("sqlite://", "sqlite:///:memory:", f"{url}?mode=ro",
                  f"sqlite:///{tmp_path / 'missing.db'}", "postgresql://postgres@127.0.0.1/x"):
        assert open_reader(other) is None, other
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"not a database at all" * 100)
    assert open_reader(f"sqlite:///{broken}") is None  # the Ledger explains, exit 4
    old = tmp_path / "old.db"
    old.write_bytes(Path(path).read_bytes())
    import sqlite3

    with sqlite3.connect(old) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    assert open_reader(f"sqlite:///{old}") is None  # the Ledger migrates it first


def test_tasks_command_reads_without_sqlalchemy(url: str) -> None:
    """The point of the fast path: `taizhang tasks` on SQLite never imports SQLAlchemy."""
    code = ("import sys\nfrom taizhang.cli import main\n"
            f"try:\n    main(['tasks', '--overdue', '--today', '2019-01-01', '--db', {url!r}])\n"
            "except SystemExit:\n    pass\n"
            "print('SQLALCHEMY', 'sqlalchemy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert "共 " in out and out.rstrip().endswith("SQLALCHEMY False")


@pytest.mark.parametrize("args", [
    pytest.param(["tasks", "--overdue", "--today", "2019-01-01"], id="tasks_overdue"),
    pytest.param(["tasks", "--unit", "市发改委", "--jurisdiction", "沈阳市", "--today",
                  "2018-06-10", "--limit", "30"], id="tasks_unit"),
    pytest.param(["tasks", "--light", "黄", "--today", "2021-03-01", "--format", "json"],
                 id="tasks_json"),
    pytest.param(["tasks", "--unit", "市教育厅局", "--jurisdiction", "沈阳市"], id="tasks_error"),
    pytest.param(["documents", "--all-versions"], id="documents"),
    pytest.param(["documents", "--state", "draft", "--format", "json"], id="documents_json"),
])
def test_cli_prints_the_same_either_way(url: str, args: list[str],
                                        capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    from taizhang.cli import main
    from taizhang.store import sqlite_read

    def run() -> tuple[int, str, str]:
        try:
            code = main([*args, "--db", url])
        except SystemExit as stop:
            code = stop.code
        out = capsys.readouterr()
        return int(code or 0), out.out, out.err

    capsys.readouterr()
    fast = run()
    monkeypatch.setattr(sqlite_read, "open_reader", lambda *a, **k: None)  # the Ledger path
    assert run() == fast
    assert fast[1] or fast[2]
