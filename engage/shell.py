"""The public shell around every page: title, breadcrumbs, navigation and footer links.

`theme_overrides/engage/layout.html` and its partials in `theme_overrides/engage/shell/` use
nothing but the `ShellContext` made here, so generated pages and hand-written Markdown pages get
the same header, navigation, breadcrumbs and footer. Which parent a URL has, and what it is
called in a breadcrumb, is decided here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import urls
from .models.settings import Settings as SiteSettings

__all__ = [
    "Crumb",
    "NavItem",
    "ShellContext",
    "SiteSettings",
    "parents_of",
    "root_of",
    "shell_context",
]


@dataclass(frozen=True)
class Crumb:
    """One step of a breadcrumb trail."""

    label: str
    url: str
    """Relative to the site root, such as 'events/'; '' is the home page."""


@dataclass(frozen=True)
class NavItem:
    """One link of the primary navigation or the footer."""

    label: str
    url: str
    current: bool


# The primary navigation: the sections a resident looks for, in the order they look for them.
NAVIGATION: tuple[tuple[str, str], ...] = (
    ("What's on", urls.events()),
    ("Calendar", urls.calendar()),
    ("Impact assessments", urls.eias()),
    ("You said, we did", urls.feedback_index()),
    ("Commitments", urls.commitments()),
    ("Open data", urls.open_data()),
    ("About", urls.about()),
)

# The footer's statutory and service links (GOV.UK footer "support links").
FOOTER: tuple[tuple[str, str], ...] = (
    ("Accessibility statement", urls.accessibility()),
    ("Privacy notice", urls.privacy()),
    ("Contact", urls.contact()),
    ("Open data", urls.open_data()),
    ("Calendar feeds", urls.feeds()),
    ("Search", urls.search()),
)

# Breadcrumb labels of the pages that other pages sit under. A URL's parents are the prefixes
# of it that are listed here; prefixes not listed (such as 'events/page/') are no page of their own.
SECTIONS: dict[str, str] = {
    urls.events(): "What's on",
    urls.past_events(): "Past events",
    urls.filters(): "Filter events",
    urls.calendar(): "Calendar",
    urls.feeds(): "Calendar feeds",
    urls.eias(): "Equality impact assessments",
    urls.feedback_index(): "You said, we did",
    urls.commitments(): "Equality commitments",
    urls.coverage(): "Coverage",
    urls.open_data(): "Open data",
    urls.data_dictionary(): "Data dictionary",
    urls.schemas(): "Schemas",
    urls.about(): "About",
    urls.VENUES: "Venues",
    urls.IMPACT: "What our engagement achieved",
    urls.SELF_ASSESSMENT: "Equality Framework self-assessment",
    urls.PLANNING: "Forward plan for partners",
    urls.contribute(): "How partners add events",
}

HOME = Crumb("Home", urls.home())


@dataclass(frozen=True)
class ShellContext:
    """Everything the layout and its partials may use (the template variable `shell`)."""

    title: str
    """Plain-text page title ('' on the home page); templates escape it."""
    page_type: str
    """For <meta name="engage:page-type">, such as 'event' or 'eia-register'."""
    url: str
    """This page's URL relative to the site root ('' for home, 'events/x/')."""
    root: str
    """Relative prefix from this page to the site root: '' or '../../'."""
    description: str
    """One sentence, may be ''."""
    breadcrumbs: tuple[Crumb, ...]
    """From Home to the parent page; empty on the home page."""
    navigation: tuple[NavItem, ...]
    """The primary navigation, the current section marked."""
    settings: SiteSettings
    """data/site.yaml: name, branding, contact, licence."""
    footer: tuple[NavItem, ...] = ()
    """Footer links: accessibility statement, privacy, contact, open data, feeds, search."""
    search_url: str = urls.search()
    """Where the header's search form submits (relative to the site root)."""


def root_of(url: str) -> str:
    """'' for the home page and top-level files, '../../' for 'events/x/'."""
    return "../" * url.count("/")


def parents_of(url: str) -> tuple[Crumb, ...]:
    """Home, then every listed section above `url` (never `url` itself); () for the home page."""
    if not url:
        return ()
    crumbs = [HOME]
    parts = url.strip("/").split("/")
    for depth in range(1, len(parts)):
        prefix = "/".join(parts[:depth]) + "/"
        if prefix in SECTIONS:
            crumbs.append(Crumb(SECTIONS[prefix], prefix))
    # A later page of a listing ('events/page/2/') sits under page 1 of that listing.
    if len(parts) >= 2 and parts[-2] == "page" and parts[-1].isdigit():
        base = "/".join(parts[:-2]) + "/" if len(parts) > 2 else ""
        if base and base not in SECTIONS and crumbs[-1].url != base:
            crumbs.append(Crumb(_label_from_slug(base), base))
    return tuple(crumbs)


def _label_from_slug(url: str) -> str:
    slug = url.strip("/").rsplit("/", 1)[-1]
    text = slug.replace("-", " ")
    return text[:1].upper() + text[1:]


def _current_section(url: str, items: Sequence[tuple[str, str]]) -> str | None:
    """The longest navigation URL that `url` sits under, if any."""
    matches = [item_url for _, item_url in items if url.startswith(item_url)]
    return max(matches, key=len) if matches else None


def navigation_for(url: str) -> tuple[NavItem, ...]:
    current = _current_section(url, NAVIGATION)
    return tuple(NavItem(label, item_url, item_url == current) for label, item_url in NAVIGATION)


def footer_for(url: str) -> tuple[NavItem, ...]:
    return tuple(NavItem(label, item_url, item_url == url) for label, item_url in FOOTER)


def shell_context(
    *,
    url: str,
    title: str,
    page_type: str,
    description: str,
    settings: SiteSettings,
    parents: Sequence[Crumb] = (),
) -> ShellContext:
    """The shell of one page. `parents` replaces the trail worked out from the URL when given
    (Home is added in front if missing)."""
    trail = parents_of(url)
    if parents:
        trail = tuple(parents) if parents[0].url == "" else (HOME, *parents)
    return ShellContext(
        title=title,
        page_type=page_type,
        url=url,
        root=root_of(url),
        description=description,
        breadcrumbs=trail if url else (),
        navigation=navigation_for(url),
        settings=settings,
        footer=footer_for(url),
    )
