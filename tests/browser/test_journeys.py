"""What a resident does on the site, click by click, on a phone and on a desktop."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest

from engage.portal import Portal

from .conftest import VIEWPORTS

WIDTHS = sorted(VIEWPORTS)


def upcoming_in_an_area(portal: Portal) -> tuple[str, str, str]:
    """(area id, area name, event id): the soonest upcoming event of the first area that has one."""
    for area_id, area in sorted(portal.areas.items()):
        for occurrence in portal.occurrences:
            event = portal.events[occurrence.event_id].model
            if occurrence.last_day >= portal.today and area_id in event.areas and event.status.value == "scheduled":
                return area_id, area.name, occurrence.event_id
    raise AssertionError("the demo data has no upcoming event in any area")


def first_link_to(page: Any, section: str, records: Any) -> str:
    """The id of the first record of `section` the page's content visibly links to."""
    paths: list[str] = page.evaluate(
        """() => [...document.querySelectorAll("main a[href]")]
            .filter((a) => a.checkVisibility({visibilityProperty: true})).map((a) => a.pathname)"""
    )
    for path in paths:
        parts = path.strip("/").split("/")
        if len(parts) == 2 and parts[0] == section and parts[1] in records:
            return parts[1]
    raise AssertionError(f"no visible link to a record under /{section}/ on {page.url}")


def h1(page: Any) -> str:
    return " ".join(page.locator("main h1").first.inner_text().split())


def fits_the_width(page: Any) -> list[str]:
    """Elements that stick out past the viewport's right edge outside any scrolling box (WCAG 1.4.10)."""
    found: list[str] = page.evaluate(
        """() => {
            const scrolls = (el) => { for (let a = el.parentElement; a; a = a.parentElement) {
                const o = getComputedStyle(a).overflowX; if (o === "auto" || o === "scroll") return true; } return false; };
            return [...document.querySelectorAll("main *")]
                .filter((el) => el.getBoundingClientRect().right > innerWidth + 1 && !scrolls(el))
                .map((el) => el.tagName.toLowerCase() + (el.className ? "." + el.className : "")).slice(0, 5);
        }"""
    )
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_find_an_upcoming_event_in_an_area_and_add_it_to_a_calendar(
    width: str, portal: Portal, base_url: str, new_page: Callable[..., Any], tmp_path: Path
) -> None:
    area_id, area_name, event_id = upcoming_in_an_area(portal)
    event = portal.events[event_id].model
    page = new_page(VIEWPORTS[width], accept_downloads=True)

    page.goto(f"{base_url}/")
    page.locator("main a[href$='events/']").first.click()
    assert page.url == f"{base_url}/events/"
    page.locator("main a[href$='events/filters/']").first.click()
    assert page.url == f"{base_url}/events/filters/"
    area_link = page.locator(f"main a[href$='events/area/{area_id}/']").first
    assert area_link.inner_text().strip() == area_name
    area_link.click()
    assert page.url == f"{base_url}/events/area/{area_id}/"
    assert area_name in h1(page)
    assert fits_the_width(page) == []

    event_link = page.locator(f"main a[href$='events/{event_id}/']").first
    assert " ".join(event_link.inner_text().split()) == event.title
    event_link.click()
    assert page.url == f"{base_url}/events/{event_id}/"
    assert h1(page) == event.title
    assert fits_the_width(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"calendar file", re.IGNORECASE)).first.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".ics"
    calendar = icalendar.Calendar.from_ical(saved.read_bytes())
    vevents = calendar.walk("VEVENT")
    assert vevents, "the calendar file holds no event"
    # A skipped date is a cancelled entry of its own, so a calendar that had it shows it is off.
    skipped = set(event.recurrence.skip) if event.recurrence else set()
    assert {str(v["SUMMARY"]) for v in vevents if str(v["STATUS"]) != "CANCELLED"} == {event.title}
    assert {v.decoded("RECURRENCE-ID") for v in vevents if str(v["STATUS"]) == "CANCELLED"} <= {
        v.decoded("RECURRENCE-ID")
        for v in vevents
        if "RECURRENCE-ID" in v
        and (
            v.decoded("RECURRENCE-ID").date()
            if isinstance(v.decoded("RECURRENCE-ID"), datetime)
            else v.decoded("RECURRENCE-ID")
        )
        in skipped
    }
    days = {o.day for o in portal.occurrences if o.event_id == event_id} | skipped
    starts = {v.decoded("DTSTART") for v in vevents}
    assert {start.date() if isinstance(start, datetime) else start for start in starts} <= days


@pytest.mark.parametrize("width", WIDTHS)
def test_open_an_equality_impact_assessment_from_the_register(
    width: str, portal: Portal, base_url: str, new_page: Callable[..., Any]
) -> None:
    page = new_page(VIEWPORTS[width])
    page.goto(f"{base_url}/")
    page.locator("main a[href$='eia/']").first.click()
    assert page.url == f"{base_url}/eia/"
    eia_id = first_link_to(page, "eia", portal.eias)
    link = page.locator(f"main a[href$='eia/{eia_id}/']").filter(visible=True).first
    assert link.locator("xpath=ancestor::table/caption").inner_text().strip() != ""
    title = " ".join(link.inner_text().split())
    link.click()
    assert page.url == f"{base_url}/eia/{eia_id}/"
    assert portal.eias[eia_id].model.title == title
    assert h1(page) == title
    impacts = page.get_by_role("table", name=re.compile("impact", re.IGNORECASE)).first
    assert impacts.is_visible()
    rows = impacts.locator("tbody tr")
    assert rows.count() == len(portal.eias[eia_id].model.impacts)
    assert fits_the_width(page) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_open_a_you_said_we_did_page(width: str, portal: Portal, base_url: str, new_page: Callable[..., Any]) -> None:
    page = new_page(VIEWPORTS[width])
    page.goto(f"{base_url}/")
    page.locator("main a[href$='you-said-we-did/']").first.click()
    assert page.url == f"{base_url}/you-said-we-did/"
    feedback_id = first_link_to(page, "you-said-we-did", portal.feedback)
    page.locator(f"main a[href$='you-said-we-did/{feedback_id}/']").filter(visible=True).first.click()
    assert page.url == f"{base_url}/you-said-we-did/{feedback_id}/"
    feedback = portal.feedback[feedback_id].model
    headings = [" ".join(t.split()) for t in page.locator("main h2").all_inner_texts()]
    assert {"We asked", "You said"} <= set(headings)
    for theme in feedback.themes:
        assert page.get_by_role("heading", name=theme.theme, exact=True).first.is_visible()
    assert fits_the_width(page) == []
