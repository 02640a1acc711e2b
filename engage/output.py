"""What the engine hands an adapter: pages (template + typed context, rendered by engage.render)
and files (bytes: feeds, open data, the Atom feed). Below pages, feeds and exports, so each can
make them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class OutputFile:
    """A generated file served as it is: a feed, an export, a schema."""

    path: str
    content: bytes


class TypedContext(Protocol):
    """A page type's own context class (a frozen dataclass), such as `listing.EventListing`."""

    @property
    def kind(self) -> str: ...

    @property
    def title(self) -> str: ...


@dataclass(frozen=True)
class Page:
    """One generated page."""

    url: str
    """Directory URL relative to the site root, such as 'events/x/'."""
    title: str
    """Plain-text title; templates escape it."""
    template: str
    """The page type's template, such as 'engage/event.html'."""
    context: TypedContext
    """What the template needs, as the template variable `engage`: the page type's own frozen
    dataclass, whose `kind` is the page type."""
    description: str = ""
    """One sentence for search engines and link previews."""
    searchable: bool = False
    """Whether the site search indexes this page (title and description)."""

    @property
    def page_type(self) -> str:
        """The page type, such as 'event' or 'eia-register' (the layout's engage:page-type)."""
        return self.context.kind
