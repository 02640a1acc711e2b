"""Filters the page templates use to write dates, times and contributors' text."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment

from . import formatting, markup, urls
from .event_words import ACCESS_LABELS, AVAILABILITY_WORDS


def register(env: Environment) -> None:
    env.filters["long_date"] = formatting.long_date
    env.filters["weekday_date"] = formatting.weekday_date
    env.filters["short_time"] = formatting.short_time
    env.filters["markdown"] = markup.render
    env.globals["access_labels"] = ACCESS_LABELS
    env.globals["availability_words"] = AVAILABILITY_WORDS
    env.filters["words"] = words
    # Every link in a template is made by engage/urls.py: {{ shell.root }}{{ url.event(id) }}.
    env.globals["url"] = urls


def words(value: Any) -> str:
    """'no-major-change' -> 'No major change'."""
    text = str(getattr(value, "value", value)).replace("-", " ").replace("_", " ")
    return text[:1].upper() + text[1:]
