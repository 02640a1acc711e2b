"""Where a consultation stands on a given day, and whether its feedback is overdue.

A "consultation" is an event with a `consultation` block. Its stage follows from its
dates and the feedback records that answer it:

- upcoming: it opens after today;
- open: today falls between its opening and closing days (both included);
- closed-awaiting: it has closed and no feedback answers it yet;
- not-taking-place: the event is cancelled or postponed, so it takes no responses whatever its
  dates say, and no feedback is owed;
- interim / final: the latest feedback that answers it (by publication date) is interim / final.

Feedback counts from its publication date: a record dated after today is not published yet
on that day (the event pages follow the same rule), so the stage of any day can be worked out.

Whether a consultation is open on a day is one rule, `is_open_on`: from its opening day to
its closing day, both included, whatever the event's own date (a survey listed on the day it
launched is still open weeks later). Listings, the home page, feeds and exports all ask it.

A closed-awaiting consultation is overdue once `settings.feedback_due_weeks` weeks have
passed since it closed (the common 12-week expectation). Pure functions: no clock, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .models import Event, Feedback
from .models.event import Consultation, EventStatus
from .models.feedback import FeedbackStage
from .portal import Portal


class Stage(StrEnum):
    """A consultation's stage on a day."""

    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED_AWAITING = "closed-awaiting"
    INTERIM = "interim"
    FINAL = "final"
    NOT_TAKING_PLACE = "not-taking-place"


STAGE_NAMES = {
    Stage.UPCOMING: "Opening soon",
    Stage.OPEN: "Open now",
    Stage.CLOSED_AWAITING: "Closed, awaiting feedback",
    Stage.INTERIM: "Interim feedback published",
    Stage.FINAL: "Final feedback published",
    Stage.NOT_TAKING_PLACE: "Cancelled or postponed",
}
"""How each stage is named on the site."""


@dataclass(frozen=True)
class ConsultationStage:
    """A consultation's stage on a day, with what the pages need to say about it."""

    event_id: str
    stage: Stage
    opens: date
    closes: date
    feedback_due: date
    """The day by which feedback is expected: the closing day plus the configured weeks."""
    overdue: bool
    """Closed, no feedback, and the due day has passed."""
    feedback_ids: tuple[str, ...]
    """Feedback records answering it published by today, oldest first (by publication date, then id)."""

    @property
    def name(self) -> str:
        return STAGE_NAMES[self.stage]

    @property
    def latest_feedback(self) -> str | None:
        return self.feedback_ids[-1] if self.feedback_ids else None


NOT_TAKING_PLACE = frozenset({EventStatus.CANCELLED, EventStatus.POSTPONED})
"""A cancelled or postponed consultation takes no responses, whatever its dates say."""


def window_open(consultation: Consultation, day: date) -> bool:
    """Whether `day` falls in the consultation's window: from `opens` to `closes`, both included."""
    return consultation.opens <= day <= consultation.closes


def opens_after(consultation: Consultation, day: date) -> bool:
    """Whether the consultation has not opened yet on `day` (it opens later)."""
    return day < consultation.opens


def is_open_on(event: Event, day: date) -> bool:
    """Whether residents can respond to this event's consultation on `day`.

    The one rule for "open now": the event's own date plays no part, only the consultation's
    window and whether the event still goes ahead.
    """
    c = event.consultation
    return c is not None and event.status not in NOT_TAKING_PLACE and window_open(c, day)


@dataclass(frozen=True)
class OpenConsultation:
    """A consultation open on a day, as 'Have your say' lists it."""

    event_id: str
    closes: date
    days_left: int
    """Days after `day` until it closes: 0 when it closes that day."""

    @property
    def closes_in(self) -> str:
        """'closes today', 'closes tomorrow', 'closes in 3 days'."""
        if self.days_left == 0:
            return "closes today"
        if self.days_left == 1:
            return "closes tomorrow"
        return f"closes in {self.days_left} days"


def open_on(events: dict[str, Event], day: date) -> list[OpenConsultation]:
    """Every consultation open on `day`, closing soonest first (then by id)."""
    found = [
        OpenConsultation(event_id, e.consultation.closes, (e.consultation.closes - day).days)
        for event_id, e in events.items()
        if e.consultation is not None and is_open_on(e, day)
    ]
    return sorted(found, key=lambda o: (o.closes, o.event_id))


def open_now(portal: Portal) -> list[OpenConsultation]:
    """The consultations open on the portal's day, closing soonest first."""
    return open_on({i: r.model for i, r in portal.events.items()}, portal.today)


def feedback_due(closes: date, weeks: int) -> date:
    """The day by which feedback is expected."""
    return closes + timedelta(days=weeks * 7)


def stage_on(
    event_id: str, event: Event, feedback: dict[str, Feedback], today: date, due_weeks: int
) -> ConsultationStage:
    """The stage of one consultation on `today`, given the feedback records that answer it (by id)."""
    assert event.consultation is not None, f"{event_id} is not a consultation"
    c = event.consultation
    published = [fid for fid in feedback if feedback[fid].published <= today]
    ordered = tuple(sorted(published, key=lambda fid: (feedback[fid].published, fid)))
    due = feedback_due(c.closes, due_weeks)
    if ordered:
        latest = feedback[ordered[-1]]
        stage = Stage.FINAL if latest.stage is FeedbackStage.FINAL else Stage.INTERIM
    elif event.status in NOT_TAKING_PLACE:
        stage = Stage.NOT_TAKING_PLACE
    elif opens_after(c, today):
        stage = Stage.UPCOMING
    elif is_open_on(event, today):
        stage = Stage.OPEN
    else:
        stage = Stage.CLOSED_AWAITING
    overdue = stage is Stage.CLOSED_AWAITING and due < today
    return ConsultationStage(event_id, stage, c.opens, c.closes, due, overdue, ordered)


def stage_of(portal: Portal, event_id: str) -> ConsultationStage | None:
    """The stage of an event's consultation on the portal's day; None when it is not a consultation."""
    event = portal.events[event_id].model
    if event.consultation is None:
        return None
    answers = {fid: portal.feedback[fid].model for fid in portal.feedback_for_event.get(event_id, [])}
    return stage_on(event_id, event, answers, portal.today, portal.settings.feedback_due_weeks)


def all_stages(portal: Portal) -> list[ConsultationStage]:
    """Every consultation's stage, in event id order."""
    out = []
    for event_id in portal.events:
        found = stage_of(portal, event_id)
        if found is not None:
            out.append(found)
    return out
