"""What engage.render draws once per build and reuses (a listed event) comes out exactly as
drawing it afresh on every page would."""

from __future__ import annotations

from pathlib import Path

from engage import render
from engage.output import Page
from engage.pages import events, facet_pages
from engage.portal import Portal


def _listings(portal: Portal) -> list[Page]:
    return [p for p in [*events.pages(portal), *facet_pages.pages(portal)] if p.template == "engage/events.html"]


def test_every_listing_page_draws_as_it_would_without_the_caches(example_portal: Portal) -> None:
    shared = render.environment()
    pages = _listings(example_portal)
    reused = [render.render_page(shared, page, example_portal.settings) for page in pages]
    fresh = [render.render_page(render.environment(), page, example_portal.settings) for page in pages]
    assert reused == fresh
    assert sum(b'class="engage-event"' in html for html in reused) > 10


def test_compiled_templates_are_shared_only_by_environments_with_the_same_settings(tmp_path: Path) -> None:
    """Regression: with Jinja's own file names, MkDocs' environment (no trailing newline kept)
    loaded templates Engage's environment had compiled, and every Markdown page gained blank lines."""
    names: list[set[str]] = []
    for keep_newline in (True, True, False):
        env = render.environment()
        env.keep_trailing_newline = keep_newline
        cache = render.bytecode_cache(env)
        cache.directory = str(tmp_path)
        env.bytecode_cache = cache
        env.get_template("engage/macros.html")
        names.append({p.name for p in tmp_path.iterdir()})
    assert len(names[0]) == 1
    assert names[1] == names[0]  # the same settings load what was compiled
    assert len(names[2] - names[1]) == 1  # other settings compile their own
