"""Safe YAML reading with a position for every value.

PyYAML's event stream is walked by hand instead of using a loader, so that:
- every value keeps its line and column (errors can point at the field);
- duplicate keys, explicit tags (`!!python/object`), anchors and aliases (the
  billion-laughs bomb) and several documents in one file are refused;
- scalars follow YAML 1.2's core schema, not 1.1: `18:30`, `no`, `2026-12-03` and
  `0755` stay strings, so a model decides what they mean and can say so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 30
MAX_NODES = 50_000

Path = tuple[str | int, ...]

_INT_RE = re.compile(r"^[-+]?[0-9]+$")
_FLOAT_RE = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?:\.[0-9]*)?[eE][-+]?[0-9]+)$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass
class Document:
    """A parsed YAML file: its value and where each part of it came from."""

    value: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path) -> tuple[int, int]:
        """The line and column of `path`, or of its nearest ancestor that exists."""
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))


class YamlProblem(Exception):
    """A file that cannot be read as safe YAML; carries a code and a position."""

    def __init__(self, code: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column


def _pos(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _plain_scalar(text: str) -> Any:
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT_RE.match(text):
        return int(text)
    if _FLOAT_RE.match(text):
        return float(text)
    return text


def decode(raw: bytes) -> str:
    """Bytes to text, refusing what an editor would not show plainly."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlProblem(
            "file-too-large",
            f"file is {len(raw):,} bytes; a record file may be at most {MAX_FILE_BYTES:,} bytes",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlProblem(
            "encoding-error", "file starts with a byte-order mark; save it as UTF-8 without BOM"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise YamlProblem(
            "encoding-error",
            f"byte 0x{raw[err.start]:02x} is not valid UTF-8; save the file as UTF-8",
            line,
            column,
        ) from None
    if "\x00" in text:
        raise YamlProblem("encoding-error", "file contains a NUL character")
    return text


def parse(text: str) -> Document:
    """Parse one YAML document into plain values with positions."""
    doc = Document(value=None)
    stack: list[tuple[Any, Path, Any]] = []  # (container, path, pending key)
    nodes = 0
    documents = 0
    root_set = False

    def place(value: Any, mark: Any) -> Path:
        nonlocal root_set
        if not stack:
            doc.value = value
            root_set = True
            path: Path = ()
            doc.positions[path] = _pos(mark)
            return path
        container, cpath, pending = stack[-1]
        if isinstance(container, list):
            path = (*cpath, len(container))
            container.append(value)
            doc.positions[path] = _pos(mark)
            return path
        # A mapping: the first scalar is the key, the next node its value.
        assert pending is not None
        key, key_mark = pending
        path = (*cpath, key)
        container[key] = value
        stack[-1] = (container, cpath, None)
        doc.positions.setdefault(path, _pos(key_mark))
        return path

    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise YamlProblem(
                        "yaml-syntax", "a file holds one record; found a second document ('---')",
                        *_pos(event.start_mark),
                    )
                continue
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlProblem(
                    "yaml-alias",
                    "anchors and aliases (& and *) are not allowed; write the value out in full",
                    *_pos(event.start_mark),
                )
            tag = getattr(event, "tag", None)
            if tag is not None and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
                raise YamlProblem(
                    "yaml-tag", f"tags such as {tag!r} are not allowed; write a plain value",
                    *_pos(event.start_mark),
                )
            nodes += 1
            if nodes > MAX_NODES:
                raise YamlProblem("file-too-large", f"file has more than {MAX_NODES:,} values")
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                stack.pop()
                continue
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(
                    "too-deep", f"values are nested more than {MAX_DEPTH} levels deep",
                    *_pos(event.start_mark),
                )
            if isinstance(event, yaml.ScalarEvent):
                if event.implicit[0]:
                    value: Any = _plain_scalar(event.value)
                else:
                    value = event.value
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                    # This scalar is a key.
                    container, cpath, _ = stack[-1]
                    if not isinstance(value, str):
                        value = event.value
                    if value in container:
                        raise YamlProblem(
                            "duplicate-key",
                            f"key {value!r} appears twice in the same block; keep one",
                            *_pos(event.start_mark),
                        )
                    stack[-1] = (container, cpath, (value, event.start_mark))
                    continue
                place(value, event.start_mark)
                continue
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                if stack and isinstance(stack[-1][0], dict) and stack[-1][2] is None:
                    raise YamlProblem(
                        "yaml-syntax", "a key must be a plain word, not a list or mapping",
                        *_pos(event.start_mark),
                    )
                new: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                path = place(new, event.start_mark)
                stack.append((new, path, None))
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = _pos(mark) if mark else (1, 1)
        what = err.problem or "not valid YAML"
        raise YamlProblem("yaml-syntax", f"{what} (check indentation, colons and quotes)", line, column) from None
    except yaml.YAMLError as err:
        raise YamlProblem("yaml-syntax", f"not valid YAML: {err}") from None
    if not root_set:
        raise YamlProblem("empty-file", "file is empty")
    return doc


def read(raw: bytes) -> Document:
    """Decode and parse a file's bytes."""
    return parse(decode(raw))
