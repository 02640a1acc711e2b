"""An event's page: what it says, its add-to-calendar links, its JSON-LD, and that it is accessible."""

from __future__ import annotations

import json
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from engage.occurrences import Occurrence
from engage.output import Page
from engage.pages import events
from engage.pages.event_jsonld import event_jsonld, script_text
from engage.pages.event_view import calendar_links, when_text
from engage.portal import Portal

LIBRARY = "2026-12-03-library-review"
CHAT = "2026-11-24-health-chat"
PANEL = "2026-11-26-tenants-panel"
EXHIBITION = "2027-01-14-youth-exhibition"
FORUM = "2026-10-01-cancelled-forum"
SURVEY = "2025-09-10-housing-survey"


def event_page(portal: Portal, event_id: str) -> Page:
    return next(p for p in events.event_pages(portal) if p.url == f"events/{event_id}/")


def first_upcoming(portal: Portal, event_id: str) -> Occurrence:
    return next(o for o in portal.occurrences if o.event_id == event_id and o.last_day >= portal.today)


# --- What the engine works out ----------------------------------------------------------


def test_when_is_written_gov_uk_style(example_portal: Portal) -> None:
    assert when_text(first_upcoming(example_portal, LIBRARY)) == "Thursday 3 December 2026, 6:30pm to 8pm"
    assert (
        when_text(first_upcoming(example_portal, EXHIBITION))
        == "Thursday 14 January 2027 to Saturday 16 January 2027 (all day)"
    )
    context = event_page(example_portal, CHAT).context
    assert (context.lead.when, context.recurrence) == (
        "Tuesday 24 November 2026, 2pm to 3:30pm",
        "Every Tuesday, from 24 November 2026 until 26 January 2027",
    )
    assert event_page(example_portal, "2026-01-06-carers-cafe").context.recurrence == (
        "On the first Tuesday of each month, from 6 January 2026 until 30 June 2027"
    )
    assert (
        event_page(example_portal, PANEL).context.recurrence
        == "Every other Thursday, from 26 November 2026 until 4 March 2027"
    )


def test_the_event_page_context_has_what_a_resident_needs(example_portal: Portal) -> None:
    context = event_page(example_portal, CHAT).context
    assert [(e.occurrence.day, e.occurrence.original) for e in context.upcoming] == [
        (date(2026, 11, 24), None),
        (date(2026, 12, 1), None),
        (date(2026, 12, 8), None),
        (date(2026, 12, 15), None),
        (date(2026, 12, 21), date(2026, 12, 22)),
        (date(2027, 1, 5), None),
        (date(2027, 1, 12), None),
        (date(2027, 1, 19), None),
        (date(2027, 1, 26), None),
    ]
    assert context.skipped == [date(2026, 12, 29)]
    assert context.partners == ["Example District Council"]
    assert context.access == [
        ("Step-free access", "Yes"),
        ("Accessible toilet", "Yes"),
        ("Hearing loop", "No"),
        ("BSL interpreter", "Yes"),
        ("Speech-to-text", "On request"),
        ("Easy read papers", "Yes"),
        ("Large print papers", "On request"),
        ("Quiet space", "Yes"),
        ("Childcare", "No"),
        ("Travel costs paid", "On request"),
        ("Carer costs paid", "Not known"),
    ]
    assert [(link.text, link.url) for link in context.facet_links] == [
        ("North Ward", "events/area/north-ward/"),
        ("Health and care", "events/topic/health/"),
        ("Older people", "events/group/older-people/"),
    ]
    assert context.consultation_state == ""
    library = event_page(example_portal, LIBRARY).context
    assert library.consultation_state == "Open now. You can respond until 20 December 2026."
    assert [r.id for r in library.eias] == ["library-hours"]


def test_only_events_still_to_come_offer_add_to_calendar(example_portal: Portal) -> None:
    offered = {i for i in example_portal.events if event_page(example_portal, i).context.calendar is not None}
    # Not the cancelled forum, nor anything whose dates have all passed.
    assert offered == {LIBRARY, CHAT, PANEL, EXHIBITION, "2026-01-06-carers-cafe"}


def test_past_events_link_to_their_published_feedback(example_portal: Portal) -> None:
    context = event_page(example_portal, SURVEY).context
    assert (context.is_past, context.feedback.id) == (True, "housing-allocations")


def test_add_to_calendar_links_for_a_timed_event(example_portal: Portal) -> None:
    links = calendar_links(example_portal, LIBRARY, first_upcoming(example_portal, LIBRARY))
    assert links.ics == f"events/{LIBRARY}/{LIBRARY}.ics"
    google, outlook = urlsplit(links.google), urlsplit(links.outlook)
    details = (
        "Tell us how you use libraries before we decide opening hours.\n\n"
        f"Full details and any changes: https://engage.example.gov.uk/events/{LIBRARY}/"
    )
    assert (google.scheme, google.netloc, google.path) == ("https", "calendar.google.com", "/calendar/render")
    assert parse_qs(google.query) == {
        "action": ["TEMPLATE"],
        "text": ["Library service review consultation"],
        "dates": ["20261203T183000/20261203T200000"],
        "details": [details],
        "location": ["Town Hall, 1 Market Street, Exampleton, EX1 1AA"],
        "ctz": ["Europe/London"],
        "trp": ["true"],
    }
    assert (outlook.netloc, outlook.path) == ("outlook.live.com", "/calendar/0/deeplink/compose")
    assert parse_qs(outlook.query) == {
        "path": ["/calendar/action/compose"],
        "rru": ["addevent"],
        "subject": ["Library service review consultation"],
        "startdt": ["2026-12-03T18:30:00Z"],
        "enddt": ["2026-12-03T20:00:00Z"],
        "location": ["Town Hall, 1 Market Street, Exampleton, EX1 1AA"],
        "body": [details],
    }
    # Spaces are %20, never '+', which Outlook shows as it is.
    assert "+" not in links.outlook and "+" not in links.google
    # Outlook for work or school (Microsoft 365) takes the same link on its own host.
    work = urlsplit(links.outlook_work)
    assert (work.scheme, work.netloc, work.path) == ("https", "outlook.office.com", "/calendar/0/deeplink/compose")
    assert parse_qs(work.query) == parse_qs(outlook.query)


def test_links_and_feed_agree_on_busy_or_free(example_portal: Portal) -> None:
    """The links made busy entries while the feed said free: now a timed event is busy in both, all-day free in both."""
    from icalendar import Calendar

    from engage.feeds import publish

    files = {f.path: f.content for f in publish.files(example_portal)}
    for event_id in (LIBRARY, EXHIBITION):
        links = calendar_links(example_portal, event_id, first_upcoming(example_portal, event_id))
        (vevent,) = Calendar.from_ical(files[links.ics]).walk("VEVENT")
        busy = parse_qs(urlsplit(links.google).query)["trp"] == ["true"]
        assert (str(vevent["TRANSP"]), busy) in {("OPAQUE", True), ("TRANSPARENT", False)}, event_id
        # Outlook's compose link has no free/busy setting: it makes a timed entry busy and an all-day one free.
        all_day = parse_qs(urlsplit(links.outlook).query).get("allday") == ["true"]
        assert busy is not all_day


def test_add_to_calendar_links_in_summer_time_and_all_day(example_portal: Portal) -> None:
    june = next(o for o in example_portal.occurrences if o.event_id == "2026-01-06-carers-cafe" and o.day.month == 6)
    links = calendar_links(example_portal, june.event_id, june)
    assert parse_qs(urlsplit(links.google).query)["dates"] == ["20260602T100000/20260602T120000"]
    outlook = parse_qs(urlsplit(links.outlook).query)
    assert (outlook["startdt"], outlook["enddt"]) == (["2026-06-02T09:00:00Z"], ["2026-06-02T11:00:00Z"])
    whole = calendar_links(example_portal, EXHIBITION, first_upcoming(example_portal, EXHIBITION))
    assert parse_qs(urlsplit(whole.google).query)["dates"] == ["20270114/20270117"]
    outlook = parse_qs(urlsplit(whole.outlook).query)
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == (["2027-01-14"], ["2027-01-17"], ["true"])
    online = parse_qs(urlsplit(calendar_links(example_portal, CHAT, first_upcoming(example_portal, CHAT)).google).query)
    assert online["location"] == [
        "Committee Room 2, Town Hall, 1 Market Street, Exampleton, EX1 1AA; Online: Microsoft Teams https://teams.example.org/health-chat"
    ]


def test_json_ld_for_an_in_person_consultation(example_portal: Portal) -> None:
    assert event_jsonld(example_portal, LIBRARY, first_upcoming(example_portal, LIBRARY)) == {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": "Library service review consultation",
        "description": "Tell us how you use libraries before we decide opening hours.",
        "url": f"https://engage.example.gov.uk/events/{LIBRARY}/",
        "startDate": "2026-12-03T18:30:00+00:00",
        "endDate": "2026-12-03T20:00:00+00:00",
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": "Town Hall",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "1 Market Street, Exampleton",
                "postalCode": "EX1 1AA",
                "addressCountry": "GB",
            },
            "geo": {"@type": "GeoCoordinates", "latitude": 53.68, "longitude": -1.5},
            "amenityFeature": [
                {"@type": "LocationFeatureSpecification", "name": "Step-free access", "value": True},
                {"@type": "LocationFeatureSpecification", "name": "Hearing loop", "value": True},
            ],
        },
        "organizer": {
            "@type": "Organization",
            "name": "Example District Council",
            "email": "engagement@example.gov.uk",
            "url": "https://www.example.gov.uk/",
        },
        "isAccessibleForFree": True,
        "inLanguage": "en-GB",
    }


def test_json_ld_for_a_hybrid_weekly_event(example_portal: Portal) -> None:
    data = event_jsonld(example_portal, CHAT, first_upcoming(example_portal, CHAT))
    assert (data["eventAttendanceMode"], data["isAccessibleForFree"], data["startDate"]) == (
        "https://schema.org/MixedEventAttendanceMode",
        False,
        "2026-11-24T14:00:00+00:00",
    )
    assert [place["@type"] for place in data["location"]] == ["Place", "VirtualLocation"]
    assert data["location"][1] == {
        "@type": "VirtualLocation",
        "name": "Microsoft Teams",
        "url": "https://teams.example.org/health-chat",
    }
    assert [(f["name"], f["value"]) for f in data["location"][0]["amenityFeature"]] == [
        ("Step-free access", True),
        ("Accessible toilet", True),
        ("Hearing loop", False),
        ("BSL interpreter", True),
        ("Easy read papers", True),
        ("Quiet space", True),
        ("Childcare", False),
    ]
    assert data["eventSchedule"] == {
        "@type": "Schedule",
        "startDate": "2026-11-24",
        "endDate": "2027-01-26",
        "repeatFrequency": "P1W",
        "byDay": "https://schema.org/Tuesday",
        "scheduleTimezone": "Europe/London",
        "startTime": "14:00",
        "endTime": "15:30",
        "exceptDate": ["2026-12-22", "2026-12-29"],
    }
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "Example Health NHS Trust",
        "email": "involvement@example-health.nhs.uk",
    }


def test_json_ld_status_for_cancelled_and_moved_events(example_portal: Portal) -> None:
    statuses = {
        i: json.loads(event_page(example_portal, i).context.jsonld)["eventStatus"] for i in (FORUM, EXHIBITION, PANEL)
    }
    assert statuses == {
        FORUM: "https://schema.org/EventCancelled",
        EXHIBITION: "https://schema.org/EventRescheduled",
        PANEL: "https://schema.org/EventScheduled",
    }
    exhibition = json.loads(event_page(example_portal, EXHIBITION).context.jsonld)
    assert (exhibition["startDate"], exhibition["endDate"]) == ("2027-01-14", "2027-01-16")


def test_json_ld_cannot_close_its_script_element() -> None:
    data = {"name": "</script><script>alert(1)</script> <!-- & 'x'"}
    text = script_text(data)
    assert not {"<", ">", "&"} & set(text)
    assert json.loads(text) == data


# --- The built page ---------------------------------------------------------------------


class _Page(HTMLParser):
    """Headings, links, the access table and the JSON-LD of one built page's article."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[str, str]] = []
        self.links: list[tuple[str, str]] = []
        self.access: list[tuple[str, str]] = []
        self.jsonld = ""
        self.order: list[str] = []
        self._stack: list[tuple[str, str]] = []
        self._text: list[str] = []
        self._row: list[str] = []
        self._in_access = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        classes = values.get("class", "").split()
        if tag in {"h1", "h2", "h3", "a", "th", "td", "script"}:
            self._stack.append((tag, values.get("href") or values.get("type", "")))
            self._text = []
        if tag == "table" and "engage-access" in classes:
            self._in_access = True
        if tag == "div" and "engage-alert" in classes:
            self.order.append("alert")
        if tag == "p" and "engage-lead" in classes:
            self.order.append("lead")
        if tag == "section" and "engage-add" in classes:
            self.order.append("add-to-calendar")

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_access = False
        if not self._stack or self._stack[-1][0] != tag:
            return
        _, extra = self._stack.pop()
        text = " ".join("".join(self._text).split())
        if tag in {"h1", "h2", "h3"}:
            self.headings.append((tag, text))
        elif tag == "a":
            self.links.append((text, extra))
        elif tag == "script" and extra == "application/ld+json":
            self.jsonld = "".join(self._text)
        elif tag in {"th", "td"} and self._in_access:
            self._row.append(text)
            if len(self._row) == 2:
                self.access.append((self._row[0], self._row[1]))
                self._row = []

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def built(site: Path, event_id: str) -> _Page:
    parser = _Page()
    parser.feed((site / "events" / event_id / "index.html").read_text(encoding="utf-8"))
    return parser


def article_headings(page: _Page) -> list[tuple[str, str]]:
    start = page.headings.index(next(h for h in page.headings if h[0] == "h1"))
    return page.headings[start:]


def test_built_consultation_page_says_what_is_decided_and_how(example_site: Path, example_portal: Portal) -> None:
    page = built(example_site, LIBRARY)
    assert article_headings(page) == [
        ("h1", "Library service review consultation"),
        ("h2", "Add to your calendar"),
        ("h2", "About this event"),
        ("h2", "The consultation"),
        ("h3", "What is being decided"),
        ("h3", "When you can respond"),
        ("h3", "The options"),
        ("h3", "Who decides, and when"),
        ("h3", "How responses will be used"),
        ("h3", "Equality Impact Assessment"),
        ("h3", "What people said and what was done"),
        ("h2", "How to get there"),
        ("h2", "Access"),
        ("h2", "Who took part"),
        ("h2", "Find more events like this"),
    ]
    assert [link for link in page.links if link[0].startswith("Evaluation")] == [
        ("Evaluation: Library review drop-in", "../../impact/library-review-drop-in/")
    ]
    assert page.access == [
        ("Arrangement", "Available"),
        ("Step-free access", "Yes"),
        ("Accessible toilet", "Not known"),
        ("Hearing loop", "Yes"),
        ("BSL interpreter", "On request"),
        ("Speech-to-text", "Not known"),
        ("Easy read papers", "Not known"),
        ("Large print papers", "Not known"),
        ("Quiet space", "Not known"),
        ("Childcare", "Not known"),
        ("Travel costs paid", "Not known"),
        ("Carer costs paid", "Not known"),
    ]
    links = dict(page.links)
    assert links["Download a calendar file (.ics)"] == f"../../events/{LIBRARY}/{LIBRARY}.ics"
    assert links["Add to Google Calendar"].startswith("https://calendar.google.com/calendar/render?action=TEMPLATE&")
    assert links["Add to Outlook.com"].startswith("https://outlook.live.com/calendar/0/deeplink/compose?")
    assert links["Library opening hours review"] == "../../eia/library-hours/"
    assert json.loads(page.jsonld) == event_jsonld(example_portal, LIBRARY, first_upcoming(example_portal, LIBRARY))


def test_built_cancelled_event_says_so_at_the_top(example_site: Path) -> None:
    page = built(example_site, FORUM)
    assert page.order == ["alert", "lead"]
    assert article_headings(page)[:2] == [("h1", "South Ward community forum"), ("h2", "This event has been cancelled")]
    moved = built(example_site, EXHIBITION)
    assert moved.order == ["alert", "lead", "add-to-calendar"]
    assert article_headings(moved)[1] == ("h2", "This event has moved")


def test_built_past_event_links_to_what_came_of_it(example_site: Path) -> None:
    page = built(example_site, SURVEY)
    assert "add-to-calendar" not in page.order
    assert ("Read what people said and what was done", "../../you-said-we-did/housing-allocations/") in page.links
