"""The checked data set, indexed both ways so every page can link to what relates to it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path as FsPath
from typing import Any
from zoneinfo import ZoneInfo

from . import models
from .checks import (
    access,
    branding,
    clashes,
    dates,
    eia_rules,
    evaluations,
    happened,
    personal_data,
    population_shares,
    references,
    reserved_ids,
    unique_ids,
)
from .loading import LoadCache, Loaded, load
from .occurrences import Occurrence, expand
from .problems import Problem, errors
from .records import Record

CHECKS = (
    unique_ids.check,
    reserved_ids.check,
    references.check,
    access.check,
    dates.check,
    eia_rules.check,
    personal_data.check,
    population_shares.check,
    branding.check,
    evaluations.check,
)


@dataclass
class Portal:
    """Every record by id, plus the links between them in both directions."""

    settings: models.Settings
    today: date
    events: dict[str, Record[models.Event]]
    eias: dict[str, Record[models.Eia]]
    feedback: dict[str, Record[models.Feedback]]
    commitments: dict[str, Record[models.Commitment]]
    evaluations: dict[str, Record[models.Evaluation]]
    assessments: dict[str, Record[models.Assessment]]
    areas: dict[str, models.Area]
    topics: dict[str, models.Topic]
    groups: dict[str, models.Group]
    organisations: dict[str, models.Organisation]
    venues: dict[str, models.Venue]
    methods: dict[str, models.Method]
    characteristics: dict[str, models.Characteristic]
    modules: dict[str, models.Module]
    criteria: dict[str, models.Criterion]
    occurrences: list[Occurrence] = field(default_factory=list)
    # Back-links, each sorted by id.
    feedback_for_event: dict[str, list[str]] = field(default_factory=dict)
    eias_for_event: dict[str, list[str]] = field(default_factory=dict)
    feedback_for_eia: dict[str, list[str]] = field(default_factory=dict)
    commitments_for_record: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    superseded_by: dict[str, list[str]] = field(default_factory=dict)
    evaluations_for_record: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """Evaluations (ids) by the ('event' | 'feedback' | 'commitment', id) they name."""
    criteria_for_record: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    """Framework criteria (ids) by the (kind, id) of the records their assessment cites as evidence."""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.settings.timezone)

    def event_tz(self, event: models.Event) -> ZoneInfo:
        return ZoneInfo(event.timezone or self.settings.timezone)


def _by_id(records: list[Record[Any]]) -> dict[str, Record[Any]]:
    return {r.id: r for r in sorted(records, key=lambda r: r.id)}


def _entries(loaded: Loaded, name: str) -> dict[str, Any]:
    return {r.id: r.model for r in loaded.taxonomies.get(name, [])}


def _link(index: dict[Any, list[str]], key: Any, value: str) -> None:
    if value not in index.setdefault(key, []):
        index[key].append(value)


def build_portal(loaded: Loaded, today: date) -> Portal:
    """Index records that have passed every check."""
    assert loaded.settings is not None
    portal = Portal(
        settings=loaded.settings.model,
        today=today,
        events=_by_id(loaded.events),
        eias=_by_id(loaded.eias),
        feedback=_by_id(loaded.feedback),
        commitments=_by_id(loaded.commitments),
        evaluations=_by_id(loaded.evaluations),
        assessments=_by_id(loaded.assessments),
        areas=_entries(loaded, "areas"),
        topics=_entries(loaded, "topics"),
        groups=_entries(loaded, "groups"),
        organisations=_entries(loaded, "organisations"),
        venues=_entries(loaded, "venues"),
        methods=_entries(loaded, "methods"),
        characteristics=_entries(loaded, "characteristics"),
        modules=_entries(loaded, "modules"),
        criteria=_entries(loaded, "criteria"),
    )
    fb_event: dict[str, list[str]] = defaultdict(list)
    eia_event: dict[str, list[str]] = defaultdict(list)
    fb_eia: dict[str, list[str]] = defaultdict(list)
    commitments: dict[tuple[str, str], list[str]] = defaultdict(list)
    superseded: dict[str, list[str]] = defaultdict(list)
    for fid, f in portal.feedback.items():
        _link(fb_event, f.model.event, fid)
        if f.model.eia:
            _link(fb_eia, f.model.eia, fid)
        for cid in f.model.commitments:
            _link(commitments, ("feedback", fid), cid)
    for eid, e in portal.events.items():
        if e.model.eia:
            _link(eia_event, eid, e.model.eia)
        portal.occurrences.extend(expand(eid, e.model))
    for aid, a in portal.eias.items():
        for ev in a.model.engagement.events:
            _link(eia_event, ev, aid)
        for fid in a.model.engagement.feedback:
            _link(fb_eia, aid, fid)
        for cid in a.model.commitments:
            _link(commitments, ("eia", aid), cid)
        for old in a.model.supersedes:
            _link(superseded, old, aid)
    for cid, c in portal.commitments.items():
        for ev in c.model.evidence.events:
            _link(commitments, ("event", ev), cid)
        for aid in c.model.evidence.eias:
            _link(commitments, ("eia", aid), cid)
        for fid in c.model.evidence.feedback:
            _link(commitments, ("feedback", fid), cid)
    evaluated: dict[tuple[str, str], list[str]] = defaultdict(list)
    for vid, v in portal.evaluations.items():
        for ev in v.model.events:
            _link(evaluated, ("event", ev), vid)
        for fid in v.model.impact.feedback:
            _link(evaluated, ("feedback", fid), vid)
        for cid in v.model.impact.commitments:
            _link(evaluated, ("commitment", cid), vid)
    portal.evaluations_for_record = {k: sorted(v) for k, v in sorted(evaluated.items())}
    criteria: dict[tuple[str, str], list[str]] = defaultdict(list)
    for assessment in portal.assessments.values():
        for kind in ("events", "feedback", "eias", "commitments", "evaluations"):
            for rid in getattr(assessment.model.evidence, kind):
                _link(criteria, (kind, rid), assessment.model.criterion)
    portal.criteria_for_record = {k: sorted(v) for k, v in sorted(criteria.items())}
    portal.occurrences.sort()
    portal.feedback_for_event = {k: sorted(v) for k, v in sorted(fb_event.items())}
    portal.eias_for_event = {k: sorted(v) for k, v in sorted(eia_event.items())}
    portal.feedback_for_eia = {k: sorted(v) for k, v in sorted(fb_eia.items())}
    portal.commitments_for_record = {k: sorted(v) for k, v in sorted(commitments.items())}
    portal.superseded_by = {k: sorted(v) for k, v in sorted(superseded.items())}
    return portal


@dataclass
class CheckResult:
    """The outcome of loading and checking a data folder."""

    portal: Portal | None
    problems: list[Problem]
    """Errors and warnings, sorted; the portal exists when none is an error."""
    files: list[str]

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)


def check_data(
    root: FsPath, today: date | None = None, *, refuse_future: bool | None = None, cache: LoadCache | None = None
) -> CheckResult:
    """Load and check everything under `root`; a Portal only when there is no error (warnings allowed).
    With a `cache` (the preview), files unchanged since the last call are not read again.

    Things that must already have happened (an EIA completed, feedback published) may not be
    dated after today. That rule holds for the real day (ENGAGE_TODAY or the clock: `engage
    validate` and every build); a `today` given here is a view of the data as on another day,
    which shows what had been published by then, so it refuses nothing unless asked."""
    from .today import resolve_today

    loaded = load(FsPath(root), cache)
    problems = list(loaded.problems)
    for check in CHECKS:
        problems += check(loaded)
    zone = loaded.settings.model.timezone if loaded.settings else "Europe/London"
    # An unknown zone is reported by the dates check; today is still needed for the rest.
    day = today or resolve_today(zone if dates.valid_timezone(zone) else "Europe/London")
    if refuse_future is None:
        refuse_future = today is None
    if refuse_future:
        problems += happened.check(loaded, day)
    # A clash is about what is coming, so it depends on the day too.
    problems += clashes.check(loaded, day)
    problems = sorted(set(problems))
    if errors(problems) or loaded.settings is None:
        return CheckResult(None, problems, loaded.files)
    return CheckResult(build_portal(loaded, day), problems, loaded.files)
