"""The EIA register, its filters and its figures agree with the data (issue 5, points 1 to 3).

The demo data is counted a second time here straight from its YAML, without the engine, so a
figure that drifts from the data fails. Today is 22 November 2026 (ENGAGE_TODAY in conftest).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import yaml

from engage import eia_figures
from engage.pages import eia_pages
from engage.portal import Portal

from .conftest import DEMO_DATA, DEMO_TODAY

TODAY = date.fromisoformat(DEMO_TODAY)


class Tables(HTMLParser):
    """Every table of a page by caption, as rows of cell text, plus every link's href."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.hrefs: list[str] = []
        self._caption: str | None = None
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._in_caption = False
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if tag == "table":
            self._rows, self._caption = [], ""
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in {"td", "th"} and self._rows is not None:
            self._cell = []
        if self._cell is not None and values.get("aria-hidden") == "true":
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self._hidden:
            self._hidden -= 1
        if tag == "caption":
            self._in_caption = False
        elif tag in {"td", "th"} and self._cell is not None and self._rows is not None:
            self._rows[-1].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables[self._caption or ""] = self._rows
            self._rows = None

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self._caption = (self._caption or "") + data
        elif self._cell is not None:
            # Symbols hidden from screen readers are kept, marked, to prove they are hidden.
            self._cell.append(f"[hidden:{data}]" if self._hidden else data)


def read_page(site: Path, url: str) -> Tables:
    parser = Tables()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parser


# The example data: three EIAs, one replaced by another; see tests/example-data/eias.


def test_register_rows_of_the_example_data(example_portal: Portal) -> None:
    register = eia_figures.rows(example_portal)
    assert [
        (
            r.id,
            r.negative_names,
            r.review_overdue,
            r.superseded,
            r.quality_assured,
            [s.value for s in r.action_states],
            r.mitigated,
        )
        for r in register
    ] == [
        # A mixed impact (Age) counts with the negative ones.
        ("community-transport", ("Age", "Disability"), False, False, True, ["done", "at-risk", "overdue"], True),
        ("library-hours", ("Age",), True, False, True, ["overdue"], True),
        ("community-transport-2024", (), False, True, False, [], None),
    ]
    assert [r.action_summary for r in register] == [[("Overdue", 1), ("At risk", 1), ("Done", 1)], [("Overdue", 1)], []]


def test_every_selection_of_the_example_register(example_portal: Portal) -> None:
    register = eia_figures.rows(example_portal)
    chosen = eia_figures.selections(example_portal, register)
    assert {facet: [(s.url, s.ids) for s in options] for facet, options in chosen.items()} == {
        "service": [
            ("eia/service/culture-and-libraries/", ("library-hours",)),
            ("eia/service/transport-and-highways/", ("community-transport", "community-transport-2024")),
        ],
        "outcome": [
            ("eia/outcome/no-major-change/", ("community-transport-2024",)),
            ("eia/outcome/adjust/", ("library-hours",)),
            ("eia/outcome/continue/", ("community-transport",)),
            ("eia/outcome/stop/", ()),
        ],
        "stage": [
            ("eia/stage/screening/", ("community-transport-2024",)),
            ("eia/stage/full/", ("community-transport", "library-hours")),
        ],
        "characteristic": [
            ("eia/characteristic/age/", ("community-transport", "library-hours")),
            ("eia/characteristic/disability/", ("community-transport",)),
        ],
        "year": [
            ("eia/year/2026/", ("community-transport", "library-hours")),
            ("eia/year/2024/", ("community-transport-2024",)),
        ],
        "review-overdue": [("eia/review-overdue/", ("library-hours",))],
        "quality-assured": [
            ("eia/quality-assured/yes/", ("community-transport", "library-hours")),
            ("eia/quality-assured/no/", ("community-transport-2024",)),
        ],
        "negative-impact": [
            ("eia/negative-impact/mitigated/", ("community-transport", "library-hours")),
            ("eia/negative-impact/not-mitigated/", ()),
        ],
        "action-state": [
            ("eia/actions/overdue/", ("community-transport", "library-hours")),
            ("eia/actions/at-risk/", ("community-transport",)),
            ("eia/actions/on-track/", ()),
            ("eia/actions/not-started/", ()),
            ("eia/actions/done/", ("community-transport",)),
            ("eia/actions/dropped/", ()),
        ],
        "completed-late": [("eia/completed-after-decision/", ())],
    }


def test_figures_of_the_example_register(example_portal: Portal) -> None:
    register = eia_figures.rows(example_portal)
    f = eia_figures.figures(register, eia_figures.selections(example_portal, register))
    assert (
        f.total,
        [(s.label, s.count) for s in f.by_outcome],
        [(s.label, s.count) for s in f.by_stage],
        (f.quality_assured.selection.count, f.quality_assured.total, f.quality_assured.percent),
        (f.mitigated.selection.count, f.mitigated.total, f.mitigated.percent, f.not_mitigated.count),
        [(a.label, a.actions, a.selection.count) for a in f.actions],
        f.reviews_overdue.ids,
        f.completed_late.count,
    ) == (
        3,
        [
            ("No major change", 1),
            ("Adjust the policy", 1),
            ("Continue despite adverse impact", 1),
            ("Stop and remove the policy", 0),
        ],
        [("Screening", 1), ("Full assessment", 2)],
        (2, 3, 67),
        (2, 2, 100, 0),
        [
            ("Overdue", 2, 2),
            ("At risk", 1, 1),
            ("On track", 0, 0),
            ("Not started", 0, 0),
            ("Done", 1, 1),
            ("Dropped", 0, 0),
        ],
        ("library-hours",),
        0,
    )


def test_services_spelt_differently_share_one_page() -> None:
    assert [
        eia_figures.slug(s) for s in ("Culture and Libraries", "culture AND libraries ", "Parks & Open Spaces")
    ] == [
        "culture-and-libraries",
        "culture-and-libraries",
        "parks-open-spaces",
    ]


def test_static_sorts_of_the_example_register(example_portal: Portal) -> None:
    register = eia_figures.rows(example_portal)
    assert {key: [r.id for r in eia_figures.sorted_rows(register, key)] for key in eia_figures.SORTS} == {
        "decision": ["community-transport", "library-hours", "community-transport-2024"],
        "review": ["community-transport-2024", "library-hours", "community-transport"],
        "title": ["community-transport-2024", "community-transport", "library-hours"],
        "service": ["library-hours", "community-transport-2024", "community-transport"],
    }


# The demo data, counted independently from its YAML files.


def _raw_eias() -> dict[str, dict[str, Any]]:
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((DEMO_DATA / "eias").glob("*.yaml"))
    }


def _raw_state(action: dict[str, Any]) -> str:
    status = action.get("status", "not-started")
    if status not in {"done", "dropped"} and action["due"] < TODAY:
        return "overdue"
    return str(status)


def test_demo_figures_agree_with_an_independent_count(demo_portal: Portal) -> None:
    raw = _raw_eias()
    replaced = {old for e in raw.values() for old in e.get("supersedes", [])}
    outcomes = Counter(e["outcome"] for e in raw.values())
    stages = Counter(e["stage"] for e in raw.values())
    negative = {i for i, e in raw.items() if any(x["impact"] in ("negative", "mixed") for x in e["impacts"])}
    live = {i for i, e in raw.items() if any(a.get("status") != "dropped" for a in e.get("actions", []))}
    states = Counter(_raw_state(a) for e in raw.values() for a in e.get("actions", []))

    register = eia_figures.rows(demo_portal)
    f = eia_figures.figures(register, eia_figures.selections(demo_portal, register))
    assert f.total == len(raw)
    assert {s.value: s.count for s in f.by_outcome} == {
        o: outcomes[o] for o in ("no-major-change", "adjust", "continue", "stop")
    }
    assert {s.value: s.count for s in f.by_stage} == {s: stages[s] for s in ("screening", "full")}
    assert f.quality_assured.selection.ids == tuple(r.id for r in register if "quality_assurance" in raw[r.id])
    assert (f.mitigated.selection.count, f.mitigated.total) == (len(negative & live), len(negative))
    assert {a.state.value: a.actions for a in f.actions} == {
        s: states[s] for s in ("overdue", "at-risk", "on-track", "not-started", "done", "dropped")
    }
    assert set(f.reviews_overdue.ids) == {i for i, e in raw.items() if e["review_date"] < TODAY and i not in replaced}
    assert f.completed_late.ids == tuple(i for i, e in raw.items() if e["completed"] > e["decision"]["date"])
    # The demo must show the register at work: something overdue, nothing completed late.
    assert f.reviews_overdue.count >= 1
    assert states["overdue"] >= 1
    assert f.completed_late.count == 0


def test_demo_register_rows_agree_with_an_independent_count(demo_portal: Portal) -> None:
    raw = _raw_eias()
    names = {
        c["id"]: c["name"]
        for c in yaml.safe_load((DEMO_DATA / "taxonomies" / "characteristics.yaml").read_text("utf-8"))
    }
    order = list(names)
    expected = sorted(
        (
            (
                -e["decision"]["date"].toordinal(),
                i,
                e["service"],
                e["outcome"],
                tuple(
                    names[c]
                    for c in order
                    if any(x["characteristic"] == c and x["impact"] in ("negative", "mixed") for x in e["impacts"])
                ),
                [_raw_state(a) for a in e.get("actions", [])],
            )
            for i, e in raw.items()
        )
    )
    assert [
        (
            -r.eia.decision.date.toordinal(),
            r.id,
            r.eia.service,
            r.eia.outcome.value,
            r.negative_names,
            [s.value for s in r.action_states],
        )
        for r in eia_figures.rows(demo_portal)
    ] == expected


# Pages.


def test_every_filter_and_sort_has_its_page(example_portal: Portal) -> None:
    pages = eia_pages.pages(example_portal)
    register = eia_figures.rows(example_portal)
    chosen = eia_figures.selections(example_portal, register)
    expected = (
        {"eia/", "eia/sort/review-date/", "eia/sort/title/", "eia/sort/service/"}
        | {s.url for options in chosen.values() for s in options}
        | {f"eia/{i}/" for i in example_portal.eias}
    )
    assert sorted(p.url for p in pages) == sorted(expected)
    assert len(pages) == len(expected)


def test_a_filtered_page_lists_only_its_assessments(example_portal: Portal) -> None:
    page = next(p for p in eia_pages.pages(example_portal) if p.url == "eia/characteristic/age/")
    assert (page.title, page.context.kind, [r.id for r in page.context.rows]) == (
        "Assessments finding a negative or mixed impact on Age",
        "eia-selection",
        ["community-transport", "library-hours"],
    )


def test_the_register_paginates(example_portal: Portal, monkeypatch: Any) -> None:
    monkeypatch.setattr(eia_pages, "ROWS_PER_PAGE", 2)
    urls = [p.url for p in eia_pages.pages(example_portal) if p.page_type == "eia-register"]
    assert urls == ["eia/", "eia/page/2/"]


def test_every_characteristic_has_a_row_on_an_eia_page(example_portal: Portal) -> None:
    rows = eia_pages.impact_rows(example_portal, "community-transport")
    assert [(r.characteristic, r.symbol, r.words, r.rationale) for r in rows] == [
        ("Age", "◆", "Mixed", "Older passengers pay more, but trips become easier to book."),
        ("Disability", "▼", "Negative", "Disabled passengers make the most trips and so pay most."),
    ]


def test_the_built_register_shows_every_assessment(example_site: Path) -> None:
    page = read_page(example_site, "eia")
    assert page.tables["Equality Impact Assessments"] == [
        ["Assessment", "Service", "Stage", "Outcome", "Decision", "Negative or mixed impact on", "Review", "Actions"],
        [
            "Community transport fares and eligibility",
            "Transport and Highways",
            "Full assessment",
            "Continue despite adverse impact",
            "6 October 2026",
            "Age, Disability",
            "6 October 2027",
            "1 overdue, 1 at risk, 1 done",
        ],
        [
            "Library opening hours review",
            "Culture and Libraries",
            "Full assessment",
            "Adjust the policy",
            "10 February 2026",
            "Age",
            "10 August 2026 Overdue",
            "1 overdue",
        ],
        [
            "Community transport eligibility (replaced by a later version)",
            "Transport and Highways",
            "Screening",
            "No major change",
            "1 March 2024",
            "None",
            "1 March 2025",
            "None",
        ],
    ]
    assert page.tables["Assessments by outcome"] == [
        ["Outcome", "Assessments"],
        ["No major change", "1"],
        ["Adjust the policy", "1"],
        ["Continue despite adverse impact", "1"],
        ["Stop and remove the policy", "0"],
    ]
    assert page.tables["Mitigation actions by status"][1:] == [
        ["Overdue", "2", "2"],
        ["At risk", "1", "1"],
        ["On track", "0", "0"],
        ["Not started", "0", "0"],
        ["Done", "1", "1"],
        ["Dropped", "0", "0"],
    ]


def test_every_figure_links_to_a_page_listing_what_it_counts(example_site: Path, example_portal: Portal) -> None:
    register = eia_figures.rows(example_portal)
    chosen = {s.url: s for options in eia_figures.selections(example_portal, register).values() for s in options}
    linked = sorted({href[len("../") :] for href in read_page(example_site, "eia").hrefs if href.startswith("../eia/")})
    figure_links = [url for url in linked if url in chosen]
    assert len(figure_links) == len(chosen)
    for url in figure_links:
        rows = read_page(example_site, url).tables.get(chosen[url].heading, [["header"]])
        assert [row[0].removesuffix(" (replaced by a later version)") for row in rows[1:]] == [
            example_portal.eias[i].model.title for i in chosen[url].ids
        ], url
        if not chosen[url].ids:
            assert "No assessments match." in (example_site / url / "index.html").read_text("utf-8")


def test_the_built_eia_page_shows_impacts_in_words_and_hidden_symbols(example_site: Path) -> None:
    page = read_page(example_site, "eia/community-transport")
    assert page.tables["Assessed impact for each characteristic"] == [
        ["Characteristic", "Impact", "Why"],
        ["Age", "[hidden:◆] Mixed", "Older passengers pay more, but trips become easier to book."],
        ["Disability", "[hidden:▼] Negative", "Disabled passengers make the most trips and so pay most."],
    ]
    # The same columns as a commitment's action plan: lead and partners, progress, risks, next steps.
    assert page.tables["Mitigation actions, leads and progress"] == [
        ["Action and lead", "Due", "Status", "Progress", "Risks", "Next steps"],
        [
            "Cap weekly fares for passengers on disability benefits Lead: Transport Policy Manager",
            "31 October 2026",
            "Done",
            "20 October 2026The cap is live on the booking system.",
            "None recorded",
            "None recorded",
        ],
        [
            "Monitor trips by disabled passengers each quarter Lead: Passenger Transport Officer",
            "31 March 2027",
            "At risk",
            "1 November 2026First quarter's figures collected by hand.",
            "Booking data still lacks a disability field.",
            "None recorded",
        ],
        [
            "Publish an easy read guide to the new fares Lead: Communications Officer",
            "1 November 2026",
            "Overdue",
            "No update yet",
            "None recorded",
            "None recorded",
        ],
    ]
    html = (example_site / "eia/community-transport/index.html").read_text("utf-8")
    assert 'href="../../eia/community-transport-2024/"' in html
    assert "This assessment has been replaced" not in html
    old = (example_site / "eia/community-transport-2024/index.html").read_text("utf-8")
    assert "This assessment has been replaced by a later version" in old


def test_the_sort_script_is_loaded_only_by_register_pages(example_site: Path) -> None:
    loading = sorted(
        path.parent.relative_to(example_site).as_posix()
        for path in example_site.rglob("index.html")
        if "table-sort.js" in path.read_text("utf-8")
    )
    assert loading and all(url.startswith("eia") for url in loading)
    assert "eia/community-transport" not in loading
    assert (example_site / "assets" / "table-sort.js").is_file()
