"""The site writer: parallel and serial builds agree, and a preview rebuild after an edit
renders only what changed yet leaves exactly what a clean build would."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from engage import render
from engage.dry_build import Budget, dry_build
from engage.loading import LoadCache
from engage.output import OutputFile
from engage.portal import Portal, check_data
from engage.site_writer import OutOfTime, SiteWriter, draw_all

from .conftest import DEMO_TODAY

TODAY = date.fromisoformat(DEMO_TODAY)


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _portal(data: Path, cache: LoadCache | None = None) -> Portal:
    result = check_data(data, TODAY, cache=cache)
    assert [p.as_text() for p in result.problems] == []
    assert result.portal is not None
    return result.portal


def test_forked_workers_write_what_one_process_writes(example_portal: Portal, tmp_path: Path) -> None:
    def also() -> list[OutputFile]:
        return [OutputFile("search/index.json", b'{"rows":[]}')]

    serial = SiteWriter().write(example_portal, tmp_path / "serial", workers=1, also=also)
    forked = SiteWriter().write(example_portal, tmp_path / "forked", workers=2, also=also)
    assert forked.urls == serial.urls
    assert forked.files == serial.files
    assert forked.files[-1] == "search/index.json"
    assert (tmp_path / "forked/search/index.json").read_bytes() == b'{"rows":[]}'
    assert _tree(tmp_path / "forked") == _tree(tmp_path / "serial")


def test_a_preview_rebuild_renders_only_what_an_edit_touches(data_copy: Path, tmp_path: Path) -> None:
    cache, writer, out = LoadCache(), SiteWriter(), tmp_path / "preview"
    first = writer.write(_portal(data_copy, cache), out, workers=1)
    assert first.rendered == len(first.urls)

    again = writer.write(_portal(data_copy, cache), out, workers=1)
    assert (again.rendered, again.rewritten_files) == (0, 0)

    event = data_copy / "events/district-council/2026-12-03-library-review.yaml"
    event.write_text(event.read_text().replace("title: ", "title: Revised ", 1))
    edited = writer.write(_portal(data_copy, cache), out, workers=1)
    assert 0 < edited.rendered < len(edited.urls) // 4
    assert 0 < edited.rewritten_files < len(edited.files) // 4
    assert "Revised " in (out / "events/2026-12-03-library-review/index.html").read_text()

    clean = tmp_path / "clean"
    SiteWriter().write(_portal(data_copy), clean, workers=1)
    assert _tree(out) == _tree(clean)


def test_the_load_cache_rereads_changed_files_and_forgets_deleted_ones(data_copy: Path) -> None:
    cache = LoadCache()
    folder = data_copy / "events/district-council"
    first = _portal(data_copy, cache)
    added = folder / "2026-12-04-library-review-again.yaml"
    added.write_text(
        (folder / "2026-12-03-library-review.yaml").read_text().replace("date: 2026-12-03", "date: 2026-12-04")
    )
    second = _portal(data_copy, cache)
    added.unlink()
    third = _portal(data_copy, cache)
    assert "2026-12-04-library-review-again" in second.events
    assert "2026-12-04-library-review-again" not in third.events
    assert not any(shown.endswith("2026-12-04-library-review-again.yaml") for shown in cache.files)
    # An unchanged file gives the very same record object: what the preview's memos rely on.
    kept = "2026-01-06-carers-cafe"
    assert first.events[kept] is second.events[kept] is third.events[kept]


def test_drawing_without_writing_makes_what_a_build_writes_and_writes_nothing(
    example_portal: Portal, tmp_path: Path
) -> None:
    """engage validate's draw: the same pages and files, the same bytes (by digest), no files."""
    built = SiteWriter()
    written = built.write(example_portal, tmp_path / "site", workers=2)
    drawn, digests = draw_all(example_portal, render.environment(), None, workers=2)
    assert drawn == written
    assert digests == built.digests
    assert written.file_bytes == sum(
        len(content) for path, content in _tree(tmp_path / "site").items() if path in written.files
    )
    assert list(tmp_path.iterdir()) == [tmp_path / "site"]


def test_a_unit_past_its_deadline_stops_the_draw(example_portal: Portal) -> None:
    with pytest.raises(OutOfTime):
        draw_all(example_portal, render.environment(), None, workers=2, seconds=0)


def test_validate_reports_a_build_past_its_time_budget(example_portal: Portal, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ENGAGE_WORKERS", "2")
    problems = dry_build(example_portal, "data", Budget(seconds=0.001))
    assert [(p.file, p.code, p.message) for p in problems] == [
        ("data", "build-budget", "building the site would take more than 0.001 seconds")
    ]


class _Counted:
    """A context value that counts how often it is compared."""

    calls = 0

    def __init__(self, value: int) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        _Counted.calls += 1
        return isinstance(other, _Counted) and other.value == self.value

    __hash__ = None  # type: ignore[assignment]


@dataclasses.dataclass(frozen=True)
class _Shared:
    """A page context holding one value shared by every page (as coverage pages hold the coverage)."""

    kind: str
    title: str
    all: _Counted
    n: int


def test_a_value_many_pages_share_is_compared_once_per_rebuild() -> None:
    """Regression: every coverage page holds the whole coverage, so the preview compared it once
    per page (233 times at 2,000 events), most of a rebuild's time."""
    from engage.output import Page
    from engage.site_writer import same_page

    old_shared, new_shared = _Counted(1), _Counted(1)
    old = [Page(f"p{n}/", "T", "engage/x.html", _Shared("x", "T", old_shared, n)) for n in range(50)]
    new = [Page(f"p{n}/", "T", "engage/x.html", _Shared("x", "T", new_shared, n)) for n in range(50)]
    compared: dict[tuple[int, int], bool] = {}
    _Counted.calls = 0
    assert [same_page(a, b, compared) for a, b in zip(new, old, strict=True)] == [True] * 50
    assert _Counted.calls == 1
    changed = Page("p0/", "T", "engage/x.html", _Shared("x", "T", _Counted(2), 0))
    assert not same_page(changed, old[0], compared)
    assert not same_page(new[1], old[0], {})
    assert not same_page(Page("p0/", "Other", "engage/x.html", new[0].context), old[0], {})


def test_same_page_agrees_with_equality_on_every_demo_page(example_portal: Portal, data_copy: Path) -> None:
    from engage.pages import PAGE_FAMILIES
    from engage.site_writer import same_page

    first = [page for family in PAGE_FAMILIES for page in family(example_portal)]
    event = data_copy / "events/district-council/2026-12-03-library-review.yaml"
    event.write_text(event.read_text().replace("title: ", "title: Revised ", 1))
    edited = _portal(data_copy)
    second = {page.url: page for family in PAGE_FAMILIES for page in family(edited)}
    compared: dict[tuple[int, int], bool] = {}
    answers = [(page.url, same_page(second[page.url], page, compared)) for page in first if page.url in second]
    assert answers == [(page.url, second[page.url] == page) for page in first if page.url in second]
    assert any(not same for _, same in answers) and any(same for _, same in answers)


def test_a_preview_rebuild_redraws_the_deadlines_an_edit_touches(data_copy: Path, tmp_path: Path) -> None:
    """The feeds' deadline items are kept between preview rebuilds while their inputs last: an EIA
    that no longer supersedes another gives the older one its review back, a renamed commitment
    renames its actions' due dates, and the site is what a clean build makes."""
    from engage.feeds import publish

    review = "eia.community-transport-2024.review"
    cache, writer, out = LoadCache(), SiteWriter(), tmp_path / "preview"
    first = _portal(data_copy, cache)
    writer.write(first, out, workers=1)
    assert b"SUMMARY:Superseded: EIA review due" in publish.entries(first)[review].ical

    newer = data_copy / "eias/community-transport.yaml"
    newer.write_text(newer.read_text().replace("supersedes: [community-transport-2024]\n", ""))
    commitment = data_copy / "commitments/listening.yaml"
    commitment.write_text(commitment.read_text().replace("title: ", "title: Renamed ", 1))
    edited = _portal(data_copy, cache)
    writer.write(edited, out, workers=1)
    # Asked before the clean build below, whose new records would replace what the memos hold.
    assert b"SUMMARY:EIA review due" in publish.entries(edited)[review].ical
    due = publish.entries(edited)["commitment.listening.action.tracker"].ical.replace(b"\r\n ", b"")
    assert b"the equality commitment 'Renamed Close the loop" in due

    clean = tmp_path / "clean"
    SiteWriter().write(_portal(data_copy), clean, workers=1)
    assert _tree(out) == _tree(clean)
