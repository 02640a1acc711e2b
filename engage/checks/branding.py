"""The partnership's colours must stay readable: WCAG 2.2 AA contrast, checked before any build.

A failing colour is a problem at its line in data/site.yaml, so another council can change its
look without touching templates and without publishing an unreadable header or links.
"""

from __future__ import annotations

from ..loading import Loaded
from ..problems import Problem

WHITE = "#ffffff"
LIGHT_GREY = "#f3f2f1"
"""The navigation bar's and the footer's background, behind links."""
TEXT = 4.5
"""WCAG 1.4.3: normal-size text against its background."""
NON_TEXT = 3.0
"""WCAG 1.4.11: the boundary of a control (the header's white search box on the brand colour)."""


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of '#rrggbb' (WCAG 2.2 definition)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """Contrast ratio between two '#rrggbb' colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _ratio(value: float) -> str:
    # Rounded down, so a colour just short of the bar never reads as meeting it.
    return f"{int(value * 100) / 100:g}:1"


def check(loaded: Loaded) -> list[Problem]:
    record = loaded.settings
    if record is None:
        return []
    b = record.model.branding
    # (field, its colour, the background it sits on, what that is, ratio needed, why)
    pairs = (
        ("brand_text_colour", b.brand_text_colour, b.brand_colour, "brand_colour " + b.brand_colour, TEXT, "text"),
        (
            "brand_colour",
            b.brand_colour,
            WHITE,
            "the white search box in the header",
            NON_TEXT,
            "the edge of a control",
        ),
        ("link_colour", b.link_colour, WHITE, "the white page", TEXT, "text"),
        ("link_colour", b.link_colour, LIGHT_GREY, f"the navigation bar's grey {LIGHT_GREY}", TEXT, "text"),
        ("visited_link_colour", b.visited_link_colour, WHITE, "the white page", TEXT, "text"),
    )
    out: list[Problem] = []
    reported: set[str] = set()
    for field, colour, background, against, needed, what in pairs:
        ratio = contrast(colour, background)
        if ratio < needed and field not in reported:
            reported.add(field)
            out.append(
                record.problem(
                    "low-contrast",
                    ("branding", field),
                    f"{colour} has a contrast of {_ratio(ratio)} with {against}; "
                    f"WCAG 2.2 AA needs at least {needed:g}:1 for {what}",
                )
            )
    return out
