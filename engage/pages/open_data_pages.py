"""The open data page, its data dictionary and the schemas page; and the files they list."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from .. import atom, exports, urls
from ..exports import data_dictionary
from ..exports.csv_export import TABLES, Table
from ..exports.data_dictionary import FileDoc
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


@dataclass(frozen=True)
class OpenDataPage:
    """The context of `engage/open_data.html`: every download, its licence and where it is described."""

    kind: Literal["open-data"]
    """Always 'open-data'."""
    title: str
    """'Open data'."""
    licence: str
    """The licence's name."""
    licence_url: str
    """Where the licence is published."""
    attribution: str
    """The statement the licence asks re-users to give."""
    publisher: str
    """The body that publishes the data."""
    today: date
    """The build's day (when the files were made)."""
    downloads: Sequence[Download]
    """Each data set with its record count and files."""
    feed: str
    """The Atom feed of publications."""
    calendar_archive: str
    """Every event ever listed, as one iCalendar file."""
    dictionary: str
    """The data dictionary's page."""
    schemas: str
    """The JSON Schemas page."""


@dataclass(frozen=True)
class DictionaryPage:
    """The context of `engage/open_data_dictionary.html`: every open data file's fields."""

    kind: Literal["open-data-dictionary"]
    """Always 'open-data-dictionary'."""
    title: str
    """'Open data dictionary'."""
    files: Sequence[tuple[FileDoc, str]]
    """(a file's documentation, its anchor on the page)."""


@dataclass(frozen=True)
class SchemasPage:
    """The context of `engage/open_data_schemas.html`: the schemas for data files and for exports."""

    kind: Literal["schemas"]
    """Always 'schemas'."""
    title: str
    """'JSON Schemas'."""
    file_schemas: Sequence[str]
    """The schemas of the data files partners write, as site paths."""
    export_schemas: Sequence[tuple[str, str, str]]
    """Per export: (title, its schema's path, its JSON file's path)."""
    base: str
    """The site's address, which schema ids start with."""


def pages(portal: Portal) -> list[Page]:
    settings = portal.settings
    return [
        Page(
            url=urls.open_data(),
            title="Open data",
            template="engage/open_data.html",
            description="Download every event, assessment, consultation result and commitment as JSON or CSV.",
            context=OpenDataPage(
                kind="open-data",
                title="Open data",
                licence=settings.licence,
                licence_url=settings.licence_url,
                attribution=attribution(portal),
                publisher=settings.publisher,
                today=portal.today,
                downloads=_downloads(portal),
                feed=urls.publications_feed(),
                calendar_archive=urls.ARCHIVE_FEED,
                dictionary=urls.data_dictionary(),
                schemas=urls.schemas(),
            ),
            searchable=True,
        ),
        Page(
            url=urls.data_dictionary(),
            title="Open data dictionary",
            template="engage/open_data_dictionary.html",
            description="What every field and column of the open data files holds.",
            context=DictionaryPage(
                "open-data-dictionary",
                "Open data dictionary",
                [(doc, _anchor(doc.path)) for doc in data_dictionary.dictionary()],
            ),
        ),
        Page(
            url=urls.schemas(),
            title="JSON Schemas",
            template="engage/open_data_schemas.html",
            description="JSON Schemas for the data files partners write and for the open data exports.",
            context=SchemasPage(
                "schemas",
                "JSON Schemas",
                [urls.file_schema(name) for name in file_schema_names()],
                [(d.title, d.export_schema_path, d.json_path) for d in ALL],
                settings.base_url,
            ),
        ),
    ]


def files(portal: Portal) -> list[OutputFile]:
    """The open data files and schemas, and the Atom feed of publications."""
    return exports.files(portal) + atom.files(portal)
