"""PNG charts of the corpus analyses: the diffusion curve, unit load, the co-responsibility network.

Each takes the rows of the analysis's SQL (as the CLI prints them) and writes a PNG with a
Chinese font found by :func:`taizhang.analysis.drawing.find_cjk_font` (a clear error without
one). The file is written under a temporary name and renamed, so a failed drawing leaves none.
"""
from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import Any

from taizhang.errors import InputError


def _plt() -> Any:
    from taizhang.analysis.drawing import find_cjk_font

    family = find_cjk_font()
    import matplotlib

    matplotlib.use("Agg")  # no display on servers
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = family
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def _save(fig: Any, plt: Any, path: Path) -> Path:
    tmp = path.with_name(f".{path.stem}.part.png")
    try:
        fig.savefig(tmp, bbox_inches="tight")
    finally:
        plt.close(fig)
    os.replace(tmp, path)
    return path


def _rows(con: Any, sql: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    rel = con.sql(sql)
    return list(rel.columns), rel.fetchall()


def diffusion_png(con: Any, sql: str, path: Path, *, top: int = 8) -> Path:
    """Cumulative places per year, one line per cited number (the ``top`` most adopted)."""
    _, rows = _rows(con, sql)  # number, year, new, cumulative, names
    curves: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, year, _new, total, *_ in rows:
        curves[number].append((int(year), int(total)))
    if not curves:
        raise InputError("没有可画的扩散数据（没有被两个以上地区引用的文号）",
                         hint="可用 --min-places 1 放宽，或先确认语料库中文件的引用")
    best = sorted(curves, key=lambda n: (-curves[n][-1][1], n))[:top]
    plt = _plt()
    fig, ax = plt.subplots(figsize=(10, 6), dpi=110)
    for number in best:
        xs = [y for y, _ in curves[number]]
        ys = [c for _, c in curves[number]]
        ax.step(xs, ys, where="post", marker="o", label=number)
    ax.set_xlabel("年份")
    ax.set_ylabel("累计采纳地区数")
    ax.set_title("政策扩散：引用（贯彻）各文件的地区数")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=9)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _save(fig, plt, path)


def load_png(con: Any, sql: str, path: Path, *, top: int = 20) -> Path:
    """Horizontal bars: lead and support tasks of the ``top`` busiest units."""
    _, rows = _rows(con, f"SELECT * FROM ({sql}) LIMIT {int(top)}")
    if not rows:
        raise InputError("没有可画的单位负担数据", hint="请检查 --place 是否写对（如 大连市）")
    labels = [f"{r[1]}（{r[0]}）" for r in rows][::-1]
    lead = [r[2] for r in rows][::-1]
    support = [r[3] for r in rows][::-1]
    plt = _plt()
    fig, ax = plt.subplots(figsize=(10, 0.4 * len(rows) + 1.5), dpi=110)
    ax.barh(labels, lead, color="#c0392b", label="牵头")
    ax.barh(labels, support, left=lead, color="#2e86c1", label="配合")
    ax.set_xlabel("任务数")
    ax.set_title("单位负担（语料库全部文件）")
    ax.legend()
    ax.grid(axis="x", alpha=0.3)
    return _save(fig, plt, path)


def network_png(con: Any, sql: str, path: Path, *, top: int = 80, title: str = "") -> Path:
    """The ``top`` strongest ties drawn as :func:`taizhang.analysis.drawing.draw_png` draws them."""
    import networkx as nx

    from taizhang.analysis.drawing import draw_png

    _, rows = _rows(con, f"SELECT * FROM ({sql}) LIMIT {int(top)}")
    if not rows:
        raise InputError("没有可画的协同关系", hint="请检查 --place 是否写对（如 大连市）")
    g = nx.Graph()
    for _place, a, b, tasks, *_ in rows:
        g.add_edge(a, b, weight=float(tasks))
    tmp = path.with_name(f".{path.stem}.part.png")
    draw_png(g, tmp, title=title or "协同网络（共同承担任务最多的单位）")
    os.replace(tmp, path)
    return path
