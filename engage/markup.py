"""Contributors' Markdown to HTML that is safe to publish: an allowlist, links only http(s) and mailto."""

from __future__ import annotations

import markdown as md
import nh3
from markupsafe import Markup

_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "h3", "h4", "abbr"}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
_SCHEMES = {"http", "https", "mailto"}


def render(text: str | None) -> Markup:
    """Markdown to sanitised HTML. Raw HTML in the source is kept only if it is on the allowlist."""
    if not text:
        return Markup("")
    # Headings from contributors sit under the page's own h1/h2: shift them down.
    html = md.markdown(text, extensions=[], output_format="html")
    html = (
        html.replace("<h1>", "<h3>").replace("</h1>", "</h3>").replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    )
    clean = nh3.clean(
        html, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel="noopener noreferrer"
    )
    return Markup(clean)


def plain(text: str | None) -> str:
    """The text with Markdown and markup removed, for feeds and meta descriptions."""
    if not text:
        return ""
    return nh3.clean(md.markdown(text), tags=set()).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'").strip()
