"""A subscribed calendar across a partner's pull requests: a time change, a text-only edit, a rename, a deletion.

The subscriber here is the strict kind (as RFC 5546 clients and Outlook treat updates): it
matches items by UID and RECURRENCE-ID, takes an item it already holds only when SEQUENCE
rose (or, at the same SEQUENCE, DTSTAMP moved on), and keeps what vanished from the feed.
`engage validate --against main` must refuse every edit that would leave it wrong, and
accept the rest with a feed that updates it in place.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from engage import urls
from engage.feeds import publish
from engage.portal import check_data

from .conftest import EXAMPLE_DATA
from .test_sequence_check import edit, git, validate

LIBRARY = "events/district-council/2026-12-03-library-review.yaml"
LIBRARY_UID = "2026-12-03-library-review@engage.example.gov.uk"
TODAY = date(2026, 11, 22)


@dataclass
class Held:
    sequence: int
    stamp: datetime
    start: object
    summary: str
    description: str
    status: str


@dataclass
class Subscriber:
    """A calendar subscribed to all.ics."""

    items: dict[tuple[str, str], Held] = field(default_factory=dict)

    def refresh(self, content: bytes) -> None:
        for e in Calendar.from_ical(content).walk("VEVENT"):
            key = (str(e["UID"]), str(e["RECURRENCE-ID"].dt) if "RECURRENCE-ID" in e else "")
            new = Held(
                int(e["SEQUENCE"]),
                e["DTSTAMP"].dt,
                e["DTSTART"].dt,
                str(e["SUMMARY"]),
                str(e["DESCRIPTION"]),
                str(e["STATUS"]),
            )
            old = self.items.get(key)
            if old is None or new.sequence > old.sequence or (new.sequence == old.sequence and new.stamp > old.stamp):
                self.items[key] = new

    def library(self) -> list[Held]:
        """The library review's entries (its closing date is an item of its own, `closes.<id>`)."""
        return [
            held
            for (uid, rid), held in self.items.items()
            if rid == "" and not uid.startswith("closes.") and uid.endswith("-library-review@engage.example.gov.uk")
        ]


def all_feed(data: Path) -> bytes:
    result = check_data(data, TODAY)
    assert result.problems == [] and result.portal is not None
    return next(f.content for f in publish.files(result.portal) if f.path == urls.ALL_FEED)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE_DATA, root / "data")
    # Published with a `changed` date, as a record made with `engage new` is.
    edit(
        root / "data" / LIBRARY,
        "contact: engagement@example.gov.uk",
        "contact: engagement@example.gov.uk\nchanged: 2026-11-01",
    )
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "data")
    git(root, "commit", "--quiet", "-m", "base")
    git(root, "checkout", "--quiet", "-b", "partner")
    return root


@pytest.fixture
def subscriber(repo: Path) -> Subscriber:
    calendar = Subscriber()
    calendar.refresh(all_feed(repo / "data"))
    [held] = calendar.library()
    assert (held.sequence, held.stamp, held.start) == (
        0,
        datetime.fromisoformat("2026-11-01T00:00:00+00:00"),
        held.start,
    )
    return calendar


def checked(repo: Path) -> int:
    return validate("--against", "main", str(repo / "data"))[0]


def test_a_time_change_is_refused_without_a_raise_and_updates_in_place_with_one(
    repo: Path, subscriber: Subscriber
) -> None:
    edit(repo / "data" / LIBRARY, "start_time: 18:30", "start_time: '18:00'")
    assert checked(repo) == 1
    # Had it been published, the strict subscriber would keep the old time:
    stale = Subscriber(dict(subscriber.items))
    stale.refresh(all_feed(repo / "data"))
    assert [h.start.hour for h in stale.library()] == [18] and stale.library()[0].start.minute == 30  # type: ignore[attr-defined]
    edit(repo / "data" / LIBRARY, "changed: 2026-11-01", "changed: 2026-11-20\nsequence: 1")
    assert checked(repo) == 0
    subscriber.refresh(all_feed(repo / "data"))
    [held] = subscriber.library()  # updated in place: one entry, not two
    assert (held.sequence, held.stamp.date(), held.start.hour, held.start.minute) == (1, date(2026, 11, 20), 18, 0)  # type: ignore[attr-defined]


def test_a_text_only_edit_reaches_the_subscriber(repo: Path, subscriber: Subscriber) -> None:
    edit(repo / "data" / LIBRARY, "at all libraries.", "at all libraries and the mobile library.")
    assert checked(repo) == 1  # a client that keeps its copy would never show the new text
    edit(repo / "data" / LIBRARY, "changed: 2026-11-01", "changed: 2026-11-21\nsequence: 1")
    assert checked(repo) == 0
    subscriber.refresh(all_feed(repo / "data"))
    [held] = subscriber.library()
    assert "and the mobile library" in held.description and held.stamp.date() == date(2026, 11, 21)


def test_a_rename_is_refused_because_the_subscriber_would_see_the_event_twice(
    repo: Path, subscriber: Subscriber
) -> None:
    # Moved to 10 December and renamed to match, as a new event's file would be.
    old = repo / "data" / LIBRARY
    git(repo, "mv", str(old), str(old.with_name("2026-12-10-library-review.yaml")))
    edit(old.with_name("2026-12-10-library-review.yaml"), "date: 2026-12-03", "date: 2026-12-10")
    code, out, _ = validate("--against", "main", str(repo / "data"))
    assert code == 1 and "error[event-renamed]" in out
    # What it would have done: a second entry under the new UID beside the old one.
    data = repo / "data"
    for path in data.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("2026-12-03-library-review", "2026-12-10-library-review"), encoding="utf-8")
    subscriber.refresh(all_feed(data))
    assert sorted(held.start.date() for held in subscriber.library()) == [date(2026, 12, 3), date(2026, 12, 10)]  # type: ignore[attr-defined]


def test_a_deletion_is_refused_and_cancelling_reaches_the_subscriber(repo: Path, subscriber: Subscriber) -> None:
    restored = repo / "data" / LIBRARY
    text = restored.read_text(encoding="utf-8")
    git(repo, "rm", "--quiet", str(restored))
    code, out, _ = validate("--against", "main", str(repo / "data"))
    assert code == 1 and "error[event-deleted]" in out
    restored.write_text(
        text.replace(
            "changed: 2026-11-01",
            "changed: 2026-11-21\nsequence: 1\nstatus: cancelled\nstatus_note: The review is paused.",
        ),
        encoding="utf-8",
    )
    git(repo, "add", str(restored))
    assert validate("--against", "main", str(repo / "data"))[:2] == (0, "")
    subscriber.refresh(all_feed(repo / "data"))
    [held] = subscriber.library()
    assert (held.status, held.summary, held.sequence) == (
        "CANCELLED",
        "Cancelled: Library service review consultation",
        1,
    )
