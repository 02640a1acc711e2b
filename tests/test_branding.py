"""The partnership's colours: WCAG contrast worked out as the standard defines it, and checked."""

from __future__ import annotations

from pathlib import Path

from engage.checks.branding import contrast
from engage.portal import check_data


def test_contrast_ratios_match_the_wcag_definition() -> None:
    assert round(contrast("#ffffff", "#000000"), 2) == 21.0
    assert round(contrast("#000000", "#ffffff"), 2) == 21.0
    assert round(contrast("#1d70b8", "#ffffff"), 2) == 5.17
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48
    assert contrast("#abcdef", "#abcdef") == 1.0


def test_default_branding_passes_and_a_failing_link_colour_names_its_line(data_copy: Path) -> None:
    site = data_copy / "site.yaml"
    before = site.read_text()
    site.write_text(before + 'branding:\n  link_colour: "#777777"\n')
    line = len(before.splitlines()) + 2
    result = check_data(data_copy)
    assert [p.as_text() for p in result.problems] == [
        f"data/site.yaml:{line}:3: error[low-contrast]: branding.link_colour: #777777 has a contrast of 4.47:1 with the white page; "
        "WCAG 2.2 AA needs at least 4.5:1 for text"
    ]


def test_link_colour_is_checked_against_the_grey_navigation_bar_too(data_copy: Path) -> None:
    site = data_copy / "site.yaml"
    # 4.54:1 on white, under 4.5:1 on the navigation's #f3f2f1: readable on one, not the other.
    site.write_text(site.read_text() + 'branding:\n  link_colour: "#767676"\n')
    assert [p.code for p in check_data(data_copy).problems] == ["low-contrast"]
    assert "navigation bar" in check_data(data_copy).problems[0].message
