"""Turn a checked Portal into pages and files: pure functions, no MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..portal import Portal
from . import events, home, records_pages
from .page import OutputFile, Page


@dataclass
class Site:
    """Everything generated for one build."""

    pages: list[Page]
    files: list[OutputFile]
    content_context: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Context for hand-written pages (by source path), such as the home page's listings."""


def generate(portal: Portal) -> Site:
    pages = events.pages(portal) + records_pages.pages(portal)
    files: list[OutputFile] = []
    return Site(pages=pages, files=files, content_context={"index.md": home.context(portal)})
