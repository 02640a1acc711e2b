"""CSV open data: one flat row per record, and one table per nested list worth a spreadsheet.

Columns come from the models (`fields.flat_columns`), so a new field appears in the CSV and
in the data dictionary at once. Groups of fields become dotted names ('consultation.opens');
lists of ids are joined with ';'; other nested lists have their own tables, listed in TABLES.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from typing import Any

from pydantic import BaseModel

from .. import urls
from ..memo import IdentityMemo
from ..portal import Portal
from .datasets import RECORDS, Dataset
from .fields import Column, describe, flat_columns
from .published import WITHHELD_COUNTS, published, withheld

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Table:
    """One CSV file: the records of a data set, or the items of one of their lists."""

    file: str
    dataset: Dataset
    title: str
    nested: str | None = None
    """The record field holding the list, for a table of nested items."""

    @property
    def path(self) -> str:
        return urls.open_data_file(self.file)

    @property
    def item_model(self) -> type[BaseModel]:
        if self.nested is None:
            return self.dataset.model
        doc = next(d for d in describe(self.dataset.model) if d.name == self.nested)
        assert doc.value_type.item is not None and doc.value_type.item.model is not None
        return doc.value_type.item.model

    @property
    def parent_key(self) -> str:
        """The column naming the record a nested item belongs to, such as 'eia_id'."""
        return f"{self.dataset.schema}_id"

    def key_columns(self) -> list[tuple[str, str]]:
        """Columns that identify a row, before the model's own, with their descriptions."""
        if self.nested is None:
            return [("id", f"The {self.dataset.schema}'s id: its file name, and the last part of its web address.")]
        keys = [(self.parent_key, f"The id of the {self.dataset.schema} this row belongs to.")]
        if "id" not in self.item_model.model_fields:
            keys.append(("position", "The item's place in the record's list, counting from 1."))
        return keys

    def columns(self) -> list[Column]:
        return flat_columns(self.item_model)

    def header(self) -> list[str]:
        return [name for name, _ in self.key_columns()] + [c.name for c in self.columns()]


_EVENTS, _EIAS, _FEEDBACK, _COMMITMENTS, _EVALUATIONS, _ASSESSMENTS = RECORDS
TABLES: tuple[Table, ...] = (
    Table("events.csv", _EVENTS, "Events, one row each"),
    Table("eias.csv", _EIAS, "Equality Impact Assessments, one row each"),
    Table(
        "eia-impacts.csv",
        _EIAS,
        "The impact on each characteristic, one row per assessment and characteristic",
        "impacts",
    ),
    Table("eia-actions.csv", _EIAS, "Mitigation actions, one row per action", "actions"),
    Table("feedback.csv", _FEEDBACK, "Consultation feedback, one row each"),
    Table(
        "feedback-responses.csv", _FEEDBACK, "Responses by method, one row per feedback record and method", "responses"
    ),
    Table("feedback-themes.csv", _FEEDBACK, "What people said and what was done, one row per theme", "themes"),
    Table("commitments.csv", _COMMITMENTS, "Equality commitments, one row each"),
    Table("commitment-actions.csv", _COMMITMENTS, "Commitment action plans, one row per action", "actions"),
    Table("commitment-measures.csv", _COMMITMENTS, "How progress is measured, one row per measure", "measures"),
    Table("evaluations.csv", _EVALUATIONS, "Engagement evaluations, one row each"),
    Table(
        "evaluation-measures.csv",
        _EVALUATIONS,
        "Before-and-after measures with follow-up, one row per measure",
        "measures",
    ),
    Table("assessments.csv", _ASSESSMENTS, "Self-assessment against the Equality Framework, one row per criterion"),
)


def number(value: float) -> str:
    """Whole numbers without '.0'; others in Python's shortest exact form, the same on every machine."""
    return str(int(value)) if value.is_integer() else repr(value)


def cell(value: Any) -> str:
    """A value as CSV text: '' for nothing, ISO dates, HH:MM times, true/false, ids joined by ';'."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return number(value)
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell(item) for item in value)
    return str(value)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?(?:e[-+]?[0-9]+)?$")


def inert(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs (OWASP CSV injection advice).

    A cell starting with = + - @, a tab or a carriage return is a formula to Excel, LibreOffice
    and Google Sheets; a leading apostrophe makes it text. Plain numbers (-3.5) stay numbers."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


def _getter(column: Column) -> Callable[[BaseModel], Any]:
    """Reads a column's value from a row's model: through its groups, then the field itself."""
    *groups, name = column.path
    may_withhold = (column.owner, name) in WITHHELD_COUNTS

    def get(item: BaseModel) -> Any:
        value: Any = item
        for step in groups:
            value = getattr(value, step)
            if value is None:
                return None
        value = getattr(value, name)
        return None if may_withhold and withheld(column.owner, name, value) else value

    return get


_ROWS: IdentityMemo[list[list[str]]] = IdentityMemo()
"""Each record's rows in each table (in list order), reused under the preview while the record is unchanged."""


def _record_rows(
    table: Table, getters: list[Callable[[BaseModel], Any]], numbered: bool, key: str, model: BaseModel
) -> list[list[str]]:
    shown = published(model)
    if table.nested is None:
        return [[key, *(inert(cell(get(shown))) for get in getters)]]
    out = []
    for position, item in enumerate(getattr(shown, table.nested), start=1):
        keys = [key, str(position)] if numbered else [key]
        out.append([*keys, *(inert(cell(get(item))) for get in getters)])
    return out


def render(portal: Portal, table: Table) -> bytes:
    """The CSV file: a header row, then the rows; UTF-8 with a byte-order mark (so Excel reads '£'),
    '\\n' line endings, quoted only where needed, every cell inert. A row's text depends on that
    row alone, so each record's lines are written once and reused under the preview."""
    getters = [_getter(c) for c in table.columns()]
    numbered = "id" not in table.item_model.model_fields
    parts = [_csv([table.header()])]
    for key, model in sorted(table.dataset.entries(portal).items()):
        record_rows = _ROWS.get(
            (table.file, key),
            (model,),
            lambda: _record_rows(table, getters, numbered, key, model),  # noqa: B023 (called at once)
        )
        parts.append(_TEXT.get((table.file, key), (record_rows,), lambda: _csv(record_rows)))  # noqa: B023
    return "".join(parts).encode("utf-8-sig")


def _csv(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


_TEXT: IdentityMemo[str] = IdentityMemo()
"""Each record's lines of CSV, kept while its rows are the very same list (see _ROWS)."""
