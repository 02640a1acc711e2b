"""Placeholders left in a starter file: a record holding one must not be published.

`engage new` writes `TODO` wherever the contributor has to decide something (the method, the
venue, the times, every sentence), so a starter fails validation until each one is replaced.
"""

from __future__ import annotations

import re
from typing import Any

from .model_errors import dotted
from .problems import Problem
from .yaml_reader import Document, Path

_MARK_RE = re.compile(r"\bTODO\b")


def _walk(value: Any, path: Path) -> list[tuple[Path, str]]:
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _walk(item, (*path, key))]
    if isinstance(value, list):
        return [found for index, item in enumerate(value) for found in _walk(item, (*path, index))]
    if isinstance(value, str) and _MARK_RE.search(value):
        return [(path, value)]
    return []


def find(doc: Document, base: Path = ()) -> list[tuple[Path, str]]:
    """Every value (its path and text) still holding the placeholder mark."""
    node: Any = doc.value
    for part in base:
        node = node[part]
    return [((*base, *path), text) for path, text in _walk(node, ())]


def problems(doc: Document, file: str, base: Path = ()) -> list[Problem]:
    """One `placeholder` problem per value still to be filled in, at its line."""
    out = []
    for path, text in find(doc, base):
        line, column = doc.position(path)
        shown = " ".join(text.split())
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        out.append(
            Problem(
                file,
                line,
                column,
                "placeholder",
                dotted(path),
                f"replace the placeholder '{shown}' with the real value",
            )
        )
    return out
