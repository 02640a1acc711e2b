"""The forward plan, the impact index and the commitments overview stay bounded as the data grows
(no page over 200 KB, issue 10's limit), and nothing is lost to the paging: every planned event,
clash, commitment, overdue action and evaluation is listed exactly once."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from engage import commitment_progress
from engage.pages import commitment_pages, impact_pages, planning_pages, self_assessment_pages
from engage.portal import Portal, check_data
from engage.render import environment, render_page

from .test_benchmark_data import _generator

LIMIT = 200 * 1024
FAMILIES = (planning_pages, impact_pages, self_assessment_pages, commitment_pages)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Portal:
    generator = _generator()
    data = tmp_path_factory.mktemp("generated") / "data"
    generator.generate(data, 2000)
    result = check_data(data, generator.TODAY)
    assert result.portal is not None
    return result.portal


def test_no_page_of_the_plan_impact_self_assessment_or_commitments_passes_200_kb(generated: Portal) -> None:
    env = environment()
    sizes = {
        page.url: len(render_page(env, page, generated.settings))
        for family in FAMILIES
        for page in family.pages(generated)
    }
    assert max(sizes.values()) < LIMIT, max(sizes.items(), key=lambda kv: kv[1])
    # The month pages are paged: the data holds more than one page of some month.
    assert any("/page/2/" in url for url in sizes if url.startswith("planning/"))


def test_every_planned_event_and_clash_is_on_exactly_one_month_page_of_its_month(generated: Portal) -> None:
    clashes = planning_pages.forward_clashes(generated)
    assert len(clashes) > 100
    events: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    for page in planning_pages.pages(generated):
        if not isinstance(page.context, planning_pages.PlanningMonth):
            continue
        for entry in page.context.pager.items:
            assert page.context.pager.first_url == f"planning/{entry.day:%B-%Y}/".lower()
            events[entry.record.id] += 1
            pairs.update((c.clash.older, c.clash.newer) for c in entry.clashes)
        weight = sum(e.weight for e in page.context.pager.items)
        assert weight <= planning_pages.PAGE_WEIGHT or len(page.context.pager.items) == 1
    assert pairs == Counter((c.older, c.newer) for c in clashes)
    assert set(events.values()) == {1}
    assert {c.newer for c in clashes} <= set(events)


def test_every_commitment_and_overdue_action_is_listed_once(generated: Portal) -> None:
    listed: Counter[str] = Counter()
    overdue: Counter[tuple[str, str]] = Counter()
    for page in commitment_pages.pages(generated):
        context = page.context
        if isinstance(context, commitment_pages.CommitmentsIndex):
            listed.update(s.id for section in context.sections for s in section.items)
        elif isinstance(context, commitment_pages.OverdueList):
            overdue.update((o.commitment_id, o.view.action.id) for o in context.pager.items)
    assert listed == Counter(list(generated.commitments))
    expected = commitment_progress.overdue_actions(generated)
    assert len(expected) > commitment_pages.OVERDUE_SHOWN
    assert overdue == Counter((o.commitment_id, o.view.action.id) for o in expected)


def test_every_evaluation_is_listed_once_across_the_impact_index(data_copy: Path) -> None:
    source = data_copy / "evaluations" / "library-review-drop-in.yaml"
    for n in range(70):
        shutil.copy(source, source.with_name(f"library-review-drop-in-{n:02d}.yaml"))
    result = check_data(data_copy, date(2026, 11, 22))
    assert result.portal is not None
    index = [p for p in impact_pages.pages(result.portal) if isinstance(p.context, impact_pages.ImpactIndex)]
    assert [p.url for p in index] == ["impact/", "impact/page/2/", "impact/page/3/"]
    listed = Counter(row.id for p in index for row in p.context.pager.items)  # type: ignore[union-attr]
    assert listed == Counter(list(result.portal.evaluations))


def test_an_impact_index_without_evaluations_says_so_instead_of_an_empty_table(generated: Portal) -> None:
    """Regression: with no evaluation the index drew an empty table, which axe refuses at phone width
    (a role="table" whose row group has no rows)."""
    assert generated.evaluations == {}
    (page,) = impact_pages.pages(generated)
    html = render_page(environment(), page, generated.settings).decode("utf-8")
    assert "<p>No engagement has been evaluated yet.</p>" in html
    assert "<table" not in html[html.index('id="evaluations"') :]
