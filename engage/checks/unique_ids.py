"""Ids must be unique: they are URLs and calendar UIDs."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..loading import Loaded
from ..problems import Problem
from ..records import Record


def _duplicates(records: Iterable[Record[Any]], what: str) -> list[Problem]:
    seen: dict[str, Record[Any]] = {}
    out: list[Problem] = []
    for record in records:
        first = seen.setdefault(record.id, record)
        if first is not record:
            out.append(
                record.problem(
                    "duplicate-id",
                    ("id",) if record.base else (),
                    f"{what} id '{record.id}' is already used by {_where(first)}",
                )
            )
    return out


def _where(record: Record[Any]) -> str:
    """The first holder of an id: its file, and its line when it is an entry in a taxonomy file."""
    if not record.base:
        return record.file
    return f"{record.file} line {record.doc.position(record.base)[0]}"


def check(loaded: Loaded) -> list[Problem]:
    out = _duplicates(loaded.events, "event")
    out += _duplicates(loaded.eias, "EIA")
    out += _duplicates(loaded.feedback, "feedback")
    out += _duplicates(loaded.commitments, "commitment")
    out += _duplicates(loaded.evaluations, "evaluation")
    for name, entries in loaded.taxonomies.items():
        out += _duplicates(entries, name.rstrip("s"))
    for record in loaded.taxonomies.get("characteristics", []):
        categories = [c.id for c in record.model.categories]
        for index, category in enumerate(categories):
            if category in categories[:index]:
                out.append(
                    record.problem("duplicate-id", ("categories", index, "id"), f"category '{category}' appears twice")
                )
    action_holders: list[Record[Any]] = [*loaded.eias, *loaded.commitments]
    for holder in action_holders:
        out += _duplicate_parts(holder, "actions")
    for holder in loaded.commitments:
        out += _duplicate_parts(holder, "measures")
    for holder in loaded.feedback:
        out += _duplicate_parts(holder, "themes")
    for evaluation in loaded.evaluations:
        out += _duplicate_parts(evaluation, "measures")
    return out


def _duplicate_parts(record: Record[Any], field: str) -> list[Problem]:
    ids = [part.id for part in getattr(record.model, field)]
    return [
        record.problem("duplicate-id", (field, index, "id"), f"'{part_id}' is used twice in {field}")
        for index, part_id in enumerate(ids)
        if part_id in ids[:index]
    ]
