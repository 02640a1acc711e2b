"""CONTRIBUTING.md: its field reference is current, and its template makes a valid event."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker

from engage import field_reference
from engage.exports import schemas
from engage.portal import check_data
from engage.yaml_reader import read

from .sitebuild import ROOT

GUIDE = ROOT / "CONTRIBUTING.md"


def template() -> str:
    text = GUIDE.read_text("utf-8")
    match = re.search(r"<!-- event-template -->\n```yaml\n(.*?)```", text, re.DOTALL)
    assert match is not None
    return match.group(1)


def test_the_field_reference_is_up_to_date() -> None:
    text = GUIDE.read_text("utf-8")
    assert field_reference.replace_reference(text) == text, "run: .venv/bin/python -m engage.field_reference"


def test_the_field_reference_covers_every_field_of_an_event() -> None:
    reference = field_reference.reference()
    for name in ("title", "organiser", "start_time", "access", "consultation"):
        assert f"| `{name}` |" in reference
    assert "#### `access`" in reference
    assert (
        "| `step_free` | one of yes, no, on-request, unknown | optional (default: unknown) | Step-free access from the street to the room. |"
        in reference
    )


def test_the_template_pasted_as_the_guide_says_is_a_valid_event(tmp_path: Path) -> None:
    """Steps 3 to 6: the organiser's folder, the file name from step 5, the template as it stands."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    text = template()
    organiser = re.search(r"^organiser: (\S+)$", text, re.MULTILINE)
    assert organiser is not None
    guide = GUIDE.read_text("utf-8")
    name = re.search(r"For example: `(\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.yaml)`", guide)
    assert name is not None
    path = data / "events" / organiser.group(1) / name.group(1)
    assert path.parent.is_dir()
    path.write_text(text, "utf-8")
    result = check_data(data, date(2026, 11, 22))
    shown = f"data/events/{organiser.group(1)}/{name.group(1)}"
    assert [p.as_text() for p in result.problems if p.file == shown] == []
    # The demo forward plan holds clashes on purpose: warnings, never errors.
    assert [p.as_text() for p in result.errors] == []


def test_the_template_names_the_repositorys_event_schema_and_satisfies_it() -> None:
    text = template()
    base = read((ROOT / "data" / "site.yaml").read_bytes()).value["base_url"]
    # From data/events/<organisation>/, the repository's own copy: it works in any clone or fork.
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../schemas/event.json"
    assert (ROOT / "data/events/any-organisation" / "../../../schemas/event.json").resolve().is_file()
    validator = Draft202012Validator(schemas.file_schema("event", base), format_checker=FormatChecker())
    assert [e.message for e in validator.iter_errors(read(text.encode()).value)] == []


def test_the_messages_the_guide_quotes_are_the_ones_the_checks_print() -> None:
    guide = GUIDE.read_text("utf-8")
    table = guide[guide.index("## When the check finds a problem") : guide.index("## Field reference")]
    quoted = re.findall(r"^\| `([^`]+)`", table, re.MULTILINE)
    assert len(quoted) >= 6
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "engage").rglob("*.py"))
    # A message names the thing it is about ("no venue has the id"); the code fills it in.
    things = r"\b(?:venue|area|topic|method|organisation)\b"
    for message in quoted:
        for part in re.split(r"'\.\.\.'|\.\.\.|\([^)]*\)|" + things, message):
            assert part.strip(" '") in source, message
