"""The Dask cluster a build runs on: a LocalCluster here, or a scheduler someone started.

    with open_client(None, workers=2) as client: …                     # this machine
    with open_client("tcp://10.0.0.5:8786", timeout=10) as client: …   # `dask scheduler` + `dask worker`

Whatever goes wrong before work starts (no answer, no workers, workers running other code)
is a :class:`~taizhang.errors.ClusterError` with a Chinese message; Dask's own English log
lines are kept quiet (the build reports in Chinese what happened).
"""
from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from taizhang.errors import ClusterError

_HINT_REMOTE = ("请确认已在该地址用 dask scheduler 启动调度器、端口正确且本机能访问；"
                "或去掉 --scheduler，在本机启动临时集群")


def _quiet() -> None:
    for name in ("distributed", "distributed.client", "distributed.scheduler", "distributed.worker",
                 "distributed.nanny", "distributed.core", "distributed.comm", "tornado"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


@contextmanager
def open_client(scheduler: str | None, *, workers: int | None = None,
                timeout: float = 10.0) -> Iterator[Any]:
    """A connected ``distributed.Client`` whose workers run this very code (same versions)."""
    _quiet()
    from distributed import Client, LocalCluster

    cluster = None
    if scheduler is None:
        n = workers or os.cpu_count() or 1
        try:
            # one thread per process: parsing is pure Python, threads would share one GIL
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.CRITICAL)
            client = Client(cluster, timeout=timeout)
        except Exception as err:  # noqa: BLE001 — any start-up failure is the same to the user
            if cluster is not None:
                cluster.close()
            raise ClusterError(f"无法在本机启动 Dask 工作进程（{type(err).__name__}：{err}）",
                               hint="请检查内存和进程数限制，或用 --workers 指定更少的进程") from None
    else:
        address = scheduler if "://" in scheduler else f"tcp://{scheduler}"
        try:
            client = Client(address, timeout=timeout)
        except Exception as err:  # OSError, TimeoutError, ValueError for a malformed address
            raise ClusterError(f"无法连接 Dask 调度器 {address}：{timeout:g} 秒内没有应答"
                               f"（{type(err).__name__}）", hint=_HINT_REMOTE) from None
        try:
            client.wait_for_workers(1, timeout=timeout)
        except Exception:  # noqa: BLE001
            client.close()
            raise ClusterError(f"Dask 调度器 {address} 上没有工作进程（{timeout:g} 秒内没有一个连上）",
                               hint="请在各节点运行 dask worker " + address) from None
    try:
        _check_versions(client)
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _check_versions(client: Any) -> None:
    from taizhang.corpus.versions import current
    from taizhang.corpus.work import worker_versions

    mine = tuple(current())
    try:
        theirs = client.run(worker_versions)
    except Exception as err:  # noqa: BLE001 — e.g. taizhang missing on a worker
        raise ClusterError(f"无法在工作进程上运行 taizhang（{type(err).__name__}：{err}）",
                           hint="请在每个工作节点上安装同一版本的 taizhang") from None
    odd = sorted(addr for addr, v in theirs.items() if tuple(v) != mine)
    if odd:
        raise ClusterError(f"{len(odd)} 个工作进程运行的 taizhang 代码与本机不同：{'、'.join(odd[:3])}",
                           hint="请在所有节点安装同一版本（同一提交）的 taizhang 后重启 dask worker")


def worker_count(client: Any) -> int:
    return len(client.scheduler_info().get("workers", {}))
