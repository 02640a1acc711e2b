"""The site works with JavaScript turned off: every page type reads, and links lead on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from engage.portal import Portal

from .conftest import VIEWPORTS
from .site_pages import SitePages

# Links to records and listings, which a page must show whether or not scripts run.
_RECORD_LINKS = """() => [...document.querySelectorAll("main a[href]")]
    .filter((a) => a.checkVisibility({visibilityProperty: true}))
    .filter((a) => /\\/(events|eia|you-said-we-did|commitments)\\//.test(a.pathname))
    .map((a) => a.pathname).sort()"""


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_every_page_type_reads_the_same_without_javascript(
    width: str, pages: SitePages, base_url: str, new_page: Callable[..., Any]
) -> None:
    without = new_page(VIEWPORTS[width], java_script_enabled=False)
    with_js = new_page(VIEWPORTS[width])
    failures = []
    for kind, url in pages.samples(1):
        without.goto(f"{base_url}/{url}")
        with_js.goto(f"{base_url}/{url}")
        heading = without.locator("h1").first
        if not heading.is_visible() or not heading.inner_text().strip():
            failures.append(f"{kind} /{url}: no visible h1 without JavaScript")
        links_without = without.evaluate(_RECORD_LINKS)
        links_with = with_js.evaluate(_RECORD_LINKS)
        missing = sorted(set(links_with) - set(links_without))
        if missing:
            failures.append(f"{kind} /{url}: links shown only with JavaScript: {missing[:5]}")
        dead = without.evaluate(
            """() => [...document.querySelectorAll("main a")]
                .filter((a) => !a.getAttribute("href") || /^\\s*(javascript:|#$)/i.test(a.getAttribute("href")))
                .map((a) => a.outerHTML.slice(0, 120))"""
        )
        if dead:
            failures.append(f"{kind} /{url}: links that need JavaScript: {dead[:5]}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_home_to_events_to_an_event_without_javascript(width: str, base_url: str, new_page: Callable[..., Any]) -> None:
    page = new_page(VIEWPORTS[width], java_script_enabled=False)
    page.goto(f"{base_url}/")
    page.locator("main a[href$='events/']").first.click()
    assert page.url == f"{base_url}/events/"
    listed = page.locator("main .engage-list a[href*='events/']").first
    assert listed.is_visible()
    title = " ".join(listed.inner_text().split())
    listed.click()
    assert page.url.startswith(f"{base_url}/events/")
    assert " ".join(page.locator("main h1").first.inner_text().split()) == title


def test_calendar_months_are_readable_without_javascript(
    pages: SitePages, portal: Portal, base_url: str, new_page: Callable[..., Any]
) -> None:
    assert "calendar" in pages.by_type, "the site has no month calendar page"
    page = new_page(VIEWPORTS["phone"], java_script_enabled=False)
    followed = 0
    for url in pages.sample("calendar"):
        page.goto(f"{base_url}/{url}")
        assert page.locator("main table").first.is_visible(), f"/{url} shows no month grid without JavaScript"
        shown = page.evaluate(
            """() => [...document.querySelectorAll("main a[href]")]
                .filter((a) => a.checkVisibility({visibilityProperty: true}) && a.innerText.trim())
                .map((a) => ({path: a.pathname, text: a.innerText.trim().replace(/\\s+/g, " ")}))"""
        )
        events = [link for link in shown if link["path"].strip("/").split("/")[-1] in portal.events]
        if not events:
            continue
        event_id = events[0]["path"].strip("/").split("/")[-1]
        assert portal.events[event_id].model.title in events[0]["text"]
        page.locator(f"main a[href$='events/{event_id}/']").filter(visible=True).first.click()
        assert page.url == f"{base_url}/events/{event_id}/"
        assert " ".join(page.locator("main h1").first.inner_text().split()) == portal.events[event_id].model.title
        followed += 1
    assert followed, "no month in the sample shows an event without JavaScript"
