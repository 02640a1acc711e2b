"""Safe YAML reading with a position for every value.

PyYAML's event stream is walked by hand instead of using a loader, so that:
- every value keeps its line and column (errors can point at the field);
- duplicate keys, explicit tags (`!!python/object`), anchors and aliases (the
  billion-laughs bomb) and several documents in one file are refused;
- scalars follow YAML 1.2's core schema, not 1.1: `18:30`, `no`, `2026-12-03` and
  `0755` stay strings, so a model decides what they mean and can say so.
"""

from __future__ import annotations

import errno
import os
import re
import stat
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
_WORDS: dict[str, Any] = {**dict.fromkeys(_NULLS), **dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}
_NUMBER_START = frozenset("+-.0123456789")
_MAX_INT_DIGITS = 100


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


def _tag_as_written(tag: str) -> str:
    # PyYAML expands '!!str' to 'tag:yaml.org,2002:str'; show what the contributor typed.
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _plain_scalar(text: str) -> Any:
    if text in _WORDS:
        return _WORDS[text]
    # Only text starting like a number can be one; most values are words and stop here.
    if text[0] not in _NUMBER_START:
        return text
    if _INT_RE.match(text):
        # Python refuses to convert more than 4,300 digits; no real value is that long, so
        # leave it as text and let the model say it expected a number.
        return int(text) if len(text) <= _MAX_INT_DIGITS else text
    if _FLOAT_RE.match(text):
        return float(text)
    return text


def _too_large(size: int) -> YamlProblem:
    return YamlProblem(
        "file-too-large", f"file is {size:,} bytes; a record file may be at most {MAX_FILE_BYTES:,} bytes"
    )


def read_limited(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes, never following a symbolic link and never reading past the size limit.

    The size is checked before reading and at most one byte past the limit is read, so a
    2 GB file costs nothing; O_NOFOLLOW refuses a link swapped in after the folder was listed."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise YamlProblem("symlink", "file is a symbolic link; put the file itself in the data folder") from None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise YamlProblem("unexpected-file", "not a regular file; put a plain .yaml file here")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(info.st_size)
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:  # it grew while being read
        raise _too_large(len(raw))
    return raw


def decode(raw: bytes) -> str:
    """Bytes to text, refusing what an editor would not show plainly."""
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(len(raw))
    if raw.startswith(b"\xef\xbb\xbf"):
        raise YamlProblem("encoding-error", "file starts with a byte-order mark; save it as UTF-8 without BOM")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem("encoding-error", "file is saved as UTF-16; save it as UTF-8")
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
        raise YamlProblem(
            "encoding-error",
            "file contains a NUL character; save it as plain UTF-8 text",
            *_line_col(text, text.index("\x00")),
        )
    return text


# libyaml's parser is about twenty times faster than PyYAML's own and yields the same events;
# PyYAML's is kept for reporting syntax errors, whose wording and positions it gives best.
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader


def parse(text: str) -> Document:
    """Parse one YAML document into plain values with positions."""
    try:
        return _walk(yaml.parse(text, Loader=_FAST_LOADER))
    except yaml.YAMLError:
        pass
    try:
        return _walk(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as err:
        raise _syntax_problem(err, text) from None
    except yaml.reader.ReaderError as err:
        # A character YAML forbids (U+FFFE, a C1 control ...): one line, at its position.
        char = err.character if isinstance(err.character, str) else chr(err.character)
        raise YamlProblem(
            "encoding-error",
            f"the file contains the character U+{ord(char):04X}, which YAML does not allow; remove it",
            *_line_col(text, err.position),
        ) from None
    except yaml.YAMLError as err:
        raise YamlProblem("yaml-syntax", f"not valid YAML: {err}") from None


def _walk(events: Any) -> Document:
    # The hot loop of every build: one pass over the events, the commonest kinds tested first,
    # no helper calls per value. A frame is [container, its path, the pending key and its mark].
    doc = Document(value=None)
    positions = doc.positions
    stack: list[list[Any]] = []
    nodes = 0
    documents = 0
    root_set = False
    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            mark = event.start_mark
            if event.anchor is not None:
                raise YamlProblem(
                    "yaml-alias",
                    "anchors and aliases (& and *) are not allowed; write the value out in full",
                    mark.line + 1,
                    mark.column + 1,
                )
            tag = event.tag
            if tag is not None and not (kind is yaml.ScalarEvent and tag == "!"):
                raise YamlProblem(
                    "yaml-tag",
                    f"tags such as '{_tag_as_written(tag)}' are not allowed; write a plain value, in quotes if need be",
                    mark.line + 1,
                    mark.column + 1,
                )
            nodes += 1
            if nodes > MAX_NODES:
                raise YamlProblem(
                    "file-too-large",
                    f"file has more than {MAX_NODES:,} values; a record needs far fewer",
                    mark.line + 1,
                    mark.column + 1,
                )
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(
                    "too-deep", f"values are nested more than {MAX_DEPTH} levels deep", mark.line + 1, mark.column + 1
                )
            frame = stack[-1] if stack else None
            container: Any = frame[0] if frame is not None else None
            if kind is yaml.ScalarEvent:
                text = event.value
                value: Any = _plain_scalar(text) if event.implicit[0] else text
                if frame is not None and frame[2] is None and type(container) is dict:
                    # This scalar is a key.
                    key = value if type(value) is str else text
                    if key in container:
                        first = positions.get((*frame[1], key), (0, 0))[0]
                        raise YamlProblem(
                            "duplicate-key",
                            f"key {key!r} appears twice in the same block (first on line {first}); keep one",
                            mark.line + 1,
                            mark.column + 1,
                        )
                    frame[2] = key
                    frame[3] = mark
                    continue
            else:
                if frame is not None and frame[2] is None and type(container) is dict:
                    raise YamlProblem(
                        "yaml-syntax",
                        "a key must be a plain word, not a list or mapping",
                        mark.line + 1,
                        mark.column + 1,
                    )
                value = {} if kind is yaml.MappingStartEvent else []
            # Place the value in its container; a mapping value sits at its key's position.
            if frame is None:
                doc.value = value
                root_set = True
                path: Path = ()
                positions[path] = (mark.line + 1, mark.column + 1)
            elif type(container) is list:
                path = (*frame[1], len(container))
                container.append(value)
                positions[path] = (mark.line + 1, mark.column + 1)
            else:
                key = frame[2]
                key_mark = frame[3]
                path = (*frame[1], key)
                container[key] = value
                frame[2] = None
                if path not in positions:
                    positions[path] = (key_mark.line + 1, key_mark.column + 1)
            if kind is not yaml.ScalarEvent:
                stack.append([value, path, None, None])
            continue
        if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            nodes += 1
            if nodes > MAX_NODES:
                mark = event.start_mark
                raise YamlProblem(
                    "file-too-large",
                    f"file has more than {MAX_NODES:,} values; a record needs far fewer",
                    mark.line + 1,
                    mark.column + 1,
                )
            stack.pop()
            continue
        if kind is yaml.AliasEvent:
            raise YamlProblem(
                "yaml-alias",
                "anchors and aliases (& and *) are not allowed; write the value out in full",
                *_pos(event.start_mark),
            )
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise YamlProblem(
                    "yaml-syntax",
                    "a file holds one record; found a second document ('---')",
                    *_pos(event.start_mark),
                )
    if not root_set:
        raise YamlProblem("empty-file", "file is empty")
    return doc


def _opening_quote(line: str) -> int | None:
    """Where a value opens with a quote: after 'key: ', '- ' or the start of the line.

    A hand-written scan rather than a regular expression: backtracking over a line of
    '- - - ...' or ': : : ...' made one 250 KB file cost minutes."""
    size = len(line)
    i = 0
    while i < size and line[i].isspace():
        i += 1
    # '- ' list markers, any number of them.
    while i + 1 < size and line[i] == "-" and line[i + 1].isspace():
        i += 1
        while i < size and line[i].isspace():
            i += 1
    if i >= size:
        return None
    if line[i] in "'\"":
        return i
    if line[i] in "#[]{},":
        return None
    comment = line.find("#", i)
    end = size if comment < 0 else comment
    colon = line.find(":", i + 1, end)
    while colon >= 0:
        j = colon + 1
        while j < size and line[j].isspace():
            j += 1
        if j > colon + 1 and j < size and line[j] in "'\"":
            return j
        colon = line.find(":", max(j, colon + 1), end)
    return None


def _closes_double(rest: str) -> bool:
    """Whether a double-quoted value closes in `rest`; one pass, so a line of backslashes stays cheap."""
    escaped = False
    for char in rest:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            return True
    return False


def _unclosed_quote(text: str, last_line: int) -> tuple[int, int, str] | None:
    """The first line up to `last_line` whose value opens a quote that the line never closes."""
    for number, line in enumerate(text.split("\n")[:last_line], start=1):
        at = _opening_quote(line)
        if at is None:
            continue
        quote = line[at]
        rest = line[at + 1 :]
        # Inside double quotes \" is an escaped quote; inside single quotes '' is.
        closed = _closes_double(rest) if quote == '"' else "'" in rest.replace("''", "")
        if not closed:
            return number, at + 1, quote
    return None


_BRACKETS = {"flow sequence": ("list", "[", "]"), "flow mapping": ("mapping", "{", "}")}


def _syntax_problem(err: yaml.MarkedYAMLError, text: str) -> YamlProblem:
    """PyYAML's parser jargon turned into a sentence about the line that needs fixing."""
    mark = err.problem_mark or err.context_mark
    line, column = _pos(mark) if mark else (1, 1)
    problem = err.problem or "not valid YAML"
    context = err.context or ""
    if context == "while scanning a quoted scalar" or problem.startswith("expected <block end>, but found '<scalar>'"):
        quote = _unclosed_quote(text, line)
        if quote is not None:
            q_line, q_column, q = quote
            return YamlProblem(
                "yaml-syntax",
                f"the quote ({q}) that opens this value is not closed on the same line; close it, or leave the quotes out",
                q_line,
                q_column,
            )
        if problem.startswith("expected <block end>, but found '<scalar>'"):
            return YamlProblem(
                "yaml-syntax",
                "expected the end of the value, found more text after it; put the whole value inside the quotes",
                line,
                column,
            )
    if problem.startswith("found character '\\t'"):
        return YamlProblem("yaml-syntax", "a tab is used for indentation; indent with spaces", line, column)
    if problem.startswith("found character") and "cannot start any token" in problem:
        char = problem.split("'")[1] if "'" in problem else "this character"
        return YamlProblem("yaml-syntax", f"a value cannot start with {char}; put the value in quotes", line, column)
    if context == "while scanning a simple key" and err.context_mark is not None:
        return YamlProblem(
            "yaml-syntax",
            "expected 'field: value' with a space after the colon, found a line without one",
            *_pos(err.context_mark),
        )
    for name, (what, opening, closing) in _BRACKETS.items():
        if context == f"while parsing a {name}" and err.context_mark is not None:
            return YamlProblem(
                "yaml-syntax",
                f"the {what} that opens with '{opening}' here is not closed: expected ',' or '{closing}' before line {line}",
                *_pos(err.context_mark),
            )
    if problem == "mapping values are not allowed here":
        return YamlProblem(
            "yaml-syntax",
            "found ': ' where no field can start; check this line's indentation, or put quotes round a value that contains ': '",
            line,
            column,
        )
    if problem.startswith("expected <block end>"):
        return YamlProblem(
            "yaml-syntax",
            "this line does not line up with the lines above it; check its indentation",
            line,
            column,
        )
    return YamlProblem("yaml-syntax", f"{problem} (check indentation, colons and quotes)", line, column)


def read(raw: bytes) -> Document:
    """Decode and parse a file's bytes."""
    return parse(decode(raw))
