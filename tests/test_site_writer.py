"""The site writer: parallel and serial builds agree, and a preview rebuild after an edit
renders only what changed yet leaves exactly what a clean build would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from engage.loading import LoadCache
from engage.portal import Portal, check_data
from engage.site_writer import SiteWriter

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
    serial = SiteWriter().write(example_portal, tmp_path / "serial", workers=1)
    forked = SiteWriter().write(example_portal, tmp_path / "forked", workers=2)
    assert [p.url for p in forked.pages] == [p.url for p in serial.pages]
    assert forked.files == serial.files
    assert _tree(tmp_path / "forked") == _tree(tmp_path / "serial")


def test_a_preview_rebuild_renders_only_what_an_edit_touches(data_copy: Path, tmp_path: Path) -> None:
    cache, writer, out = LoadCache(), SiteWriter(), tmp_path / "preview"
    first = writer.write(_portal(data_copy, cache), out, workers=1)
    assert first.rendered == len(first.pages)

    again = writer.write(_portal(data_copy, cache), out, workers=1)
    assert (again.rendered, again.rewritten_files) == (0, 0)

    event = data_copy / "events/district-council/2026-12-03-library-review.yaml"
    event.write_text(event.read_text().replace("title: ", "title: Revised ", 1))
    edited = writer.write(_portal(data_copy, cache), out, workers=1)
    assert 0 < edited.rendered < len(edited.pages) // 4
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
