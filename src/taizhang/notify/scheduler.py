"""The optional daily 催办 inside ``taizhang serve`` (``--remind-at 08:30``).

A plain thread that wakes once a minute, not APScheduler: there is one job a day, and what
matters is that several web workers (separate processes, perhaps on separate hosts) send it
once — APScheduler does not coordinate processes (its documentation rules out sharing a job
store between them), so a guard in the database would be needed anyway. The guard is the
ledger's own: the ``remind`` lease row (one run at a time, cron's included), then a
``done:<day>`` row that tells the other workers the day is sent; and should two runs still
follow each other, the sent-once records make the second send nothing.
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from typing import Any

from taizhang.errors import LedgerError
from taizhang.notify.settings import NotifySettings

log = logging.getLogger("taizhang.remind")
DONE_TTL = dt.timedelta(days=2)


class Scheduler:
    """Runs the day's 催办 once ``remind_at`` has passed, once per day across all workers."""

    def __init__(self, ledger: Any, settings: NotifySettings, *,
                 today: Callable[[], dt.date] = dt.date.today,
                 now: Callable[[], dt.datetime] = dt.datetime.now, interval: float = 60.0,
                 sleep: Callable[[float], None] | None = None) -> None:
        if settings.remind_at is None:
            raise ValueError("remind_at is not set")
        self.ledger = ledger
        self.settings = settings
        self.today = today
        self.now = now
        self.interval = interval
        self.sleep = sleep
        self.holder = f"serve@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._done: dt.date | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="taizhang-remind", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:  # noqa: BLE001 - a bad minute must not end the schedule
                log.exception("催办定时任务出错，下一分钟重试")
            self._stop.wait(self.interval)

    def tick(self) -> Any:
        """One look at the clock: the run's result when this worker sent the day, else None."""
        from taizhang.notify.runner import run
        from taizhang.store.notify import NoticeBook

        assert self.settings.remind_at is not None
        now = self.now()
        day = self.today()
        if now.time() < self.settings.remind_at or self._done == day:
            return None
        book = NoticeBook(self.ledger)
        marker = f"done:{day.isoformat()}"
        if book.holder(marker) is not None:  # another worker sent today's
            self._done = day
            return None
        try:
            extra = {"sleep": self.sleep} if self.sleep is not None else {}
            result = run(self.ledger, self.settings, today=day,
                         now=dt.datetime.combine(day, now.time()), actor="定时催办",
                         holder=self.holder, **extra)
        except LedgerError:  # another run holds the lease: look again next minute
            return None
        book.acquire(marker, self.holder, DONE_TTL)
        self._done = day
        log.warning("催办已发送：%s 条成功，%s 条失败，%s 条推迟", result.count("sent"),
                    result.count("failed"), result.count("deferred"))
        return result
