"""Editor completion in a clone or fork: the repository's copy of the schemas, kept in step with
the models, and named by a path relative to each file that resolves inside the repository."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from engage import schema_files
from engage.cli import main
from engage.exports.schemas import file_schema, file_schema_names
from engage.yaml_reader import read

ROOT = Path(__file__).resolve().parents[1]


def test_the_repositorys_schemas_are_in_step_with_the_models() -> None:
    # When this fails, a model changed: run `engage schemas` and commit schemas/.
    assert schema_files.stale(ROOT / "schemas") == []


def test_the_repository_copy_is_the_published_schema_without_the_sites_address() -> None:
    for name in file_schema_names():
        published = file_schema(name, "https://engage.example.gov.uk/")
        del published["$id"]
        assert json.loads((ROOT / "schemas" / f"{name}.json").read_text("utf-8")) == published, name


@pytest.mark.parametrize(
    ("name", "file", "expected"),
    [
        ("event", "events/health-trust/2027-03-04-drop-in.yaml", "../../../schemas/event.json"),
        ("eia", "eias/parking.yaml", "../../schemas/eia.json"),
        ("areas", "taxonomies/areas.yaml", "../../schemas/areas.json"),
        ("site", "site.yaml", "../schemas/site.json"),
    ],
)
def test_the_relative_path_leads_from_the_file_to_the_repositorys_copy(name: str, file: str, expected: str) -> None:
    assert schema_files.relative_schema(name, PurePosixPath(file)) == expected
    assert ((ROOT / "data" / file).parent / expected).resolve() == ROOT / "schemas" / f"{name}.json"


def test_every_demo_event_satisfies_the_repositorys_event_schema() -> None:
    # The editor's squiggles agree with the validator on real files.
    validator = Draft202012Validator(
        json.loads((ROOT / "schemas/event.json").read_text("utf-8")), format_checker=FormatChecker()
    )
    for path in sorted((ROOT / "data/events").rglob("*.yaml"))[:60]:
        assert [e.message for e in validator.iter_errors(read(path.read_bytes()).value)] == [], path


def test_engage_schemas_check_fails_when_out_of_step_and_writing_brings_it_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "schemas"
    assert main(["schemas", str(folder)]) == 0
    assert capsys.readouterr().out == f"Wrote {len(file_schema_names())} schema files in {folder}\n"
    assert main(["schemas", "--check", str(folder)]) == 0
    (folder / "event.json").write_text("{}\n")
    (folder / "old.json").write_text("{}\n")
    assert main(["schemas", "--check", str(folder)]) == 1
    assert capsys.readouterr().err == (
        f"engage schemas: {folder} is out of step with the models (event.json, old.json); run engage schemas {folder}\n"
    )
    assert main(["schemas", str(folder)]) == 0
    assert not (folder / "old.json").exists()
    assert main(["schemas", "--check", str(folder)]) == 0


def test_the_editor_settings_map_every_data_file_to_its_schema() -> None:
    # VS Code's YAML extension reads these for files without a first-line schema comment.
    mapping = json.loads((ROOT / ".vscode/settings.json").read_text("utf-8"))["yaml.schemas"]
    assert sorted(mapping) == sorted(f"./schemas/{name}.json" for name in file_schema_names())
    for schema, pattern in mapping.items():
        files = sorted(ROOT.glob(pattern))
        assert files, pattern
        validator = Draft202012Validator(json.loads((ROOT / schema).read_text("utf-8")), format_checker=FormatChecker())
        assert [e.message for e in validator.iter_errors(read(files[0].read_bytes()).value)] == [], files[0]
