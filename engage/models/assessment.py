"""The Equality Framework self-assessment: the framework's criteria (a taxonomy) and the
partnership's assessed level for each, with its evidence and what would take it further."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from .commitment import FrameworkLevel
from .types import RECORD_CONFIG, Day, Line, Ref, Slug, Text


class LevelDescriptor(BaseModel):
    """What one level of a criterion looks like."""

    model_config = RECORD_CONFIG

    number: Line
    """The framework's number for it, such as '1.14'."""
    descriptor: Text
    """The framework's words for this level."""


class Criterion(BaseModel):
    """One criterion of the framework, with a descriptor for each level and questions to ask."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id used in assessments and URLs."""
    module: Ref
    """The framework module (id) it belongs to."""
    section: Line
    """The section of the module, such as 'Involving your customers'."""
    heading: Line
    """The criterion's heading, such as 'Community engagement structures'."""
    developing: LevelDescriptor
    """Developing: understanding the importance of equality."""
    achieving: LevelDescriptor
    """Achieving: delivering better outcomes."""
    excellent: LevelDescriptor
    """Excellent: making a difference."""
    questions: list[Line] = Field(default_factory=list)
    """Questions to ask in self-assessment."""


class AssessedLevel(StrEnum):
    """The level reached; 'not-yet' when even Developing is not met."""

    NOT_YET = "not-yet"
    DEVELOPING = FrameworkLevel.DEVELOPING.value
    ACHIEVING = FrameworkLevel.ACHIEVING.value
    EXCELLENT = FrameworkLevel.EXCELLENT.value


class AssessmentEvidence(BaseModel):
    """Records that show the criterion met."""

    model_config = RECORD_CONFIG

    events: list[Ref] = Field(default_factory=list)
    """Engagement events (ids)."""
    feedback: list[Ref] = Field(default_factory=list)
    """Feedback records (ids)."""
    eias: list[Ref] = Field(default_factory=list)
    """EIAs (ids)."""
    commitments: list[Ref] = Field(default_factory=list)
    """Equality commitments (ids)."""
    evaluations: list[Ref] = Field(default_factory=list)
    """Evaluations (ids)."""


class Assessment(BaseModel):
    """The partnership's self-assessment against one criterion (the file name is the criterion's id)."""

    model_config = RECORD_CONFIG

    criterion: Ref
    """The criterion (id) assessed."""
    level: AssessedLevel
    """not-yet, developing, achieving or excellent."""
    summary: Text
    """Why this level: what the partnership does now."""
    evidence: AssessmentEvidence = Field(default_factory=AssessmentEvidence)
    """Records that show it."""
    next_level: Text | None = None
    """What would take it to the next level (not needed at excellent)."""
    assessed: Day
    """When it was assessed."""
    assessed_by: Line
    """Who assessed it: a body or a role."""
