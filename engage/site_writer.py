"""Write a build's generated pages and files into the output folder (no MkDocs).

A full build splits the work over forked worker processes when there is enough data and cores
for it to pay: each worker takes whole units (a module's page and file families), generates
them from the checked data it inherited, draws the pages with the compiled templates it
inherited, writes everything and sends back only URLs, paths and digests. `engage validate` runs
the same units without writing. Under the preview the same writer is kept between rebuilds, in
one process: a page whose value (URL, title, template, context) equals the last build's is
neither rendered nor written again, and a file whose bytes are unchanged is not rewritten, so one
saved event file costs its own page, the listings and feeds it appears in, and nothing else.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import signal
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path

from jinja2 import Environment

from . import markup, render, urls
from .feeds import families as feed_families
from .output import OutputFile, Page
from .pages import FILE_FAMILIES, PAGE_FAMILIES, events, facet_pages
from .portal import Portal

PARALLEL_MIN_EVENTS = 800
"""800 events make about 1,500 pages, below which a pool was measured (on 2 cores) to cost more
to start than it saves. Counted in events because the workers, not the parent, make the pages."""


@dataclass(frozen=True)
class Written:
    """What one build put in the output folder (or, drawing without writing, would have)."""

    urls: list[str]
    """Every generated page's URL, in family order."""
    files: list[str]
    """Every generated file's path, in family order."""
    rendered: int
    """How many pages were rendered this time (all of them on a full build)."""
    rewritten_files: int
    """How many files were written this time."""
    file_bytes: int = 0
    """Bytes of all the generated files (feeds, open data), written this time or not."""


COLLECTOR_THRESHOLDS = (50_000, 20, 100)
"""The cyclic garbage collector's thresholds while a build runs. A build allocates millions of
small objects and frees almost all of them by reference counting; Python's default (a young
collection every 700 allocations) spent a tenth of the drawing time looking for cycles that are
rare (measured at 2,000 events: 0.42 s of 3.7 s, 0.09 s with these)."""


def quiet_collector() -> None:
    """Collect cyclic garbage less often for the rest of this process (a build, or a worker)."""
    gc.set_threshold(*COLLECTOR_THRESHOLDS)


def workers_for(events: int) -> int:
    """How many processes to use: ENGAGE_WORKERS when set, else all cores once the pool pays."""
    override = os.environ.get("ENGAGE_WORKERS", "").strip()
    if override.isdigit() and int(override) > 0:
        return int(override)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if events < PARALLEL_MIN_EVENTS or cores < 2 or "fork" not in get_all_start_methods():
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


@dataclass(frozen=True)
class Unit:
    """Families one worker generates, draws and writes together. A module's page and file
    families share what they derive (the feeds' serialised items make both the subscribe page
    and every feed file), so they are never split between processes."""

    pages: tuple[int, ...]
    """Indexes into PAGE_FAMILIES."""
    files: tuple[int, ...]
    """Indexes into FILE_FAMILIES."""


HEAVIEST_FIRST = (feed_families.pages, events.pages, facet_pages.pages)
"""The units that take longest (profiled at 2,000 and 10,000 events) start first, so that the
many small ones fill in behind them and the workers finish together."""


def units() -> list[Unit]:
    """Every family, grouped by module, the heaviest units first."""
    modules: dict[str, tuple[list[int], list[int]]] = {}
    for i, page_family in enumerate(PAGE_FAMILIES):
        modules.setdefault(page_family.__module__, ([], []))[0].append(i)
    for i, file_family in enumerate(FILE_FAMILIES):
        modules.setdefault(file_family.__module__, ([], []))[1].append(i)
    found = [Unit(tuple(p), tuple(f)) for p, f in modules.values()]

    def rank(unit: Unit) -> int:
        return min(
            (HEAVIEST_FIRST.index(PAGE_FAMILIES[i]) for i in unit.pages if PAGE_FAMILIES[i] in HEAVIEST_FIRST),
            default=len(HEAVIEST_FIRST),
        )

    return sorted(found, key=rank)


@dataclass
class _Job:
    """Inherited by forked workers (never pickled): the data of one full build."""

    portal: Portal
    env: Environment
    out_dir: Path | None
    """None: draw every page and make every file but write nothing (engage validate)."""
    units: list[Unit]
    deadline: float | None = None
    """time.monotonic() after which a unit gives up (engage validate's time budget)."""


class OutOfTime(Exception):
    """A unit ran past the deadline it was given."""


def _expire(_signum: int, _frame: object) -> None:
    raise OutOfTime


_JOB: _Job | None = None


def shared_before_fork(portal: Portal) -> None:
    """Derive once, before the fork, what more than one unit would derive for itself: every
    event's description as sanitised HTML, which the event pages show and every feed turns
    into plain text (`markup.render` keeps it). Done in each worker, it was done twice."""
    for record in portal.events.values():
        markup.render(record.model.description)


_PageRow = tuple[str, str, bytes]
"""A drawn page: its URL, its output path and the digest of its HTML."""
_FileRow = tuple[str, bytes, int]
"""A made file: its path, the digest of its bytes and their number."""


def _run_unit(index: int) -> tuple[dict[int, list[_PageRow]], dict[int, list[_FileRow]]]:
    """In a worker: one unit's files and pages from the inherited data, pages drawn, both written
    (unless drawing only); only URLs, paths and digests travel back."""
    assert _JOB is not None
    job = _JOB
    # A build's templates do not change while it runs: no stat of each included file per page.
    job.env.auto_reload = False
    quiet_collector()
    if job.deadline is not None:
        # Timers are not inherited by a fork: each unit sets its own from the shared deadline.
        left = job.deadline - time.monotonic()
        if left <= 0:
            raise OutOfTime
        signal.signal(signal.SIGALRM, _expire)
        signal.setitimer(signal.ITIMER_REAL, left)
    unit = job.units[index]
    files: dict[int, list[_FileRow]] = {}
    for family in unit.files:
        file_rows = []
        for output in FILE_FAMILIES[family](job.portal):
            if job.out_dir is not None:
                _write(job.out_dir, output.path, output.content)
            file_rows.append((output.path, _digest(output.content), len(output.content)))
        files[family] = file_rows
    settings = job.portal.settings
    pages: dict[int, list[_PageRow]] = {}
    for family in unit.pages:
        page_rows = []
        for page in PAGE_FAMILIES[family](job.portal):
            html = render.render_page(job.env, page, settings)
            path = urls.output_path(page.url)
            if job.out_dir is not None:
                _write(job.out_dir, path, html)
            page_rows.append((page.url, path, _digest(html)))
        pages[family] = page_rows
    if job.deadline is not None:
        signal.setitimer(signal.ITIMER_REAL, 0)
    return pages, files


def draw_all(
    portal: Portal,
    env: Environment,
    out_dir: Path | None,
    workers: int,
    seconds: float | None = None,
    also: Callable[[], list[OutputFile]] | None = None,
) -> tuple[Written, dict[str, bytes]]:
    """Generate, draw and (unless `out_dir` is None) write every page and file with forked
    workers; what was made, and the digest at every output path. With `seconds`, a unit still
    running after that long raises OutOfTime here.

    The workers generate the pages themselves from the inherited data, so no page or context is
    pickled and the parent never holds the whole site: it starts the units and collects their
    URLs and digests, in family order."""
    global _JOB
    render.begin_build(env)
    for name in env.list_templates(filter_func=lambda name: name.startswith("engage/")):
        env.get_template(name)  # compiled once, inherited by every worker
    plan = units()
    shared_before_fork(portal)
    # Out of the collector's sight before the fork, the checked data is neither scanned by the
    # workers' collections nor copied page by page as they touch it.
    gc.freeze()
    deadline = None if seconds is None else time.monotonic() + seconds
    _JOB = _Job(portal, env, out_dir, plan, deadline)
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("fork")) as pool:
            pending = pool.map(_run_unit, range(len(plan)))
            # The parent's own files (the adapter's search index) are made while the workers run.
            extra = also() if also is not None else []
            for output in extra:
                if out_dir is not None:
                    _write(out_dir, output.path, output.content)
            results = list(pending)
    finally:
        _JOB = None
        gc.unfreeze()
    page_rows: dict[int, list[_PageRow]] = {}
    file_rows: dict[int, list[_FileRow]] = {}
    for pages, files in results:
        page_rows.update(pages)
        file_rows.update(files)
    ordered_pages = [row for i in range(len(PAGE_FAMILIES)) for row in page_rows[i]]
    ordered_files = [row for i in range(len(FILE_FAMILIES)) for row in file_rows[i]]
    ordered_files += [(output.path, _digest(output.content), len(output.content)) for output in extra]
    digests = {path: digest for path, digest, _ in ordered_files}
    digests.update((path, digest) for _, path, digest in ordered_pages)
    written = Written(
        urls=[url for url, _, _ in ordered_pages],
        files=[path for path, _, _ in ordered_files],
        rendered=len(ordered_pages),
        rewritten_files=len(ordered_files),
        file_bytes=sum(size for _, _, size in ordered_files),
    )
    return written, digests


_PAGE_FIELDS = tuple(f.name for f in dataclasses.fields(Page) if f.name != "context")


def same_page(new: Page, old: Page, compared: dict[tuple[int, int], bool]) -> bool:
    """`new == old`, with each pair of context values compared once per build (`compared`, by
    identity: both builds' pages are alive while it is used).

    Many pages share one large value (every coverage page holds the whole coverage, every
    listing page the same facet values), so comparing page by page would compare it hundreds
    of times; under the preview that was most of a rebuild."""
    if any(getattr(new, name) != getattr(old, name) for name in _PAGE_FIELDS):
        return False
    a, b = new.context, old.context
    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        pairs = [(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a)]
    else:
        return bool(a == b)
    for x, y in pairs:
        if x is y:
            continue
        key = (id(x), id(y))
        equal = compared.get(key)
        if equal is None:
            equal = compared[key] = bool(x == y)
        if not equal:
            return False
    return True


@dataclass
class SiteWriter:
    """Writes builds into one output folder; keeps what it wrote for the next build (preview)."""

    env: Environment = field(default_factory=render.environment)
    pages: dict[str, Page] = field(default_factory=dict)
    """Last build's pages by URL (builds in one process only)."""
    digests: dict[str, bytes] = field(default_factory=dict)
    """Last build's output paths and the digests of what was written there."""
    out_dir: Path | None = None

    def write(
        self,
        portal: Portal,
        out_dir: Path,
        workers: int | None = None,
        also: Callable[[], list[OutputFile]] | None = None,
    ) -> Written:
        """Write a build; `also` makes files of the caller's (written and counted like the
        families' files, made in this process while forked workers run)."""
        if self.out_dir != out_dir or not self._still_there(out_dir):
            # A new or cleaned folder: nothing from the last build can be kept.
            self.pages, self.digests, self.out_dir = {}, {}, out_dir
        count = workers_for(len(portal.events)) if workers is None else workers
        if not self.pages and count > 1:
            # A full build. The pages stay in the workers: a next build with this writer (never
            # the preview, which runs in one process) redraws every page, rewriting only changes.
            written, self.digests = draw_all(portal, self.env, out_dir, count, also=also)
            return written
        render.begin_build(self.env)
        pages = [page for family in PAGE_FAMILIES for page in family(portal)]
        written = self._write_changed(portal, pages, out_dir, also)
        self.pages = {page.url: page for page in pages}
        return written

    def _still_there(self, out_dir: Path) -> bool:
        """Whether last build's output is still on disk (the preview may run with a clean folder)."""
        return all((out_dir / path).exists() for path in list(self.digests)[:1])

    def _write_changed(
        self, portal: Portal, pages: list[Page], out_dir: Path, also: Callable[[], list[OutputFile]] | None = None
    ) -> Written:
        settings = portal.settings
        digests: dict[str, bytes] = {}
        rendered = rewritten = 0
        compared: dict[tuple[int, int], bool] = {}
        for page in pages:
            path = urls.output_path(page.url)
            old = self.pages.get(page.url)
            if old is not None and path in self.digests and same_page(page, old, compared):
                digests[path] = self.digests[path]
                continue
            html = render.render_page(self.env, page, settings)
            rendered += 1
            digests[path] = self._put(out_dir, path, html)
        files: list[str] = []
        size = 0
        makers = [partial(family, portal) for family in FILE_FAMILIES] + ([also] if also is not None else [])
        for make in makers:
            for output in make():
                files.append(output.path)
                size += len(output.content)
                before = self.digests.get(output.path)
                digests[output.path] = self._put(out_dir, output.path, output.content, before)
                rewritten += digests[output.path] != before
        self.digests = digests
        return Written([page.url for page in pages], files, rendered, rewritten, size)

    def _put(self, out_dir: Path, path: str, content: bytes, before: bytes | None = None) -> bytes:
        digest = _digest(content)
        if digest != (before if before is not None else self.digests.get(path)):
            _write(out_dir, path, content)
        return digest
