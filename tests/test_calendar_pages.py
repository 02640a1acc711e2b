"""The engagement calendar's listings: upcoming, past, a page per filter value, and month grids."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from engage import facets, render
from engage.output import Page
from engage.pages import calendar_pages, events, facet_pages
from engage.pages.event_view import EventItem, listing_order, months
from engage.pages.listing import EventListing
from engage.portal import Portal, check_data

from .conftest import EXAMPLE_DATA
from .sitebuild import build_site

TODAY = date(2026, 11, 22)
Dated = tuple[str, date]
"""(event id, day) of one listing entry."""


def listed(page: Page) -> list[Dated]:
    """The entries a listing page shows, in order."""
    return [(e.record.id, e.listed_day or e.occurrence.day) for group in page.context.months for e in group.entries]


def listing(pages: list[Page], first_url: str) -> list[list[Dated]]:
    """The entries of each page of one paginated listing, page by page."""
    chosen = [p for p in pages if p.url == first_url or p.url.startswith(f"{first_url}page/")]
    chosen.sort(key=lambda p: p.context.pager.number)
    return [listed(p) for p in chosen]


def open_consultations(portal: Portal) -> dict[str, date]:
    """Consultations taking responses today, by id, with their closing day (worked out here, not by the engine)."""
    out = {}
    for event_id, record in portal.events.items():
        c = record.model.consultation
        if c and record.model.status.value not in ("cancelled", "postponed") and c.opens <= portal.today <= c.closes:
            out[event_id] = c.closes
    return out


def expected(portal: Portal, keep: set[str] | None = None, upcoming: bool = True) -> list[Dated]:
    """Dated events from today on (or before it); an open consultation is listed once, at the top of today."""
    occurrences = sorted(portal.occurrences, key=listing_order, reverse=not upcoming)
    opened = open_consultations(portal)
    if not upcoming:
        return [
            (o.event_id, o.day)
            for o in occurrences
            if o.last_day < portal.today and o.event_id not in opened and (keep is None or o.event_id in keep)
        ]
    dated = [
        (o.event_id, o.day)
        for o in occurrences
        if o.last_day >= portal.today
        and not (o.event_id in opened and o.start is None)
        and (keep is None or o.event_id in keep)
    ]
    on_their_dates = {i for i, _ in dated}
    tops = sorted(
        (closes, i) for i, closes in opened.items() if i not in on_their_dates and (keep is None or i in keep)
    )
    return [(i, portal.today) for _, i in tops] + dated


def as_built(portal: Portal, entries: list[Dated]) -> list[Dated]:
    """In HTML an open consultation's <time> carries its closing day ("Open until ...")."""
    opened = open_consultations(portal)
    seen_dated = {i for i, d in entries if d != portal.today}
    return [(i, opened[i]) if i in opened and d == portal.today and i not in seen_dated else (i, d) for i, d in entries]


def chunks(entries: list[Dated], size: int) -> list[list[Dated]]:
    return [entries[i : i + size] for i in range(0, len(entries), size)] or [[]]


# --- Upcoming and past ------------------------------------------------------------------


def test_upcoming_pages_list_every_date_from_today_on_soonest_first(example_portal: Portal) -> None:
    pages = events.upcoming_pages(example_portal)
    per_page = example_portal.settings.events_per_page
    assert listing(pages, "events/") == chunks(expected(example_portal), per_page)
    assert [p.url for p in pages] == ["events/"] + [f"events/page/{n}/" for n in range(2, len(pages) + 1)]
    assert all(o.last_day >= TODAY for p in pages for g in p.context.months for o in (e.occurrence for e in g.entries))


def test_past_pages_hold_every_other_date_by_year_most_recent_first(example_portal: Portal) -> None:
    pages = events.past_pages(example_portal)
    past = expected(example_portal, upcoming=False)
    years = sorted({day.year for _, day in past}, reverse=True)
    index = next(p for p in pages if p.url == "events/past/")
    assert index.context.years == [(y, sum(1 for _, d in past if d.year == y)) for y in years]
    for year in years:
        assert listing(pages, f"events/past/{year}/") == chunks(
            [d for d in past if d[1].year == year], example_portal.settings.events_per_page
        )

    past = [
        d for y in (2026,) for page in listing(events.past_pages(example_portal), f"events/past/{y}/") for d in page
    ]


def test_events_on_today_are_upcoming_and_yesterdays_are_past() -> None:
    portal = check_data(EXAMPLE_DATA, date(2026, 12, 8)).portal
    assert portal is not None
    upcoming = [d for page in listing(events.upcoming_pages(portal), "events/") for d in page]
    # The library review met on 3 December; its consultation stays open until 20 December, so it leads today.
    assert upcoming[:3] == [
        ("2026-12-03-library-review", date(2026, 12, 8)),
        ("2026-01-06-carers-cafe", date(2026, 12, 8)),
        ("2026-11-24-health-chat", date(2026, 12, 8)),
    ]
    assert upcoming == expected(portal)
    past = [d for page in listing(events.past_pages(portal), "events/past/2026/") for d in page]
    assert past[:2] == [("2026-11-24-health-chat", date(2026, 12, 1)), ("2026-11-26-tenants-panel", date(2026, 11, 26))]


def test_a_recurring_event_shows_every_date_with_skips_and_moves(example_portal: Portal) -> None:
    pages = events.upcoming_pages(example_portal)
    shown = [d for page in listing(pages, "events/") for d in page]

    def days(event_id: str) -> list[date]:
        return [day for i, day in shown if i == event_id]

    # Weekly on Tuesdays, 22 December moved to Monday 21st, 29 December skipped.
    assert days("2026-11-24-health-chat") == [
        date(2026, 11, 24),
        date(2026, 12, 1),
        date(2026, 12, 8),
        date(2026, 12, 15),
        date(2026, 12, 21),
        date(2027, 1, 5),
        date(2027, 1, 12),
        date(2027, 1, 19),
        date(2027, 1, 26),
    ]
    # Fortnightly on Thursdays until 4 March.
    assert days("2026-11-26-tenants-panel") == [
        date(2026, 11, 26),
        date(2026, 12, 10),
        date(2026, 12, 24),
        date(2027, 1, 7),
        date(2027, 1, 21),
        date(2027, 2, 4),
        date(2027, 2, 18),
        date(2027, 3, 4),
    ]
    # First Tuesday of each month; December's moved to the 8th.
    assert days("2026-01-06-carers-cafe") == [
        date(2026, 12, 8),
        date(2027, 1, 5),
        date(2027, 2, 2),
        date(2027, 3, 2),
        date(2027, 4, 6),
        date(2027, 5, 4),
        date(2027, 6, 1),
    ]
    past = [
        d for y in (2026,) for page in listing(events.past_pages(example_portal), f"events/past/{y}/") for d in page
    ]
    assert [day for i, day in past if i == "2026-01-06-carers-cafe"] == [
        date(2026, 11, 3),
        date(2026, 10, 6),
        date(2026, 9, 1),
        date(2026, 7, 7),
        date(2026, 6, 2),
        date(2026, 5, 5),
        date(2026, 4, 7),
        date(2026, 3, 3),
        date(2026, 2, 3),
        date(2026, 1, 6),
    ]


def test_a_day_lists_its_events_by_start_time(example_portal: Portal) -> None:
    shown = [d for page in listing(events.upcoming_pages(example_portal), "events/") for d in page]
    # The carers' cafe (10am) comes before the health chat (2pm) on 8 December.
    assert [i for i, day in shown if day == date(2026, 12, 8)] == ["2026-01-06-carers-cafe", "2026-11-24-health-chat"]


def test_a_month_split_across_pages_says_it_continues(example_portal: Portal) -> None:
    entries = events.upcoming_items(example_portal)
    december = [e for e in entries if e.occurrence.day.month == 12][:3]
    groups = months(december[1:], before=december[0])
    assert [(g.heading, len(g.entries)) for g in groups] == [("December 2026 (continued)", 2)]
    assert [g.heading for g in months(december)] == ["December 2026"]


def test_the_listing_names_the_time_zone_once_and_entries_give_gov_uk_times(example_portal: Portal) -> None:
    page = events.upcoming_pages(example_portal)[0]
    assert page.context.zone == "UK time"
    entry: EventItem = page.context.months[0].entries[0]
    assert (entry.record.id, entry.when, entry.place, entry.organiser, entry.method) == (
        "2026-11-24-health-chat",
        "Tuesday 24 November 2026, 2pm to 3:30pm",
        "Town Hall and online",
        "Example Health NHS Trust",
        "Drop-in session",
    )
    assert entry.facts.access_yes == (
        "Step-free access",
        "Accessible toilet",
        "BSL interpreter",
        "Easy read papers",
        "Quiet space",
    )
    assert entry.facts.access_on_request == ("Speech-to-text", "Large print papers", "Travel costs paid")


# --- A page per filter value ------------------------------------------------------------


def test_every_facet_page_lists_exactly_the_matching_upcoming_dates(example_portal: Portal) -> None:
    pages = facet_pages.facet_pages(example_portal)
    per_page = example_portal.settings.events_per_page
    checked = 0
    for facet in facets.FACETS:
        for value in facets.names(example_portal, facet.key):
            matching = set(facets.events_for(example_portal, facet.key, value))
            assert listing(pages, f"events/{facet.key}/{value}/") == chunks(
                expected(example_portal, matching), per_page
            )
            checked += 1
    assert checked == sum(len(facets.names(example_portal, f.key)) for f in facets.FACETS)


def test_facet_pages_by_example(example_portal: Portal) -> None:
    pages = facet_pages.facet_pages(example_portal)
    # Only the library review has a hearing loop; only the health chat costs anything.
    assert listing(pages, "events/access/hearing-loop/") == [[("2026-12-03-library-review", date(2026, 12, 3))]]
    assert {i for page in listing(pages, "events/cost/paid/") for i, _ in page} == {"2026-11-24-health-chat"}
    assert {i for page in listing(pages, "events/attendance/online/") for i, _ in page} == {"2026-11-26-tenants-panel"}
    assert {i for page in listing(pages, "events/organiser/health-trust/") for i, _ in page} == {
        "2026-11-24-health-chat"
    }
    # A value with nothing coming up still has its page, saying so.
    assert listing(pages, "events/level/empowerment/") == [[]]
    title = next(p.title for p in pages if p.url == "events/area/north-ward/")
    assert title == "Upcoming events: North Ward"


def test_the_filter_index_links_every_value_with_its_count(example_portal: Portal) -> None:
    page = next(p for p in facet_pages.facet_pages(example_portal) if p.url == "events/filters/")
    groups = page.context.filter_groups
    assert [g.key for g in groups] == [f.key for f in facets.FACETS]
    for group in groups:
        assert [o.value for o in group.options] == list(facets.names(example_portal, group.key))
        for option in group.options:
            matching = set(facets.events_for(example_portal, group.key, option.value))
            # Events, not dates: a weekly event counts once.
            events_listed = {i for i, _ in expected(example_portal, matching)}
            assert (option.count, option.url) == (len(events_listed), f"events/{group.key}/{option.value}/")
    area = next(g for g in groups if g.key == "area")
    assert [(o.name, o.count) for o in area.options] == [("North Ward", 2), ("South Ward", 3)]


def test_the_filter_forms_checkboxes_are_one_file_with_every_value_as_the_index_of_filters_lists_it(
    example_portal: Portal,
) -> None:
    """The form's choices file holds what the index of filters shows: every facet, every value
    (those with nothing coming up too, which the script offers only on the value's own page),
    with the same count, page and feed."""
    [made] = facet_pages.files(example_portal)
    assert made.path == "events/filter-choices.json"
    page = next(p for p in facet_pages.facet_pages(example_portal) if p.url == "events/filters/")
    assert json.loads(made.content) == {
        "groups": [
            {
                "key": g.key,
                "label": g.label,
                "feed": g.feed,
                "options": [[o.value, o.name, o.count, o.url, o.feed] for o in g.options],
            }
            for g in page.context.filter_groups
        ]
    }
    level = next(g for g in json.loads(made.content)["groups"] if g["key"] == "level")
    assert ["empowerment", "Empowerment", 0, "events/level/empowerment/", "feeds/level/empowerment.ics"] in level[
        "options"
    ]


def test_listing_pages_point_at_the_choices_file_and_do_not_carry_the_form_regression(example_portal: Portal) -> None:
    """Regression: every upcoming listing carried the whole checkbox form (34 KB of a 61 KB page at
    2,000 events), hidden until the script ran; now the script draws it from one file."""
    env = render.environment()
    listings = [
        p
        for p in [*events.pages(example_portal), *facet_pages.pages(example_portal)]
        if p.template == "engage/events.html"
    ]
    upcoming = [p for p in listings if p.context.kind != "past"]
    assert len(upcoming) > 5
    for page in upcoming:
        html = render.render_page(env, page, example_portal.settings).decode()
        root = "../" * page.url.count("/")
        assert f'data-choices="{root}events/filter-choices.json"' in html, page.url
        assert 'type="checkbox"' not in html, page.url


# --- Month calendar ---------------------------------------------------------------------


def calendar_page(pages: list[Page], url: str) -> Page:
    return next(p for p in pages if p.url == url)


def grid(page: Page) -> dict[int, list[str]]:
    """Day of the month -> what its cell lists ('2pm Health and wellbeing chat')."""
    out: dict[int, list[str]] = {}
    for week in page.context.weeks:
        for cell in week:
            if cell.in_month and cell.entries:
                out[cell.day.day] = [
                    (
                        "Continues"
                        if c.continues
                        else (f"{c.item.occurrence.start.strftime('%H:%M')}" if c.item.occurrence.start else "All day")
                    )
                    + f" {c.item.record.id}"
                    for c in cell.entries
                ]
    return out


def test_months_run_from_the_first_event_to_the_last_with_none_skipped(example_portal: Portal) -> None:
    pages = calendar_pages.calendar_pages(example_portal)
    first = min(o.day for o in example_portal.occurrences).replace(day=1)
    last = max(o.last_day for o in example_portal.occurrences).replace(day=1)
    months_expected = []
    month = first
    while month <= last:
        months_expected.append(f"calendar/{month:%Y-%m}/")
        month = calendar_pages.add_months(month, 1)
    assert [p.url for p in pages] == [*months_expected, "calendar/"]
    assert pages[0].context.previous is None and pages[-2].context.next is None
    december = calendar_page(pages, "calendar/2026-12/")
    assert (december.context.previous.url, december.context.next.url) == (
        "calendar/2026-11/",
        "calendar/2027-01/",
    )
    assert december.title == "Events in December 2026"


def test_calendar_shows_todays_month_with_today_marked(example_portal: Portal) -> None:
    pages = calendar_pages.calendar_pages(example_portal)
    current = calendar_page(pages, "calendar/")
    assert current.context.month == date(2026, 11, 1)
    assert current.context.weeks == calendar_page(pages, "calendar/2026-11/").context.weeks
    assert [c.day for week in current.context.weeks for c in week if c.today] == [TODAY]


def test_month_grid_puts_every_date_in_its_day(example_portal: Portal) -> None:
    pages = calendar_pages.calendar_pages(example_portal)
    assert grid(calendar_page(pages, "calendar/2026-12/")) == {
        1: ["14:00 2026-11-24-health-chat"],
        3: ["18:30 2026-12-03-library-review"],
        8: ["10:00 2026-01-06-carers-cafe", "14:00 2026-11-24-health-chat"],
        10: ["19:00 2026-11-26-tenants-panel"],
        15: ["14:00 2026-11-24-health-chat"],
        21: ["11:00 2026-11-24-health-chat"],
        24: ["19:00 2026-11-26-tenants-panel"],
    }
    january = grid(calendar_page(pages, "calendar/2027-01/"))
    # An event over three days is on each of them.
    assert [(day, january[day]) for day in (14, 15, 16)] == [
        (14, ["All day 2027-01-14-youth-exhibition"]),
        (15, ["Continues 2027-01-14-youth-exhibition"]),
        (16, ["Continues 2027-01-14-youth-exhibition"]),
    ]
    assert calendar_page(pages, "calendar/2027-01/").context.event_count == 8


def test_a_month_grid_is_whole_weeks_from_monday(example_portal: Portal) -> None:
    page = calendar_page(calendar_pages.calendar_pages(example_portal), "calendar/2026-12/")
    weeks = page.context.weeks
    assert page.context.weekdays == ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
    assert [(w[0].day, w[-1].day) for w in weeks] == [
        (date(2026, 11, 30), date(2026, 12, 6)),
        (date(2026, 12, 7), date(2026, 12, 13)),
        (date(2026, 12, 14), date(2026, 12, 20)),
        (date(2026, 12, 21), date(2026, 12, 27)),
        (date(2026, 12, 28), date(2027, 1, 3)),
    ]


# --- The built site ---------------------------------------------------------------------


@dataclass
class _Listing(HTMLParser):
    """Entries (event id, datetime) of a built listing, and the features checks look for."""

    entries: list[Dated] = field(default_factory=list)
    today_cells: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    _in_entry: bool = False
    _href: str = ""
    _today_depth: int = 0

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "li" and "engage-event" in (values.get("class") or "").split():
            self._in_entry, self._href = True, ""
        elif tag == "a" and self._in_entry and not self._href:
            self._href = (values.get("href") or "").rstrip("/").rsplit("/", 1)[-1]
        elif tag == "time" and self._in_entry:
            self.entries.append((self._href, date.fromisoformat(values["datetime"] or "")))
            self._in_entry = False
        elif tag == "td" and values.get("aria-current") == "date":
            self.today_cells.append("")
            self._today_depth = 1
        elif tag == "script" and values.get("src"):
            self.scripts.append(values["src"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._today_depth:
            self._today_depth = 0

    def handle_data(self, data: str) -> None:
        if self._today_depth and data.strip():
            self.today_cells[-1] += data.strip() + " "


def parse(path: Path) -> _Listing:
    parser = _Listing()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def built_listing(site: Path, first: str) -> list[Dated]:
    """Every entry of a built, paginated listing, following its page folders in order."""
    folders = [site / first]
    number = 2
    while (site / first / "page" / str(number)).is_dir():
        folders.append(site / first / "page" / str(number))
        number += 1
    return [entry for folder in folders for entry in parse(folder / "index.html").entries]


def test_built_site_splits_upcoming_and_archive_at_engage_today(example_site: Path, example_portal: Portal) -> None:
    assert built_listing(example_site, "events") == as_built(example_portal, expected(example_portal))
    past = expected(example_portal, upcoming=False)
    years = sorted({d.year for _, d in past}, reverse=True)
    assert [e for y in years for e in built_listing(example_site, f"events/past/{y}")] == past


def test_built_facet_page_and_month_grid(example_site: Path, example_portal: Portal) -> None:
    matching = set(facets.events_for(example_portal, "area", "north-ward"))
    assert built_listing(example_site, "events/area/north-ward") == as_built(
        example_portal, expected(example_portal, matching)
    )
    november = parse(example_site / "calendar" / "index.html")
    assert november.today_cells == ["Sunday 22 November Today No events today. "]
    # The filter script is added by the listing templates, not to every page.
    assert any(src.endswith("assets/filters.js") for src in parse(example_site / "events" / "index.html").scripts)
    assert not any(src.endswith("assets/filters.js") for src in november.scripts)
    assert (example_site / "assets" / "filters.js").is_file()


@pytest.mark.slow
def test_another_engage_today_moves_the_boundary(tmp_path: Path) -> None:
    """On 8 December the library review's meeting (3 December) is over but its consultation is open until
    the 20th: it leads the upcoming listing as "Open until" and is not in the archive; that day's dates follow."""
    result = build_site(EXAMPLE_DATA, tmp_path / "site", "2026-12-08")
    assert result.returncode == 0, result.output
    portal = check_data(EXAMPLE_DATA, date(2026, 12, 8)).portal
    assert portal is not None
    upcoming = built_listing(result.site, "events")
    assert upcoming == as_built(portal, expected(portal))
    assert upcoming[:3] == [
        ("2026-12-03-library-review", date(2026, 12, 20)),
        ("2026-01-06-carers-cafe", date(2026, 12, 8)),
        ("2026-11-24-health-chat", date(2026, 12, 8)),
    ]
    assert "2026-12-03-library-review" not in {i for i, _ in built_listing(result.site, "events/past/2026")}
    assert parse(result.site / "calendar" / "index.html").today_cells[0].startswith("Tuesday 8 December Today")


# --- Scale ------------------------------------------------------------------------------


def test_no_listing_grows_with_the_archive(tmp_path: Path) -> None:
    """600 events over three years: every listing page holds at most a page of entries, every grid one month."""
    data = tmp_path / "data"
    shutil.copytree(
        EXAMPLE_DATA,
        data,
        ignore=shutil.ignore_patterns("events", "feedback", "eias", "commitments", "evaluations", "assessments"),
    )
    folder = data / "events" / "district-council"
    folder.mkdir(parents=True)
    for n in range(600):
        day = date(2025, 1, 1).toordinal() + (n * 37) % 1095
        when = date.fromordinal(day)
        (folder / f"{when.isoformat()}-meeting-{n}.yaml").write_text(
            f"title: Meeting {n}\nsummary: A meeting.\ndescription: A meeting.\norganiser: district-council\n"
            f"method: drop-in\nareas: [north-ward]\ntopics: [housing]\ndate: {when.isoformat()}\n"
            'start_time: "18:00"\nend_time: "19:00"\nvenue: town-hall\ncontact: engagement@example.gov.uk\n',
            encoding="utf-8",
        )
    result = check_data(data, TODAY)
    assert result.problems == []
    portal = result.portal
    assert portal is not None
    per_page = portal.settings.events_per_page
    listings = events.upcoming_pages(portal) + events.past_pages(portal) + facet_pages.facet_pages(portal)
    sizes = [len(listed(p)) for p in listings if isinstance(p.context, EventListing)]
    assert (
        sum(
            len(listed(p))
            for p in events.upcoming_pages(portal) + events.past_pages(portal)
            if isinstance(p.context, EventListing)
        )
        == 600
    )
    assert max(sizes) == per_page
    for page in calendar_pages.calendar_pages(portal):
        days = {c.day for week in page.context.weeks for c in week if c.entries and c.in_month}
        assert {(d.year, d.month) for d in days} <= {(page.context.month.year, page.context.month.month)}
