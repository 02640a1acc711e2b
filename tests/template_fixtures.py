"""Small hand-made values for template tests: records, taxonomy entries and an outline of a page.

Like a design system's component fixtures, these need no data folder, no portal and no site
build: a test builds a page type's typed context from them and renders its template through
engage.render (StrictUndefined) on its own.
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from typing import Any, TypeVar

from pydantic import BaseModel

from engage import render
from engage.models import Event
from engage.models.settings import Settings
from engage.models.taxonomy import Method, Organisation, Venue
from engage.occurrences import Occurrence
from engage.output import Page, TypedContext
from engage.pages.event_view import EventFacts, EventItem
from engage.records import Record
from engage.yaml_reader import Document

M = TypeVar("M", bound=BaseModel)

SETTINGS = Settings(
    name="Test Engage",
    publisher="Test Partnership",
    base_url="https://engage.example.org/",
    contact="engage@example.org",
)

ORGANISATION = Organisation(
    id="district-council",
    name="Test District Council",
    short_name="the council",
    kind="council",
    contact="x@example.org",
)
METHOD = Method(id="drop-in", name="Drop-in session", level="getting-information")
VENUE = Venue(
    id="town-library",
    name="Town Library",
    address="1 High Street, Testford",
    postcode="TE1 1ST",
    area="north-ward",
    latitude=53.7,
    longitude=-1.9,
    step_free=True,
)

EVENT_FIELDS: dict[str, Any] = {
    "title": "Library opening hours drop-in",
    "summary": "Tell us when the library should open.",
    "description": "Come and talk to the library team.",
    "organiser": "district-council",
    "method": "drop-in",
    "areas": ["north-ward"],
    "topics": ["libraries"],
    "date": "2026-12-10",
    "start_time": "10:00",
    "end_time": "12:00",
    "venue": "town-library",
    "contact": "library@example.org",
}


def record(record_id: str, model: M) -> Record[M]:
    """A record as loading makes one, without a file behind it."""
    return Record(record_id, f"{record_id}.yaml", model, Document(None))


def event(**changes: Any) -> Event:
    return Event.model_validate({**EVENT_FIELDS, **changes})


def item(event_id: str, model: Event, day: date, *, place: str = "Town Library") -> EventItem:
    """One listed date of an event, with the facts a listing shows."""
    occ = Occurrence(day, event_id, model.start_time, model.end_time, day)
    facts = EventFacts(
        record=record(event_id, model),
        organiser="the council",
        place=place,
        method="Drop-in session",
        level="getting-information",
        access_yes=("Step-free access",),
        access_on_request=(),
        status="",
        free=True,
        zone="",
    )
    return EventItem(occ, facts)


def render_page(url: str, template: str, context: TypedContext, title: str | None = None) -> str:
    """A page's whole HTML document, drawn from `context` alone."""
    page = Page(url=url, title=title or context.title, template=template, context=context)
    return render.render_page(render.environment(), page, SETTINGS).decode()


def main(html: str) -> str:
    return re.split(r'<main[^>]*id="main-content"[^>]*>', html, maxsplit=1)[1].split("</main>", 1)[0]


class _Outline(HTMLParser):
    """Headings, links, summary-list terms and definitions, and table rows, in document order."""

    CAPTURED = frozenset({"h1", "h2", "h3", "h4", "a", "dt", "dd", "th", "td", "caption"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self._row: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._row = []
        if tag in self.CAPTURED:
            self._open.append((tag, dict(attrs), []))

    def handle_data(self, data: str) -> None:
        for _, _, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row is not None:
            self.lines.append("row: " + " | ".join(self._row))
            self._row = None
            return
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                _, attrs, parts = self._open.pop(i)
                text = " ".join("".join(parts).split())
                if tag in ("th", "td") and self._row is not None:
                    self._row.append(text)
                elif tag == "a":
                    self.lines.append(f"link: {text} -> {attrs.get('href')}")
                else:
                    self.lines.append(f"{tag}: {text}")
                return


def outline(html: str) -> list[str]:
    """What a reader meets in the page's main content: headings, links, summary rows, table rows."""
    parser = _Outline()
    parser.feed(main(html))
    return parser.lines


def text(html: str) -> str:
    """The main content's words, whitespace collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", main(html)).split())


def load(model: type[M], relative: str) -> M:
    """A model from one of the example data files (tests/example-data/<relative>)."""
    import yaml

    from .sitebuild import ROOT

    return model.model_validate(yaml.safe_load((ROOT / "tests" / "example-data" / relative).read_text()))
