"""Pictures of the co-responsibility network: a PNG (matplotlib) and an SVG string for the web.

Both use one deterministic layout (spring layout, fixed seed), node size by weighted degree
and edge width by tie weight, so the CLI picture and the web page show the same thing.
Chinese labels need a CJK font; matplotlib silently draws boxes without one, so we look for
one by name and refuse clearly instead.
"""
from __future__ import annotations

import math
from html import escape
from pathlib import Path

import networkx as nx

from taizhang.errors import TaizhangError

# Families tried in order; Debian's fonts-noto-cjk provides the first ones.
CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Noto Sans CJK JP", "Source Han Sans SC",
                "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "SimHei",
                "Microsoft YaHei", "PingFang SC", "AR PL UMing CN", "Droid Sans Fallback")
SVG_FONTS = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"


class FontMissing(TaizhangError):
    """No font that can draw Chinese is installed."""


def find_cjk_font() -> str:
    """The first installed CJK family name, or FontMissing saying how to install one."""
    from matplotlib import font_manager

    for attempt in range(2):
        installed = {f.name for f in font_manager.fontManager.ttflist}
        for family in CJK_FAMILIES:
            if family in installed:
                return family
        if attempt == 0:
            # matplotlib keeps the font list of its first run in a cache: a font installed since
            # (the hint below) is only seen once the list is built again
            font_manager.fontManager = font_manager._load_fontmanager(try_read_cache=False)
    raise FontMissing("找不到能显示中文的字体，无法绘制网络图",
                      hint="请安装中文字体（Debian/Ubuntu：apt-get install fonts-noto-cjk），"
                           "然后重试；或改用 --svg / --graphml 输出")


def layout(g: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions in [0, 1]², the same for PNG and SVG.

    Kamada–Kawai on hop distance: deterministic, and unlike a weighted spring layout it does
    not pile the busy core (发改委, 财政局, 经信委) on top of each other. Large graphs (over
    300 units) fall back to a seeded spring layout, which is much cheaper.
    """
    if g.number_of_nodes() == 0:
        return {}
    if g.number_of_nodes() <= 300:
        pos = nx.kamada_kawai_layout(g, weight=None)
    else:
        pos = nx.spring_layout(g, weight="weight", seed=seed,
                               k=1.6 / math.sqrt(g.number_of_nodes()))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    return {n: ((float(p[0]) - min(xs)) / span_x, (float(p[1]) - min(ys)) / span_y)
            for n, p in pos.items()}


def _sizes(g: nx.Graph) -> dict[str, float]:
    strength = dict(g.degree(weight="weight"))
    top = max(strength.values(), default=1.0) or 1.0
    return {n: 0.15 + 0.85 * math.sqrt(s / top) for n, s in strength.items()}


def draw_png(g: nx.Graph, path: str | Path, *, title: str = "") -> Path:
    """Write the network as a PNG; the picture ``taizhang network --png`` makes."""
    family = find_cjk_font()
    import matplotlib

    matplotlib.use("Agg")  # no display on servers
    import matplotlib.pyplot as plt

    plt.rcParams["font.family"] = family
    plt.rcParams["axes.unicode_minus"] = False
    pos = layout(g)
    size = _sizes(g)
    top_w = max((d["weight"] for _, _, d in g.edges(data=True)), default=1.0)
    fig, ax = plt.subplots(figsize=(14, 11), dpi=110)
    for a, b, d in g.edges(data=True):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        ax.plot([x1, x2], [y1, y2], color="#8899aa", alpha=0.25 + 0.6 * d["weight"] / top_w,
                linewidth=0.4 + 4.0 * d["weight"] / top_w, zorder=1)
    for n in g:
        x, y = pos[n]
        led = g.nodes[n].get("led", 0)
        ax.scatter([x], [y], s=1800 * size[n] ** 2, color="#c0392b" if led else "#2e86c1",
                   alpha=0.85, zorder=2, edgecolors="white")
        ax.text(x, y, n, ha="center", va="center", fontsize=7 + 6 * size[n], zorder=3,
                bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.6})
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=16)
    out = Path(path)
    fig.savefig(out, bbox_inches="tight")
    plt.close(fig)
    return out


def svg(g: nx.Graph, *, width: int = 960, height: int = 720, title: str = "") -> str:
    """A self-contained SVG string (server-made, no script) for the web page."""
    pos = layout(g)
    size = _sizes(g)
    top_w = max((d["weight"] for _, _, d in g.edges(data=True)), default=1.0)
    pad = 60

    def xy(n: str) -> tuple[float, float]:
        x, y = pos[n]
        return pad + x * (width - 2 * pad), pad + (1 - y) * (height - 2 * pad)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'width="{width}" height="{height}" font-family="{SVG_FONTS}" role="img" '
             f'aria-label="{escape(title or "协同网络")}">']
    if title:
        parts.append(f'<title>{escape(title)}</title>')
    for a, b, d in sorted(g.edges(data=True), key=lambda e: e[2]["weight"]):
        (x1, y1), (x2, y2) = xy(a), xy(b)
        w = d["weight"] / top_w
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
                     f'stroke="#8899aa" stroke-opacity="{0.25 + 0.6 * w:.2f}" '
                     f'stroke-width="{0.5 + 5 * w:.1f}"><title>{escape(a)}—{escape(b)}：'
                     f'{d["weight"]:g}</title></line>')
    for n in sorted(g, key=lambda n: size[n]):
        x, y = xy(n)
        r = 6 + 22 * size[n]
        fill = "#c0392b" if g.nodes[n].get("led", 0) else "#2e86c1"
        info = f'{n}：牵头{g.nodes[n].get("led", 0)}项，配合{g.nodes[n].get("supported", 0)}项'
        parts.append(f'<g><title>{escape(info)}</title><circle cx="{x:.1f}" cy="{y:.1f}" '
                     f'r="{r:.1f}" fill="{fill}" fill-opacity="0.8" stroke="#fff"/>'
                     f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" '
                     f'font-size="{10 + 6 * size[n]:.0f}">{escape(n)}</text></g>')
    parts.append("</svg>")
    return "\n".join(parts)
