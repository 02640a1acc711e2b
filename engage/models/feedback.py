"""Consultation feedback: we asked, you said, we did."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from .parts import Decision, Document
from .types import RECORD_CONFIG, Count, Day, Line, Ref, RefList, Slug, Text


class FeedbackStage(StrEnum):
    """Whether this is the final word on the consultation."""

    INTERIM = "interim"
    FINAL = "final"


class QuoteConsent(StrEnum):
    """The basis on which a quote may be published."""

    CONSENTED = "consented"
    ANONYMISED = "anonymised"
    NOT_CLEARED = "not-cleared"


class Response(StrEnum):
    """What was done about a theme."""

    CHANGED = "changed"
    PARTLY = "partly"
    NOT_CHANGED = "not-changed"
    CONSIDERING = "considering"


class Asked(BaseModel):
    """What was asked, and how."""

    model_config = RECORD_CONFIG

    question: Text
    """The question or proposal put to people."""
    methods: RefList = Field(min_length=1)
    """Engagement methods (ids) used."""
    documents: list[Document] = Field(default_factory=list)
    """The consultation papers."""


class Responses(BaseModel):
    """How many responses came through one method."""

    model_config = RECORD_CONFIG

    method: Ref
    """The method (id)."""
    count: Count
    """How many responses; counts under 5 are published as 'fewer than 5'."""


class Quote(BaseModel):
    """Something a respondent said."""

    model_config = RECORD_CONFIG

    text: Text
    """The words, paraphrased or quoted; no names, addresses or contact details."""
    consent: QuoteConsent
    """consented, anonymised or not-cleared (not-cleared quotes are never published)."""


class Theme(BaseModel):
    """A theme in what people said, and what was done about it."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id, unique within the record."""
    theme: Line
    """The theme in a few words."""
    count: Count
    """How many responses raised it."""
    summary: Text
    """What people said."""
    quotes: list[Quote] = Field(default_factory=list)
    """Representative quotes."""
    response: Response
    """changed, partly, not-changed or considering."""
    reason: Text
    """What was done, or why not."""
    actions: list[Line] = Field(default_factory=list)
    """Actions (eia-id/action-id or commitment-id/action-id) taken in response."""


class ProfileCount(BaseModel):
    """Respondents in one category."""

    model_config = RECORD_CONFIG

    category: Slug
    """The category (id) of the characteristic."""
    count: Count
    """How many respondents said they were in it."""


class Profile(BaseModel):
    """Who responded, for one characteristic."""

    model_config = RECORD_CONFIG

    characteristic: Ref
    """The characteristic (id)."""
    counts: list[ProfileCount] = Field(min_length=1)
    """Respondents per category."""
    not_stated: Count = 0
    """Respondents who preferred not to say."""


class Feedback(BaseModel):
    """Feedback that closes the loop on one consultation."""

    model_config = RECORD_CONFIG

    title: Line
    """The consultation's name, as people knew it."""
    event: Ref
    """The consultation event (id) this feedback answers."""
    stage: FeedbackStage
    """interim or final."""
    final_expected: Day | None = None
    """For interim feedback: when the final feedback is expected."""
    published: Day
    """When this feedback was published."""
    updated: Day | None = None
    """When it was last revised."""
    asked: Asked
    """What was asked, and how."""
    responses: list[Responses] = Field(min_length=1)
    """Responses by method."""
    reach_gaps: Text | None = None
    """Who was not reached, and what will be done about it."""
    profile: list[Profile] = Field(default_factory=list)
    """Respondent profile per characteristic, where monitoring was collected."""
    area: Ref | None = None
    """The area (id) whose population the profile is compared with; the whole district if left out."""
    themes: list[Theme] = Field(min_length=1)
    """What people said, and what was done."""
    decision: Decision | None = None
    """The decision taken."""
    eia: Ref | None = None
    """The EIA (id) informed by this consultation."""
    commitments: RefList = Field(default_factory=list)
    """Equality commitments (ids) it relates to."""
