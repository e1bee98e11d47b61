"""The whole trip on a real SQLite ledger, through the CLI: office sheet in → fill-in sheet out →
cells edited with openpyxl → import-progress → exactly the edited items change, audited."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from icalendar import Calendar

from taizhang.cli import main
from taizhang.exports import labels as L
from taizhang.ledger.model import Status
from taizhang.store import Ledger

from .sample_sheet import make_office_sheet

TODAY = "2023-07-15"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'taizhang.db'}"
    monkeypatch.setenv("TAIZHANG_DB", url)
    monkeypatch.chdir(tmp_path)
    return url


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
        code = 0
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def ledger_db(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    sheet = make_office_sheet(tmp_path / "分解表.xlsx")
    code, out, err = run(capsys, "import-sheet", str(sheet), "--jurisdiction", "沈阳市", "--create")
    assert code == 0, err
    assert "新导入" in out
    return db


def _edit(path: Path, changes: dict[tuple[int, str], object]) -> None:
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    header = {c.value: c.column for c in ws[3]}
    rows = {L.parse_id_token(ws.cell(r, header[L.ID_HEADER]).value)[0]: r
            for r in range(4, ws.max_row + 1)}
    for (item_id, column), value in changes.items():
        ws.cell(rows[item_id], header[column]).value = value
    book.save(path)


def _snapshot(url: str) -> dict[int, dict[str, object]]:
    with Ledger(url) as ledger:
        return {i.id: i.to_dict() for i in ledger.list_items()}


def test_fillin_round_trip(ledger_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unit = "市政务服务办"
    code, out, _ = run(capsys, "export", "xlsx", "--for-unit", unit, "--today", TODAY,
                       "-o", "fill.xlsx")
    assert code == 0 and "已导出 3 项任务" in out
    with Ledger(ledger_db) as ledger:
        mine = ledger.list_items(unit=unit)
    assert {i.title for i in mine} == {"推进政务服务“一网通办”", "压减工程建设项目审批时限"}
    a, b = sorted(i.id for i in mine if i.lead == unit)[:2]
    before = _snapshot(ledger_db)
    _edit(tmp_path / "fill.xlsx", {(a, "状态"): "推进中", (a, "完成百分比"): 60,
                                   (a, "进展情况"): "平台主体已建成", (b, "存在问题"): "联调进度慢"})

    code, out, err = run(capsys, "import-progress", "fill.xlsx", "--today", TODAY)
    assert code == 0, err
    assert "状态：待签收 → 推进中" in out and "完成百分比：0 → 60" in out
    assert "已导入 2 项更新" in out

    after = _snapshot(ledger_db)
    changed = {i for i in after if after[i] != before[i]}
    assert changed == {a, b}
    assert after[a]["status"] == "in_progress" and after[a]["percent"] == 60
    assert after[a]["last_report"]["text"] == "平台主体已建成"
    assert after[b]["last_report"]["problems"] == "联调进度慢"
    with Ledger(ledger_db) as ledger:
        trail = ledger.history(a)
    report = [e for e in trail if e.actor == f"cli:{unit}"]
    assert report, [e.to_dict() for e in trail]

    # the same file again: already applied, nothing to do, nothing refused as stale
    code, out, err = run(capsys, "import-progress", "fill.xlsx", "--today", TODAY)
    assert code == 0 and "没有需要更新的内容" in out, err
    assert _snapshot(ledger_db) == after


def test_stale_row_refuses_the_whole_file(ledger_db: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "export", "xlsx", "--today", TODAY, "-o", "all.xlsx")
    assert code == 0
    with Ledger(ledger_db) as ledger:
        items = ledger.list_items()
        first, other = items[0], items[1]
        ledger.report(first.id, unit=first.lead, actor="web:someone",
                      today=dt.date(2023, 7, 15), text="网页上先报了")
    before = _snapshot(ledger_db)
    _edit(tmp_path / "all.xlsx", {(first.id, "进展情况"): "表格里后报", (other.id, "状态"): "推进中"})
    code, _, err = run(capsys, "import-progress", "all.xlsx", "--today", TODAY)
    assert code == 2
    assert "错误：" in err and "导出后已被修改" in err and "未导入任何内容" in err
    assert _snapshot(ledger_db) == before  # the good row was not applied either


def test_illegal_status_refused(ledger_db: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "export", "xlsx", "--for-unit", "市司法局", "--today", TODAY, "-o", "f.xlsx")
    with Ledger(ledger_db) as ledger:
        (item,) = ledger.list_items(unit="市司法局")
    _edit(tmp_path / "f.xlsx", {(item.id, "状态"): "已销号"})
    before = _snapshot(ledger_db)
    code, _, err = run(capsys, "import-progress", "f.xlsx")
    assert code == 2 and "第4行“状态”列" in err and "“待签收”改为“已销号”" in err
    assert _snapshot(ledger_db) == before


@pytest.mark.parametrize("content,message", [
    pytest.param(b"not a spreadsheet", "不是 xlsx 文件", id="not_xlsx"),
    pytest.param(None, "找不到“编号（勿改）”列", id="office_sheet_without_ids"),
])
def test_bad_files_exit_2(ledger_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                          content: bytes | None, message: str) -> None:
    path = tmp_path / "bad.xlsx"
    if content is None:
        make_office_sheet(path)
    else:
        path.write_bytes(content)
    code, _, err = run(capsys, "import-progress", str(path))
    assert code == 2 and message in err


def test_every_format_exports(ledger_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt, name in (("xlsx", "a.xlsx"), ("ics", "a.ics"), ("csv", "a.csv"), ("json", "a.json"),
                      ("md", "a.md"), ("report", "a.docx")):
        code, out, err = run(capsys, "export", fmt, "--today", TODAY, "-o", name)
        assert code == 0, (fmt, err)
        assert (tmp_path / name).stat().st_size > 0
    assert not list(tmp_path.glob(".taizhang-*"))  # no temporary files left behind
    cal = Calendar.from_ical((tmp_path / "a.ics").read_bytes())
    assert len(cal.walk("VTODO")) == 7  # 长期坚持 too: it takes the period end, implied
    by_unit = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert by_unit.worksheets[0]["A1"].value.startswith("《2023年优化营商环境")


def test_notice_export(ledger_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    with Ledger(ledger_db) as ledger:
        (item,) = ledger.list_items(unit="市司法局")
        notice = ledger.issue_duban(item.id, actor="t", today=dt.date(2023, 7, 15),
                                    reason="已超过完成时限15天")
    code, out, err = run(capsys, "export", "notice", "--notice", notice.number, "--today", TODAY)
    assert code == 0, err
    path = tmp_path / f"{notice.number}.docx"
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert notice.number in text and "市司法局：" in text and "已超过完成时限15天" in text


def test_export_refusals(ledger_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "export", "ics", "--for-unit", "市财政局")
    assert code == 2 and "--for-unit 只用于 xlsx" in err
    code, _, err = run(capsys, "export", "xlsx", "-o", "-")
    assert code == 2 and "不能输出到屏幕" in err
    code, _, err = run(capsys, "export", "report", "--month", "五月")
    assert code == 2 and "月份“五月”无法识别" in err


def test_import_sheet_dry_run_writes_nothing(db: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import-sheet", str(make_office_sheet(tmp_path / "s.xlsx")),
                       "--dry-run")
    assert code == 0 and "识别出 7 项任务，未写入" in out
    assert _snapshot(db) == {}


def test_office_imports_the_whole_ledger(ledger_db: str, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(capsys, "export", "xlsx", "--by", "unit", "--today", TODAY, "-o", "u.xlsx")
    assert code == 0
    with Ledger(ledger_db) as ledger:
        (item,) = ledger.list_items(unit="市税务局", role="lead")
    assert "市税务局" in openpyxl.load_workbook(tmp_path / "u.xlsx").sheetnames
    _edit_sheet(tmp_path / "u.xlsx", "市税务局", {"状态": "推进中", "进展情况": "政策已全部落地"})
    code, out, err = run(capsys, "import-progress", "u.xlsx", "--today", TODAY)
    assert code == 0, err
    assert "（市税务局）" in out  # reported on behalf of the lead unit
    with Ledger(ledger_db) as ledger:
        now = ledger.get_item(item.id)
        trail = ledger.history(item.id)
    assert now.status is Status.IN_PROGRESS and now.version == item.version + 1
    assert any(e.actor == "cli:督查室" for e in trail)


def _edit_sheet(path: Path, sheet: str, values: dict[str, object]) -> None:
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    header = {c.value: c.column for c in ws[3]}
    for column, value in values.items():
        ws.cell(4, header[column]).value = value
    book.save(path)
