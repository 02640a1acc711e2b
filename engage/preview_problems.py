"""The page `make serve` shows in place of the home page while the data has problems.

Problem text quotes what contributors wrote, so it is hostile input: it is HTML-escaped and
placed in a raw HTML block, which Markdown passes through without reading Markdown inside it.
Backticks, asterisks or `</code><script>` in a value stay visible text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from .models.types import UNSAFE_RE
from .problems import Problem


def _escaped(text: str) -> str:
    # One line per problem; invisible and control characters dropped; &, <, >, " and ' escaped.
    return html.escape(UNSAFE_RE.sub("", " ".join(text.splitlines())), quote=True)


def page(problems: Sequence[Problem]) -> str:
    """Markdown for the preview's problems page: a heading, a sentence, and one item per problem."""
    items = "".join(f"<li><code>{_escaped(p.as_text())}</code></li>" for p in problems)
    return "\n".join(
        [
            "# The data has problems",
            "",
            "Fix these and save; the preview rebuilds by itself.",
            "",
            f"<ul>{items}</ul>",
            "",
        ]
    )
