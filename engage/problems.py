"""Problems found in the data: one per mistake, each pointing at file, line and field."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, in words a contributor can act on."""

    file: str
    line: int
    column: int
    code: str
    field: str
    message: str
    severity: str = "error"

    def as_text(self) -> str:
        where = f"{self.field}: " if self.field else ""
        return f"{self.file}:{self.line}:{self.column}: {self.severity}[{self.code}]: {where}{self.message}"

    def as_github(self) -> str:
        # Workflow-command syntax: properties are comma-separated, the message follows '::'.
        title = f"{self.code} in {self.field}" if self.field else self.code
        return (
            f"::{self.severity} file={_escape_property(self.file)},line={self.line},col={self.column},"
            f"title={_escape_property(title)}::{_escape_data(self.message)}"
        )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_json(problems: list[Problem]) -> str:
    return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)
