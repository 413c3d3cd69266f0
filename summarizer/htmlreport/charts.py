"""Small inline SVG charts for the corpus page: drawn on the server, so they need no script,
no CDN and print as they show. Every chart is a list of labelled values; labels are escaped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

_FONT = 'font-size="12" font-family="inherit"'


@dataclass(frozen=True)
class Bar:
    """One bar: its label, the segments it is made of (value, colour, legend) and a total to show."""

    label: str
    segments: tuple[tuple[float, str, str], ...]
    note: str = ""


def bar_chart(bars: Sequence[Bar], *, maximum: float, title: str, width: int = 640) -> Markup:
    """Horizontal stacked bars, one row per ``Bar``, scaled to ``maximum``."""
    label_w, row_h, note_w = 190, 24, 110
    plot_w = width - label_w - note_w
    height = row_h * len(bars) + 8
    out = [_svg_open(title, width, height)]
    for row, bar in enumerate(bars):
        y = row * row_h + 4
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" {_FONT}>{escape(bar.label)}</text>')
        x = float(label_w)
        for value, colour, legend in bar.segments:
            w = plot_w * value / maximum if maximum else 0
            if w > 0:
                out.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{row_h - 8}" fill="{colour}">'
                           f'<title>{escape(legend)}: {value:g}</title></rect>')
            x += w
        out.append(f'<text x="{x + 6:.1f}" y="{y + 15}" {_FONT}>{escape(bar.note)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def heat_grid(rows: Sequence[str], columns: Sequence[str], cells: dict[tuple[str, str], tuple[float | None, str]],
              *, title: str) -> Markup:
    """A grid of shares (0..1, or None for no data) shaded from white to dark green, each cell labelled."""
    label_w, col_w, row_h, head_h = 110, 96, 26, 40
    width, height = label_w + col_w * len(columns), head_h + row_h * len(rows) + 4
    out = [_svg_open(title, width, height)]
    for c, column in enumerate(columns):
        out.append(f'<text x="{label_w + c * col_w + col_w / 2}" y="{head_h - 10}" text-anchor="middle" '
                   f'{_FONT}>{escape(column)}</text>')
    for r, row in enumerate(rows):
        y = head_h + r * row_h
        out.append(f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" {_FONT}>{escape(row)}</text>')
        for c, column in enumerate(columns):
            share, text = cells.get((row, column), (None, ""))
            fill = "#eeeeee" if share is None else _green(share)
            ink = "#fff" if share is not None and share > 0.6 else "#222"
            x = label_w + c * col_w
            out.append(f'<rect x="{x + 2}" y="{y + 2}" width="{col_w - 4}" height="{row_h - 4}" fill="{fill}"/>'
                       f'<text x="{x + col_w / 2}" y="{y + 17}" text-anchor="middle" fill="{ink}" {_FONT}>'
                       f'{escape(text)}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def _svg_open(title: str, width: float, height: float) -> str:
    """The opening of a chart: its size, and its title for screen readers and tooltips."""
    return (f'<svg class="chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" '
            f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>')


def _green(share: float) -> str:
    share = min(max(share, 0.0), 1.0)
    r, g, b = (int(255 + (t - 255) * share) for t in (27, 120, 55))
    return f"#{r:02x}{g:02x}{b:02x}"


def timeline(points: Sequence[tuple[int, str]], *, deadline_label: str, title: str, width: int = 640) -> Markup:
    """Publication days relative to the deadline (negative: before it) as stacked dots by week,
    with the deadline drawn as a vertical line. ``points`` are (days after the deadline, label)."""
    if not points:
        return Markup("")
    lo = min(min(d for d, _ in points), -7)
    hi = max(max(d for d, _ in points), 7)
    margin, dot = 30, 10
    scale = (width - 2 * margin) / (hi - lo)
    stacks: dict[int, int] = {}
    placed = []
    for days, label in sorted(points):
        week = (days - lo) // 7
        level = stacks.get(week, 0)
        stacks[week] = level + 1
        placed.append((margin + (days - lo) * scale, level, days, label))
    top = max(stacks.values()) * dot + 30
    height = top + 34
    x0 = margin + (0 - lo) * scale
    out = [_svg_open(title, width, height),
           f'<line x1="{margin}" y1="{top}" x2="{width - margin}" y2="{top}" stroke="#999"/>',
           f'<line x1="{x0:.1f}" y1="10" x2="{x0:.1f}" y2="{top + 4}" stroke="#b3261e" stroke-width="2"/>',
           f'<text x="{x0 + 4:.1f}" y="20" fill="#b3261e" {_FONT}>{escape(deadline_label)}</text>']
    for x, level, days, label in placed:
        colour = "#1b7837" if days <= 0 else "#b3261e"
        out.append(f'<circle cx="{x:.1f}" cy="{top - 6 - level * dot}" r="4" fill="{colour}">'
                   f'<title>{escape(label)}</title></circle>')
    for days in range(lo - lo % 30, hi + 1, 30):
        if days < lo:
            continue
        x = margin + (days - lo) * scale
        out.append(f'<text x="{x:.1f}" y="{top + 18}" text-anchor="middle" {_FONT}>{days:+d}</text>')
    out.append("</svg>")
    return Markup("".join(out))


def deadline_offset(published: dt.date, report_year: int, month_day: tuple[int, int]) -> int:
    """Days from the deadline (``month_day`` of the year after ``report_year``) to ``published``."""
    return (published - dt.date(report_year + 1, *month_day)).days
