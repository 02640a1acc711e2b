"""The open data page, its data dictionary and the schemas page; and the files they list."""

from __future__ import annotations

from dataclasses import dataclass

from .. import atom, exports, urls
from ..exports import data_dictionary
from ..exports.csv_export import TABLES, Table
from ..exports.datasets import ALL, Dataset
from ..exports.json_export import attribution
from ..exports.schemas import file_schema_names
from ..output import OutputFile, Page
from ..portal import Portal


@dataclass(frozen=True)
class Download:
    """One data set's row on the open data page."""

    dataset: Dataset
    count: int
    tables: list[Table]


def _downloads(portal: Portal) -> list[Download]:
    return [Download(d, len(d.entries(portal)), [t for t in TABLES if t.dataset.name == d.name]) for d in ALL]


def _anchor(path: str) -> str:
    """The dictionary's anchor for a file: 'open-data/eia-actions.csv' -> 'eia-actions-csv'."""
    return path.removeprefix(urls.open_data()).replace(".", "-")


def pages(portal: Portal) -> list[Page]:
    settings = portal.settings
    common = {
        "licence": settings.licence,
        "licence_url": settings.licence_url,
        "attribution": attribution(portal),
        "publisher": settings.publisher,
        "today": portal.today,
    }
    return [
        Page(
            url=urls.open_data(),
            title="Open data",
            template="engage/open_data.html",
            description="Download every event, assessment, consultation result and commitment as JSON or CSV.",
            context={
                **common,
                "kind": "open-data",
                "downloads": _downloads(portal),
                "feed": urls.publications_feed(),
                "calendar_archive": urls.ARCHIVE_FEED,
                "dictionary": urls.data_dictionary(),
                "schemas": urls.schemas(),
            },
            searchable=True,
        ),
        Page(
            url=urls.data_dictionary(),
            title="Open data dictionary",
            template="engage/open_data_dictionary.html",
            description="What every field and column of the open data files holds.",
            context={
                **common,
                "kind": "open-data-dictionary",
                "files": [(doc, _anchor(doc.path)) for doc in data_dictionary.dictionary()],
            },
        ),
        Page(
            url=urls.schemas(),
            title="JSON Schemas",
            template="engage/open_data_schemas.html",
            description="JSON Schemas for the data files partners write and for the open data exports.",
            context={
                **common,
                "kind": "schemas",
                "file_schemas": [f"{urls.schemas()}{name}.json" for name in file_schema_names()],
                "export_schemas": [(d.title, d.export_schema_path, d.json_path) for d in ALL],
                "base": settings.base_url,
            },
        ),
    ]


def files(portal: Portal) -> list[OutputFile]:
    """The open data files and schemas, and the Atom feed of publications."""
    return exports.files(portal) + atom.files(portal)
