"""Server-made SVG charts: no JavaScript library, no CDN, readable without scripts.

Two shapes are enough for the dashboard: stacked bars (deadlines by month, split by light) and
lines (items per status over time). Labels are escaped; sizes are in viewBox units so the
charts scale with the page.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

WIDTH, HEIGHT = 640, 240
PAD_L, PAD_R, PAD_T, PAD_B = 40, 30, 28, 36

# colours shared with style.css so legends and tables agree
COLORS: dict[str, str] = {
    "红": "#c62828", "黄": "#f9a825", "绿": "#2e7d32",
    "待签收": "#78909c", "推进中": "#1565c0", "滞后": "#c62828", "暂缓": "#8d6e63",
    "已完成": "#2e7d32", "已销号": "#00695c",
}
_FALLBACK = ("#1565c0", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#558b2f")


def _color(name: str, i: int) -> str:
    return COLORS.get(name, _FALLBACK[i % len(_FALLBACK)])


def _nice_max(v: float) -> int:
    """A round top for the y axis (1, 2, 5 × 10^k) so gridlines fall on readable numbers."""
    if v <= 0:
        return 1
    step = 1
    while True:
        for m in (1, 2, 5):
            if v <= m * step:
                return m * step
        step *= 10


def _frame(title: str, top: int, body: list[str], legend: Sequence[tuple[str, str]]) -> Markup:
    plot_h = HEIGHT - PAD_T - PAD_B
    out = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
           f'<title>{escape(title)}</title>']
    for k in range(5):  # gridlines at 0, ¼, ½, ¾, top
        value = top * k / 4
        y = PAD_T + plot_h - plot_h * k / 4
        out.append(f'<line x1="{PAD_L}" x2="{WIDTH - PAD_R}" y1="{y:.1f}" y2="{y:.1f}" '
                   f'stroke="#e0e0e0"/>')
        label = f"{value:g}" if value == int(value) else ""
        out.append(f'<text x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end" '
                   f'font-size="11" fill="#555">{label}</text>')
    out.extend(body)
    x = PAD_L
    for name, color in legend:
        out.append(f'<rect x="{x}" y="8" width="10" height="10" fill="{color}"/>'
                   f'<text x="{x + 14}" y="17" font-size="12" fill="#333">{escape(name)}</text>')
        x += 22 + 13 * len(name)
    out.append("</svg>")
    return Markup("".join(out))


def stacked_bars(title: str, labels: Sequence[str], series: Mapping[str, Sequence[int]]) -> Markup:
    """One bar per label, stacked by series (e.g. months × lights)."""
    if not labels:
        return _empty(title)
    totals = [sum(s[i] for s in series.values()) for i in range(len(labels))]
    top = _nice_max(max(totals))
    plot_w = WIDTH - PAD_L - PAD_R
    plot_h = HEIGHT - PAD_T - PAD_B
    slot = plot_w / len(labels)
    bar = max(2.0, slot * 0.7)
    body: list[str] = []
    every = max(1, len(labels) // 12)  # keep axis labels from overlapping
    for i, label in enumerate(labels):
        x = PAD_L + slot * i + (slot - bar) / 2
        y = PAD_T + plot_h
        for j, (name, values) in enumerate(series.items()):
            h = plot_h * values[i] / top
            if h <= 0:
                continue
            y -= h
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                        f'fill="{_color(name, j)}"><title>{escape(label)} {escape(name)}：'
                        f'{values[i]}</title></rect>')
        if i % every == 0:
            body.append(f'<text x="{x + bar / 2:.1f}" y="{HEIGHT - PAD_B + 16}" font-size="11" '
                        f'text-anchor="middle" fill="#333">{escape(label)}</text>')
    legend = [(name, _color(name, j)) for j, name in enumerate(series)]
    return _frame(title, top, body, legend)


def lines(title: str, labels: Sequence[str], series: Mapping[str, Sequence[int]]) -> Markup:
    """One polyline per series over the labels (e.g. status counts per month)."""
    if not labels:
        return _empty(title)
    top = _nice_max(max((max(v) for v in series.values() if v), default=0))
    plot_w = WIDTH - PAD_L - PAD_R
    plot_h = HEIGHT - PAD_T - PAD_B
    step = plot_w / max(1, len(labels) - 1)
    body: list[str] = []
    for j, (name, values) in enumerate(series.items()):
        pts = [(PAD_L + step * i if len(labels) > 1 else PAD_L + plot_w / 2,
                PAD_T + plot_h - plot_h * v / top) for i, v in enumerate(values)]
        color = _color(name, j)
        body.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="'
                    + " ".join(f"{x:.1f},{y:.1f}" for x, y in pts) + '"/>')
        for (x, y), v, label in zip(pts, values, labels):
            body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}">'
                        f'<title>{escape(label)} {escape(name)}：{v}</title></circle>')
    every = max(1, len(labels) // 10)
    for i, label in enumerate(labels):
        if i % every == 0 or i == len(labels) - 1:
            x = PAD_L + step * i if len(labels) > 1 else PAD_L + plot_w / 2
            body.append(f'<text x="{x:.1f}" y="{HEIGHT - PAD_B + 16}" font-size="11" '
                        f'text-anchor="middle" fill="#333">{escape(label)}</text>')
    legend = [(name, _color(name, j)) for j, name in enumerate(series)]
    return _frame(title, top, body, legend)


def _empty(title: str) -> Markup:
    return Markup(f'<svg class="chart" viewBox="0 0 {WIDTH} 60" role="img" '
                  f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
                  f'<text x="{WIDTH / 2}" y="34" text-anchor="middle" fill="#777" font-size="14">'
                  f'{escape(title)}：暂无数据</text></svg>')
