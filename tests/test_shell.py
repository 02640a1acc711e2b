"""The public shell: breadcrumb rules, navigation, and what every built page carries."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from engage.models.settings import Settings
from engage.shell import Crumb, NavItem, parents_of, root_of, shell_context

SETTINGS = Settings(name="Example Engage", publisher="Example", base_url="https://x.example/", contact="a@x.example")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("", ()),
        ("events/", (Crumb("Home", ""),)),
        ("events/x/", (Crumb("Home", ""), Crumb("What's on", "events/"))),
        ("events/page/2/", (Crumb("Home", ""), Crumb("What's on", "events/"))),
        ("events/past/2025/", (Crumb("Home", ""), Crumb("What's on", "events/"), Crumb("Past events", "events/past/"))),
        ("events/area/fernside/", (Crumb("Home", ""), Crumb("What's on", "events/"))),
        (
            "events/area/fernside/page/2/",
            (Crumb("Home", ""), Crumb("What's on", "events/"), Crumb("Fernside", "events/area/fernside/")),
        ),
        ("eia/outcome/adjust/", (Crumb("Home", ""), Crumb("Equality impact assessments", "eia/"))),
        ("you-said-we-did/x/", (Crumb("Home", ""), Crumb("You said, we did", "you-said-we-did/"))),
        ("accessibility/", (Crumb("Home", ""),)),
        ("venues/coldwell-institute/", (Crumb("Home", ""), Crumb("Venues", "venues/"))),
        ("impact/community-chest-2026/", (Crumb("Home", ""), Crumb("What our engagement achieved", "impact/"))),
        (
            "self-assessment/diverse-workforce/",
            (Crumb("Home", ""), Crumb("Equality Framework self-assessment", "self-assessment/")),
        ),
        ("contribute/add-event/", (Crumb("Home", ""), Crumb("How partners add events", "contribute/"))),
        ("planning/", (Crumb("Home", ""),)),
    ],
)
def test_breadcrumbs_lead_from_home_to_the_parent_page(url: str, expected: tuple[Crumb, ...]) -> None:
    assert parents_of(url) == expected


def test_root_climbs_one_level_per_folder() -> None:
    assert [root_of(u) for u in ("", "events/", "events/x/", "404.html")] == ["", "../", "../../", ""]


def test_the_current_section_is_marked_and_explicit_parents_win() -> None:
    shell = shell_context(
        url="events/x/",
        title="X",
        page_type="event",
        description="",
        settings=SETTINGS,
        parents=(Crumb("Past events", "events/past/"),),
    )
    assert shell.breadcrumbs == (Crumb("Home", ""), Crumb("Past events", "events/past/"))
    assert [item for item in shell.navigation if item.current] == [NavItem("What's on", "events/", True)]
    assert shell.root == "../../"
    assert [item.label for item in shell.footer] == [
        "Accessibility statement",
        "Privacy notice",
        "Contact",
        "Open data",
        "Calendar feeds",
        "Search",
    ]


def test_the_home_page_has_no_breadcrumbs_and_no_current_section() -> None:
    shell = shell_context(url="", title="", page_type="home", description="", settings=SETTINGS)
    assert shell.breadcrumbs == ()
    assert not any(item.current for item in shell.navigation)


FOOTER_LINKS = {
    "Accessibility statement": "accessibility/",
    "Privacy notice": "privacy/",
    "Contact": "contact/",
    "Open data": "open-data/",
    "Calendar feeds": "feeds/",
}
_FOOTER = re.compile(r'<footer class="engage-footer">(.*?)</footer>', re.DOTALL)
_LINK = re.compile(r'<a class="engage-footer__link" href="([^"]*)"[^>]*>([^<]*)</a>')
_CRUMBS = re.compile(r'<nav class="engage-breadcrumbs" aria-label="Breadcrumb">')


def _resolves(site: Path, page: Path, href: str) -> bool:
    target = (page.parent / href).resolve() if not href.startswith("/") else site / href.lstrip("/")
    return (target / "index.html").is_file() if href.endswith("/") else target.is_file()


def test_every_page_has_the_footer_links_breadcrumbs_below_home_and_no_material_chrome(demo_site: Path) -> None:
    """Regression: the footer was empty on every page and no page had breadcrumbs."""
    problems = []
    pages = sorted(demo_site.rglob("*.html"))
    for page in pages:
        rel = page.relative_to(demo_site).as_posix()
        html = page.read_text(encoding="utf-8")
        footer = _FOOTER.search(html)
        links = {label: href for href, label in _LINK.findall(footer.group(1))} if footer else {}
        for label, url in FOOTER_LINKS.items():
            href = links.get(label, "")
            if not href.endswith(url) or not _resolves(demo_site, page, href):
                problems.append(f"{rel}: footer link {label!r} is {href!r}")
        if footer is None or 'rel="license"' not in footer.group(1) or "open-government-licence" not in footer.group(1):
            problems.append(f"{rel}: no link to the Open Government Licence in the footer")
        has_crumbs = bool(_CRUMBS.search(html))
        if has_crumbs != (rel not in {"index.html", "404.html"}):
            problems.append(f"{rel}: breadcrumbs {'shown' if has_crumbs else 'missing'}")
        if re.search(r"<[uo]l[^>]*aria-label", html):
            problems.append(f"{rel}: aria-label on a plain list")
        if "assets/stylesheets/" in html or "assets/javascripts/" in html or "md-sidebar" in html:
            problems.append(f"{rel}: Material's CSS, JavaScript or sidebar")
    assert len(pages) > 100
    assert problems == []


def test_the_404_page_is_titled_page_not_found_and_links_by_site_root_paths(demo_site: Path) -> None:
    html = (demo_site / "404.html").read_text(encoding="utf-8")
    assert re.search(r"<title>(.*?)</title>", html).group(1) == "Page not found - Calderbrook Engage"  # type: ignore[union-attr]
    assert re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1) == "Page not found"  # type: ignore[union-attr]
    # Served at any depth, so its links start from the site's root, never relative.
    hrefs = re.findall(r'(?:href|src)="([^"#]*)"', html)
    assert [h for h in hrefs if not h.startswith(("/", "https://"))] == []
    assert 'href="/search/"' in html and 'href="/contact/"' in html


def test_the_partnerships_colours_reach_the_page(demo_site: Path) -> None:
    html = (demo_site / "index.html").read_text(encoding="utf-8")
    assert (
        "<style>:root{--engage-brand:#1d70b8;--engage-brand-text:#ffffff;--engage-link:#1d70b8;--engage-link-visited:#4c2c92}</style>"
        in html
    )
    assert '<img class="engage-header__logo" src="assets/calderbrook-logo.svg" alt="" height="32">' in html
    assert (demo_site / "assets" / "calderbrook-logo.svg").is_file()
