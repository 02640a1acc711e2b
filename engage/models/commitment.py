"""An equality commitment with its measures and action plan."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from .parts import Action, Update
from .types import RECORD_CONFIG, Day, Line, Number, Ref, RefList, Slug, Text


class FrameworkLevel(StrEnum):
    """The Equality Framework's levels of achievement."""

    DEVELOPING = "developing"
    ACHIEVING = "achieving"
    EXCELLENT = "excellent"


class CommitmentStatus(StrEnum):
    """Where the commitment stands overall."""

    NOT_STARTED = "not-started"
    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    ACHIEVED = "achieved"
    CLOSED = "closed"


class Reading(BaseModel):
    """A measured value on a date."""

    model_config = RECORD_CONFIG

    date: Day
    """When it was measured."""
    value: Number
    """The value."""
    note: Line | None = None
    """Context for the figure."""


class Measure(BaseModel):
    """How progress on the commitment is measured."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id, unique within the commitment."""
    name: Line
    """What is measured."""
    unit: Line
    """The unit, such as '%' or 'events'."""
    higher_is_better: bool = True
    """False when the aim is to bring the number down."""
    baseline: Reading
    """The starting point."""
    target: Reading
    """The value aimed for, and by when."""
    progress: list[Reading] = Field(default_factory=list)
    """Readings since the baseline, oldest first."""


class Evidence(BaseModel):
    """Records that show the commitment at work."""

    model_config = RECORD_CONFIG

    events: RefList = Field(default_factory=list)
    """Engagement events (ids)."""
    eias: RefList = Field(default_factory=list)
    """EIAs (ids)."""
    feedback: RefList = Field(default_factory=list)
    """Feedback records (ids)."""


class Commitment(BaseModel):
    """An equality commitment reported against the Equality Framework."""

    model_config = RECORD_CONFIG

    title: Line
    """The commitment in a few words."""
    statement: Text
    """What is committed."""
    why: Text
    """Why it matters: the gap or evidence behind it."""
    module: Ref
    """The framework module (id) it is reported under."""
    level: FrameworkLevel
    """developing, achieving or excellent."""
    status: CommitmentStatus
    """not-started, on-track, at-risk, achieved or closed."""
    lead: Line
    """The accountable role."""
    organisations: RefList = Field(min_length=1)
    """Organisations (ids) signed up to it."""
    characteristics: RefList = Field(default_factory=list)
    """Characteristics (ids) it addresses."""
    starts: Day
    """Start of the period."""
    ends: Day
    """End of the period."""
    measures: list[Measure] = Field(default_factory=list)
    """How progress is measured."""
    actions: list[Action] = Field(min_length=1)
    """The action plan."""
    updates: list[Update] = Field(default_factory=list)
    """Overall progress reports, oldest first."""
    evidence: Evidence = Field(default_factory=Evidence)
    """Records that show it at work."""
    published: Day
    """When it was first published."""
    updated: Day | None = None
    """When progress was last reported."""
