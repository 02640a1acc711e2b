"""The same data on the same day gives a byte-identical site; another day moves listings, not URLs."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from engage import urls
from engage.portal import check_data

from .conftest import DEMO_DATA, DEMO_TODAY
from .sitebuild import build_site

pytestmark = pytest.mark.slow


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A frozen copy, so that all builds here read the same bytes even while data/ is being edited.
    target = tmp_path_factory.mktemp("determinism") / "data"
    shutil.copytree(DEMO_DATA, target)
    return target


def build(data: Path, site: Path, today: str) -> dict[str, bytes]:
    result = build_site(data, site, today)
    assert result.returncode == 0, result.output
    return snapshot(site)


@pytest.fixture(scope="module")
def first(demo_copy: Path) -> dict[str, bytes]:
    return build(demo_copy, demo_copy.parent / "first", DEMO_TODAY)


def test_two_builds_on_the_same_day_are_byte_identical(demo_copy: Path, first: dict[str, bytes]) -> None:
    second = build(demo_copy, demo_copy.parent / "second", DEMO_TODAY)
    assert sorted(second) == sorted(first)
    differing = sorted(path for path in first if first[path] != second[path])
    assert differing == []


def test_another_day_changes_listings_but_not_page_urls(demo_copy: Path, first: dict[str, bytes]) -> None:
    later = build(demo_copy, demo_copy.parent / "later", "2027-03-01")
    portal = check_data(demo_copy, date.fromisoformat(DEMO_TODAY)).portal
    assert portal is not None
    record_pages = (
        [urls.event(i) for i in portal.events]
        + [urls.eia(i) for i in portal.eias]
        + [urls.feedback(i) for i in portal.feedback]
        + [urls.commitment(i) for i in portal.commitments]
    )
    pages = {f"{url}index.html" for url in record_pages}
    assert (pages - set(first), pages - set(later)) == (set(), set())
    # What is upcoming and what is past moves with the day.
    assert later["events/index.html"] != first["events/index.html"]
