"""Measure, review, impact; the framework self-assessment; the shared forward plan."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from engage import follow_up
from engage.cli import main
from engage.exports import files
from engage.exports.datasets import ALL
from engage.models.commitment import Reading
from engage.pages import generate, planning_pages
from engage.pages.commitment_pages import CommitmentPage
from engage.pages.feedback_pages import FeedbackPage
from engage.pages.impact_pages import EvaluationPage
from engage.pages.planning_pages import forward_clashes
from engage.pages.self_assessment_pages import SelfAssessmentModule
from engage.portal import Portal, check_data

from .conftest import DEMO_DATA

CLASH = """title: Health chat for older people in North Ward
summary: Tell the health trust what matters to you.
description: A chat about local health services.
organiser: health-trust
method: drop-in
areas: [north-ward]
topics: [health]
groups:
  - carers
  - older-people
date: 2026-12-03
start_time: "14:00"
end_time: "15:00"
venue: {venue}
contact: {contact}
"""


def _clash_file(data: Path) -> Path:
    event = (data / "events/district-council/2026-12-03-library-review.yaml").read_text("utf-8")
    venue = next(line.split(":", 1)[1].strip() for line in event.splitlines() if line.startswith("venue:"))
    contact = next(line.split(":", 1)[1].strip() for line in event.splitlines() if line.startswith("contact:"))
    path = data / "events/health-trust/2026-12-03-zz-health-chat.yaml"
    path.write_text(CLASH.format(venue=venue, contact=contact), "utf-8")
    return path


def test_a_clash_put_into_the_data_is_a_warning_on_the_newer_files_line(
    data_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A clash is reported while it is not over: the day is fixed, as a build fixes it.
    monkeypatch.setenv("ENGAGE_TODAY", "2026-11-22")
    _clash_file(data_copy)
    code = main(["validate", str(data_copy)])
    printed = capsys.readouterr()
    assert code == 0
    assert printed.out == (
        "data/events/health-trust/2026-12-03-zz-health-chat.yaml:10:5: warning[possible-clash]: groups[1]: "
        "possible clash with '2026-12-03-library-review' (Example District Council, 3 December 2026): both reach "
        "Older people, North Ward on 3 December 2026; talk to Example District Council about moving one or holding "
        "a joint session\n"
    )
    assert printed.err.endswith(", 1 problem (1 warning)\n")


def test_a_clash_is_a_github_warning_and_a_json_severity(
    data_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ENGAGE_TODAY", "2026-11-22")
    _clash_file(data_copy)
    assert main(["validate", "--format", "json", str(data_copy)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [(p["severity"], p["code"], p["line"]) for p in found] == [("warning", "possible-clash", 10)]
    assert main(["validate", "--format", "github", str(data_copy)]) == 0
    assert capsys.readouterr().out.startswith(
        "::warning file=data/events/health-trust/2026-12-03-zz-health-chat.yaml,line=10,"
    )


def _planned_clashes(portal: Portal) -> dict[str, list[tuple[str, str, str]]]:
    """(older, newer, both reach) of every clash on each page of the forward plan that lists clashes."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    for page in planning_pages.pages(portal):
        if isinstance(page.context, planning_pages.PlanningMonth):
            listed = [(c.clash.older, c.clash.newer, c.reached) for e in page.context.pager.items for c in e.clashes]
            if listed:
                found[page.url] = listed
    return found


def test_a_clash_is_shown_on_the_planning_page(data_copy: Path) -> None:
    assert check_data(data_copy, date(2026, 11, 22)).problems == []
    _clash_file(data_copy)
    result = check_data(data_copy, date(2026, 11, 22))
    assert [p.code for p in result.problems] == ["possible-clash"]
    assert result.portal is not None
    # Under the newer event, on the page of the month it falls in, and counted on the overview.
    assert _planned_clashes(result.portal) == {
        "planning/december-2026/": [
            ("2026-12-03-library-review", "2026-12-03-zz-health-chat", "Older people, North Ward")
        ]
    }
    overview = planning_pages.pages(result.portal)[0].context
    assert isinstance(overview, planning_pages.PlanningOverview)
    assert [(m.name, m.clashes) for m in overview.months if m.clashes] == [("December 2026", 1)]
    assert overview.clash_count == 1


def test_an_error_still_fails_when_a_warning_is_present(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _clash_file(data_copy)
    path.write_text(path.read_text("utf-8").replace("method: drop-in", "method: drop-inn"), "utf-8")
    assert main(["validate", str(data_copy)]) == 1
    assert "error[dangling-reference]: method:" in capsys.readouterr().out


def _evaluation(demo_portal: Portal, evaluation_id: str):  # type: ignore[no-untyped-def]
    return demo_portal.evaluations[evaluation_id].model


def test_add_months_keeps_to_the_months_last_day() -> None:
    assert [follow_up.add_months(date(2026, 8, 31), 6), follow_up.add_months(date(2026, 3, 8), 6)] == [
        date(2027, 2, 28),
        date(2026, 9, 8),
    ]


def test_missing_follow_up_more_than_six_months_after_the_end_is_flagged(demo_portal: Portal) -> None:
    focus = _evaluation(demo_portal, "south-asian-womens-mental-health-focus-group")
    assert follow_up.follow_up(focus, date(2026, 8, 10)) == follow_up.FollowUp(
        date(2026, 8, 10),
        follow_up.FollowUpState.NOT_YET_DUE,
        ("Women in the group who know how to get mental health support without a GP",),
    )
    assert follow_up.state(focus, date(2026, 8, 11)) is follow_up.FollowUpState.OVERDUE
    measure = focus.measures[0]
    done = focus.model_copy(
        update={"measures": [measure.model_copy(update={"follow_up": [Reading(date=date(2026, 8, 10), value=8)]})]}
    )
    assert follow_up.state(done, date(2026, 12, 3)) is follow_up.FollowUpState.DONE


def test_demo_follow_up_states_on_the_reference_day(demo_portal: Portal) -> None:
    today = date(2026, 12, 3)
    states = {vid: follow_up.state(r.model, today).value for vid, r in demo_portal.evaluations.items()}
    assert states == {
        "accessible-town-centre-audit": "overdue",
        "community-chest-2026": "done",
        "damp-and-mould-listening-event": "not-yet-due",
        "library-service-review-2026": "done",
        "south-asian-womens-mental-health-focus-group": "overdue",
        "tenants-scrutiny-panel-2026": "not-yet-due",
    }


def test_demo_warnings_are_the_planned_clashes_only() -> None:
    result = check_data(DEMO_DATA, date(2026, 12, 3))
    assert [(p.severity, p.code, p.file, p.line) for p in result.problems] == [
        (
            "warning",
            "possible-clash",
            "data/events/calder-wyke-police/2027-02-10-rural-crime-surgery-coldwell.yaml",
            19,
        ),
    ]


def test_past_clashes_still_warn_regression(data_copy: Path) -> None:
    """Regression: `engage validate` warned of a clash wholly in the past (the demo's March 2026 one):
    a forward plan warns only of clashes not yet over on the build's day, and shows only those."""
    march = "data/events/calderbrook-health-trust/2026-03-19-minor-injuries-unit-public-meeting.yaml"
    on_the_day = check_data(DEMO_DATA, date(2026, 3, 19))
    assert [(p.code, p.file) for p in on_the_day.problems if p.file == march] == [("possible-clash", march)]
    the_day_after = check_data(DEMO_DATA, date(2026, 3, 20))
    assert [p for p in the_day_after.problems if p.file == march] == []
    assert the_day_after.portal is not None
    assert [c.newer for c in forward_clashes(the_day_after.portal)] == ["2027-02-10-rural-crime-surgery-coldwell"]
    # A clash on today's date is not over yet: it warns that day, not the day after.
    _clash_file(data_copy)
    added = "data/events/health-trust/2026-12-03-zz-health-chat.yaml"
    assert [p.file for p in check_data(data_copy, date(2026, 12, 3)).problems] == [added]
    after = check_data(data_copy, date(2026, 12, 4))
    assert after.problems == []
    assert after.portal is not None
    assert forward_clashes(after.portal) == []


def test_demo_forward_plan_names_the_clash_fatigue_and_joint_work() -> None:
    result = check_data(DEMO_DATA, date(2026, 12, 3))
    assert result.portal is not None
    assert _planned_clashes(result.portal) == {
        "planning/february-2027/": [
            (
                "2027-02-10-dental-access-listening-event-coldwell",
                "2027-02-10-rural-crime-surgery-coldwell",
                "Older people, Coldwell and the Dales, Kirkby Moor",
            )
        ]
    }
    pages = planning_pages.pages(result.portal)
    context = pages[0].context
    assert isinstance(context, planning_pages.PlanningOverview)
    assert [(f.item.facet, f.item.key, len(f.item.events), f.url) for f in context.fatigue] == [
        ("group", "older-people", 5, "planning/fatigue/group-older-people/"),
        ("group", "young-people", 4, "planning/fatigue/group-young-people/"),
    ]
    assert [p.organisers for p in context.pairs] == [("Calder and Wyke Police", "Healthwatch Calderbrook")]
    assert len(context.opportunities) == 2
    fatigue = {p.url: p.context for p in pages if isinstance(p.context, planning_pages.PlanningFatigue)}
    assert [len(c.pager.items) for c in fatigue.values()] == [5, 4]


def test_every_new_record_has_its_page_and_the_sections_exist(demo_portal: Portal) -> None:
    urls = {page.url for page in generate(demo_portal).pages}
    expected = {"impact/", "self-assessment/", "planning/"}
    expected |= {f"impact/{i}/" for i in demo_portal.evaluations}
    expected |= {f"self-assessment/{m}/" for m in demo_portal.modules}
    assert expected <= urls


def test_every_evidence_link_resolves(demo_portal: Portal) -> None:
    for a in demo_portal.assessments.values():
        for kind in ("events", "feedback", "eias", "commitments", "evaluations"):
            for rid in getattr(a.model.evidence, kind):
                assert rid in getattr(demo_portal, kind), (a.id, kind, rid)
    assert set(demo_portal.assessments) == {
        c for c, crit in demo_portal.criteria.items() if crit.section == "Involving your customers"
    }


def test_exports_hold_every_new_record_once(demo_portal: Portal) -> None:
    outputs = {f.path: f.content for f in files(demo_portal)}
    for name, records in (
        ("evaluations", demo_portal.evaluations),
        ("assessments", demo_portal.assessments),
        ("criteria", demo_portal.criteria),
    ):
        dataset = next(d for d in ALL if d.name == name)
        ids = [r["id"] for r in json.loads(outputs[dataset.json_path])["records"]]
        assert ids == sorted(records), name


def test_a_case_study_not_cleared_is_never_published(example_portal: Portal) -> None:
    outputs = {f.path: f.content for f in files(example_portal)}
    assert b"Two carers started a reading group" in outputs["open-data/evaluations.json"]
    assert b"not yet agreed to share" not in outputs["open-data/evaluations.json"]
    page = next(p for p in generate(example_portal).pages if p.url == "impact/library-review-drop-in/")
    assert isinstance(page.context, EvaluationPage)
    assert [c.title for c in page.context.case_studies] == ["A new reading group"]


def test_small_reach_counts_are_withheld(example_portal: Portal) -> None:
    outputs = {f.path: f.content for f in files(example_portal)}
    record = json.loads(outputs["open-data/evaluations.json"])["records"][0]
    assert record["outputs"]["groups"] == [{"group": "older-people", "people": 14}, {"group": "carers", "people": None}]


def test_participation_by_quarter_counts_held_dates_and_recorded_people(example_portal: Portal) -> None:
    from engage.participation import by_quarter, quarter_name

    quarters = by_quarter(example_portal)
    first = min(o.day for o in example_portal.occurrences)
    assert first == date(2025, 9, 10)
    assert [q.name for q in quarters] == [
        "Jul to Sep 2025",
        "Oct to Dec 2025",
        "Jan to Mar 2026",
        "Apr to Jun 2026",
        "Jul to Sep 2026",
        "Oct to Dec 2026",
    ]
    assert quarter_name(date(2026, 10, 1)) == "Oct to Dec 2026"
    assert sum(q.held for q in quarters) == sum(
        1
        for o in example_portal.occurrences
        if date(2025, 1, 1) <= o.day <= example_portal.today
        and example_portal.events[o.event_id].model.status.value not in {"cancelled", "postponed"}
    )


def test_participation_by_organisation_names_every_partner(example_portal: Portal) -> None:
    from engage.participation import by_organisation

    assert [t.key for t in by_organisation(example_portal)] == sorted(
        example_portal.organisations, key=lambda k: example_portal.organisations[k].name
    )


def test_the_planning_feed_holds_the_events_that_ask_people_something_and_keeps_cancelled_ones(
    demo_portal: Portal,
) -> None:
    import icalendar

    from engage.feeds.feeds import current, items
    from engage.feeds.publish import files as feed_files
    from engage.feeds.vevents import event_key
    from engage.planning import asking_method

    feed = next(f for f in feed_files(demo_portal) if f.path == "feeds/planning.ics")
    calendar = icalendar.Calendar.from_ical(feed.content)
    uids = sorted({str(c["UID"]) for c in calendar.walk("VEVENT")})
    levels = {k: m.level for k, m in demo_portal.methods.items()}
    # The window every subscribable feed keeps: upcoming, recent, and cancelled ones for longer.
    placed = items(demo_portal)
    asking = sorted(
        i
        for i, r in demo_portal.events.items()
        if asking_method(r.model, levels) and current(demo_portal, placed[event_key(i)])
    )
    assert [u.partition("@")[0] for u in uids] == asking != []
    assert not any("exhibition" in u or "new-bin-collection-calendars" in u for u in uids)
    cancelled = [
        c for c in calendar.walk("VEVENT") if "2026-11-26-brackenhill-community-safety-walkabout" in str(c["UID"])
    ]
    assert [str(c["STATUS"]) for c in cancelled] == ["CANCELLED"]


def test_the_planning_feed_is_in_date_order_like_every_feed_so_the_size_limit_cuts_whole_dates(
    demo_portal: Portal,
) -> None:
    """Regression: the planning feed listed its events in file order, so a repeating event that
    started long ago came first and the size limit (which keeps whole dates from the front) cut the wrong ones."""
    import re

    from engage import urls
    from engage.feeds.publish import files as feed_files

    def order(content: bytes) -> list[bytes]:
        seen: dict[bytes, None] = {}
        for uid in re.findall(rb"\r\nUID:([^\r]*)", content.replace(b"\r\n ", b"")):
            seen.setdefault(uid, None)
        return list(seen)

    feeds = {f.path: f.content for f in feed_files(demo_portal)}
    planned = order(feeds[urls.PLANNING_FEED])
    assert len(planned) > 1
    assert planned == [uid for uid in order(feeds[urls.ALL_FEED]) if uid in set(planned)]


def test_personal_data_in_a_case_study_is_an_error(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data_copy / "evaluations" / "library-review-drop-in.yaml"
    text = path.read_text("utf-8").replace(
        "story: Two carers started a reading group at the library.",
        "story: Two carers started a reading group; ring Jo on 07700 900123.",
    )
    path.write_text(text, "utf-8")
    assert main(["validate", str(data_copy)]) == 1
    assert capsys.readouterr().out == (
        "data/evaluations/library-review-drop-in.yaml:42:5: error[personal-data]: case_studies[0].story: "
        "'07700 900123' looks like a phone number; do not publish people's phone numbers\n"
    )


def test_a_strict_build_with_a_clash_succeeds_and_shows_it_on_the_planning_page(
    data_copy: Path, tmp_path: Path
) -> None:
    from .sitebuild import build_site

    _clash_file(data_copy)
    result = build_site(data_copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "warning[possible-clash]" in result.output
    page = (result.site / "planning" / "december-2026" / "index.html").read_text("utf-8")
    clashes = page[page.index('id="clashes-2026-12-03-zz-health-chat"') :]
    clashes = clashes[: clashes.index("</ul>")]
    assert 'href="../../events/2026-12-03-zz-health-chat/">Health chat for older people in North Ward</a>' in clashes
    assert 'with <a href="../../events/2026-12-03-library-review/">' in clashes
    overview = (result.site / "planning" / "index.html").read_text("utf-8")
    assert '<a href="../planning/december-2026/">December 2026</a></th><td>' in overview


def test_fatigue_finds_the_busiest_window_and_only_above_the_limit() -> None:
    from engage.models.event import Event
    from engage.models.types import ContinuumLevel
    from engage.planning import fatigue

    def event(day: str, organiser: str) -> Event:
        return Event.model_validate(
            {
                "title": "Ask",
                "summary": "Ask.",
                "description": "Ask.",
                "organiser": organiser,
                "method": "survey",
                "areas": ["north-ward"],
                "topics": ["health"],
                "groups": ["carers"],
                "date": day,
                "venue": "hall",
                "contact": "a@example.gov.uk",
            }
        )

    days = ["2027-01-01", "2027-01-20", "2027-02-01", "2027-02-05", "2027-02-10", "2027-02-27", "2027-04-01"]
    events = {f"e{n}": event(d, "council" if n % 2 else "trust") for n, d in enumerate(days)}

    found = fatigue(events, {"survey": ContinuumLevel.GETTING_INFORMATION}, {"north-ward", "south-ward"}, 3, 28)
    assert [(f.facet, f.key, f.first_day, f.last_day, f.events, f.organisers) for f in found] == [
        # 20 January to 16 February and 1 to 28 February both hold four asks: the earlier window is named.
        ("area", "north-ward", date(2027, 1, 20), date(2027, 2, 16), ("e1", "e2", "e3", "e4"), ("council", "trust")),
        ("group", "carers", date(2027, 1, 20), date(2027, 2, 16), ("e1", "e2", "e3", "e4"), ("council", "trust")),
    ]
    assert fatigue(events, {"survey": ContinuumLevel.GETTING_INFORMATION}, set(), 4, 28) == []
    # An event naming every area is district-wide: it counts for its groups, not against the area.
    district = fatigue(events, {"survey": ContinuumLevel.GETTING_INFORMATION}, {"north-ward"}, 3, 28)
    assert [(f.facet, f.key) for f in district] == [("group", "carers")]


def test_commitment_pages_show_the_criteria_they_serve_and_their_evaluations(demo_portal: Portal) -> None:
    pages = {p.url: p for p in generate(demo_portal).pages}
    page = pages["commitments/co-production-standard/"]
    assert isinstance(page.context, CommitmentPage)
    assert [c.id for c in page.context.criteria] == ["community-engagement-structures"]
    assert [r.id for r in page.context.evaluations] == ["community-chest-2026"]
    reach = pages["commitments/engagement-reach/"]
    assert isinstance(reach.context, CommitmentPage)
    assert [c.id for c in reach.context.criteria] == ["effective-engagement"]
    assert [r.id for r in reach.context.evaluations] == ["library-service-review-2026"]


def test_feedback_pages_link_to_the_evaluations_that_cite_them(demo_portal: Portal) -> None:
    pages = {p.url: p for p in generate(demo_portal).pages}
    linked = {
        url: [r.id for r in page.context.evaluations]
        for url, page in pages.items()
        if isinstance(page.context, FeedbackPage) and page.context.evaluations
    }
    assert linked == {
        "you-said-we-did/library-service-review-final/": ["library-service-review-2026"],
        "you-said-we-did/mental-health-hub-final/": ["south-asian-womens-mental-health-focus-group"],
        "you-said-we-did/tenancy-policy-final/": ["tenants-scrutiny-panel-2026"],
    }


def test_every_module_has_a_self_assessment_page_that_says_whether_it_was_assessed(demo_portal: Portal) -> None:
    pages = {p.url: p.context for p in generate(demo_portal).pages if isinstance(p.context, SelfAssessmentModule)}
    assert sorted(pages) == sorted(f"self-assessment/{m}/" for m in demo_portal.modules)
    found = {
        c.module.id: ([v.criterion.id for v in c.views], [r.id for r in c.view.commitments]) for c in pages.values()
    }
    # Only "Involving your customers" (criteria 1.14 to 3.17) is recorded, all under one module.
    assert found == {
        "understanding-communities": (
            [
                "community-engagement-structures",
                "effective-engagement",
                "fostering-good-relations",
                "community-development",
            ],
            ["engagement-reach", "ward-equality-profiles"],
        ),
        "leadership-partnership": (
            [],
            ["eia-quality", "feedback-within-twelve-weeks", "partnership-engagement-calendar"],
        ),
        "responsive-services": (
            [],
            ["accessible-engagement", "co-production-standard", "gypsy-roma-traveller-services"],
        ),
        "diverse-workforce": ([], ["inclusive-recruitment", "workforce-representation"]),
    }


def test_a_module_without_criteria_says_it_is_not_yet_assessed_and_links_its_commitments(demo_site: Path) -> None:
    page = (demo_site / "self-assessment" / "diverse-workforce" / "index.html").read_text("utf-8")
    assert "<p><strong>Not yet assessed.</strong> The partnership has not assessed itself against" in page
    assert '<h2 id="commitments">Equality commitments under this module</h2>' in page
    assert '<a href="../../commitments/workforce-representation/">' in page
    index = (demo_site / "self-assessment" / "index.html").read_text("utf-8")
    assert index.count("<p>Not yet assessed: the partnership has not assessed itself") == 3


def test_criteria_may_be_given_for_any_module(data_copy: Path) -> None:
    criteria = data_copy / "taxonomies" / "criteria.yaml"
    workforce = (
        criteria.read_text("utf-8")
        .replace("id: effective-engagement", "id: workforce-profile")
        .replace("module: communities", "module: workforce")
        .replace("section: Involving your customers", "section: A diverse workforce")
    )
    criteria.write_text(criteria.read_text("utf-8") + workforce, "utf-8")
    result = check_data(data_copy, date(2026, 11, 22))
    assert result.problems == []
    assert result.portal is not None
    page = next(p for p in generate(result.portal).pages if p.url == "self-assessment/workforce/")
    assert isinstance(page.context, SelfAssessmentModule)
    assert [(v.criterion.id, v.thin) for v in page.context.views] == [("workforce-profile", ("not assessed yet",))]
