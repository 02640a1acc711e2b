"""Generated pages are drawn by Engage's own strict templates from their contexts, without a
site build; every link in the templates comes from engage/urls.py."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from jinja2 import UndefinedError

from engage import render
from engage.output import Page
from engage.pages import generate
from engage.portal import Portal

from .sitebuild import ROOT

TEMPLATES = ROOT / "theme_overrides"


def _page(portal: Portal, url: str) -> Page:
    return next(page for page in generate(portal).pages if page.url == url)


def test_an_event_page_renders_from_its_context_alone(example_portal: Portal) -> None:
    page = _page(example_portal, "events/2026-12-03-library-review/")
    html = render.render_page(render.environment(), page, example_portal.settings).decode()
    assert html.lower().startswith("<!doctype html>")
    assert page.title in re.findall(r"<title>(.*?)</title>", html)[0]
    assert re.findall(r"<h1[^>]*>(.*?)</h1>", html) == [page.title]
    assert '<meta name="engage:page-type" content="event">' in html
    assert len(re.findall(r'<main[^>]*id="main-content"', html)) == 1


def test_a_misspelt_context_name_is_an_error_not_an_empty_string() -> None:
    """Regression: MkDocs' default Undefined rendered a misspelt key as nothing."""
    env = render.environment()
    with pytest.raises(UndefinedError, match="titel"):
        env.from_string("<h1>{{ engage.titel }}</h1>").render(engage={"title": "Library review"})


def test_templates_write_no_site_paths_of_their_own() -> None:
    """Every link is {{ shell.root }}{{ url.x(...) }} or a URL made in Python by engage/urls.py."""
    offenders = []
    for path in sorted((TEMPLATES / "engage").rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if (
                "base_url" in line
                or re.search(r"\}\}(events|eia|you-said-we-did|commitments|schemas|open-data|feeds)/", line)
                or re.search(
                    r'(href|src|action|data-[a-z]+)="(\{\{ *(shell\.root|root) *\}\})?(events|eia|you-said-we-did|commitments|calendar|coverage|feeds|open-data|schemas|assets|search|impact|self-assessment|planning|venues|contribute)/',
                    line,
                )
            ):
                offenders.append(f"{path.relative_to(TEMPLATES / 'engage')}:{number}")
    assert offenders == []


def test_url_constants_live_in_urls_only() -> None:
    """No module outside urls.py spells out a site folder as a constant."""
    pattern = re.compile(
        r'^[A-Z_]+ = f?"(events|eia|you-said-we-did|commitments|calendar|coverage|feeds|open-data|schemas)/'
    )
    offenders = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "engage").rglob("*.py"))
        if path.name != "urls.py"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if pattern.match(line)
    ]
    assert offenders == []


def test_the_layout_stands_alone() -> None:
    """Pages survive the theme: the layout is a whole document and extends nothing of Material's."""
    layout = (TEMPLATES / "engage" / "layout.html").read_text()
    assert "{% extends" not in layout
    assert "<!doctype html>" in layout.lower()
    main = (TEMPLATES / "main.html").read_text()
    assert '{% extends "engage/layout.html" %}' in main
    assert "base.html" not in main


def test_listed_events_are_rendered_once_per_build_and_match_the_macro(example_portal: Portal) -> None:
    env = render.environment()
    upcoming = _page(example_portal, "events/")
    first = render.render_page(env, upcoming, example_portal.settings)
    assert render.render_page(env, upcoming, example_portal.settings) == first
    entry = upcoming.context.months[0].entries[0]
    macro = env.get_template("engage/macros.html").module.event_entry  # type: ignore[attr-defined]
    assert str(env.globals["event_entry"](entry, "../", {})) == str(macro(entry, "../", {}))
    render.begin_build(env)
    assert str(env.globals["event_entry"](entry, "../", {})) == str(macro(entry, "../", {}))


def test_every_page_is_in_the_sitemap(demo_site: Path, demo_portal: Portal) -> None:
    """Regression: pages rendered outside MkDocs' page pipeline must still be in sitemap.xml."""
    base = demo_portal.settings.base_url.rstrip("/") + "/"
    locs = re.findall(r"<loc>(.*?)</loc>", (demo_site / "sitemap.xml").read_text())
    folders = (p.parent.relative_to(demo_site).as_posix() for p in demo_site.rglob("index.html"))
    pages = {base + ("" if folder == "." else folder + "/") for folder in folders}
    assert len(locs) == len(set(locs))
    assert set(locs) == pages


def test_every_url_in_urls_is_used() -> None:
    """Regression: urls.py kept FACETS, ADD_EVENT and UPDATE_EVENT, which nothing used (vulture
    below its 80% threshold cannot tell)."""
    tree = ast.parse((ROOT / "engage" / "urls.py").read_text())
    names = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]
    names += [
        t.id
        for n in tree.body
        if isinstance(n, ast.Assign)
        for t in n.targets
        if isinstance(t, ast.Name) and t.id.isupper() and not t.id.startswith("_")
    ]
    sources = [p for p in (ROOT / "engage").rglob("*.py") if p.name != "urls.py"]
    sources += [*(TEMPLATES / "engage").rglob("*.html"), TEMPLATES / "main.html"]
    text = "\n".join(p.read_text() for p in sources)
    unused = [name for name in names if not re.search(rf"\burls?\.{name}\b|import[^\n]*\b{name}\b", text)]
    assert unused == []


FOLDERS = re.compile(
    r"^(events|eia|you-said-we-did|commitments|calendar|coverage|feeds|open-data|schemas|assets|search|impact"
    r"|self-assessment|planning|venues|contribute)/"
)


NOT_SITE_PATHS = {
    ("engage/atom.py", "eia/"): "an Atom entry's key names a record; the atom:id is made from it",
    (
        "engage/schema_files.py",
        "events/organisation/event.yaml",
    ): "a path inside the data folder, from which the schema line's relative path is counted",
}
"""Strings that look like site paths and are not made by urls.py, with why."""


def test_python_makes_no_site_path_outside_urls() -> None:
    """Regression: schema, open data and action-anchor paths were put together from urls' parts
    (f"{urls.schemas()}{name}.json") in exports and pages; urls.py makes them all."""
    offenders = []
    for path in sorted((ROOT / "engage").rglob("*.py")):
        if path.name == "urls.py":
            continue
        tree = ast.parse(path.read_text())
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                uses_urls = any(
                    isinstance(part, ast.FormattedValue) and "urls." in ast.unparse(part.value) for part in node.values
                )
                glued = any(
                    isinstance(part, ast.Constant) and re.search(r"[/#]|\.json", part.value) for part in node.values
                )
                if uses_urls and glued:
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and FOLDERS.match(node.value)
                and (path.relative_to(ROOT).as_posix(), node.value) not in NOT_SITE_PATHS
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
