"""Contributors' Markdown to HTML that is safe to publish: an allowlist, links only http(s) and mailto."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown as md
import nh3
from markupsafe import Markup

from .models.types import UNSAFE_RE

_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "h3", "h4", "abbr"}
_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
_SCHEMES = {"http", "https", "mailto"}
# Building a Markdown parser costs milliseconds; at 10,000 events one parser is reused.
_PARSER = md.Markdown(extensions=[], output_format="html")
# Raw HTML from contributors is shown as the text they typed, never passed through; the
# allowlist below is a second line of defence for what Markdown itself produces.
_PARSER.preprocessors.deregister("html_block")
_PARSER.inlinePatterns.deregister("html")


MAX_BRACKETS_PER_BLOCK = 60
"""More '[' than this in one paragraph are shown as typed: Python-Markdown looks for the closing
']' of each one to the end of the paragraph, so 20,000 of them cost minutes."""
MAX_NESTING = 6
"""Lists and quotes nested deeper than this are shown as text: each level is a recursion."""
MAX_INDENT = 16
"""Leading spaces beyond this are dropped (nesting by indentation recurses too)."""
_BRACKET = "\ue000"
"""A private-use character standing for '[' while Markdown runs; one typed in the text is dropped."""
_CONTAINER_MARKER = re.compile(r"(?:>|[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")


def _tame_line(line: str) -> str:
    stripped = line.lstrip(" \t")
    indent = line[: len(line) - len(stripped)]
    if len(indent.expandtabs(4)) > MAX_INDENT:
        indent = " " * MAX_INDENT
    at, depth = 0, 0
    while depth < MAX_NESTING:
        marker = _CONTAINER_MARKER.match(stripped, at)
        if marker is None:
            return indent + stripped
        at, depth = marker.end(), depth + 1
    rest = stripped[at:]
    # One more marker would open a seventh level: escape its first character so it reads as text.
    if _CONTAINER_MARKER.match(rest):
        rest = "\\" + rest
    return indent + stripped[:at] + rest


def bounded(text: str) -> str:
    """The text with what would make Markdown take quadratic time or deep recursion made literal.

    One linear pass; ordinary prose, links and lists come through unchanged."""
    blocks = text.split("\n\n")
    out = []
    for block in blocks:
        if block.count("[") > MAX_BRACKETS_PER_BLOCK:
            # Stand-in put back after conversion (see _to_html): Markdown sees no bracket at all.
            # A backslash escape would be cancelled by a backslash typed before it, and 20,000
            # entities cost Markdown a second of placeholders.
            block = block.replace("[", _BRACKET)
        out.append("\n".join(_tame_line(line) for line in block.split("\n")))
    return "\n\n".join(out)


def _to_html(text: str) -> str:
    _PARSER.reset()
    text = text.replace(_BRACKET, "")
    return UNSAFE_RE.sub("", str(_PARSER.convert(bounded(text)))).replace(_BRACKET, "[")


@lru_cache(maxsize=65536)
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
    # nh3 decodes entities such as &#x1b; into the characters; none of those may be published.
    return Markup(UNSAFE_RE.sub("", clean))


def plain(text: str | None) -> str:
    """The text with Markdown and markup removed, for feeds and meta descriptions."""
    if not text:
        return ""
    return UNSAFE_RE.sub("", html.unescape(nh3.clean(_to_html(text), tags=set()))).strip()
