"""Every reference must name something that exists, so every link on the site works."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..ids import did_you_mean
from ..loading import ANY_ID, Loaded
from ..problems import Problem
from ..records import Record
from ..yaml_reader import Path


class _Known:
    """The ids that exist, per kind of thing."""

    def __init__(self, loaded: Loaded) -> None:
        self.ids: dict[str, set[str]] = {name: {r.id for r in entries} for name, entries in loaded.taxonomies.items()}
        self.ids["events"] = {r.id for r in loaded.events}
        self.ids["eias"] = {r.id for r in loaded.eias}
        self.ids["feedback"] = {r.id for r in loaded.feedback}
        self.ids["commitments"] = {r.id for r in loaded.commitments}
        for name, ids in loaded.broken.items():
            self.ids.setdefault(name, set()).update(ids)
        self.actions: dict[str, set[str]] = {}
        holders: list[Record[Any]] = [*loaded.eias, *loaded.commitments]
        for holder in holders:
            # An EIA and a commitment may share an id; a reference may name either's actions.
            self.actions.setdefault(holder.id, set()).update(a.id for a in holder.model.actions)
        self.categories: dict[str, set[str]] = {
            r.id: {c.id for c in r.model.categories} for r in loaded.taxonomies.get("characteristics", [])
        }


_NAMES = {
    "areas": "area",
    "topics": "topic",
    "groups": "group",
    "organisations": "organisation",
    "venues": "venue",
    "methods": "method",
    "characteristics": "characteristic",
    "modules": "module",
    "events": "event",
    "eias": "EIA",
    "feedback": "feedback record",
    "commitments": "commitment",
}


def _ref(record: Record[Any], known: _Known, kind: str, value: str | None, path: Path) -> list[Problem]:
    ids = known.ids.get(kind, set())
    if value is None or value in ids or ANY_ID in ids:
        return []
    return [record.problem("dangling-reference", path, f"no {_NAMES[kind]} has the id '{value}'{did_you_mean(value, ids)}")]


def _refs(record: Record[Any], known: _Known, kind: str, values: Iterable[str], path: Path) -> list[Problem]:
    out: list[Problem] = []
    for index, value in enumerate(values):
        out += _ref(record, known, kind, value, (*path, index))
    return out


def check(loaded: Loaded) -> list[Problem]:
    known = _Known(loaded)
    out: list[Problem] = []
    for r in loaded.events:
        e = r.model
        out += _ref(r, known, "organisations", e.organiser, ("organiser",))
        out += _refs(r, known, "organisations", e.partners, ("partners",))
        out += _ref(r, known, "methods", e.method, ("method",))
        out += _refs(r, known, "areas", e.areas, ("areas",))
        out += _refs(r, known, "topics", e.topics, ("topics",))
        out += _refs(r, known, "groups", e.groups, ("groups",))
        out += _ref(r, known, "venues", e.venue, ("venue",))
        out += _ref(r, known, "eias", e.eia, ("eia",))
    for ra in loaded.eias:
        m = ra.model
        out += _ref(ra, known, "organisations", m.organisation, ("organisation",))
        out += _refs(ra, known, "events", m.engagement.events, ("engagement", "events"))
        out += _refs(ra, known, "feedback", m.engagement.feedback, ("engagement", "feedback"))
        out += _refs(ra, known, "eias", m.supersedes, ("supersedes",))
        out += _refs(ra, known, "commitments", m.commitments, ("commitments",))
        for index, impact in enumerate(m.impacts):
            out += _ref(ra, known, "characteristics", impact.characteristic, ("impacts", index, "characteristic"))
        out += _action_partners(ra, known)
        if ra.id in m.supersedes:
            out.append(ra.problem("dangling-reference", ("supersedes",), "an EIA cannot supersede itself"))
    for rf in loaded.feedback:
        f = rf.model
        out += _ref(rf, known, "events", f.event, ("event",))
        out += _ref(rf, known, "eias", f.eia, ("eia",))
        out += _ref(rf, known, "areas", f.area, ("area",))
        out += _refs(rf, known, "commitments", f.commitments, ("commitments",))
        out += _refs(rf, known, "methods", f.asked.methods, ("asked", "methods"))
        for index, resp in enumerate(f.responses):
            out += _ref(rf, known, "methods", resp.method, ("responses", index, "method"))
        for index, profile in enumerate(f.profile):
            path: Path = ("profile", index)
            out += _ref(rf, known, "characteristics", profile.characteristic, (*path, "characteristic"))
            categories = known.categories.get(profile.characteristic)
            if categories is None:
                continue
            for c_index, count in enumerate(profile.counts):
                if count.category not in categories:
                    out.append(
                        rf.problem(
                            "dangling-reference", (*path, "counts", c_index, "category"),
                            f"characteristic '{profile.characteristic}' has no category '{count.category}'",
                        )
                    )
        for t_index, theme in enumerate(f.themes):
            for a_index, action in enumerate(theme.actions):
                holder, _, action_id = action.partition("/")
                if action_id not in known.actions.get(holder, set()):
                    out.append(
                        rf.problem(
                            "dangling-reference", ("themes", t_index, "actions", a_index),
                            f"no action '{action}'; write it as <eia-or-commitment-id>/<action-id>",
                        )
                    )
    for rc in loaded.commitments:
        c = rc.model
        out += _ref(rc, known, "modules", c.module, ("module",))
        out += _refs(rc, known, "organisations", c.organisations, ("organisations",))
        out += _refs(rc, known, "characteristics", c.characteristics, ("characteristics",))
        out += _refs(rc, known, "events", c.evidence.events, ("evidence", "events"))
        out += _refs(rc, known, "eias", c.evidence.eias, ("evidence", "eias"))
        out += _refs(rc, known, "feedback", c.evidence.feedback, ("evidence", "feedback"))
        out += _action_partners(rc, known)
    for rv in loaded.taxonomies.get("venues", []):
        out += _ref(rv, known, "areas", rv.model.area, ("area",))
    for rg in loaded.taxonomies.get("groups", []):
        out += _ref(rg, known, "characteristics", rg.model.characteristic, ("characteristic",))
    for rch in loaded.taxonomies.get("characteristics", []):
        for c_index, category in enumerate(rch.model.categories):
            for area in category.area_shares:
                out += _ref(rch, known, "areas", area, ("categories", c_index, "area_shares", area))
    return out


def _action_partners(record: Record[Any], known: _Known) -> list[Problem]:
    out: list[Problem] = []
    for index, action in enumerate(record.model.actions):
        out += _refs(record, known, "organisations", action.partners, ("actions", index, "partners"))
    return out
