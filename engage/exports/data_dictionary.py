"""The data dictionary: every field of every published file, described from the models' docstrings."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ..disclosure import SMALL_COUNT
from .csv_export import LIST_SEPARATOR, TABLES, Table
from .datasets import ALL, Dataset
from .fields import FieldDoc, describe
from .names import reference_words
from .published import WITHHELD_COUNTS


@dataclass(frozen=True)
class FieldRow:
    """One field or column, as the dictionary lists it."""

    name: str
    """Dotted path; '[]' marks each item of a list, as in 'consultation.options[].title'."""
    value_type: str
    required: str
    description: str


@dataclass(frozen=True)
class FileDoc:
    """One published file and its fields."""

    path: str
    title: str
    description: str
    rows: list[FieldRow]


def default_words(value: Any) -> str:
    """A default value as a contributor would write it, or '' when there is none worth showing."""
    if value is None or value == [] or value == {} or isinstance(value, BaseModel):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def required_words(required: bool, default: Any) -> str:
    if required:
        return "required"
    shown = default_words(default)
    return f"optional (default: {shown})" if shown else "optional"


def type_words(model: type[BaseModel], doc: FieldDoc) -> str:
    """The field's type in words, naming the list an id comes from where the field is a reference."""
    return reference_words(model, doc.name, doc.value_type.kind == "list") or doc.value_type.words()


def _withheld_note(owner: type[BaseModel], name: str) -> str:
    if (owner, name) in WITHHELD_COUNTS:
        return f" Left empty in open data when under {SMALL_COUNT}, so nobody can be picked out."
    return ""


def field_rows(model: type[BaseModel], prefix: str = "", published: bool = False) -> list[FieldRow]:
    """Every field of `model` and of the groups inside it, depth first, in declaration order."""
    out: list[FieldRow] = []
    for doc in describe(model):
        name = f"{prefix}{doc.name}"
        note = _withheld_note(model, doc.name) if published else ""
        out.append(
            FieldRow(name, type_words(model, doc), required_words(doc.required, doc.default), doc.description + note)
        )
        inner = doc.value_type.model or (doc.value_type.item.model if doc.value_type.item else None)
        if inner is not None:
            out.extend(field_rows(inner, f"{name}[]." if doc.value_type.kind == "list" else f"{name}.", published))
    return out


def json_doc(dataset: Dataset) -> FileDoc:
    rows = []
    if not dataset.taxonomy:
        rows.append(
            FieldRow(
                "id",
                "id",
                "no: the file's name",
                "The record's id: its file name, and the last part of its web address.",
            )
        )
    rows += field_rows(dataset.model, published=True)
    rows.append(
        FieldRow(
            "_names",
            "mapping",
            "no: added in the export",
            "Not in the data file: for each kind of thing the record refers to, its ids mapped to their names.",
        )
    )
    return FileDoc(
        dataset.json_path,
        f"{dataset.title} (JSON)",
        f"{dataset.description} A JSON object with the licence and publisher, and 'records': every record, sorted by id, "
        "laid out as in its data file. Fields that were left out of a file appear with their default value.",
        rows,
    )


def csv_doc(table: Table) -> FileDoc:
    rows = [
        FieldRow(name, "id" if name != "position" else "whole number", "always", text)
        for name, text in table.key_columns()
    ]
    for column in table.columns():
        kind = (
            reference_words(column.owner, column.path[-1], column.value_type.kind == "list")
            or column.value_type.words()
        )
        if column.value_type.kind == "list":
            kind = f"{kind}, separated by '{LIST_SEPARATOR}'"
        rows.append(FieldRow(column.name, kind, "", column.description + _withheld_note(column.owner, column.path[-1])))
    return FileDoc(
        table.path,
        table.title,
        "One header row; UTF-8; fields quoted where they hold commas, quotes or line breaks. "
        "Empty cells mean nothing was given. Lists of groups are in their own files or in the JSON.",
        rows,
    )


def dictionary() -> list[FileDoc]:
    """Every published data file, JSON first, then CSV."""
    return [json_doc(d) for d in ALL] + [csv_doc(t) for t in TABLES]


def dataset_docs(dataset: Dataset) -> list[FileDoc]:
    """One data set's files: its JSON, then its CSV tables (a reference list has none)."""
    return [json_doc(dataset)] + [csv_doc(t) for t in TABLES if t.dataset.name == dataset.name]
