"""JSON Schemas generated from the models, published under /schemas/.

Two families:
- `schemas/<kind>.json` describe a data file as a contributor writes it (event, eia, feedback,
  commitment, site, and one per taxonomy). Starter files name them in a
  `# yaml-language-server: $schema=...` line, so editors can complete and check YAML.
- `schemas/open-data/<data set>.json` describe the JSON exports, so anyone can validate them.

Pydantic's defaults describe Python values, not the YAML as written, so the generator below
corrects them: dates are strings with format date, times are 'HH:MM' strings, and the checks
the models run after parsing (one line, web address, email) become patterns.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from pydantic import BaseModel, TypeAdapter
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaMode, JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from .. import models, urls
from ..disclosure import SMALL_COUNT
from ..loading import TAXONOMIES
from ..models import types as value_types
from ..output import OutputFile
from .datasets import ALL, Dataset
from .names import names_schema
from .published import WITHHELD_COUNTS

DIALECT = "https://json-schema.org/draft/2020-12/schema"
DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
TIME_PATTERN = value_types._TIME_RE.pattern
# The same rules as the validators in models/types.py, written as ECMAScript-compatible regexes.
_AFTER_PATTERNS = {
    value_types._check_one_line: r"^[^\u0000-\u0008\u000a-\u001f\u007f]*$",
    value_types._check_text: r"^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$",
    value_types._check_url: "^https?://[^\\s<>\"'`]+$",
    value_types._check_email: value_types._EMAIL_RE.pattern,
}
# Constraints pydantic leaves under their Python names when a validator wraps the type.
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}

RECORD_KINDS: dict[str, type[BaseModel]] = {
    "event": models.Event,
    "eia": models.Eia,
    "feedback": models.Feedback,
    "commitment": models.Commitment,
    "evaluation": models.Evaluation,
    "assessment": models.Assessment,
    "site": models.Settings,
}
"""Schemas for whole-file records; taxonomy files (lists of entries) get one each too."""


class YamlSchema(GenerateJsonSchema):
    """Describes values as they are written in the YAML files."""

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        return {"type": "string", "format": "date", "pattern": DAY_PATTERN}

    def time_schema(self, schema: core_schema.TimeSchema) -> JsonSchemaValue:
        return {"type": "string", "pattern": TIME_PATTERN}

    def bool_schema(self, schema: core_schema.BoolSchema) -> JsonSchemaValue:
        # The models read yes and no as true and false, as people write them.
        return {"anyOf": [{"type": "boolean"}, {"type": "string", "enum": ["yes", "no"]}]}

    def function_after_schema(self, schema: core_schema.AfterValidatorFunctionSchema) -> JsonSchemaValue:
        out = super().function_after_schema(schema)
        pattern = _AFTER_PATTERNS.get(schema["function"]["function"])  # type: ignore[arg-type]
        return {**out, "pattern": pattern} if pattern else out

    def generate(self, schema: CoreSchema, mode: JsonSchemaMode = "validation") -> JsonSchemaValue:
        fixed: JsonSchemaValue = _fix_bounds(super().generate(schema, mode))
        return fixed


def _fix_bounds(node: Any) -> Any:
    if isinstance(node, dict):
        return {
            (_BOUNDS[k] if k in _BOUNDS and isinstance(v, int | float) else k): _fix_bounds(v) for k, v in node.items()
        }
    if isinstance(node, list):
        return [_fix_bounds(item) for item in node]
    return node


def _model_schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema(schema_generator=YamlSchema)


def file_schema(name: str, base_url: str) -> dict[str, Any]:
    """The schema of one data file: a record kind, 'site', or a taxonomy's name."""
    if name in RECORD_KINDS:
        body = _model_schema(RECORD_KINDS[name])
    else:
        model = TAXONOMIES[name]
        body = TypeAdapter(list[model]).json_schema(schema_generator=YamlSchema)  # type: ignore[valid-type]
        body = {
            "title": f"{name.capitalize()} (data/taxonomies/{name}.yaml)",
            "description": f"A list of entries, each starting with '- id:'. {model.__doc__}",
            **body,
        }
    return {"$schema": DIALECT, "$id": f"{base_url}{urls.file_schema(name)}", **body}


def file_schema_names() -> list[str]:
    return [*RECORD_KINDS, *TAXONOMIES]


def _nullable(schema: dict[str, Any], why: str) -> dict[str, Any]:
    description = schema.pop("description", "")
    if {"type": "null"} in schema.get("anyOf", []):  # an optional field is nullable already
        return {**schema, "description": f"{description} {why}".strip()}
    return {"anyOf": [schema, {"type": "null"}], "description": f"{description} {why}".strip()}


def export_schema(dataset: Dataset, base_url: str) -> dict[str, Any]:
    """The schema of open-data/<data set>.json: licence details, then the records."""
    body = copy.deepcopy(_model_schema(dataset.model))
    defs: dict[str, Any] = body.pop("$defs", {})
    properties = dict(body["properties"])
    required = list(body.get("required", []))
    if not dataset.taxonomy:
        properties = {
            "id": {
                "description": "The record's id: its file name, and the last part of its web address.",
                "type": "string",
                "pattern": value_types.SLUG_PATTERN,
            },
            **properties,
        }
        required = ["id", *required]
    properties["_names"] = names_schema()
    required.append("_names")
    defs[dataset.model.__name__] = {**body, "properties": properties, "required": required}
    for owner, field in sorted(WITHHELD_COUNTS, key=lambda pair: pair[0].__name__):
        target = defs.get(owner.__name__)
        if target is not None:
            target["properties"][field] = _nullable(
                target["properties"][field], f"Empty (null) when under {SMALL_COUNT}, so nobody can be picked out."
            )
    text = {"type": "string", "minLength": 1}
    return {
        "$schema": DIALECT,
        "$id": f"{base_url}{dataset.export_schema_path}",
        "title": f"{dataset.title} (open data)",
        "description": f"{dataset.description} Each record is laid out as in its data file, with its id and the names of what it refers to.",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "$schema",
            "title",
            "description",
            "publisher",
            "licence",
            "licence_url",
            "attribution",
            "records",
        ],
        "properties": {
            "$schema": {"description": "This schema's address.", "type": "string"},
            "title": {**text, "description": "The data set's name."},
            "description": {**text, "description": "What the data set holds."},
            "publisher": {**text, "description": "The body that publishes the data."},
            "licence": {**text, "description": "The licence the data is published under."},
            "licence_url": {**text, "description": "Where the licence is published."},
            "attribution": {**text, "description": "The statement re-users should include."},
            "records": {
                "description": "Every record, sorted by id.",
                "type": "array",
                "items": {"$ref": f"#/$defs/{dataset.model.__name__}"},
            },
        },
        "$defs": dict(sorted(defs.items())),
    }


def dumps(schema: dict[str, Any]) -> bytes:
    return (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def schema_files(base_url: str) -> list[OutputFile]:
    """Every schema the site publishes."""
    return list(_schema_files(base_url))


@cache
def _schema_files(base_url: str) -> tuple[OutputFile, ...]:
    # The schemas follow from the models and the site's address alone: made once per process.
    out = [OutputFile(urls.file_schema(name), dumps(file_schema(name, base_url))) for name in file_schema_names()]
    out += [OutputFile(d.export_schema_path, dumps(export_schema(d, base_url))) for d in ALL]
    return tuple(out)
