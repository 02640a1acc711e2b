"""An evaluation of an event, a series or a programme of engagement: measure, review, impact.

It follows the engagement self-assessment's Plan, Do, Measure, Review, Impact: outputs (who
took part) and outcomes, measures with a baseline, an after value and follow-up readings at
least six months after the engagement ended, case studies, what was learned and what changes,
and the difference made, linked to feedback, decisions and commitments.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from .commitment import Reading
from .feedback import QuoteConsent
from .parts import Decision
from .types import RECORD_CONFIG, Count, Day, Line, Ref, Slug, Text


class Scope(StrEnum):
    """What is evaluated."""

    EVENT = "event"
    SERIES = "series"
    PROGRAMME = "programme"


class OutcomeResult(StrEnum):
    """How far an intended outcome was reached."""

    ACHIEVED = "achieved"
    PARTLY = "partly"
    NOT_YET = "not-yet"
    NOT_ACHIEVED = "not-achieved"


class GroupReach(BaseModel):
    """How many people of one group took part."""

    model_config = RECORD_CONFIG

    group: Ref
    """The group (id)."""
    people: Count
    """How many took part (counts under 5 are published as 'fewer than 5')."""


class AreaReach(BaseModel):
    """How many people from one area took part."""

    model_config = RECORD_CONFIG

    area: Ref
    """The area (id) they live in."""
    people: Count
    """How many took part (counts under 5 are published as 'fewer than 5')."""


class Outputs(BaseModel):
    """What was delivered and who took part."""

    model_config = RECORD_CONFIG

    attendance: Count
    """How many people took part in all, across every session or response route."""
    sessions: Count | None = None
    """How many sessions, meetings or activities were held."""
    groups: list[GroupReach] = Field(default_factory=list)
    """Participants by group (group ids)."""
    areas: list[AreaReach] = Field(default_factory=list)
    """Participants by the area they live in (area ids)."""
    note: Text | None = None
    """How the figures were counted, and what they leave out."""


class Outcome(BaseModel):
    """A change the engagement set out to bring about, and how far it did."""

    model_config = RECORD_CONFIG

    outcome: Line
    """The intended outcome, in a sentence."""
    result: OutcomeResult
    """achieved, partly, not-yet or not-achieved."""
    evidence: Text
    """What shows it."""


class EvaluationMeasure(BaseModel):
    """A before-and-after measure, with follow-up readings after the engagement ended."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id, unique within the evaluation."""
    name: Line
    """What is measured."""
    unit: Line
    """The unit, such as '%' or 'people'."""
    higher_is_better: bool = True
    """False when the aim is to bring the number down."""
    baseline: Reading
    """The value before the engagement."""
    after: Reading | None = None
    """The value when the engagement ended."""
    follow_up: list[Reading] = Field(default_factory=list)
    """Readings after the engagement ended, oldest first; one is due at least six months after it ended."""


class CaseStudy(BaseModel):
    """One person's or group's story of what changed; no names, addresses or contact details."""

    model_config = RECORD_CONFIG

    title: Line
    """A short heading."""
    story: Text
    """What happened and what changed, anonymised."""
    consent: QuoteConsent
    """consented, anonymised or not-cleared (not-cleared case studies are never published)."""


class Review(BaseModel):
    """What was learned and what will change (the self-assessment's Review)."""

    model_config = RECORD_CONFIG

    learned: list[Line] = Field(min_length=1)
    """What went well and what did not."""
    changes: list[Line] = Field(default_factory=list)
    """What the partners will do differently next time."""
    shared_with: Line | None = None
    """Who the review was reported to, such as 'Partnership Board, 12 May 2026'."""


class Impact(BaseModel):
    """The difference the engagement made (the self-assessment's Impact)."""

    model_config = RECORD_CONFIG

    summary: Text
    """What changed because people took part."""
    feedback: list[Ref] = Field(default_factory=list)
    """Feedback records (ids) that report what was said and done."""
    commitments: list[Ref] = Field(default_factory=list)
    """Equality commitments (ids) it contributed to."""
    decisions: list[Decision] = Field(default_factory=list)
    """Decisions it informed."""


class Evaluation(BaseModel):
    """An evaluation of engagement: outputs, outcomes, measures, review and impact."""

    model_config = RECORD_CONFIG

    title: Line
    """What is evaluated, in a few words."""
    summary: Text
    """The evaluation in a paragraph."""
    scope: Scope
    """event, series or programme."""
    events: list[Ref] = Field(min_length=1)
    """The events (ids) evaluated."""
    organisations: list[Ref] = Field(min_length=1)
    """Organisations (ids) that ran the engagement."""
    lead: Line
    """The role accountable for the evaluation."""
    starts: Day
    """When the engagement began."""
    ends: Day
    """When the engagement ended."""
    follow_up_due: Day | None = None
    """When the follow-up is due; at least six months after `ends` (the default is six months after)."""
    outputs: Outputs
    """What was delivered and who took part."""
    outcomes: list[Outcome] = Field(default_factory=list)
    """Intended outcomes and how far each was reached."""
    measures: list[EvaluationMeasure] = Field(default_factory=list)
    """Before-and-after measures with follow-up readings."""
    case_studies: list[CaseStudy] = Field(default_factory=list)
    """Anonymised stories of what changed."""
    review: Review
    """What was learned and what changes."""
    impact: Impact
    """The difference made."""
    published: Day
    """When the evaluation was first published."""
    updated: Day | None = None
    """When it was last updated, such as when a follow-up reading was added."""
