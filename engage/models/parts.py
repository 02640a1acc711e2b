"""Small structures that several record types share: documents, decisions, actions."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .types import RECORD_CONFIG, ActionStatus, Day, Line, RefList, Slug, Text, Url


class Document(BaseModel):
    """A published document or web page that supports a record."""

    model_config = RECORD_CONFIG

    title: Line
    """What the document is called, as a reader would recognise it."""
    url: Url
    """Where to read it (https)."""
    format: Line = "Web page"
    """Its format and size, such as 'PDF, 420 KB' or 'Web page' (HTML first is best)."""


class Decision(BaseModel):
    """A decision taken by a named body or role, and when."""

    model_config = RECORD_CONFIG

    maker: Line
    """Who decides: a body or a role, such as 'Cabinet' or 'Director of Housing'."""
    date: Day
    """The date the decision was, or will be, taken."""
    url: Url | None = None
    """A link to the decision notice or minutes."""
    summary: Text | None = None
    """What was decided, in plain words."""


class Update(BaseModel):
    """A dated progress note."""

    model_config = RECORD_CONFIG

    date: Day
    """When this update was written."""
    text: Text
    """What has happened since the last update."""


class Action(BaseModel):
    """An action with an accountable role, a due date and dated progress."""

    model_config = RECORD_CONFIG

    id: Slug
    """A short id for the action, unique within its record (used in links)."""
    action: Line
    """What will be done."""
    owner: Line
    """The role accountable for it, such as 'Equality and Diversity Manager' (a role, not a person)."""
    partners: RefList = Field(default_factory=list)
    """Organisations (ids) that share the work."""
    due: Day
    """When it should be done."""
    status: ActionStatus = ActionStatus.NOT_STARTED
    """not-started, on-track, at-risk, done or dropped; overdue is worked out from the due date."""
    updates: list[Update] = Field(default_factory=list)
    """Progress notes, oldest first."""
    risks: Text | None = None
    """What could stop it, as in the action plan's risks column."""
    next_steps: Text | None = None
    """What happens next."""
