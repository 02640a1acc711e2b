"""Find every type of page a built site has, so checks cover each template, not one page.

Engage's templates write `<meta name="engage:page-type" content="KIND">` (from the page
context's `kind`); hand-written pages under content/ and the 404 page are types of their own.
A new page type is picked up as soon as it is built, with no list to keep up to date. Within a
type, pages differ (a cancelled event, a consultation, a recurring one), so the sample is the
few pages that between them show every element and class that type ever uses.
"""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from pathlib import Path

from ..sitebuild import ROOT

CONTENT = ROOT / "content"
NOT_FOUND = "404.html"


_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")
_ATTR = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s>]+)))?')
_KIND = re.compile(r'<meta name="engage:page-type" content="([^"]*)"')


def scan(html: str) -> tuple[str | None, frozenset[str]]:
    """The page type and the element features (tag, class, role, type, scope, aria-*) of a page.

    A regular expression over the tags, not a full parse: a big site has thousands of pages
    and only the tags' names and attributes matter here.
    """
    kind = _KIND.search(html)
    features: set[str] = set()
    for tag, attrs in _TAG.findall(html):
        tag = tag.lower()
        features.add(tag)
        for name, *values in _ATTR.findall(attrs):
            value = next((v for v in values if v), "")
            if name == "class":
                features.update(f"{tag}.{token}" for token in value.split())
            elif name in {"role", "type", "scope"}:
                features.add(f"{tag}[{name}={value}]")
            elif name.startswith("aria-"):
                features.add(f"{tag}[{name}]")
    return (html_lib.unescape(kind.group(1)) if kind else None), frozenset(features)


def url_of(path: Path, site: Path) -> str:
    """'events/x/index.html' -> 'events/x/'; '404.html' stays as it is."""
    rel = path.relative_to(site).as_posix()
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


def content_urls() -> set[str]:
    """Directory URLs of the hand-written pages in content/ (use_directory_urls)."""
    out = set()
    for source in CONTENT.rglob("*.md"):
        rel = source.relative_to(CONTENT).with_suffix("").as_posix()
        if rel == "index":
            out.add("")
        elif rel.endswith("/index"):
            out.add(rel[: -len("index")])
        else:
            out.add(f"{rel}/")
    return out


@dataclass(frozen=True)
class SitePages:
    """Every HTML page of a built site by page type, with each page's element features."""

    by_type: dict[str, list[str]]
    features: dict[str, frozenset[str]]

    def sample(self, kind: str, limit: int = 3) -> list[str]:
        """Up to `limit` pages of a type that together show the most of its element features.

        Greedy set cover in URL order, so the same site always gives the same sample.
        """
        urls = self.by_type[kind]
        chosen: list[str] = []
        seen: set[str] = set()
        while len(chosen) < limit:
            best = max(urls, key=lambda url: len(self.features[url] - seen))
            if chosen and not self.features[best] - seen:
                break
            chosen.append(best)
            seen |= self.features[best]
        return chosen

    def samples(self, limit: int = 3) -> list[tuple[str, str]]:
        """(type, url) for a sample of every page type, sorted."""
        return [(kind, url) for kind in sorted(self.by_type) for url in self.sample(kind, limit)]


def page_type(url: str, kind: str | None, hand_written: set[str]) -> str:
    if url == NOT_FOUND:
        return "404"
    # Hand-written pages share the layout's page type "content"; each is a type of its own here.
    if kind and not (kind == "content" and url in hand_written):
        return kind
    if url in hand_written:
        return f"content:{url or 'home'}"
    # A generated page without a `kind` in its context: grouped by its section so it is
    # still checked (and test_every_generated_page_declares_its_type names it).
    return f"untyped:{url.split('/')[0]}"


def discover(site: Path) -> SitePages:
    hand_written = content_urls()
    by_type: dict[str, list[str]] = {}
    features: dict[str, frozenset[str]] = {}
    for path in sorted(site.rglob("*.html")):
        kind, found = scan(path.read_text(encoding="utf-8"))
        url = url_of(path, site)
        features[url] = found
        by_type.setdefault(page_type(url, kind, hand_written), []).append(url)
    return SitePages(by_type=by_type, features=features)
