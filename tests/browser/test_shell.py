"""The public shell in a real browser: keyboard walks, the menu, JavaScript off, search, weight.

Each test names the failure it would catch if it came back: a drawer that traps focus or hides
links, a sticky header over the focused control, sort buttons focusable while clipped, a search
whose result count is not announced, a first visit that fetches search code on every page.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest

from engage.portal import Portal

from .conftest import VIEWPORTS
from .focus_walk import walk
from .site_pages import SitePages

SAMPLE = int(os.environ.get("ENGAGE_KEYBOARD_SAMPLE", "1"))
# Stops per walk: forward covers the header and the start of the content, backward the footer
# and the end; 0 walks whole pages (slow on the filter index's hundreds of links).
STOPS = int(os.environ.get("ENGAGE_WALK_STOPS", "30"))
# Without JavaScript, the page types whose shell or content differs when scripts are off.
NO_JS_TYPES = ("home", "upcoming", "event", "eia-register", "feedback", "search", "404", "content:about/")
MENU = ".engage-service-navigation__toggle"
NAV_LINKS = ".engage-service-navigation__list a"


def _walk_every_type(
    pages: SitePages,
    base_url: str,
    page: Any,
    width: str,
    backward: bool,
    label: str,
    kinds: tuple[str, ...] = (),
    scripts: bool = True,
) -> list[str]:
    failures = []
    for kind, url in pages.samples(SAMPLE):
        if kinds and kind not in kinds:
            continue
        page.goto(f"{base_url}/{url}")
        result = walk(page, backward=backward, limit=STOPS, whole=scripts)
        if not result.stops:
            failures.append(f"{kind} /{url} {label}: Tab reached nothing")
        failures += [f"{kind} /{url} at {width} {label}: {problem}" for problem in result.problems]
    return failures


@pytest.mark.parametrize("direction", ["forward", "backward"])
@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_focus_is_visible_and_never_hidden_walking_every_page_type(
    width: str, direction: str, pages: SitePages, base_url: str, new_page: Callable[..., Any]
) -> None:
    """Regression: the sticky header hid the focused control on 30 of 56 walks backwards."""
    page = new_page(VIEWPORTS[width], reduced_motion="reduce")
    failures = _walk_every_type(pages, base_url, page, width, direction == "backward", direction)
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("direction", ["forward", "backward"])
@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_focus_is_visible_walking_every_page_type_without_javascript(
    width: str, direction: str, pages: SitePages, base_url: str, new_page: Callable[..., Any]
) -> None:
    page = new_page(VIEWPORTS[width], reduced_motion="reduce", java_script_enabled=False)
    label = f"{direction}, no JavaScript"
    failures = _walk_every_type(pages, base_url, page, width, direction == "backward", label, NO_JS_TYPES, False)
    assert failures == [], "\n".join(failures)


def _focused(page: Any) -> str:
    return str(
        page.evaluate(
            "() => document.activeElement.matches('.engage-service-navigation__toggle') ? 'menu' : (document.activeElement.closest('.engage-service-navigation__list') ? 'nav:' + document.activeElement.textContent.trim() : document.activeElement.tagName)"
        )
    )


def _tab_to_menu(page: Any) -> None:
    for _ in range(10):
        page.keyboard.press("Tab")
        if _focused(page) == "menu":
            return
    raise AssertionError("Tab never reached the Menu button")


@pytest.mark.parametrize("key", ["Enter", " "])
def test_the_menu_opens_walks_and_closes_with_escape_on_a_phone(
    key: str, base_url: str, new_page: Callable[..., Any]
) -> None:
    """Regression: the drawer's Menu button ignored Space, Escape did not close it, and Tab went
    into collapsed sections and onto content hidden behind the drawer."""
    page = new_page(VIEWPORTS["phone"], reduced_motion="reduce")
    page.goto(f"{base_url}/about/")
    labels = page.locator(NAV_LINKS).all_inner_texts()
    assert page.locator(MENU).is_visible()
    assert page.locator(MENU).get_attribute("aria-expanded") == "false"
    assert not page.locator(NAV_LINKS).first.is_visible()
    _tab_to_menu(page)
    page.keyboard.press(key)
    assert page.locator(MENU).get_attribute("aria-expanded") == "true"
    # Every link of the open menu in order, each visible when focused, then on to the page.
    walked = []
    for _ in labels:
        page.keyboard.press("Tab")
        walked.append(_focused(page))
        assert page.evaluate("() => document.activeElement.checkVisibility()")
    assert walked == [f"nav:{label.strip()}" for label in labels]
    page.keyboard.press("Tab")
    assert not _focused(page).startswith("nav:")
    # Back into the menu, and Escape closes it with focus returned to the button.
    page.keyboard.press("Shift+Tab")
    assert _focused(page) == f"nav:{labels[-1].strip()}"
    page.keyboard.press("Escape")
    assert page.locator(MENU).get_attribute("aria-expanded") == "false"
    assert not page.locator(NAV_LINKS).first.is_visible()
    assert _focused(page) == "menu"
    # Closed, the menu's links are not in the Tab order.
    page.keyboard.press("Tab")
    assert not _focused(page).startswith("nav:")


def test_escape_closes_the_menu_from_its_button(base_url: str, new_page: Callable[..., Any]) -> None:
    page = new_page(VIEWPORTS["phone"], reduced_motion="reduce")
    page.goto(f"{base_url}/events/")
    _tab_to_menu(page)
    page.keyboard.press("Enter")
    assert page.locator(NAV_LINKS).first.is_visible()
    page.keyboard.press("Escape")
    assert page.locator(MENU).get_attribute("aria-expanded") == "false"
    assert _focused(page) == "menu"


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_without_javascript_the_navigation_is_plain_links_at_every_width(
    width: str, base_url: str, new_page: Callable[..., Any]
) -> None:
    """Regression: with JavaScript off at 390 px the Menu did not open, so the sections were unreachable."""
    page = new_page(VIEWPORTS[width], java_script_enabled=False)
    page.goto(f"{base_url}/about/")
    assert not page.locator(MENU).is_visible()
    links = page.locator(NAV_LINKS)
    assert links.count() == 7
    assert all(links.nth(i).is_visible() for i in range(links.count()))
    reached = set()
    for _ in range(12):
        page.keyboard.press("Tab")
        focused = _focused(page)
        if focused.startswith("nav:"):
            reached.add(focused)
    assert reached == {f"nav:{text.strip()}" for text in links.all_inner_texts()}


def test_at_desktop_width_there_is_no_menu_button(base_url: str, new_page: Callable[..., Any]) -> None:
    page = new_page(VIEWPORTS["desktop"])
    page.goto(f"{base_url}/about/")
    assert not page.locator(MENU).is_visible()
    assert page.locator(NAV_LINKS).first.is_visible()


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_skip_link_leads_to_the_main_content_with_its_heading_in_view(
    width: str, base_url: str, new_page: Callable[..., Any]
) -> None:
    """Regression: after "Skip to content" the <h1> sat under the sticky header."""
    page = new_page(VIEWPORTS[width], reduced_motion="reduce")
    page.goto(f"{base_url}/events/")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Skip to main content"
    assert page.locator(".engage-skip-link").is_visible()
    page.keyboard.press("Enter")
    assert urlsplit(page.url).fragment == "main-content"
    heading = page.evaluate(
        """() => { const h = document.querySelector('main h1').getBoundingClientRect();
                   const top = document.elementFromPoint(h.left + 5, h.top + h.height / 2);
                   return {top: h.top, bottom: h.bottom, mine: !!top && !!top.closest('main')}; }"""
    )
    assert heading["top"] >= 0 and heading["bottom"] <= VIEWPORTS[width]["height"] and heading["mine"]
    # The next Tab goes into the page's content, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('main')")


def test_sort_buttons_cannot_take_focus_while_the_table_header_is_hidden(
    pages: SitePages, base_url: str, new_page: Callable[..., Any]
) -> None:
    """Regression: below 45em the register's <thead> was clipped but its 7 sort buttons stayed focusable."""
    page = new_page(VIEWPORTS["phone"], reduced_motion="reduce")
    page.goto(f"{base_url}/{pages.by_type['eia-register'][0]}")
    hidden_focusable = page.evaluate(
        """() => [...document.querySelectorAll('.engage-sort-button')]
              .filter((b) => { b.focus(); return document.activeElement === b; }).length"""
    )
    assert hidden_focusable == 0
    wide = new_page(VIEWPORTS["desktop"], reduced_motion="reduce")
    wide.goto(f"{base_url}/{pages.by_type['eia-register'][0]}")
    assert wide.locator(".engage-sort-button").count() == 7
    assert wide.locator(".engage-sort-button").first.is_visible()


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_table_wrappers_take_focus_only_when_they_scroll(
    width: str, pages: SitePages, base_url: str, new_page: Callable[..., Any]
) -> None:
    """Regression: every table wrapper was a focusable region even when it did not scroll."""
    page = new_page(VIEWPORTS[width])
    seen = 0
    for kind in ("eia", "feedback", "commitment", "open-data"):
        for url in pages.by_type.get(kind, [])[:2]:
            page.goto(f"{base_url}/{url}")
            wrappers = page.evaluate(
                """() => [...document.querySelectorAll('.engage-table-wrap')].map((w) => ({
                    scrolls: w.scrollWidth > w.clientWidth + 1, focusable: w.tabIndex >= 0,
                    region: w.getAttribute('role') === 'region' && !!w.getAttribute('aria-label')}))"""
            )
            seen += len(wrappers)
            assert [w["focusable"] for w in wrappers] == [w["scrolls"] for w in wrappers], f"/{url}"
            assert all(w["region"] for w in wrappers if w["focusable"]), f"/{url}"
    assert seen


def _announced(page: Any) -> str:
    page.wait_for_function("() => /result/.test(document.querySelector('[data-engage-search-status]').textContent)")
    return str(page.locator("[data-engage-search-status]").inner_text())


def _found_events(page: Any) -> set[str]:
    hrefs = page.eval_on_selector_all(
        ".engage-search-results a", "(links) => links.map((a) => new URL(a.href).pathname)"
    )
    return {m.group(1) for href in hrefs if (m := re.fullmatch(r"/events/([^/]+)/", href))}


def test_search_from_the_header_finds_events_by_access_need_place_and_organiser(
    portal: Portal, base_url: str, new_page: Callable[..., Any]
) -> None:
    """Regression: the index held titles and summaries only, so "BSL" found nothing."""
    page = new_page(VIEWPORTS["phone"])
    bsl = {i for i, r in portal.events.items() if r.model.access.bsl.value in {"yes", "on-request"}}
    venue_id, venue = next(iter(sorted(portal.venues.items())))
    place = venue.name.split()[0]
    at_place = {i for i, r in portal.events.items() if r.model.venue == venue_id}
    org_id = sorted({r.model.organiser for r in portal.events.values()})[0]
    org = portal.organisations[org_id]
    word = (org.short_name or org.name).split()[-1]
    by_org = {i for i, r in portal.events.items() if r.model.organiser == org_id}
    for query, expected in (("BSL", bsl), (place, at_place), (word, by_org)):
        assert expected, query
        page.goto(f"{base_url}/events/")
        page.fill("#engage-header-search", query)
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/search/\?q="))
        said = _announced(page)
        listed = page.locator(".engage-search-results > li").count()
        assert said == f"{listed} results for \u2018{query}\u2019"
        assert expected <= _found_events(page), query


def test_search_count_is_announced_in_a_live_region_that_was_there_before(
    base_url: str, new_page: Callable[..., Any]
) -> None:
    page = new_page(VIEWPORTS["desktop"])
    page.goto(f"{base_url}/search/")
    status = page.locator("[data-engage-search-status]")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == ""
    page.fill("#engage-search-q", "zzzzqx")
    page.keyboard.press("Enter")
    page.wait_for_function("() => /No results/.test(document.querySelector('[data-engage-search-status]').textContent)")
    assert status.inner_text() == "No results for \u2018zzzzqx\u2019"
    assert "q=zzzzqx" in page.url


def test_search_without_javascript_says_why_and_offers_the_lists(base_url: str, new_page: Callable[..., Any]) -> None:
    page = new_page(VIEWPORTS["phone"], java_script_enabled=False)
    page.goto(f"{base_url}/search/?q=BSL")
    notice = page.locator("[data-engage-search-noscript]")
    assert notice.is_visible()
    assert "needs JavaScript" in notice.inner_text()
    assert notice.locator("a").count() >= 5


FIRST_VISIT_LIMIT = 150 * 1024


@pytest.mark.parametrize("which", ["home", "event"])
def test_a_first_visit_is_light_and_fetches_nothing_from_another_host(
    which: str, pages: SitePages, base_url: str, new_page: Callable[..., Any]
) -> None:
    """Regression: 380 KB and 8 requests on a first visit, 72 KB of it search code and index."""
    page = new_page(VIEWPORTS["phone"])
    sizes: dict[str, int] = {}
    page.on("requestfinished", lambda request: sizes.__setitem__(request.url, len(request.response().body())))
    page.on("request", lambda request: sizes.setdefault(request.url, 0))
    url = "" if which == "home" else pages.by_type["event"][0]
    page.goto(f"{base_url}/{url}", wait_until="networkidle")
    hosts = {urlsplit(address).netloc for address in sizes if not address.startswith("data:")}
    assert hosts == {urlsplit(base_url).netloc}
    assert not [address for address in sizes if "search" in urlsplit(address).path]
    total = sum(sizes.values())
    assert total < FIRST_VISIT_LIMIT, f"{total} bytes: {sizes}"


# --- The walk's checks have teeth: each failure of the issue, put back, is caught ------------


def test_the_walk_catches_a_sticky_header_over_focus(
    pages: SitePages, base_url: str, new_page: Callable[..., Any]
) -> None:
    page = new_page(VIEWPORTS["phone"], reduced_motion="reduce")
    page.goto(f"{base_url}/{pages.by_type['event'][0]}")
    page.add_style_tag(content="html{scroll-padding:0!important} .engage-header{position:sticky;top:0;z-index:10}")
    problems = walk(page, backward=True, limit=STOPS).problems
    assert any("under the fixed or sticky header.engage-header" in p for p in problems), problems


def test_the_walk_catches_focus_that_draws_nothing(
    pages: SitePages, base_url: str, new_page: Callable[..., Any]
) -> None:
    page = new_page(VIEWPORTS["desktop"], reduced_motion="reduce")
    page.goto(f"{base_url}/{pages.by_type['event'][0]}")
    # Focused links drawn exactly as unfocused body links are.
    page.add_style_tag(
        content="*:focus{outline:none!important;box-shadow:none!important;background-color:transparent!important;"
        "color:var(--engage-link)!important;text-decoration:underline!important;"
        "text-decoration-thickness:max(1px,0.0625rem)!important}"
    )
    problems = walk(page, limit=STOPS, pixel_every=1).problems
    assert any(p.startswith("focus changes no pixel") for p in problems), problems


def test_the_walk_catches_focusable_buttons_in_a_clipped_header(
    pages: SitePages, base_url: str, new_page: Callable[..., Any]
) -> None:
    page = new_page(VIEWPORTS["phone"], reduced_motion="reduce")
    page.goto(f"{base_url}/{pages.by_type['eia-register'][0]}")
    page.add_style_tag(
        content=".engage-stack thead{display:block!important;position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}"
    )
    problems = walk(page, limit=0, pixel_every=0).problems
    assert any("<button.engage-sort-button>" in p for p in problems), problems


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_the_site_name_is_whole_under_increased_text_spacing(
    width: str, base_url: str, new_page: Callable[..., Any]
) -> None:
    """Regression: the site name was cut to "Calderbrook En…" under WCAG 1.4.12 text spacing."""
    page = new_page(VIEWPORTS[width])
    page.goto(f"{base_url}/events/")
    page.add_style_tag(
        content="* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }"
        " p { margin-bottom: 2em !important; }"
    )
    name = page.locator(".engage-header__name")
    assert " ".join(name.inner_text().split()) == "Calderbrook Engage"
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.engage-header *, .engage-service-navigation *')]
              .filter((el) => !el.matches('.engage-visually-hidden') && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
              .map((el) => el.className)"""
    )
    assert clipped == []
    box = name.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= VIEWPORTS[width]["width"]
