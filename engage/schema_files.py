"""The data files' JSON Schemas as kept in the repository, and the line that points editors at them.

Editors that speak the YAML language server (VS Code's YAML extension, Neovim, JetBrains) complete
and check a file named in its first line: `# yaml-language-server: $schema=<where>`. Pointing at
the published site works only once a site is published, and only for its own host: a clone or
fork before publication, or one whose models changed, would complete against the wrong schema or
none. So the repository keeps a copy of every data file's schema in `schemas/` beside `data/`
(`engage schemas --write`, kept in step by a test), and files written inside the repository
(starters, imported calendars, the form's files) name that copy by a relative path, which the
language server resolves from the file's own folder.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

from .exports.schemas import file_schema, file_schema_names

FOLDER = "schemas"
"""The repository's copy, beside the data folder (`schemas/event.json` ...)."""
EVENT_FILE = PurePosixPath("events/organisation/event.yaml")
"""Where every event file sits inside the data folder, as deep as `events/<organisation>/<id>.yaml`."""


def relative_schema(name: str, file: PurePosixPath) -> str:
    """The schema's path as seen from a file, given as a path inside the data folder
    (`events/<organisation>/<id>.yaml` gives `../../../schemas/event.json`)."""
    # One '..' per folder between the file and the data folder, and one out of the data folder.
    return "../" * len(file.parent.parts) + f"../{FOLDER}/{name}.json"


def modeline(name: str, file: PurePosixPath) -> str:
    """The first line of a data file written inside the repository."""
    return f"# yaml-language-server: $schema={relative_schema(name, file)}"


def repository_copy() -> dict[str, bytes]:
    """Each schema's file name and bytes: the published schema without its `$id` (the site's
    address), so a fork's copy is the same as the original's until a model changes."""
    out = {}
    for name in file_schema_names():
        schema = {k: v for k, v in file_schema(name, "").items() if k != "$id"}
        out[f"{name}.json"] = (json.dumps(schema, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    return out


def stale(folder: Path) -> list[str]:
    """The file names in `folder` that are missing, different from the models, or left over."""
    wanted = repository_copy()
    present = {p.name for p in folder.glob("*.json")} if folder.is_dir() else set()
    out = [name for name, body in wanted.items() if name not in present or (folder / name).read_bytes() != body]
    return sorted(out + [name for name in present if name not in wanted])


def write(folder: Path) -> list[str]:
    """Bring `folder` in step with the models; the names of the files written or removed."""
    changed = stale(folder)
    folder.mkdir(parents=True, exist_ok=True)
    wanted = repository_copy()
    for name in changed:
        if name in wanted:
            (folder / name).write_bytes(wanted[name])
        else:
            (folder / name).unlink()
    return changed
