"""Every reference must name something that exists, so every link on the site works.

Which fields are references is said once, in `engage.reference_fields`.
"""

from __future__ import annotations

from typing import Any

from ..ids import did_you_mean
from ..loading import ANY_ID, Loaded
from ..problems import Problem
from ..records import Record
from ..reference_fields import Reference, references
from ..yaml_reader import Path


class _Known:
    """The ids that exist, per kind of thing."""

    def __init__(self, loaded: Loaded) -> None:
        self.ids: dict[str, set[str]] = {name: {r.id for r in entries} for name, entries in loaded.taxonomies.items()}
        self.ids["events"] = {r.id for r in loaded.events}
        self.ids["eias"] = {r.id for r in loaded.eias}
        self.ids["feedback"] = {r.id for r in loaded.feedback}
        self.ids["commitments"] = {r.id for r in loaded.commitments}
        self.ids["evaluations"] = {r.id for r in loaded.evaluations}
        self.ids["assessments"] = {r.id for r in loaded.assessments}
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
    "evaluations": "evaluation",
    "criteria": "criterion",
}


def _ref(record: Record[Any], known: _Known, kind: str, value: str | None, path: Path) -> list[Problem]:
    ids = known.ids.get(kind, set())
    if value is None or value in ids or ANY_ID in ids:
        return []
    return [
        record.problem("dangling-reference", path, f"no {_NAMES[kind]} has the id '{value}'{did_you_mean(value, ids)}")
    ]


def check(loaded: Loaded) -> list[Problem]:
    known = _Known(loaded)
    out: list[Problem] = []
    records: list[Record[Any]] = [
        *loaded.events,
        *loaded.eias,
        *loaded.feedback,
        *loaded.commitments,
        *loaded.evaluations,
        *loaded.assessments,
    ]
    records += [entry for entries in loaded.taxonomies.values() for entry in entries]
    for record in records:
        for reference in references(record.model):
            out += _problems(record, known, reference)
    for ra in loaded.eias:
        if ra.id in ra.model.supersedes:
            out.append(ra.problem("dangling-reference", ("supersedes",), "an EIA cannot supersede itself"))
    for ra_ in loaded.assessments:
        if ra_.model.criterion != ra_.id:
            out.append(
                ra_.problem(
                    "file-name",
                    ("criterion",),
                    f"name the file after the criterion it assesses: {ra_.model.criterion}.yaml",
                )
            )
    return out


def _problems(record: Record[Any], known: _Known, reference: Reference) -> list[Problem]:
    kind, value, path = reference.kind, reference.value, reference.path
    if kind == "actions":
        holder, _, action_id = value.partition("/")
        if action_id in known.actions.get(holder, set()):
            return []
        return [
            record.problem(
                "dangling-reference", path, f"no action '{value}'; write it as <eia-or-commitment-id>/<action-id>"
            )
        ]
    if kind == "categories":
        characteristic, _, category = value.partition("/")
        categories = known.categories.get(characteristic)
        # An unknown characteristic is reported once, on its own field.
        if categories is None or category in categories:
            return []
        return [
            record.problem(
                "dangling-reference", path, f"characteristic '{characteristic}' has no category '{category}'"
            )
        ]
    return _ref(record, known, kind, value, path)
