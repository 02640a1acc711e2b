"""A loaded record: its model, where it came from, and how to point back into its file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from pydantic import BaseModel

from .model_errors import dotted
from .problems import Problem
from .yaml_reader import Document, Path

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Record(Generic[M]):
    """A record with its id (the file name, or a taxonomy entry's id) and source file."""

    id: str
    file: str
    model: M
    doc: Document
    base: Path = ()
    """Where the record sits in its file: () for a whole file, (n,) for a taxonomy entry."""

    def problem(self, code: str, path: Path, message: str) -> Problem:
        """A problem at `path` inside this record."""
        full = (*self.base, *path)
        line, column = self.doc.position(full)
        return Problem(self.file, line, column, code, dotted(full), message)
