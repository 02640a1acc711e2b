"""Hostile input is refused before it costs anything; outputs are safe to open.

Each test is named after a bug found by a red-team run against the demo: the input that caused
it, then what must happen now (exit 1 with file:line, no traceback, within seconds)."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from engage import markup, preview_problems
from engage.cli import main
from engage.exports.csv_export import inert
from engage.models.types import unsafe_character
from engage.pages.calendar_pages import calendar_pages
from engage.portal import check_data
from engage.problems import Problem
from engage.yaml_reader import YamlProblem, _unclosed_quote, parse

EVENT = "events/district-council/2026-12-03-library-review.yaml"
SHOWN = f"data/{EVENT}"


def validate(data: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["validate", str(data)])
    return code, capsys.readouterr().out.splitlines()


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "date: 2026-12-03\n",
            "date: 9999-12-31\n",
            f"{SHOWN}:10:1: error[invalid-value]: date: expected a date from 2000-01-01 to 2099-12-31 "
            "(the dates the site publishes; check the year), found '9999-12-31'",
        ),
        (
            "date: 2026-12-03\n",
            "date: 0001-01-01\n",
            f"{SHOWN}:10:1: error[invalid-value]: date: expected a date from 2000-01-01 to 2099-12-31 "
            "(the dates the site publishes; check the year), found '0001-01-01'",
        ),
        (
            "contact:",
            "sequence: 1000000000000\ncontact:",
            f"{SHOWN}:14:1: error[invalid-value]: sequence: expected 1000000 or less, found 1000000000000",
        ),
        (
            "contact:",
            "sequence: " + "9" * 5000 + "\ncontact:",
            f"{SHOWN}:14:1: error[invalid-value]: sequence: expected a whole number, found '{'9' * 56}...",
        ),
        (
            "areas: [north-ward]",
            "areas: [" + ", ".join(["north-ward"] * 10_000) + "]",
            f"{SHOWN}:7:1: error[invalid-value]: areas: expected at most 200 entries, found 10000",
        ),
        (
            "areas: [north-ward]",
            "areas: [north-ward, north-ward]",
            f"{SHOWN}:7:1: error[invalid-value]: areas: expected each id once, found 'north-ward' more than once",
        ),
        (
            "venue: town-hall",
            "venue: town-hall\ntopics[0]: x",
            f"{SHOWN}:14:1: error[unknown-field]: topics[0]: unknown field 'topics[0]'; did you mean 'topics'?",
        ),
        (
            "  We are reviewing",
            "  We are &#x1b;[31mreviewing",
            f"{SHOWN}:3:1: error[invalid-value]: description: expected text without control or invisible formatting "
            "characters, found U+001B (typed, or written as an entity such as &#x1b;); remove it",
        ),
        (
            "title: Library service review consultation",
            "title: Library \ufffe review",
            f"{SHOWN}:1:16: error[encoding-error]: the file contains the character U+FFFE, which YAML does not allow; remove it",
        ),
        (
            "title: Library service review consultation",
            "title: Library \u202ereview",
            f"{SHOWN}:1:1: error[invalid-value]: title: expected text without control or invisible formatting "
            "characters, found U+202E (right-to-left override) (typed, or written as an entity such as &#x1b;); remove it",
        ),
        (
            "eia: library-hours",
            "eia: library-hours\nurl: https://example.gov.uk/a%00b",
            f"{SHOWN}:34:1: error[invalid-value]: url: expected a web address without encoded control or bidi "
            "characters, found %00; remove it",
        ),
        (
            "eia: library-hours",
            "eia: library-hours\nend_date: 2099-12-03",
            f"{SHOWN}:34:1: error[too-long]: end_date: lasts from 3 December 2026 to 3 December 2099; "
            "an event may last at most 366 days (list a longer programme as separate or recurring events)",
        ),
    ],
    ids=[
        "event-dated-9999",
        "timed-event-in-year-1",
        "sequence-10-to-the-12",
        "integer-over-4300-digits",
        "areas-listing-one-id-10000-times",
        "duplicate-area",
        "key-with-brackets-topics[0]",
        "escape-entity-in-markdown",
        "noncharacter-fffe-in-title",
        "bidi-override-in-title",
        "encoded-nul-in-url",
        "event-lasting-73-years",
    ],
)
def test_hostile_value_is_refused_with_one_clear_line(
    data_copy: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, expected: str
) -> None:
    replace(data_copy / EVENT, old, new)
    started = time.process_time()
    code, out = validate(data_copy, capsys)
    assert (code, out) == (1, [expected])
    assert time.process_time() - started < 5


def test_recurrence_until_9999_is_refused_not_a_traceback(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    replace(
        data_copy / EVENT,
        "eia: library-hours",
        "eia: library-hours\nrecurrence:\n  frequency: monthly\n  week_of_month: first\n  until: 9999-12-31",
    )
    code, out = validate(data_copy, capsys)
    assert code == 1
    assert [line.split(": ", 2)[1:] for line in out] == [
        [
            "error[invalid-value]",
            "recurrence.until: expected a date from 2000-01-01 to 2099-12-31 (the dates the site publishes; check the year), found '9999-12-31'",
        ]
    ]


@pytest.mark.parametrize("value", ["1e308", "-1e308", "1e400"])
def test_measure_of_1e308_is_refused(value: str, data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data_copy / "commitments/listening.yaml"
    text = path.read_text(encoding="utf-8")
    import re

    first_value = re.search(r"(value: )([-0-9.]+)", text)
    assert first_value is not None
    path.write_text(text[: first_value.start(2)] + value + text[first_value.end(2) :], encoding="utf-8")
    code, out = validate(data_copy, capsys)
    assert code == 1
    bound = "1000000000000 or less" if not value.startswith("-") else "-1000000000000 or more"
    shown = {"1e308": "1e+308", "-1e308": "-1e+308", "1e400": "inf"}[value]
    assert out[0] == (
        f"data/commitments/listening.yaml:15:34: error[invalid-value]: measures[0].baseline.value: "
        f"expected {bound}, found {shown}"
    )


def test_unclosed_quote_scan_is_linear_on_a_line_of_backslashes() -> None:
    started = time.process_time()
    assert _unclosed_quote('title: "' + "\\" * 250_000, 1) == (1, 8, '"')
    assert _unclosed_quote("- " * 120_000, 1) is None
    assert _unclosed_quote("a" + ": " * 120_000, 1) is None
    assert time.process_time() - started < 2


def test_unclosed_quote_message_unchanged_for_ordinary_mistakes() -> None:
    with pytest.raises(YamlProblem) as err:
        parse('title: "Library review\nsummary: x\n')
    assert (err.value.line, err.value.column) == (1, 8)


@pytest.mark.parametrize(
    "text",
    [
        "[" * 20_000,
        "\\[" * 10_000,
        "![" * 10_000,
        "1. " * 6_000,
        "> " * 10_000,
        "- " * 10_000,
        "*a " * 3000 + "a*" * 3000,
    ],
    ids=[
        "20000-brackets",
        "escaped-brackets",
        "image-brackets",
        "nested-ordered-lists",
        "nested-quotes",
        "nested-lists",
        "emphasis",
    ],
)
def test_markdown_with_20000_brackets_stays_fast(text: str) -> None:
    started = time.process_time()
    markup.render.__wrapped__(text)
    markup.plain(text)
    assert time.process_time() - started < 3


def test_markdown_bounds_leave_ordinary_text_alone() -> None:
    text = "See [the plan](https://example.gov.uk/plan).\n\n- one\n  - two\n\n> quoted"
    assert markup.bounded(text) == text
    assert markup.bounded("- a\n    - b\n        - c") == "- a\n    - b\n        - c"
    assert markup.bounded("[a](b) " * 61) == "\ue000a](b) " * 61


def test_escape_entity_never_reaches_pages_or_feeds() -> None:
    # The text types refuse it; markup drops it too, as a second line of defence.
    assert unsafe_character("a &#x1b;[31m b") == "\x1b"
    assert unsafe_character("a &#64; b") is None
    assert "\x1b" not in str(markup.render("a &#x1b;[31m b"))
    assert "\x1b" not in markup.plain("a &#x1b;[31m b")
    assert "\ufffe" not in markup.plain("a &#xfffe; b")


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3.5", "-3.5"),
        ("12", "12"),
        ("Plain text", "Plain text"),
    ],
)
def test_csv_cells_starting_with_formula_characters_are_inert(value: str, cell: str) -> None:
    assert inert(value) == cell


def test_csv_files_have_a_bom_and_no_live_formula(demo_portal: object) -> None:
    from engage.exports.csv_export import TABLES, render

    for table in TABLES:
        content = render(demo_portal, table)  # type: ignore[arg-type]
        assert content.startswith(b"\xef\xbb\xbf"), table.file
        for row in csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")):
            for value in row:
                assert not value.startswith(("=", "+", "@", "\t", "\r")), (table.file, value)
                assert not value.startswith("-") or value[1:2].isdigit() or value.startswith("'"), (table.file, value)


def test_problems_page_value_cannot_break_out_of_its_code() -> None:
    hostile = Problem("data/x.yaml", 1, 1, "invalid-value", "title", "found '`</code><script>alert(1)</script>`'")
    page = preview_problems.page([hostile])
    assert page == (
        "# The data has problems\n\nFix these and save; the preview rebuilds by itself.\n\n"
        "<ul><li><code>data/x.yaml:1:1: error[invalid-value]: title: found &#x27;`&lt;/code&gt;&lt;script&gt;"
        "alert(1)&lt;/script&gt;`&#x27;</code></li></ul>\n"
    )


def test_symlink_in_data_is_refused_not_followed(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("- id: stolen\n  name: Outside the repository\n", encoding="utf-8")
    target = data_copy / "taxonomies/topics.yaml"
    target.unlink()
    target.symlink_to(secret)
    code, out = validate(data_copy, capsys)
    assert code == 1
    assert (
        "data/taxonomies/topics.yaml:1:1: error[symlink]: file is a symbolic link; put the file itself in the data folder (links are not followed)"
        in out
    )


def test_two_gb_file_is_refused_before_it_is_read(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = data_copy / "eias/huge.yaml"
    with open(big, "wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: costs no disk
    import resource

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    code, out = validate(data_copy, capsys)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert code == 1
    assert out == [
        "data/eias/huge.yaml:1:1: error[file-too-large]: file is 2,147,483,648 bytes; a record file may be at most 262,144 bytes"
    ]
    assert after - before < 100_000  # kilobytes: nowhere near the file's size


@pytest.mark.parametrize("name", ["con", "nul", "com1", "lpt9", "aux", "prn"])
def test_windows_reserved_name_is_refused_as_an_id(
    name: str, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace(data_copy / "taxonomies/topics.yaml", "- id: housing", f"- id: {name}\n  name: Reserved\n- id: housing")
    code, out = validate(data_copy, capsys)
    assert code == 1
    assert out == [
        f"data/taxonomies/topics.yaml:1:3: error[invalid-value]: [0].id: '{name}' is a name Windows reserves "
        "for a device and cannot be a file; choose another id"
    ]


def test_file_name_not_utf8_is_reported_not_a_traceback(data_copy: Path) -> None:
    name = os.fsencode(data_copy / "eias") + b"/caf\xe9.yaml"
    with open(name, "wb") as handle:
        handle.write(b"x: 1\n")
    result = subprocess.run(
        [str(Path(sys.executable).parent / "engage"), "validate", str(data_copy)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "data/eias/caf\ufffd.yaml:1:1: error[file-name]: the file or folder name is not plain UTF-8 text; rename it"
    ]


def test_event_100_years_out_adds_one_month_page_not_1200(data_copy: Path) -> None:
    before = check_data(data_copy, today=__import__("datetime").date(2026, 12, 3))
    assert before.portal is not None
    # A published event moved (its file keeps its name and raises sequence).
    replace(data_copy / EVENT, "date: 2026-12-03\n", "date: 2099-12-03\nsequence: 1\n")
    replace(data_copy / EVENT, "  adjustments_by: 2026-11-26\n", "")
    after = check_data(data_copy, today=__import__("datetime").date(2026, 12, 3))
    assert [p.as_text() for p in after.problems] == []
    assert after.portal is not None
    assert len(calendar_pages(after.portal)) - len(calendar_pages(before.portal)) == 1


def test_monthly_series_to_2099_is_refused_not_900_month_pages(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace(
        data_copy / EVENT,
        "eia: library-hours",
        "eia: library-hours\nrecurrence:\n  frequency: monthly\n  week_of_month: first\n  until: 2099-12-31",
    )
    code, out = validate(data_copy, capsys)
    assert code == 1
    assert [line.split(": ", 2)[1:] for line in out] == [
        [
            "error[too-long]",
            "recurrence.until: repeats from 3 December 2026 until 31 December 2099; a series may run at most 5 years "
            "(set a nearer until and extend it later)",
        ]
    ]


def test_bidi_override_in_a_key_is_shown_escaped_not_raw(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A message quotes what was typed; a raw U+202E would reorder the terminal or CI log line."""
    path = data_copy / EVENT
    path.write_text(path.read_text(encoding="utf-8") + "ti\u202etle2: x\n", encoding="utf-8")
    code, out = validate(data_copy, capsys)
    assert code == 1
    assert out == [
        f"{SHOWN}:34:1: error[unknown-field]: ti\\u202etle2: unknown field 'ti\\u202etle2'; did you mean 'title'?"
    ]


def test_a_page_that_cannot_be_drawn_fails_validate_not_the_build_after_it(
    example_portal: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression: validate generated the pages but did not draw them, so the forward plan's
    missing organiser (1,000 generated events) validated and then stopped the build."""
    from jinja2 import ChoiceLoader, DictLoader

    from engage import render
    from engage.dry_build import dry_build
    from engage.portal import Portal

    assert isinstance(example_portal, Portal)
    real = render.environment

    def broken() -> object:
        env = real()
        # A page template that reads a name its context lacks, as the planning page did.
        env.loader = ChoiceLoader([DictLoader({"engage/planning.html": "{{ engage.no_such_name }}"}), env.loader])
        return env

    monkeypatch.setattr(render, "environment", broken)
    problems = dry_build(example_portal, "data")
    assert [(p.file, p.code) for p in problems] == [("data", "build-failed")]
    assert "engage/planning.html could not render planning/" in problems[0].message
    # Large data is drawn by forked workers, as the build draws it: the failure still comes back.
    monkeypatch.setenv("ENGAGE_WORKERS", "2")
    assert dry_build(example_portal, "data") == problems
    monkeypatch.setattr(render, "environment", real)
    assert dry_build(example_portal, "data") == []
