"""Render generated pages to HTML bytes with Engage's own Jinja environment (no MkDocs).

Each page is drawn from its context by its page type's template, which extends the shared
layout (`engage/layout.html`); nothing goes through Markdown and no documentation navigation is
rendered per page. `StrictUndefined` makes a misspelt name in a template an error, not an empty
string. Rendering is split over worker processes when there are enough pages and cores for it to
pay (see `render_all`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import template_filters, urls
from .models.settings import Settings
from .pages.page import Page
from .shell import ShellContext, shell_context

TEMPLATES = Path(__file__).resolve().parents[1] / "theme_overrides"
"""Where the layout and the per-type templates live (MkDocs' custom_dir, shared with Markdown pages)."""

PARALLEL_MIN_PAGES = 1500
"""Below this many pages a process pool costs more to start and feed than it saves (measured:
see benchmarks/RESULTS.md)."""


def environment(template_dirs: Sequence[Path] = (TEMPLATES,)) -> Environment:
    """Engage's template environment: strict, autoescaped, with the filters and the `url` global."""
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        undefined=StrictUndefined,
        autoescape=True,
        auto_reload=False,
        keep_trailing_newline=True,
    )
    template_filters.register(env)
    return env


def shell_for(page: Page, settings: Settings) -> ShellContext:
    return shell_context(
        url=page.url,
        title=page.title,
        page_type=page.page_type,
        description=page.description,
        settings=settings,
    )


def render_page(env: Environment, page: Page, settings: Settings) -> bytes:
    """One page's HTML document."""
    template = env.get_template(page.template)
    context = page.context
    if isinstance(context, dict):
        # Dict contexts get the page's title beside their own names (typed contexts carry it).
        context = {**context, "title": page.title}
    html = template.render(shell=shell_for(page, settings), engage=context)
    return html.encode("utf-8")


@dataclass(frozen=True)
class RenderJob:
    """What a worker process needs; pages and settings reach it by fork, not by pickling."""

    start: int
    stop: int


_JOB_PAGES: Sequence[Page] = ()
_JOB_SETTINGS: Settings | None = None
_JOB_ENV: Environment | None = None


def _render_slice(job: RenderJob) -> list[bytes]:
    assert _JOB_SETTINGS is not None and _JOB_ENV is not None
    return [render_page(_JOB_ENV, page, _JOB_SETTINGS) for page in _JOB_PAGES[job.start : job.stop]]


def workers_for(count: int) -> int:
    """How many processes to render `count` pages with: 1 unless the pool pays for itself."""
    override = os.environ.get("ENGAGE_RENDER_WORKERS", "").strip()
    if override.isdigit() and int(override) > 0:
        return int(override)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if count < PARALLEL_MIN_PAGES or cores < 2:
        return 1
    return cores


def render_all(env: Environment, pages: Sequence[Page], settings: Settings, workers: int | None = None) -> list[bytes]:
    """Every page's HTML, in the order given. With more than one worker the pages are split into
    contiguous slices rendered by forked processes (the environment's compiled templates and the
    pages are inherited, only the bytes come back)."""
    count = len(pages)
    workers = workers_for(count) if workers is None else workers
    if workers <= 1 or "fork" not in _start_methods():
        return [render_page(env, page, settings) for page in pages]
    global _JOB_PAGES, _JOB_SETTINGS, _JOB_ENV
    _JOB_PAGES, _JOB_SETTINGS, _JOB_ENV = pages, settings, env
    # Compile every template once here so the forked workers inherit them.
    for name in {page.template for page in pages}:
        env.get_template(name)
    size = max(1, -(-count // (workers * 4)))
    jobs = [RenderJob(start, min(start + size, count)) for start in range(0, count, size)]
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
            return [html for chunk in pool.map(_render_slice, jobs) for html in chunk]
    finally:
        _JOB_PAGES, _JOB_SETTINGS, _JOB_ENV = (), None, None


def _start_methods() -> Iterable[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


class RenderCache:
    """Renders a build's pages; under `serve` a later build re-renders only what changed.

    (First version: renders everything each time.)"""

    def render(self, env: Environment, pages: Sequence[Page], settings: Settings) -> list[bytes]:
        return render_all(env, pages, settings)
