"""axe-core's WCAG 2.2 A and AA rules on every type of page the built demo site has.

Page types are discovered from the built site (see site_pages.py), so a new template is
checked as soon as it lands. Each type is checked on the few pages that between them use
every element it ever shows, at phone and desktop widths.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

from .axe import describe, prepare, violations
from .conftest import VIEWPORTS
from .site_pages import SitePages, content_urls

# Pages per type: enough to see a template's variants (cancelled, consultation, recurring...).
SAMPLE = int(os.environ.get("ENGAGE_A11Y_SAMPLE", "3"))
# Types every build of the demo data has; a discovery that finds fewer has gone wrong.
KNOWN_TYPES = {
    "home",
    "upcoming",
    "event",
    "past-index",
    "past",
    "eia-register",
    "eia",
    "feedback-index",
    "feedback",
    "commitments-index",
    "commitment",
    "404",
    "planning",
    "planning-month",
    "planning-fatigue",
    "impact-index",
    "evaluation",
    "self-assessment-index",
    "self-assessment-module",
    "open-data-dictionary",
    "open-data-dictionary-dataset",
}


def test_every_type_of_page_is_found(pages: SitePages) -> None:
    found = set(pages.by_type)
    assert KNOWN_TYPES - found == set()
    hand_written = {url for url in content_urls() if url}
    assert {url for kind, urls in pages.by_type.items() if kind.startswith("content:") for url in urls} == hand_written


def test_every_generated_page_declares_its_type(pages: SitePages) -> None:
    """A generated page's context needs a `kind` so the checks know its template."""
    untyped = {kind: urls[:3] for kind, urls in pages.by_type.items() if kind.startswith("untyped:")}
    assert untyped == {}, "pages without <meta name='engage:page-type'> (add 'kind' to the Page context)"


@pytest.mark.parametrize("width", sorted(VIEWPORTS))
def test_no_axe_violations_on_any_page_type(
    width: str, pages: SitePages, base_url: str, new_page: Callable[..., Any]
) -> None:
    page = new_page(VIEWPORTS[width], reduced_motion="reduce")
    prepare(page)
    failures = []
    checked = []
    for kind, url in pages.samples(SAMPLE):
        page.goto(f"{base_url}/{url}")
        found = violations(page)
        checked.append(url)
        if found:
            failures.append(f"{kind} page /{url} at {width} width:\n{describe(found)}")
    assert len(checked) >= len(pages.by_type)
    assert failures == [], "axe found WCAG 2.2 AA violations:\n" + "\n".join(failures)


def test_the_404_page_is_served_for_a_missing_address(base_url: str, new_page: Callable[..., Any]) -> None:
    page = new_page(VIEWPORTS["phone"])
    response = page.goto(f"{base_url}/events/no-such-event/")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text().strip() != ""
    found = violations(page)
    assert found == [], describe(found)
