"""What the engine hands an adapter: pages (Markdown + metadata + template context) and files (bytes)."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    """One generated page."""

    url: str
    """Directory URL relative to the site root, such as 'events/x/'."""
    title: str
    """Plain-text title (escaped when written as front matter)."""
    template: str
    """The page type's template, such as 'engage/event.html'."""
    context: dict[str, Any] = field(default_factory=dict)
    """What the template needs."""
    markdown: str = ""
    """Body Markdown (generated record pages keep their text in the context instead)."""
    description: str = ""
    """One sentence for search engines and link previews."""
    searchable: bool = False
    """Whether the search index takes this page's text."""

    def source(self) -> str:
        """The Markdown file an adapter writes: YAML front matter plus the body."""
        # Material prints page.title as HTML, so the title travels HTML-escaped; JSON is valid YAML.
        meta = {"title": html.escape(self.title), "template": self.template}
        if self.description:
            meta["description"] = html.escape(self.description)
        lines = ["---"] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
        # Generated pages keep their text in templates, so Material's table of contents is empty.
        lines += ["hide:", "  - toc"]
        if not self.searchable:
            lines += ["search:", "  exclude: true"]
        body = self.markdown
        if self.searchable and not body and self.description:
            # Material's search indexes a page's rendered body; templates render the visible page
            # from the context, so this escaped sentence is what the search finds besides the title.
            body = f"<p>{html.escape(self.description)}</p>"
        lines += ["---", "", body]
        return "\n".join(lines)


# Re-exported for the page families; its home is engage.output, below pages, feeds and exports.
from ..output import OutputFile  # noqa: E402

__all__ = ["OutputFile", "Page"]
