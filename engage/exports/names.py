"""Resolved names for the ids a record refers to, so open data reads without a lookup.

Each record's export carries `_names`: for every kind of thing it refers to, its ids mapped to
names, such as {"organisations": {"city-libraries": "City Libraries"}}. Which fields hold
references is said once, in `engage.reference_fields`; `engage.checks.references` checks the same.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..portal import Portal
from ..reference_fields import REFERENCES, references


def name_index(portal: Portal) -> dict[str, dict[str, str]]:
    """Every name a record can refer to, by kind and id: built once, then looked up per record."""
    index: dict[str, dict[str, str]] = {
        kind: {key: str(record.model.title) for key, record in getattr(portal, kind).items()}
        for kind in ("events", "eias", "feedback", "commitments", "evaluations")
    }
    for kind in ("areas", "topics", "groups", "organisations", "venues", "methods", "characteristics", "modules"):
        index[kind] = {key: str(entry.name) for key, entry in getattr(portal, kind).items()}
    # Actions are written '<eia-or-commitment-id>/<action-id>'; categories '<characteristic>/<category>'.
    actions = [(key, r.model.actions) for key, r in portal.eias.items()]
    actions += [(key, r.model.actions) for key, r in portal.commitments.items()]
    index["criteria"] = {key: f"{c.developing.number} {c.heading}" for key, c in portal.criteria.items()}
    index["actions"] = {f"{key}/{a.id}": a.action for key, listed in actions for a in listed}
    index["categories"] = {
        f"{key}/{c.id}": c.name for key, entry in portal.characteristics.items() for c in entry.categories
    }
    return index


def names(index: dict[str, dict[str, str]], model: BaseModel) -> dict[str, dict[str, str]]:
    """Every id `model` refers to, by kind, mapped to its name (from `name_index`); sorted."""
    found: dict[str, set[str]] = {}
    for reference in references(model):
        found.setdefault(reference.kind, set()).add(reference.value)
    return {kind: {ref: index[kind][ref] for ref in sorted(refs)} for kind, refs in sorted(found.items()) if refs}


def names_schema() -> dict[str, Any]:
    """The JSON Schema of a `_names` value."""
    return {
        "title": "Resolved names",
        "description": "For each kind of thing the record refers to, its ids mapped to their names. Not part of the data file.",
        "type": "object",
        "additionalProperties": {"type": "object", "additionalProperties": {"type": "string"}},
    }


_RECORD_WORDS = {
    "events": ("an event", "events"),
    "eias": ("an EIA", "EIAs"),
    "feedback": ("a feedback record", "feedback records"),
    "commitments": ("a commitment", "commitments"),
}


def reference_words(model: type[BaseModel], field: str, many: bool) -> str | None:
    """What a reference field takes, in words ('list of ids from taxonomies/areas.yaml'), or None."""
    kind = REFERENCES.get(model, {}).get(field)
    if kind is None:
        return None
    if kind == "actions":
        return "list of actions, each an EIA or commitment id, a slash, then the action's id"
    if kind in _RECORD_WORDS:
        one, several = _RECORD_WORDS[kind]
        return f"list of ids of {several} (their file names)" if many else f"id of {one} (its file name)"
    return f"list of ids from taxonomies/{kind}.yaml" if many else f"id from taxonomies/{kind}.yaml"
