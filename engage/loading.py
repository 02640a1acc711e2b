"""Walk data/, read every file safely and turn it into typed records.

Every file is read even when earlier ones fail, so one run reports every problem.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any, Protocol, cast

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import models, placeholders
from .model_errors import problems_from
from .models.types import WINDOWS_RESERVED
from .problems import Problem
from .records import Record
from .yaml_reader import Document, YamlProblem, read, read_limited

RECORD_FOLDERS: dict[str, type[BaseModel]] = {
    "eias": models.Eia,
    "feedback": models.Feedback,
    "commitments": models.Commitment,
    "evaluations": models.Evaluation,
    "assessments": models.Assessment,
}
TAXONOMIES: dict[str, type[BaseModel]] = {
    "areas": models.Area,
    "topics": models.Topic,
    "groups": models.Group,
    "organisations": models.Organisation,
    "venues": models.Venue,
    "methods": models.Method,
    "characteristics": models.Characteristic,
    "modules": models.Module,
    "criteria": models.Criterion,
}
EVENT_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")
SLUG_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Entry(Protocol):
    """What every taxonomy entry has; the entry models share no base class that says so."""

    id: str


ANY_ID = "*"
"""Marks a taxonomy whose whole file failed: any id may have been meant."""


@dataclass
class Loaded:
    """Everything read from one data folder, and every problem met on the way."""

    root: FsPath
    settings: Record[models.Settings] | None = None
    events: list[Record[models.Event]] = field(default_factory=list)
    eias: list[Record[models.Eia]] = field(default_factory=list)
    feedback: list[Record[models.Feedback]] = field(default_factory=list)
    commitments: list[Record[models.Commitment]] = field(default_factory=list)
    evaluations: list[Record[models.Evaluation]] = field(default_factory=list)
    assessments: list[Record[models.Assessment]] = field(default_factory=list)
    taxonomies: dict[str, list[Record[Any]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    broken: dict[str, set[str]] = field(default_factory=dict)
    """Ids of records whose files exist but failed to load, by folder or taxonomy name.

    References to them are not reported again: the file's own problems say what to fix."""


def display_path(path: FsPath, root: FsPath) -> str:
    """The path as a contributor sees it in the repository: data/events/... ."""
    try:
        return (FsPath(root.name) / path.relative_to(root)).as_posix()
    except ValueError:
        return path.as_posix()


def _read(path: FsPath, shown: str, problems: list[Problem]) -> Document | None:
    try:
        return read(read_limited(path))
    except YamlProblem as err:
        problems.append(Problem(shown, err.line, err.column, err.code, "", err.message))
    except OSError as err:
        problems.append(Problem(shown, 1, 1, "unreadable", "", f"cannot read the file: {err.strerror}"))
    return None


def _shape(value: Any) -> str:
    """What a file holds instead of what it should, in a contributor's words."""
    if isinstance(value, list):
        return "a list (lines starting with '- ')"
    if isinstance(value, dict):
        return "a set of 'field: value' lines"
    return "a single line of text"


def _as_mapping(doc: Document, shown: str, problems: list[Problem]) -> bool:
    if isinstance(doc.value, dict):
        return True
    problems.append(
        Problem(
            shown,
            1,
            1,
            "wrong-type",
            "",
            f"expected a record (a set of 'field: value' lines), found {_shape(doc.value)}",
        )
    )
    return False


def _model(model: type[BaseModel], doc: Document, shown: str, problems: list[Problem]) -> BaseModel | None:
    # A placeholder is reported as one, not also as whatever the model makes of the word TODO.
    marked = placeholders.problems(doc, shown)
    problems.extend(marked)
    try:
        return model.model_validate(doc.value)
    except ValidationError as err:
        problems.extend(p for p in problems_from(err, model, shown, doc) if not _covered(p, marked))
        return None


def _covered(problem: Problem, marked: list[Problem]) -> bool:
    return any(problem.field == m.field or problem.field.startswith(m.field + ".") for m in marked)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while records are read.

    Reading makes hundreds of thousands of small dicts, lists and tuples and no cycles; the
    collector would scan the growing heap over and over (a fifth of `engage validate` at 10,000
    events) for nothing. It is switched back on, as it was, afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _walk_files(root: FsPath) -> Iterator[FsPath]:
    """Every file and symbolic link under `root`; links to folders are listed, never entered."""
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = FsPath(folder)
        for name in dirs:
            if (base / name).is_symlink():
                yield base / name
        for name in files:
            yield base / name


def _undecodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _printable(text: str) -> str:
    raw = text.encode("utf-8", "surrogateescape")
    return "".join(c if c.isprintable() else "\ufffd" for c in raw.decode("utf-8", "replace"))


@dataclass
class LoadCache:
    """What each file contributed to the last load, by path, with the size and modification time
    it had then. The preview keeps one between rebuilds, so a save re-reads only the files that
    changed, and the records of the others stay the same objects (later stages may rely on that
    to skip work)."""

    files: dict[str, tuple[tuple[int, int], Loaded]] = field(default_factory=dict)


def load(root: FsPath, cache: LoadCache | None = None) -> Loaded:
    """Read every file under `root` (the data folder)."""
    root = FsPath(root)
    out = Loaded(root=root)
    if not root.is_dir():
        out.problems.append(Problem(root.as_posix(), 1, 1, "no-data", "", "data folder not found"))
        return out
    # Relative parts are cut from the path string: pathlib's relative_to and Path ordering cost
    # seconds at 10,000 files. Sorting by parts is the order Path sorting gives.
    base = len(str(root / "x")) - 1  # where a child's name starts: 0 for the root '.'
    found = sorted((tuple(str(p)[base:].split(os.sep)), p) for p in _walk_files(root))
    with _collector_paused():
        for rel, path in found:
            if any(part.startswith(".") for part in rel) or path.name in {"README.md", "CODEOWNERS"}:
                continue
            shown = "/".join((root.name, *rel)) if root.name else "/".join(rel)
            if not shown.isprintable() or _undecodable(shown):
                # A name that is not UTF-8 (or holds control characters) cannot be printed safely,
                # let alone published as a URL: show it with replacement characters and refuse it.
                shown = _printable(shown)
                out.files.append(shown)
                out.problems.append(
                    Problem(shown, 1, 1, "file-name", "", "the file or folder name is not plain UTF-8 text; rename it")
                )
                continue
            if path.is_symlink():
                out.files.append(shown)
                out.problems.append(
                    Problem(
                        shown,
                        1,
                        1,
                        "symlink",
                        "",
                        "file is a symbolic link; put the file itself in the data folder (links are not followed)",
                    )
                )
                continue
            out.files.append(shown)
            if cache is None:
                _load_file(path, rel, shown, out)
            else:
                _load_file_cached(path, rel, shown, out, cache)
    if cache is not None:
        seen = set(out.files)
        for gone in [shown for shown in cache.files if shown not in seen]:
            del cache.files[gone]
    if out.settings is None and not any(p.file.endswith("site.yaml") for p in out.problems):
        out.problems.append(
            Problem(display_path(root / "site.yaml", root), 1, 1, "missing-file", "", "site settings file is missing")
        )
    return out


def _load_file_cached(path: FsPath, rel: tuple[str, ...], shown: str, out: Loaded, cache: LoadCache) -> None:
    """`_load_file`, or what it gave last time when the file has not changed since."""
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    hit = cache.files.get(shown)
    if hit is None or hit[0] != stamp:
        scratch = Loaded(root=out.root)
        _load_file(path, rel, shown, scratch)
        hit = (stamp, scratch)
        cache.files[shown] = hit
    part = hit[1]
    out.settings = part.settings or out.settings
    out.events += part.events
    out.eias += part.eias
    out.feedback += part.feedback
    out.commitments += part.commitments
    out.evaluations += part.evaluations
    out.assessments += part.assessments
    out.taxonomies.update(part.taxonomies)
    out.problems += part.problems
    for name, ids in part.broken.items():
        out.broken.setdefault(name, set()).update(ids)


def _load_file(path: FsPath, rel: tuple[str, ...], shown: str, out: Loaded) -> None:
    problems = out.problems
    if path.suffix == ".yml":
        problems.append(Problem(shown, 1, 1, "file-name", "", "name data files with .yaml, not .yml"))
        return
    if path.suffix != ".yaml":
        problems.append(
            Problem(
                shown, 1, 1, "unexpected-file", "", f"only .yaml files belong in the data folder, found '{path.name}'"
            )
        )
        return
    stem = path.stem
    if rel == ("site.yaml",):
        doc = _read(path, shown, problems)
        if doc and _as_mapping(doc, shown, problems):
            settings = _model(models.Settings, doc, shown, problems)
            if isinstance(settings, models.Settings):
                out.settings = Record("site", shown, settings, doc)
        return
    if len(rel) == 2 and rel[0] == "taxonomies":
        _load_taxonomy(path, stem, shown, out)
        return
    if len(rel) == 3 and rel[0] == "events":
        if not EVENT_NAME.match(stem):
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "file-name",
                    "",
                    f"expected a name like 2026-12-03-short-title.yaml (the date, then lower-case words "
                    f"joined by hyphens), found '{path.name}'",
                )
            )
            return
        doc = _read(path, shown, problems)
        event = _model(models.Event, doc, shown, problems) if doc and _as_mapping(doc, shown, problems) else None
        if not isinstance(event, models.Event):
            out.broken.setdefault("events", set()).add(stem)
        elif doc is not None:
            out.events.append(Record(stem, shown, event, doc))
            if stem[:10] != event.date.isoformat() and event.sequence == 0:
                # A new event's URL carries its date. Once published (sequence raised), a moved
                # event keeps its file name so its page and calendar entry stay where they were.
                problems.append(
                    out.events[-1].problem(
                        "file-name",
                        ("date",),
                        f"the file name says {stem[:10]} but date is {event.date.isoformat()}: rename a new event's "
                        f"file to {event.date.isoformat()}{stem[10:]}.yaml; a published event that has moved keeps "
                        "its name and raises sequence instead",
                    )
                )
            if event.organiser != rel[1]:
                problems.append(
                    out.events[-1].problem(
                        "organiser-folder",
                        ("organiser",),
                        f"organiser is '{event.organiser}' but the file is in the folder of '{rel[1]}'",
                    )
                )
        return
    if len(rel) == 2 and rel[0] in RECORD_FOLDERS:
        if stem in WINDOWS_RESERVED:
            problems.append(
                Problem(
                    shown, 1, 1, "file-name", "", f"'{stem}' is a name Windows reserves for a device; rename the file"
                )
            )
            return
        if not SLUG_NAME.match(stem):
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    "file-name",
                    "",
                    f"expected a name of lower-case words joined by hyphens, such as library-hours.yaml, found '{path.name}'",
                )
            )
            return
        model = RECORD_FOLDERS[rel[0]]
        doc = _read(path, shown, problems)
        record = _model(model, doc, shown, problems) if doc and _as_mapping(doc, shown, problems) else None
        if record is None or doc is None:
            out.broken.setdefault(rel[0], set()).add(stem)
        else:
            getattr(out, rel[0]).append(Record(stem, shown, record, doc))
        return
    problems.append(
        Problem(
            shown,
            1,
            1,
            "unexpected-file",
            "",
            "this file is not in a known place: events go in events/<organisation>/, "
            "and eias/, feedback/, commitments/, evaluations/, assessments/ and taxonomies/ hold the rest",
        )
    )


def _load_taxonomy(path: FsPath, stem: str, shown: str, out: Loaded) -> None:
    problems = out.problems
    model = TAXONOMIES.get(stem)
    if model is None:
        known = ", ".join(f"{name}.yaml" for name in TAXONOMIES)
        problems.append(Problem(shown, 1, 1, "unexpected-file", "", f"unknown taxonomy; expected one of {known}"))
        return
    doc = _read(path, shown, problems)
    if doc is None or not isinstance(doc.value, list):
        # Nothing in it can be trusted: references to it are not reported, only the file itself.
        out.broken.setdefault(stem, set()).add(ANY_ID)
    if doc is None:
        return
    if not isinstance(doc.value, list):
        problems.append(
            Problem(
                shown,
                1,
                1,
                "wrong-type",
                "",
                f"expected a list of entries, each starting with '- id:', found {_shape(doc.value)}",
            )
        )
        return
    entries: list[Record[Any]] = []
    for index, item in enumerate(doc.value):
        problems.extend(placeholders.problems(doc, shown, (index,)))
        try:
            entry = TypeAdapter(model).validate_python(item)
        except ValidationError as err:
            problems.extend(problems_from(err, model, shown, doc, prefix=(index,)))
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                out.broken.setdefault(stem, set()).add(item["id"])
            continue
        entries.append(Record(cast(_Entry, entry).id, shown, entry, doc, base=(index,)))
    out.taxonomies[stem] = entries
