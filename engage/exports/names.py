"""Resolved names for the ids a record refers to, so open data reads without a lookup.

Each record's export carries `_names`: for every kind of thing it refers to, its ids mapped to
names, such as {"organisations": {"city-libraries": "City Libraries"}}. The mapping below says
which fields hold references to what; `engage.checks.references` checks the same fields.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel

from .. import models
from ..models.assessment import AssessmentEvidence
from ..models.commitment import Evidence
from ..models.eia import Engagement, Impact
from ..models.evaluation import AreaReach, GroupReach
from ..models.evaluation import Impact as EvaluationImpact
from ..models.feedback import Asked, Profile, Responses, Theme
from ..models.parts import Action
from ..models.taxonomy import Category
from ..portal import Portal
from .fields import describe

REFERENCES: dict[type[BaseModel], dict[str, str]] = {
    models.Event: {
        "organiser": "organisations",
        "partners": "organisations",
        "method": "methods",
        "areas": "areas",
        "topics": "topics",
        "groups": "groups",
        "venue": "venues",
        "eia": "eias",
    },
    models.Eia: {"organisation": "organisations", "supersedes": "eias", "commitments": "commitments"},
    Engagement: {"events": "events", "feedback": "feedback"},
    Impact: {"characteristic": "characteristics"},
    Action: {"partners": "organisations"},
    models.Feedback: {"event": "events", "eia": "eias", "area": "areas", "commitments": "commitments"},
    Asked: {"methods": "methods"},
    Responses: {"method": "methods"},
    Profile: {"characteristic": "characteristics"},
    Theme: {"actions": "actions"},
    models.Commitment: {
        "module": "modules",
        "organisations": "organisations",
        "characteristics": "characteristics",
    },
    Evidence: {"events": "events", "eias": "eias", "feedback": "feedback"},
    models.Evaluation: {"events": "events", "organisations": "organisations"},
    GroupReach: {"group": "groups"},
    AreaReach: {"area": "areas"},
    EvaluationImpact: {"feedback": "feedback", "commitments": "commitments"},
    models.Assessment: {"criterion": "criteria"},
    AssessmentEvidence: {
        "events": "events",
        "feedback": "feedback",
        "eias": "eias",
        "commitments": "commitments",
        "evaluations": "evaluations",
    },
    models.Criterion: {"module": "modules"},
    models.Venue: {"area": "areas"},
    models.Group: {"characteristic": "characteristics"},
}
"""Per model, the fields that hold ids and the kind of thing they name."""


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


@cache
def _nested(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `model` that hold groups of fields (which may hold references in turn)."""
    return tuple(
        doc.name for doc in describe(model)
        if doc.value_type.kind == "group" or (doc.value_type.item is not None and doc.value_type.item.kind == "group")
    )


def _collect(model: BaseModel, found: dict[str, set[str]]) -> None:
    for name, kind in REFERENCES.get(type(model), {}).items():
        value = getattr(model, name)
        if value is not None:
            found.setdefault(kind, set()).update(value if isinstance(value, list) else [value])
    for name in _nested(type(model)):
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if item is not None:
                _collect(item, found)
    if isinstance(model, Profile):
        found.setdefault("categories", set()).update(f"{model.characteristic}/{c.category}" for c in model.counts)
    if isinstance(model, Category):
        found.setdefault("areas", set()).update(model.area_shares)


def names(index: dict[str, dict[str, str]], model: BaseModel) -> dict[str, dict[str, str]]:
    """Every id `model` refers to, by kind, mapped to its name (from `name_index`); sorted."""
    found: dict[str, set[str]] = {}
    _collect(model, found)
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
