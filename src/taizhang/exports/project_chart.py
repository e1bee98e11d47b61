"""挂图作战: the timeline of :mod:`taizhang.projects.timeline` drawn as a picture.

``draw`` writes a PNG or an SVG file with matplotlib (Chinese labels need a CJK font, found as
the network picture finds one: :func:`taizhang.analysis.drawing.find_cjk_font`); ``svg``
returns a light, self-contained SVG string for the web page, with a tooltip and a link on each
project. Both draw the same geometry: hollow marks at planned dates, filled marks at actual
ones, a thin bar over the planned span and a thick one over the actual, red marks for planned
stages passed unreached, and a line at today.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from taizhang.projects.model import STAGES
from taizhang.projects.timeline import LATE_COLOR, STAGE_COLORS, Timeline

SVG_FONTS = "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif"
LIGHT_COLORS = {"red": "#c62828", "yellow": "#f9a825", "green": "#2e7d32"}


def draw(timeline: Timeline, path: str | Path, *, title: str = "") -> Path:
    """Write the chart as PNG or SVG, by the file's suffix; the path written."""
    from taizhang.analysis.drawing import find_cjk_font

    out = Path(path)
    family = find_cjk_font()
    import matplotlib

    matplotlib.use("Agg")  # no display on servers
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    plt.rcParams["font.family"] = family
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["svg.fonttype"] = "none"  # text stays text in the SVG (searchable, small)
    def n(day: object) -> float:  # matplotlib's day numbers
        return float(mdates.date2num(day))  # type: ignore[no-untyped-call]

    rows = timeline.rows
    height = max(3.0, 0.42 * len(rows) + 1.6)
    fig, ax = plt.subplots(figsize=(14, height), dpi=110)
    for i, row in enumerate(rows):
        y = len(rows) - 1 - i
        if row.planned_span:
            a, b = row.planned_span
            ax.plot([n(a), n(b)], [y + 0.12] * 2, color="#b0bec5", linewidth=2, solid_capstyle="round",
                    zorder=1)
        if row.actual_span:
            a, b = row.actual_span
            ax.plot([n(a), n(b)], [y - 0.12] * 2, color=STAGE_COLORS[row.stage], linewidth=6,
                    solid_capstyle="round", alpha=0.55, zorder=1)
        for m in row.planned:
            late = m.kind == "late"
            ax.scatter([n(m.day)], [y + 0.12], s=46, marker="D", facecolors="white",
                       edgecolors=LATE_COLOR if late else STAGE_COLORS[m.stage],
                       linewidths=1.6 if late else 1.2, zorder=3)
        for m in row.actual:
            ax.scatter([n(m.day)], [y - 0.12], s=60, marker="o", color=STAGE_COLORS[m.stage],
                       edgecolors="white", linewidths=0.6, zorder=4)
    ax.axvline(n(timeline.today), color=LATE_COLOR, linewidth=1, linestyle="--", zorder=2)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([r.name for r in reversed(rows)], fontsize=9)
    for label, row in zip(ax.get_yticklabels(), reversed(rows)):
        label.set_color(LIGHT_COLORS.get(row.light or "", "#212121"))
    ax.set_xlim(n(timeline.start), n(timeline.end))
    ax.set_ylim(-0.8, max(len(rows) - 0.2, 0.8))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))  # type: ignore[no-untyped-call]
    ax.grid(axis="x", color="#eeeeee")
    ax.spines[["top", "right"]].set_visible(False)
    handles = [Line2D([], [], marker="o", linestyle="", color=STAGE_COLORS[s], label=s.label)
               for s in STAGES]
    handles += [Line2D([], [], marker="D", linestyle="", markerfacecolor="white",
                       markeredgecolor="#607d8b", label="计划"),
                Line2D([], [], marker="D", linestyle="", markerfacecolor="white",
                       markeredgecolor=LATE_COLOR, label="计划已过未完成"),
                Line2D([], [], color=LATE_COLOR, linestyle="--", label="今天")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.04 - 0.45 / height),
              ncol=10, frameon=False, fontsize=9)
    if title or timeline.omitted:
        more = f"（另有{timeline.omitted}个项目未画出，请筛选）" if timeline.omitted else ""
        ax.set_title(f"{title}{more}", fontsize=14)
    fig.savefig(out, bbox_inches="tight", format=out.suffix.lstrip(".").lower() or "png")
    plt.close(fig)
    return out


def svg(timeline: Timeline, *, width: int = 1200, title: str = "") -> str:
    """The chart as an SVG string for the web page (no script; links to each project)."""
    left, right, top, row_h = 260, 20, 40, 26
    height = top + row_h * max(len(timeline.rows), 1) + 60
    plot = width - left - right

    def x(day: object) -> float:
        return left + plot * timeline.x(day)  # type: ignore[arg-type]

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart gantt" viewBox="0 0 {width} '
             f'{height}" width="{width}" height="{height}" font-family="{SVG_FONTS}" role="img" '
             f'aria-label="{escape(title or "挂图作战")}">']
    if title:
        parts.append(f"<title>{escape(title)}</title>")
    months = timeline.months()
    step = max(1, -(-len(months) * 64 // max(plot, 1)))  # labels at least 64 px apart
    for month in months[::step]:
        mx = x(month)
        parts.append(f'<line x1="{mx:.1f}" y1="{top - 8}" x2="{mx:.1f}" y2="{height - 50}" '
                     f'stroke="#eeeeee"/><text x="{mx + 2:.1f}" y="{top - 12}" font-size="11" '
                     f'fill="#666">{month.year}-{month.month:02d}</text>')
    for i, row in enumerate(timeline.rows):
        y = top + i * row_h + row_h / 2
        color = LIGHT_COLORS.get(row.light or "", "#212121")
        parts.append(f'<a href="/projects/{row.project_id}"><text x="{left - 8}" y="{y + 4:.1f}" '
                     f'text-anchor="end" font-size="12" fill="{color}">'
                     f'<title>{escape(row.note)}</title>{escape(row.name[:18])}</text></a>')
        if row.planned_span:
            a, b = row.planned_span
            parts.append(f'<line x1="{x(a):.1f}" y1="{y - 4:.1f}" x2="{x(b):.1f}" y2="{y - 4:.1f}" '
                         f'stroke="#b0bec5" stroke-width="2"/>')
        if row.actual_span:
            a, b = row.actual_span
            parts.append(f'<line x1="{x(a):.1f}" y1="{y + 4:.1f}" x2="{x(b):.1f}" y2="{y + 4:.1f}" '
                         f'stroke="{STAGE_COLORS[row.stage]}" stroke-opacity="0.55" '
                         f'stroke-width="7" stroke-linecap="round"/>')
        for m in row.planned:
            edge = LATE_COLOR if m.kind == "late" else STAGE_COLORS[m.stage]
            what = "计划已过未完成" if m.kind == "late" else "计划"
            mx = x(m.day)
            parts.append(f'<path class="mark planned" d="M{mx:.1f} {y - 9:.1f} l5 5 l-5 5 l-5 -5 z" '
                         f'fill="#fff" stroke="{edge}" stroke-width="1.5"><title>{escape(row.name)}：'
                         f'{what}{m.stage.label} {m.day.isoformat()}</title></path>')
        for m in row.actual:
            parts.append(f'<circle class="mark actual" cx="{x(m.day):.1f}" cy="{y + 4:.1f}" r="5" '
                         f'fill="{STAGE_COLORS[m.stage]}" stroke="#fff"><title>{escape(row.name)}：'
                         f'{m.stage.label} {m.day.isoformat()}</title></circle>')
    tx = x(timeline.today)
    parts.append(f'<line x1="{tx:.1f}" y1="{top - 8}" x2="{tx:.1f}" y2="{height - 50}" '
                 f'stroke="{LATE_COLOR}" stroke-dasharray="4 3"><title>今天 '
                 f'{timeline.today.isoformat()}</title></line>')
    lx, ly = left, height - 22
    for st in STAGES:
        parts.append(f'<circle cx="{lx}" cy="{ly}" r="5" fill="{STAGE_COLORS[st]}"/>'
                     f'<text x="{lx + 8}" y="{ly + 4}" font-size="11">{st.label}</text>')
        lx += 30 + 14 * len(st.label)
    parts.append(f'<path d="M{lx} {ly - 5} l5 5 l-5 5 l-5 -5 z" fill="#fff" stroke="#607d8b"/>'
                 f'<text x="{lx + 8}" y="{ly + 4}" font-size="11">计划</text>'
                 f'<path d="M{lx + 50} {ly - 5} l5 5 l-5 5 l-5 -5 z" fill="#fff" '
                 f'stroke="{LATE_COLOR}"/><text x="{lx + 58}" y="{ly + 4}" font-size="11">'
                 f'计划已过未完成</text>')
    if timeline.omitted:
        parts.append(f'<text x="{left}" y="{height - 4}" font-size="11" fill="#666">另有'
                     f'{timeline.omitted}个项目未画出，请按园区或单位筛选</text>')
    parts.append("</svg>")
    return "\n".join(parts)
