"""A generated file: a site path and its bytes. Feeds, open data and the Atom feed make them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputFile:
    """A generated file served as it is: a feed, an export, a schema."""

    path: str
    content: bytes
