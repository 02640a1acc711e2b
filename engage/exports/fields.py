"""What each field of a model holds, read from the models themselves.

The data dictionary, the CSV columns and the contributors' field reference are all
generated from this, so they cannot drift from what `engage validate` accepts.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from datetime import date, time
from enum import Enum
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from ..models import types as value_types


@dataclass(frozen=True)
class ValueType:
    """The kind of value a field takes, in terms a contributor knows."""

    kind: str
    """date, time, id, line, text, url, email, count, integer, number, percent, boolean, choice,
    string, list, mapping or group."""
    item: ValueType | None = None
    """What a list or mapping holds."""
    model: type[BaseModel] | None = None
    """The model of a group of fields."""
    choices: tuple[str, ...] = ()
    """The allowed values of a choice."""
    low: float | None = None
    high: float | None = None

    @property
    def scalar(self) -> bool:
        return self.kind not in {"list", "mapping", "group"}

    def words(self) -> str:
        """The type in plain words: 'date (YYYY-MM-DD)', 'list of ids'."""
        if self.kind == "list" and self.item is not None:
            return f"list of {self.item.plural()}"
        if self.kind == "mapping" and self.item is not None:
            return f"mapping of ids to {self.item.plural()}"
        if self.kind == "group" and self.model is not None:
            return "group of fields"
        if self.kind == "choice":
            return "one of " + ", ".join(self.choices)
        if self.kind in {"number", "integer"} and (self.low is not None or self.high is not None):
            return f"{_WORDS[self.kind]}, {_bounds(self.low, self.high)}"
        return _WORDS[self.kind]

    def plural(self) -> str:
        if self.kind == "group" and self.model is not None:
            return "groups of fields"
        if self.kind == "choice":
            return "values, each one of " + ", ".join(self.choices)
        return _PLURALS.get(self.kind, self.words())


_WORDS = {
    "date": "date (YYYY-MM-DD)",
    "time": "time (24-hour HH:MM)",
    "id": "id (lower-case letters, digits and hyphens)",
    "line": "text on one line",
    "text": "text, may run over several lines",
    "url": "web address (https://…)",
    "email": "email address (a role mailbox)",
    "count": "whole number, 0 or more",
    "integer": "whole number",
    "number": "number",
    "percent": "per cent, 0 to 100",
    "boolean": "true or false",
    "string": "text",
}
_PLURALS = {
    "date": "dates (YYYY-MM-DD)",
    "time": "times (HH:MM)",
    "id": "ids",
    "line": "one-line texts",
    "url": "web addresses",
    "email": "email addresses",
    "count": "whole numbers",
    "number": "numbers",
    "percent": "percentages",
}


def _bounds(low: float | None, high: float | None) -> str:
    def show(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else str(value)

    if low is not None and high is not None:
        return f"{show(low)} to {show(high)}"
    if low is not None:
        return f"{show(low)} or more"
    assert high is not None
    return f"{show(high)} or less"


@dataclass(frozen=True)
class FieldDoc:
    """One field of a model, as the documentation shows it."""

    name: str
    value_type: ValueType
    required: bool
    default: Any
    description: str


def _flatten_metadata(items: tuple[Any, ...] | list[Any]) -> list[Any]:
    # Nested Annotated aliases keep their constraints inside a FieldInfo; lift them out.
    out: list[Any] = []
    for item in items:
        inner = getattr(item, "metadata", None)
        if isinstance(inner, list) and type(item).__name__ == "FieldInfo":
            out.extend(_flatten_metadata(inner))
        else:
            out.append(item)
    return out


def value_type(annotation: Any, metadata: tuple[Any, ...] | list[Any] = ()) -> ValueType:
    """The ValueType of an annotation with its constraints (a field's annotation and metadata)."""
    meta = _flatten_metadata(metadata)
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return value_type(base, [*meta, *extra])
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(annotation) if a is not type(None)]
        return value_type(options[0], meta)
    if origin is list:
        return ValueType("list", item=value_type(get_args(annotation)[0]))
    if origin is dict:
        return ValueType("mapping", item=value_type(get_args(annotation)[1]))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return ValueType("group", model=annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return ValueType("choice", choices=tuple(str(member.value) for member in annotation))
    funcs = {getattr(m, "func", None) for m in meta}
    low = next((float(m.ge) for m in meta if getattr(m, "ge", None) is not None), None)
    high = next((float(m.le) for m in meta if getattr(m, "le", None) is not None), None)
    if annotation is bool:
        return ValueType("boolean")
    if annotation is date:
        return ValueType("date")
    if annotation is time:
        return ValueType("time")
    if annotation is int:
        return ValueType("count") if low == 0 and high is None else ValueType("integer", low=low, high=high)
    if annotation is float:
        if low == 0 and high == 100:
            return ValueType("percent")
        return ValueType("number", low=low, high=high)
    if annotation is str:
        if value_types._check_url in funcs:
            return ValueType("url")
        if value_types._check_email in funcs:
            return ValueType("email")
        if any(getattr(m, "pattern", None) == value_types.SLUG_PATTERN for m in meta):
            return ValueType("id")
        if value_types._check_one_line in funcs:
            return ValueType("line")
        if value_types._check_text in funcs:
            return ValueType("text")
        return ValueType("string")
    raise TypeError(f"no documentation rule for {annotation!r}")


@cache
def describe(model: type[BaseModel]) -> tuple[FieldDoc, ...]:
    """Every field of `model`, in the order the model declares them (worked out once per model)."""
    out = []
    for name, info in model.model_fields.items():
        default: Any = None
        if not info.is_required():
            default = info.get_default(call_default_factory=True) if info.default is PydanticUndefined else info.default
        out.append(
            FieldDoc(
                name=name,
                value_type=value_type(info.annotation, info.metadata),
                required=info.is_required(),
                default=default,
                description=(info.description or "").strip(),
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class Column:
    """One column of a flat CSV table: a scalar field, or a list of scalars, possibly nested in groups."""

    name: str
    path: tuple[str, ...]
    value_type: ValueType
    description: str
    owner: type[BaseModel]
    """The model that declares the field, for rules such as small-count suppression."""


def flat_columns(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[Column]:
    """Columns for one row per `model` instance: groups are spread out as dotted names
    ('consultation.opens'); lists of groups and mappings are left to their own tables."""
    out: list[Column] = []
    for doc in describe(model):
        path = (*prefix, doc.name)
        if doc.value_type.kind == "group" and doc.value_type.model is not None:
            out.extend(flat_columns(doc.value_type.model, path))
        elif doc.value_type.kind == "mapping" or (
            doc.value_type.kind == "list" and doc.value_type.item and not doc.value_type.item.scalar
        ):
            continue
        else:
            out.append(Column(".".join(path), path, doc.value_type, doc.description, model))
    return out


def nested_lists(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Paths of the lists of groups inside `model` (which flat tables leave out)."""
    out: list[tuple[str, ...]] = []
    for doc in describe(model):
        path = (*prefix, doc.name)
        if doc.value_type.kind == "group" and doc.value_type.model is not None:
            out.extend(nested_lists(doc.value_type.model, path))
        elif doc.value_type.kind == "list" and doc.value_type.item is not None and doc.value_type.item.kind == "group":
            out.append(path)
    return out
