"""Horizontal bar charts drawn as SVG when the site is built: no JavaScript, no colour coding.

Each chart is an image with a title and a description for screen readers (role="img",
aria-labelledby), every bar carries its value printed beside it, and a second series is told
apart by a hatch pattern and by its name printed in the label, never by colour alone. Pages put
the same numbers in a table beside each chart.

Labels sit above their bars rather than to the left, so the chart stays legible when a phone
shrinks it: the drawing is 400 units wide and long labels wrap onto further lines.
Every piece of text goes through markupsafe's escaping.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

WIDTH = 400
FONT_SIZE = 14
LINE_HEIGHT = 18
BAR_HEIGHT = 18
BAR_GAP = 4
ROW_GAP = 12
VALUE_SPACE = 150
"""Room kept right of the longest bar for its printed value."""
CHARS_PER_LINE = 50
"""Characters of a 14px label that fit across 400 units, with some slack."""
INK = "#1a237e"
"""Material's indigo 900: over 3:1 against white, as WCAG 1.4.11 asks of graphics."""


@dataclass(frozen=True)
class Bar:
    """One bar: its length in the chart's units, and the words printed beside it."""

    value: float | None
    """None draws no bar (a suppressed or unknown figure); the text still says why."""
    text: str
    """Printed after the bar, such as '38%' or 'Population: 38%'."""
    hatched: bool = False
    """Draw with a hatch pattern: the second series in a paired chart."""


@dataclass(frozen=True)
class Row:
    """A labelled group of bars (one bar, or one per series)."""

    label: str
    bars: tuple[Bar, ...]


def number(value: float, places: int = 1) -> str:
    """12.0 -> '12', 12.34 -> '12.3': figures as the tables print them."""
    text = f"{value:.{places}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def bar_chart(chart_id: str, title: str, description: str, rows: Sequence[Row], scale: float | None = None) -> Markup:
    """An inline SVG bar chart. `scale` is the value a full-length bar stands for (default: the largest)."""
    values = [b.value for r in rows for b in r.bars if b.value is not None]
    top = scale if scale is not None else max(values, default=0.0)
    span = WIDTH - VALUE_SPACE
    hatch_id = f"{chart_id}-hatch"
    parts: list[Markup] = []
    y = 0
    for row in rows:
        for line in textwrap.wrap(row.label, CHARS_PER_LINE) or [""]:
            y += LINE_HEIGHT
            parts.append(
                Markup('<text x="0" y="{}" font-size="{}" fill="currentColor">{}</text>').format(y - 4, FONT_SIZE, line)
            )
        y += 2
        for bar in row.bars:
            length = 0.0 if not bar.value or top <= 0 else span * min(bar.value, top) / top
            if length > 0:
                fill = f"url(#{hatch_id})" if bar.hatched else INK
                parts.append(
                    Markup('<rect x="0" y="{}" width="{}" height="{}" fill="{}" stroke="{}" stroke-width="1"/>').format(
                        y, number(length, 2), BAR_HEIGHT, fill, INK
                    )
                )
            parts.append(
                Markup('<text x="{}" y="{}" font-size="{}" fill="currentColor">{}</text>').format(
                    number(length + 6, 2), y + BAR_HEIGHT - 4, FONT_SIZE, bar.text
                )
            )
            y += BAR_HEIGHT + BAR_GAP
        y += ROW_GAP
    height = max(y, LINE_HEIGHT)
    defs = Markup(
        '<defs><pattern id="{}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="{}" stroke-width="3"/>'
        "</pattern></defs>"
    ).format(hatch_id, INK)
    head = Markup(
        '<svg class="engage-chart__svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" '
        'role="img" aria-labelledby="{}-title {}-desc" focusable="false">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
    ).format(WIDTH, height, WIDTH, height, chart_id, chart_id, chart_id, title, chart_id, description)
    return head + defs + Markup("").join(parts) + Markup("</svg>")
