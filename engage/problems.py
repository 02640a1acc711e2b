"""Problems found in the data: one per mistake, each pointing at file, line and field."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .models.types import UNSAFE_RE


def _visible(text: str) -> str:
    # A message quotes what a contributor typed: a bidi override or escape character in a key would
    # reorder or recolour the terminal and CI log. Show such characters as \uXXXX instead.
    return UNSAFE_RE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


ERROR = "error"
WARNING = "warning"
"""A warning (such as a possible clash between partners' events) is worth a look but never stops
a build or fails `engage validate`; it prints as `warning[code]` where errors print `error[code]`."""


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, in words a contributor can act on."""

    file: str
    line: int
    column: int
    code: str
    field: str
    message: str
    severity: str = ERROR
    """'error' (the data must be fixed) or 'warning' (worth a look; nothing is stopped)."""

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def as_text(self) -> str:
        where = f"{_visible(self.field)}: " if self.field else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}[{self.code}]: {where}{_visible(self.message)}"

    def as_github(self) -> str:
        # Workflow-command syntax: properties are comma-separated, the message follows '::'.
        title = f"{self.code} in {_visible(self.field)}" if self.field else self.code
        return (
            f"::{self.severity} file={_escape_property(self.file)},line={self.line},col={self.column},"
            f"title={_escape_property(title)}::{_escape_data(_visible(self.message))}"
        )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_json(problems: list[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)


def errors(problems: list[Problem]) -> list[Problem]:
    """The problems that stop a build: everything but warnings."""
    return [p for p in problems if p.is_error]
