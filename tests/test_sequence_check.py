"""`engage validate --against REF`: visible changes raise sequence and move `changed`; no renames, deletions or lowered sequences."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from engage import sequence_check
from engage.cli import main
from engage.models.event import Event
from engage.problems import Problem
from engage.yaml_reader import Document, read

from .conftest import EXAMPLE_DATA

LIBRARY = "events/district-council/2026-12-03-library-review.yaml"
FORUM = "events/district-council/2026-10-01-cancelled-forum.yaml"
SHOWN = f"data/{LIBRARY}"

BASE = """\
title: Library drop-in
summary: Tell us how you use the library.
description: Come along.
organiser: district-council
method: drop-in
areas: [north-ward]
topics: [housing]
date: 2026-12-03
start_time: "18:30"
end_time: "20:00"
venue: town-hall
contact: engagement@example.gov.uk
sequence: 2
changed: 2026-11-01
"""


def parse(text: str) -> tuple[Event, Document]:
    doc = read(text.encode())
    return Event.model_validate(doc.value), doc


def problems(new_text: str, old_text: str = BASE) -> list[Problem]:
    old, _ = parse(old_text)
    new, doc = parse(new_text)
    return sequence_check.check("data/events/x.yaml", old, new, doc, "origin/main")


def raised(text: str, sequence: int = 3, changed: str = "2026-11-20") -> str:
    return text.replace("sequence: 2", f"sequence: {sequence}").replace("changed: 2026-11-01", f"changed: {changed}")


def test_moving_the_date_without_raising_the_sequence_is_reported_at_the_sequence_field() -> None:
    assert problems(BASE.replace("2026-12-03", "2026-12-10").replace("changed: 2026-11-01", "changed: 2026-11-20")) == [
        Problem(
            "data/events/x.yaml",
            13,
            1,
            "sequence-not-raised",
            "sequence",
            "date changed since origin/main but sequence is still 2: set sequence: 3 so subscribed calendars update",
        )
    ]


def test_raising_the_sequence_and_the_changed_date_with_the_change_passes() -> None:
    assert problems(raised(BASE.replace("2026-12-03", "2026-12-10"))) == []


def test_a_change_without_a_new_changed_date_is_reported_at_changed() -> None:
    """`changed` is the feeds' DTSTAMP and LAST-MODIFIED: it must say when the revision was made."""
    assert problems(raised(BASE.replace('"20:00"', '"20:30"'), changed="2026-11-01")) == [
        Problem(
            "data/events/x.yaml",
            14,
            1,
            "changed-not-updated",
            "changed",
            "end_time changed since origin/main but it is still 2026-11-01: set changed: to the date of this edit "
            "(YYYY-MM-DD), which calendars show as when the event was last revised",
        )
    ]
    old = BASE.replace("changed: 2026-11-01\n", "")
    [problem] = problems(
        old.replace("sequence: 2", "sequence: 3").replace("Come along.", "Come along; tea provided."), old
    )
    assert (problem.line, problem.code, problem.message) == (
        1,
        "changed-not-updated",
        "description changed since origin/main but it is not set: set changed: to the date of this edit (YYYY-MM-DD), "
        "which calendars show as when the event was last revised",
    )


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("Library drop-in", "Library drop-in session", "title"),
        ("Tell us how you use the library.", "Tell us how you use the library and archive.", "summary"),
        ("Come along.", "Come along; tea provided.", "description"),
        ("contact: engagement@example.gov.uk", "contact: engagement@example.gov.uk\ncost: £2 for tea", "cost"),
        (
            "contact: engagement@example.gov.uk",
            "contact: engagement@example.gov.uk\nbooking:\n  required: true",
            "booking",
        ),
        (
            "contact: engagement@example.gov.uk",
            "contact: engagement@example.gov.uk\naccess:\n  hearing_loop: yes",
            "access",
        ),
        ("contact: engagement@example.gov.uk", "contact: libraries@example.gov.uk", "contact"),
    ],
)
def test_every_change_a_subscriber_sees_needs_a_raise(old: str, new: str, field: str) -> None:
    """Text, cost, booking and access reach calendars too (DESCRIPTION, SUMMARY): a client that keeps its copy shows the old."""
    edited = BASE.replace(old, new).replace("changed: 2026-11-01", "changed: 2026-11-20")
    [problem] = problems(edited)
    assert problem.message.startswith(f"{field} changed since origin/main but sequence is still 2")
    assert problems(raised(BASE.replace(old, new))) == []


def test_a_change_no_calendar_shows_passes_without_a_raise() -> None:
    assert problems(BASE + "attendees: 40\nurl: https://example.org/library\n") == []


def test_every_changed_field_is_named() -> None:
    new = (
        BASE.replace('"18:30"', '"18:00"')
        .replace("venue: town-hall", "venue: library")
        .replace("changed: 2026-11-01", "changed: 2026-11-20\nstatus: cancelled\nstatus_note: Flooded.")
    )
    [problem] = problems(new)
    assert problem.message == (
        "start_time, venue, status and status_note changed since origin/main but sequence is still 2: "
        "set sequence: 3 so subscribed calendars update"
    )


def test_a_lowered_sequence_is_refused_even_without_other_changes() -> None:
    """Clients keep the copy with the higher SEQUENCE: a lower one is never seen."""
    assert problems(BASE.replace("sequence: 2", "sequence: 1")) == [
        Problem(
            "data/events/x.yaml",
            13,
            1,
            "sequence-lowered",
            "sequence",
            "sequence went down from 2 to 1 since origin/main: calendar apps keep the copy with the higher sequence "
            "and ignore this one; set sequence: 2",
        )
    ]
    [problem] = problems(raised(BASE.replace('"18:30"', '"18:00"'), sequence=1))
    assert problem.message.endswith("set sequence: 3")


def test_a_missing_sequence_is_reported_at_the_start_of_the_record() -> None:
    old = BASE.replace("sequence: 2\n", "")
    new = old.replace("venue: town-hall", "online:\n  platform: Zoom").replace(
        "changed: 2026-11-01", "changed: 2026-11-20"
    )
    assert problems(new, old) == [
        Problem(
            "data/events/x.yaml",
            1,
            1,
            "sequence-not-raised",
            "sequence",
            "venue and online changed since origin/main but sequence is still 0: set sequence: 1 so subscribed calendars update",
        )
    ]


def test_recurrence_room_timezone_and_consultation_count_as_changes() -> None:
    recurring = BASE + "recurrence:\n  frequency: weekly\n  until: 2027-01-28\n"
    assert sequence_check.changed_fields(parse(recurring)[0], parse(recurring.replace("weekly", "fortnightly"))[0]) == [
        "recurrence"
    ]
    assert sequence_check.changed_fields(
        parse(BASE)[0], parse(BASE + "room: Room 2\ntimezone: Europe/Dublin\n")[0]
    ) == ["timezone", "room"]
    consultation = BASE + (
        "consultation:\n  decision: Hours.\n  opens: 2026-11-01\n  closes: 2026-12-20\n  how_responses_used: Read by Cabinet.\n"
    )
    moved_close = consultation.replace("closes: 2026-12-20", "closes: 2027-01-10")
    assert sequence_check.changed_fields(parse(consultation)[0], parse(moved_close)[0]) == ["consultation.closes"]
    reworded = consultation.replace("decision: Hours.", "decision: Opening hours.")
    assert sequence_check.changed_fields(parse(consultation)[0], parse(reworded)[0]) == ["consultation"]


def test_fetch_hint_names_the_remote_and_branch() -> None:
    assert sequence_check.fetch_hint("origin/main") == "git fetch --depth=1 origin main:refs/remotes/origin/main"
    assert sequence_check.fetch_hint("upstream/release/2027") == (
        "git fetch --depth=1 upstream release/2027:refs/remotes/upstream/release/2027"
    )
    assert sequence_check.fetch_hint("main") == "git fetch --depth=1 origin main:refs/remotes/origin/main"


# --- Through git and the CLI -------------------------------------------------------------

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.org",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, check=True
    )
    return proc.stdout


def validate(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", *args])
    return code, out.getvalue(), err.getvalue()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose main branch holds the example data, with a partner's branch checked out."""
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE_DATA, root / "data")
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "data")
    git(root, "commit", "--quiet", "-m", "base")
    git(root, "checkout", "--quiet", "-b", "partner")
    return root


def test_a_pull_request_that_moves_an_event_without_raising_sequence_fails(repo: Path) -> None:
    edit(repo / "data" / LIBRARY, "date: 2026-12-03", "date: 2026-12-04")
    git(repo, "commit", "--quiet", "-am", "move the library review")
    code, out, _ = validate("--against", "main", str(repo / "data"))
    assert code == 1
    assert out == (
        f"{SHOWN}:1:1: error[changed-not-updated]: changed: date changed since main but it is not set: set changed: to the "
        "date of this edit (YYYY-MM-DD), which calendars show as when the event was last revised\n"
        f"{SHOWN}:1:1: error[sequence-not-raised]: sequence: date changed since main but sequence is still 0: "
        "set sequence: 1 so subscribed calendars update\n"
        # Its file name no longer matches its date either; raising sequence (with changed) clears them all,
        # and the published event keeps its name, so subscribers' calendars move it in place.
        f"{SHOWN}:10:1: error[file-name]: date: the file name says 2026-12-03 but date is 2026-12-04: rename a new "
        "event's file to 2026-12-04-library-review.yaml; a published event that has moved keeps its name and raises "
        "sequence instead\n"
    )
    edit(repo / "data" / LIBRARY, "date: 2026-12-04", "date: 2026-12-04\nsequence: 1\nchanged: 2026-11-20")
    assert validate("--against", "main", str(repo / "data"))[:2] == (0, "")


def test_uncommitted_edits_are_compared_too_and_a_raise_clears_the_error(repo: Path) -> None:
    forum = repo / "data" / FORUM
    edit(forum, 'start_time: "19:00"', 'start_time: "18:30"')
    code, out, _ = validate("--against", "main", str(repo / "data"))
    assert (code, out) == (
        1,
        f"data/{FORUM}:1:1: error[changed-not-updated]: changed: start_time changed since main but it is not set: "
        "set changed: to the date of this edit (YYYY-MM-DD), which calendars show as when the event was last revised\n"
        f"data/{FORUM}:14:1: error[sequence-not-raised]: sequence: start_time changed since main but sequence is "
        "still 1: set sequence: 2 so subscribed calendars update\n",
    )
    edit(forum, "sequence: 1", "sequence: 2\nchanged: 2026-11-20")
    assert validate("--against", "main", str(repo / "data"))[0] == 0


def test_new_events_and_other_records_are_not_compared(repo: Path) -> None:
    new = repo / "data" / "events" / "district-council" / "2026-12-03-new-drop-in.yaml"
    new.write_text(BASE.replace("sequence: 2\n", ""), encoding="utf-8")
    # A figure recorded after the event reaches no calendar.
    edit(repo / "data" / LIBRARY, "venue: town-hall", "venue: town-hall\nattendees: 12")
    assert validate("--against", "main", str(repo / "data"))[:2] == (0, "")


def test_a_shallow_clone_without_the_base_branch_says_how_to_fetch_it(repo: Path, tmp_path: Path) -> None:
    edit(repo / "data" / LIBRARY, "venue: town-hall", "venue: town-hall\nroom: Council Chamber")
    git(repo, "commit", "--quiet", "-am", "name the room")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth=1", "--branch=partner", f"file://{repo}", str(clone))
    code, out, err = validate("--against", "origin/main", str(clone / "data"))
    assert (code, out) == (2, "")
    assert err == (
        "engage validate: cannot compare with origin/main: it is not in this clone (a shallow clone has only the "
        "branch it checked out). Fetch the base branch first: "
        "git fetch --depth=1 origin main:refs/remotes/origin/main\n"
    )
    # The command the message gives is enough: the base branch's tip, one commit deep.
    git(clone, "fetch", "--quiet", "--depth=1", "origin", "main:refs/remotes/origin/main")
    code, out, _ = validate("--against", "origin/main", str(clone / "data"))
    assert code == 1
    assert out.splitlines()[1] == (
        f"{SHOWN}:1:1: error[sequence-not-raised]: sequence: room changed since origin/main but sequence is still 0: "
        "set sequence: 1 so subscribed calendars update"
    )


def test_outside_a_git_work_tree_is_a_usage_error(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, data)
    code, out, err = validate("--against", "origin/main", str(data))
    assert (code, out) == (2, "")
    assert err == f"engage validate: cannot compare with origin/main: {data} is not in a git work tree\n"


def test_a_renamed_event_file_is_refused_because_its_uid_changes(repo: Path) -> None:
    """A new file name is a new id and UID: every subscribed calendar would show the event twice.

    The partner here moved the event and renamed the file to match its new date, as a new event's
    name must; the file-name rule accepts that, so the guard alone stops the duplicate."""
    old = repo / "data" / LIBRARY
    new = old.with_name("2026-12-04-library-review.yaml")
    git(repo, "mv", str(old), str(new))
    edit(new, "date: 2026-12-03", "date: 2026-12-04")
    code, out, _ = validate("--against", "main", str(repo / "data"))
    # The EIA that names the event by its old id is reported too; the rename is the cause.
    shown = f"data/{new.relative_to(repo / 'data').as_posix()}"
    assert (code, [line for line in out.splitlines(keepends=True) if line.startswith(shown)]) == (
        1,
        [
            "data/events/district-council/2026-12-04-library-review.yaml:1:1: error[event-renamed]: file: renamed from "
            f"data/{LIBRARY} since main: the file name is the event's id and calendar UID, so every subscribed calendar "
            "would show it twice; keep the old name (it need not match a new date once sequence is raised)\n",
        ],
    )


def test_a_deleted_published_event_is_refused(repo: Path) -> None:
    """A subscribed calendar keeps what vanishes from a feed: cancel instead."""
    git(repo, "rm", "--quiet", str(repo / "data" / FORUM))
    code, out, _ = validate("--against", "main", str(repo / "data"))
    assert (code, out) == (
        1,
        f"data/{FORUM}:1:1: error[event-deleted]: file: this event was published in main and its file is deleted: "
        "subscribed calendars would keep it as it was; restore the file and set status: cancelled (raise sequence, "
        "set changed) instead; past and cancelled events leave the feeds on their own\n",
    )
