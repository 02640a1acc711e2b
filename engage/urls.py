"""Where every kind of page and file lives on the site (relative to the site root).

The one home of the site's addresses: page families, feeds, exports, the adapter and the
templates (as the global `url`: `{{ shell.root }}{{ url.event(id) }}`) all ask here.
Directory URLs end in '/'; '' is the home page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date


def home() -> str:
    return ""


def events() -> str:
    """The upcoming events listing (page 1)."""
    return "events/"


def event(event_id: str) -> str:
    return f"events/{event_id}/"


def event_ics(event_id: str) -> str:
    """The calendar file for one event, beside its page."""
    return f"events/{event_id}/{event_id}.ics"


def past_events() -> str:
    return "events/past/"


def past_year(year: int) -> str:
    return f"events/past/{year}/"


def filters() -> str:
    """Every filter of the event listings on one page."""
    return "events/filters/"


def facet_listing(facet: str, value: str) -> str:
    return f"events/{facet}/{value}/"


def calendar() -> str:
    """The month calendar (this month)."""
    return "calendar/"


def calendar_month(year: int, month: int) -> str:
    return f"calendar/{year:04d}-{month:02d}/"


def eias() -> str:
    """The register of Equality Impact Assessments."""
    return "eia/"


def eia(eia_id: str) -> str:
    return f"eia/{eia_id}/"


EIA_SELECTIONS: dict[str, str] = {
    "service": "eia/service/{value}/",
    "outcome": "eia/outcome/{value}/",
    "stage": "eia/stage/{value}/",
    "characteristic": "eia/characteristic/{value}/",
    "year": "eia/year/{value}/",
    "review-overdue": "eia/review-overdue/",
    "quality-assured": "eia/quality-assured/{value}/",
    "negative-impact": "eia/negative-impact/{value}/",
    "action-state": "eia/actions/{value}/",
    "completed-late": "eia/completed-after-decision/",
}
"""Where each selection of the register lives (facet -> pattern); one-value facets ignore the value."""


def eia_selection(facet: str, value: str) -> str:
    """A selection of the register, such as 'eia/outcome/adjust/'."""
    return EIA_SELECTIONS[facet].format(value=value)


def eia_sort(key: str) -> str:
    """The register in another order; 'decision' (newest first) is the register itself."""
    return "eia/" if key == "decision" else f"eia/sort/{key.replace('review', 'review-date')}/"


def feedback_index() -> str:
    """'You said, we did': every consultation's outcome."""
    return "you-said-we-did/"


def feedback(feedback_id: str) -> str:
    return f"you-said-we-did/{feedback_id}/"


def commitments() -> str:
    return "commitments/"


COMMITMENTS_OVERDUE = "commitments/overdue/"
"""Every overdue commitment action, when more are overdue than the overview shows."""


def commitment(commitment_id: str) -> str:
    return f"commitments/{commitment_id}/"


def eia_action(eia_id: str, action_id: str) -> str:
    return f"eia/{eia_id}/#action-{action_id}"


def commitment_action(commitment_id: str, action_id: str) -> str:
    return f"commitments/{commitment_id}/#action-{action_id}"


def coverage() -> str:
    return "coverage/"


def coverage_detail(facet: str, key: str) -> str:
    """The events behind one coverage figure ('all' is every event held)."""
    return "coverage/all/" if facet == "all" else f"coverage/{facet}/{key}/"


def feeds() -> str:
    """The page that explains how to subscribe to the calendar feeds."""
    return "feeds/"


def open_data() -> str:
    return "open-data/"


def open_data_file(name: str) -> str:
    """A file of the open data, such as 'events.json' or 'eia-actions.csv'."""
    return f"open-data/{name}"


def data_dictionary() -> str:
    """The data dictionary's overview: every data set, each linking to its own page."""
    return "open-data/dictionary/"


def data_dictionary_dataset(name: str) -> str:
    """One data set's page of the data dictionary, such as 'open-data/dictionary/events/'."""
    return f"{data_dictionary()}{name}/"


def schemas() -> str:
    return "schemas/"


def file_schema(name: str) -> str:
    """The JSON Schema of one kind of data file partners write, such as 'event'."""
    return f"schemas/{name}.json"


def export_schema(name: str) -> str:
    """The JSON Schema of one open data file, such as 'events' for open-data/events.json."""
    return f"schemas/open-data/{name}.json"


def publications_feed() -> str:
    """The Atom feed of publications."""
    return "feeds/publications.atom"


def asset(name: str) -> str:
    """A static file shipped with the theme, such as 'table-sort.js'."""
    return f"assets/{name}"


def search() -> str:
    return "search/"


def search_index() -> str:
    """The search page's index, loaded by that page only."""
    return "search/index.json"


def accessibility() -> str:
    return "accessibility/"


def privacy() -> str:
    return "privacy/"


def contact() -> str:
    return "contact/"


def about() -> str:
    return "about/"


def contribute() -> str:
    """How partners add and update events (the forms and the officers' guide sit beneath it)."""
    return "contribute/"


def listing(base: str, page: int) -> str:
    """Page 1 of a listing is its folder; later pages are page/N/ beneath it."""
    return base if page == 1 else f"{base}page/{page}/"


def output_path(url: str) -> str:
    """The file a directory URL is written to: 'events/x/' -> 'events/x/index.html'."""
    stripped = url.strip("/")
    return f"{stripped}/index.html" if stripped else "index.html"


def source(url: str) -> str:
    """The Markdown source path MkDocs knows a directory URL by: 'events/x/' -> 'events/x/index.md'
    (so links from hand-written pages to generated pages resolve)."""
    stripped = url.strip("/")
    if not stripped:
        return "index.md"
    return f"{stripped}/index.md"


ALL_FEED = "feeds/all.ics"
CONSULTATIONS_FEED = "feeds/consultations.ics"
REVIEWS_FEED = "feeds/reviews-and-deadlines.ics"
ARCHIVE_FEED = open_data_file("events.ics")
"""Every event and closing date ever listed: a download, too big to subscribe to."""


def facet_feed(facet: str, value: str) -> str:
    return f"feeds/{facet}/{value}.ics"


PLANNING = "planning/"
"""The shared forward plan for partners."""


def planning_month(year: int, month: int) -> str:
    """One month of the forward plan, such as 'planning/december-2026/' (its words make the breadcrumb of later pages)."""
    return f"{PLANNING}{date(year, month, 1):%B-%Y}/".lower()


def planning_fatigue(facet: str, key: str) -> str:
    """The events behind one consultation-fatigue warning, such as 'planning/fatigue/group-older-people/'."""
    return f"{PLANNING}fatigue/{facet}-{key}/"


PLANNING_FEED = "feeds/planning.ics"
"""Upcoming events that ask people something, for partners planning their own."""
IMPACT = "impact/"
"""Evaluations: what engagement achieved."""
SELF_ASSESSMENT = "self-assessment/"
"""The Equality Framework self-assessment."""


def evaluation(evaluation_id: str) -> str:
    return f"{IMPACT}{evaluation_id}/"


def self_assessment_module(module_id: str) -> str:
    return f"{SELF_ASSESSMENT}{module_id}/"


UPCOMING_INDEX = "events/upcoming.json"
"""The compact index of upcoming dates and their filter values that the filter script loads."""

FILTER_CHOICES = "events/filter-choices.json"
"""Every filter value with its count, page and feed: the filter form's checkboxes, which the
filter script draws when a resident opens the form (one file, not the same form in every listing)."""


def venue(venue_id: str) -> str:
    return f"venues/{venue_id}/"


VENUES = "venues/"


EVENT_FORM_DATA = "contribute/event-form-data.js"
"""What the form offers: taxonomy choices, organisations' mailboxes, the repository address."""
EVENT_SCHEMA = file_schema("event")
"""The published JSON Schema of an event file, which the form checks against."""
EVENTS_DATA = open_data_file("events.json")
"""Every event as open data; the update form loads the event to change from it."""


BESIDE_RECORDS: tuple[str, ...] = (
    past_events(),
    filters(),
    UPCOMING_INDEX,
    *(eia_selection(facet, "value") for facet in EIA_SELECTIONS),
    eia_sort("review"),
    COMMITMENTS_OVERDUE,
)
"""Fixed pages and files that sit beside records' own pages (besides later pages of a listing)."""

_PROBE = "an-id"


def reserved_ids(record_page: Callable[[str], str]) -> frozenset[str]:
    """The ids a record whose page is `record_page(id)` cannot have: the names taken beside it.

    'page' everywhere (page 2 of a listing is 'commitments/page/2/', so a commitment called
    'page' would sit above the listing's later pages), and the names of BESIDE_RECORDS under the
    same folder ('overdue' for commitments, 'sort' and the register's selections for EIAs)."""
    page = record_page(_PROBE)
    if not page.endswith(f"/{_PROBE}/"):
        raise ValueError(f"{page!r} does not end with the record's id")
    parent = page.removesuffix(f"{_PROBE}/")
    taken = (listing(parent, 2), *BESIDE_RECORDS)
    return frozenset(
        url.removeprefix(parent).split("/")[0] for url in taken if url.startswith(parent) and url != parent
    )
