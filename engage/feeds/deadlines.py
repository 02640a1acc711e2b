"""Dated deadlines as all-day VEVENTs: consultation closing dates, EIA reviews, action due dates.

Consultation closing dates take the event's SEQUENCE and DTSTAMP (the closing date is
part of the event record, and `engage validate --against` asks for a raised SEQUENCE
when it changes).

EIAs and commitments have no SEQUENCE field, but they do record when they were published
and last revised (`published`, `updated`, dated action updates). An item's DTSTAMP is
00:00 UTC on its last revision date, and its SEQUENCE is the number of days from the
record's publication to that revision, so it rises whenever an officer records a revision,
and never falls while revisions are dated in order.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from icalendar import Event as VEvent

from .. import urls
from ..formatting import long_date
from ..markup import plain
from ..models.commitment import Commitment
from ..models.eia import Eia
from ..models.event import Event
from ..models.parts import Action
from ..models.types import ActionStatus
from ..portal import Portal
from ..records import Record
from .common import ICAL_STATUS, STATUS_PREFIX, Entry, absolute, day_stamp, event_stamp, serialise, uid
from .text import readable

ACTION_PREFIX = {
    ActionStatus.NOT_STARTED: "",
    ActionStatus.ON_TRACK: "",
    ActionStatus.AT_RISK: "At risk: ",
    ActionStatus.DONE: "Done: ",
    ActionStatus.DROPPED: "Dropped: ",
}


def _all_day(
    portal: Portal,
    local_id: str,
    day: date,
    summary: str,
    text: str,
    page: str,
    category: str,
    status: str,
    stamp: datetime,
    sequence: int,
) -> VEvent:
    component = VEvent()
    component.add("uid", uid(portal.settings, local_id))
    component.add("dtstamp", stamp)
    component.add("sequence", sequence)
    component.add("dtstart", day)
    component.add("dtend", day + timedelta(days=1))
    component.add("summary", summary)
    component.add("description", f"{text}\n\nFull details: {absolute(portal.settings, page)}")
    component.add("url", absolute(portal.settings, page))
    component.add("status", status)
    component.add("categories", [category])
    component.add("class", "PUBLIC")
    component.add("transp", "TRANSPARENT")
    return component


def consultation_close(portal: Portal, record: Record[Event]) -> Entry | None:
    """The last day to respond to a consultation, or None for an event that is not one."""
    event = record.model
    c = event.consultation
    if c is None:
        return None
    text = f"Last day to respond. What is being decided: {readable(c.decision)}\n\nOpen from {long_date(c.opens)} to {long_date(c.closes)}."
    if c.respond_url:
        text += f"\nRespond online: {c.respond_url}"
    if event.status_note and event.status.value != "scheduled":
        text = f"{STATUS_PREFIX[event.status]}{readable(event.status_note)}\n\n{text}"
    component = _all_day(
        portal,
        f"closes.{record.id}",
        c.closes,
        f"{STATUS_PREFIX[event.status]}Consultation closes: {event.title}",
        text,
        urls.event(record.id),
        "Consultation closing date",
        ICAL_STATUS[event.status],
        event_stamp(record.id, event, portal.today),
        event.sequence,
    )
    if event.changed is not None:
        component.add("last-modified", component.decoded("dtstamp"))
    return Entry(f"closes.{record.id}", serialise([component]), frozenset())


def _latest(first: date, *days: date | None) -> date:
    return max([first, *(d for d in days if d is not None)])


def _action_text(action: Action, source: str) -> str:
    lines = [f"{source}", f"Owner: {action.owner}", f"Status: {action.status.value.replace('-', ' ')}"]
    if action.updates:
        last = action.updates[-1]
        lines.append(f"Latest update ({long_date(last.date)}): {plain(last.text)}")
    if action.next_steps:
        lines.append(f"Next steps: {plain(action.next_steps)}")
    if action.risks:
        lines.append(f"Risks: {plain(action.risks)}")
    return "\n".join(lines)


def _action(
    portal: Portal, local_id: str, action: Action, source: str, page: str, published: date, revised: date, kind: str
) -> VEvent:
    changed = _latest(revised, *(u.date for u in action.updates))
    return _all_day(
        portal,
        local_id,
        action.due,
        f"{ACTION_PREFIX[action.status]}{kind} action due: {action.action}",
        _action_text(action, source),
        page,
        f"{kind} action",
        "CANCELLED" if action.status is ActionStatus.DROPPED else "CONFIRMED",
        day_stamp(changed),
        max(0, (changed - published).days),
    )


def eia_entries(portal: Portal, record: Record[Eia]) -> list[Entry]:
    """An EIA's review date and its actions' due dates, each an item of its own (the feed keeps a window of dates)."""
    eia = record.model
    page = urls.eia(record.id)
    newer = [portal.eias[i].model.published for i in portal.superseded_by.get(record.id, [])]
    revised = _latest(eia.published, eia.updated, *newer)
    sequence = max(0, (revised - eia.published).days)
    superseded = bool(newer)
    review_text = (
        f"Review of the equality impact assessment for {eia.service}.\n"
        f"Lead officer: {eia.lead_officer}\nOutcome: {eia.outcome.value.replace('-', ' ')}\n"
        f"Decision: {eia.decision.maker}, {long_date(eia.decision.date)}"
    )
    if superseded:
        review_text = "Superseded by a newer assessment: this review will not take place.\n\n" + review_text
    parts = [
        _all_day(
            portal,
            f"eia.{record.id}.review",
            eia.review_date,
            ("Superseded: " if superseded else "") + f"EIA review due: {eia.title}",
            review_text,
            page,
            "EIA review",
            "CANCELLED" if superseded else "CONFIRMED",
            day_stamp(revised),
            sequence,
        )
    ]
    source = f"From the equality impact assessment '{eia.title}'."
    out = [Entry(f"eia.{record.id}.review", serialise(parts), frozenset())]
    for action in eia.actions:
        local = f"eia.{record.id}.action.{action.id}"
        component = _action(portal, local, action, source, page, eia.published, revised, "EIA")
        out.append(Entry(local, serialise([component]), frozenset()))
    return out


def commitment_entries(portal: Portal, record: Record[Commitment]) -> list[Entry]:
    """A commitment's actions' due dates, each an item of its own."""
    commitment = record.model
    page = urls.commitment(record.id)
    revised = _latest(commitment.published, commitment.updated)
    source = f"From the equality commitment '{commitment.title}'. Lead: {commitment.lead}."
    out = []
    for a in commitment.actions:
        local = f"commitment.{record.id}.action.{a.id}"
        component = _action(portal, local, a, source, page, commitment.published, revised, "Commitment")
        out.append(Entry(local, serialise([component]), frozenset()))
    return out
