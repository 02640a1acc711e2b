"""Script-injection payloads, and a walk that puts one into every free-text and URL field.

Fields are found from the pydantic models, not listed by hand: a field added later is
covered (or makes the coverage test fail) without touching this file. Each field gets its
own payload with its own marker (PWN001, PWN002 ...), so one build holds the whole corpus
and any finding names the field it came from.
"""

from __future__ import annotations

import itertools
import json
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from engage.models.commitment import Commitment
from engage.models.eia import Eia
from engage.models.event import Event
from engage.models.feedback import Feedback
from engage.models.types import Line, Text, Url
from engage.yaml_reader import read

MODELS: dict[str, type[BaseModel]] = {"events": Event, "eias": Eia, "feedback": Feedback, "commitments": Commitment}
KINDS = {id(Line): "line", id(Text): "text", id(Url): "url"}

# Strings the model types but other checks give a meaning to, so a payload there is a
# different mistake (an unknown zone, a broken reference), not an injection.
NOT_FREE_TEXT = {
    "Event.timezone": "an IANA time-zone name, checked against the zone database",
    "Theme.actions[]": "references to actions (eia-id/action-id), checked as references",
}

# {id} is the field's marker. Every payload, if it ever ran, would call __pwned or alert.
ACCEPTED: dict[str, list[str]] = {
    "line": [
        '<script>__pwned("{id}")</script>',
        '"><img src=x data-pwn="{id}" onerror="__pwned(\'{id}\')">',
        '\'><svg data-pwn="{id}" onload="__pwned(\'{id}\')"></svg>',
        '" autofocus onfocus="__pwned(\'{id}\')" data-pwn="{id}" x="',
        '<i data-pwn="{id}">{id}</i></title><script>alert("{id}")</script>',
        '</script><script>__pwned("{id}")</script><!--',
        '<a href="javascript:__pwned(\'{id}\')" data-pwn="{id}">{id}</a>',
        "{{{{ config }}}} {{% raw %}} {id} &amp; &lt;b&gt;",
        "Title {id}\u2028X-PWN-{id}:1\u2029SUMMARY:{id}",
        "Semi;colon,comma {id};X-PWN-{id}=1:value\\nEND:VEVENT",
    ],
    "text": [
        '<script>__pwned("{id}")</script>',
        '<img src=x data-pwn="{id}" onerror="__pwned(\'{id}\')">',
        "[click {id}](javascript:__pwned('{id}'))",
        '<a href="javascript:__pwned(\'{id}\')" data-pwn="{id}">link {id}</a>',
        '<details open data-pwn="{id}" ontoggle="__pwned(\'{id}\')">x</details>',
        "Line one {id}\r\nX-PWN-{id}:injected\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nEND:VALARM",
        "Line one {id}\nDESCRIPTION:X-PWN-{id}\n\nATTACH:https://evil.example/{id}",
        '<iframe data-pwn="{id}" src="javascript:__pwned(\'{id}\')"></iframe>',
        '<style>body{{display:none}}</style><b data-pwn="{id}" style="x:expression(__pwned(\'{id}\'))">{id}</b>',
    ],
    "url": [
        "https://example.org/{id}?q=%22%3E%3Cscript%3E__pwned(1)%3C/script%3E",
        "https://example.org/{id}#javascript:__pwned(1)",
        "http://example.org/{id}/&quot;onmouseover=__pwned(1)",
    ],
}
REJECTED: dict[str, list[str]] = {
    "line": [
        "Title {id}\r\nX-PWN-{id}:1",
        "Title {id}\nBEGIN:VEVENT",
        "Title {id}\rUID:{id}",
    ],
    "url": [
        "javascript:__pwned('{id}')",
        "JaVaScRiPt:__pwned('{id}')",
        "data:text/html,<script>__pwned('{id}')</script>",
        'https://example.org/{id}"onmouseover="__pwned(1)',
        "https://example.org/{id} onmouseover=__pwned(1)",
        "https://example.org/{id}#'onmouseover='__pwned(1)",
    ],
}


@dataclass(frozen=True)
class Injected:
    """One payload in one field of one record."""

    file: str
    """The record's file, relative to the data folder."""
    field: str
    """The field as problems name it: consultation.options[0].title."""
    schema_path: str
    """The field in the model, without list positions: Option.title."""
    kind: str
    marker: str
    payload: str


def _unwrap(annotation: Any) -> list[Any]:
    """The types inside Optional/Union."""
    if get_origin(annotation) in (Union, types.UnionType):
        return [arg for arg in get_args(annotation) if arg is not type(None)]
    return [annotation]


def _hints(model: type[BaseModel]) -> dict[str, Any]:
    return typing.get_type_hints(model, include_extras=True)


def _kind(annotation: Any) -> str | None:
    return KINDS.get(id(annotation))


def string_fields(model: type[BaseModel]) -> dict[str, str]:
    """Every free-text and URL field a model (and the models inside it) has: schema path -> kind."""
    out: dict[str, str] = {}
    for name, hint in _hints(model).items():
        for option in _unwrap(hint):
            suffix = ""
            if get_origin(option) is list:
                option, suffix = get_args(option)[0], "[]"
            if isinstance(option, type) and issubclass(option, BaseModel):
                out.update(string_fields(option))
            elif (kind := _kind(option)) is not None:
                out[f"{model.__name__}.{name}{suffix}"] = kind
    return out


def walk(
    value: Any, model: type[BaseModel], path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """(path in the data, schema path, kind) of every string in free-text and URL fields of `value`."""
    hints = _hints(model)
    for key, item in value.items():
        hint = hints.get(key)
        if hint is None:
            continue
        for option in _unwrap(hint):
            if get_origin(option) is list and isinstance(item, list):
                inner = get_args(option)[0]
                for index, element in enumerate(item):
                    if isinstance(inner, type) and issubclass(inner, BaseModel) and isinstance(element, dict):
                        yield from walk(element, inner, (*path, key, index))
                    elif (kind := _kind(inner)) is not None and isinstance(element, str):
                        yield (*path, key, index), f"{model.__name__}.{key}[]", kind
                break
            if isinstance(option, type) and issubclass(option, BaseModel) and isinstance(item, dict):
                yield from walk(item, option, (*path, key))
                break
            if (kind := _kind(option)) is not None and isinstance(item, str):
                yield (*path, key), f"{model.__name__}.{key}", kind
                break


def dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _set(data: Any, path: tuple[str | int, ...], value: str) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def load(path: Path) -> Any:
    """A record as plain values, read the way Engage reads it (YAML 1.2: 18:30 stays a string)."""
    return read(path.read_bytes()).value


def save(path: Path, data: Any) -> None:
    """JSON is YAML: every string is quoted and every control character escaped."""
    path.write_text(json.dumps(data, indent=2, ensure_ascii=True) + "\n", encoding="utf-8")


def deep_merge(base: Any, extra: Any) -> Any:
    if isinstance(base, dict) and isinstance(extra, dict):
        return {**base, **{k: deep_merge(base.get(k), v) for k, v in extra.items()}}
    return extra


def records(data: Path) -> Iterator[tuple[Path, type[BaseModel]]]:
    for folder, model in sorted(MODELS.items()):
        for path in sorted((data / folder).rglob("*.yaml")):
            yield path, model


def inject(data: Path, corpus: dict[str, list[str]], overlays: dict[str, Any] | None = None) -> list[Injected]:
    """Put a payload from `corpus` into every field of every record whose kind it has.

    Payloads go round each kind's list, so every payload is used and no two fields share
    a marker. `overlays` (file -> extra fields) first fills optional fields the example
    records leave out, so that every field of every model gets a payload.
    """
    counter = itertools.count(1)
    cycles = {kind: itertools.cycle(payloads) for kind, payloads in corpus.items()}
    out = []
    for path, model in records(data):
        rel = path.relative_to(data).as_posix()
        value = deep_merge(load(path), (overlays or {}).get(rel, {}))
        for where, schema_path, kind in list(walk(value, model)):
            if kind not in cycles or schema_path in NOT_FREE_TEXT:
                continue
            marker = f"PWN{next(counter):03d}"
            payload = next(cycles[kind]).format(id=marker)
            _set(value, where, payload)
            out.append(Injected(rel, dotted(where), schema_path, kind, marker, payload))
        save(path, value)
    return out


def apply_overlays(data: Path, overlays: dict[str, Any]) -> None:
    """Fill the optional fields with plain values: the clean build to compare feeds with."""
    for rel, extra in overlays.items():
        path = data / rel
        save(path, deep_merge(load(path), extra))
