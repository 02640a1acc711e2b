"""Turn pydantic's validation errors into problems a contributor can act on."""

from __future__ import annotations

import difflib
import re
from typing import Any

from pydantic import BaseModel, ValidationError

from .ids import slugify
from .models.types import SLUG_PATTERN
from .problems import Problem
from .yaml_reader import Document, Path

_VALIDATOR_STEP = re.compile(
    r"^(?:function-(?:after|before|wrap|plain)|constrained-\w+|list|set|dict|union|tagged-union|"
    r"lax-or-strict|json-or-python|nullable|chain|default|is-instance|lax|strict)\[.*\]$|^constrained-\w+$"
)


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
    """A value as the contributor wrote it in YAML, shortened."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping of fields"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


_SLUG_HELP = "an id of lower-case letters, digits and single hyphens, such as 'north-ward'"
_WANT = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}
"""What each pydantic type error expected, in a contributor's words."""
_BOUNDS = {
    "greater_than_equal": ("ge", "{} or more"),
    "greater_than": ("gt", "more than {}"),
    "less_than_equal": ("le", "{} or less"),
    "less_than": ("lt", "less than {}"),
}


def _one_name(value: Any) -> bool:
    """A single name ('Healthwatch Calderbrook'), not several ids run together ('a - b', 'a, b')."""
    return isinstance(value, str) and bool(slugify(value)) and not re.search(r"\s-\s|[,;]", value)


def _message(kind: str, detail: Any) -> str:
    """Say what was expected and what was found, for every error pydantic raises on our types."""
    value = detail["input"]
    ctx = detail.get("ctx", {})
    found = _found(value)
    if kind in _WANT:
        return f"expected {_WANT[kind]}, found {found}"
    if kind in _BOUNDS:
        key, want = _BOUNDS[kind]
        return f"expected {want.format(ctx[key])}, found {found}"
    if kind == "enum":
        return f"expected one of {ctx.get('expected', '')}, found {found}"
    if kind == "string_too_short":
        if value == "":
            return "expected some text, found an empty value"
        return f"expected at least {ctx['min_length']:,} characters, found {len(value):,}"
    if kind == "string_too_long":
        return f"expected at most {ctx['max_length']:,} characters, found {len(value):,}"
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == SLUG_PATTERN and _one_name(value):
        # A name written where an id belongs: say exactly what to write instead.
        return f"an id is written in lower case with hyphens: write {slugify(value)}, found {found}"
    if kind == "string_pattern_mismatch":
        want = _SLUG_HELP if ctx.get("pattern") == SLUG_PATTERN else f"text matching {ctx.get('pattern')}"
        return f"expected {want}, found {found}"
    if kind == "too_short":
        if not value:
            return "expected at least one entry, found an empty list"
        return f"expected at least {ctx['min_length']} entries, found {ctx['actual_length']}"
    if kind == "too_long":
        return f"expected at most {ctx['max_length']} entries, found {ctx['actual_length']}"
    message = str(detail["msg"]).removeprefix("Value error, ")
    message = message[0].lower() + message[1:]
    if kind == "value_error" and message.endswith(f"found {value!r}"):
        # Our own validators say 'found ...' already; spell the value the YAML way.
        return message.removesuffix(f"found {value!r}") + f"found {found}"
    if repr(value) in message or "found" in message:
        return message
    return f"{message}, found {found}"


def _as_list_help(key: str, value: str) -> str:
    """'areas: Fernside' -> how to write a list, with the contributor's own value as the example."""
    example = slugify(value) or value
    return (
        f"write this as a list: '{key}:' on its own line, then each entry on a line below it "
        f"starting with '- ', such as '- {example}', found {_found(value)}"
    )


def problems_from(
    err: ValidationError, model: type[BaseModel], file: str, doc: Document, prefix: Path = ()
) -> list[Problem]:
    """One problem per pydantic error, placed at the offending line."""
    out: list[Problem] = []
    for detail in err.errors(include_url=False):
        # pydantic adds validator names (e.g. 'function-after[...]') to loc for some types; a
        # contributor's own key may hold brackets too ('topics[0]'), so only pydantic's are dropped.
        loc = tuple(p for p in detail["loc"] if isinstance(p, int) or not _VALIDATOR_STEP.match(p))
        if not loc:
            loc = tuple(detail["loc"][-1:])
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
        elif kind in {"model_type", "model_attributes_type", "dict_type", "list_type"}:
            code = "wrong-type"
            want = "a list" if kind == "list_type" else "a mapping of fields ('name: value' lines)"
            message = f"expected {want}, found {_found(detail['input'])}"
            if kind == "list_type" and isinstance(detail["input"], str) and loc:
                message = _as_list_help(str(loc[-1]), detail["input"])
        else:
            code, message = "invalid-value", _message(kind, detail)
        out.append(Problem(file, line, column, code, name, message))
    return out
