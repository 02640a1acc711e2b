"""Shared fixtures: the example and demo data, and sites built from them once per session."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from engage.portal import Portal, check_data

from .sitebuild import ROOT, BuildResult, build_site

EXAMPLE_DATA = ROOT / "tests" / "example-data"
DEMO_DATA = ROOT / "data"
DEMO_TODAY = "2026-11-22"


@pytest.fixture(scope="session")
def example_portal() -> Portal:
    result = check_data(EXAMPLE_DATA, date.fromisoformat(DEMO_TODAY))
    assert result.problems == []
    assert result.portal is not None
    return result.portal


@pytest.fixture(scope="session")
def demo_portal() -> Portal:
    result = check_data(DEMO_DATA, date.fromisoformat(DEMO_TODAY))
    # The demo forward plan holds real clashes on purpose: warnings, never errors.
    assert [p.as_text() for p in result.errors] == []
    assert result.portal is not None
    return result.portal


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo data built once with ENGAGE_TODAY=2026-11-22."""
    result = build_site(DEMO_DATA, tmp_path_factory.mktemp("demo") / "site", DEMO_TODAY)
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    result = build_site(EXAMPLE_DATA, tmp_path_factory.mktemp("example") / "site", DEMO_TODAY)
    assert result.returncode == 0, result.output
    return result.site


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the example data, for tests that break it on purpose."""
    target = tmp_path / "data"
    shutil.copytree(EXAMPLE_DATA, target)
    return target


__all__ = ["BuildResult", "build_site"]
