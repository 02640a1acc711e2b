"""Open data: JSON and CSV exports of every record, and the JSON Schemas that describe them.

The site publishes these files, and `engage export` writes the same files to a folder.
"""

from __future__ import annotations

from pathlib import Path

from ..output import OutputFile
from ..portal import Portal, check_data
from ..problems import Problem
from . import csv_export, json_export
from .csv_export import TABLES
from .datasets import ALL
from .schemas import schema_files


def data_files(portal: Portal) -> list[OutputFile]:
    """The open data files under open-data/."""
    out = [OutputFile(d.json_path, json_export.render(portal, d)) for d in ALL]
    out += [OutputFile(t.path, csv_export.render(portal, t)) for t in TABLES]
    return out


def files(portal: Portal) -> list[OutputFile]:
    """Everything open data publishes: the data files, then the schemas under schemas/."""
    return data_files(portal) + schema_files(portal.settings.base_url)


def export(data: Path, folder: Path) -> tuple[list[Path], list[Problem]]:
    """Check the data and, when all is well, write the open data files under `folder`.

    Returns the files written, or the problems that stopped the export (nothing is written then).
    """
    result = check_data(data)
    if result.portal is None:
        return [], result.errors
    return write(files(result.portal), folder), []


def write(outputs: list[OutputFile], folder: Path) -> list[Path]:
    """Write files under `folder` at their site paths; returns the paths written."""
    written = []
    for output in outputs:
        target = folder / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.content)
        written.append(target)
    return written
