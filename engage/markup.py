"""Contributors' Markdown to HTML that is safe to publish: an allowlist, links only http(s) and mailto."""

from __future__ import annotations

import html
from functools import lru_cache

import markdown as md
import nh3
from markupsafe import Markup

_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "h3", "h4", "abbr"}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
_SCHEMES = {"http", "https", "mailto"}
# Building a Markdown parser costs milliseconds; at 10,000 events one parser is reused.
_PARSER = md.Markdown(extensions=[], output_format="html")
# Raw HTML from contributors is shown as the text they typed, never passed through; the
# allowlist below is a second line of defence for what Markdown itself produces.
_PARSER.preprocessors.deregister("html_block")
_PARSER.inlinePatterns.deregister("html")


def _to_html(text: str) -> str:
    _PARSER.reset()
    return str(_PARSER.convert(text))


@lru_cache(maxsize=4096)
def render(text: str | None) -> Markup:
    """Markdown to sanitised HTML; raw HTML in the source comes out as visible text."""
    if not text:
        return Markup("")
    # Headings from contributors sit under the page's own h1/h2: shift them down.
    converted = _to_html(text)
    converted = (
        converted.replace("<h1>", "<h3>").replace("</h1>", "</h3>").replace("<h2>", "<h3>").replace("</h2>", "</h3>")
    )
    clean = nh3.clean(
        converted, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_SCHEMES, link_rel="noopener noreferrer"
    )
    return Markup(clean)


def plain(text: str | None) -> str:
    """The text with Markdown and markup removed, for feeds and meta descriptions."""
    if not text:
        return ""
    return html.unescape(nh3.clean(_to_html(text), tags=set())).strip()
