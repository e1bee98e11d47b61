"""Benchmark of 催办 (prints figures, never fails): digests for 500 units over 20,000 items.

1. gather: list the items with their lights, the occurrence reports and the 督办 notices, and
   make every unit's digest (the issue's budget: ≤ 5 s for 500 units over 20,000 items);
2. plan: the same with a contact for every unit and the sent-once records looked up;
3. render: every notice as mail text and HTML, and as 企业微信 markdown fitted to 4,096 bytes;
4. send: the whole run to an SMTP server on loopback (aiosmtpd, one connection for all mails),
   recording each notice; then a second run the same day (sends nothing).

Run: .venv/bin/python benchmarks/bench_remind.py [--items 20000] [--units 500] [--pg]
The ledger is made here (a temporary SQLite file, or a temporary PostgreSQL database with --pg).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import tempfile
import time
import uuid
from pathlib import Path

from taizhang.notify.formats import fit, html, markdown, plain
from taizhang.notify.runner import gather, plan, run
from taizhang.notify.settings import NotifySettings
from taizhang.parse.model import Assignment, Deadline, Document, Period, Task
from taizhang.store import Ledger
from taizhang.store.notify import NoticeBook

TODAY = dt.date(2026, 3, 2)
MORNING = dt.datetime(2026, 3, 2, 9, 0)


def documents(items: int, units: int, per_doc: int = 1000) -> list[Document]:
    """``items`` tasks over ``units`` units: due dates spread over the year (some past, some
    near), a fifth of them monthly, each with one supporting unit."""
    rnd = random.Random(15)
    names = [f"市第{i:03d}局" for i in range(units)]
    docs = []
    for d in range(0, items, per_doc):
        tasks = []
        for i in range(d, min(d + per_doc, items)):
            lead, support = names[i % units], names[(i * 7 + 3) % units]
            if rnd.random() < 0.2:
                deadline = Deadline("按月调度", None, "FREQ=MONTHLY", "recurring")
            else:
                due = dt.date(2026, 1, 1) + dt.timedelta(days=rnd.randrange(0, 365))
                deadline = Deadline(f"{due.month}月{due.day}日前", due.isoformat())
            text = f"推进第{i}项重点工作，确保按期完成。"
            tasks.append(Task(key=f"一/({i - d + 1})", section=("一、重点任务",), title=f"重点工作{i}",
                              text=text, span=(0, 1), assignments=(Assignment(
                                  text=text, span=(0, 1), lead=(lead,),
                                  support=(support,) if support != lead else (),
                                  deadlines=(deadline,)),)))
        docs.append(Document(source=f"bench{d}.txt", text=f"基准测试文件{d}",
                             title=f"沈阳市基准测试工作方案{d // per_doc}",
                             doc_number=f"沈政办发〔2026〕{d // per_doc + 1}号",
                             issuer="沈阳市人民政府办公厅", issued_on="2025-12-20",
                             period=Period("2026-01-01", "2026-12-31"), tasks=tuple(tasks)))
    return docs


def timed(label: str, fn, *args, **kw):  # noqa: ANN001, ANN002, ANN003, ANN201
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    took = time.perf_counter() - t0
    print(f"  {label}: {took:.2f} s")
    return out, took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=20_000)
    ap.add_argument("--units", type=int, default=500)
    ap.add_argument("--pg", action="store_true", help="也在 PostgreSQL（127.0.0.1:5432）上测")
    args = ap.parse_args()
    print(f"催办基准：{args.items} 项任务、{args.units} 个单位；机器 {os.cpu_count()} 核，"
          f"负载 {os.getloadavg()[0]:.1f}")
    urls = [("SQLite", None)] + ([("PostgreSQL", "pg")] if args.pg else [])
    for name, kind in urls:
        with tempfile.TemporaryDirectory() as tmp:
            url, cleanup = _database(kind, Path(tmp))
            try:
                _bench(name, url, args)
            finally:
                cleanup()


def _database(kind: str | None, tmp: Path):  # noqa: ANN202
    if kind is None:
        return f"sqlite:///{tmp / 'remind.db'}", lambda: None
    import psycopg

    db = f"taizhang_bench_{uuid.uuid4().hex[:8]}"
    admin = "postgresql://postgres@127.0.0.1:5432/postgres"
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{db}"')

    def drop() -> None:
        with psycopg.connect(admin, autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')

    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{db}", drop


def _bench(name: str, url: str, args: argparse.Namespace) -> None:
    print(f"\n== {name}")
    ledger = Ledger(url)
    t0 = time.perf_counter()
    for doc in documents(args.items, args.units):
        ledger.ingest(doc, actor="bench")
    print(f"  （准备）导入 {args.items} 项：{time.perf_counter() - t0:.1f} s")
    items = ledger.list_items()
    rnd = random.Random(7)
    for it in rnd.sample([i for i in items if i.due and i.due < TODAY], 50):
        ledger.issue_duban(it.id, actor="bench", today=dt.date(2026, 2, 25), reason="超期")
    monthly = [i for i in items if i.rrule][:500]
    for it in monthly:  # January answered for some: the rest are missing reports
        ledger.report(it.id, unit=it.lead, actor="bench", today=dt.date(2026, 2, 2),
                      percent=10, occurrence=dt.date(2026, 1, 31))
    book = NoticeBook(ledger)
    got, t_gather = timed("1. 计算各单位当日催办（gather）", gather, ledger, book, TODAY)
    entries = sum(len(d.entries) for d in got.digests.values())
    print(f"     {len(got.digests)} 个单位有待办，共 {entries} 条；预算 5 s，"
          f"用时为预算的 {t_gather / 5:.0%}")
    for u in ledger.list_units():
        book.add_contact(channel="email", address=f"u{u.id}@example.gov.cn", unit=u.name,
                         jurisdiction=u.jurisdiction, actor="bench")
    settings = _mail_settings()
    planned, t_plan = timed("2. 计划（含每个联系人的已发记录）", plan, ledger, book, settings,
                            today=TODAY, now=MORNING)

    def render() -> int:
        size = 0
        for n in planned.notices:
            size += len(plain(n.message)) + len(html(n.message))
            size += len(fit(n.message, lambda m: markdown(m, "wecom").encode(), 4096)[1])
        return size

    size, t_render = timed(f"3. 生成 {len(planned.notices)} 条消息（文本、HTML、企业微信 markdown）",
                           render)
    box = _smtp()
    try:
        result, t_send = timed("4. 整次运行：计算、经本机 SMTP 发送并记录", run, ledger,
                               _with_port(settings, box.port), today=TODAY, now=MORNING,
                               actor="bench", holder="bench")
        print(f"     已发送 {result.count('sent')} 封，失败 {result.count('failed')} 封，"
              f"每封 {1000 * t_send / max(result.count('sent'), 1):.1f} ms")
        again, t_again = timed("   同一天再运行一次", run, ledger, _with_port(settings, box.port),
                               today=TODAY, now=MORNING, actor="bench", holder="bench")
        print(f"     再次运行发送 {again.count('sent')} 封（应为 0）")
    finally:
        box.controller.stop()
    ledger.close()
    print(f"  小结：gather {t_gather:.2f} s（≤ 5 s），plan {t_plan:.2f} s，render {t_render:.2f} s，"
          f"send {t_send:.2f} s，重复运行 {t_again:.2f} s")


def _mail_settings() -> NotifySettings:
    return NotifySettings(smtp_host="127.0.0.1", smtp_security="none",
                          smtp_from="台账督查室 <duchashi@example.gov.cn>",
                          base_url="https://taizhang.example.gov.cn", backoff=0.01)


def _with_port(settings: NotifySettings, port: int) -> NotifySettings:
    from dataclasses import replace

    return replace(settings, smtp_port=port)


class _Box:
    def __init__(self) -> None:
        import socket

        from aiosmtpd.controller import Controller

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.count = 0

        box = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201
                box.count += 1
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()


def _smtp() -> _Box:
    return _Box()


if __name__ == "__main__":
    main()
