"""An Equality Impact Assessment: how a policy or decision affects each characteristic."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from .parts import Action, Decision, Document
from .types import RECORD_CONFIG, Day, Line, Ref, RefList, Text


class Stage(StrEnum):
    """How deep the assessment went."""

    SCREENING = "screening"
    FULL = "full"


class Outcome(StrEnum):
    """The four widely used EIA outcomes."""

    NO_MAJOR_CHANGE = "no-major-change"
    ADJUST = "adjust"
    CONTINUE = "continue"
    STOP = "stop"


class ImpactLevel(StrEnum):
    """The assessed effect on people sharing a characteristic."""

    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"
    MIXED = "mixed"
    UNKNOWN = "unknown"


class Impact(BaseModel):
    """The assessed impact on one characteristic, with the reasoning."""

    model_config = RECORD_CONFIG

    characteristic: Ref
    """The characteristic (id) assessed."""
    impact: ImpactLevel
    """positive, neutral, negative, mixed or unknown."""
    rationale: Text
    """Why, with reference to the evidence."""


class SignOff(BaseModel):
    """Who signed the assessment off or quality-assured it, and when."""

    model_config = RECORD_CONFIG

    by: Line
    """The role that signed, such as 'Assistant Director, Adult Services'."""
    date: Day
    """When."""


class Engagement(BaseModel):
    """The engagement that informed the assessment."""

    model_config = RECORD_CONFIG

    summary: Text | None = None
    """Who was engaged and how, in plain words."""
    events: RefList = Field(default_factory=list)
    """Engagement events (ids) that informed it."""
    feedback: RefList = Field(default_factory=list)
    """Feedback records (ids) it drew on."""


class Eia(BaseModel):
    """An Equality Impact Assessment published in the register."""

    model_config = RECORD_CONFIG

    title: Line
    """The policy, service change or decision assessed."""
    service: Line
    """The service or directorate responsible."""
    organisation: Ref
    """The organisation (id) that owns the assessment."""
    lead_officer: Line
    """The lead officer's role (a role, not a person's name)."""
    stage: Stage
    """screening or full."""
    purpose: Text
    """What the policy is for and what is changing."""
    evidence: Text
    """The evidence considered: data, research, complaints, engagement."""
    evidence_documents: list[Document] = Field(default_factory=list)
    """Published evidence."""
    engagement: Engagement = Field(default_factory=Engagement)
    """Engagement undertaken."""
    impacts: list[Impact] = Field(min_length=1)
    """One entry per configured characteristic."""
    actions: list[Action] = Field(default_factory=list)
    """Mitigation actions."""
    outcome: Outcome
    """no-major-change, adjust, continue or stop."""
    justification: Text | None = None
    """Why the outcome is right; required for 'continue' despite adverse impact."""
    completed: Day
    """When the assessment was completed (must be on or before the decision)."""
    sign_off: SignOff
    """Who signed it off."""
    quality_assurance: SignOff | None = None
    """Who quality-assured it, if anyone."""
    decision: Decision
    """The decision it informs."""
    published: Day
    """When it was published in the register."""
    review_date: Day
    """When the assessment will be reviewed (after the decision)."""
    supersedes: RefList = Field(default_factory=list)
    """Earlier EIAs (ids) this version replaces."""
    documents: list[Document] = Field(default_factory=list)
    """The full assessment and related papers."""
    commitments: RefList = Field(default_factory=list)
    """Equality commitments (ids) it contributes to."""
    updated: Day | None = None
    """When it was last revised after publication."""
