"""Where every kind of page lives on the site (directory URLs, relative to the site root)."""

from __future__ import annotations


def event(event_id: str) -> str:
    return f"events/{event_id}/"


def eia(eia_id: str) -> str:
    return f"eia/{eia_id}/"


def feedback(feedback_id: str) -> str:
    return f"you-said-we-did/{feedback_id}/"


def commitment(commitment_id: str) -> str:
    return f"commitments/{commitment_id}/"


def listing(base: str, page: int) -> str:
    """Page 1 of a listing is its folder; later pages are page/N/ beneath it."""
    return base if page == 1 else f"{base}page/{page}/"


def source(url: str) -> str:
    """The Markdown source path MkDocs needs for a directory URL: 'events/x/' -> 'events/x.md'."""
    stripped = url.strip("/")
    if not stripped:
        return "index.md"
    return f"{stripped}/index.md"


def event_ics(event_id: str) -> str:
    """The calendar file for one event, beside its page."""
    return f"events/{event_id}/{event_id}.ics"


ALL_FEED = "feeds/all.ics"
CONSULTATIONS_FEED = "feeds/consultations.ics"
REVIEWS_FEED = "feeds/reviews-and-deadlines.ics"
FACETS = ("area", "topic", "group", "organiser", "type")
"""Facets with a feed each; also facet listing pages under events/<facet>/<id>/."""


def facet_feed(facet: str, value: str) -> str:
    return f"feeds/{facet}/{value}.ics"


def facet_listing(facet: str, value: str) -> str:
    return f"events/{facet}/{value}/"


ADD_EVENT = "contribute/add-event/"
"""The form that writes a new event file for partners without Git."""
UPDATE_EVENT = "contribute/update-event/"
"""The same form for changing or cancelling a published event (it raises `sequence`)."""
EVENT_FORM_DATA = "contribute/event-form-data.js"
"""What the form offers: taxonomy choices, organisations' mailboxes, the repository address."""
EVENT_SCHEMA = "schemas/event.json"
"""The published JSON Schema of an event file, which the form checks against."""
EVENTS_DATA = "open-data/events.json"
"""Every event as open data; the update form loads the event to change from it."""
