"""Which fields hold ids of other things, and every reference a record makes, with where it is.

The one home of the rule: `engage.checks.references` reports the references that name nothing,
`engage.exports.names` resolves the same references to names, and the contributors' field
reference says in words what each field takes; all three read `REFERENCES` through this walk.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from . import models
from .models.assessment import AssessmentEvidence
from .models.commitment import Evidence
from .models.eia import Engagement, Impact
from .models.evaluation import AreaReach, GroupReach
from .models.evaluation import Impact as EvaluationImpact
from .models.event import Audience
from .models.feedback import Asked, Profile, Responses, Theme
from .models.parts import Action
from .models.taxonomy import Category
from .yaml_reader import Path

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
    Audience: {"areas": "areas", "groups": "groups"},
    models.Venue: {"area": "areas"},
    models.Group: {"characteristic": "characteristics"},
}
"""Per model, the fields that hold ids and the kind of thing they name: a taxonomy's name
('areas'), a record folder ('events'), or 'actions' ('<eia-or-commitment-id>/<action-id>')."""


@dataclass(frozen=True)
class Reference:
    """One id a record refers to."""

    kind: str
    """What it names: a key of the portal ('areas', 'events' ...), 'actions' or 'categories'."""
    value: str
    """The id as written; for 'categories' it is '<characteristic>/<category>'."""
    path: Path
    """Where it is in the record, such as ('themes', 0, 'actions', 1)."""


def _may_hold_a_model(annotation: Any) -> bool:
    """Whether a field of this annotation can hold a model (directly, in a list, optionally)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return any(_may_hold_a_model(arg) for arg in get_args(annotation))


@cache
def _walked(model_type: type[BaseModel]) -> tuple[tuple[str, str | None], ...]:
    """The fields `references` looks at, each with the kind of id it holds (None: a group of
    fields to walk into). Fields of plain text, dates and numbers can hold no reference, and
    skipping them halves the walk over every record (it runs in three checks of every build)."""
    kinds = REFERENCES.get(model_type, {})
    return tuple(
        (name, kinds.get(name))
        for name, info in model_type.model_fields.items()
        if name in kinds or _may_hold_a_model(info.annotation)
    )


def references(model: BaseModel, path: Path = ()) -> Iterator[Reference]:
    """Every reference in `model` and the groups of fields inside it, in field order."""
    for name, kind in _walked(type(model)):
        value = getattr(model, name)
        if kind is not None:
            if isinstance(value, list):
                for index, item in enumerate(value):
                    yield Reference(kind, item, (*path, name, index))
            elif value is not None:
                yield Reference(kind, value, (*path, name))
        elif isinstance(value, BaseModel):
            yield from references(value, (*path, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from references(item, (*path, name, index))
    # Two references that are not plain ids: a profile's categories belong to its characteristic,
    # and a category's population shares are keyed by area.
    if isinstance(model, Profile):
        for index, count in enumerate(model.counts):
            yield Reference(
                "categories", f"{model.characteristic}/{count.category}", (*path, "counts", index, "category")
            )
    if isinstance(model, Audience):
        # A consultation's audience names categories per characteristic: the characteristic is a
        # reference of its own, and each category belongs to it.
        for characteristic, categories in model.categories.items():
            yield Reference("characteristics", characteristic, (*path, "categories", characteristic))
            for index, category in enumerate(categories):
                yield Reference(
                    "categories", f"{characteristic}/{category}", (*path, "categories", characteristic, index)
                )
    if isinstance(model, Category):
        for area in model.area_shares:
            yield Reference("areas", area, (*path, "area_shares", area))
