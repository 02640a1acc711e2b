"""Event pages and listings in a real browser: axe on every variant, the filter journey, no JavaScript."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from engage import facets
from engage.portal import Portal

from .axe import describe, violations
from .conftest import VIEWPORTS

CHAT = "2026-11-24-health-chat"
LIBRARY = "2026-12-03-library-review"


@pytest.fixture(scope="module")
def served(example_site: Path, serve: Callable[[Path], str]) -> str:
    """The example site, whose records cover every variant of the event page."""
    return serve(example_site)


@pytest.fixture(scope="module")
def chromium(browser: Any) -> Any:
    return browser


@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_every_event_page_passes_axe(width: str, chromium: Any, served: str, example_portal: Portal) -> None:
    """Each variant of the event page: consultation, hybrid weekly, online fortnightly, cancelled, moved, past."""
    context = chromium.new_context(viewport=VIEWPORTS[width], reduced_motion="reduce")
    page = context.new_page()
    failures = []
    for event_id in example_portal.events:
        page.goto(f"{served}/events/{event_id}/")
        found = violations(page)
        if found:
            failures.append(f"/events/{event_id}/ at {width}:\n{describe(found)}")
    for url in (
        "events/",
        "events/area/north-ward/?topic=health",
        "events/filters/",
        "calendar/",
        "calendar/2027-01/",
        "events/past/",
        "events/past/2026/",
    ):
        page.goto(f"{served}/{url}")
        if url.startswith("events/") and "past" not in url and "filters" not in url:
            page.locator("details.engage-filter-panel > summary").click()  # checked open, as a reader uses it
            page.locator("details.engage-filter-group").first.wait_for()  # its checkboxes, drawn from their file
        found = violations(page)
        if found:
            failures.append(f"/{url} at {width}:\n{describe(found)}")
    context.close()
    assert failures == []


def _visible_entries(page: Any) -> list[str]:
    found: list[str] = page.evaluate(
        """() => [...document.querySelectorAll("li.engage-event")]
            .filter((li) => li.checkVisibility())
            .map((li) => li.querySelector("h3 a").pathname.split("/").filter(Boolean).pop())"""
    )
    return found


@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_filter_find_open_and_add_to_calendar(
    width: str, chromium: Any, served: str, example_portal: Portal, tmp_path: Path
) -> None:
    """A resident narrows the list to health events in North Ward, opens one and takes its calendar file."""
    context = chromium.new_context(viewport=VIEWPORTS[width], accept_downloads=True)
    page = context.new_page()
    page.goto(f"{served}/events/")
    page.get_by_text("Choose and combine filters").click()
    page.locator("details.engage-filter-group > summary", has_text="Area").click()
    page.get_by_label("North Ward").check()
    page.locator("details.engage-filter-group > summary", has_text="Topic").click()
    page.get_by_label("Health and care").check()
    page.get_by_role("button", name="Show events").click()
    page.wait_for_url(f"{served}/events/?area=north-ward&topic=health")
    status = page.locator("[data-engage-filter-status]")
    status.filter(has_text="Filters selected").wait_for()
    # The count is over the whole listing, not the dates one static page happens to hold.
    dates = [o for o in example_portal.occurrences if o.event_id == CHAT and o.last_day >= example_portal.today]
    per_page = example_portal.settings.events_per_page
    assert len(dates) > per_page, "the example should need a second page here"
    assert status.inner_text() == (
        f"Filters selected: Area: North Ward; Topic: Health and care. 1 event matches, on {len(dates)} dates; "
        f"showing dates 1 to {per_page}."
    )
    assert status.get_attribute("role") == "status"
    assert _visible_entries(page) == [CHAT] * per_page
    # The next page of the combination keeps every filter.
    assert (
        page.locator(".engage-pager a[rel=next]")
        .get_attribute("href")
        .endswith("events/?area=north-ward&topic=health&page=2")
    )
    assert page.locator("h1").first.inner_text() == "Upcoming events: Area: North Ward; Topic: Health and care"
    # Each filter can be taken off on its own.
    assert page.locator("[data-engage-filter-tags] a").all_text_contents() == [
        "Remove filter Area: North Ward ×",
        "Remove filter Topic: Health and care ×",
    ]
    page.locator(f"main a[href$='events/{CHAT}/']").first.click()
    page.wait_for_url(f"{served}/events/{CHAT}/")
    assert page.locator("h1").first.inner_text() == "Health and wellbeing chat"
    google = page.get_by_role("link", name="Add to Google Calendar")
    assert google.is_visible() and google.get_attribute("href").startswith("https://calendar.google.com/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download a calendar file (.ics)").click()
    assert download.value.suggested_filename == f"{CHAT}.ics"
    context.close()


@pytest.mark.browser
def test_filters_work_without_javascript(chromium: Any, served: str) -> None:
    context = chromium.new_context(viewport=VIEWPORTS["phone"], java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}/events/")
    assert not page.locator("[data-engage-filter-panel]").is_visible()
    page.get_by_role("link", name="Browse every filter", exact=False).click()
    page.wait_for_url(f"{served}/events/filters/")
    page.locator("#filter-access + p + ul a", has_text="Hearing loop").click()
    page.wait_for_url(f"{served}/events/access/hearing-loop/")
    assert _visible_entries(page) == [LIBRARY]
    context.close()


@pytest.mark.browser
def test_the_form_loads_its_checkboxes_only_when_opened(chromium: Any, served: str) -> None:
    """A plain visit (an old phone on a metered plan) never fetches the filter form's choices;
    opening the form fetches them once and draws every kind of filter with its counts."""
    context = chromium.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(f"{served}/events/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if u.endswith(".json")]
    page.get_by_text("Choose and combine filters").click()
    page.locator("details.engage-filter-group").first.wait_for()
    summaries = page.locator("details.engage-filter-group > summary").all_inner_texts()
    assert summaries == [facet.label for facet in facets.FACETS]
    assert page.get_by_label("North Ward (2)").count() == 1
    page.get_by_text("Choose and combine filters").click()
    page.get_by_text("Choose and combine filters").click()
    assert [u for u in fetched if u.endswith(".json")] == [f"{served}/events/filter-choices.json"]
    context.close()


@pytest.mark.browser
def test_a_value_page_whose_value_has_nothing_coming_up_still_offers_its_own_checkbox(
    chromium: Any, served: str
) -> None:
    """Only a value with upcoming events is offered, except on that value's own page, where it is
    ticked: unticking it is how the reader leaves it."""
    context = chromium.new_context(viewport=VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(f"{served}/events/level/empowerment/")
    page.get_by_text("Choose and combine filters").click()
    own = page.get_by_label("Empowerment (0)")
    own.wait_for()
    assert own.is_checked()
    page.goto(f"{served}/events/")
    page.get_by_text("Choose and combine filters").click()
    page.locator("details.engage-filter-group").first.wait_for()
    assert page.get_by_label("Empowerment (0)").count() == 0
    context.close()


@pytest.mark.browser
def test_when_the_checkboxes_cannot_be_loaded_the_form_says_so_and_links_every_filter(
    chromium: Any, served: str
) -> None:
    context = chromium.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.route("**/filter-choices.json", lambda route: route.abort())
    page.goto(f"{served}/events/")
    page.get_by_text("Choose and combine filters").click()
    note = page.locator("[data-engage-filter-choices] p")
    note.filter(has_text="could not be loaded").wait_for()
    link = note.get_by_role("link", name="browse every filter")
    assert link.get_attribute("href") == "../events/filters/"
    link.click()
    page.wait_for_url(f"{served}/events/filters/")
    context.close()
