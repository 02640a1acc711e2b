"""`engage new` writes a commented starter in the right folder that cannot be published as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engage.cli import main

STARTERS = [
    (
        ["event", "--title", "Budget drop-in", "--organiser", "health-trust", "--date", "2027-03-04"],
        "events/health-trust/2027-03-04-budget-drop-in.yaml",
    ),
    (
        ["eia", "--title", "Parking charges review", "--organiser", "district-council", "--date", "2026-11-10"],
        "eias/parking-charges-review.yaml",
    ),
    (
        [
            "feedback",
            "--title",
            "Library review: what you said",
            "--event",
            "2026-03-02-parks-consultation",
            "--date",
            "2026-11-10",
        ],
        "feedback/library-review-what-you-said.yaml",
    ),
    (["commitment", "--title", "Accessible meetings", "--date", "2026-11-10"], "commitments/accessible-meetings.yaml"),
    (
        [
            "evaluation",
            "--title",
            "Library drop-in: what it achieved",
            "--event",
            "2026-03-02-parks-consultation",
            "--date",
            "2026-11-10",
        ],
        "evaluations/library-drop-in-what-it-achieved.yaml",
    ),
]
# What a contributor writes in place of each placeholder, by field name (the last part of its path).
FILLED = {
    "method": "drop-in",
    "areas": "north-ward",
    "topics": "housing",
    "venue": "town-hall",
    "start_time": '"18:30"',
    "end_time": '"20:00"',
    "stage": "final",
    "outcome": "no-major-change",
    "impact": "neutral",
    "module": "communities",
    "level": "developing",
    "count": "12",
    "methods": "survey",
    "response": "changed",
    "date": "2026-11-20",
    "review_date": "2027-11-20",
    "ends": "2027-11-10",
    "due": "2027-06-30",
}


def _fill(text: str, kind: str) -> str:
    """Replace each placeholder the way a contributor would: a real value of the right kind."""
    out = []
    current = ""
    for line in text.splitlines():
        key = re.match(r"^\s*(?:- )?([a-z_]+):", line)
        if key:
            current = key.group(1)
        if "TODO" in line:
            value = (
                "screening"
                if (kind, current) == ("eia", "stage")
                else FILLED.get(current, json.dumps("Filled in by the officer."))
            )
            line = re.sub(r"TODO.*$", value, line)
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize(("argv", "expected_path"), STARTERS)
def test_starter_fails_validation_until_its_placeholders_are_replaced(
    data_copy: Path, argv: list[str], expected_path: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", *argv, "--data", str(data_copy)]) == 0
    written = data_copy / expected_path
    text = written.read_text()
    # The repository's copy of the schema, beside the data folder, named relative to the file.
    schema = text.splitlines()[0].removeprefix("# yaml-language-server: $schema=")
    assert (written.parent / schema).resolve() == (data_copy.parent / "schemas" / f"{argv[0]}.json").resolve()
    capsys.readouterr()
    assert main(["validate", str(written)]) == 1
    lines = capsys.readouterr().out.splitlines()
    source = text.splitlines()
    # A block of text ('description: |') is reported at its field's line, just above the TODO.
    todo_lines = [
        n - 1 if source[n - 2].endswith("|") else n
        for n, line in enumerate(source, 1)
        if "TODO" in line and not line.lstrip().startswith("#")
    ]
    # One placeholder problem per TODO, at its line, and nothing else (no 'expected an id' noise).
    assert [int(line.split(":")[1]) for line in lines] == todo_lines
    assert all("error[placeholder]" in line for line in lines)
    written.write_text(_fill(text, argv[0]))
    assert main(["validate", str(written)]) == 0, capsys.readouterr().out


def test_event_starter_placeholder_names_field_and_line(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["new", *STARTERS[0][0], "--data", str(data_copy)])
    capsys.readouterr()
    main(["validate", str(data_copy / STARTERS[0][1])])
    out = capsys.readouterr().out.splitlines()
    assert out[2] == (
        "data/events/health-trust/2027-03-04-budget-drop-in.yaml:14:1: error[placeholder]: method: "
        "replace the placeholder 'TODO one method id from the list above' with the real value"
    )


def test_starter_refuses_to_overwrite(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [
        "new",
        "event",
        "--title",
        "Library review",
        "--organiser",
        "district-council",
        "--date",
        "2026-12-03",
        "--slug",
        "library-review",
        "--data",
        str(data_copy),
    ]
    assert main(argv) == 2
    assert "already exists" in capsys.readouterr().err


def test_starter_refuses_an_id_the_site_keeps_for_its_own_pages(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "commitment", "--title", "Overdue", "--data", str(data_copy)]) == 2
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith("'overdue' is a name the site keeps for its own pages; choose another --slug")
    )
    assert not (data_copy / "commitments" / "overdue.yaml").exists()


def test_starter_names_the_choices_for_an_unknown_organiser(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "event", "--title", "X", "--organiser", "nobody", "--data", str(data_copy)]) == 2
    assert (
        capsys.readouterr().err
        == "engage new: no organisation 'nobody'; choose one of district-council, health-trust\n"
    )


def test_starter_suggests_a_misspelt_organiser(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "event", "--title", "X", "--organiser", "helth-trust", "--data", str(data_copy)]) == 2
    assert capsys.readouterr().err == (
        "engage new: no organisation 'helth-trust'; did you mean 'health-trust'? Choose one of district-council, health-trust\n"
    )


@pytest.mark.parametrize("kind", ["event", "eia"])
def test_event_and_eia_starters_need_an_organiser(
    kind: str, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", kind, "--title", "X", "--data", str(data_copy)]) == 2
    assert capsys.readouterr().err == (
        f"engage new: {kind} needs --organiser: the id of the organisation; choose one of district-council, health-trust\n"
    )


def test_feedback_starter_needs_the_event_it_answers(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "feedback", "--title", "X", "--data", str(data_copy)]) == 2
    assert capsys.readouterr().err == (
        "engage new: feedback needs --event: the id of the consultation event it answers (its file name without .yaml)\n"
    )
    assert (
        main(["new", "feedback", "--title", "X", "--event", "2026-03-02-parks-consultaton", "--data", str(data_copy)])
        == 2
    )
    assert capsys.readouterr().err == (
        "engage new: no event has the id '2026-03-02-parks-consultaton'; did you mean '2026-03-02-parks-consultation'?\n"
    )


def test_feedback_starter_answers_the_event_given(data_copy: Path) -> None:
    main(["new", *STARTERS[2][0], "--data", str(data_copy)])
    text = (data_copy / STARTERS[2][1]).read_text()
    assert "\nevent: 2026-03-02-parks-consultation\n" in text
