"""Generate the whole site in memory, as a build would, inside a time and size budget.

`engage validate` runs this after the checks pass, so data that validates also builds: every
page family, feed, export and schema is generated from the checked data, and every page is drawn
through its template, by the same forked workers as a build when the data is as large (only
writing the files is left out). Generation or drawing that raises,
runs past `MAX_SECONDS` or produces more than `MAX_PAGES` pages or `MAX_OUTPUT_BYTES` of files is
reported as a problem, never a traceback.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass

from .portal import Portal
from .problems import Problem

MAX_SECONDS = 300
"""Far above a 10,000-event site (under a minute here); only runaway generation reaches it."""
MAX_PAGES = 100_000
"""Pages one build may make; a 10,000-event site makes about 12,000."""
MAX_OUTPUT_BYTES = 1_000_000_000
"""Bytes of feeds and open data one build may write."""


class _OutOfTime(Exception):
    pass


@dataclass(frozen=True)
class Budget:
    seconds: float = MAX_SECONDS
    pages: int = MAX_PAGES
    output_bytes: int = MAX_OUTPUT_BYTES


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise _OutOfTime after `seconds` (only in the main thread, where signals arrive)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(_signum: int, _frame: object) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _draw(portal: Portal, seconds: float) -> tuple[int, int]:
    """Everything a build makes, every page drawn, nothing written: the number of pages and the
    bytes of the files."""
    from . import render, search
    from .pages import generate, home
    from .site_writer import draw_all, workers_for

    env = render.environment()
    search.index_file(portal)  # the adapter makes it in a build
    workers = workers_for(len(portal.events))
    if workers > 1:
        home.context(portal)  # the adapter's, for the home page
        written, _ = draw_all(portal, env, None, workers, seconds)
        return len(written.urls), written.file_bytes
    site = generate(portal)
    # Every page drawn too, as the build draws it (output thrown away): a template that cannot
    # render some data must fail here, in validate, not in the build after merging.
    for page in site.pages:
        render.render_page(env, page, portal.settings)
    return len(site.pages), sum(len(f.content) for f in site.files)


def dry_build(portal: Portal, where: str, budget: Budget = Budget()) -> list[Problem]:
    """Problems that would stop or swamp a build of `portal`; `where` names the data folder."""
    from concurrent.futures import BrokenExecutor

    from .render import RenderError
    from .site_writer import OutOfTime

    try:
        with _deadline(budget.seconds):
            pages, size = _draw(portal, budget.seconds)
    except RenderError as err:
        return [
            Problem(
                where,
                1,
                1,
                "build-failed",
                "",
                f"the site could not be built from this data ({err}); please report this",
            )
        ]
    except (_OutOfTime, OutOfTime):
        return [
            Problem(
                where, 1, 1, "build-budget", "", f"building the site would take more than {budget.seconds:g} seconds"
            )
        ]
    except (
        ArithmeticError,
        ValueError,
        LookupError,
        TypeError,
        OSError,
        RecursionError,
        MemoryError,
        BrokenExecutor,
    ) as err:
        # A safety net, not parsing: the checks should have refused whatever gets here. Say what
        # failed in one line so it can be reported, instead of a traceback.
        return [
            Problem(
                where,
                1,
                1,
                "build-failed",
                "",
                f"the site could not be built from this data ({type(err).__name__}: {err}); please report this",
            )
        ]
    out: list[Problem] = []
    if pages > budget.pages:
        out.append(
            Problem(
                where,
                1,
                1,
                "build-budget",
                "",
                f"the site would have {pages:,} pages; at most {budget.pages:,} may be built",
            )
        )
    if size > budget.output_bytes:
        out.append(
            Problem(
                where,
                1,
                1,
                "build-budget",
                "",
                f"the feeds and open data would take {size:,} bytes; at most {budget.output_bytes:,} may be written",
            )
        )
    return out
