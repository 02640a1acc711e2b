"""Event pages, the upcoming listing and the archive of past events."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .. import access, consultation_stage, urls
from ..consultation_stage import ConsultationStage
from ..disclosure import count_text
from ..event_words import ACCESS_LABELS, AVAILABILITY_WORDS
from ..formatting import long_date
from ..models import Commitment, Eia, Evaluation, Feedback
from ..models.event import Event, EventStatus
from ..models.taxonomy import Method, Organisation, Venue
from ..occurrences import Occurrence
from ..output import Page
from ..portal import Portal
from ..records import Record
from ..representation import and_list
from .event_jsonld import event_jsonld, script_text
from .event_view import (
    CalendarLinks,
    EventItem,
    calendar_links,
    facts,
    is_current,
    page_months,
    past_items,
    recurrence_text,
    upcoming_items,
    zone_words,
)
from .facet_pages import listing_context
from .listing import EventListing
from .paginate import paginate
from .venue_pages import map_url

__all__ = ["pages", "past_items", "upcoming_items"]

DATES_SHOWN = 12
"""How many coming dates an event page lists; a weekly event over years would otherwise run on."""


@dataclass(frozen=True)
class Link:
    """A labelled link within the site."""

    text: str
    url: str


def published_feedback(portal: Portal) -> dict[str, str]:
    """For each event, its latest 'you said, we did' page already published by today."""
    out: dict[str, str] = {}
    for event_id, feedback_ids in portal.feedback_for_event.items():
        published = [f for f in feedback_ids if portal.feedback[f].model.published <= portal.today]
        if published:
            out[event_id] = max(published, key=lambda f: (portal.feedback[f].model.published, f))
    return out


def consultation_state(event: Event, today: date) -> str:
    """Whether the consultation is open, in words a resident acts on (the rule: consultation_stage.is_open_on)."""
    c = event.consultation
    if c is None:
        return ""
    if consultation_stage.is_open_on(event, today):
        return f"Open now. You can respond until {long_date(c.closes)}."
    if event.status in consultation_stage.NOT_TAKING_PLACE:
        return f"Not taking responses: this consultation is {event.status.value}."
    if consultation_stage.opens_after(c, today):
        return f"Opens on {long_date(c.opens)}. You can respond until {long_date(c.closes)}."
    return f"Closed on {long_date(c.closes)}."


def audience_lines(portal: Portal, event: Event) -> list[str]:
    """Who a consultation is for, one line per part: 'Age: 16 to 24, 25 to 44 and 45 to 64'."""
    audience = event.consultation.audience if event.consultation else None
    if audience is None:
        return []
    lines = []
    for characteristic_id, categories in audience.categories.items():
        characteristic = portal.characteristics[characteristic_id]
        names = {c.id: c.name for c in characteristic.categories}
        lines.append(f"{characteristic.name}: {and_list([names[c] for c in categories])}")
    if audience.areas:
        lines.append("Areas: " + and_list([portal.areas[a].name for a in audience.areas]))
    if audience.groups:
        lines.append("Groups: " + and_list([portal.groups[g].name for g in audience.groups]))
    return lines


def facet_links(portal: Portal, event: Event) -> list[Link]:
    """'More events like this': the area, topic and group pages this event is listed on."""
    links = [Link(portal.areas[a].name, urls.facet_listing("area", a)) for a in event.areas]
    links += [Link(portal.topics[t].name, urls.facet_listing("topic", t)) for t in event.topics]
    links += [Link(portal.groups[g].name, urls.facet_listing("group", g)) for g in event.groups]
    return links


@dataclass(frozen=True)
class EventPage:
    """The context of `engage/event.html`: one event, led by its next date (or its last)."""

    kind: Literal["event"]
    """Always 'event'."""
    title: str
    """The event's title (the page's heading)."""
    id: str
    """The event's id (its file name)."""
    record: Event
    """The event as its file says it."""
    lead: EventItem
    """The date the page leads with: the next one, or the most recent once all are past."""
    is_past: bool
    """Every date is over and it is not an open consultation."""
    consultation_open: bool
    """Residents can respond today (consultation_stage.is_open_on)."""
    audience: Sequence[str]
    """Who a consultation is for, a line per part ('Age: 16 to 24 and 25 to 44')."""
    adjustments_passed: bool
    """The day to ask for adjustments has gone, with dates still to come."""
    zone: str
    """The event's time zone in words."""
    recurrence: str
    """The repeat rule in words, or ''."""
    skipped: Sequence[date]
    """Dates the rule skips, in order."""
    upcoming: Sequence[EventItem]
    """The coming dates listed (at most DATES_SHOWN)."""
    more_dates: int
    """Coming dates beyond those listed."""
    last_date: date
    """The last day of its last date."""
    occurrence_count: int
    """How many dates it has in all."""
    venue: Venue | None
    """Where it is held; None for an online-only event."""
    map_url: str | None
    """The venue on OpenStreetMap, when its position is known."""
    venue_url: str | None
    """The venue's page."""
    organiser: Organisation
    """The organisation that runs it."""
    organiser_url: str
    """The organiser's listing of upcoming events."""
    partners: Sequence[str]
    """Partner organisations' names."""
    method: Method
    """The kind of event (drop-in, survey...), with its level of involvement."""
    method_url: str
    """The listing of upcoming events of this kind."""
    access: Sequence[tuple[str, str]]
    """In-person arrangements: (label, availability in words)."""
    online_access: Sequence[tuple[str, str]]
    """Online arrangements: (label, availability in words)."""
    consultation_state: str
    """Whether a consultation is open, in words a resident acts on ('' if not a consultation)."""
    consultation_stage: ConsultationStage | None
    """Where a consultation stands today; None if the event is no consultation."""
    calendar: CalendarLinks | None
    """'Add to calendar' links, while a date is to come and the event takes place."""
    jsonld: str
    """schema.org Event JSON, safe inside <script>."""
    facet_links: Sequence[Link]
    """'More events like this': its area, topic and group listings."""
    eias: Sequence[Record[Eia]]
    """Equality Impact Assessments that name it."""
    feedback: Record[Feedback] | None
    """Its latest published "you said, we did"."""
    commitments: Sequence[Record[Commitment]]
    """Equality commitments it is evidence for."""
    evaluations: Sequence[Record[Evaluation]]
    """Evaluations of it."""
    attendees: str | None
    """How many took part, as published (small counts withheld)."""
    today: date
    """The build's day (ENGAGE_TODAY)."""


def event_context(
    portal: Portal, record: Record[Event], occurrences: list[Occurrence], feedback_id: str | None
) -> EventPage:
    e = record.model
    upcoming = [o for o in occurrences if o.last_day >= portal.today]
    # Lead with the next date; once all are past, with the most recent one.
    lead = upcoming[0] if upcoming else occurrences[-1]
    takes_place = e.status not in (EventStatus.CANCELLED, EventStatus.POSTPONED)
    venue = portal.venues[e.venue] if e.venue else None
    organiser = portal.organisations[e.organiser]
    method = portal.methods[e.method]
    rule = e.recurrence
    shared = facts(portal, record)  # one event's facts serve every date on its page
    return EventPage(
        kind="event",
        title=e.title,
        id=record.id,
        record=e,
        lead=EventItem(lead, shared),
        is_past=not upcoming and not is_current(portal, e),
        consultation_open=consultation_stage.is_open_on(e, portal.today),
        audience=audience_lines(portal, e),
        adjustments_passed=e.access.adjustments_by is not None
        and e.access.adjustments_by < portal.today
        and bool(upcoming),
        zone=zone_words(e.timezone or portal.settings.timezone),
        recurrence=recurrence_text(e),
        skipped=sorted(rule.skip) if rule else [],
        upcoming=[EventItem(o, shared) for o in upcoming[:DATES_SHOWN]],
        more_dates=max(0, len(upcoming) - DATES_SHOWN),
        last_date=occurrences[-1].last_day,
        occurrence_count=len(occurrences),
        venue=venue,
        map_url=map_url(venue) if venue else None,
        venue_url=urls.venue(e.venue) if e.venue else None,
        organiser=organiser,
        organiser_url=urls.facet_listing("organiser", e.organiser),
        partners=[portal.organisations[p].name for p in e.partners],
        method=method,
        method_url=urls.facet_listing("type", e.method),
        access=[
            (label, AVAILABILITY_WORDS[value.value])
            for key, value in access.in_person_facts(e, ACCESS_LABELS).items()
            for label in (ACCESS_LABELS[key],)
        ],
        online_access=[
            (access.ONLINE_LABELS[key], AVAILABILITY_WORDS[value.value])
            for key, value in access.online_facts(e).items()
        ],
        consultation_state=consultation_state(e, portal.today),
        consultation_stage=consultation_stage.stage_of(portal, record.id),
        calendar=calendar_links(portal, record.id, lead) if upcoming and takes_place else None,
        jsonld=script_text(event_jsonld(portal, record.id, lead)),
        facet_links=facet_links(portal, e),
        eias=[portal.eias[i] for i in portal.eias_for_event.get(record.id, [])],
        feedback=portal.feedback[feedback_id] if feedback_id else None,
        commitments=[portal.commitments[i] for i in portal.commitments_for_record.get(("event", record.id), [])],
        evaluations=[portal.evaluations[i] for i in portal.evaluations_for_record.get(("event", record.id), [])],
        attendees=None if e.attendees is None else count_text(e.attendees),
        today=portal.today,
    )


@dataclass(frozen=True)
class PastIndex:
    """The context of `engage/past_index.html`: the years of past events."""

    kind: Literal["past-index"]
    """Always 'past-index'."""
    title: str
    """'Past events'."""
    years: Sequence[tuple[int, int]]
    """(year, dates held that year), latest year first."""
    feedback_count: int
    """How many "you said, we did" pages are published."""


def event_pages(portal: Portal) -> list[Page]:
    by_event: dict[str, list[Occurrence]] = {}
    for occ in portal.occurrences:
        by_event.setdefault(occ.event_id, []).append(occ)
    feedback = published_feedback(portal)
    out = []
    for event_id, record in portal.events.items():
        e = record.model
        # A rule whose every date is skipped still gets its page (others link to it), led by its first date.
        occurrences = by_event.get(event_id) or [
            Occurrence(e.date, event_id, e.start_time, e.end_time, e.end_date or e.date)
        ]
        out.append(
            Page(
                url=urls.event(event_id),
                title=record.model.title,
                template="engage/event.html",
                # Titles only: the page text lives in its template, so each entry is small.
                searchable=True,
                description=record.model.summary,
                context=event_context(portal, record, occurrences, feedback.get(event_id)),
            )
        )
    return out


def upcoming_pages(portal: Portal) -> list[Page]:
    entries = upcoming_items(portal)
    shared = listing_context(portal)
    pagers = paginate(entries, portal.settings.events_per_page, urls.events())
    out = []
    for pager in pagers:
        title = "Upcoming events" if pager.number == 1 else f"Upcoming events, page {pager.number} of {pager.count}"
        out.append(
            Page(
                url=pager.url,
                title=title,
                template="engage/events.html",
                description="Consultations, meetings and drop-ins coming up, soonest first.",
                context=EventListing(
                    "upcoming",
                    title,
                    pager,
                    page_months(pager, entries),
                    event_count=len({e.record.id for e in entries}),
                    **shared,
                ),
                searchable=pager.number == 1,
            )
        )
    return out


def past_pages(portal: Portal) -> list[Page]:
    entries = past_items(portal)
    years: dict[int, list[EventItem]] = {}
    for entry in entries:
        years.setdefault(entry.occurrence.day.year, []).append(entry)
    feedback = published_feedback(portal)
    out = [
        Page(
            url=urls.past_events(),
            title="Past events",
            template="engage/past_index.html",
            description="Events that have taken place, by year, with what came of them.",
            context=PastIndex(
                "past-index",
                "Past events",
                [(year, len(year_entries)) for year, year_entries in sorted(years.items(), reverse=True)],
                len(feedback),
            ),
            searchable=True,
        )
    ]
    for year, year_entries in sorted(years.items()):
        for pager in paginate(year_entries, portal.settings.events_per_page, urls.past_year(year)):
            title = f"Past events in {year}" + (f", page {pager.number} of {pager.count}" if pager.number > 1 else "")
            out.append(
                Page(
                    url=pager.url,
                    title=title,
                    template="engage/events.html",
                    description=f"Events that took place in {year}, most recent first.",
                    context=EventListing(
                        "past",
                        title,
                        pager,
                        page_months(pager, year_entries),
                        zone_words(portal.settings.timezone),
                        feedback_for_event=feedback,
                        year=year,
                    ),
                )
            )
    return out


def pages(portal: Portal) -> list[Page]:
    return event_pages(portal) + upcoming_pages(portal) + past_pages(portal)
