"""The MkDocs adapter: check the data, render Engage's pages itself, hand MkDocs the bytes.

MkDocs (or ProperDocs, its maintained fork) stays the build driver for the hand-written Markdown
pages, the theme's static files, the sitemap, `--strict` and `serve`. Generated pages never enter
its documentation pipeline: `engage.site_writer` has `engage.render` draw them from their contexts with Engage's
own template environment and writes them into the site folder; MkDocs knows them as
`WrittenFile`s that it neither renders nor copies.
They keep a Markdown source path (`events/x/index.md`), so links from Markdown pages to them are
checked and resolved by MkDocs as before, and the sitemap template lists them.

No business logic lives here. The state lives in this module, not in the hook file, because
MkDocs re-imports the hook file on every `serve` rebuild: what survives here is what makes a
rebuild incremental (`engage.site_writer`).
"""

from __future__ import annotations

import gc
import logging
import os
import time
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage

from . import preview_problems, search, site_writer, template_filters, urls
from .loading import LoadCache
from .models.settings import Settings
from .output import OutputFile
from .pages import home
from .portal import Portal, check_data
from .problems import Problem
from .render import RenderError
from .shell import shell_context
from .site_writer import SiteWriter
from .today import TodayError

log = logging.getLogger("mkdocs.plugins.engage")


class WrittenFile(File):
    """A generated page or file Engage has already written into the site folder. MkDocs knows it
    (a page by its Markdown source path, so that links to it from Markdown pages resolve and are
    checked) but neither reads, renders nor copies it."""

    def is_documentation_page(self) -> bool:
        return False

    def is_static_page(self) -> bool:
        return self.dest_uri.endswith(".html")

    def is_modified(self) -> bool:
        return False

    def copy_file(self, dirty: bool = False) -> None:
        return None


def _written(config: MkDocsConfig, src_uri: str, dest_uri: str) -> WrittenFile:
    file = WrittenFile(src_uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
    file.dest_uri = dest_uri
    file.inclusion = InclusionLevel.NOT_IN_NAV
    return file


@dataclass
class State:
    """What one build knows; `serve` keeps it between rebuilds."""

    command: str = "build"
    data: Path | None = None
    portal: Portal | None = None
    content_context: dict[str, Any] = field(default_factory=dict)
    settings: Settings | None = None
    today: date | None = None
    problems: list[Problem] | None = None
    sitemap: list[str] = field(default_factory=list)
    writer: SiteWriter = field(default_factory=SiteWriter)
    load_cache: LoadCache = field(default_factory=LoadCache)


STATE = State()


def on_startup(command: str, dirty: bool) -> None:
    STATE.command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site_writer.quiet_collector()
    STATE.portal = None
    STATE.problems = None
    # ENGAGE_DATA lets tests and the benchmark build another data folder with the same site.
    data = Path(os.environ.get("ENGAGE_DATA") or Path(config.config_file_path).parent / "data")
    STATE.data = data
    log.info("Engage: checking the data in %s", data)
    try:
        result = check_data(data, cache=STATE.load_cache if STATE.command == "serve" else None)
    except TodayError as err:
        raise PluginError(str(err)) from None
    for warning in result.problems:
        if not warning.is_error:
            # Warnings (a possible clash) never stop the build; strict mode must not turn them into errors.
            log.info(warning.as_text())
    if result.portal is None:
        for problem in result.errors:
            log.error(problem.as_text())
        message = f"Engage: {len(result.errors)} problem(s) in the data; nothing was published."
        if STATE.command == "serve":
            # Keep serving: the preview shows the problems until the data is fixed.
            log.error(message)
            STATE.problems = result.errors
            return config
        raise PluginError(message)
    portal = result.portal
    # Reproducible builds: MkDocs dates the sitemap from SOURCE_DATE_EPOCH.
    midnight = datetime(portal.today.year, portal.today.month, portal.today.day, tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    STATE.portal = portal
    STATE.content_context = {"index.md": home.context(portal)}
    STATE.settings = portal.settings
    STATE.today = portal.today
    config.site_url = config.site_url or portal.settings.base_url
    return config


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    # The data folder may live outside the project (ENGAGE_DATA); watch it wherever it is.
    if STATE.data is not None:
        server.watch(str(STATE.data))
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if STATE.problems is not None:
        files.append(
            File.generated(
                config, "data-problems.md", content=_problems_page(STATE.problems), inclusion=InclusionLevel.NOT_IN_NAV
            )
        )
        return files
    portal = STATE.portal
    assert portal is not None
    start = time.perf_counter()
    # The preview renders in this process, so the memos that make its rebuilds quick are filled
    # by the first build; a build forks workers when it pays.
    workers = 1 if STATE.command == "serve" else None
    docs = Path(config.docs_dir)

    def search_index() -> list[OutputFile]:
        # It covers the hand-written pages too, so it is made here, where their folder is known.
        return [search.index_file(portal, docs)]

    try:
        written = STATE.writer.write(portal, Path(config.site_dir), workers=workers, also=search_index)
    except RenderError as err:
        raise PluginError(f"Engage: {err}") from None
    log.info(
        "Engage: %d pages (%d rendered) and %d files (%d written) for %s in %.2f s",
        len(written.urls),
        written.rendered,
        len(written.files),
        written.rewritten_files,
        portal.today,
        time.perf_counter() - start,
    )
    base = (config.site_url or portal.settings.base_url).rstrip("/") + "/"
    STATE.sitemap[:] = [base + url for url in written.urls]
    for url in written.urls:
        files.append(_written(config, urls.source(url), urls.output_path(url)))
    for path in written.files:
        files.append(_written(config, path, path))
    # Pages whose data the adapter supplies (the home page) change with the data, not their file.
    for src_uri in STATE.content_context:
        file = files.get_file_from_path(src_uri)
        if file is not None:
            file.is_modified = lambda: True  # type: ignore[method-assign]
    # The records live until the build ends: keep the garbage collector off them. Only the
    # preview, which rebuilds for hours, frees this build's garbage first (a full collection
    # costs a build 0.1 s at 2,000 events).
    if STATE.command == "serve":
        gc.collect()
    gc.freeze()
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Engage's templates escape everything by default; the theme's own templates expect raw HTML.
    env.autoescape = _escapes
    template_filters.register(env)
    env.globals["engage_sitemap"] = STATE.sitemap
    env.globals["engage_lastmod"] = STATE.today.isoformat() if STATE.today else ""
    return env


def _escapes(name: str | None) -> bool:
    """Autoescape Engage's templates (engage/*), not the theme's own."""
    return bool(name) and str(name).startswith("engage/")


def on_page_context(context: dict[str, Any], page: MkPage, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """Markdown pages get the same `shell` as generated pages, and their own data context."""
    engage: Any = STATE.content_context.get(page.file.src_uri, {}) if STATE.portal is not None else {}
    context["engage"] = engage
    settings = STATE.settings or _preview_settings(config)
    url = "" if page.is_homepage else page.url
    kind = engage.get("kind", "") if isinstance(engage, dict) else getattr(engage, "kind", "")
    context["shell"] = shell_context(
        url=url,
        title="" if page.is_homepage else (page.title or ""),
        page_type=kind or "content",
        description=str(page.meta.get("description", "")),
        settings=settings,
    )
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """The theme's own pages (404.html) get a shell too. A 404 page is served at any depth, so
    its links start from the site's path ('/' or '/engage/'), not from a relative prefix."""
    if template_name.endswith(".html"):
        settings = STATE.settings or _preview_settings(config)
        shell = shell_context(url="", title="Page not found", page_type="not-found", description="", settings=settings)
        context["shell"] = replace(
            shell, url=template_name, root=urlsplit(config.site_url or "/").path or "/", breadcrumbs=()
        )
        context["engage"] = {}
    return context


def on_page_markdown(markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    if STATE.problems is not None and page.file.src_uri == "index.md":
        return _problems_page(STATE.problems)
    return markdown


def _problems_page(problems: list[Problem]) -> str:
    """The preview's home page while the data has problems (escaped: problems quote hostile input)."""
    return preview_problems.page(problems)


def _preview_settings(config: MkDocsConfig) -> Settings:
    """Settings for the shell while the data (site.yaml included) cannot be read: preview only."""
    return Settings(
        name=config.site_name,
        publisher=config.site_name,
        base_url=config.site_url or "https://example.org/",
        contact="preview@example.org",
    )
