"""`engage preview-site`: the pull-request preview opens from disk, every link to a file."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from engage.browsable import rewrite
from engage.cli import main

LINK = re.compile(r"""\b(?:href|src)=["']([^"'<>]*)["']""")
ELSEWHERE = ("#", "mailto:", "http:", "https:", "data:", "tel:", "webcal:")


def test_folder_links_name_their_index_page_and_nothing_else_changes() -> None:
    assert rewrite(
        '<a href="events/x/">a</a> <a href="../..">b</a> <a href="./#top">c</a> <a href="feeds/all.ics">d</a> '
        '<a href="https://example.org/">e</a> <a href="#main">f</a> <a href="mailto:a@b.org">g</a> '
        '<link href="../assets/engage.css"> <a href="page/2/?q=1">h</a> <a href="">i</a>'
    ) == (
        '<a href="events/x/index.html">a</a> <a href="../../index.html">b</a> <a href="./index.html#top">c</a> '
        '<a href="feeds/all.ics">d</a> <a href="https://example.org/">e</a> <a href="#main">f</a> '
        '<a href="mailto:a@b.org">g</a> <link href="../assets/engage.css"> <a href="page/2/index.html?q=1">h</a> '
        '<a href="">i</a>'
    )


def test_every_link_in_the_preview_opens_a_file(
    example_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "preview"
    assert main(["preview-site", str(example_site), "--out", str(out)]) == 0
    broken = []
    pages = sorted(out.rglob("*.html"))
    for page in pages:
        if page == out / "404.html":
            continue  # served by the host for any address, so its links start from the root
        for url in LINK.findall(page.read_text("utf-8")):
            path = unquote(re.split(r"[?#]", url)[0])
            if url.startswith(ELSEWHERE) or not path:
                continue
            if not (page.parent / path).resolve().is_file():
                broken.append(f"{page.relative_to(out)}: {url}")
    assert len(pages) > 50
    assert broken == []
    assert (out / "README-preview.txt").is_file()
    # The built site itself is untouched: it is what gets published.
    assert 'href="events/"' in (example_site / "index.html").read_text("utf-8")


def test_the_preview_must_go_outside_the_site(example_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["preview-site", str(example_site), "--out", str(example_site / "preview")]) == 2
    assert capsys.readouterr().err == "engage preview-site: --out must be outside the built site\n"
