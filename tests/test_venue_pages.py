"""Venue pages: what is on at each venue, its access, directions and a map link."""

from __future__ import annotations

from engage.pages import events, venue_pages
from engage.pages.event_view import upcoming_items
from engage.portal import Portal


def test_every_venue_has_a_page_listing_exactly_its_upcoming_dates(demo_portal: Portal) -> None:
    pages = venue_pages.venue_pages(demo_portal)
    expected_dates = {
        vid: [(e.record.id, e.occurrence.day) for e in upcoming_items(demo_portal) if e.event.venue == vid]
        for vid in demo_portal.venues
    }
    for vid in demo_portal.venues:
        listed = [
            (e.record.id, e.occurrence.day)
            for p in sorted(
                (p for p in pages if p.url == f"venues/{vid}/" or p.url.startswith(f"venues/{vid}/page/")),
                key=lambda p: p.context.pager.number,
            )
            for g in p.context.months
            for e in g.entries
        ]
        assert listed == expected_dates[vid], vid
    index = next(p for p in pages if p.url == "venues/")
    assert sorted(s.id for s in index.context.venues) == sorted(demo_portal.venues)
    for s in index.context.venues:
        assert s.upcoming == len({i for i, _ in expected_dates[s.id]})


def test_a_venue_page_gives_access_directions_and_a_map(demo_portal: Portal) -> None:
    vid, venue = next((k, v) for k, v in demo_portal.venues.items() if v.latitude is not None and v.directions)
    page = next(p for p in venue_pages.venue_pages(demo_portal) if p.url == f"venues/{vid}/")
    assert page.context.map_url == (
        f"https://www.openstreetmap.org/?mlat={venue.latitude}&mlon={venue.longitude}#map=17/{venue.latitude}/{venue.longitude}"
    )
    assert page.context.step_free == {True: "Yes", False: "No", None: "Not known"}[venue.step_free]
    assert page.title == venue.name


def test_an_event_page_links_its_venue(demo_portal: Portal) -> None:
    event_id, record = next((i, r) for i, r in demo_portal.events.items() if r.model.venue)
    page = next(p for p in events.event_pages(demo_portal) if p.url == f"events/{event_id}/")
    assert page.context.venue_url == f"venues/{record.model.venue}/"
