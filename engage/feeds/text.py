"""Contributors' Markdown as the plain text a calendar app shows in an event's notes.

Calendar apps show DESCRIPTION as it comes: a line break where the YAML file happened to
wrap reads as a broken sentence on a phone, and a lost blank line runs paragraphs
together. So paragraphs stay apart (one blank line), the lines within a paragraph are
joined with spaces, list items become '• item' lines, and a link keeps its address in
brackets after its words (apps make bare addresses clickable; link markup they drop).
The Markdown goes through the same sanitising allowlist as the pages (`markup.render`).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..markup import render

_BLOCKS = {"p", "li", "h3", "h4", "blockquote", "ul", "ol"}
_SPACES = re.compile(r"\s+")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.href: list[str | None] = []
        self.link_words: list[str] = []
        self.in_list = 0

    def _flush(self, prefix: str = "") -> None:
        words = _SPACES.sub(" ", "".join(self.current)).strip()
        if words:
            self.blocks.append(prefix + words)
        self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self._flush()
        if tag in {"ul", "ol"}:
            self.in_list += 1
        if tag == "a":
            self.href.append(dict(attrs).get("href"))
            self.link_words = []
        if tag == "br":
            self.current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "li":
            self._flush("• ")
        elif tag in _BLOCKS:
            self._flush()
        if tag in {"ul", "ol"}:
            self.in_list -= 1
            self.blocks.append("")  # a list ends its paragraph
        if tag == "a" and self.href:
            href = self.href.pop()
            words = "".join(self.link_words).strip()
            if href and href.removeprefix("mailto:") != words:
                self.current.append(f" ({href})")

    def handle_data(self, data: str) -> None:
        self.current.append(data)
        if self.href:
            self.link_words.append(data)


def readable(markdown_text: str | None) -> str:
    """Paragraphs apart, wrapped lines joined, lists as bullets, links with their address."""
    if not markdown_text:
        return ""
    parser = _Text()
    parser.feed(str(render(markdown_text)))
    parser.close()
    parser._flush()
    out: list[str] = []
    for block in parser.blocks:
        if block == "":
            if out and out[-1] != "":
                out.append("")
            continue
        if out and out[-1] != "" and not (block.startswith("• ") and out[-1].startswith("• ")):
            out.append("")
        out.append(block)
    return "\n".join(out).strip()
