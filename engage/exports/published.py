"""What of a record may be published in open data, by the rule in `engage.disclosure`.

Quotes whose consent is 'not-cleared' are never published, and counts of people under 5 are
withheld (the pages say 'fewer than 5'), so that nobody can be picked out.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from ..disclosure import PUBLISHABLE_CONSENT, is_small, publishable
from ..models.evaluation import AreaReach, Evaluation, GroupReach
from ..models.event import Event
from ..models.feedback import Feedback, ProfileCount, Responses, Theme

_WITHHELD: tuple[tuple[type[BaseModel], str], ...] = (
    (Responses, "count"),
    (ProfileCount, "count"),
    (Theme, "count"),
    (GroupReach, "people"),
    (AreaReach, "people"),
    (Event, "attendees"),
)
WITHHELD_COUNTS: frozenset[tuple[type[BaseModel], str]] = frozenset(_WITHHELD)
"""Fields whose small values are withheld from open data, by (model, field name)."""

M = TypeVar("M", bound=BaseModel)


def published(model: M) -> M:
    """The record as it may be published: without quotes or case studies that are not cleared."""
    if isinstance(model, Feedback):
        themes = [
            theme.model_copy(update={"quotes": [q for q in theme.quotes if publishable(q)]}) for theme in model.themes
        ]
        return model.model_copy(update={"themes": themes})
    if isinstance(model, Evaluation):
        stories = [c for c in model.case_studies if c.consent in PUBLISHABLE_CONSENT]
        return model.model_copy(update={"case_studies": stories})
    return model


def withheld(owner: type[BaseModel], name: str, value: Any) -> bool:
    """Whether this value is a small count that open data leaves empty."""
    return (owner, name) in WITHHELD_COUNTS and isinstance(value, int) and is_small(value)
