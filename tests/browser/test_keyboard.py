"""Every control on every type of page can be reached, seen and used with the keyboard alone."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import VIEWPORTS
from .keyboard import tab_walk
from .site_pages import SitePages

SAMPLE = int(os.environ.get("ENGAGE_KEYBOARD_SAMPLE", "1"))


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_tab_reaches_every_control_in_order_with_visible_focus(
    width: str, pages: SitePages, base_url: str, new_page: Callable[..., Any]
) -> None:
    page = new_page(VIEWPORTS[width], reduced_motion="reduce")
    failures = []
    for kind, url in pages.samples(SAMPLE):
        page.goto(f"{base_url}/{url}")
        walk = tab_walk(page)
        assert walk.controls, f"/{url} has no control at all"
        failures += [f"{kind} page /{url} at {width} width: {problem}" for problem in walk.problems()]
    assert not failures, "\n".join(failures)


def test_enter_on_a_focused_link_follows_it(pages: SitePages, base_url: str, new_page: Callable[..., Any]) -> None:
    """Links work with Enter: the first link in each page type's content.

    That Tab reaches them is the walk's business (above); here each is focused directly.
    """
    page = new_page(VIEWPORTS["desktop"], reduced_motion="reduce")
    followed = 0
    for kind, url in pages.samples(1):
        page.goto(f"{base_url}/{url}")
        href = page.evaluate(
            """() => {
                const link = [...document.querySelectorAll("main a[href]")].find((a) =>
                    a.origin === location.origin && !a.getAttribute("href").startsWith("#") &&
                    !a.hasAttribute("download") && !/\\.(ics|csv|json|zip)$/.test(a.pathname) &&
                    a.checkVisibility({visibilityProperty: true}));
                if (!link) return null;
                link.focus();
                return link.href;
            }"""
        )
        if href is None:
            continue
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == href, f"{kind} /{url}"
        followed += 1
    assert followed >= len(pages.by_type) // 2


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_skip_link_comes_first_and_moves_to_the_content(
    width: str, base_url: str, new_page: Callable[..., Any]
) -> None:
    page = new_page(VIEWPORTS[width], reduced_motion="reduce")
    page.goto(f"{base_url}/events/")
    page.keyboard.press("Tab")

    focused = page.evaluate(
        "() => ({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})"
    )
    assert focused["text"] == "Skip to main content"
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base_url}/events/{focused['href']}")
    # The target is the content itself or its heading, and the page's h1 is there.
    target = page.locator(focused["href"])
    assert target.is_visible()
    assert page.evaluate(
        "(selector) => { const t = document.querySelector(selector); const h = document.querySelector('main h1'); return t === h || t.contains(h); }",
        focused["href"],
    )
