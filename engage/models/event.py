"""An engagement event: a meeting, drop-in, survey or consultation residents can take part in."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from .parts import Decision, Document
from .types import RECORD_CONFIG, Clock, Count, Day, Email, Line, Ref, RefList, Sequence, Slug, Text, Url


class Availability(StrEnum):
    """Whether an access arrangement is there; never left silently blank."""

    YES = "yes"
    NO = "no"
    ON_REQUEST = "on-request"
    UNKNOWN = "unknown"


class EventStatus(StrEnum):
    """Whether the event goes ahead as listed."""

    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"
    MOVED = "moved"


class Access(BaseModel):
    """Access arrangements, each yes, no, on-request or unknown."""

    model_config = RECORD_CONFIG

    step_free: Availability = Availability.UNKNOWN
    """Step-free access from the street to the room."""
    accessible_toilet: Availability = Availability.UNKNOWN
    """An accessible toilet on site."""
    hearing_loop: Availability = Availability.UNKNOWN
    """A hearing loop in the room."""
    bsl: Availability = Availability.UNKNOWN
    """A British Sign Language interpreter."""
    speech_to_text: Availability = Availability.UNKNOWN
    """Live captions or speech-to-text reporting."""
    easy_read: Availability = Availability.UNKNOWN
    """Easy read versions of the papers."""
    large_print: Availability = Availability.UNKNOWN
    """Large print versions of the papers."""
    quiet_space: Availability = Availability.UNKNOWN
    """A quiet space to take a break."""
    childcare: Availability = Availability.UNKNOWN
    """Childcare or a crèche."""
    travel_costs: Availability = Availability.UNKNOWN
    """Travel costs paid."""
    carer_costs: Availability = Availability.UNKNOWN
    """Carer or replacement care costs paid."""
    adjustments_by: Day | None = None
    """The date by which to ask for other adjustments."""
    notes: Text | None = None
    """Anything else about access, in plain words."""


class Online(BaseModel):
    """How to join an event online."""

    model_config = RECORD_CONFIG

    platform: Line
    """The service used, such as 'Microsoft Teams' or 'Zoom'."""
    url: Url | None = None
    """The joining or registration link (if it is sent on booking, leave it out and say so)."""
    instructions: Text | None = None
    """How to join, including by phone."""
    captions: Availability = Availability.UNKNOWN
    """Live captions on screen."""
    bsl_on_screen: Availability = Availability.UNKNOWN
    """A British Sign Language interpreter shown on screen."""
    dial_in: Availability = Availability.UNKNOWN
    """A phone number to join by voice, with no app or internet."""
    recording: Availability = Availability.UNKNOWN
    """A recording to watch afterwards."""


class Booking(BaseModel):
    """Whether and how to book a place."""

    model_config = RECORD_CONFIG

    required: bool = False
    """True when people must book a place."""
    url: Url | None = None
    """Where to book."""
    by: Day | None = None
    """The last day to book."""
    details: Text | None = None
    """Other ways to book, such as by phone."""


class Option(BaseModel):
    """One option put to consultees, including ones already rejected."""

    model_config = RECORD_CONFIG

    title: Line
    """The option in a few words."""
    description: Text | None = None
    """What it would mean."""
    status: Line = "Under consideration"
    """Where it stands, such as 'Preferred option' or 'Rejected before consultation'."""


class Audience(BaseModel):
    """Who a consultation is for, so its respondents are compared with those people, not everyone."""

    model_config = RECORD_CONFIG

    categories: dict[Slug, list[Slug]] = Field(default_factory=dict)
    """Per characteristic (id), the categories (ids) it is for, such as age: [age-25-44, age-45-64]; others: everyone."""
    areas: list[Ref] = Field(default_factory=list)
    """The areas (ids) it is for; every area if left out."""
    groups: list[Ref] = Field(default_factory=list)
    """Groups (ids) it is for, such as tenants or carers; everyone if left out."""


class Consultation(BaseModel):
    """What a consultation asks and how its answers will be used (the Gunning principles)."""

    model_config = RECORD_CONFIG

    decision: Text
    """What is being decided, at a stage when it can still change."""
    opens: Day
    """The first day responses are accepted."""
    closes: Day
    """The last day responses are accepted."""
    options: list[Option] = Field(default_factory=list)
    """The options put forward, including rejected ones."""
    documents: list[Document] = Field(default_factory=list)
    """Papers consultees need to give an informed response."""
    respond_url: Url | None = None
    """Where to respond online."""
    how_responses_used: Text
    """How responses will be taken into account, and by whom."""
    decision_due: Decision | None = None
    """Who will decide, and when."""
    audience: Audience | None = None
    """Who it is for (ages, areas, groups), when not everyone in the district."""


class Moved(BaseModel):
    """One occurrence of a recurring event held on another day or at another time."""

    model_config = RECORD_CONFIG

    original: Day
    """The date it would have been on."""
    date: Day
    """The date it is on instead."""
    start_time: Clock | None = None
    """Its start time, if different."""
    end_time: Clock | None = None
    """Its end time, if different."""
    note: Line | None = None
    """Why it moved."""


class Frequency(StrEnum):
    """How often a recurring event repeats."""

    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"


class WeekOfMonth(StrEnum):
    """Which weekday of the month a monthly event falls on."""

    FIRST = "first"
    SECOND = "second"
    THIRD = "third"
    FOURTH = "fourth"
    LAST = "last"


class Recurrence(BaseModel):
    """How an event repeats from its first date."""

    model_config = RECORD_CONFIG

    frequency: Frequency
    """weekly, fortnightly or monthly."""
    week_of_month: WeekOfMonth | None = None
    """For monthly events: first, second, third, fourth or last (of the first date's weekday)."""
    until: Day
    """The last date it may fall on."""
    skip: list[Day] = Field(default_factory=list)
    """Dates when it does not happen."""
    moved: list[Moved] = Field(default_factory=list)
    """Occurrences held on another day or at another time."""


class Event(BaseModel):
    """An engagement event listed in the calendar."""

    model_config = RECORD_CONFIG

    title: Line
    """The event's name, short and specific."""
    summary: Line
    """One sentence on what it is and who it is for."""
    description: Text
    """What it is and why it matters; Markdown allowed."""
    organiser: Ref
    """The organisation (id) running it; must match its folder under data/events/."""
    partners: RefList = Field(default_factory=list)
    """Other organisations (ids) taking part."""
    method: Ref
    """The engagement method (id), which sets its type and continuum level."""
    areas: RefList = Field(min_length=1)
    """Areas (ids) it concerns or is held for."""
    topics: RefList = Field(min_length=1)
    """Topics (ids) it covers."""
    groups: RefList = Field(default_factory=list)
    """Groups (ids) it particularly reaches out to."""
    date: Day
    """The day it happens, or its first day."""
    start_time: Clock | None = None
    """Start time (leave out for an all-day event)."""
    end_time: Clock | None = None
    """End time; needed when there is a start time."""
    end_date: Day | None = None
    """The last day, for an event over several days."""
    timezone: Line | None = None
    """IANA time zone, only if not the site's."""
    recurrence: Recurrence | None = None
    """How it repeats, if it does."""
    status: EventStatus = EventStatus.SCHEDULED
    """scheduled, cancelled, postponed or moved."""
    status_note: Text | None = None
    """Why it was cancelled, postponed or moved, and what to do instead."""
    sequence: Sequence = 0
    """Raise by one whenever anything people see changes (title, description, date, time, place, booking, cost, access, status), so subscribed calendars update."""
    changed: Day | None = None
    """The day of the last change people would see; set it to today whenever you raise sequence."""
    venue: Ref | None = None
    """The venue (id) for an in-person event."""
    room: Line | None = None
    """The room within the venue."""
    online: Online | None = None
    """How to join online, for an online or hybrid event."""
    cost: Line = "Free"
    """What it costs to take part ('Free' when it is)."""
    booking: Booking = Field(default_factory=Booking)
    """Whether and how to book."""
    contact: Email
    """A role mailbox for questions (never a person's address)."""
    access: Access = Field(default_factory=Access)
    """Access arrangements."""
    consultation: Consultation | None = None
    """For a consultation: what is decided, the options, papers and dates."""
    eia: Ref | None = None
    """The EIA (id) this engagement informs."""
    documents: list[Document] = Field(default_factory=list)
    """Further papers or pages."""
    attendees: Count | None = None
    """How many took part, recorded after the event."""
    url: Url | None = None
    """The organiser's own page for it, if any."""
