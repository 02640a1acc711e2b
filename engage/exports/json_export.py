"""JSON open data: each record nested as in its YAML file, plus its id and resolved names.

A record's export is the model's fields in the model's order, written the way a YAML file
writes them (dates YYYY-MM-DD, times HH:MM), so that `load_records` gives back the same
records: strip `id` and `_names` and the rest validates with the same model.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from ..memo import IdentityMemo
from ..portal import Portal
from .datasets import Dataset
from .fields import describe
from .names import name_index, names
from .published import WITHHELD_COUNTS, published, withheld

NAMES_KEY = "_names"


@dataclass(frozen=True)
class _Shape:
    """What needs fixing in pydantic's JSON dump of one model to get the YAML's shape back."""

    times: tuple[str, ...]
    withheld: tuple[str, ...]
    mappings: tuple[str, ...]
    groups: tuple[tuple[str, type[BaseModel]], ...]


@cache
def _shape(model: type[BaseModel]) -> _Shape:
    docs = describe(model)
    return _Shape(
        times=tuple(d.name for d in docs if d.value_type.kind == "time"),
        withheld=tuple(d.name for d in docs if (model, d.name) in WITHHELD_COUNTS),
        mappings=tuple(d.name for d in docs if d.value_type.kind == "mapping"),
        groups=tuple(
            (d.name, inner)
            for d in docs
            if (inner := d.value_type.model or (d.value_type.item.model if d.value_type.item else None)) is not None
        ),
    )


def _fix(data: dict[str, Any], model: BaseModel) -> dict[str, Any]:
    shape = _shape(type(model))
    for name in shape.times:
        if data[name] is not None:
            data[name] = data[name][:5]  # pydantic writes 18:30:00; the YAML says 18:30
    for name in shape.withheld:
        if withheld(type(model), name, data[name]):
            data[name] = None
    for name in shape.mappings:
        data[name] = dict(sorted(data[name].items()))
    for name, _ in shape.groups:
        value, dumped = getattr(model, name), data[name]
        if isinstance(value, list):
            for item, out in zip(value, dumped, strict=True):
                _fix(out, item)
        elif value is not None:
            _fix(dumped, value)
    return data


def plain(model: BaseModel) -> dict[str, Any]:
    """A record as JSON-ready data in its YAML shape (dates YYYY-MM-DD, times HH:MM, choices as
    written), with small counts withheld (null). Pydantic's own serialiser does the bulk."""
    return _fix(model.model_dump(mode="json"), model)


_BODIES: IdentityMemo[dict[str, Any]] = IdentityMemo()
"""Each record's published fields as JSON-ready data, reused under the preview while the record is unchanged."""


def record(index: dict[str, dict[str, str]], dataset: Dataset, key: str, model: BaseModel) -> dict[str, Any]:
    """One record's export: its id, its published fields, then the names it refers to
    (`index` is `names.name_index(portal)`)."""
    body = _BODIES.get((dataset.name, key), (model,), lambda: plain(published(model)))
    if dataset.taxonomy:
        # A taxonomy entry's id is one of its own fields, so it already comes first.
        return {**body, NAMES_KEY: names(index, model)}
    return {"id": key, **body, NAMES_KEY: names(index, model)}


def document(portal: Portal, dataset: Dataset) -> dict[str, Any]:
    """The whole file for a data set: licence and provenance, then every record sorted by id."""
    settings = portal.settings
    index = name_index(portal)
    return {
        "$schema": f"{settings.base_url}{dataset.export_schema_path}",
        "title": dataset.title,
        "description": dataset.description,
        "publisher": settings.publisher,
        "licence": settings.licence,
        "licence_url": settings.licence_url,
        "attribution": attribution(portal),
        "records": [record(index, dataset, key, model) for key, model in sorted(dataset.entries(portal).items())],
    }


def attribution(portal: Portal) -> str:
    """The attribution statement the licence asks re-users to give."""
    return f"Contains public sector information published by {portal.settings.publisher}, licensed under the {portal.settings.licence}."


def dumps(data: Any) -> bytes:
    """Stable JSON: keys in the order given, two-space indents, UTF-8, a final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")


def dumps_document(data: dict[str, Any]) -> bytes:
    """A data file as stable JSON with one record per line: quick to write at 10,000 records
    (the C encoder), and a change to one record is a change to one line."""

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    lines = ["{"]
    lines += [f"  {one(key)}: {one(value)}," for key, value in data.items() if key != "records"]
    records = [f"    {one(item)}" for item in data["records"]]
    lines += ['  "records": [', ",\n".join(records), "  ]", "}"] if records else ['  "records": []', "}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def render(portal: Portal, dataset: Dataset) -> bytes:
    return dumps_document(document(portal, dataset))


def load_records(dataset: Dataset, data: dict[str, Any]) -> dict[str, BaseModel]:
    """Read an export back into models, by id (the round trip)."""
    out: dict[str, BaseModel] = {}
    for item in data["records"]:
        fields = {key: value for key, value in item.items() if key != NAMES_KEY}
        key = fields["id"] if dataset.taxonomy else fields.pop("id")
        out[key] = dataset.model.model_validate(fields)
    return out
