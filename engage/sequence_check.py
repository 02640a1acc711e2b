"""Catch an event whose date, time, place or status changed without a raised SEQUENCE.

Calendar apps that subscribed to a feed only replace an event they already hold when its
SEQUENCE rises. A partner's pull request that moves an event but leaves `sequence` as it
was would leave every subscriber with the old time. `engage validate --against origin/main`
compares each changed event file with the base branch's version and reports it.

`check` is the rule, pure, on two models. `base_versions` is the only part that talks to
git: it asks for the files that differ from the base ref (`git diff REF`, a tree-to-tree
comparison that needs no history, so it works in a shallow clone once the base branch's
tip has been fetched) and for each one's text at that ref (`git show REF:path`).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from .loading import display_path
from .models.event import Event
from .problems import Problem
from .yaml_reader import Document, YamlProblem, read

CODE = "sequence-not-raised"

# What subscribed calendars must hear about: each field as a contributor writes it.
WATCHED: tuple[tuple[str, Callable[[Event], Any]], ...] = (
    ("date", lambda e: e.date),
    ("end_date", lambda e: e.end_date),
    ("start_time", lambda e: e.start_time),
    ("end_time", lambda e: e.end_time),
    ("timezone", lambda e: e.timezone),
    ("recurrence", lambda e: e.recurrence),
    ("venue", lambda e: e.venue),
    ("room", lambda e: e.room),
    ("online", lambda e: e.online),
    ("status", lambda e: e.status),
    # The consultation closing date is an item of its own in the closing-dates feed.
    ("consultation.closes", lambda e: e.consultation.closes if e.consultation else None),
)


def changed_fields(old: Event, new: Event) -> list[str]:
    """The watched fields whose value differs, in the order above."""
    return [name for name, value in WATCHED if value(old) != value(new)]


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def check(file: str, old: Event, new: Event, doc: Document, ref: str) -> list[Problem]:
    """A problem when a watched field changed since `ref` and `sequence` did not rise."""
    changed = changed_fields(old, new)
    if not changed or new.sequence > old.sequence:
        return []
    has_field = isinstance(doc.value, dict) and "sequence" in doc.value
    line, column = doc.position(("sequence",) if has_field else ())
    message = (
        f"{_and(changed)} changed since {ref} but sequence is still {new.sequence}"
        f"{'' if new.sequence == old.sequence else f' (it was {old.sequence})'}: "
        f"set sequence: {old.sequence + 1} so subscribed calendars update"
    )
    return [Problem(file, line, column, CODE, "sequence", message)]


def _event(raw: bytes) -> tuple[Event, Document] | None:
    """The event in a file's bytes, or None if it does not read (validation reports that)."""
    try:
        doc = read(raw)
        return Event.model_validate(doc.value), doc
    except (YamlProblem, ValidationError):
        return None


class BaseMissing(Exception):
    """The base ref cannot be read: not a git work tree, or the ref was never fetched."""


def fetch_hint(ref: str) -> str:
    remote, _, branch = ref.partition("/") if "/" in ref else ("origin", "", ref)
    return f"git fetch --depth=1 {remote} {branch}:refs/remotes/{remote}/{branch}"


def _git(cwd: FsPath, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)


def base_versions(data_root: FsPath, ref: str) -> list[tuple[FsPath, bytes]]:
    """Each event file changed since `ref` that existed there: (path on disk, text at `ref`)."""
    top = _git(data_root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise BaseMissing(f"cannot compare with {ref}: {data_root} is not in a git work tree")
    toplevel = FsPath(top.stdout.decode().strip())
    if _git(toplevel, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise BaseMissing(
            f"cannot compare with {ref}: it is not in this clone (a shallow clone has only the branch it checked out). "
            f"Fetch the base branch first: {fetch_hint(ref)}"
        )
    events = (data_root.resolve() / "events").relative_to(toplevel.resolve()).as_posix()
    # Modified files only: a new event has nothing to compare with.
    diff = _git(toplevel, "diff", "--name-only", "--no-renames", "--diff-filter=M", "-z", ref, "--", events)
    if diff.returncode != 0:
        raise BaseMissing(f"cannot compare with {ref}: git diff failed: {diff.stderr.decode().strip()}")
    out = []
    for name in sorted(n for n in diff.stdout.decode().split("\0") if n.endswith(".yaml")):
        shown = _git(toplevel, "show", f"{ref}:{name}")
        if shown.returncode == 0:
            out.append((toplevel / name, shown.stdout))
    return out


def against(data_root: FsPath, ref: str) -> list[Problem]:
    """Every sequence-not-raised problem in the event files changed since `ref`."""
    problems: list[Problem] = []
    for path, old_raw in base_versions(data_root, ref):
        old = _event(old_raw)
        try:
            new = _event(path.read_bytes())
        except OSError:
            continue
        if old is None or new is None:
            continue
        problems += check(display_path(path.resolve(), data_root.resolve()), old[0], new[0], new[1], ref)
    return problems
