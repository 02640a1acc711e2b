"""What the hand-written home page shows from the data: coming up soon and published lately."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .. import consultation_stage, urls
from ..portal import Portal
from .event_view import EventItem
from .events import upcoming_items


@dataclass(frozen=True)
class Publication:
    """Something published or updated, for 'published lately'."""

    day: date
    kind: str
    title: str
    url: str


def publications(portal: Portal) -> list[Publication]:
    """Everything published, newest first; the Atom feed uses the same list."""
    out: list[Publication] = []
    for i, r in portal.eias.items():
        out.append(
            Publication(r.model.updated or r.model.published, "Equality Impact Assessment", r.model.title, urls.eia(i))
        )
    for i, rf in portal.feedback.items():
        out.append(
            Publication(rf.model.updated or rf.model.published, "You said, we did", rf.model.title, urls.feedback(i))
        )
    for i, rc in portal.commitments.items():
        out.append(
            Publication(
                rc.model.updated or rc.model.published, "Equality commitment", rc.model.title, urls.commitment(i)
            )
        )
    return sorted((p for p in out if p.day <= portal.today), key=lambda p: (p.day, p.url), reverse=True)


@dataclass(frozen=True)
class HaveYourSay:
    """An open consultation on the home page."""

    title: str
    summary: str
    url: str
    closes: date
    closes_in: str
    """'closes in 3 days'."""


def have_your_say(portal: Portal) -> list[HaveYourSay]:
    """Consultations open today, closing soonest first (the rule: consultation_stage.is_open_on)."""
    out = []
    for found in consultation_stage.open_now(portal):
        event = portal.events[found.event_id].model
        out.append(HaveYourSay(event.title, event.summary, urls.event(found.event_id), found.closes, found.closes_in))
    return out


@dataclass(frozen=True)
class HomePage:
    """The context of `engage/home.html`, drawn into the hand-written home page (content/index.md)."""

    kind: Literal["home"]
    """Always 'home'."""
    title: str
    """The site's name."""
    open_now: Sequence[HaveYourSay]
    """Consultations open today, closing soonest first."""
    soon: Sequence[EventItem]
    """The next few dated events (open consultations lead the page already)."""
    published: Sequence[Publication]
    """The latest few publications, newest first."""
    today: date
    """The build's day."""


def context(portal: Portal) -> HomePage:
    return HomePage(
        kind="home",
        title=portal.settings.name,
        open_now=have_your_say(portal),
        soon=[entry for entry in upcoming_items(portal) if entry.open_until is None][:6],
        published=publications(portal)[:6],
        today=portal.today,
    )
