"""Catch the edits to published events that would leave a subscribed calendar wrong.

`engage validate --against origin/main` compares the event files with the base branch's:

- A change people would see (title, summary, description, date, time, place, how to join,
  status, cost, booking, access, contact, consultation details) needs `sequence` raised:
  calendar apps replace an item they hold only when its SEQUENCE rises (or, for some, its
  DTSTAMP/LAST-MODIFIED moves). It also needs `changed` moved to the day of the edit:
  that date is the feeds' DTSTAMP and LAST-MODIFIED, so the feed says when it was revised.
- A lowered `sequence` is refused: clients keep the copy with the higher one.
- A renamed file is refused: the file name is the event's id and its calendar UID, so a
  new name is a new event to every client, and subscribers see it twice.
- A deleted event file is refused: a subscribed calendar keeps what vanished from a feed.
  Cancel it instead (`status: cancelled`, sequence raised); cancelled and past events
  leave the subscribable feeds on their own, and the archive keeps every record.

None of this depends on the day the check runs. `check` is the rule for one edited file,
pure, on two models. `base_changes` is the only part that talks to git: it asks for the
event files that differ from the base ref (`git diff REF`, a tree-to-tree comparison that
needs no history, so it works in a shallow clone once the base branch's tip has been
fetched) and for each one's text at that ref (`git show REF:path`).
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from pydantic import ValidationError

from .loading import display_path
from .models.event import Event
from .problems import Problem
from .yaml_reader import Document, YamlProblem, read

CODE = "sequence-not-raised"
LOWERED = "sequence-lowered"
CHANGED = "changed-not-updated"
RENAMED = "event-renamed"
DELETED = "event-deleted"

# What subscribed calendars show: each field as a contributor writes it. Every one of them
# reaches a feed (SUMMARY, DESCRIPTION, DTSTART/DTEND/RRULE, LOCATION, CONFERENCE, STATUS,
# CONTACT or the consultation's closing-date item).
WATCHED: tuple[tuple[str, Callable[[Event], Any]], ...] = (
    ("title", lambda e: e.title),
    ("summary", lambda e: e.summary),
    ("description", lambda e: e.description),
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
    ("status_note", lambda e: e.status_note),
    ("cost", lambda e: e.cost),
    ("booking", lambda e: e.booking),
    ("access", lambda e: e.access),
    ("contact", lambda e: e.contact),
    # The consultation closing date is an item of its own in the feeds.
    ("consultation.closes", lambda e: e.consultation.closes if e.consultation else None),
    ("consultation", lambda e: None if e.consultation is None else e.consultation.model_copy(update={"closes": None})),
)


def changed_fields(old: Event, new: Event) -> list[str]:
    """The watched fields whose value differs, in the order above."""
    return [name for name, value in WATCHED if value(old) != value(new)]


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def check(file: str, old: Event, new: Event, doc: Document, ref: str) -> list[Problem]:
    """Problems with one edited event: a lowered sequence, or a visible change without a raise and a new `changed`."""
    has_field = isinstance(doc.value, dict) and "sequence" in doc.value
    line, column = doc.position(("sequence",) if has_field else ())
    if new.sequence < old.sequence:
        message = (
            f"sequence went down from {old.sequence} to {new.sequence} since {ref}: calendar apps keep the copy with the "
            f"higher sequence and ignore this one; set sequence: {old.sequence + 1 if changed_fields(old, new) else old.sequence}"
        )
        return [Problem(file, line, column, LOWERED, "sequence", message)]
    changed = changed_fields(old, new)
    if not changed:
        return []
    out = []
    if new.sequence == old.sequence:
        message = (
            f"{_and(changed)} changed since {ref} but sequence is still {new.sequence}: "
            f"set sequence: {old.sequence + 1} so subscribed calendars update"
        )
        out.append(Problem(file, line, column, CODE, "sequence", message))
    if new.changed is None or (old.changed is not None and new.changed <= old.changed):
        has_changed = isinstance(doc.value, dict) and "changed" in doc.value
        line, column = doc.position(("changed",) if has_changed else ())
        was = f"it is still {new.changed.isoformat()}" if new.changed is not None else "it is not set"
        message = (
            f"{_and(changed)} changed since {ref} but {was}: set changed: to the date of this edit (YYYY-MM-DD), "
            f"which calendars show as when the event was last revised"
        )
        out.append(Problem(file, line, column, CHANGED, "changed", message))
    return out


def renamed(file: str, old_name: str, ref: str) -> Problem:
    """A published event's file has a new name, so a new id and calendar UID."""
    message = (
        f"renamed from {old_name} since {ref}: the file name is the event's id and calendar UID, so every subscribed "
        f"calendar would show it twice; keep the old name (it need not match a new date once sequence is raised)"
    )
    return Problem(file, 1, 1, RENAMED, "file", message)


def deleted(file: str, ref: str) -> Problem:
    """A published event's file was removed."""
    message = (
        f"this event was published in {ref} and its file is deleted: subscribed calendars would keep it as it was; "
        f"restore the file and set status: cancelled (raise sequence, set changed) instead; past and cancelled events "
        f"leave the feeds on their own"
    )
    return Problem(file, 1, 1, DELETED, "file", message)


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


@dataclass(frozen=True)
class BaseChanges:
    """Event files that differ from the base ref."""

    modified: list[tuple[FsPath, bytes]]
    """(path on disk, text at the ref) of each edited file."""
    renamed: list[tuple[FsPath, str]]
    """(new path on disk, old path in the repository)."""
    deleted: list[FsPath]
    """Where each deleted file was."""


def base_changes(data_root: FsPath, ref: str) -> BaseChanges:
    """The event files edited, renamed or deleted since `ref` (new files have nothing to compare with)."""
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
    # Untracked new files are not in `git diff`; a rename to one shows as a deletion.
    diff = _git(toplevel, "diff", "--name-status", "-M", "--diff-filter=MRD", "-z", ref, "--", events)
    if diff.returncode != 0:
        raise BaseMissing(f"cannot compare with {ref}: git diff failed: {diff.stderr.decode().strip()}")
    fields = diff.stdout.decode().split("\0")
    out = BaseChanges([], [], [])
    at = 0
    while at < len(fields) and fields[at]:
        status = fields[at]
        if status.startswith("R"):
            old, new = fields[at + 1], fields[at + 2]
            at += 3
            if old.endswith(".yaml"):
                out.renamed.append((toplevel / new, old))
            continue
        name = fields[at + 1]
        at += 2
        if not name.endswith(".yaml"):
            continue
        if status == "D":
            out.deleted.append(toplevel / name)
            continue
        shown = _git(toplevel, "show", f"{ref}:{name}")
        if shown.returncode == 0:
            out.modified.append((toplevel / name, shown.stdout))
    out.modified.sort()
    out.renamed.sort()
    out.deleted.sort()
    return out


def against(data_root: FsPath, ref: str) -> list[Problem]:
    """Every problem with the event files edited, renamed or deleted since `ref`."""
    root = data_root.resolve()
    changes = base_changes(data_root, ref)
    problems: list[Problem] = []
    for path, old_raw in changes.modified:
        old = _event(old_raw)
        try:
            new = _event(path.read_bytes())
        except OSError:
            continue
        if old is None or new is None:
            continue
        problems += check(display_path(path.resolve(), root), old[0], new[0], new[1], ref)
    for path, old_name in changes.renamed:
        problems.append(renamed(display_path(path.resolve(), root), old_name, ref))
    for path in changes.deleted:
        problems.append(deleted(display_path(path.resolve(), root), ref))
    return problems
