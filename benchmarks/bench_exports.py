"""How fast the 台账 travels: write a 20,000-item xlsx and read it back (targets 5 s and 10 s).

    .venv/bin/python benchmarks/bench_exports.py              # pure: writer and reader/planner
    .venv/bin/python benchmarks/bench_exports.py --store      # also through a real SQLite ledger

Prints figures and their ratio to the target; never passes or fails on time.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from taizhang.exports.ics import write_ics
from taizhang.exports.listing import write_csv
from taizhang.exports.progress_import import plan_progress, read_progress_sheet
from taizhang.exports.word import write_monthly_report
from taizhang.exports.xlsx import write_fillin, write_ledger
from taizhang.ledger.model import Light, Report, Status, WorkItem

WRITE_TARGET, IMPORT_TARGET = 5.0, 10.0
UNITS = ("市发展改革委", "市财政局", "市商务局", "市工业和信息化局", "市科技局", "市自然资源局",
         "市住房城乡建设局", "市交通运输局", "市农业农村局", "市生态环境局")
LIGHTS = (Light.GREEN, Light.GREEN, Light.YELLOW, Light.RED)


def make_items(n: int) -> list[WorkItem]:
    """Items shaped like real ones: a 60–120 character measure, two supporting units, a report."""
    items = []
    for i in range(1, n + 1):
        lead = UNITS[i % len(UNITS)]
        text = (f"第{i}项：加快推进开发区体制机制创新，推行“管委会+平台公司”运营管理模式，"
                "完善招商引资政策，到2020年底前完成改革任务，形成可复制可推广的经验。" * (1 + i % 2))
        report = Report(id=i, item_id=i, unit=lead, actor=lead, at=dt.datetime(2026, 4, 28),
                        status=Status.IN_PROGRESS, percent=i % 100, text="已召开推进会，正在落实。")
        items.append(WorkItem(
            id=i, document_id=1 + i // 1000, task_key=f"二/({i % 9 + 1})/{i}", seq=1,
            title=f"推进第{i}项重点工作任务", text=text, jurisdiction="沈阳市", lead=lead,
            support=(UNITS[(i + 3) % len(UNITS)], "各区县(市)政府"), leaders=("顾春明",),
            due=dt.date(2020, 12, 31), due_implied=bool(i % 3 == 0), start=dt.date(2018, 1, 1),
            status=Status.IN_PROGRESS, percent=i % 100, version=2,
            document_title=f"沈阳市第{1 + i // 1000}号专项行动计划(2018-2020年)",
            doc_number=f"沈政办发〔2018〕{1 + i // 1000}号", light=LIGHTS[i % 4],
            last_report=report))
    return items


def timed(label: str, fn, target: float | None = None) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    took = time.perf_counter() - start
    ratio = f"   {took / target:.2f} × target ({target:.0f} s)" if target else ""
    print(f"{label:<44}{took:7.2f} s{ratio}")
    return took


def edit_rows(path: Path, every: int) -> int:
    """Change 进展情况 of every n-th row of each sheet, as a department would; returns the count."""
    book = openpyxl.load_workbook(path)
    count = 0
    for ws in book.worksheets:
        if ws.title == "_taizhang":
            continue
        header = {c.value: c.column for c in ws[3]}
        for row in range(4, ws.max_row + 1, every):
            ws.cell(row, header["进展情况"]).value = f"第{row}行：本月新增进展。"
            count += 1
    book.save(path)
    return count


def pure(n: int, folder: Path) -> None:
    items = make_items(n)
    current = {i.id: i for i in items}
    path = folder / "ledger.xlsx"
    print(f"{n:,} items, {len({i.document_id for i in items})} documents")
    timed("write 台账 xlsx (by document)", lambda: write_ledger(items, path, today=dt.date(2026, 5, 15)),
          WRITE_TARGET)
    print(f"{'  file size':<44}{path.stat().st_size / 1e6:7.2f} MB")
    timed("write 台账 xlsx (by unit)", lambda: write_ledger(items, folder / "u.xlsx", by="unit"),
          WRITE_TARGET)
    timed("write fill-in sheet (one unit, all rows)",
          lambda: write_fillin(items, folder / "f.xlsx", unit=UNITS[0]), WRITE_TARGET)
    result: dict[str, object] = {}
    timed("import: read + check every row (untouched)",
          lambda: result.update(changes=plan_progress(read_progress_sheet(path), current)),
          IMPORT_TARGET)
    assert result["changes"] == []
    edited = edit_rows(path, 10)
    timed(f"import: read + check, {edited:,} rows edited",
          lambda: result.update(changes=plan_progress(read_progress_sheet(path), current)),
          IMPORT_TARGET)
    assert len(result["changes"]) == edited  # type: ignore[arg-type]
    stamp = dt.datetime(2026, 5, 15, tzinfo=dt.timezone.utc)
    timed("write .ics", lambda: write_ics(items, folder / "a.ics", name="x", stamp=stamp))
    timed("write csv", lambda: write_csv(items, folder / "a.csv"))
    timed("write monthly report docx",
          lambda: write_monthly_report(items, folder / "r.docx", today=dt.date(2026, 5, 15)))


def through_store(n: int, folder: Path) -> None:
    """The CLI's path: items from SQLite, sheet out, 10% edited, checked and applied at once."""
    from taizhang.parse.model import Assignment, Document, Period, Task
    from taizhang.store import Ledger

    ledger = Ledger(f"sqlite:///{folder / 'bench.db'}")
    per_doc = 1000

    def ingest() -> None:
        for d in range(n // per_doc):
            tasks = tuple(
                Task(key=str(k), section=(), title=f"第{d}-{k}项任务", text=f"推进第{d}-{k}项工作。",
                     span=(0, 1), assignments=(Assignment(
                         text=f"推进第{d}-{k}项工作。", span=(0, 1), lead=(UNITS[k % 10],),
                         support=(UNITS[(k + 1) % 10],)),))
                for k in range(1, per_doc + 1))
            doc = Document(source=f"bench{d}.txt", text=f"bench {d}", title=f"基准文件{d}",
                           doc_number=f"沈政发〔2026〕{d + 1}号",
                           period=Period("2026-01-01", "2026-12-31"), tasks=tasks)
            ledger.ingest(doc, actor="bench", jurisdiction="沈阳市")

    print(f"\nthrough a SQLite ledger ({n:,} items)")
    timed("  (setup) ingest", ingest)
    today = dt.date(2026, 5, 15)
    path = folder / "store.xlsx"
    timed("export: list_items + write xlsx",
          lambda: write_ledger(ledger.list_items(today=today), path, today=today), WRITE_TARGET)
    edited = edit_rows(path, 10)
    box: dict[str, object] = {}

    def import_back() -> None:
        marks = [time.perf_counter()]
        sheet = read_progress_sheet(path)
        marks.append(time.perf_counter())
        current = {i.id: i for i in ledger.list_items(include_drafts=True)}
        marks.append(time.perf_counter())
        changes = plan_progress(sheet, current)
        marks.append(time.perf_counter())
        ledger.apply_progress([c.update for c in changes], actor="bench", today=today)
        marks.append(time.perf_counter())
        box["n"] = len(changes)
        box["steps"] = [b - a for a, b in zip(marks, marks[1:])]

    timed(f"import-progress: {edited:,} edited rows applied", import_back, IMPORT_TARGET)
    read, listed, planned, applied = box["steps"]  # type: ignore[misc]
    print(f"  of which: read {read:.2f} s, list current items {listed:.2f} s, check "
          f"{planned:.2f} s, Ledger.apply_progress {applied:.2f} s "
          f"({applied / edited * 1000:.2f} ms a report)")
    assert box["n"] == edited
    ledger.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=20_000)
    parser.add_argument("--store", action="store_true", help="also time the SQLite path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pure(args.n, Path(tmp))
        if args.store:
            through_store(args.n, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
