"""The open data dictionary is an overview and a page per data set: no page of it over 200 KB
(the one-page dictionary was 241 KB whatever the data), and nothing lost in the split: every
data set has one page and one line on the overview, every published file is described once."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from engage import exports, urls
from engage.exports import data_dictionary
from engage.exports.datasets import ALL
from engage.pages import open_data_pages
from engage.pages.open_data_pages import DatasetDictionaryPage, DictionaryPage
from engage.portal import Portal

LIMIT = 200 * 1024


def _dictionary_pages(portal: Portal) -> tuple[DictionaryPage, list[DatasetDictionaryPage]]:
    pages = [p for p in open_data_pages.pages(portal) if p.url.startswith(urls.data_dictionary())]
    overviews = [p.context for p in pages if isinstance(p.context, DictionaryPage)]
    datasets = [p.context for p in pages if isinstance(p.context, DatasetDictionaryPage)]
    assert len(overviews) == 1 and len(overviews) + len(datasets) == len(pages)
    return overviews[0], datasets


def test_no_page_of_the_data_dictionary_passes_200_kb_on_the_demo_data(demo_site: Path) -> None:
    folder = demo_site / urls.data_dictionary()
    sizes = {path.relative_to(demo_site).as_posix(): path.stat().st_size for path in folder.rglob("*.html")}
    assert len(sizes) == 1 + len(ALL)
    assert max(sizes.values()) < LIMIT, max(sizes.items(), key=lambda kv: kv[1])


def test_every_data_set_has_one_page_and_one_line_on_the_overview(demo_portal: Portal) -> None:
    overview, datasets = _dictionary_pages(demo_portal)
    names = Counter(d.name for d in ALL)
    assert Counter(page.dataset.name for page in datasets) == names
    entries = [*overview.records, *overview.reference_lists]
    assert Counter(entry.dataset.name for entry in entries) == names
    assert [entry.url for entry in entries] == [urls.data_dictionary_dataset(d.name) for d in ALL]
    assert [e.dataset.taxonomy for e in overview.records] == [False] * len(overview.records)
    assert [e.dataset.taxonomy for e in overview.reference_lists] == [True] * len(overview.reference_lists)


def test_every_published_data_file_is_described_on_exactly_one_data_set_page(demo_portal: Portal) -> None:
    overview, datasets = _dictionary_pages(demo_portal)
    described = Counter(doc.path for page in datasets for doc, _ in page.files)
    assert described == Counter(doc.path for doc in data_dictionary.dictionary())
    published = {f.path for f in exports.files(demo_portal) if re.fullmatch(r"open-data/[^/]+\.(json|csv)", f.path)}
    assert set(described) == published
    # Each file is on the page of its own data set, and the overview lists it there.
    for page in datasets:
        assert {doc.path for doc, _ in page.files} == {doc.path for doc in data_dictionary.dataset_docs(page.dataset)}
    listed = {name for entry in [*overview.records, *overview.reference_lists] for name, _ in entry.files}
    assert listed == {path.removeprefix(urls.open_data()) for path in published}


def test_links_to_a_file_on_the_one_page_dictionary_still_land_on_its_line(demo_site: Path) -> None:
    """'open-data/dictionary/#eia-actions-csv' was the file's section; it is now its overview line,
    which links to the section of the same id on its data set's page."""
    overview = (demo_site / urls.output_path(urls.data_dictionary())).read_text("utf-8")
    eias = (demo_site / urls.output_path(urls.data_dictionary_dataset("eias"))).read_text("utf-8")
    assert (
        '<li id="eia-actions-csv"><a href="../../open-data/dictionary/eias/#eia-actions-csv">eia-actions.csv</a></li>'
        in overview
    )
    assert '<h2 id="eia-actions-csv">eia-actions.csv</h2>' in eias
    anchors = re.findall(r'<li id="([^"]+)"><a href="', overview)
    assert sorted(anchors) == sorted(
        doc.path.removeprefix(urls.open_data()).replace(".", "-") for doc in data_dictionary.dictionary()
    )
