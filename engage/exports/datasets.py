"""The data sets the portal publishes as open data, one per record type and taxonomy."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel

from .. import models, urls
from ..loading import TAXONOMIES
from ..portal import Portal


@dataclass(frozen=True)
class Dataset:
    """One published data set: its files, its model and where its records come from."""

    name: str
    """The file stem: 'events' gives open-data/events.json."""
    title: str
    description: str
    model: type[BaseModel]
    schema: str
    """The schema of one data file (schemas/<schema>.json), as `engage new` points to."""
    entries: Callable[[Portal], dict[str, BaseModel]]
    """The records by id, sorted by id."""
    taxonomy: bool = False
    """Taxonomy entries carry their own id; records take theirs from the file name."""

    @property
    def json_path(self) -> str:
        return urls.open_data_file(f"{self.name}.json")

    @property
    def export_schema_path(self) -> str:
        return urls.export_schema(self.name)


def _records(attribute: str) -> Callable[[Portal], dict[str, BaseModel]]:
    def entries(portal: Portal) -> dict[str, BaseModel]:
        return {key: record.model for key, record in getattr(portal, attribute).items()}

    return entries


def _taxonomy(attribute: str) -> Callable[[Portal], dict[str, BaseModel]]:
    def entries(portal: Portal) -> dict[str, BaseModel]:
        return dict(sorted(getattr(portal, attribute).items()))

    return entries


RECORDS: tuple[Dataset, ...] = (
    Dataset(
        "events",
        "Engagement events",
        "Every engagement event, past and upcoming, including cancelled ones.",
        models.Event,
        "event",
        _records("events"),
    ),
    Dataset(
        "eias",
        "Equality Impact Assessments",
        "Every published assessment, its impacts, actions and decision.",
        models.Eia,
        "eia",
        _records("eias"),
    ),
    Dataset(
        "feedback",
        "Consultation feedback",
        "We asked, you said, we did: what people said in each consultation and what was done.",
        models.Feedback,
        "feedback",
        _records("feedback"),
    ),
    Dataset(
        "commitments",
        "Equality commitments",
        "Equality commitments with their measures, action plans and progress.",
        models.Commitment,
        "commitment",
        _records("commitments"),
    ),
    Dataset(
        "evaluations",
        "Engagement evaluations",
        "What engagement achieved: outputs, outcomes, before-and-after measures with follow-up, review and impact.",
        models.Evaluation,
        "evaluation",
        _records("evaluations"),
    ),
    Dataset(
        "assessments",
        "Equality Framework self-assessment",
        "The partnership's assessed level against each framework criterion, with its evidence and what would take it further.",
        models.Assessment,
        "assessment",
        _records("assessments"),
    ),
)

_TAXONOMY_TEXT = {
    "areas": ("Areas", "Wards, towns and neighbourhoods records refer to."),
    "topics": ("Topics", "Subjects events and consultations are about."),
    "groups": ("Groups", "Communities and groups events reach out to."),
    "organisations": ("Organisations", "The partner organisations."),
    "venues": ("Venues", "Places where events are held."),
    "methods": ("Engagement methods", "Ways of engaging people, each at a level of the continuum of engagement."),
    "characteristics": (
        "Characteristics",
        "Protected and local characteristics, with monitoring categories and population shares.",
    ),
    "modules": ("Equality Framework modules", "The modules commitments are reported against."),
    "criteria": (
        "Equality Framework criteria",
        "Each criterion with its Developing, Achieving and Excellent descriptors and questions to ask.",
    ),
}

TAXONOMY_SETS: tuple[Dataset, ...] = tuple(
    Dataset(name, _TAXONOMY_TEXT[name][0], _TAXONOMY_TEXT[name][1], model, name, _taxonomy(name), taxonomy=True)
    for name, model in TAXONOMIES.items()
)

ALL: tuple[Dataset, ...] = RECORDS + TAXONOMY_SETS
