"""A data error stops the build with the validator's own messages and publishes nothing."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from .regenerate_expected import NEGATIVE, make_data, validate
from .sitebuild import MKDOCS, ROOT, build_site

pytestmark = pytest.mark.slow

CASES = ["many-problems-in-many-files", "generated-billion-laughs", "taxonomy-is-a-mapping"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def logged_errors(output: str) -> list[str]:
    return re.findall(r"^ERROR\s+-\s+(.*)$", output, re.MULTILINE)


@pytest.mark.parametrize("case", CASES)
def test_data_error_aborts_the_build_with_the_validators_messages(case: str, tmp_path: Path) -> None:
    data = make_data(NEGATIVE / case, tmp_path)
    site = tmp_path / "site"
    (site / "events").mkdir(parents=True)
    (site / "index.html").write_text("<p>The site as it was</p>")
    (site / "events" / "index.html").write_text("<p>Yesterday's events</p>")
    before = snapshot(site)
    result = build_site(data, site, "2026-11-22")
    _, validator_lines, _ = validate(data)
    problems = validator_lines.splitlines()
    assert result.returncode == 1
    assert logged_errors(result.output) == [
        *problems,
        f"Engage: {len(problems)} problem(s) in the data; nothing was published.",
    ]
    assert "Traceback" not in result.output
    assert snapshot(site) == before


def test_an_empty_site_folder_stays_empty_and_a_missing_one_is_not_made(tmp_path: Path) -> None:
    data = make_data(NEGATIVE / "yaml-python-tag", tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    assert build_site(data, empty).returncode == 1
    assert list(empty.iterdir()) == []
    missing = tmp_path / "missing"
    assert build_site(data, missing).returncode == 1
    assert not missing.exists()


def repo_copy(tmp_path: Path) -> Path:
    """The repository's build set-up (Makefile, mkdocs.yml, hooks, templates, content) without its data or site."""
    repo = tmp_path / "repo"
    repo.mkdir()
    skip = {".git", ".venv", "node_modules", "site", ".site-tmp", "data", "benchmarks", "tests"}
    for entry in ROOT.iterdir():
        if entry.name not in skip:
            (repo / entry.name).symlink_to(entry)
    (repo / "data").mkdir()  # mkdocs.yml watches data/; the build reads ENGAGE_DATA instead
    return repo


def make_build(repo: Path, data: Path) -> subprocess.CompletedProcess[str]:
    # BIN points make at the project's virtual environment; -o skips the set-up step for this copy.
    env = {**os.environ, "ENGAGE_DATA": str(data), "ENGAGE_TODAY": "2026-11-22"}
    return subprocess.run(
        ["make", "-o", ".venv/.engage-installed", "build", f"BIN={MKDOCS.parent}"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_make_build_keeps_the_previous_site_on_failure_and_replaces_it_on_success(tmp_path: Path) -> None:
    repo = repo_copy(tmp_path)
    (repo / "site").mkdir()
    (repo / "site" / "index.html").write_text("<p>The site as it was</p>")
    before = snapshot(repo / "site")

    failed = make_build(repo, make_data(NEGATIVE / "many-problems-in-many-files", tmp_path / "broken"))
    assert failed.returncode != 0
    assert "Traceback" not in failed.stdout + failed.stderr
    assert len(logged_errors(failed.stderr)) == 5
    assert snapshot(repo / "site") == before
    assert not (repo / ".site-tmp").exists()

    good = make_build(repo, make_data(NEGATIVE.parent / "positive" / "quoted-times", tmp_path / "good"))
    assert good.returncode == 0, good.stdout + good.stderr
    assert (repo / "site" / "events" / "2026-12-10-corpus-drop-in" / "index.html").is_file()
    assert (repo / "site" / "index.html").read_bytes() != before["index.html"]
    assert not (repo / ".site-tmp").exists()
