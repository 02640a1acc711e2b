"""The shared forward plan at planning/: upcoming engagement across partners, possible clashes,
consultation fatigue and joint opportunities (the rules are in engage/planning.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .. import planning, urls
from ..models.event import Event, EventStatus
from ..output import Page
from ..portal import Portal

HORIZON_DAYS = 183
"""How far ahead the plan looks: about six months, so the page never grows with the archive."""


@dataclass(frozen=True)
class Tally:
    """Upcoming events for one area, topic or group, and the partners behind them."""

    key: str
    name: str
    events: int
    organisers: tuple[str, ...]
    """Organisation names, sorted."""


@dataclass(frozen=True)
class Opportunity:
    """Partners who could engage together instead of separately."""

    text: str
    organisers: tuple[str, ...]
    events: tuple[str, ...]


def upcoming(portal: Portal) -> dict[str, Event]:
    """Events not cancelled with a date from today to the end of the horizon, by id (a repeating one once)."""
    last = portal.today + timedelta(days=HORIZON_DAYS)
    found = sorted({o.event_id for o in portal.occurrences if portal.today <= o.day <= last})
    return {i: portal.events[i].model for i in found if portal.events[i].model.status != EventStatus.CANCELLED}


def _tallies(portal: Portal, events: dict[str, Event], facet: str) -> list[Tally]:
    names: dict[str, str] = {
        "areas": {k: v.name for k, v in portal.areas.items()},
        "topics": {k: v.name for k, v in portal.topics.items()},
        "groups": {k: v.name for k, v in portal.groups.items()},
    }[facet]
    out = []
    for key, name in sorted(names.items(), key=lambda kv: kv[1]):
        found = [e for e in events.values() if key in getattr(e, facet)]
        organisers = tuple(sorted({org_name(portal, e.organiser) for e in found}))
        out.append(Tally(key, name, len(found), organisers))
    return out


def org_name(portal: Portal, organisation_id: str) -> str:
    org = portal.organisations[organisation_id]
    return org.name


def reached(portal: Portal, areas: tuple[str, ...], groups: tuple[str, ...]) -> str:
    names = [portal.groups[g].name for g in groups] + [portal.areas[a].name for a in areas]
    return ", ".join(names)


def fatigue_name(portal: Portal, item: planning.Fatigue) -> str:
    return portal.groups[item.key].name if item.facet == "group" else portal.areas[item.key].name


def forward_clashes(portal: Portal) -> list[planning.Clash]:
    """Clashes not yet over on the build's day."""
    return planning.clashes({i: r.model for i, r in portal.events.items()}, portal.today)


def forward_fatigue(portal: Portal) -> list[planning.Fatigue]:
    s = portal.settings
    return planning.fatigue(
        {i: r.model for i, r in portal.events.items()},
        {k: m.level for k, m in portal.methods.items()},
        set(portal.areas),
        s.fatigue_limit,
        s.fatigue_window_days,
        since=portal.today,
    )


def opportunities(portal: Portal, clashes: list[planning.Clash], tired: list[planning.Fatigue]) -> list[Opportunity]:
    out = []
    for c in clashes:
        a, b = portal.events[c.older].model, portal.events[c.newer].model
        orgs = tuple(sorted({org_name(portal, a.organiser), org_name(portal, b.organiser)}))
        out.append(
            Opportunity(
                f"{orgs[0]} and {orgs[1]} both plan to reach {reached(portal, c.areas, c.groups)} "
                "at the same time: one joint session could hear from people once.",
                orgs,
                (c.older, c.newer),
            )
        )
    for f in tired:
        if len(f.organisers) < 2:
            continue
        orgs = tuple(org_name(portal, o) for o in f.organisers)
        out.append(
            Opportunity(
                f"{', '.join(orgs[:-1])} and {orgs[-1]} plan to ask {fatigue_name(portal, f)} "
                f"{len(f.events)} times in {portal.settings.fatigue_window_days} days: shared questions or "
                "a joint event would ask less of them.",
                orgs,
                f.events,
            )
        )
    return out


def planning_page(portal: Portal) -> Page:
    events = upcoming(portal)
    clashes = forward_clashes(portal)
    tired = forward_fatigue(portal)
    first_dates: dict[str, date] = {}
    for occ in portal.occurrences:
        if occ.event_id in events and occ.day >= portal.today:
            first_dates.setdefault(occ.event_id, occ.day)
    ordered = sorted(events, key=lambda i: (first_dates[i], i))
    return Page(
        url=urls.PLANNING,
        title="Forward plan for partners",
        template="engage/planning.html",
        description="Upcoming engagement across all partners by area, topic and group, with possible clashes, "
        "consultation fatigue and chances to work together.",
        context={
            "kind": "planning",
            "today": portal.today,
            "until": portal.today + timedelta(days=HORIZON_DAYS),
            "limit": portal.settings.fatigue_limit,
            "window": portal.settings.fatigue_window_days,
            "events": [portal.events[i] for i in ordered],
            "next_date": first_dates,
            # Every event's organiser: a fatigue window may reach past the plan's horizon.
            "organiser": {i: org_name(portal, r.model.organiser) for i, r in portal.events.items()},
            "level": {k: m.level for k, m in portal.methods.items()},
            "clashes": [
                {
                    "clash": c,
                    "older": portal.events[c.older],
                    "newer": portal.events[c.newer],
                    "older_org": org_name(portal, portal.events[c.older].model.organiser),
                    "newer_org": org_name(portal, portal.events[c.newer].model.organiser),
                    "reached": reached(portal, c.areas, c.groups),
                }
                for c in clashes
            ],
            "fatigue": [
                {"item": f, "name": fatigue_name(portal, f), "events": [portal.events[i] for i in f.events]}
                for f in tired
            ],
            "opportunities": opportunities(portal, clashes, tired),
            "by_area": _tallies(portal, events, "areas"),
            "by_topic": _tallies(portal, events, "topics"),
            "by_group": _tallies(portal, events, "groups"),
            "feed": urls.PLANNING_FEED,
        },
        searchable=True,
    )


def pages(portal: Portal) -> list[Page]:
    return [planning_page(portal)]
