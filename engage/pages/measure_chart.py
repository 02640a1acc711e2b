"""A small line chart of one measure's readings against its target, drawn as SVG at build time.

The chart is a picture of numbers the page also prints as a table, so it is one image with a
text alternative (role="img", <title> and <desc>) rather than a tree of labelled shapes.
Measured and target are told apart by line style and marker shape, and labelled in words,
never by colour alone.
"""

from __future__ import annotations

import math
from datetime import date
from html import escape

from markupsafe import Markup

from ..commitment_progress import MeasureProgress, format_value
from ..formatting import long_date

WIDTH, HEIGHT = 420, 256
"""Small on purpose: drawn at phone width the 13-unit text still reads at about 11px."""
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 28, 72
"""Room for the value axis on the left, labels above the top line, dates and legend below."""
MEASURED = "#1a237e"
TARGET = "#4a4a4a"
GRID = "#c8c8c8"


def nice_step(span: float) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about four ticks."""
    raw = span / 4 if span > 0 else 1.0
    power = math.pow(10, math.floor(math.log10(raw)))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _axis_number(value: float, unit: str) -> str:
    return format_value(value, unit) if unit == "%" else format_value(value, "").strip()


def _anchor(x: float) -> str:
    """Keep a label inside the picture: centred on its point unless that point is near an edge."""
    if x > WIDTH - RIGHT - 60:
        return "end"
    if x < LEFT + 40:
        return "start"
    return "middle"


def description(progress: MeasureProgress) -> str:
    """The chart's numbers in one paragraph, for its <desc>."""
    parts = []
    for row in progress.rows:
        when = long_date(row.reading.date)
        if row.kind == "baseline":
            parts.append(f"Baseline {row.text} on {when}.")
        elif row.kind == "target":
            parts.append(f"Target {row.text} by {when}.")
        else:
            parts.append(f"{row.text} on {when}.")
    better = "Higher is better." if progress.measure.higher_is_better else "Lower is better."
    return " ".join([*parts, better])


def measure_chart(progress: MeasureProgress, chart_id: str) -> Markup:
    """An SVG line chart; `chart_id` must be unique on the page (it names the title and desc)."""
    measure = progress.measure
    measured = progress.readings
    target = progress.rows[-1].reading
    # Readings are not checked to fall after the baseline, so the axis spans every date given.
    start = min(r.reading.date for r in progress.rows)
    end = max(r.reading.date for r in progress.rows)
    days = max((end - start).days, 1)
    values = [r.reading.value for r in progress.rows]
    low = min(0.0, *values)
    step = nice_step(max(values) - low)
    high = math.ceil(max(values) / step) * step if max(values) > low else low + step
    low = math.floor(low / step) * step
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return round(LEFT + plot_w * (day - start).days / days, 1)

    def y(value: float) -> float:
        return round(TOP + plot_h * (high - value) / (high - low), 1)

    out = [
        f'<svg class="engage-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(measure.name)} ({escape(measure.unit)}): readings and target</title>',
        f'<desc id="{chart_id}-desc">{escape(description(progress))}</desc>',
    ]
    # Value gridlines with their numbers.
    ticks = round((high - low) / step)
    for index in range(ticks + 1):
        value = low + index * step
        ty = y(value)
        out.append(f'<line x1="{LEFT}" y1="{ty}" x2="{LEFT + plot_w}" y2="{ty}" stroke="{GRID}" stroke-width="1"/>')
        out.append(
            f'<text x="{LEFT - 8}" y="{ty + 4}" text-anchor="end" font-size="13" fill="#000">'
            f"{escape(_axis_number(value, measure.unit))}</text>"
        )
    # Dates at both ends of the time axis.
    base_y = TOP + plot_h
    out.append(f'<text x="{LEFT}" y="{base_y + 20}" font-size="13" fill="#000">{start:%b %Y}</text>')
    out.append(
        f'<text x="{LEFT + plot_w}" y="{base_y + 20}" text-anchor="end" font-size="13" fill="#000">{end:%b %Y}</text>'
    )
    # The path to target: dashed, from the baseline to a diamond at the target.
    bx, by = x(measured[0].reading.date), y(measured[0].reading.value)
    tx, ty = x(target.date), y(target.value)
    out.append(
        f'<line x1="{bx}" y1="{by}" x2="{tx}" y2="{ty}" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 5"/>'
    )
    out.append(_diamond(tx, ty))
    # The measured line: solid, a dot per reading, the latest value labelled above its dot.
    points = " ".join(f"{x(r.reading.date)},{y(r.reading.value)}" for r in measured)
    out.append(f'<polyline points="{points}" fill="none" stroke="{MEASURED}" stroke-width="3"/>')
    for r in measured:
        out.append(f'<circle cx="{x(r.reading.date)}" cy="{y(r.reading.value)}" r="5" fill="{MEASURED}"/>')
    latest = measured[-1]
    lx, ly = x(latest.reading.date), y(latest.reading.value)
    out.append(
        f'<text x="{lx}" y="{ly - 12}" text-anchor="{_anchor(lx)}" font-size="13" font-weight="700" fill="#000">'
        f"{escape(latest.text)}</text>"
    )
    # Legend in two rows; the target's value is written here, where no line can cross it.
    row1, row2 = HEIGHT - 34, HEIGHT - 12
    out += [
        f'<line x1="{LEFT}" y1="{row1}" x2="{LEFT + 28}" y2="{row1}" stroke="{MEASURED}" stroke-width="3"/>',
        f'<circle cx="{LEFT + 14}" cy="{row1}" r="5" fill="{MEASURED}"/>',
        f'<text x="{LEFT + 36}" y="{row1 + 4}" font-size="13" fill="#000">Measured</text>',
        f'<line x1="{LEFT + 118}" y1="{row1}" x2="{LEFT + 146}" y2="{row1}" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 5"/>',
        f'<text x="{LEFT + 154}" y="{row1 + 4}" font-size="13" fill="#000">Path to target</text>',
        _diamond(LEFT + 14, row2),
        f'<text x="{LEFT + 36}" y="{row2 + 4}" font-size="13" fill="#000">'
        f"Target: {escape(progress.rows[-1].text)} by {target.date:%B %Y}</text>",
        "</svg>",
    ]
    return Markup("".join(out))


def _diamond(cx: float, cy: float) -> str:
    """The target's marker: an outlined diamond, unlike the measured line's filled dots."""
    return f'<path d="M{cx} {cy - 7}L{cx + 7} {cy}L{cx} {cy + 7}L{cx - 7} {cy}Z" fill="#fff" stroke="{TARGET}" stroke-width="2"/>'
