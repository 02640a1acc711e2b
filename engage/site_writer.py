"""Write a build's generated pages and files into the output folder (no MkDocs).

A full build splits the work over forked worker processes when there are enough pages and cores
for it to pay: the file families (feeds, open data) and slices of the pages are rendered and
written by the workers, which inherit the checked data and the compiled templates and send back
only digests. Under the preview the same writer is kept between rebuilds: a page whose value
(URL, title, template, context) equals the last build's is neither rendered nor written again,
and a file whose bytes are unchanged is not rewritten, so one saved event file costs its own page,
the listings and feeds it appears in, and nothing else.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from jinja2 import Environment

from . import render, urls
from .output import Page
from .pages import FILE_FAMILIES, PAGE_FAMILIES
from .portal import Portal

PARALLEL_MIN_PAGES = 1500
"""Below this many pages the pool costs more to start and feed than it saves (measured with
`make bench` and benchmarks/phases.py on 2 cores; see benchmarks/RESULTS.md)."""


@dataclass(frozen=True)
class Written:
    """What one build put in the output folder, for the adapter to register."""

    pages: list[Page]
    """Every generated page, in family order."""
    files: list[str]
    """Every generated file's path, in family order."""
    rendered: int
    """How many pages were rendered this time (all of them on a full build)."""
    rewritten_files: int
    """How many files were written this time."""


def workers_for(pages: int) -> int:
    """How many processes to use: ENGAGE_WORKERS when set, else all cores once the pool pays."""
    override = os.environ.get("ENGAGE_WORKERS", "").strip()
    if override.isdigit() and int(override) > 0:
        return int(override)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if pages < PARALLEL_MIN_PAGES or cores < 2 or "fork" not in get_all_start_methods():
        return 1
    return cores


def _digest(content: bytes) -> bytes:
    return hashlib.blake2b(content, digest_size=16).digest()


def _write(out_dir: Path, path: str, content: bytes) -> None:
    target = out_dir / path
    try:
        target.write_bytes(content)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


@dataclass
class _Job:
    """Inherited by forked workers (never pickled): the data of one full build."""

    portal: Portal
    pages: Sequence[Page]
    env: Environment
    out_dir: Path


_JOB: _Job | None = None


def _run_files(index: int) -> list[tuple[str, bytes]]:
    assert _JOB is not None
    out = []
    for output in FILE_FAMILIES[index](_JOB.portal):
        _write(_JOB.out_dir, output.path, output.content)
        out.append((output.path, _digest(output.content)))
    return out


def _run_pages(bounds: tuple[int, int]) -> list[tuple[str, bytes]]:
    assert _JOB is not None
    job = _JOB
    settings = job.portal.settings
    out = []
    for page in job.pages[bounds[0] : bounds[1]]:
        html = render.render_page(job.env, page, settings)
        path = urls.output_path(page.url)
        _write(job.out_dir, path, html)
        out.append((path, _digest(html)))
    return out


@dataclass
class SiteWriter:
    """Writes builds into one output folder; keeps what it wrote for the next build (preview)."""

    env: Environment = field(default_factory=render.environment)
    pages: dict[str, Page] = field(default_factory=dict)
    """Last build's pages by URL."""
    digests: dict[str, bytes] = field(default_factory=dict)
    """Last build's output paths and the digests of what was written there."""
    out_dir: Path | None = None

    def write(self, portal: Portal, out_dir: Path, workers: int | None = None) -> Written:
        render.begin_build(self.env)
        pages = [page for family in PAGE_FAMILIES for page in family(portal)]
        if self.out_dir != out_dir or not self._still_there(out_dir):
            # A new or cleaned folder: nothing from the last build can be kept.
            self.pages, self.digests, self.out_dir = {}, {}, out_dir
        count = workers_for(len(pages)) if workers is None else workers
        if not self.pages and count > 1:
            written = self._write_all_parallel(portal, pages, out_dir, count)
        else:
            written = self._write_changed(portal, pages, out_dir)
        self.pages = {page.url: page for page in pages}
        return written

    def _still_there(self, out_dir: Path) -> bool:
        """Whether last build's output is still on disk (the preview may run with a clean folder)."""
        return all((out_dir / path).exists() for path in list(self.digests)[:1])

    def _write_all_parallel(self, portal: Portal, pages: list[Page], out_dir: Path, workers: int) -> Written:
        global _JOB
        for name in sorted({page.template for page in pages}):
            self.env.get_template(name)  # compiled once, inherited by every worker
        _JOB = _Job(portal, pages, self.env, out_dir)
        size = max(1, -(-len(pages) // (workers * 6)))
        slices = [(start, min(start + size, len(pages))) for start in range(0, len(pages), size)]
        tasks: list[tuple[Callable[..., list[tuple[str, bytes]]], object]] = [
            (_run_files, i) for i in range(len(FILE_FAMILIES))
        ]
        tasks += [(_run_pages, bounds) for bounds in slices]
        try:
            with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
                futures = [pool.submit(fn, arg) for fn, arg in tasks]
                results = [future.result() for future in futures]
        finally:
            _JOB = None
        files_done = [pair for result in results[: len(FILE_FAMILIES)] for pair in result]
        pages_done = [pair for result in results[len(FILE_FAMILIES) :] for pair in result]
        self.digests = dict(files_done + pages_done)
        return Written(pages, [path for path, _ in files_done], len(pages), len(files_done))

    def _write_changed(self, portal: Portal, pages: list[Page], out_dir: Path) -> Written:
        settings = portal.settings
        digests: dict[str, bytes] = {}
        rendered = rewritten = 0
        for page in pages:
            path = urls.output_path(page.url)
            old = self.pages.get(page.url)
            if old is not None and old == page and path in self.digests:
                digests[path] = self.digests[path]
                continue
            html = render.render_page(self.env, page, settings)
            rendered += 1
            digests[path] = self._put(out_dir, path, html)
        files: list[str] = []
        for family in FILE_FAMILIES:
            for output in family(portal):
                files.append(output.path)
                before = self.digests.get(output.path)
                digests[output.path] = self._put(out_dir, output.path, output.content, before)
                rewritten += digests[output.path] != before
        self.digests = digests
        return Written(pages, files, rendered, rewritten)

    def _put(self, out_dir: Path, path: str, content: bytes, before: bytes | None = None) -> bytes:
        digest = _digest(content)
        if digest != (before if before is not None else self.digests.get(path)):
            _write(out_dir, path, content)
        return digest
