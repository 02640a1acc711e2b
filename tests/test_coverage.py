"""Engagement coverage: the last 12 months by level, area and group, the gaps named, and every
figure linked to a listing of exactly the events behind it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from engage.coverage import coverage
from engage.pages.coverage_pages import pages
from engage.portal import Portal, check_data

from .conftest import EXAMPLE_DATA

CAFE = "2026-01-06-carers-cafe"


def portal_on(day: str) -> Portal:
    result = check_data(EXAMPLE_DATA, date.fromisoformat(day))
    assert result.portal is not None
    return result.portal


def counts(buckets: tuple) -> dict[str, int]:  # type: ignore[type-arg]
    return {b.key: b.count for b in buckets}


def test_the_example_year_by_level_area_and_group(example_portal: Portal) -> None:
    cov = coverage(example_portal)
    assert (cov.first_day, cov.last_day) == (date(2025, 11, 23), date(2026, 11, 22))
    # Ten carers' cafes (January to November 2026, August skipped) and three consultations;
    # the cancelled forum and the housing survey of September 2025 do not count.
    assert sorted({o.event_id for o in cov.total.occurrences}) == [
        CAFE,
        "2026-03-02-parks-consultation",
        "2026-06-01-bus-routes-consultation",
        "2026-10-05-town-centre-consultation",
    ]
    assert (cov.total.count, cov.total.event_count) == (13, 4)
    assert counts(cov.levels) == {
        "giving-information": 0,
        "getting-information": 13,
        "forums-for-debate": 0,
        "participation": 0,
        "partnership": 0,
        "empowerment": 0,
    }
    assert counts(cov.areas) == {"north-ward": 3, "south-ward": 11}
    assert counts(cov.groups) == {"carers": 11, "older-people": 1}
    assert [b.name for b in cov.without("levels")] == [
        "Giving information",
        "Forums for debate",
        "Participation",
        "Partnership",
        "Empowerment",
    ]
    assert cov.without("areas") == ()
    assert cov.without("groups") == ()


def test_the_window_is_the_365_days_up_to_and_including_today() -> None:
    survey = "2025-09-10-housing-survey"
    last_day_in = coverage(portal_on("2026-09-09"))
    first_day_out = coverage(portal_on("2026-09-10"))
    assert survey in {o.event_id for o in last_day_in.total.occurrences}
    assert survey not in {o.event_id for o in first_day_out.total.occurrences}
    on_the_day = coverage(portal_on("2026-10-05"))
    assert "2026-10-05-town-centre-consultation" in {o.event_id for o in on_the_day.total.occurrences}
    day_before = coverage(portal_on("2026-10-04"))
    assert "2026-10-05-town-centre-consultation" not in {o.event_id for o in day_before.total.occurrences}


def test_areas_and_groups_with_no_engagement_are_named() -> None:
    # On 1 June 2025 nothing in the example data has been held yet: every area and group is a gap.
    cov = coverage(portal_on("2025-06-01"))
    assert cov.total.count == 0
    assert [b.name for b in cov.without("areas")] == ["North Ward", "South Ward"]
    assert [b.name for b in cov.without("groups")] == ["Carers", "Older people"]


def test_a_listing_behind_every_figure_and_none_behind_a_zero(example_portal: Portal) -> None:
    urls = [p.url for p in pages(example_portal)]
    assert urls == [
        "coverage/",
        "coverage/all/",
        "coverage/all/page/2/",
        "coverage/all/page/3/",
        "coverage/level/getting-information/",
        "coverage/level/getting-information/page/2/",
        "coverage/level/getting-information/page/3/",
        "coverage/area/north-ward/",
        "coverage/area/south-ward/",
        "coverage/area/south-ward/page/2/",
        "coverage/area/south-ward/page/3/",
        "coverage/group/carers/",
        "coverage/group/carers/page/2/",
        "coverage/group/carers/page/3/",
        "coverage/group/older-people/",
    ]
    assert len(urls) == len(set(urls))


def _listed(site: Path, first: str) -> list[str]:
    """Event links on every page of a coverage listing, following its pager."""
    out = []
    url: str | None = first
    while url:
        html = (site / url / "index.html").read_text(encoding="utf-8")
        out += re.findall(r'<li><a href="\.\./(?:\.\./)+events/([^/]+)/">', html)
        following = re.search(r'<a href="([^"]+)" rel="next">', html)
        url = str((site / url / following.group(1)).resolve().relative_to(site.resolve())) if following else None
    return out


def test_the_built_summary_links_each_figure_to_exactly_its_events(example_site: Path, example_portal: Portal) -> None:
    html = (example_site / "coverage/index.html").read_text(encoding="utf-8")
    assert (
        "<strong>No engagement in the last 12 months:</strong> Giving information, Forums for debate, Participation, Partnership and Empowerment."
        in html
    )
    cov = coverage(example_portal)
    for bucket in (cov.total, *cov.levels, *cov.areas, *cov.groups):
        if not bucket.count:
            continue
        target = "coverage/all/" if bucket.facet == "all" else f"coverage/{bucket.facet}/{bucket.key}/"
        assert f'href="../{target}"' in html, target
        assert sorted(_listed(example_site, target)) == sorted(o.event_id for o in bucket.occurrences), target


def test_the_summary_charts_are_svg_with_a_title_and_description(example_site: Path) -> None:
    html = (example_site / "coverage/index.html").read_text(encoding="utf-8")
    assert html.count('role="img" aria-labelledby="coverage-') == 3
    assert '<title id="coverage-area-title">Events held by area, 23 November 2025 to 22 November 2026</title>' in html
    assert "<script" not in html.split('<div class="engage-chart">', 1)[1].split("</svg>", 1)[0]
