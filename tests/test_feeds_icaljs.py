"""Every feed reads the same in two independent parsers: Python's icalendar with
recurring-ical-events, and Mozilla's ical.js (Thunderbird's engine) run in Node.

Same events, same times (converted with each feed's own VTIMEZONEs), same statuses and
summaries, over two years.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import recurring_ical_events
from icalendar import Calendar

from engage.feeds import publish
from engage.portal import Portal

from .sitebuild import ROOT
from .test_feeds import portal_at, rich_data  # noqa: F401  (rich_data is a fixture)

SCRIPT = ROOT / "tests" / "js" / "parse_ics.mjs"
WINDOW = (date(2026, 1, 1), date(2028, 1, 1))


def node() -> str:
    """Node with ical.js, or a skip on a developer's machine without them (a failure in CI)."""
    found = shutil.which("node")
    reason = ""
    if found is None:
        reason = "node is not installed"
    elif not (ROOT / "node_modules" / "ical.js" / "package.json").is_file():
        reason = "ical.js is not installed (run: npm ci)"
    if reason:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    assert found is not None
    return found


def stamp(value: date) -> str:
    """The form parse_ics.mjs prints: UTC ISO for a time, YYYY-MM-DD for a day."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    return value.isoformat()


def python_occurrences(content: bytes) -> list[dict[str, Any]]:
    found = recurring_ical_events.of(Calendar.from_ical(content)).between(*WINDOW)
    return sorted(
        (
            {
                "uid": str(e["UID"]),
                "start": stamp(e["DTSTART"].dt),
                "end": stamp(e["DTEND"].dt),
                "status": str(e["STATUS"]),
                "summary": str(e["SUMMARY"]),
            }
            for e in found
        ),
        key=lambda o: (o["start"], o["uid"]),
    )


def icaljs_occurrences(paths: list[Path]) -> dict[str, list[dict[str, Any]]]:
    proc = subprocess.run(
        [node(), str(SCRIPT), WINDOW[0].isoformat(), WINDOW[1].isoformat(), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    result: dict[str, list[dict[str, Any]]] = json.loads(proc.stdout)
    return {path: sorted(found, key=lambda o: (o["start"], o["uid"])) for path, found in result.items()}


def write_all(portal: Portal, folder: Path) -> dict[Path, bytes]:
    written = {}
    for output in publish.files(portal):
        target = folder / output.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(output.content)
        written[target] = output.content
    return written


@pytest.mark.parametrize("which", ["example", "rich", "demo"])
def test_every_feed_parses_alike_in_icaljs_and_recurring_ical_events(
    which: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if which == "rich":
        portal = portal_at(request.getfixturevalue("rich_data"))
    else:
        portal = request.getfixturevalue(f"{which}_portal")
    written = write_all(portal, tmp_path / "out")
    from_js = icaljs_occurrences(sorted(written))
    compared = 0
    for path, content in sorted(written.items()):
        expected = python_occurrences(content)
        assert from_js[str(path)] == expected, path.relative_to(tmp_path)
        compared += len(expected)
    # Not a vacuous pass: the whole calendar alone holds dozens of occurrences in the window.
    assert compared > 100


def test_icaljs_sees_summer_times_in_utc(example_portal: Portal, tmp_path: Path) -> None:
    written = write_all(example_portal, tmp_path)
    found = icaljs_occurrences([tmp_path / "events/2026-01-06-carers-cafe/2026-01-06-carers-cafe.ics"])
    starts = [(o["start"], o["status"]) for o in next(iter(found.values()))][:9]
    # 10am in Europe/London: 10:00Z in winter, 09:00Z in summer (the VTIMEZONE's yearly rules);
    # August skipped, so cancelled, not missing.
    assert starts == [
        ("2026-01-06T10:00:00.000Z", "CONFIRMED"),
        ("2026-02-03T10:00:00.000Z", "CONFIRMED"),
        ("2026-03-03T10:00:00.000Z", "CONFIRMED"),
        ("2026-04-07T09:00:00.000Z", "CONFIRMED"),
        ("2026-05-05T09:00:00.000Z", "CONFIRMED"),
        ("2026-06-02T09:00:00.000Z", "CONFIRMED"),
        ("2026-07-07T09:00:00.000Z", "CONFIRMED"),
        ("2026-08-04T09:00:00.000Z", "CANCELLED"),
        ("2026-09-01T09:00:00.000Z", "CONFIRMED"),
    ]
    assert written


# --- libical (Debian's libical3 through its GObject bindings) -------------------------------

LIBICAL_PYTHON = Path("/usr/bin/python3")
LIBICAL_SCRIPT = ROOT / "tests" / "tools" / "libical_check.py"


def libical() -> str:
    """A Python with libical's bindings (python3-gi, gir1.2-ical-3.0), or a skip without them."""
    probe = (
        subprocess.run(
            [
                str(LIBICAL_PYTHON),
                "-c",
                "import gi; gi.require_version('ICalGLib', '3.0'); from gi.repository import ICalGLib",
            ],
            capture_output=True,
            check=False,
        )
        if LIBICAL_PYTHON.is_file()
        else None
    )
    if probe is None or probe.returncode != 0:
        reason = "libical's Python bindings are not installed (apt-get install python3-gi gir1.2-ical-3.0)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    return str(LIBICAL_PYTHON)


@pytest.mark.parametrize("which", ["example", "rich", "demo"])
def test_every_feed_passes_libicals_restriction_check(
    which: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """libical's parser and RFC 5546 restriction check report nothing (a COMMENT in VTIMEZONE failed it)."""
    python = libical()
    if which == "rich":
        portal = portal_at(request.getfixturevalue("rich_data"))
    else:
        portal = request.getfixturevalue(f"{which}_portal")
    written = write_all(portal, tmp_path / "out")
    proc = subprocess.run(
        [python, str(LIBICAL_SCRIPT), *map(str, sorted(written))], capture_output=True, text=True, check=False
    )
    assert (proc.returncode, proc.stdout) == (0, "")
    assert proc.stderr.strip() == f"{len(written)} files, 0 problems"


def test_the_libical_check_finds_what_it_should(tmp_path: Path) -> None:
    """Not a vacuous pass: a VTIMEZONE with a COMMENT, as icalendar writes one, is reported."""
    python = libical()
    bad = tmp_path / "bad.ics"
    bad.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"
        b"BEGIN:STANDARD\r\nDTSTART:19701025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\n"
        b"END:STANDARD\r\nCOMMENT:made by a library\r\nEND:VTIMEZONE\r\nEND:VCALENDAR\r\n"
    )
    proc = subprocess.run([python, str(LIBICAL_SCRIPT), str(bad)], capture_output=True, text=True, check=False)
    assert proc.returncode == 1
    assert proc.stdout == (
        f"{bad}: VTIMEZONE: Failed iTIP restrictions for COMMENT property. Expected 0 instances of the property and got 1\n"
    )
