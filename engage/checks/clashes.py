"""Possible clashes between partners' events not yet over: warnings, never errors (the rule is in planning.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ..formatting import long_date
from ..loading import Loaded
from ..planning import clashes
from ..problems import WARNING, Problem

CODE = "possible-clash"


def check(loaded: Loaded, today: date) -> list[Problem]:
    """A warning on the newer event of every clash whose shared days are not all before `today`."""
    records = {r.id: r for r in loaded.events}
    events = {event_id: r.model for event_id, r in records.items()}
    names = {r.id: r.model.name for r in loaded.taxonomies.get("organisations", [])}
    areas = {r.id: r.model.name for r in loaded.taxonomies.get("areas", [])}
    groups = {r.id: r.model.name for r in loaded.taxonomies.get("groups", [])}
    out: list[Problem] = []
    for clash in clashes(events, today):
        newer, older = records[clash.newer], events[clash.older]
        if clash.groups:
            where = ("groups", newer.model.groups.index(clash.groups[0]))
        else:
            where = ("areas", newer.model.areas.index(clash.areas[0]))
        reached = [groups.get(g, g) for g in clash.groups] + [areas.get(a, a) for a in clash.areas]
        organiser = names.get(older.organiser, older.organiser)
        problem = newer.problem(
            CODE,
            where,
            f"possible clash with '{clash.older}' ({organiser}, {long_date(older.date)}): both reach "
            f"{', '.join(reached)} on {long_date(clash.first_day)}; talk to {organiser} about moving "
            "one or holding a joint session",
        )
        out.append(replace(problem, severity=WARNING))
    return out
