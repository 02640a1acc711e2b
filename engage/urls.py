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


def facet_feed(facet: str, value: str) -> str:
    return f"feeds/{facet}/{value}.ics"


def facet_listing(facet: str, value: str) -> str:
    return f"events/{facet}/{value}/"


# The site's sections and information pages (same definitions as the rendering layer's urls.py).
def home() -> str:
    return ""


def events() -> str:
    """The upcoming events listing (page 1)."""
    return "events/"


def past_events() -> str:
    return "events/past/"


def filters() -> str:
    """Every filter of the event listings on one page."""
    return "events/filters/"


def calendar() -> str:
    """The month calendar (this month)."""
    return "calendar/"


def eias() -> str:
    """The register of Equality Impact Assessments."""
    return "eia/"


def feedback_index() -> str:
    """'You said, we did': every consultation's outcome."""
    return "you-said-we-did/"


def commitments() -> str:
    return "commitments/"


def coverage() -> str:
    return "coverage/"


def feeds() -> str:
    """The page that explains how to subscribe to the calendar feeds."""
    return "feeds/"


def open_data() -> str:
    return "open-data/"


def schemas() -> str:
    return "schemas/"


def search() -> str:
    return "search/"


def accessibility() -> str:
    return "accessibility/"


def privacy() -> str:
    return "privacy/"


def contact() -> str:
    return "contact/"


def about() -> str:
    return "about/"
