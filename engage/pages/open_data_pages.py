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


def _file_name(path: str) -> str:
    """'open-data/eia-actions.csv' -> 'eia-actions.csv'."""
    return path.removeprefix(urls.open_data())


def _anchor(path: str) -> str:
    """A file's anchor in the dictionary: 'open-data/eia-actions.csv' -> 'eia-actions-csv'.

    The section of its data set's page, and its line on the overview, which keeps links made
    when the whole dictionary was one page ('open-data/dictionary/#eia-actions-csv') useful."""
    return _file_name(path).replace(".", "-")


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
class DictionaryEntry:
    """One data set's row on the dictionary's overview."""

    dataset: Dataset
    """The data set: its title and one-line description."""
    url: str
    """Its own page of the dictionary."""
    files: Sequence[tuple[str, str]]
    """(a file's name, such as 'eia-actions.csv', its anchor on the data set's page)."""


@dataclass(frozen=True)
class DictionaryPage:
    """The context of `engage/open_data_dictionary.html`: every data set, linking to its fields."""

    kind: Literal["open-data-dictionary"]
    """Always 'open-data-dictionary'."""
    title: str
    """'Open data dictionary'."""
    records: Sequence[DictionaryEntry]
    """The record data sets (events, assessments ...), in the open data page's order."""
    reference_lists: Sequence[DictionaryEntry]
    """The taxonomies records refer to by id."""


@dataclass(frozen=True)
class DatasetDictionaryPage:
    """The context of `engage/open_data_dataset_dictionary.html`: one data set's files and their fields."""

    kind: Literal["open-data-dictionary-dataset"]
    """Always 'open-data-dictionary-dataset'."""
    title: str
    """'Data dictionary: ' and the data set's title."""
    dataset: Dataset
    """The data set described (its title, description, JSON file and schema)."""
    files: Sequence[tuple[FileDoc, str]]
    """(a file's documentation, its anchor on the page): the JSON first, then each CSV table."""
    dictionary: str
    """The dictionary's overview, which lists the other data sets."""


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
    docs = {dataset.name: data_dictionary.dataset_docs(dataset) for dataset in ALL}
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
        _dictionary_overview(docs),
        *(_dataset_dictionary(dataset, docs[dataset.name]) for dataset in ALL),
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


def _dictionary_entry(dataset: Dataset, docs: Sequence[FileDoc]) -> DictionaryEntry:
    return DictionaryEntry(
        dataset,
        urls.data_dictionary_dataset(dataset.name),
        [(_file_name(doc.path), _anchor(doc.path)) for doc in docs],
    )


def _dictionary_overview(docs: dict[str, list[FileDoc]]) -> Page:
    """One line per data set: the whole dictionary on one page passed 200 KB."""
    entries = [_dictionary_entry(dataset, docs[dataset.name]) for dataset in ALL]
    return Page(
        url=urls.data_dictionary(),
        title="Open data dictionary",
        template="engage/open_data_dictionary.html",
        description="What every field and column of the open data files holds, data set by data set.",
        context=DictionaryPage(
            "open-data-dictionary",
            "Open data dictionary",
            [e for e in entries if not e.dataset.taxonomy],
            [e for e in entries if e.dataset.taxonomy],
        ),
    )


def _dataset_dictionary(dataset: Dataset, docs: Sequence[FileDoc]) -> Page:
    title = f"Data dictionary: {dataset.title}"
    also = "" if dataset.taxonomy else " and its CSV files"
    return Page(
        url=urls.data_dictionary_dataset(dataset.name),
        title=title,
        template="engage/open_data_dataset_dictionary.html",
        description=f"What every field of {_file_name(dataset.json_path)}{also} holds.",
        context=DatasetDictionaryPage(
            "open-data-dictionary-dataset",
            title,
            dataset,
            [(doc, _anchor(doc.path)) for doc in docs],
            urls.data_dictionary(),
        ),
    )


def files(portal: Portal) -> list[OutputFile]:
    """The open data files and schemas, and the Atom feed of publications."""
    return exports.files(portal) + atom.files(portal)
