"""What engage.render draws once per build and reuses (a listed event, the filter form's
checkboxes) comes out exactly as drawing it afresh on every page would."""

from __future__ import annotations

import dataclasses

from engage import render
from engage.output import Page
from engage.pages import events, facet_pages
from engage.portal import Portal


def _listings(portal: Portal) -> list[Page]:
    return [p for p in [*events.pages(portal), *facet_pages.pages(portal)] if p.template == "engage/events.html"]


def test_every_listing_page_draws_as_it_would_without_the_caches(example_portal: Portal) -> None:
    shared = render.environment()
    pages = _listings(example_portal)
    reused = [render.render_page(shared, page, example_portal.settings) for page in pages]
    fresh = [render.render_page(render.environment(), page, example_portal.settings) for page in pages]
    assert reused == fresh
    assert sum(b'type="checkbox"' in html for html in reused) > 10


def test_a_value_page_whose_value_has_no_event_still_offers_its_own_checkbox(example_portal: Portal) -> None:
    """The one case where the checkboxes differ between pages: the cache must tell it apart."""
    shared = render.environment()
    pages = _listings(example_portal)
    value_page = next(p for p in pages if getattr(p.context, "kind", "") == "facet")
    context = value_page.context
    assert dataclasses.is_dataclass(context)
    group, empty = next((g, o) for g in context.filter_groups for o in g.options if not o.count)
    own = dataclasses.replace(value_page, context=dataclasses.replace(context, facet=group, option=empty))
    for page in pages:
        render.render_page(shared, page, example_portal.settings)
    html = render.render_page(shared, own, example_portal.settings)
    assert html == render.render_page(render.environment(), own, example_portal.settings)
    checkbox = f'id="engage-filter-{group.key}-{empty.value}"'.encode()
    assert checkbox in html
    assert all(checkbox not in render.render_page(shared, p, example_portal.settings) for p in pages[:3])
