"""The checks fail when the page is wrong: each test breaks a built page and expects a finding.

A harness that never fails proves nothing. These take a real page of the built site, make
one mistake in it (no lang, an image with no alt, a title let through unescaped, focus made
invisible, a feed with an extra property) and assert the same checks the suite relies on
now report it, while the untouched page passes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest

from .axe import prepare, violation_ids, violations
from .conftest import DESKTOP
from .findings import FINDINGS, TRAP, shape, unfolded
from .keyboard import tab_walk
from .site_pages import SitePages

Mutate = Callable[[str, Callable[[str], str]], str]


@pytest.fixture
def mutated(site: Path, tmp_path: Path, serve: Callable[[Path], str]) -> Iterator[Mutate]:
    """mutated(url, change) -> the address of a copy of the page with `change` made to its HTML."""
    copies = iter(range(1000))

    def make(url: str, change: Callable[[str], str]) -> str:
        root = tmp_path / f"copy{next(copies)}"
        (root / url).mkdir(parents=True)
        (root / "assets").symlink_to(site / "assets", target_is_directory=True)
        html = (site / url / "index.html").read_text(encoding="utf-8")
        changed = change(html)
        assert changed != html, "the mutation changed nothing"
        (root / url / "index.html").write_text(changed, encoding="utf-8")
        return f"{serve(root)}/{url}"

    yield make


@pytest.fixture
def event_url(pages: SitePages) -> str:
    return pages.sample("event", 1)[0]


@pytest.fixture
def page(new_page: Callable[..., Any]) -> Any:
    opened = new_page(DESKTOP, reduced_motion="reduce")
    prepare(opened)
    return opened


def _in_article(html: str, extra: str) -> str:
    return re.sub(r"(<main[^>]*>)", lambda m: m.group(1) + extra, html, count=1)


def test_the_untouched_page_passes(page: Any, base_url: str, event_url: str) -> None:
    page.goto(f"{base_url}/{event_url}")
    assert violations(page) == []
    assert tab_walk(page).problems() == []


def test_removing_the_lang_attribute_fails_axe(page: Any, mutated: Mutate, event_url: str) -> None:
    page.goto(mutated(event_url, lambda html: re.sub(r'(<html[^>]*?) lang="[^"]*"', r"\1", html, count=1)))
    assert "html-has-lang" in violation_ids(violations(page))


def test_an_image_without_alt_text_fails_axe(page: Any, mutated: Mutate, event_url: str) -> None:
    page.goto(mutated(event_url, lambda html: _in_article(html, '<img src="../../assets/images/favicon.png">')))
    assert "image-alt" in violation_ids(violations(page))


def test_a_title_let_through_unescaped_is_found(new_page: Callable[..., Any], mutated: Mutate, event_url: str) -> None:
    unescaped = '<script>__pwned("PWN999")</script><img src=x data-pwn="PWN999" onerror="__pwned(\'PWN999\')">'
    page = new_page(DESKTOP)
    page.context.add_init_script(TRAP)
    page.goto(mutated(event_url, lambda html: re.sub(r"(<h1[^>]*>)", lambda m: m.group(1) + unescaped, html, count=1)))
    found = page.evaluate(FINDINGS)
    assert {finding.split(":", 1)[0] for finding in found["findings"]} == {
        "injected script",
        "injected element",
        "injected handler",
    }
    assert sorted(found["calls"]) == ["PWN999", "PWN999"]


def test_invisible_focus_and_a_focus_trap_fail_the_keyboard_check(page: Any, mutated: Mutate, event_url: str) -> None:
    no_outline = "<style>*:focus, *:focus-visible { outline: none !important; box-shadow: none !important; }</style>"
    page.goto(mutated(event_url, lambda html: html.replace("</head>", no_outline + "</head>", 1)))
    assert any(problem.startswith("no visible focus indicator") for problem in tab_walk(page).problems())

    trap = (
        '<p><a href="#a" id="trap-a">first</a> <a href="#b" id="trap-b">second</a></p>'
        "<script>document.getElementById('trap-b').addEventListener('keydown', (e) => {"
        " if (e.key === 'Tab') { e.preventDefault(); document.getElementById('trap-a').focus(); } });</script>"
    )
    page.goto(mutated(event_url, lambda html: _in_article(html, trap)))
    problems = tab_walk(page).problems()
    assert any(problem.startswith("focus is trapped") for problem in problems)
    assert any(problem.startswith("not reachable with Tab") for problem in problems)


def test_a_feed_with_an_injected_property_is_found(site: Path) -> None:
    feed = next(iter(sorted(site.rglob("*.ics"))))
    raw = feed.read_bytes()
    injected = raw.replace(b"SUMMARY:", b"X-PWN-PWN999:1\r\nSUMMARY:", 1)
    assert injected != raw
    assert shape(injected) != shape(raw)
    assert "X-PWN-PWN999" in {line.split(":", 1)[0] for line in unfolded(injected)}
    assert icalendar.Calendar.from_ical(injected).walk("VEVENT")
