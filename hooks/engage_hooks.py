"""The thin MkDocs adapter: load and check the data, hand MkDocs the engine's pages and files.

No business logic lives here. `on_config` runs again on every `serve` rebuild, so all
state is rebuilt there.
"""

from __future__ import annotations

import gc
import logging
import os
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage

from engage import search, template_filters, urls
from engage.models.settings import Settings
from engage.pages import Site, generate
from engage.portal import check_data
from engage.problems import Problem
from engage.shell import shell_context
from engage.today import TodayError
from engage.urls import source

log = logging.getLogger("mkdocs.plugins.engage")

_state: dict[str, Any] = {}


def on_startup(command: str, dirty: bool) -> None:
    _state["command"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _state.pop("site", None)
    _state.pop("problems", None)
    # ENGAGE_DATA lets tests and the benchmark build another data folder with the same site.
    data = Path(os.environ.get("ENGAGE_DATA") or Path(config.config_file_path).parent / "data")
    _state["data"] = data
    log.info("Engage: checking the data in %s", data)
    try:
        result = check_data(data)
    except TodayError as err:
        raise PluginError(str(err)) from None
    if result.problems or result.portal is None:
        for problem in result.problems:
            log.error(problem.as_text())
        message = f"Engage: {len(result.problems)} problem(s) in the data; nothing was published."
        if _state.get("command") == "serve":
            # Keep serving: the preview shows the problems until the data is fixed.
            log.error(message)
            _state["problems"] = result.problems
            return config
        raise PluginError(message)
    portal = result.portal
    # Reproducible builds: MkDocs dates the sitemap from SOURCE_DATE_EPOCH.
    midnight = datetime(portal.today.year, portal.today.month, portal.today.day, tzinfo=UTC)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    site = generate(portal)
    site.files.append(search.index_file(portal, Path(config.docs_dir)))
    log.info("Engage: %d pages and %d files generated for %s", len(site.pages), len(site.files), portal.today)
    _state["site"] = site
    # Thousands of long-lived records and pages would be re-scanned by every garbage
    # collection during rendering; they live until the build ends, so exempt them.
    gc.collect()
    gc.freeze()
    _state["settings"] = portal.settings
    config.site_url = config.site_url or portal.settings.base_url
    return config


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    # The data folder may live outside the project (ENGAGE_DATA); watch it wherever it is.
    server.watch(str(_state["data"]))
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    problems: list[Problem] | None = _state.get("problems")
    if problems is not None:
        files.append(
            File.generated(config, "data-problems.md", content=_problems_page(problems), inclusion=InclusionLevel.NOT_IN_NAV)
        )
        return files
    site: Site = _state["site"]
    by_source = {}
    for page in site.pages:
        file = File.generated(config, source(page.url), content=page.source(), inclusion=InclusionLevel.NOT_IN_NAV)
        files.append(file)
        by_source[file.src_uri] = page
    for output in site.files:
        files.append(File.generated(config, output.path, content=output.content, inclusion=InclusionLevel.NOT_IN_NAV))
    _state["by_source"] = by_source
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    # Our page templates escape everything by default; Material's own templates expect raw HTML.
    env.autoescape = lambda name: bool(name) and name.startswith("engage/")
    template_filters.register(env)
    env.globals["url"] = urls
    return env


def on_page_context(context: dict[str, Any], page: MkPage, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    site: Site | None = _state.get("site")
    if site is None:
        # The preview of broken data: the problems page still needs the layout's shell.
        context["engage"] = {}
        title = str(page.title or "")
        context["shell"] = shell_context(
            url=page.url, title=title, page_type="problems", description="", settings=_settings(config)
        )
        return context
    generated = _state["by_source"].get(page.file.src_uri)
    if generated is not None:
        context["engage"] = {**generated.context, "title": generated.title}
        title, description = generated.title, generated.description
    else:
        context["engage"] = site.content_context.get(page.file.src_uri, {})
        title, description = str(page.title or ""), str(page.meta.get("description") or "")
    context["engage_settings"] = _state["settings"]
    context["shell"] = shell_context(
        url=page.url,
        title="" if page.is_homepage else title,
        page_type=str(context["engage"].get("kind") or "content"),
        description=description,
        settings=_state["settings"],
    )
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    # The 404 page is served at any depth, so its links start from the site's own path.
    if template_name == "404.html":
        settings = _settings(config)
        context["shell"] = shell_context(
            url="404.html", title="Page not found", page_type="not-found", description="", settings=settings
        )
        context["shell"] = replace(context["shell"], root=urlsplit(settings.base_url).path, breadcrumbs=())
    return context


def _settings(config: MkDocsConfig) -> Settings:
    """The site's settings; while the data is broken (under serve), a stand-in so the shell draws."""
    settings: Settings | None = _state.get("settings")
    if settings is None:
        name = config.site_name
        settings = Settings(name=name, publisher=name, base_url="http://127.0.0.1/", contact="engage@example.org")
    return settings


def on_page_markdown(markdown: str, page: MkPage, config: MkDocsConfig, files: Files) -> str:
    problems: list[Problem] | None = _state.get("problems")
    if problems is not None and page.file.src_uri == "index.md":
        return _problems_page(problems)
    return markdown


def _problems_page(problems: list[Problem]) -> str:
    lines = ["# The data has problems", "", "Fix these and save; the preview rebuilds by itself.", ""]
    lines += [f"- `{p.as_text()}`" for p in problems]
    return "\n".join(lines)
