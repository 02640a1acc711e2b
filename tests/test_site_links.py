"""Every record has its page, and every link on the built site leads somewhere."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from engage.portal import Portal


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (
                (tag == "a" and name == "href") or (tag in {"link", "script", "img"} and name in {"href", "src"})
            ):
                self.hrefs.append(value)


def broken_links(site: Path) -> list[str]:
    broken = []
    for page in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith(("#", "mailto:")) or not parts.path:
                continue
            # The 404 page links from the site root, since it is served at any path.
            base = site if parts.path.startswith("/") else page.parent
            target = (base / unquote(parts.path.lstrip("/"))).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
    return broken


def record_pages_missing(site: Path, portal: Portal) -> list[str]:
    expected = (
        [f"events/{i}/index.html" for i in portal.events]
        + [f"eia/{i}/index.html" for i in portal.eias]
        + [f"you-said-we-did/{i}/index.html" for i in portal.feedback]
        + [f"commitments/{i}/index.html" for i in portal.commitments]
    )
    return [path for path in expected if not (site / path).is_file()]


def test_example_site_has_a_page_per_record_and_no_broken_link(example_site: Path, example_portal: Portal) -> None:
    assert record_pages_missing(example_site, example_portal) == []
    assert broken_links(example_site) == []


@pytest.mark.slow
def test_demo_site_has_a_page_per_record_and_no_broken_link(demo_site: Path, demo_portal: Portal) -> None:
    assert record_pages_missing(demo_site, demo_portal) == []
    assert broken_links(demo_site) == []


def test_cross_references_are_links_both_ways(example_site: Path) -> None:
    event = (example_site / "events/2026-12-03-library-review/index.html").read_text()
    eia = (example_site / "eia/library-hours/index.html").read_text()
    feedback = (example_site / "you-said-we-did/housing-allocations/index.html").read_text()
    commitment = (example_site / "commitments/listening/index.html").read_text()
    assert 'href="../../eia/library-hours/"' in event
    assert 'href="../../events/2026-12-03-library-review/"' in eia
    assert 'href="../../you-said-we-did/housing-allocations/"' in eia
    assert 'href="../../eia/library-hours/"' in feedback
    assert 'href="../../commitments/listening/"' in feedback
    assert 'href="../../you-said-we-did/housing-allocations/"' in commitment
