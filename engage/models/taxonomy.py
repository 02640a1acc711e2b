"""Taxonomies: the shared vocabularies every record refers to, kept as data, not code."""

from __future__ import annotations

from pydantic import BaseModel, Field

from .types import RECORD_CONFIG, ContinuumLevel, Count, Email, Line, Number, Percent, Reviewer, Slug, Text, Url


class Area(BaseModel):
    """A place residents recognise: a ward, town or neighbourhood."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id used in records and URLs."""
    name: Line
    """The area's name as residents say it."""
    description: Text | None = None
    """A sentence on where it is."""
    population: Count | None = None
    """Resident population, for context on the coverage page."""


class Topic(BaseModel):
    """A subject residents follow, such as housing or health."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id used in records and URLs."""
    name: Line
    """The topic's name."""
    description: Text | None = None
    """What falls under it."""


class Group(BaseModel):
    """A community or group an event reaches out to, such as older people or carers."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id used in records and URLs."""
    name: Line
    """The group's name, as the group would say it."""
    characteristic: Slug | None = None
    """The characteristic (id) this group relates to, if any."""


class Organisation(BaseModel):
    """A partner organisation that runs events or leads actions."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id; also the name of its folder under data/events/."""
    name: Line
    """The organisation's full name."""
    short_name: Line | None = None
    """A shorter name for listings."""
    kind: Line
    """What sort of body it is, such as 'Local authority' or 'Voluntary sector'."""
    url: Url | None = None
    """Its website."""
    contact: Email
    """A role mailbox for engagement questions (never a person's address)."""
    reviewers: list[Reviewer] = Field(default_factory=list)
    """GitHub accounts or teams (such as @calderbrook/healthwatch) who approve changes to its events; `engage codeowners` writes them into CODEOWNERS."""


class Venue(BaseModel):
    """A place where events are held, with how to reach it."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id used in event files."""
    name: Line
    """The venue's name."""
    address: Line
    """Street address and town."""
    postcode: Line
    """Postcode of the building."""
    area: Slug
    """The area (id) it is in."""
    latitude: Number | None = Field(default=None, ge=-90, le=90)
    """Latitude in decimal degrees, for maps and calendar GEO."""
    longitude: Number | None = Field(default=None, ge=-180, le=180)
    """Longitude in decimal degrees."""
    directions: Text | None = None
    """How to get there: buses, trains, parking, the entrance to use."""
    step_free: bool | None = None
    """Whether the public areas are step-free, where known."""


class Method(BaseModel):
    """A way of engaging people, placed at one level of the continuum of engagement."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id used in event files as the event's type."""
    name: Line
    """The method's name, such as 'Focus group'."""
    level: ContinuumLevel
    """Its level on the continuum of engagement."""
    description: Text | None = None
    """What taking part involves."""


class Category(BaseModel):
    """One category of a characteristic, with its share of the population."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id used in respondent profiles."""
    name: Line
    """The category as it appears in monitoring forms."""
    population_share: Percent | None = None
    """Share of the whole district's residents in this category, per cent."""
    area_shares: dict[Slug, Percent] = Field(default_factory=dict)
    """Share per area (area id: per cent) where it differs from the district's."""


class Characteristic(BaseModel):
    """A characteristic assessed in EIAs: one of the nine protected ones or a local addition."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id used in EIAs and respondent profiles."""
    name: Line
    """Its name, such as 'Disability'."""
    protected: bool
    """True for the nine characteristics protected by the Equality Act 2010."""
    description: Text | None = None
    """What it covers."""
    categories: list[Category] = Field(default_factory=list)
    """Monitoring categories with population shares, for 'who we heard from'."""


class Module(BaseModel):
    """A module of the Equality Framework for Local Government."""

    model_config = RECORD_CONFIG

    id: Slug
    """Short id used in commitments."""
    name: Line
    """The module's name."""
    description: Text | None = None
    """What the module covers."""
    url: Url | None = None
    """Where the framework describes it."""
