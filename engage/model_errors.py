"""Turn pydantic's validation errors into problems a contributor can act on."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from .problems import Problem
from .yaml_reader import Document, Path


def dotted(path: Path) -> str:
    """('impacts', 2, 'impact') -> 'impacts[2].impact', as a contributor reads it."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _model_at(model: type[BaseModel], path: Path) -> type[BaseModel] | None:
    """The nested model class that holds the last key of `path`, for 'did you mean'."""
    current: Any = model
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _innermost_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _innermost_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _innermost_model(arg)
        if found is not None:
            return found
    return None


def _found(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def problems_from(
    err: ValidationError, model: type[BaseModel], file: str, doc: Document, prefix: Path = ()
) -> list[Problem]:
    """One problem per pydantic error, placed at the offending line."""
    out: list[Problem] = []
    for detail in err.errors(include_url=False):
        # pydantic adds validator names (e.g. 'function-after[...]') to loc for some types.
        loc = tuple(p for p in detail["loc"] if isinstance(p, int) or "[" not in str(p))
        path = (*prefix, *loc)
        line, column = doc.position(path)
        kind = detail["type"]
        name = dotted(path)
        if kind == "missing":
            code, message = "missing-field", f"required field '{loc[-1]}' is missing"
        elif kind == "extra_forbidden":
            key = str(loc[-1])
            code, message = "unknown-field", f"unknown field '{key}'"
            holder = _model_at(model, loc)
            if holder is not None:
                close = difflib.get_close_matches(key, list(holder.model_fields), n=1)
                if close:
                    message += f"; did you mean '{close[0]}'?"
                else:
                    message += "; allowed: " + ", ".join(holder.model_fields)
        elif kind in {"model_type", "dict_type", "list_type"}:
            code = "wrong-type"
            want = {"list_type": "a list", "dict_type": "a mapping"}.get(kind, "a mapping of fields")
            message = f"expected {want}, found {_found(detail['input'])}"
        else:
            code = "invalid-value"
            message = detail["msg"].removeprefix("Value error, ")
            if kind == "enum":
                expected = detail.get("ctx", {}).get("expected", "")
                message = f"expected one of {expected}, found {_found(detail['input'])}"
            elif "found" not in message and not isinstance(detail["input"], (dict, list)):
                message = f"{message[0].lower()}{message[1:]}, found {_found(detail['input'])}"
        out.append(Problem(file, line, column, code, name, message))
    return out
