"""Render generated pages to HTML with Engage's own Jinja environment (no MkDocs).

Each page is drawn from its context by its page type's template, which extends the shared
layout (`engage/layout.html`); nothing goes through Markdown and no documentation navigation is
rendered per page. `StrictUndefined` makes a misspelt name in a template an error, not an empty
string. `engage.site_writer` decides which pages to render and where they go.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
)
from markupsafe import Markup

from . import template_filters
from .models.settings import Settings
from .output import Page
from .shell import ShellContext, shell_context

TEMPLATES = Path(__file__).resolve().parents[1] / "theme_overrides"
"""Where the layout and the per-type templates live (MkDocs' custom_dir, shared with Markdown pages)."""


def environment(template_dirs: Sequence[Path] = (TEMPLATES,)) -> Environment:
    """Engage's template environment: strict, autoescaped, with the filters and the `url` global."""
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        undefined=StrictUndefined,
        autoescape=True,
        auto_reload=True,
        keep_trailing_newline=True,
    )
    env.bytecode_cache = bytecode_cache(env)
    template_filters.register(env)
    env.globals["event_entry"] = _EntryCache(env)
    return env


_COMPILE_SETTINGS = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "autoescape",
    "optimized",
)


def bytecode_cache(env: Environment) -> FileSystemBytecodeCache:
    """Compiled templates kept between builds (compiling Engage's took 0.3 s of every build before
    any page could be drawn; loading them takes 0.01 s), in Jinja's private per-user folder in the
    temporary directory. A compiled template depends on the settings it was compiled with, which
    Jinja's key (template, file, source) leaves out, so the file names carry a digest of them:
    MkDocs' environment, or this one after a change to its settings, never loads these."""
    settings = repr([getattr(env, name) for name in _COMPILE_SETTINGS] + sorted(env.extensions))
    digest = hashlib.sha256(settings.encode()).hexdigest()[:16]
    return FileSystemBytecodeCache(pattern=f"engage-{digest}-%s.cache")


def begin_build(env: Environment) -> None:
    """Forget what the last build rendered (the preview keeps one environment between builds)."""
    cache = env.globals.get("event_entry")
    if isinstance(cache, _EntryCache):
        cache.clear()


class _EntryCache:
    """`event_entry(entry, root, feedback)`: one listed event occurrence, rendered once per build.

    The same occurrence is listed on the upcoming pages, on every facet page it matches and on
    the home page; its HTML depends only on the occurrence, the event's facts (fixed for a build),
    the page's depth and its "you said, we did" link, so it is rendered once and reused.
    """

    def __init__(self, env: Environment) -> None:
        self._env = env
        self._html: dict[tuple[Any, ...], Markup] = {}

    def clear(self) -> None:
        self._html.clear()

    def __call__(self, entry: Any, root: str, feedback: Mapping[str, str] | None = None) -> Markup:
        feedback_id = feedback.get(entry.record.id) if feedback else None
        key = (entry.occurrence, root, feedback_id)
        html = self._html.get(key)
        if html is None:
            macro = self._env.get_template("engage/macros.html").module.event_entry  # type: ignore[attr-defined]
            html = Markup(macro(entry, root, feedback))
            self._html[key] = html
        return html


def shell_for(page: Page, settings: Settings) -> ShellContext:
    return shell_context(
        url=page.url,
        title=page.title,
        page_type=page.page_type,
        description=page.description,
        settings=settings,
    )


class RenderError(Exception):
    """A template could not be drawn from its context: a fault in Engage, not in the data."""


def render_page(env: Environment, page: Page, settings: Settings) -> bytes:
    """One page's HTML document."""
    try:
        template = env.get_template(page.template)
        return template.render(shell=shell_for(page, settings), engage=page.context).encode("utf-8")
    except TemplateError as err:
        where = f"{err.filename}:{err.lineno}: " if isinstance(err, TemplateSyntaxError) else ""
        raise RenderError(f"{where}{page.template} could not render {page.url or 'the home page'}: {err}") from err
