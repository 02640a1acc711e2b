"""Every page type's template drawn from a hand-made typed context: no data folder, no portal,
no site build. Each test asserts the whole outline a reader meets (headings, links, summary rows,
table rows) through engage.render, whose StrictUndefined makes any name a template misspells
or a context lacks an error."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from pathlib import Path
from types import SimpleNamespace

import pytest
from markupsafe import Markup

from engage import render, urls
from engage.commitment_progress import ActionState, ActionView
from engage.consultation_stage import ConsultationStage, Stage
from engage.coverage import Bucket, Coverage
from engage.eia_figures import EiaRow
from engage.exports.csv_export import TABLES
from engage.exports.data_dictionary import FieldRow, FileDoc
from engage.exports.datasets import ALL
from engage.feeds.subscribe import FeedLinks, SubscribePage
from engage.models import Eia, Event, Feedback
from engage.models.eia import ImpactLevel
from engage.occurrences import Occurrence
from engage.output import Page
from engage.pages.calendar_pages import WEEKDAYS, CalendarEntry, CalendarMonth, MonthLink, weeks
from engage.pages.coverage_pages import CoverageDetail, CoverageSummary, Figure, Section
from engage.pages.eia_pages import EiaPage, ImpactRow
from engage.pages.event_view import CalendarLinks, months
from engage.pages.events import EventPage, Link, PastIndex
from engage.pages.facet_pages import FilterGroup, FilterOption, FiltersPage
from engage.pages.feedback_pages import ActionLink, ConsultationRow, FeedbackIndex, FeedbackPage, ThemeView
from engage.pages.home import HaveYourSay, HomePage, Publication
from engage.pages.open_data_pages import (
    DatasetDictionaryPage,
    DictionaryEntry,
    DictionaryPage,
    Download,
    OpenDataPage,
    SchemasPage,
)
from engage.pages.paginate import paginate
from engage.pages.participation_view import Participation
from engage.pages.search_page import SearchPage
from engage.pages.venue_pages import VenueIndex, VenuePage, VenueSummary
from engage.participation import Tally
from engage.portal import Portal

from .template_fixtures import (
    METHOD,
    ORGANISATION,
    SETTINGS,
    VENUE,
    event,
    item,
    load,
    outline,
    record,
    render_page,
    text,
)

LIBRARY = event()
LIBRARY_ITEM = item("2026-12-10-library-hours", LIBRARY, date(2026, 12, 10))
LIBRARY_LINE = "link: Library opening hours drop-in -> ../../events/2026-12-10-library-hours/"


def test_past_index() -> None:
    html = render_page(
        urls.past_events(), "engage/past_index.html", PastIndex("past-index", "Past events", [(2026, 3), (2025, 1)], 2)
    )
    assert outline(html) == [
        "h1: Past events",
        "link: Events in 2026 -> ../../events/past/2026/",
        "link: Events in 2025 -> ../../events/past/2025/",
        "link: You said, we did: every consultation's outcome -> ../../you-said-we-did/",
        "link: Upcoming events -> ../../events/",
    ]


def test_search() -> None:
    html = render_page(urls.search(), "engage/search.html", SearchPage("search", "Search", urls.search_index()))
    assert 'data-index="../search/index.json"' in html
    assert outline(html) == [
        "h1: Search",
        "link: What's on: upcoming events -> ../events/",
        "link: events by area, topic, organiser or access need -> ../events/filters/",
        "link: Past events -> ../events/past/",
        "link: Equality impact assessments -> ../eia/",
        "link: You said, we did -> ../you-said-we-did/",
        "link: Equality commitments -> ../commitments/",
    ]


def test_venue_index() -> None:
    summaries = [
        VenueSummary("town-library", VENUE, "North Ward", 2),
        VenueSummary(
            "hall", VENUE.model_copy(update={"id": "hall", "name": "Church Hall", "step_free": None}), "South Ward", 0
        ),
    ]
    html = render_page(urls.VENUES, "engage/venues.html", VenueIndex("venues", "Venues", summaries))
    assert outline(html) == [
        "h1: Venues",
        "caption: Venues",
        "row: Venue | Area | Step-free | Upcoming events",
        "link: Town Library -> ../venues/town-library/",
        "row: Town Library | North Ward | Yes | 2",
        "link: Church Hall -> ../venues/hall/",
        "row: Church Hall | South Ward | Not known | 0",
        "link: All upcoming events -> ../events/",
    ]


def test_venue_page() -> None:
    summary = VenueSummary("town-library", VENUE, "North Ward", 1)
    entries = [LIBRARY_ITEM]
    pager = paginate(entries, 10, summary.url)[0]
    context = VenuePage(
        kind="venue",
        title="Town Library",
        venue=VENUE,
        summary=summary,
        area_url=urls.facet_listing("area", "north-ward"),
        map_url="https://www.openstreetmap.org/?mlat=53.7&mlon=-1.9#map=17/53.7/-1.9",
        step_free="Yes",
        zone="UK time",
        pager=pager,
        months=months(pager.items),
    )
    html = render_page(summary.url, "engage/venue.html", context)
    assert outline(html) == [
        "h1: Town Library",
        "dt: Address",
        "dd: 1 High Street, Testford, TE1 1ST",
        "dt: Area",
        "link: North Ward -> ../../events/area/north-ward/",
        "dd: North Ward",
        "dt: Step-free access",
        "dd: Yes",
        "h2: How to get there",
        "link: See Town Library on a map -> https://www.openstreetmap.org/?mlat=53.7&mlon=-1.9#map=17/53.7/-1.9",
        "h2: What is on here",
        "h3: December 2026",
        "link: Library opening hours drop-in -> ../../events/2026-12-10-library-hours/",
        "h3: Library opening hours drop-in",
        "dt: When",
        "dd: Thursday 10 December 2026, 10am to midday",
        "dt: Where",
        "dd: Town Library",
        "dt: Run by",
        "dd: the council",
        "dt: Type",
        "dd: Drop-in session",
        "link: All venues -> ../../venues/",
        "link: All upcoming events -> ../../events/",
    ]


def test_filters() -> None:
    groups = [
        FilterGroup(
            "area",
            "Area",
            (
                FilterOption("north-ward", "North Ward", 2, urls.facet_listing("area", "north-ward")),
                FilterOption("south-ward", "South Ward", 0, urls.facet_listing("area", "south-ward")),
            ),
            True,
        )
    ]
    html = render_page(
        urls.filters(), "engage/facets.html", FiltersPage("filters", "Filter upcoming events", groups, "UK time")
    )
    assert outline(html) == [
        "h1: Filter upcoming events",
        "link: Area -> #filter-area",
        "h2: Area",
        "link: North Ward -> ../../events/area/north-ward/",
        "link: South Ward -> ../../events/area/south-ward/",
        "link: All upcoming events -> ../../events/",
    ]


def _feed(label: str, path: str, count: int, unit: str = "event") -> FeedLinks:
    https = f"https://engage.example.org/{path}"
    return FeedLinks(
        label, f"{label}, kept up to date.", count, https, "webcal://engage.example.org/" + path, "G", "O", "W", unit
    )


def test_subscribe_page() -> None:
    context = SubscribePage(
        kind="feeds",
        title="Subscribe to calendars",
        main=[
            _feed("Every event", urls.ALL_FEED, 3),
            _feed("Consultations closing", urls.CONSULTATIONS_FEED, 1, "closing date"),
        ],
        reviews=[_feed("Reviews and deadlines", urls.REVIEWS_FEED, 0, "date")],
        archive=[_feed("Archive", urls.ARCHIVE_FEED, 40)],
        recent_days=30,
        groups=[("By area", [_feed("North Ward", urls.facet_feed("area", "north-ward"), 2)])],
        refresh_hours=6,
        cancelled_kept_days=14,
        timezone="Europe/London",
    )
    html = render_page(urls.feeds(), "engage/feeds.html", context)
    assert outline(html) == [
        "h1: Subscribe to calendars",
        "h2: How to subscribe",
        "h2: How often your calendar updates",
        "h2: Whole calendar",
        "link: Google Calendar -> G",
        "link: Outlook.com -> O",
        "link: Outlook for work or school -> W",
        "link: Apple Calendar and other apps -> webcal://engage.example.org/feeds/all.ics",
        "link: Download the file (.ics) -> https://engage.example.org/feeds/all.ics",
        "link: Google Calendar -> G",
        "link: Outlook.com -> O",
        "link: Outlook for work or school -> W",
        "link: Apple Calendar and other apps -> webcal://engage.example.org/feeds/consultations.ics",
        "link: Download the file (.ics) -> https://engage.example.org/feeds/consultations.ics",
        "h2: By area",
        "link: Google Calendar -> G",
        "link: Outlook.com -> O",
        "link: Outlook for work or school -> W",
        "link: Apple Calendar and other apps -> webcal://engage.example.org/feeds/area/north-ward.ics",
        "link: Download the file (.ics) -> https://engage.example.org/feeds/area/north-ward.ics",
        "h2: Archive of every event",
        "link: download the archive (.ics) -> https://engage.example.org/open-data/events.ics",
        "link: open data -> ../open-data/",
        "h2: For officers: reviews and deadlines",
        "link: Google Calendar -> G",
        "link: Outlook.com -> O",
        "link: Outlook for work or school -> W",
        "link: Apple Calendar and other apps -> webcal://engage.example.org/feeds/reviews-and-deadlines.ics",
        "link: Download the file (.ics) -> https://engage.example.org/feeds/reviews-and-deadlines.ics",
    ]
    assert "(3 events)" in html and "(1 closing date)" in html and "(nothing listed yet)" in html


def test_home_page() -> None:
    context = HomePage(
        kind="home",
        title="Test Engage",
        open_now=[
            HaveYourSay(
                "Bus routes", "Tell us about buses.", urls.event("bus-routes"), date(2026, 12, 13), "closes in 10 days"
            )
        ],
        soon=[LIBRARY_ITEM],
        published=[Publication(date(2026, 11, 30), "You said, we did", "Housing survey", urls.feedback("housing"))],
        today=date(2026, 12, 3),
    )
    env = render.environment()
    page = Page(url="", title="", template="engage/home.html", context=context)
    html = env.get_template("engage/home.html").render(
        shell=render.shell_for(page, SETTINGS),
        engage=context,
        page=SimpleNamespace(content=Markup("<h1>Have your say</h1>")),
    )
    assert outline(html) == [
        "h1: Have your say",
        "h2: Have your say: open now",
        "link: Bus routes -> events/bus-routes/",
        "h3: Bus routes",
        "h2: Coming up soon",
        "link: Library opening hours drop-in -> events/2026-12-10-library-hours/",
        "h3: Library opening hours drop-in",
        "dt: When",
        "dd: Thursday 10 December 2026, 10am to midday",
        "dt: Where",
        "dd: Town Library",
        "dt: Run by",
        "dd: the council",
        "dt: Type",
        "dd: Drop-in session",
        "link: All upcoming events -> events/",
        "h2: Published lately",
        "link: Housing survey -> you-said-we-did/housing/",
    ]


def test_calendar_month() -> None:
    month = date(2026, 12, 1)
    by_day = {date(2026, 12, 10): [CalendarEntry(LIBRARY_ITEM, continues=False)]}
    context = CalendarMonth(
        kind="calendar",
        title="Events in December 2026",
        month=month,
        month_name="December 2026",
        weekdays=WEEKDAYS,
        weeks=weeks(month, by_day, date(2026, 12, 3)),
        event_count=1,
        previous=MonthLink("November 2026", urls.calendar_month(2026, 11)),
        next=None,
        this_month=None,
        is_this_month=True,
        today=date(2026, 12, 3),
        zone="UK time",
    )
    html = render_page(urls.calendar(), "engage/calendar.html", context)
    assert outline(html) == [
        "h1: Events in December 2026",
        "link: See upcoming events as a list -> ../events/",
        "link: Previous month: November 2026 -> ../calendar/2026-11/",
        "caption: December 2026: today is Thursday 3 December 2026",
        "row: Monday | Tuesday | Wednesday | Thursday | Friday | Saturday | Sunday",
        "row:  | Tuesday 1 December | Wednesday 2 December | Thursday 3 December Today No events today. | Friday 4 December | Saturday 5 December | Sunday 6 December",
        "link: 10am Library opening hours drop-in -> ../events/2026-12-10-library-hours/",
        "row: Monday 7 December | Tuesday 8 December | Wednesday 9 December | Thursday 10 December 10am Library opening hours drop-in | Friday 11 December | Saturday 12 December | Sunday 13 December",
        "row: Monday 14 December | Tuesday 15 December | Wednesday 16 December | Thursday 17 December | Friday 18 December | Saturday 19 December | Sunday 20 December",
        "row: Monday 21 December | Tuesday 22 December | Wednesday 23 December | Thursday 24 December | Friday 25 December | Saturday 26 December | Sunday 27 December",
        "row: Monday 28 December | Tuesday 29 December | Wednesday 30 December | Thursday 31 December |  |  | ",
        "link: Previous month: November 2026 -> ../calendar/2026-11/",
        "link: Subscribe to the calendar -> ../feeds/",
    ]


def _coverage() -> Coverage:
    held = (Occurrence(date(2026, 6, 1), "drop-in", time(10), time(12), date(2026, 6, 1)),)
    total = Bucket("all", "all", "All events", held)
    return Coverage(
        first_day=date(2025, 12, 4),
        last_day=date(2026, 12, 3),
        total=total,
        levels=(Bucket("level", "getting-information", "Getting information", held),),
        areas=(Bucket("area", "north-ward", "North Ward", held), Bucket("area", "south-ward", "South Ward", ())),
        groups=(),
        thin_below=2,
    )


def test_coverage_summary() -> None:
    cov = _coverage()
    chart = Markup("<svg><title>chart</title></svg>")
    sections = [
        Section(
            "area",
            "By area",
            "Area",
            chart,
            (Figure(cov.areas[0], urls.coverage_detail("area", "north-ward")), Figure(cov.areas[1], None)),
            ("South Ward",),
            (("North Ward", 1),),
        ),
    ]
    tally = Tally("district-council", "Test District Council", 1, 40, 1, 1)
    participation = Participation(
        (tally,), chart, (replace(tally, key="2026-q2", name="April to June 2026"),), chart, chart
    )
    context = CoverageSummary(
        kind="coverage",
        title="Engagement coverage",
        coverage=cov,
        total=Figure(cov.total, urls.coverage_detail("all", "all")),
        sections=sections,
        participation=participation,
    )
    html = render_page(urls.coverage(), "engage/coverage.html", context)
    assert outline(html) == [
        "h1: Engagement coverage",
        "link: 1 -> ../coverage/all/",
        "h2: By area",
        "caption: Events held by area, last 12 months",
        "row: Area | Events held",
        "link: 1 -> ../coverage/area/north-ward/",
        "row: North Ward | 1",
        "row: South Ward | 0 (none)",
        "h2: By organisation",
        "caption: Events held and people who took part, by organisation, last 12 months",
        "row: Organisation | Events held | People who took part",
        "row: Test District Council | 1 | 40 (recorded at 1 of 1 event)",
        "h2: Trends by quarter",
        "caption: Events held and people who took part, by quarter",
        "row: Quarter | Events held | People who took part | Events that recorded a figure",
        "row: April to June 2026 | 1 | 40 | 1",
    ]


def test_coverage_detail() -> None:
    cov = _coverage()
    pager = paginate([LIBRARY_ITEM], 10, urls.coverage_detail("area", "north-ward"))[0]
    context = CoverageDetail("coverage-detail", "Events held: North Ward", cov.areas[0], "area", cov, pager)
    html = render_page(pager.url, "engage/coverage.html", context)
    assert outline(html) == [
        "h1: Events held: North Ward",
        "link: Back to engagement coverage -> ../../../coverage/",
        "link: Library opening hours drop-in -> ../../../events/2026-12-10-library-hours/",
    ]


def test_open_data() -> None:
    downloads = [
        Download(d, 3, [t for t in TABLES if t.dataset.name == d.name]) for d in ALL if d.name in ("events", "areas")
    ]
    context = OpenDataPage(
        kind="open-data",
        title="Open data",
        licence="Open Government Licence v3.0",
        licence_url="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        attribution="Contains public sector information published by Test Partnership.",
        publisher="Test Partnership",
        today=date(2026, 12, 3),
        downloads=downloads,
        feed=urls.publications_feed(),
        calendar_archive=urls.ARCHIVE_FEED,
        dictionary=urls.data_dictionary(),
        schemas=urls.schemas(),
    )
    html = render_page(urls.open_data(), "engage/open_data.html", context)
    assert outline(html) == [
        "h1: Open data",
        "dt: Last updated",
        "dd: 3 December 2026 (the files are rebuilt whenever the data changes, and every night)",
        "dt: Publisher",
        "dd: Test Partnership",
        "dt: Licence",
        "link: Open Government Licence v3.0 -> https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "dd: Open Government Licence v3.0",
        "h2: Using the data",
        "link: Open Government Licence v3.0 -> https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "h2: Downloads",
        "caption: Records",
        "row: Data set | Records | JSON | CSV | Described in",
        "link: events.json -> ../open-data/events.json",
        "link: events.csv -> ../open-data/events.csv",
        "link: Fields -> ../open-data/dictionary/events/",
        "link: Schema -> ../schemas/open-data/events.json",
        "row: Engagement eventsEvery engagement event, past and upcoming, including cancelled ones. | 3 | events.json | events.csvEvents, one row each | FieldsSchema",
        "link: events.ics -> ../open-data/events.ics",
        "link: subscribe to a feed -> ../feeds/",
        "h2: Reference lists",
        "caption: Reference lists",
        "row: Data set | Records | JSON | Described in",
        "link: areas.json -> ../open-data/areas.json",
        "link: Fields -> ../open-data/dictionary/areas/",
        "link: Schema -> ../schemas/open-data/areas.json",
        "row: AreasWards, towns and neighbourhoods records refer to. | 3 | areas.json | FieldsSchema",
        "h2: What the files hold",
        "link: data dictionary -> ../open-data/dictionary/",
        "h2: Newly published",
        "link: newly published (Atom feed) -> ../feeds/publications.atom",
        "h2: Schemas",
        "link: JSON Schemas -> ../schemas/",
    ]


def test_data_dictionary() -> None:
    events, areas = (next(d for d in ALL if d.name == name) for name in ("events", "areas"))
    context = DictionaryPage(
        "open-data-dictionary",
        "Open data dictionary",
        [DictionaryEntry(events, urls.data_dictionary_dataset("events"), [("events.json", "events-json")])],
        [DictionaryEntry(areas, urls.data_dictionary_dataset("areas"), [("areas.json", "areas-json")])],
    )
    html = render_page(urls.data_dictionary(), "engage/open_data_dictionary.html", context)
    assert outline(html) == [
        "h1: Open data dictionary",
        "link: open data -> ../../open-data/",
        "h2: Records",
        "caption: Record data sets",
        "row: Data set | What it holds | Files described",
        "link: Engagement events -> ../../open-data/dictionary/events/",
        "link: events.json -> ../../open-data/dictionary/events/#events-json",
        "row: Engagement events | Every engagement event, past and upcoming, including cancelled ones. | events.json",
        "h2: Reference lists",
        "caption: Reference lists",
        "row: Data set | What it holds | Files described",
        "link: Areas -> ../../open-data/dictionary/areas/",
        "link: areas.json -> ../../open-data/dictionary/areas/#areas-json",
        "row: Areas | Wards, towns and neighbourhoods records refer to. | areas.json",
    ]
    # A link to a file's section of the one-page dictionary still lands on that file's line.
    assert '<li id="events-json">' in html


def test_data_dictionary_of_one_data_set() -> None:
    events = next(d for d in ALL if d.name == "events")
    json_doc = FileDoc(
        "open-data/events.json", "Events (JSON)", "Every event.", [FieldRow("id", "id", "required", "The event's id.")]
    )
    csv_doc = FileDoc(
        "open-data/events.csv",
        "Events, one row each",
        "One header row.",
        [FieldRow("consultation.opens", "date", "", "When it opens.")],
    )
    url = urls.data_dictionary_dataset("events")
    context = DatasetDictionaryPage(
        "open-data-dictionary-dataset",
        "Data dictionary: Engagement events",
        events,
        [(json_doc, "events-json"), (csv_doc, "events-csv")],
        urls.data_dictionary(),
    )
    html = render_page(url, "engage/open_data_dataset_dictionary.html", context)
    assert outline(html) == [
        "h1: Data dictionary: Engagement events",
        "link: open data -> ../../../open-data/",
        "h2: Files",
        "link: events.json -> #events-json",
        "link: events.csv -> #events-csv",
        "h2: events.json",
        "link: Download events.json -> ../../../open-data/events.json",
        "caption: Fields of events.json",
        "row: Field | Type | In the data file | Description",
        "row: id | id | required | The event's id.",
        "h2: events.csv",
        "link: Download events.csv -> ../../../open-data/events.csv",
        "caption: Columns of events.csv",
        "row: Column | Type | Description",
        "row: consultation.opens | date | When it opens.",
        "link: JSON Schema of events.json -> ../../../schemas/open-data/events.json",
        "link: data dictionary -> ../../../open-data/dictionary/",
    ]


def test_data_dictionary_of_a_reference_list_has_no_list_of_files() -> None:
    areas = next(d for d in ALL if d.name == "areas")
    doc = FileDoc(
        "open-data/areas.json", "Areas", "Every area.", [FieldRow("id", "text", "required", "The area's id.")]
    )
    context = DatasetDictionaryPage(
        "open-data-dictionary-dataset",
        "Data dictionary: Areas",
        areas,
        [(doc, "areas-json")],
        urls.data_dictionary(),
    )
    html = render_page(urls.data_dictionary_dataset("areas"), "engage/open_data_dataset_dictionary.html", context)
    assert outline(html)[:3] == [
        "h1: Data dictionary: Areas",
        "link: open data -> ../../../open-data/",
        "h2: areas.json",
    ]
    assert "its open data file holds" in text(html)


def test_schemas() -> None:
    context = SchemasPage(
        "schemas",
        "JSON Schemas",
        [f"{urls.schemas()}event.json"],
        [("Engagement events", "schemas/open-data/events.json", "open-data/events.json")],
        "https://engage.example.org/",
    )
    html = render_page(urls.schemas(), "engage/open_data_schemas.html", context)
    assert outline(html) == [
        "h1: JSON Schemas",
        "h2: For the data files partners write",
        "link: event.json -> ../schemas/event.json",
        "h2: For the open data downloads",
        "link: open data -> ../open-data/",
        "link: Engagement events -> ../schemas/open-data/events.json",
        "link: events.json -> ../open-data/events.json",
    ]


# ---- Records with more to say: an event, an EIA, feedback and the feedback index ---------------

LIBRARY_EIA = load(Eia, "eias/library-hours.yaml")
HOUSING = load(Feedback, "feedback/housing-allocations.yaml")
HOUSING_SURVEY = load(Event, "events/district-council/2025-09-10-housing-survey.yaml")


def _event_page(**changes: object) -> EventPage:
    context = EventPage(
        kind="event",
        title=LIBRARY.title,
        id="2026-12-10-library-hours",
        record=LIBRARY,
        lead=LIBRARY_ITEM,
        is_past=False,
        consultation_open=False,
        audience=[],
        adjustments_passed=False,
        zone="UK time",
        recurrence="",
        skipped=[],
        upcoming=[LIBRARY_ITEM],
        more_dates=0,
        last_date=date(2026, 12, 10),
        occurrence_count=1,
        venue=VENUE,
        map_url="https://www.openstreetmap.org/?mlat=53.7&mlon=-1.9#map=17/53.7/-1.9",
        venue_url=urls.venue("town-library"),
        organiser=ORGANISATION,
        organiser_url=urls.facet_listing("organiser", "district-council"),
        partners=[],
        method=METHOD,
        method_url=urls.facet_listing("type", "drop-in"),
        access=[("Step-free access", "Yes"), ("Hearing loop", "On request")],
        online_access=[],
        consultation_state="",
        consultation_stage=None,
        calendar=CalendarLinks(urls.event_ics("2026-12-10-library-hours"), "G", "O", "W"),
        jsonld='{"@type": "Event"}',
        facet_links=[Link("North Ward", urls.facet_listing("area", "north-ward"))],
        eias=[record("library-hours", LIBRARY_EIA)],
        feedback=None,
        commitments=[],
        evaluations=[],
        attendees=None,
        today=date(2026, 12, 3),
    )
    return replace(context, **changes)  # type: ignore[arg-type]


def test_event_page() -> None:
    html = render_page(urls.event("2026-12-10-library-hours"), "engage/event.html", _event_page())
    assert '<script type="application/ld+json">{"@type": "Event"}</script>' in html
    assert outline(html) == [
        "h1: Library opening hours drop-in",
        "dt: When",
        "dd: Thursday 10 December 2026, 10am to midday, UK time",
        "dt: Where",
        "link: Town Library -> ../../venues/town-library/",
        "dd: Town Library, 1 High Street, Testford, TE1 1ST",
        "dt: Run by",
        "link: Test District Council -> ../../events/organiser/district-council/",
        "dd: Test District Council",
        "dt: Type",
        "link: Drop-in session -> ../../events/type/drop-in/",
        "dd: Drop-in session (Getting information)",
        "dt: Cost",
        "dd: Free",
        "dt: Booking",
        "dd: No need to book.",
        "dt: Contact",
        "link: library@example.org -> mailto:library@example.org",
        "dd: library@example.org",
        "h2: Add to your calendar",
        "link: Download a calendar file (.ics) -> ../../events/2026-12-10-library-hours/2026-12-10-library-hours.ics",
        "link: Add to Google Calendar -> G",
        "link: Add to Outlook.com -> O",
        "link: Add to Outlook for work or school -> W",
        "h2: About this event",
        "h2: How to get there",
        "link: See Town Library on a map -> https://www.openstreetmap.org/?mlat=53.7&mlon=-1.9#map=17/53.7/-1.9",
        "h2: Access",
        "caption: Access arrangements for this event",
        "row: Arrangement | Available",
        "row: Step-free access | Yes",
        "row: Hearing loop | On request",
        "link: library@example.org -> mailto:library@example.org",
        "h2: Equality Impact Assessment",
        "link: Library opening hours review -> ../../eia/library-hours/",
        "h2: Find more events like this",
        "link: North Ward -> ../../events/area/north-ward/",
        "link: All upcoming events -> ../../events/",
    ]


def test_past_event_page_says_how_many_took_part() -> None:
    context = _event_page(is_past=True, calendar=None, upcoming=[], attendees="fewer than 5")
    html = render_page(urls.event("2026-12-10-library-hours"), "engage/event.html", context)
    assert "This event has taken place." in text(html)
    assert "Took part fewer than 5 people" in text(html)
    assert "People who took part: fewer than 5." in text(html)
    assert "Add to your calendar" not in html


def test_eia_page() -> None:
    eia_row = EiaRow("library-hours", LIBRARY_EIA, ("age",), ("Age",), False, False, (ActionState.ON_TRACK,))
    context = EiaPage(
        kind="eia",
        title=LIBRARY_EIA.title,
        id="library-hours",
        record=LIBRARY_EIA,
        row=eia_row,
        today=date(2026, 12, 3),
        organisation=ORGANISATION,
        stage_name="Full assessment",
        outcome_name="Adjust the policy",
        outcome_meaning="Changes remove or reduce the adverse impacts found.",
        impacts=[
            ImpactRow("Age", ImpactLevel.NEGATIVE, "Older people use morning opening most."),
            ImpactRow("Sex", None, ""),
        ],
        actions=[ActionView(LIBRARY_EIA.actions[0], ActionState.ON_TRACK, ())],
        events=[record("2026-12-10-library-hours", LIBRARY)],
        feedback=[record("housing-allocations", HOUSING)],
        superseded_by=[],
        supersedes=[],
        commitments=[],
    )
    html = render_page(urls.eia("library-hours"), "engage/eia.html", context)
    assert outline(html) == [
        "h1: Library opening hours review",
        "h2: Key facts",
        "dt: Service",
        "dd: Culture and Libraries",
        "dt: Lead officer",
        "dd: Head of Libraries",
        "dt: Stage",
        "dd: Full assessment",
        "dt: Decision",
        "dd: Cabinet, 10 February 2026",
        "dt: Assessment completed",
        "dd: 1 February 2026",
        "dt: Signed off",
        "dd: Director of Communities, 2 February 2026",
        "dt: Quality assurance",
        "dd: Equality and Diversity Manager, 3 February 2026",
        "dt: Published",
        "dd: 11 February 2026",
        "dt: Review date",
        "dd: 10 August 2026",
        "h2: Purpose",
        "h2: Impact on each characteristic",
        "caption: Assessed impact for each characteristic",
        "row: Characteristic | Impact | Why",
        "row: Age | ▼ Negative | Older people use morning opening most.",
        "row: Sex | – Not assessed | ",
        "h2: Evidence",
        "h2: Engagement undertaken",
        "h3: Engagement events",
        "link: Library opening hours drop-in -> ../../events/2026-12-10-library-hours/",
        "h3: What people told us",
        "link: You said, we did: Housing allocations survey -> ../../you-said-we-did/housing-allocations/",
        "h2: Mitigation actions",
        "caption: Mitigation actions, leads and progress",
        "row: Action and lead | Due | Status | Progress | Risks | Next steps",
        "row: Keep morning opening at the two busiest branches Lead: Head of Libraries | 30 September 2026 | On track | No update yet | None recorded | None recorded",
        "h2: Outcome",
        "link: Back to the register of assessments -> ../../eia/",
    ]


def _housing_stage(overdue: bool = False) -> ConsultationStage:
    stage = Stage.CLOSED_AWAITING if overdue else Stage.FINAL
    return ConsultationStage(
        "2025-09-10-housing-survey",
        stage,
        date(2025, 9, 10),
        date(2025, 10, 22),
        date(2025, 12, 3),
        overdue,
        () if overdue else ("housing-allocations",),
    )


def test_feedback_page() -> None:
    theme = HOUSING.themes[0]
    context = FeedbackPage(
        kind="feedback",
        title=f"You said, we did: {HOUSING.title}",
        id="housing-allocations",
        record=HOUSING,
        event=record("2025-09-10-housing-survey", HOUSING_SURVEY),
        consultation=HOUSING_SURVEY.consultation,
        status=_housing_stage(),
        methods=["Survey"],
        responses=[("Survey", "412"), ("Drop-in session", "fewer than 5")],
        total="415",
        margin="5",
        comparisons=[],
        themes_chart=Markup("<svg><title>themes</title></svg>"),
        themes=[
            ThemeView(
                theme,
                "150",
                theme.quotes,
                "Changed",
                [
                    ActionLink(
                        "Keep morning opening", "Equality Impact Assessment: Library", "eia/library-hours/#action-x"
                    )
                ],
            )
        ],
        eia=record("library-hours", LIBRARY_EIA),
        commitments=[],
        evaluations=[],
    )
    html = render_page(urls.feedback("housing-allocations"), "engage/feedback.html", context)
    assert outline(html) == [
        "h1: You said, we did: Housing allocations survey",
        "dt: Consultation",
        "link: Housing allocations survey -> ../../events/2025-09-10-housing-survey/",
        "dd: Housing allocations survey",
        "dt: Feedback",
        "dd: Final, published 15 January 2026",
        "dt: Responses",
        "dd: 415",
        "h2: We asked",
        "dt: When",
        "dd: From 10 September 2025 to 22 October 2025",
        "dt: How",
        "dd: Survey",
        "dt: What was being decided",
        "dd: The new housing allocations policy.",
        "h2: Who took part",
        "caption: Responses by method (counts under 5 are shown as “fewer than 5”)",
        "row: Method | Responses",
        "row: Survey | 412",
        "row: Drop-in session | fewer than 5",
        "row: All responses | 415",
        "h2: You said",
        "caption: Themes and the number of responses that raised each",
        "row: Theme | Responses",
        "link: Local connection -> #theme-local-connection",
        "row: Local connection | 150",
        "h3: Local connection",
        "h2: We did",
        "h3: Local connection: changed",
        "link: Keep morning opening -> ../../eia/library-hours/#action-x",
        "h2: The decision",
        "h2: Equality Impact Assessment",
        "link: Library opening hours review -> ../../eia/library-hours/",
    ]


def test_feedback_index() -> None:
    survey = record("2025-09-10-housing-survey", HOUSING_SURVEY)
    final = ConsultationRow(_housing_stage(), survey, (record("housing-allocations", HOUSING),))
    late = ConsultationRow(_housing_stage(overdue=True), survey, ())
    context = FeedbackIndex(
        kind="feedback-index",
        title="You said, we did",
        sections=[("open", "Open now", []), ("closed-awaiting", "Closed, feedback to come", [late])],
        final=paginate([final], 10, urls.feedback_index())[0],
        overdue=[late],
        due_weeks=6,
        today=date(2026, 12, 3),
    )
    html = render_page(urls.feedback_index(), "engage/feedback_index.html", context)
    assert outline(html) == [
        "h1: You said, we did",
        "h2: Feedback overdue",
        "link: Housing allocations survey -> ../events/2025-09-10-housing-survey/",
        "link: Open now -> #open",
        "link: Closed, feedback to come -> #closed-awaiting",
        "link: Final feedback published -> #final",
        "h2: Open now",
        "h2: Closed, feedback to come",
        "caption: Consultations: closed, feedback to come",
        "row: Consultation | Open for responses | Feedback",
        "link: Housing allocations survey -> ../events/2025-09-10-housing-survey/",
        "row: Housing allocations survey | 10 September 2025 to 22 October 2025 | Overdue Feedback was due by 3 December 2025",
        "h2: Final feedback published",
        "caption: Consultations: final feedback published",
        "row: Consultation | Open for responses | Feedback",
        "link: Housing allocations survey -> ../events/2025-09-10-housing-survey/",
        "link: Final feedback -> ../you-said-we-did/housing-allocations/",
        "row: Housing allocations survey | 10 September 2025 to 22 October 2025 | Final feedback, published 15 January 2026",
    ]


def test_a_misspelt_attribute_in_a_template_fails_the_render(tmp_path: Path) -> None:
    """Regression: under MkDocs' default Undefined a misspelt name rendered as nothing."""
    (tmp_path / "engage").mkdir()
    template = (render.TEMPLATES / "engage" / "past_index.html").read_text()
    assert "engage.feedback_count" in template
    (tmp_path / "engage" / "past_index.html").write_text(
        template.replace("engage.feedback_count", "engage.feedbak_count")
    )
    page = Page(
        urls.past_events(), "Past events", "engage/past_index.html", PastIndex("past-index", "Past events", [], 0)
    )
    env = render.environment((tmp_path, render.TEMPLATES))
    with pytest.raises(render.RenderError, match=r"could not render events/past/: .*feedbak_count"):
        render.render_page(env, page, SETTINGS)
    assert render.render_page(render.environment(), page, SETTINGS)  # the template as shipped renders


def test_a_context_of_the_wrong_page_type_fails_the_render() -> None:
    page = Page(urls.past_events(), "Past events", "engage/past_index.html", SearchPage("search", "Search", "x"))
    with pytest.raises(render.RenderError, match=r"^engage/past_index.html could not render events/past/: .*'years'"):
        render.render_page(render.environment(), page, SETTINGS)


def test_every_typed_context_field_says_what_it_holds(example_portal: Portal) -> None:
    """Each page type's context is the contract with its template: every field is typed and has
    a docstring (like listing.EventListing's)."""
    import ast
    import inspect
    import itertools
    import textwrap
    from dataclasses import fields, is_dataclass

    from engage.pages import generate

    types = {type(page.context) for page in generate(example_portal).pages if not isinstance(page.context, dict)}
    types.add(HomePage)
    checked = {
        "CalendarMonth",
        "CoverageDetail",
        "CoverageSummary",
        "DictionaryPage",
        "EiaPage",
        "EventListing",
        "EventPage",
        "FeedbackIndex",
        "FeedbackPage",
        "FiltersPage",
        "HomePage",
        "OpenDataPage",
        "PastIndex",
        "RegisterPage",
        "SchemasPage",
        "SearchPage",
        "SubscribePage",
        "VenueIndex",
        "VenuePage",
    }
    # The forward plan, impact, self-assessment and commitments contexts are typed elsewhere
    # and join this list once their fields say what they hold.
    assert checked <= {t.__name__ for t in types}
    undocumented = []
    for cls in sorted((t for t in types if t.__name__ in checked), key=lambda t: t.__name__):
        assert is_dataclass(cls) and cls.__dataclass_params__.frozen, cls  # type: ignore[attr-defined]
        body = ast.parse(textwrap.dedent(inspect.getsource(cls))).body[0].body  # type: ignore[attr-defined]
        documented = {
            node.target.id
            for node, after in itertools.pairwise(body)
            if isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
        }
        undocumented += [f"{cls.__name__}.{f.name}" for f in fields(cls) if f.name not in documented]
    assert undocumented == []
